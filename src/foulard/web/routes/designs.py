"""Routes on one design: see it, edit it, like it, claim it; designers compose genomes."""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import Field

from foulard.errors import FoulardError, LedgerError
from foulard.genome.schema import Genome
from foulard.web.accounts import Account
from foulard.web.deps import Studio
from foulard.web.editing import controls, edit_genome
from foulard.web.routes.common import Body, Designer, Me, St, summary, visible
from foulard.web.work import KINDS

router = APIRouter()


class Judgement(Body):
    liked: bool


class EditBody(Body):
    path: str | None = Field(default=None, max_length=200)
    params: dict[str, Any] = Field(default_factory=dict)
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)


class GenomeBody(Body):
    genome: dict[str, Any]


@router.post("/designs/{design_id}/judge", tags=["designs"])
def judge(design_id: str, body: Judgement, me: Me, st: St) -> dict:
    """Like or dislike a design: the stream is re-ranked by the person's taste."""
    visible(st, me, design_id)
    st.store.judge(me.person_id, design_id, body.liked)
    return {"ok": True, "judgements": len(st.store.judgements(me.person_id))}


@router.get("/designs/{design_id}", tags=["designs"])
def get_design(design_id: str, me: Me, st: St) -> dict:
    """A design: its genome, its editable parameters (with ranges, choices, docs), its
    status in the ledger."""
    genome = visible(st, me, design_id)
    status = None
    with contextlib.suppress(LedgerError):
        status = st.store.ledger.design(design_id).to_json()
    return summary(
        genome,
        genome=genome.to_json(),
        controls=controls(genome),
        ledger=status,
        kinds=list(KINDS),
    )


@router.post("/designs/{design_id}/edit", tags=["designs"])
def edit(design_id: str, body: EditBody, me: Me, st: St) -> dict:
    """A new design from this one with parameters changed (validated: ranges, choices)."""
    genome = visible(st, me, design_id)
    changed = edit_genome(genome, body.path, body.params, body.seed)
    st.store.put_design(changed, "edit", person=me.person_id, parent=design_id)
    return summary(changed, parent=design_id)


@router.post("/designs/{design_id}/claim", tags=["ledger"])
async def claim(design_id: str, me: Me, st: St) -> dict:
    """Claim a design: a design of your own stream, or one made for you."""
    genome = await run_in_threadpool(visible, st, me, design_id)
    return await st.pool.run(_claim, st, me, genome)


def _claim(st: Studio, me: Account, genome: Genome) -> dict:
    from foulard.ledger.issue import issue_genome

    ledger = st.store.ledger
    issue_genome(ledger, st.space, genome)
    result = ledger.claim(genome.design_id, me.person_id)
    return {**result.design.to_json(), "won": result.won}


@router.get("/me/designs", tags=["ledger"])
def my_designs(me: Me, st: St) -> dict:
    """The designs this person owns in the ledger."""
    return {"designs": st.store.owned(me.person_id)}


@router.post("/genomes/validate", tags=["genomes"])
async def validate(body: GenomeBody, me: Designer) -> dict:
    """Check a genome: schema, operators, parameters (designers)."""
    try:
        g = Genome.from_json(body.genome)
    except FoulardError as exc:
        return {"valid": False, "error": str(exc)}
    return {"valid": True, "design_id": g.design_id}


@router.post("/genomes", tags=["genomes"], status_code=201)
def put_genome(body: GenomeBody, me: Designer, st: St) -> dict:
    """Add a genome composed freely (designers); it can then be previewed and ordered."""
    g = Genome.from_json(body.genome)
    st.store.put_design(g, "composed", person=me.person_id)
    return summary(g)
