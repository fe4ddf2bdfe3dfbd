"""Palettes that honour a prompt: named ones where they fit, explicit ones otherwise.

:class:`PaletteNeeds` collects what the colour words, the palette names, the style and
the mood of a prompt ask of a palette; :meth:`PaletteNeeds.failures` says what a given
palette misses (the same test the composer uses to choose and the evaluation uses to
judge). :func:`choose_palette` takes a named palette (the 60 Forbidden City palettes,
the 24 solar terms, each on a light or dark ground) or a style's palette when one
passes, and otherwise builds an explicit ``color.palette`` around the asked colours,
filled with inks from the named palettes that pass every refusal.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foulard.color.names import chinese_colors
from foulard.color.space import hex_to_srgb, srgb_to_oklab
from foulard.ops import registry
from foulard.prompt.colours import COOL_HUES, WARM_HUES, has_colour, in_category, lch

__all__ = ["PaletteNeeds", "choose_palette", "palette_colours", "resolve"]

DEFAULT_COUNT = 5


@dataclass
class PaletteNeeds:
    """What a palette must have and must not have."""

    required: list[dict] = field(default_factory=list)  # {category|hex, shade, role, name}
    forbidden: list[dict] = field(default_factory=list)  # {category|hex, name}
    count: int | None = None
    ground: str | None = None  # "light" | "dark"
    min_chroma: float | None = None
    max_chroma: float | None = None
    min_lightness: float | None = None
    hue_family: str | None = None
    any_of: list[list[str]] = field(default_factory=list)
    all_of: list[str] = field(default_factory=list)
    accents: str | None = None  # every accent in this category
    ground_category: str | None = None
    max_colours: int | None = None
    named: list[dict] = field(default_factory=list)  # palette nodes asked for by name
    families: tuple[str, ...] = ()
    style_palettes: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def constrained(self) -> bool:
        return any(
            (
                self.required,
                self.forbidden,
                self.count,
                self.ground,
                self.min_chroma,
                self.max_chroma,
                self.min_lightness,
                self.hue_family,
                self.any_of,
                self.all_of,
                self.accents,
                self.ground_category,
                self.max_colours,
                self.named,
                self.families,
                self.style_palettes,
            )
        )

    def failures(self, colors) -> list[str]:
        """What ``colors`` (ground first) misses; empty when it honours every need."""
        colors = list(colors)
        out = []
        v = lch(colors)
        accents = v[1:] if len(v) > 1 else v
        for r in self.required:
            pool = colors[:1] if r.get("role") == "ground" else colors
            ok = has_colour(
                pool, hex_=r.get("hex"), category=r.get("category"), shade=r.get("shade")
            )
            if not ok:
                out.append(f"no {r.get('name') or r.get('category') or r.get('hex')}")
        for f in self.forbidden:
            if has_colour(colors, hex_=f.get("hex"), category=f.get("category")):
                out.append(f"has {f.get('name') or f.get('category') or f.get('hex')}")
        if self.count is not None and len(colors) != self.count:
            out.append(f"{len(colors)} colours, not {self.count}")
        if self.max_colours is not None and len(colors) > self.max_colours:
            out.append(f"more than {self.max_colours} colours")
        if self.ground == "light" and v[0, 0] < 0.7:
            out.append("ground not light")
        if self.ground == "dark" and v[0, 0] > 0.45:
            out.append("ground not dark")
        if self.min_lightness is not None and v[0, 0] < self.min_lightness:
            out.append("ground too dark")
        mean_c = float(accents[:, 1].mean())
        if self.min_chroma is not None and mean_c < self.min_chroma:
            out.append("not vivid enough")
        if self.max_chroma is not None and mean_c > self.max_chroma:
            out.append("too vivid")
        if self.hue_family:
            hues = WARM_HUES if self.hue_family == "warm" else COOL_HUES
            chromatic = accents[accents[:, 1] > 0.04]
            if len(chromatic):
                inside = np.zeros(len(chromatic), bool)
                for lo, hi in hues:
                    inside |= (chromatic[:, 2] >= lo) & (chromatic[:, 2] < hi)
                if inside.mean() < 0.6:
                    out.append(f"not {self.hue_family}")
        for group in self.any_of:
            if not any(in_category(v, c).any() for c in group):
                out.append(f"none of {'/'.join(group)}")
        for c in self.all_of:
            if not in_category(v, c).any():
                out.append(f"no {c}")
        if self.accents:
            chromatic = accents[accents[:, 1] > 0.035]
            if len(chromatic) < 2 or not in_category(chromatic, self.accents).all():
                out.append(f"accents not all {self.accents}")
        if self.ground_category and not in_category(v[:1], self.ground_category)[0]:
            out.append(f"ground not {self.ground_category}")
        return out


def resolve(node: dict[str, Any], seed: int = 0) -> tuple[str, ...]:
    """The colours a palette node gives (its operator run with the genome's generator)."""
    from foulard.render.evaluate import node_rng

    spec = registry.get(node["op"])
    params = spec.params.from_json(node.get("params", {}))
    return tuple(c.lower() for c in spec.func(params, node_rng(seed, "palette")))


@functools.cache
def _named_candidates(count: int) -> tuple[tuple[dict, tuple[str, ...]], ...]:
    out = []
    cc = chinese_colors()
    for ground in ("light", "dark"):
        for theme in cc.palettes:
            node = {
                "op": "color.chinese_traditional",
                "params": {"theme": theme, "count": count, "ground": ground},
            }
            out.append((node, resolve(node)))
        for term in cc.solar_terms:
            node = {
                "op": "color.solar_term",
                "params": {"term": term, "count": count, "ground": ground},
            }
            out.append((node, resolve(node)))
    return tuple(out)


def palette_colours(node: dict[str, Any], seed: int = 0) -> tuple[str, ...]:
    return resolve(node, seed)


@functools.cache
def _ink_pool() -> tuple[tuple[str, ...], np.ndarray]:
    """Every ink of the named palettes and of the 中国色 list (companions for explicit
    palettes)."""
    cc = chinese_colors()
    hexes = list(dict.fromkeys(h for p in cc.palettes.values() for h in p.colors.hexes))
    hexes += [h for h in cc.zhongguose.hexes if h not in hexes]
    return tuple(hexes), lch(hexes)


def _prototype(r: dict) -> str:
    from foulard.prompt.vocabulary import vocabulary

    if r.get("hex"):
        base = r["hex"]
    else:
        e = vocabulary().by_id.get(f"colour:{r['category']}")
        base = e.data["hex"] if e else "#808080"
    shade = r.get("shade")
    if shade is None:
        return base
    v = lch([base])[0]
    target = 0.78 if shade == "light" else 0.34
    hexes, pool = _ink_pool()
    ok = in_category(pool, r["category"], shade) if r.get("category") else np.ones(len(pool), bool)
    if not ok.any():
        return base
    d = np.abs(pool[:, 0] - target) + np.abs(pool[:, 1] - v[1]) * 2
    d[~ok] = np.inf
    return hexes[int(np.argmin(d))]


def _explicit(needs: PaletteNeeds, rng: np.random.Generator) -> tuple[str, ...]:
    """An explicit palette: the asked colours, a ground, companions that pass."""
    count = needs.count or max(DEFAULT_COUNT, len(needs.required) + 2)
    hexes, pool = _ink_pool()
    allowed = np.ones(len(pool), bool)
    for f in needs.forbidden:
        if f.get("category"):
            allowed &= ~in_category(pool, f["category"])
        else:
            ref = srgb_to_oklab(hex_to_srgb([f["hex"]]))[0]
            lab = srgb_to_oklab(hex_to_srgb(list(hexes)))
            allowed &= np.linalg.norm(lab - ref, axis=1) > 0.09
    grounds = [r for r in needs.required if r.get("role") == "ground"]
    if grounds:
        ground = _prototype(grounds[0])
    elif needs.ground_category:
        ground = _prototype({"category": needs.ground_category})
    else:
        dark = needs.ground == "dark"
        want_l = (0.15, 0.32) if dark else (0.9, 0.98)
        ok = allowed & (pool[:, 0] >= want_l[0]) & (pool[:, 0] <= want_l[1]) & (pool[:, 1] < 0.05)
        choices = np.flatnonzero(ok)
        ground = (
            hexes[int(rng.choice(choices))] if len(choices) else ("#1c1c24" if dark else "#f5f1e8")
        )
    inks = [_prototype(r) for r in needs.required if r.get("role") != "ground"]
    chosen = [ground, *[h for h in inks if h != ground]]
    g = lch([ground])[0]
    lo_c = needs.min_chroma or 0.04
    hi_c = needs.max_chroma or 0.2
    ok = allowed & (pool[:, 1] >= lo_c * 0.8) & (pool[:, 1] <= hi_c * 1.2)
    ok &= np.abs(pool[:, 0] - g[0]) > 0.18  # inks read against the ground
    if needs.accents:
        ok &= in_category(pool, needs.accents)
    if needs.hue_family:
        hues = WARM_HUES if needs.hue_family == "warm" else COOL_HUES
        inside = np.zeros(len(pool), bool)
        for a, b in hues:
            inside |= (pool[:, 2] >= a) & (pool[:, 2] < b)
        ok &= inside
    cand = np.flatnonzero(ok)
    if len(cand) == 0:
        cand = np.flatnonzero(allowed & (np.abs(pool[:, 0] - g[0]) > 0.15))
    for group in [*needs.any_of, *[[c] for c in needs.all_of]]:
        if not any(in_category(lch(chosen), c).any() for c in group) and len(chosen) < count:
            fits = [i for i in cand if any(in_category(pool[i : i + 1], c)[0] for c in group)]
            if fits:
                chosen.append(hexes[int(rng.choice(fits))])
    # Companions: spread in OKLab from what is chosen, a little random.
    while len(chosen) < count and len(cand):
        lab_c = srgb_to_oklab(hex_to_srgb(chosen)).astype(np.float64)
        lab_p = srgb_to_oklab(hex_to_srgb([hexes[i] for i in cand])).astype(np.float64)
        d = np.min(np.linalg.norm(lab_p[:, None, :] - lab_c[None, :, :], axis=2), axis=1)
        d = d * rng.uniform(0.7, 1.0, len(d))
        best = int(cand[int(np.argmax(d))])
        chosen.append(hexes[best])
        cand = cand[cand != best]
    return tuple(chosen[:count]) if needs.count else tuple(chosen)


def choose_palette(needs: PaletteNeeds, rng: np.random.Generator) -> tuple[dict, list[str]]:
    """A palette node honouring ``needs`` and the notes on what could not be honoured."""
    notes: list[str] = []
    count = needs.count or DEFAULT_COUNT
    others = PaletteNeeds(**{**needs.__dict__, "named": [], "style_palettes": [], "families": ()})
    for asked in needs.named:
        names = {p.name for p in registry.get(asked["op"]).params.specs()}
        params = {**asked.get("params", {}), "count": count}
        if needs.ground and "ground" in names:
            params["ground"] = needs.ground
        node = {"op": asked["op"], "params": {k: v for k, v in params.items() if k in names}}
        fails = others.failures(resolve(node))
        if not fails:
            return node, notes
        notes.append(f"the named palette does not fit the other colour words ({'; '.join(fails)})")
    pool: list[tuple[dict, tuple[str, ...]]] = []
    for colors in needs.style_palettes:
        cols = tuple(colors[:count]) if needs.count else tuple(colors)
        pool.append(({"op": "color.palette", "params": {"colors": list(cols)}}, cols))
    if not needs.style_palettes:
        for node, colors in _named_candidates(count):
            if needs.families and node["op"].split(".")[1] not in needs.families:
                continue
            pool.append((node, colors))
    passing = [(n, c) for n, c in pool if not needs.failures(c)]
    if passing:
        node, colors = passing[int(rng.integers(len(passing)))]
        accents = list(colors[1:])
        if node["op"] == "color.palette" and len(colors) > 2:
            # A style's palette: its accents in another order of emphasis, for variety.
            rng.shuffle(accents)
        asked = [r for r in needs.required if r.get("role") != "ground"]
        if asked:
            # The asked colours take the first accent roles, where a design shows them most.
            def first(h: str) -> int:
                return (
                    0
                    if any(
                        has_colour(
                            [h], hex_=r.get("hex"), category=r.get("category"), shade=r.get("shade")
                        )
                        for r in asked
                    )
                    else 1
                )

            accents.sort(key=first)
        if accents != list(colors[1:]):
            source = node if node["op"] != "color.palette" else node.get("from")
            node = {"op": "color.palette", "params": {"colors": [colors[0], *accents]}}
            if source is not None:
                node["from"] = source
        return node, notes
    colors = _explicit(needs, rng)
    fails = needs.failures(colors)
    if fails:
        notes.append("no palette honours every colour word: " + "; ".join(fails))
    return {"op": "color.palette", "params": {"colors": list(colors)}}, notes
