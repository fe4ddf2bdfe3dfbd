"""The studio's API routes (``/api/...``); the OpenAPI schema is at ``/api/openapi.json``."""

from __future__ import annotations

import logging
import re
import secrets
import shutil
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from foulard.errors import FoulardError
from foulard.genome.schema import Genome, Node
from foulard.web import accounts as acc_mod
from foulard.web.accounts import Account, AuthError
from foulard.web.deps import (
    Forbidden,
    NotFound,
    RateLimited,
    Studio,
    account,
    admin,
    charge,
    check_design_id,
    designer,
    studio,
)
from foulard.web.work import KINDS, colourways, design_format, ink_table, preview_png

router = APIRouter(prefix="/api")
log = logging.getLogger("foulard.web")

Me = Annotated[Account, Depends(account)]
Designer = Annotated[Account, Depends(designer)]
Admin = Annotated[Account, Depends(admin)]
St = Annotated[Studio, Depends(studio)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- accounts ----------------------------------------------------------------------------


class LoginBody(Body):
    person: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)


class NewAccount(Body):
    person: str = Field(min_length=1, max_length=128)
    role: Literal["customer", "designer", "admin"] = "customer"
    password: str = Field(min_length=8, max_length=256)


@router.get("/health", tags=["studio"])
async def health() -> dict:
    """Liveness (no login needed)."""
    return {"ok": True}


@router.post("/login", tags=["accounts"])
async def login(body: LoginBody, request: Request, st: St) -> dict:
    """Trade a person id and password for a bearer token."""
    client = request.client.host if request.client else "?"
    wait = st.logins.take(client)
    if wait:
        raise RateLimited(wait)
    token, acc = await st.pool.run(
        _in_thread_login, st, body.person, body.password, st.settings.token_days
    )
    return {"token": token, "account": acc.to_json()}


def _create(st: Studio, person: str, role: str, password: str):
    return acc_mod.create_account(st.store.db, person, role, password)


def _in_thread_login(st: Studio, person: str, password: str, days: float):
    return acc_mod.login(st.store.db, person, password, days=days)


@router.post("/logout", tags=["accounts"])
async def logout(request: Request, me: Me, st: St) -> dict:
    """Revoke the token this request carries."""
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    acc_mod.revoke_token(st.store.db, token)
    st.token_cache.pop(token, None)
    return {"ok": True}


@router.get("/me", tags=["accounts"])
async def me_info(me: Me) -> dict:
    """Who is logged in: person, role and slot in the design space."""
    return me.to_json()


@router.post("/accounts", tags=["accounts"], status_code=201)
async def new_account(body: NewAccount, me: Admin, st: St) -> dict:
    """Create an account (admins only); the person is registered in the ledger."""
    account_, created = await st.pool.run(_create, st, body.person, body.role, body.password)
    if not created:
        raise FoulardError(f"the account {body.person!r} exists already")
    return account_.to_json()


# -- designs ----------------------------------------------------------------------------


def _summary(st: Studio, g: Genome, /, **extra: Any) -> dict:
    did = g.design_id
    meta = g.meta
    return {
        "design_id": did,
        "title": meta.get("title") or f"design {g.short_id}",
        "format": design_format(g),
        "preview": f"/api/designs/{did}/preview.png",
        **extra,
    }


def _visible(st: Studio, me: Account, design_id: str) -> Genome:
    check_design_id(design_id)
    genome = st.store.genome(design_id)
    if genome is None or not st.store.can_see(me, design_id):
        raise NotFound(f"no design {design_id[:12]} here (or not yours to see)")
    return genome


class PromptBody(Body):
    text: str = Field(min_length=1, max_length=2000)
    count: int | None = Field(default=None, ge=1, le=24)
    seed: int = Field(default=0, ge=0, le=2**62)


@router.post("/prompt", tags=["designs"])
async def prompt(body: PromptBody, request: Request, me: Me, st: St) -> dict:
    """Designs from a prompt in Chinese or English; the understood intent comes back."""
    charge(request, "prompt")
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
        _summary(st, c.genome, explanation=c.explanation, source=c.source) for c in batch.candidates
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


_RANKS: dict[tuple, list[int]] = {}


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
    items = [_summary(st, g, n=n) for n, g in zip(ns, genomes, strict=True)]
    return {
        "start": start,
        "next": stop if stop < PER_PERSON else None,
        "ranked": order is not None,
        "designs": items,
    }


RANK_HEAD = 480


def _rank(st: Studio, me: Account, judged: list[tuple[str, bool]]) -> list[int]:
    from foulard.evolve import rank_stream, taste_model

    liked = [g for d, ok in judged if ok and (g := st.store.genome(d)) is not None]
    disliked = [g for d, ok in judged if not ok and (g := st.store.genome(d)) is not None]
    if not liked:
        return []
    model = taste_model(liked, disliked)
    return [n for n, _ in rank_stream(st.space, me.slot, model, RANK_HEAD)]


class Judgement(Body):
    liked: bool


@router.post("/designs/{design_id}/judge", tags=["designs"])
async def judge(design_id: str, body: Judgement, me: Me, st: St) -> dict:
    """Like or dislike a design: the stream is re-ranked by the person's taste."""
    _visible(st, me, design_id)
    st.store.judge(me.person_id, design_id, body.liked)
    return {"ok": True, "judgements": len(st.store.judgements(me.person_id))}


def _controls(genome: Genome) -> list[dict]:
    nodes = [("palette", genome.palette), *genome.root.walk()]
    out = []
    for path, node in nodes[:96]:
        spec = node.spec
        values = node.params.to_json()
        params = []
        for p in spec.params.specs():
            d = p.to_json()
            d["value"] = values.get(p.name)
            params.append(d)
        out.append({
            "path": path,
            "op": node.op,
            "kind": spec.kind,
            "summary": spec.summary,
            "params": params,
        })  # fmt: skip
    return out


@router.get("/designs/{design_id}", tags=["designs"])
async def get_design(design_id: str, me: Me, st: St) -> dict:
    """A design: its genome, its editable parameters (with ranges, choices, docs), its
    status in the ledger."""
    genome = _visible(st, me, design_id)
    status = None
    with _suppress_ledger():
        status = st.store.ledger.design(design_id).to_json()
    return _summary(
        st,
        genome,
        genome=genome.to_json(),
        controls=_controls(genome),
        ledger=status,
        kinds=list(KINDS),
    )


class _suppress_ledger:
    def __enter__(self):
        return self

    def __exit__(self, typ, exc, tb):
        from foulard.errors import LedgerError

        return typ is not None and issubclass(typ, LedgerError)


class EditBody(Body):
    path: str | None = Field(default=None, max_length=200)
    params: dict[str, Any] = Field(default_factory=dict)
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)


_PATH = re.compile(r"^(palette|root(/[a-z_][a-z0-9_]{0,40}(/[0-9]{1,3})?)*)$")


def _with_params(node: Node, params: dict, path: str) -> Node:
    """``node`` with ``params`` changed, validated strictly (unknown names, ranges)."""
    values = {**node.params.to_json(), **params}
    return Node(node.op, node.spec.params.from_json(values, path), node.inputs)


def _replace_at(node: Node, parts: list[str], params: dict) -> Node:
    if not parts:
        return _with_params(node, params, node.op)
    name = parts[0]
    try:
        value = node.input(name)
    except KeyError:
        raise FoulardError(f"{node.op} has no input {name!r}") from None
    if isinstance(value, tuple):
        if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) >= len(value):
            raise FoulardError(f"input {name!r} of {node.op} needs an index below {len(value)}")
        i = int(parts[1])
        items = list(value)
        items[i] = _replace_at(items[i], parts[2:], params)
        return node.with_input(name, items)
    return node.with_input(name, _replace_at(value, parts[1:], params))


def edit_genome(genome: Genome, path: str | None, params: dict, seed: int | None) -> Genome:
    """A copy of ``genome`` with the parameters of the node at ``path`` (and the seed)
    changed; every value is validated against the operator's metadata."""
    if len(params) > 64:
        raise FoulardError("at most 64 parameters per edit")
    if params and path is None:
        raise FoulardError("say which node to edit ('path', e.g. root or root/layers/0)")
    changed = genome
    if params:
        if not _PATH.match(path or ""):
            raise FoulardError(f"not a node path: {path!r} (e.g. palette, root, root/layers/0)")
        if path == "palette":
            changed = changed.replace(palette=_with_params(changed.palette, params, "palette"))
        else:
            parts = path.split("/")[1:]
            changed = changed.replace(root=_replace_at(changed.root, parts, params))
    if seed is not None:
        changed = changed.replace(seed=seed)
    meta = changed.meta
    prov = meta.get("provenance") if isinstance(meta.get("provenance"), dict) else {}
    prov = {k: v for k, v in prov.items() if k != "space"}
    prov["edited_from"] = genome.design_id
    meta["provenance"] = prov
    return changed.replace(meta=meta)


@router.post("/designs/{design_id}/edit", tags=["designs"])
async def edit(design_id: str, body: EditBody, me: Me, st: St) -> dict:
    """A new design from this one with parameters changed (validated: ranges, choices)."""
    genome = _visible(st, me, design_id)
    changed = edit_genome(genome, body.path, body.params, body.seed)
    st.store.put_design(changed, "edit", person=me.person_id, parent=design_id)
    return _summary(st, changed, parent=design_id)


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
    genome = _visible(st, me, design_id)
    if colourway:
        from foulard.production.colourways import parse_request

        parse_request(colourway)
    from foulard.web.work import cache_path

    path = cache_path(s, design_id, kind, px, colourway)
    if not path.is_file():
        charge(request, "preview")
        path = await st.pool.run(preview_png, s, genome, kind, px, colourway)
    return FileResponse(
        path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"}
    )


@router.get("/designs/{design_id}/inks", tags=["designs"])
async def inks(design_id: str, me: Me, st: St) -> dict:
    """The ink table read from a preview (names of Chinese traditional colours) and
    colourways that keep the design readable."""
    genome = _visible(st, me, design_id)
    table, _ = await st.pool.run(ink_table, genome)
    ways = await st.pool.run(colourways, genome)
    return {"inks": table.to_json()["inks"], "colourways": ways}


@router.post("/designs/{design_id}/claim", tags=["ledger"])
async def claim(design_id: str, me: Me, st: St) -> dict:
    """Claim a design: a design of your own stream, or one made for you."""
    genome = _visible(st, me, design_id)
    return await st.pool.run(_claim, st, me, genome)


def _claim(st: Studio, me: Account, genome: Genome) -> dict:
    from foulard.ledger.issue import issue_genome

    ledger = st.store.ledger
    issue_genome(ledger, st.space, genome)
    result = ledger.claim(genome.design_id, me.person_id)
    return {**result.design.to_json(), "won": result.won}


@router.get("/me/designs", tags=["ledger"])
async def my_designs(me: Me, st: St) -> dict:
    """The designs this person owns in the ledger."""
    return {"designs": st.store.owned(me.person_id)}


# -- orders -------------------------------------------------------------------------------


class OrderBody(Body):
    format: str = Field(default="carre90", max_length=40)
    ppi: float = Field(default=300, ge=150, le=600)
    inks: int = Field(default=12, ge=2, le=48)
    colourways: int = Field(default=3, ge=0, le=24)
    colourway: str | None = Field(default=None, max_length=200)


@router.post("/designs/{design_id}/orders", tags=["orders"], status_code=202)
async def order(design_id: str, body: OrderBody, request: Request, me: Me, st: St) -> dict:
    """Start making the print order (master, plates, colourways, proof, previews, spec
    sheet); poll the job, then download its zip."""
    from foulard.production.colourways import parse_request
    from foulard.scarf.formats import get_format

    genome = _visible(st, me, design_id)
    s = st.settings
    fmt = get_format(body.format)
    w, h = fmt.canvas_px(body.ppi)
    if max(w, h) > s.max_export_px:
        raise FoulardError(
            f"{fmt.name} at {body.ppi:g} ppi is {w} x {h} px; this studio makes masters up to "
            f"{s.max_export_px} px (lower the ppi or the size)"
        )
    if body.inks > s.max_export_inks:
        raise FoulardError(f"at most {s.max_export_inks} inks here")
    if body.colourways > s.max_export_colourways:
        raise FoulardError(f"at most {s.max_export_colourways} colourways here")
    requests = []
    if body.colourway:
        requests = [parse_request(body.colourway).label]
    charge(request, "export")
    job = st.jobs.submit(
        me.person_id,
        genome,
        {
            "format": fmt.name,
            "ppi": body.ppi,
            "inks": body.inks,
            "colourways": max(body.colourways, len(requests)),
            "colourway_requests": requests,
        },
    )
    return job.to_json()


def _job(st: Studio, me: Account, job_id: str):
    if not re.fullmatch(r"[0-9a-f]{24}", job_id):
        raise FoulardError("a job id is 24 hexadecimal digits")
    job = st.jobs.get(job_id)
    if job is None or (job.owner != me.person_id and not me.at_least("admin")):
        raise NotFound("no such job")
    return job


@router.get("/jobs", tags=["orders"])
async def my_jobs(me: Me, st: St) -> dict:
    return {"jobs": [j.to_json() for j in st.jobs.of(me.person_id)]}


@router.get("/jobs/{job_id}", tags=["orders"])
async def job_status(job_id: str, me: Me, st: St) -> dict:
    """A job's state, stage and progress (0 to 1)."""
    return _job(st, me, job_id).to_json()


@router.delete("/jobs/{job_id}", tags=["orders"])
async def job_cancel(job_id: str, me: Me, st: St) -> dict:
    """Cancel a queued or running job (its files are removed)."""
    job = _job(st, me, job_id)
    st.jobs.cancel(job)
    return job.to_json()


@router.get("/jobs/{job_id}/download", tags=["orders"], response_class=FileResponse)
async def job_download(job_id: str, me: Me, st: St):
    """The finished order as a zip."""
    job = _job(st, me, job_id)
    if job.state != "done" or job.zip_path is None:
        raise FoulardError(f"the order is {job.state}, not ready")
    return FileResponse(job.zip_path, media_type="application/zip", filename=job.zip_path.name)


# -- genomes (designers) ------------------------------------------------------------------


class GenomeBody(Body):
    genome: dict[str, Any]


@router.post("/genomes/validate", tags=["genomes"])
async def validate(body: GenomeBody, me: Designer) -> dict:
    """Check a genome: schema, operators, parameters (designers)."""
    try:
        g = Genome.from_json(body.genome)
    except FoulardError as exc:
        return {"valid": False, "error": str(exc)}
    return {"valid": True, "design_id": g.design_id}


@router.post("/genomes", tags=["genomes"], status_code=201)
async def put_genome(body: GenomeBody, me: Designer, st: St) -> dict:
    """Add a genome composed freely (designers); it can then be previewed and ordered."""
    g = Genome.from_json(body.genome)
    st.store.put_design(g, "composed", person=me.person_id)
    return _summary(st, g)


# -- catalogue ----------------------------------------------------------------------------


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


# -- library ------------------------------------------------------------------------------


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
    charge(request, "upload")
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
    if not re.fullmatch(r"[0-9a-f]{64}", pattern_id):
        raise FoulardError("a pattern id is 64 lowercase hexadecimal digits")
    path = st.store.library().store.thumb_path(pattern_id)
    if not path.is_file():
        raise NotFound("no such pattern")
    return FileResponse(path, media_type="image/jpeg")


_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".svg", ".zip"}


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
    charge(request, "upload")
    if not 1 <= len(files) <= 32:
        raise FoulardError("send 1 to 32 files")
    folder = st.settings.home / "studio" / "uploads" / secrets.token_hex(8)
    folder.mkdir(parents=True)
    try:
        budget = st.settings.max_upload_bytes
        for i, f in enumerate(files):
            data = await _read_upload(f, budget)
            budget -= len(data)
            ext = (
                "." + (f.filename or "").rsplit(".", 1)[-1].lower()
                if "." in (f.filename or "")
                else ""
            )
            (folder / f"upload-{i:02d}{ext if ext in _EXT else '.bin'}").write_bytes(data)
        report = await st.pool.run(
            _ingest, st, folder, licence.strip() or None, author.strip() or None, me.person_id
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    st.store.library_generation += 1
    return report


def _ingest(st: Studio, folder, licence, author, person) -> dict:
    from foulard.library import ingest

    lib = st.store.library()
    report = ingest(
        lib, [folder], source=f"studio upload ({person})", licence=licence, author=author, workers=1
    )
    lib.refresh_index()
    out = report.to_json()
    return {k: v for k, v in out.items() if k not in ("seconds", "added_per_second")}


__all__ = ["AuthError", "Forbidden", "edit_genome", "router"]
