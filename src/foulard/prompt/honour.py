"""Does a design honour an intent? Every asked element present, no refused one.

The judge reads the genome itself, not how it was made: the operators in its tree,
the parameters of its layout, and its *effective* palette (the palette node run with
the genome's generator, then the root's hue shift if there is one). The composer, the
space sampler, the evaluation and the tests all use it.
"""

from __future__ import annotations

import numpy as np

from foulard.color.space import hex_to_srgb, oklab_to_srgb, srgb_to_hex, srgb_to_oklab
from foulard.genome.schema import Genome
from foulard.prompt.intent import Element, Intent
from foulard.prompt.palettes import PaletteNeeds, resolve
from foulard.prompt.vocabulary import vocabulary

__all__ = ["effective_palette", "genome_ops", "honours", "layout_params"]

_GROUP_PARAMS = ("border_group", "chain_group", "divider_group", "band_group", "group_1")
_MEDALLION_PARAMS = ("medallion_group", "centre_group")


def genome_ops(genome: Genome) -> set[str]:
    """Every operator id in a genome's tree (the palette's too)."""
    return {node.op for _, node in genome.root.walk()} | {genome.palette.op}


def layout_params(genome: Genome) -> list[dict]:
    """Parameters of the layout nodes (``layout.*`` other than layers/place)."""
    out = []
    for _, node in genome.root.walk():
        if node.op.startswith("layout.") and node.op not in ("layout.layers", "layout.place"):
            out.append({"op": node.op, **node.params.to_json()})
    return out


def effective_palette(genome: Genome) -> tuple[str, ...]:
    """The inks the design shows: its palette, turned by a hue shift at the root."""
    colors = resolve(genome.palette.to_json(), genome.seed)
    root = genome.root
    if root.op != "color.hue_shift":
        return colors
    p = root.params
    lab = srgb_to_oklab(hex_to_srgb(list(colors))).astype(np.float64)
    ang = np.radians(p.shift)
    c, s = np.cos(ang) * p.chroma, np.sin(ang) * p.chroma
    out = lab.copy()
    out[:, 0] = np.clip(lab[:, 0] + p.lightness, 0.0, 1.0)
    out[:, 1] = c * lab[:, 1] - s * lab[:, 2]
    out[:, 2] = s * lab[:, 1] + c * lab[:, 2]
    rgb = np.clip(oklab_to_srgb(out.astype(np.float32)), 0.0, 1.0)
    return tuple(srgb_to_hex(rgb))


def _provenance(genome: Genome) -> dict:
    prov = genome.meta.get("provenance", {})
    return prov if isinstance(prov, dict) else {}


def _op_present(el: Element, ops: set[str], genome: Genome) -> bool:
    if any(op in ops for op in el.ops):
        if el.role:
            from foulard.prompt.recipe import recipe_of

            r = recipe_of(genome)
            if r is not None and el.role in ("hero", "small", "border", "corner"):
                placed = getattr(r, el.role)
                if el.role == "corner" and r.layout == "layout.allover_border" and r.pattern:
                    placed = placed or r.hero
                return placed in el.ops
        return True
    params = layout_params(genome)
    for op in el.ops:
        if op.startswith("symmetry.frieze_"):
            g = op.split("frieze_")[1]
            if any(p.get(k) == g for p in params for k in _GROUP_PARAMS):
                return True
        if op.startswith("symmetry.rosette_"):
            kind = op.split("rosette_")[1]
            if any(p.get(k) == kind for p in params for k in _MEDALLION_PARAMS):
                return True
    return False


def _palette_needs_of(el: Element) -> PaletteNeeds | None:
    from foulard.prompt.plan import apply_palette_rules

    d = vocabulary().by_id[el.id].data
    needs = PaletteNeeds()
    if el.kind == "style":
        apply_palette_rules(d.get("palette_check", {}), needs)
    elif el.kind in ("mood", "occasion"):
        apply_palette_rules(d.get("palette", {}), needs)
    return needs if needs.constrained else None


def honours(genome: Genome, intent: Intent) -> dict:
    """Which asked elements the design shows and which refused ones it avoids.

    Returns ``{"ok": bool, "wanted": {element id: bool}, "negated": {...},
    "failures": [reasons]}``.
    """
    vocab = vocabulary()
    ops = genome_ops(genome)
    colors = effective_palette(genome)
    params = layout_params(genome)
    prov = _provenance(genome)
    wanted: dict[str, bool] = {}
    negated: dict[str, bool] = {}
    failures: list[str] = []
    for el in intent.wanted:
        ok = True
        if el.kind in ("operator", "group"):
            ok = _op_present(el, ops, genome)
        elif el.kind == "colour":
            e = vocab.by_id[el.id]
            req = {
                "category": e.data.get("category"),
                "hex": None if e.data.get("category") else e.data["hex"],
                "shade": el.shade,
                "role": "ground" if el.role == "ground" else None,
            }
            ok = not PaletteNeeds(required=[req]).failures(colors)
        elif el.kind == "palette":
            node = vocab.by_id[el.id].data["node"]
            mine = genome.palette.to_json()
            ok = mine["op"] == node["op"] and all(
                mine["params"].get(k) == v for k, v in node["params"].items()
            )
        elif el.kind in ("style", "mood", "occasion"):
            needs = _palette_needs_of(el)
            ok = needs is None or not needs.failures(colors)
            if el.kind == "style":
                sig = set(vocab.by_id[el.id].data.get("signature", ()))
                ok = ok and (not sig or bool(sig & ops))
        elif el.kind == "scale":
            want = vocab.by_id[el.id].data["density"]
            recipe = prov.get("recipe", {})
            ok = recipe.get("density") == want if recipe else True
        elif el.kind == "symmetry":
            sym = vocab.by_id[el.id].data["symmetry"]
            if sym in ("d4", "c4"):
                ok = any(p.get("symmetry") == sym for p in params) or not params
            elif sym == "none":
                ok = any(p["op"] == "layout.placement" for p in params)
            elif sym == "radial":
                ok = bool(ops & {"symmetry.rosette_cyclic", "symmetry.rosette_dihedral"}) or any(
                    p.get(k) in ("dihedral", "cyclic") for p in params for k in _MEDALLION_PARAMS
                )
        wanted[el.id] = bool(ok)
        if not ok:
            failures.append(f"missing {el.kind} '{el.term}'")
    for el in intent.negated:
        ok = True
        if el.kind in ("operator", "group", "style"):
            refused = set(el.ops)
            if el.kind == "style":
                refused = set(vocab.by_id[el.id].data.get("signature", ()))
            ok = not (refused & ops)
        elif el.kind == "colour":
            e = vocab.by_id[el.id]
            f = (
                {"category": e.data.get("category")}
                if e.data.get("category")
                else {"hex": e.data["hex"]}
            )
            ok = not PaletteNeeds(forbidden=[f]).failures(colors)
        elif el.kind == "palette":
            node = vocab.by_id[el.id].data["node"]
            mine = genome.palette.to_json()
            ok = not (
                mine["op"] == node["op"]
                and all(mine["params"].get(k) == v for k, v in node["params"].items())
            )
        negated[el.id] = bool(ok)
        if not ok:
            failures.append(f"has refused {el.kind} '{el.term}'")
    if intent.colour_count is not None and len(colors) != intent.colour_count:
        failures.append(f"{len(colors)} colours, not {intent.colour_count}")
    if intent.format is not None:
        fmt = prov.get("recipe", {}).get("format") or prov.get("format")
        if fmt != intent.format:
            failures.append(f"format {fmt}, not {intent.format}")
    return {"ok": not failures, "wanted": wanted, "negated": negated, "failures": failures}
