"""A composed design as a handful of decisions (a *recipe*), and its genome.

A :class:`Recipe` names the scarf layout, the palette, the motif of each part (hero,
small, border, corner), an all-over pattern, the lattice of the field repeat, the
ground texture, the symmetry, the density, effects and the format; its seed draws the
continuous details. :func:`build_genome` turns it into a genome, the same recipe
always into the same genome. The recipe travels in the genome's
``meta.provenance.recipe``, so evolution and collections can cross and vary designs
decision by decision (``foulard.evolve``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.genome.schema import Genome, Node
from foulard.ops import registry
from foulard.ops.examples import example_node

__all__ = ["DECISIONS", "LAYOUT_ROLES", "RECIPE_VERSION", "Recipe", "build_genome", "recipe_of"]

RECIPE_VERSION = 1

# The parts each layout draws (which motif decisions it uses).
LAYOUT_ROLES: dict[str, tuple[str, ...]] = {
    "layout.carre_classic": ("hero", "small", "border", "corner", "pattern"),
    "layout.concentric_frames": ("hero", "small", "border", "pattern"),
    "layout.allover_border": ("hero", "border", "corner", "pattern"),
    "layout.placement": ("hero", "small"),
    "layout.bandana": ("hero",),
    "layout.medallion_scatter": ("hero", "small"),
    "layout.quartered": ("hero", "small", "border", "pattern"),
    "layout.twilly": ("hero", "small", "border"),
    "layout.oblong": ("hero", "small", "border", "pattern"),
}
# Motifs with a front and a back (a bird, a leaf): folded into a kaleidoscope wedge they
# vanish, so round medallions show them once, or as a ring of whole copies.
FIGURATIVE = frozenset(
    (
        "motifs.crane",
        "motifs.carp",
        "motifs.butterfly",
        "motifs.bat",
        "motifs.horse_bit",
        "motifs.stirrup",
        "motifs.horseshoe_and_whip",
        "motifs.bamboo",
        "motifs.orchid",
        "motifs.plum_branch",
        "motifs.monstera",
        "motifs.leaf",
        "motifs.feather",
        "motifs.paisley",
        "growth.lsystem_plant",
        "growth.space_colonization",
        "ornament.brush_strokes",
        "ornament.splatter",
        "ornament.haishui",
    )
)
SQUARE_LAYOUTS = tuple(k for k in LAYOUT_ROLES if k not in ("layout.twilly", "layout.oblong"))
# Decisions compared for diversity and crossed over by evolution.
DECISIONS = (
    "layout",
    "palette",
    "hero",
    "small",
    "border",
    "corner",
    "pattern",
    "lattice",
    "ground",
    "symmetry",
    "medallion",
    "frieze",
    "density",
)


@dataclass(frozen=True)
class Recipe:
    """The decisions of a composed scarf."""

    layout: str
    palette: dict[str, Any]
    hero: str
    small: str | None = None
    border: str | None = None
    corner: str | None = None
    pattern: str | None = None
    lattice: str = "symmetry.p4m"
    ground: str = "silk"
    symmetry: str = "d4"
    medallion: str = "dihedral"
    frieze: str = "p1"
    density: str = "normal"
    pattern_style: str = "colour"
    emphasis: tuple[str, ...] = ()  # parts the prompt asked for: drawn plainly
    linework: str | None = None
    effects: tuple[str, ...] = ()
    format: str = "carre90"
    seed: int = 0
    # The model's words and colouring when the ground is "neural" (foulard.prompt.neural).
    neural: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["effects"] = list(self.effects)
        d["emphasis"] = list(self.emphasis)
        d["version"] = RECIPE_VERSION
        if self.neural is None:
            del d["neural"]  # recipes without the model read as they always did
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Recipe:
        if d.get("version") != RECIPE_VERSION:
            raise FoulardError(f"recipe version {d.get('version')!r}, expected {RECIPE_VERSION}")
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["effects"] = tuple(kw.get("effects", ()))
        kw["emphasis"] = tuple(kw.get("emphasis", ()))
        return cls(**kw)

    def with_(self, **changes: Any) -> Recipe:
        return replace(self, **changes)

    def value(self, decision: str) -> Any:
        v = getattr(self, decision)
        if decision == "palette":
            return _palette_key(v)
        return v

    def ops(self) -> set[str]:
        """The operators the recipe's decisions name (what the design will contain)."""
        roles = LAYOUT_ROLES[self.layout]
        out = {self.layout}
        for role in ("hero", "small", "border", "corner", "pattern"):
            op = getattr(self, role)
            if op and role in roles:
                out.add(op)
        if self.linework:
            out.add(self.linework)
        if self.ground == "neural":
            out.add("learned.neural_prompt")  # foulard.prompt.neural.MODEL_OP
        out.update(self.effects)
        return out


def _palette_key(node: dict[str, Any]) -> str:
    import json

    return json.dumps(node, sort_keys=True)


def distance(a: Recipe, b: Recipe) -> int:
    """How many decisions two recipes make differently."""
    return sum(a.value(d) != b.value(d) for d in DECISIONS)


def recipe_of(genome: Genome) -> Recipe | None:
    """The recipe a composed genome carries (None for other genomes)."""
    prov = genome.meta.get("provenance", {})
    data = prov.get("recipe") if isinstance(prov, dict) else None
    if not isinstance(data, dict):
        return None
    try:
        return Recipe.from_json(data)
    except (FoulardError, TypeError, KeyError):
        return None


def _with_effects(root: Node, r: Recipe) -> Node:
    for op in r.effects:
        spec = registry.get(op)
        if not spec.inputs:
            if op == "color.fill":
                fill = Node.make("color.fill", opacity=0.25)
                root = Node.make("layout.layers", inputs={"layers": [root, fill]})
            continue
        slot = spec.inputs[0]
        base = example_node(op)
        if op == "color.hue_shift":
            base = base.replace(shift=20.0, chroma=1.05)
        value = [root] if slot.variadic else root
        root = base.with_input(slot.name, value)
    return root


def build_genome(r: Recipe, *, meta: dict[str, Any] | None = None) -> Genome:
    """The genome of a recipe (deterministic)."""
    from foulard.prompt.layouts import BUILDERS

    if r.layout not in BUILDERS:
        raise FoulardError(f"no composer for layout {r.layout!r}; known: {', '.join(BUILDERS)}")
    rng = np.random.default_rng(np.random.SeedSequence([r.seed, 0x9A77E]))
    root = BUILDERS[r.layout](r, rng)
    if r.linework:
        ink = Node.make("color.ink", inputs={"source": example_node(r.linework)}, color=1)
        root = Node.make("layout.layers", inputs={"layers": [root, _place_centre(ink)]})
    root = _with_effects(root, r)
    palette = Node.make(r.palette["op"], **r.palette.get("params", {}))
    info = dict(meta or {})
    prov = dict(info.pop("provenance", {}))
    prov.update({"made_by": "foulard.prompt", "recipe": r.to_json()})
    info["provenance"] = prov
    return Genome.make(root, palette, seed=r.seed, meta=info)


def _place_centre(node: Node) -> Node:
    return Node.make("layout.place", inputs={"motif": node}, x=0.5, y=0.5, size=0.5)
