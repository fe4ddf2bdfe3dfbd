"""Intent -> recipes: the constrained composer.

:func:`~foulard.prompt.plan.plan` reads an intent into a plan (which layouts, which
motifs must appear and where, which are refused, what the palette needs, density,
symmetry, format); :func:`compose` draws recipes from the plan, each honouring it by
construction, and keeps a recipe only if it differs from the ones already drawn in at
least :data:`MIN_DECISIONS` decisions. What random designs leave to chance, a plan
fixes; the rest is drawn as they draw it.
"""

from __future__ import annotations

import numpy as np

from foulard.ops import registry
from foulard.prompt.intent import Intent
from foulard.prompt.palettes import choose_palette
from foulard.prompt.plan import (
    HERO_EN,
    HERO_ZH,
    LAYOUT_WEIGHTS,
    Plan,
    plan,
    prompt_seed,
    role_of,
)
from foulard.prompt.recipe import LAYOUT_ROLES, Recipe, distance
from foulard.scarf.parts import FRIEZE_GROUPS, GROUNDS, LATTICES, pick

__all__ = ["MIN_DECISIONS", "Plan", "compose", "plan", "prompt_seed"]

MIN_DECISIONS = 3


def _fits(layout: str, pl: Plan) -> bool:
    roles = LAYOUT_ROLES[layout]
    fixed = [n.role for n in pl.needs if n.role]
    if any(r not in roles for r in fixed if r != "ground"):
        return False
    patterns = [n for n in pl.needs if all(role_of(o) == "pattern" for o in n.ops)]
    if patterns and "pattern" not in roles:
        return False
    motifs = [n for n in pl.needs if n not in patterns]
    slots = [r for r in roles if r != "pattern"]
    return len(motifs) <= len(slots)


def _draw(pool, rng, forbidden, avoid=()) -> str | None:
    items = [op for op in pool if op not in forbidden and op in _LIVE()]
    fresh = [op for op in items if op not in avoid]
    items = fresh or items
    return pick(rng, items) if items else None


def _LIVE() -> set[str]:
    return {s.id for s in registry.operators()}


def _recipe(pl: Plan, rng: np.random.Generator, seed: int, used: list[Recipe]) -> Recipe:
    fitting = [lo for lo in pl.layouts if _fits(lo, pl)] or pl.layouts
    seen_layouts = {r.layout for r in used}
    weights = np.array([LAYOUT_WEIGHTS.get(lo, 0.1) or 0.1 for lo in fitting])
    weights = weights * np.array([0.35 if lo in seen_layouts else 1.0 for lo in fitting])
    layout = fitting[int(rng.choice(len(fitting), p=weights / weights.sum()))]
    roles = [r for r in LAYOUT_ROLES[layout]]
    slots: dict[str, str | None] = {r: None for r in roles}
    forbidden = pl.forbidden
    for need in sorted(pl.needs, key=lambda n: n.role is None):
        ops = [op for op in need.ops if op not in forbidden] or list(need.ops)
        op = pick(rng, ops)
        kind = role_of(op)
        if kind == "pattern":
            target = "pattern" if "pattern" in slots else "hero"
        elif need.role in slots:
            target = need.role
        else:
            free = [
                r for r in ("hero", "small", "corner", "border") if r in slots and slots[r] is None
            ]
            target = free[0] if free else "hero"
        if slots.get(target) is None or target == "hero":
            if slots.get(target) is not None and target == "hero":
                free = [r for r in ("small", "corner", "border") if r in slots and slots[r] is None]
                if free:
                    slots[free[0]] = slots["hero"]
            slots[target] = op
    used_heroes = [r.hero for r in used]
    hero = (
        slots.get("hero")
        or _draw(pl.hero_pool, rng, forbidden, used_heroes)
        or _draw(HERO_ZH + HERO_EN, rng, forbidden)
    )
    if hero is None:
        hero = "motifs.plum_blossom"
        pl.notes.append("every motif was refused; a plum blossom is used")
    small = slots.get("small") if "small" in slots else None
    if "small" in slots and small is None:
        small = _draw(pl.small_pool, rng, forbidden | {hero})
    border = slots.get("border") if "border" in slots else None
    if "border" in slots and border is None:
        border = _draw(pl.border_pool, rng, forbidden)
    corner = slots.get("corner") if "corner" in slots else None
    if "corner" in slots and corner is None and rng.random() < 0.85:
        corner = _draw(pl.small_pool + pl.hero_pool, rng, forbidden | {hero})
    pattern = slots.get("pattern") if "pattern" in slots else None
    pattern_style = "colour"
    # A chosen small motif is drawn by the field's lattice; a pattern would replace it.
    small_needed = slots.get("small") is not None and layout != "layout.concentric_frames"
    if (
        "pattern" in slots
        and pattern is None
        and not small_needed
        and pl.neural is None  # a model ground is not hidden under a drawn pattern
        and pl.pattern_pool
        and rng.random() < 0.4
    ):
        pattern = _draw(pl.pattern_pool, rng, forbidden)
        pattern_style = "tone"
    if layout == "layout.allover_border" and pattern:
        # A pattern fills the field: the hero then holds the corner blocks.
        if slots.get("corner") is None:
            corner = hero
        elif slots.get("pattern") is None:
            pattern = None
    palette, notes = choose_palette(pl.palette, rng)
    for n in notes:
        if n not in pl.notes:
            pl.notes.append(n)
    fmt = pl.format or {
        "layout.bandana": "bandana",
        "layout.twilly": "twilly",
        "layout.oblong": "oblong",
    }.get(layout, "carre90")
    lattices = [lo for lo in LATTICES if lo not in forbidden] or list(LATTICES)
    return Recipe(
        layout=layout,
        palette=palette,
        hero=hero,
        small=small,
        border=border,
        corner=corner,
        pattern=pattern,
        lattice=pl.lattice or pick(rng, lattices),
        ground=pl.ground or pick(rng, [g for g in GROUNDS if g != "plain"] + ["silk"]),
        symmetry=pl.symmetry or ("c4" if rng.random() < 0.3 else "d4"),
        medallion=pl.medallion or pick(rng, ["dihedral", "dihedral", "cyclic", "single"]),
        frieze=pl.frieze or ("p1" if border == "ornament.huiwen" else pick(rng, FRIEZE_GROUPS)),
        density=pl.density or "normal",
        pattern_style=pattern_style,
        emphasis=tuple(
            sorted(
                [r for r, op in slots.items() if op is not None]
                # A ground colour the prompt named: layouts that put an accent under the
                # field (the bandana) use the palette's ground instead.
                + (
                    ["ground"]
                    if any(q.get("role") == "ground" for q in pl.palette.required)
                    else []
                )
            )
        ),
        linework=pl.linework,
        effects=pl.effects,
        format=fmt,
        seed=seed,
        neural=pl.neural.recipe_json() if pl.neural is not None else None,
    )


def compose(
    intent: Intent, n: int, *, seed: int = 0, exclude: list[Recipe] = (), tries: int = 40
) -> tuple[list[Recipe], Plan]:
    """``n`` recipes honouring the intent, pairwise at least :data:`MIN_DECISIONS` apart
    (fewer apart only when the plan leaves too little room, said in the plan's notes)."""
    pl = plan(intent)
    base = prompt_seed(intent.text, seed)
    rng = np.random.default_rng(np.random.SeedSequence([base, 0xC0405E]))
    out: list[Recipe] = []
    counter = 0
    relaxed = False
    while len(out) < n:
        best, best_d = None, -1
        for _ in range(tries):
            counter += 1
            r = _recipe(pl, rng, (base + counter) % (2**63 - 1), out)
            others = [*out, *exclude]
            d = min((distance(r, o) for o in others), default=99)
            if d >= MIN_DECISIONS:
                best, best_d = r, d
                break
            if d > best_d:
                best, best_d = r, d
        if best_d < MIN_DECISIONS and not relaxed:
            relaxed = True
            pl.notes.append(
                f"the prompt leaves little room: some designs differ in fewer than "
                f"{MIN_DECISIONS} decisions (they still differ in seed and details)"
            )
        out.append(best)
    return out, pl
