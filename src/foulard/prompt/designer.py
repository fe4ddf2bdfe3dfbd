"""Intent -> a batch of candidate designs, different from each other by a measured margin.

:func:`design` draws candidates from the person's own addresses of the design space
when a space and a person are given and the space can express the intent (those carry
the space's no-repeat guarantee), and composes the rest (:mod:`foulard.prompt.compose`).
Every candidate is checked against the intent (:func:`~foulard.prompt.honour.honours`),
explained in the prompt's language, and compared with the others and with what the
person has seen by perceptual signature (:mod:`foulard.perceptual`): a candidate within
the near-duplicate threshold of another is replaced. The batch reports its margins:
the fewest decisions (or genes) and the least perceptual distance between two of its
designs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foulard.genome.schema import Genome
from foulard.perceptual import Signature, distance
from foulard.prompt.compose import compose
from foulard.prompt.explain import explain
from foulard.prompt.honour import honours
from foulard.prompt.intent import MAX_DESIGNS, Intent
from foulard.prompt.plan import plan, prompt_seed
from foulard.prompt.recipe import Recipe, build_genome, recipe_of
from foulard.prompt.recipe import distance as recipe_distance

__all__ = ["DEFAULT_DESIGNS", "Batch", "Candidate", "design", "signature_of"]

DEFAULT_DESIGNS = 6
SIGNATURE_PX = 64
NEAR = 1.0  # perceptual distance at most this: a near-duplicate (foulard.perceptual)


@dataclass
class Candidate:
    """One design of a batch: its genome, where it came from (``"space"``: one of the
    person's own addresses, ``address`` set; ``"composed"``: a new genome with its
    recipe), its explanation in the prompt's language, the judge's verdict
    (:func:`~foulard.prompt.honour.honours`) and its perceptual signature."""

    genome: Genome
    source: str  # "space" | "composed"
    explanation: str
    honour: dict
    address: str | None = None
    signature: Signature | None = None

    @property
    def recipe(self) -> Recipe | None:
        return recipe_of(self.genome)

    def to_json(self) -> dict[str, Any]:
        r = self.recipe
        return {
            "design_id": self.genome.design_id,
            "title": self.genome.meta.get("title"),
            "source": self.source,
            "address": self.address,
            "explanation": self.explanation,
            "honours": self.honour,
            "recipe": None if r is None else r.to_json(),
        }


@dataclass
class Batch:
    """The designs for one intent, with notes for the person, the batch's margins
    (``metrics``: designs, honoured, min_decisions_apart, min_genes_apart,
    min/mean_perceptual_distance) and, when no design could be made, ``reason``.
    ``to_json()`` is what the CLI writes to ``designs.json`` and the studio shows."""

    intent: Intent
    candidates: list[Candidate]
    notes: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None  # why no design could be made

    def to_json(self) -> dict[str, Any]:
        return {
            "intent": self.intent.to_json(),
            "designs": [c.to_json() for c in self.candidates],
            "notes": list(self.notes),
            "metrics": self.metrics,
            "reason": self.reason,
        }


def signature_of(genome: Genome, px: int = SIGNATURE_PX) -> Signature:
    """The perceptual signature of a design (a small render, one thread)."""
    from foulard.perceptual import signature
    from foulard.render import TileCache, render

    return signature(render(genome, px, threads=1, cache=TileCache(16 * 1024 * 1024)))


def _meta(intent: Intent, title: str, fmt: str | None, extra: dict | None = None) -> dict:
    prov = {"prompt": intent.text[:500], "language": intent.language}
    if fmt:
        prov["format"] = fmt
    if extra:
        prov.update(extra)
    return {"title": title, "provenance": prov}


def _title(genome_or_recipe, lang: str) -> str:
    from foulard.prompt.vocabulary import vocabulary

    vocab = vocabulary()
    r = genome_or_recipe
    hero = vocab.operator(r.hero)
    lay = vocab.operator(r.layout)
    if hero is None or lay is None:
        return r.hero
    return f"{hero.name_zh}{lay.name_zh}" if lang == "zh" else f"{hero.name_en}, {lay.name_en}"


def _composed(intent: Intent, recipes: list[Recipe], unknown=()) -> list[Candidate]:
    """Candidates of composed recipes; ``unknown``: the prompt's words the model was not
    trained on (said in the explanation of a design with a model ground)."""
    out = []
    for r in recipes:
        g = build_genome(r, meta=_meta(intent, _title(r, intent.language), r.format))
        text = explain(g, intent.language, model_unknown=unknown)
        out.append(Candidate(g, "composed", text, honours(g, intent)))
    return out


def _from_space(intent: Intent, pl, space, slot: int, n: int, seed: int) -> list[Candidate]:
    from foulard.prompt.space_draw import person_matches, space_masks
    from foulard.space.address import Address

    masks = space_masks(intent, pl, space.version)
    if masks is None:
        return []
    found = person_matches(space, slot, masks)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5BACE]))
    rng.shuffle(found)
    out: list[Candidate] = []
    for k in found[: 4 * n]:
        addr = Address(slot, int(k))
        g = space.genome(addr)
        g = g.replace(
            meta={**g.meta, **_meta(intent, f"{addr}", intent.format, {"address": str(addr)})}
        )
        h = honours(g, intent)
        if not h["ok"]:
            continue
        from foulard.prompt.explain import space_motifs

        genes = space.genes_of(np.array([addr.index], np.uint64))[0].tolist()
        text = explain(g, intent.language, motifs=space_motifs(genes, space.version))
        out.append(Candidate(g, "space", text, h, address=str(addr)))
        if len(out) >= n:
            break
    return out


def _margins(cands: list[Candidate], space) -> dict[str, Any]:
    m: dict[str, Any] = {"designs": len(cands)}
    rec = [c.recipe for c in cands if c.recipe is not None]
    if len(rec) > 1:
        m["min_decisions_apart"] = min(
            recipe_distance(a, b) for i, a in enumerate(rec) for b in rec[i + 1 :]
        )
    sp = [c for c in cands if c.source == "space"]
    if len(sp) > 1 and space is not None:
        genes = [space.anatomy.parse(c.genome) for c in sp]
        m["min_genes_apart"] = min(
            sum(x != y for x, y in zip(a, b, strict=True))
            for i, a in enumerate(genes)
            for b in genes[i + 1 :]
        )
    sigs = [c.signature for c in cands if c.signature is not None]
    if len(sigs) > 1:
        d = [distance(a, b) for i, a in enumerate(sigs) for b in sigs[i + 1 :]]
        m["min_perceptual_distance"] = round(float(min(d)), 3)
        m["mean_perceptual_distance"] = round(float(np.mean(d)), 3)
    m["honoured"] = sum(c.honour["ok"] for c in cands)
    return m


def design(
    intent: Intent,
    n: int | None = None,
    *,
    seed: int = 0,
    space=None,
    slot: int | None = None,
    seen: list[Signature] = (),
    perceptual: bool = True,
    signature_px: int = SIGNATURE_PX,
    space_share: float = 0.5,
) -> Batch:
    """``n`` candidate designs for an intent (default: the prompt's count, else 6).

    With a ``space`` and a person's ``slot``, up to ``space_share`` of the batch (at
    least one) comes from the person's own designs of the space that honour the intent;
    composed designs fill the rest (they follow the prompt more closely: the space's
    designs carry all fourteen of their decisions).
    """
    n = n if n is not None else (intent.design_count or DEFAULT_DESIGNS)
    if not 1 <= n <= MAX_DESIGNS:
        return Batch(
            intent, [], reason=f"between 1 and {MAX_DESIGNS} designs can be asked, not {n}"
        )
    notes: list[str] = []
    if intent.empty:
        notes.append(
            "nothing in the prompt was understood; these are free designs"
            if intent.language == "en"
            else "提示中没有可识别的设计元素，以下为自由设计"
        )
    base = prompt_seed(intent.text, seed)
    pl = plan(intent)
    cands: list[Candidate] = []
    unknown = pl.neural.unknown if pl.neural is not None else ()
    # The space's designs have no model ground: a prompt asking for it is composed.
    if space is not None and slot is not None:
        want = max(1, round(n * space_share)) if space_share > 0 and pl.neural is None else 0
        cands = _from_space(intent, pl, space, slot, min(n, want), base) if want else []
        notes.append(
            f"{len(cands)} of {n} designs drawn from the person's own design space"
            if cands
            else "the design space cannot express this prompt; all designs are composed"
        )
    recipes, pl2 = compose(intent, n - len(cands), seed=seed)
    cands += _composed(intent, recipes, unknown)
    for note in pl2.notes:
        if note not in notes:
            notes.append(note)
    if perceptual:
        extra_seed = seed
        for c in cands:
            c.signature = signature_of(c.genome, signature_px)
        for _ in range(3):
            bad = _near_duplicates(cands, list(seen))
            if not bad:
                break
            extra_seed += 1000
            kept = [c for i, c in enumerate(cands) if i not in bad]
            more, _ = compose(
                intent, len(bad), seed=extra_seed, exclude=[c.recipe for c in kept if c.recipe]
            )
            fresh = _composed(intent, more, unknown)
            for c in fresh:
                c.signature = signature_of(c.genome, signature_px)
            cands = kept + fresh
    batch = Batch(intent, cands, notes)
    batch.metrics = _margins(cands, space)
    return batch


def _near_duplicates(cands: list[Candidate], seen: list[Signature]) -> set[int]:
    bad = set()
    for i, c in enumerate(cands):
        if any(distance(c.signature, s) <= NEAR for s in seen):
            bad.add(i)
            continue
        for j in range(i):
            if j not in bad and distance(c.signature, cands[j].signature) <= NEAR:
                bad.add(i)
                break
    return bad
