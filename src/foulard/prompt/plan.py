"""Intent -> plan: what an intent fixes and refuses, for the composer.

A :class:`Plan` says which layouts may hold the design, which motifs (or patterns)
must appear and where (:class:`Need`), which operators are refused, what the palette
needs (:class:`~foulard.prompt.palettes.PaletteNeeds`), and the lattice, frieze,
medallion, symmetry, density, line work, effects and format the prompt asked for.
Styles, moods and occasions add their palettes and preferred motifs and layouts; a
style also needs one of its own principal motifs to show. A prompt that asks for
foulard's own model ("AI", 模型) gets a model ground (:mod:`foulard.prompt.neural`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from foulard.ops import registry
from foulard.prompt.intent import Intent
from foulard.prompt.neural import ModelAsk, asks_for_model
from foulard.prompt.palettes import PaletteNeeds
from foulard.prompt.recipe import SQUARE_LAYOUTS
from foulard.prompt.vocabulary import op_role, vocabulary
from foulard.scarf.formats import get_format

__all__ = [
    "BORDER",
    "HERO_EN",
    "HERO_ZH",
    "SMALL",
    "Need",
    "Plan",
    "apply_palette_rules",
    "plan",
    "prompt_seed",
    "role_of",
]


HERO_ZH = (
    "motifs.peony",
    "motifs.lotus",
    "motifs.chrysanthemum",
    "motifs.plum_branch",
    "motifs.crane",
    "motifs.carp",
    "motifs.bat",
    "motifs.orchid",
    "motifs.bamboo",
    "ornament.mandala",
    "motifs.butterfly",
)
HERO_EN = (
    "motifs.peony",
    "motifs.rose",
    "motifs.lotus",
    "ornament.damask_medallion",
    "motifs.paisley",
    "ornament.mandala",
    "motifs.butterfly",
    "motifs.horse_bit",
    "ornament.star_polygon",
    "motifs.monstera",
    "ornament.fleur_de_lis",
    "motifs.chrysanthemum",
)
SMALL = (
    "motifs.plum_blossom",
    "ornament.xiangyun",
    "motifs.chrysanthemum",
    "motifs.paisley",
    "motifs.lotus",
    "ornament.ruyi",
    "ornament.star_polygon",
    "motifs.leaf",
    "motifs.butterfly",
    "ornament.coin",
)
BORDER = (
    "ornament.huiwen",
    "ornament.xiangyun",
    "ornament.seigaiha",
    "ornament.rinceau",
    "ornament.ruyi",
    "ornament.chain_links",
    "ornament.rope_twist",
    "ornament.palmette",
    "motifs.plum_blossom",
)
MEDALLION_LAYOUTS = (
    "layout.carre_classic",
    "layout.concentric_frames",
    "layout.medallion_scatter",
    "layout.bandana",
)
LAYOUT_WEIGHTS = {
    "layout.carre_classic": 0.3,
    "layout.concentric_frames": 0.14,
    "layout.allover_border": 0.16,
    "layout.placement": 0.1,
    "layout.bandana": 0.06,
    "layout.medallion_scatter": 0.14,
    "layout.quartered": 0.1,
    "layout.twilly": 0.0,
    "layout.oblong": 0.0,
}
_FORMAT_LAYOUT = {"twilly": "layout.twilly", "oblong": "layout.oblong"}
# Layouts whose ground shows only as a shade of their own colours (not a model ground).
GROUND_HIDDEN = ("layout.quartered",)


@dataclass
class Need:
    """A motif (or pattern) that must appear: any one of ``ops``, in ``role`` if set."""

    ops: tuple[str, ...]
    role: str | None
    label: str


@dataclass
class Plan:
    """What an intent fixes, for the composer."""

    layouts: list[str]
    needs: list[Need] = field(default_factory=list)
    forbidden: set[str] = field(default_factory=set)
    palette: PaletteNeeds = field(default_factory=PaletteNeeds)
    hero_pool: tuple[str, ...] = HERO_ZH
    small_pool: tuple[str, ...] = SMALL
    border_pool: tuple[str, ...] = BORDER
    pattern_pool: tuple[str, ...] = ()
    lattice: str | None = None
    frieze: str | None = None
    medallion: str | None = None
    symmetry: str | None = None
    density: str | None = None
    linework: str | None = None
    effects: tuple[str, ...] = ()
    format: str | None = None
    ground: str | None = None
    neural: ModelAsk | None = None  # the model's ground, when the prompt asks for it
    notes: list[str] = field(default_factory=list)


def prompt_seed(text: str, seed: int = 0) -> int:
    """A seed for a prompt: its SHA-256 mixed with the caller's seed (never ``hash()``)."""
    h = hashlib.sha256(text.encode("utf-8")).digest()
    return (int.from_bytes(h[:8], "little") ^ (seed * 0x9E3779B97F4A7C15)) % (2**63 - 1)


def role_of(op: str) -> str:
    e = vocabulary().operator(op)
    if e is not None and e.role:
        return e.role
    return op_role(registry.get(op))


def _palette_reqs(intent: Intent, needs: PaletteNeeds) -> None:
    vocab = vocabulary()
    for el in intent.of("colour"):
        e = vocab.by_id[el.id]
        cat = e.data.get("category")
        req = {"category": cat} if cat else {"hex": e.data["hex"]}
        req.update(
            {
                "shade": el.shade,
                "role": "ground" if el.role == "ground" else None,
                "name": el.name_en,
            }
        )
        needs.required.append(req)
    for el in intent.of("colour", negated=True):
        e = vocab.by_id[el.id]
        cat = e.data.get("category")
        needs.forbidden.append(
            ({"category": cat} if cat else {"hex": e.data["hex"]}) | {"name": el.name_en}
        )
    for el in intent.of("palette"):
        needs.named.append(vocab.by_id[el.id].data["node"])
    needs.count = intent.colour_count


def apply_palette_rules(p: dict, needs: PaletteNeeds) -> None:
    if "ground" in p and needs.ground is None:
        needs.ground = p["ground"]
    for key in ("min_chroma", "max_chroma", "min_lightness", "hue_family"):
        if key in p and getattr(needs, key) is None:
            setattr(needs, key, p[key])
    if "any_of" in p:
        needs.any_of.append(list(p["any_of"]))
    for c in p.get("all_of", ()):
        needs.all_of.append(c)
    if p.get("accents"):
        needs.accents = p["accents"]
    if p.get("ground") == "white":
        needs.ground_category = "white"
        needs.ground = None
    if p.get("max_colours"):
        needs.max_colours = p["max_colours"]


def plan(intent: Intent) -> Plan:
    """What the intent fixes and refuses."""
    vocab = vocabulary()
    lang = intent.language
    pl = Plan(layouts=list(SQUARE_LAYOUTS))
    pl.hero_pool = HERO_ZH if lang == "zh" else HERO_EN
    forbidden = set(intent.negated_ops())
    for el in intent.negated:
        if el.kind == "style":
            forbidden.update(vocab.by_id[el.id].data.get("signature", ()))
    pl.forbidden = forbidden
    _palette_reqs(intent, pl.palette)
    layouts: list[str] = []
    for el in intent.wanted:
        ops = tuple(op for op in el.ops if op not in forbidden)
        if asks_for_model(el):
            continue  # the model draws the ground (below), not a motif or a pattern
        if el.kind in ("operator", "group") and ops:
            roles = {role_of(op) for op in ops}
            if roles == {"layout"}:
                layouts.extend(ops)
            elif roles <= {"motif", "pattern"}:
                pl.needs.append(Need(ops, el.role, el.term))
            elif roles == {"lattice"}:
                pl.lattice = ops[0]
            elif roles == {"frieze"}:
                pl.frieze = ops[0].split("frieze_")[1]
            elif roles == {"rosette"}:
                pl.medallion = "cyclic" if ops[0].endswith("cyclic") else "dihedral"
            elif roles == {"linework"}:
                pl.linework = ops[0]
            elif roles == {"palette"}:
                pl.palette.named.append({"op": ops[0], "params": {}})
            elif roles == {"effect"}:
                pl.effects += (ops[0],)
            else:
                usable = [op for op in ops if role_of(op) in ("motif", "pattern")]
                if usable:
                    pl.needs.append(Need(tuple(usable), el.role, el.term))
        elif el.kind in ("operator", "group"):
            pl.notes.append(f"'{el.term}' is refused elsewhere in the prompt")
    styles = intent.of("style")
    for k, el in enumerate(styles):
        d = vocab.by_id[el.id].data
        if d.get("palettes") and not pl.palette.style_palettes:
            pl.palette.style_palettes.extend(tuple(p) for p in d["palettes"])
        if d.get("palette_families"):
            pl.palette.families = tuple(d["palette_families"])
        apply_palette_rules(d.get("palette_check", {}), pl.palette)
        merge = k > 0
        pl.hero_pool = _merge(pl.hero_pool, d["hero"], merge)
        pl.small_pool = _merge(pl.small_pool, d["small"], merge)
        pl.border_pool = _merge(pl.border_pool, d["border"], merge)
        pl.pattern_pool = _merge(pl.pattern_pool, d.get("patterns", ()), merge)
        if not layouts or (merge and d.get("layouts")):
            layouts.extend(d.get("layouts", ()))
        sig = tuple(op for op in d.get("signature", ()) if op not in forbidden)
        hero_sig = tuple(op for op in d["hero"] if op in sig) or sig
        if hero_sig and not any(set(n.ops) <= set(hero_sig) for n in pl.needs):
            # The style shows in at least one of its own principal motifs.
            pl.needs.append(Need(hero_sig, None, el.term))
    for el in intent.of("mood", "occasion"):
        d = vocab.by_id[el.id].data
        apply_palette_rules(d.get("palette", {}), pl.palette)
        prefer = d.get("prefer", {})
        if prefer.get("hero"):
            pl.hero_pool = tuple(prefer["hero"])
        if prefer.get("layouts") and not layouts:
            layouts.extend(prefer["layouts"])
    for el in intent.of("mood", negated=True):
        p = vocab.by_id[el.id].data.get("palette", {})
        if p.get("ground") == "dark":
            pl.palette.ground = "light"
        elif p.get("ground") == "light":
            pl.palette.ground = "dark"
        if p.get("min_chroma"):
            pl.palette.max_chroma = p["min_chroma"]
        if p.get("max_chroma"):
            pl.palette.min_chroma = p["max_chroma"] * 0.8
    for el in intent.of("scale"):
        pl.density = vocab.by_id[el.id].data["density"]
    for el in intent.of("symmetry"):
        sym = vocab.by_id[el.id].data["symmetry"]
        if sym == "d4":
            pl.symmetry, pl.medallion = "d4", pl.medallion or "dihedral"
        elif sym == "c4":
            pl.symmetry, pl.medallion = "c4", pl.medallion or "cyclic"
        elif sym == "none":
            layouts[:] = ["layout.placement"]
        elif sym == "radial" and not layouts:
            layouts.extend(MEDALLION_LAYOUTS)
    fmt = intent.format
    if fmt is not None:
        kind = get_format(fmt).kind
        if kind in ("ribbon", "oblong"):
            layouts = [_FORMAT_LAYOUT["twilly" if kind == "ribbon" else "oblong"]]
        elif fmt == "bandana" and not layouts:
            layouts = ["layout.bandana"]
        else:
            layouts = [lo for lo in layouts if lo in SQUARE_LAYOUTS] or list(SQUARE_LAYOUTS)
    pl.format = fmt
    layouts = [lo for lo in dict.fromkeys(layouts) if lo not in forbidden]
    if not layouts:
        layouts = [lo for lo in SQUARE_LAYOUTS if lo not in forbidden]
        if not layouts:
            pl.notes.append("every layout was refused; the classic carre is used")
            layouts = ["layout.carre_classic"]
    pl.layouts = layouts
    if "color.fill" in pl.effects:
        pl.ground = "plain"
    if any(asks_for_model(el) for el in intent.wanted):
        _model_ground(intent, pl)
    return pl


def _model_ground(intent: Intent, pl: Plan) -> None:
    """The model draws the ground; missing or corrupt weights are said, not hidden."""
    from foulard.model.infer import ModelWeightsError
    from foulard.prompt.neural import model_ask, model_note

    try:
        pl.neural = model_ask(intent)
    except ModelWeightsError as exc:
        pl.notes.append(f"foulard's model is unavailable ({exc}); the ground is composed")
        return
    pl.ground = "neural"
    pl.notes.append(model_note(pl.neural, intent.language))
    # The quartered square reads a colour ground as a shade only: the texture would not show.
    if len(pl.layouts) > 1:
        pl.layouts = [lo for lo in pl.layouts if lo not in GROUND_HIDDEN] or pl.layouts
    elif pl.layouts[0] in GROUND_HIDDEN:
        pl.notes.append(
            "这种构图的底只作明暗：模型纹理不显"
            if intent.language == "zh"
            else "this layout reads its ground as a shade only: the model's texture does not show"
        )


def _merge(pool, more, merge: bool) -> tuple[str, ...]:
    more = tuple(more)
    if not more:
        return tuple(pool)
    return tuple(dict.fromkeys((*pool, *more))) if merge else more
