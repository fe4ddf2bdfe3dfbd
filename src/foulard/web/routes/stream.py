"""Routes where designs come from: a prompt, and the person's own stream of the space."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import Field

from foulard.errors import FoulardError
from foulard.web.accounts import Account
from foulard.web.deps import Studio, charge
from foulard.web.routes.common import Body, Me, St, summary

router = APIRouter()
log = logging.getLogger("foulard.web")

RANK_HEAD = 480
_RANKS: dict[tuple, list[int]] = {}  # a person's ranking by their judgements (pure)


class PromptBody(Body):
    text: str = Field(min_length=1, max_length=2000)
    count: int | None = Field(default=None, ge=1, le=24)
    seed: int = Field(default=0, ge=0, le=2**62)


@router.post("/prompt", tags=["designs"])
async def prompt(body: PromptBody, request: Request, me: Me, st: St) -> dict:
    """Designs from a prompt in Chinese or English; the understood intent comes back."""
    await run_in_threadpool(charge, request, "prompt")
    count = body.count or None
    if count is not None and count > st.settings.max_prompt_designs:
        raise FoulardError(f"at most {st.settings.max_prompt_designs} designs per prompt")
    return await st.pool.run(_prompt, st, me, body.text, count, body.seed)


def _prompt(st: Studio, me: Account, text: str, count: int | None, seed: int) -> dict:
    from foulard.prompt import design, parse

    intent = parse(text)
    n = count or min(
        intent.design_count or st.settings.prompt_designs, st.settings.max_prompt_designs
    )
    try:
        batch = design(intent, n, seed=seed, space=st.space, slot=me.slot)
    except FoulardError:
        raise
    except Exception:  # the space side failed: compose them all, and say so in the log
        log.exception("drawing from the design space failed for %r; composing instead", text)
        batch = design(intent, n, seed=seed)
    if batch.reason:
        raise FoulardError(batch.reason)
    st.store.put_many([c.genome for c in batch.candidates], "prompt", me.person_id)
    designs = [
        summary(c.genome, explanation=c.explanation, source=c.source) for c in batch.candidates
    ]
    return {
        "intent": batch.intent.to_json(),
        "designs": designs,
        "notes": batch.notes,
        "metrics": batch.metrics,
    }


@router.get("/stream", tags=["designs"])
async def stream(
    me: Me,
    st: St,
    start: Annotated[int, Query(ge=0, lt=100_000)] = 0,
    count: Annotated[int | None, Query(ge=1, le=48)] = None,
    ranked: bool = True,
) -> dict:
    """The person's own designs of the space (100,000), ranked by their taste if any."""
    count = min(count or st.settings.stream_page, st.settings.max_stream_page)
    return await st.pool.run(_stream, st, me, start, count, ranked)


def _stream(st: Studio, me: Account, start: int, count: int, ranked: bool) -> dict:
    from foulard.space.address import PER_PERSON

    stop = min(PER_PERSON, start + count)
    order = None
    judged = st.store.judgements(me.person_id) if ranked else []
    if judged and any(liked for _, liked in judged):
        key = (me.person_id, tuple(judged))
        order = _RANKS.get(key)
        if order is None:
            order = _rank(st, me, judged)
            if len(_RANKS) > 256:
                _RANKS.clear()
            _RANKS[key] = order
    if order is not None and start < len(order):
        ns = order[start:stop]
        if len(ns) < stop - start:  # past the ranked head: the plain order, minus those
            rest = [n for n in range(start, PER_PERSON) if n not in set(order)]
            ns += rest[: stop - start - len(ns)]
    else:
        ns = list(range(start, stop))
    base = me.slot * PER_PERSON
    genomes = st.space.genomes([base + n for n in ns])
    st.store.put_many(genomes, "space", me.person_id)
    items = [summary(g, n=n) for n, g in zip(ns, genomes, strict=True)]
    return {
        "start": start,
        "next": stop if stop < PER_PERSON else None,
        "ranked": order is not None,
        "designs": items,
    }


def _rank(st: Studio, me: Account, judged: list[tuple[str, bool]]) -> list[int]:
    from foulard.evolve import rank_stream, taste_model

    liked = [g for d, ok in judged if ok and (g := st.store.genome(d)) is not None]
    disliked = [g for d, ok in judged if not ok and (g := st.store.genome(d)) is not None]
    if not liked:
        return []
    model = taste_model(liked, disliked)
    return [n for n, _ in rank_stream(st.space, me.slot, model, RANK_HEAD)]
