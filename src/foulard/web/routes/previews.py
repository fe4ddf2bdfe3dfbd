"""Routes that draw a design: PNG previews (cached on disk) and its inks and colourways.

A cached preview never waits for a slot of the slow-work pool, nor (on SQLite,
whose reads never wait for a writer) for a thread at all: it is answered on the
event loop, so a flood of previews still to render cannot hold up cached ones.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response

from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.web.accounts import Account
from foulard.web.deps import Studio, charge
from foulard.web.routes.common import Me, St, visible
from foulard.web.work import cached_preview, colourways, ink_table, preview_png

router = APIRouter()
_PNG_HEADERS = {"Cache-Control": "private, max-age=86400"}


@router.get("/designs/{design_id}/preview.png", tags=["designs"], response_class=FileResponse)
async def preview(
    design_id: str,
    request: Request,
    me: Me,
    st: St,
    px: Annotated[int, Query(ge=16, le=4096)] = 384,
    kind: Literal["plain", "flat", "folded"] = "plain",
    colourway: Annotated[str, Query(max_length=200)] = "",
):
    """A PNG preview: the design (plain), flat with hem, or worn/folded; cached."""
    s = st.settings
    if not s.min_preview_px <= px <= s.max_preview_px:
        raise FoulardError(f"preview sizes are {s.min_preview_px} to {s.max_preview_px} px")
    args = (st, me, design_id, kind, px, colourway)
    if st.store.quick_reads:  # local reads that never wait: no thread, no pool slot
        genome, data = _cached(*args)
    else:
        genome, data = await run_in_threadpool(_cached, *args)
    if data is None:
        await run_in_threadpool(charge, request, "preview")
        data = await st.pool.run(preview_png, s, genome, kind, px, colourway)
    return Response(data, media_type="image/png", headers=_PNG_HEADERS)


def _cached(
    st: Studio, me: Account, design_id: str, kind: str, px: int, colourway: str
) -> tuple[Genome, bytes | None]:
    """The design (if visible) and its cached PNG, if there is one."""
    genome = visible(st, me, design_id)
    if colourway:
        from foulard.production.colourways import parse_request

        parse_request(colourway)
    return genome, cached_preview(st.settings, design_id, kind, px, colourway)


@router.get("/designs/{design_id}/inks", tags=["designs"])
async def inks(design_id: str, me: Me, st: St) -> dict:
    """The ink table read from a preview (names of Chinese traditional colours) and
    colourways that keep the design readable."""
    genome = await run_in_threadpool(visible, st, me, design_id)
    table, _ = await st.pool.run(ink_table, genome)
    ways = await st.pool.run(colourways, genome)
    return {"inks": table.to_json()["inks"], "colourways": ways}
