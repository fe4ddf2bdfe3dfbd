"""What the route modules share: request bodies, the caller, design summaries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from pydantic import BaseModel, ConfigDict

from foulard.genome.schema import Genome
from foulard.web.accounts import Account
from foulard.web.deps import NotFound, Studio, account, admin, check_design_id, designer, studio
from foulard.web.work import design_format

__all__ = ["Admin", "Body", "Designer", "Me", "St", "summary", "visible"]

Me = Annotated[Account, Depends(account)]
Designer = Annotated[Account, Depends(designer)]
Admin = Annotated[Account, Depends(admin)]
St = Annotated[Studio, Depends(studio)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def summary(g: Genome, /, **extra: Any) -> dict:
    """A design as the grids show it: id, title, format, preview URL (and ``extra``)."""
    did = g.design_id
    return {
        "design_id": did,
        "title": g.meta.get("title") or f"design {g.short_id}",
        "format": design_format(g),
        "preview": f"/api/designs/{did}/preview.png",
        **extra,
    }


def visible(st: Studio, me: Account, design_id: str) -> Genome:
    """The design if ``me`` may see it, else 404 (a database read: call it in a thread)."""
    check_design_id(design_id)
    genome = st.store.genome(design_id)
    if genome is None or not st.store.can_see(me, design_id):
        raise NotFound(f"no design {design_id[:12]} here (or not yours to see)")
    return genome
