"""Routes of the pattern library: search by words, colours or a picture, browse,
thumbnails, and ingest (admins)."""

from __future__ import annotations

import secrets
import shutil
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from foulard.errors import FoulardError
from foulard.web.deps import NotFound, Studio, charge
from foulard.web.routes.common import Admin, Designer, St, summary

router = APIRouter()

_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".svg", ".zip"}


def _check_pattern_id(pattern_id: str) -> None:
    from foulard.library.store import is_pattern_id

    if not is_pattern_id(pattern_id):
        raise FoulardError("a pattern id is 64 lowercase hexadecimal digits")


def _hits(hits) -> list[dict]:
    return [{**h.to_json(), "thumb": f"/api/library/patterns/{h.pattern.id}/thumb"} for h in hits]


@router.get("/library/search", tags=["library"])
async def library_search(
    me: Designer,
    st: St,
    q: Annotated[str, Query(max_length=300)] = "",
    colours: Annotated[str, Query(max_length=300)] = "",
    k: Annotated[int, Query(ge=1, le=60)] = 24,
) -> dict:
    """Search the library by words (Chinese or English) or colours (names or #hex)."""
    if bool(q.strip()) == bool(colours.strip()):
        raise FoulardError("give either words (q) or colours")
    return await st.pool.run(_search, st, q.strip(), colours.strip(), k)


def _search(st: Studio, q: str, colours: str, k: int) -> dict:
    from foulard.library import search_colours, search_text

    lib = st.store.library()
    hits = search_text(lib, q, k=k) if q else search_colours(lib, colours, k=k)
    return {"hits": _hits(hits)}


async def _read_upload(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise FoulardError(f"the file is larger than {limit} bytes")
    if not data:
        raise FoulardError("the file is empty")
    return data


@router.post("/library/search-image", tags=["library"])
async def library_search_image(
    request: Request,
    me: Designer,
    st: St,
    file: Annotated[UploadFile, File(description="a PNG, JPEG, TIFF, WebP or SVG picture")],
    k: Annotated[int, Form(ge=1, le=60)] = 24,
) -> dict:
    """Patterns that look like an uploaded picture."""
    await run_in_threadpool(charge, request, "upload")
    data = await _read_upload(file, st.settings.max_upload_bytes)
    return await st.pool.run(_search_image, st, data, k)


def _search_image(st: Studio, data: bytes, k: int) -> dict:
    from foulard.library import search_image

    return {"hits": _hits(search_image(st.store.library(), data, k=k))}


@router.get("/library/browse", tags=["library"])
async def library_browse(
    me: Designer,
    st: St,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=96)] = 24,
) -> dict:
    """Patterns in the order they came in."""
    return await st.pool.run(_browse, st, offset, limit)


def _browse(st: Studio, offset: int, limit: int) -> dict:
    lib = st.store.library()
    with lib.db.transaction() as tx:
        seqs = [
            int(r[0])
            for r in tx.all(
                "SELECT seq FROM patterns WHERE duplicate_of IS NULL ORDER BY seq LIMIT ? OFFSET ?",
                (limit, offset),
            )
        ]
        total = int(tx.one("SELECT COUNT(*) FROM patterns WHERE duplicate_of IS NULL")[0])
    found = lib.patterns_by_seq(seqs)
    items = []
    for s in seqs:
        p = found.get(s)
        if p is None:
            continue
        items.append({
            "id": p.id,
            "title": p.title,
            "attribution": p.attribution,
            "kind": p.kind,
            "size": [p.width, p.height],
            "palette": [c["hex"] for c in p.palette],
            "thumb": f"/api/library/patterns/{p.id}/thumb",
        })  # fmt: skip
    return {"offset": offset, "total": total, "patterns": items}


@router.get("/library/patterns/{pattern_id}/thumb", tags=["library"], response_class=FileResponse)
async def library_thumb(pattern_id: str, me: Designer, st: St):
    """A pattern's thumbnail (JPEG)."""
    from foulard.library.store import Store, library_root

    _check_pattern_id(pattern_id)
    path = Store(library_root(st.settings.home)).thumb_path(pattern_id)
    if not path.is_file():
        raise NotFound("no such pattern")
    return FileResponse(path, media_type="image/jpeg")


@router.post("/library/patterns/{pattern_id}/fit", tags=["library"], status_code=201)
async def library_fit(
    pattern_id: str,
    me: Designer,
    st: St,
    repeats: Annotated[int, Query(ge=1, le=64)] = 4,
) -> dict:
    """A new design from a library picture: the model's fit of it (``learned.neural_fit``),
    a seamless field that scales to any size and can be edited, blended and ordered."""
    _check_pattern_id(pattern_id)
    return await st.pool.run(_fit, st, pattern_id, repeats, me.person_id)


def _fit(st: Studio, pattern_id: str, repeats: int, person: str) -> dict:
    from foulard.library.errors import PatternNotFound
    from foulard.ops.learned.neural_fit import fit_library_picture

    try:
        g = fit_library_picture(st.store.library(), pattern_id, repeats)
    except PatternNotFound:
        raise NotFound(f"no pattern {pattern_id[:12]} in the library") from None
    st.store.put_design(g, "fitted", person=person)
    return summary(g)


@router.post("/library/ingest", tags=["library"])
async def library_ingest(
    request: Request,
    me: Admin,
    st: St,
    files: Annotated[list[UploadFile], File(description="pictures or zip archives")],
    licence: Annotated[str, Form(max_length=100)] = "",
    author: Annotated[str, Form(max_length=100)] = "",
) -> dict:
    """Add pictures to the library (admins): bad files are reported, not stored."""
    await run_in_threadpool(charge, request, "upload")
    if not 1 <= len(files) <= 32:
        raise FoulardError("send 1 to 32 files")
    folder = st.settings.home / "studio" / "uploads" / secrets.token_hex(8)
    folder.mkdir(parents=True)
    try:
        budget = st.settings.max_upload_bytes
        for i, f in enumerate(files):
            data = await _read_upload(f, budget)
            budget -= len(data)
            name = f.filename or ""
            ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
            (folder / f"upload-{i:02d}{ext if ext in _EXT else '.bin'}").write_bytes(data)
        return await st.pool.run(
            _ingest, st, folder, licence.strip() or None, author.strip() or None, me.person_id
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ingest(st: Studio, folder, licence, author, person) -> dict:
    from foulard.library import ingest

    lib = st.store.library()
    report = ingest(
        lib, [folder], source=f"studio upload ({person})", licence=licence, author=author, workers=1
    )
    lib.refresh_index()  # the other threads and processes see the new patterns' numbers
    out = report.to_json()
    return {k: v for k, v in out.items() if k not in ("seconds", "added_per_second")}
