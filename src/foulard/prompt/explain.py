"""A short explanation of a design, in the prompt's language: its layout, its motifs and
what they mean, the pairings they make, and its palette with the names of its colours."""

from __future__ import annotations

from foulard.genome.schema import Genome
from foulard.prompt.colours import name_colour
from foulard.prompt.honour import effective_palette
from foulard.prompt.recipe import recipe_of
from foulard.prompt.vocabulary import vocabulary

__all__ = ["explain", "motifs_of"]

_ROLE_WORDS = {
    "hero": ("主纹", "the main motif"),
    "small": ("辅纹", "the small motif"),
    "border": ("边饰", "the border"),
    "corner": ("角花", "the corners"),
    "pattern": ("满地纹", "the all-over pattern"),
}


def space_motifs(genes, version: int = 1) -> list[tuple[str, str]]:
    """``(role, operator id)`` of a space design's motifs, from its genes."""
    from foulard.prompt.space_draw import _tables

    table = _tables(version)[2]
    names = [g.name for g in _tables(version)[0]]
    out: list[tuple[str, str]] = []
    for role, gene in (
        ("hero", "medallion_motif"),
        ("border", "border"),
        ("border", "border_motif"),
        ("corner", "corners"),
        ("small", "second_motif"),
        ("small", "repeat"),
    ):
        if gene not in names:
            continue  # not a gene of this space version
        a = genes[names.index(gene)]
        op = table[gene][a] if a is not None else None
        if op and all(op != o for _, o in out):
            out.append((role, op))
    return out


def motifs_of(genome: Genome) -> list[tuple[str, str]]:
    """``(role, operator id)`` of the design's motifs, main first."""
    r = recipe_of(genome)
    if r is not None:
        out = []
        for role in ("hero", "small", "border", "corner", "pattern"):
            op = getattr(r, role)
            if op and (role, op) not in out and all(op != o for _, o in out):
                out.append((role, op))
        return out
    vocab = vocabulary()
    seen: list[tuple[str, str]] = []
    for _, node in genome.root.walk():
        e = vocab.operator(node.op)
        if e is not None and e.role == "motif" and all(node.op != o for _, o in seen):
            seen.append(("hero" if not seen else "small", node.op))
    return seen


def _palette_text(genome: Genome, lang: str) -> str:
    vocab = vocabulary()
    p = genome.palette.to_json()
    colors = effective_palette(genome)
    r = recipe_of(genome)
    if r is not None and isinstance(r.palette.get("from"), dict):
        p = r.palette["from"]  # a named palette with its accents reordered
    named = None
    if p["op"] == "color.chinese_traditional":
        named = vocab.by_id.get(f"palette:{p['params'].get('theme')}")
    elif p["op"] == "color.solar_term":
        named = vocab.by_id.get(f"palette:{p['params'].get('term')}")
    turned = genome.root.op == "color.hue_shift" and genome.root.params.shift != 0
    names = []
    if named is not None and not turned:
        from foulard.prompt.palettes import resolve

        lookup = dict(zip(named.data["colours"], named.data["names"], strict=True))
        for c in resolve(genome.palette.to_json(), genome.seed):
            names.append(lookup.get(c) if lang == "zh" and c in lookup else name_colour(c, lang))
    else:
        names = [name_colour(c, lang) for c in colors]
    names = list(dict.fromkeys(names))
    if lang == "zh":
        head = f"配色“{named.name_zh}”" if named is not None else "配色"
        if turned:
            head += "（经套色偏移）"
        return f"{head}：{'、'.join(names)}。"
    head = f"palette '{named.name_en}'" if named is not None else "palette"
    if turned:
        head += " (turned by an overdye)"
    return f"{head.capitalize()}: {', '.join(names)}."


def explain(genome: Genome, lang: str = "en", *, motifs=None, model_unknown=()) -> str:
    """The explanation of a design in ``lang`` (``zh`` or ``en``); ``motifs`` as
    ``(role, op)`` pairs where the caller knows them better (designs of the space);
    ``model_unknown``: the prompt's words a model ground could not be conditioned on."""
    vocab = vocabulary()
    parts = []
    r = recipe_of(genome)
    if r is not None:
        e = vocab.operator(r.layout)
        if e is not None:
            parts.append(f"{e.name_zh}构图。" if lang == "zh" else f"A {e.name_en} layout.")
    else:
        parts.append("设计空间中的方巾。" if lang == "zh" else "A carre from the design space.")
    motifs = motifs if motifs is not None else motifs_of(genome)
    ops = {op for _, op in motifs}
    for role, op in motifs:
        e = vocab.operator(op)
        if e is None:
            continue
        meaning = e.data.get("meaning", {}).get(lang)
        where = _ROLE_WORDS[role][0 if lang == "zh" else 1]
        if lang == "zh":
            parts.append(f"{where}：{meaning or e.name_zh}。")
        else:
            parts.append(f"{where.capitalize()}: {meaning or e.name_en}.")
    for pair in vocab.meta.get("pairings", ()):
        if set(pair["ops"]) <= ops:
            parts.append(pair[lang] + ("。" if lang == "zh" else "."))
    if r is not None and r.ground == "neural":
        from foulard.prompt.neural import model_sentence

        parts.append(model_sentence(r.neural, lang, model_unknown))
    parts.append(_palette_text(genome, lang))
    return ("" if lang == "zh" else " ").join(parts)
