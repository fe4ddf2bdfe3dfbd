"""Routes of the catalogue: operators with their parameter metadata, formats, layouts."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query

from foulard.errors import FoulardError
from foulard.web.deps import NotFound
from foulard.web.routes.common import Me

router = APIRouter()


@router.get("/catalogue/operators", tags=["catalogue"])
async def operators(
    me: Me,
    family: Annotated[str | None, Query(max_length=40)] = None,
    kind: Annotated[str | None, Query(max_length=20)] = None,
) -> dict:
    """Operators with their parameter metadata (ranges, choices, units, docs)."""
    from foulard.ops import registry

    specs = registry.operators(family=family, kind=kind)
    return {"families": registry.families(), "operators": [s.to_json() for s in specs]}


@router.get("/catalogue/operators/{op_id}", tags=["catalogue"])
async def operator(op_id: str, me: Me) -> dict:
    from foulard.ops import registry

    if not re.fullmatch(r"[a-z_]{1,30}\.[a-z0-9_]{1,60}", op_id):
        raise FoulardError("an operator id is family.name")
    try:
        return registry.get(op_id).to_json()
    except FoulardError:
        raise NotFound(f"no operator {op_id}") from None


@router.get("/catalogue/formats", tags=["catalogue"])
async def formats(me: Me) -> dict:
    """Scarf formats (sizes, hems, safe zones) and layouts."""
    from foulard.ops import registry
    from foulard.scarf.formats import FORMATS

    return {
        "formats": [f.to_json() for f in FORMATS.values()],
        "layouts": [s.to_json() for s in registry.operators(family="layout")],
    }
