"""Drawing a person's own designs of the space that honour an intent.

The design space gives every person 100,000 addresses whose designs differ pairwise in
at least d genes (``foulard.space``). For an intent whose elements the space can
express (its motifs, palettes, lattices, densities, symmetries), each gene gets a mask
of the alleles that honour the plan; the person's 100,000 gene rows are computed in
one vectorised pass and the rows that pass every mask are the candidates. They keep
the space's no-repeat guarantee; the exact check (:func:`~foulard.prompt.honour.honours`)
runs on each genome taken.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np

from foulard.prompt.intent import Intent
from foulard.prompt.palettes import resolve
from foulard.prompt.plan import Plan
from foulard.space.address import PER_PERSON

__all__ = ["allele_ops", "person_matches", "space_masks"]

# The gene that places a motif in each part, by name in each space version (the first
# name the version has; v1 calls the border gene "border", v2 "border_motif").
_MOTIF_GENE = {
    None: ("medallion_motif",),
    "hero": ("medallion_motif",),
    "border": ("border", "border_motif"),
    "corner": ("corners",),
    "small": ("accents", "second_motif"),
}


def _gene_for(role: str | None, names) -> str | None:
    return next((g for g in _MOTIF_GENE.get(role, _MOTIF_GENE[None]) if g in names), None)


def _ops_of_option(data, motifs) -> set[str]:
    out: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("op"), str):
            out.add(data["op"])
        if isinstance(data.get("motif"), int):
            out.add(motifs.options[data["motif"]].data["op"])
        for v in data.values():
            if isinstance(v, (dict, list)):
                out |= _ops_of_option(v, motifs)
    elif isinstance(data, list):
        for v in data:
            out |= _ops_of_option(v, motifs)
    return out


@functools.cache
def _tables(version: int):
    from foulard.space.alleles import VERSIONS
    from foulard.space.alleles.motifs import MOTIFS

    genes = VERSIONS[version].GENES
    ops = {}
    motif = {}
    for g in genes:
        rows, main = [], []
        for a in range(256):
            choices = g.choices(a)
            rows.append(frozenset().union(*(_ops_of_option(o.data, MOTIFS) for o in choices)))
            m = None
            for o in choices:
                if "op" in o.data and (o.data["op"].startswith(("motifs.", "ornament."))):
                    m = o.data["op"]
                elif isinstance(o.data.get("motif"), int):
                    m = MOTIFS.options[o.data["motif"]].data["op"]
            main.append(m)
        ops[g.name] = rows
        motif[g.name] = main
    pal = genes[0]
    colours = [resolve(pal.choices(a)[0].data) for a in range(256)]
    return genes, ops, motif, colours


@functools.cache
def _layout_traits(version: int) -> tuple[dict, ...]:
    from foulard.space.space import anatomy_class

    return anatomy_class(version).layout_traits()


def allele_ops(version: int = 1) -> dict[str, list[frozenset[str]]]:
    """For each gene, the operators each allele puts in the design."""
    return _tables(version)[1]


def space_masks(intent: Intent, pl: Plan, version: int = 1) -> dict[str, np.ndarray] | None:
    """Per gene, the alleles that honour the plan; None when the space cannot express it."""
    genes, ops, motif, colours = _tables(version)
    masks = {g.name: np.ones(256, bool) for g in genes}
    for el in intent.of("operator", "group"):
        layouts = {op for op in el.ops if op.startswith("layout.")}
        if layouts:
            # Versions whose layout gene names its layout operator can honour a layout
            # word; others (v1: one carré archetype) cannot.
            masks["layout"] &= np.array([bool(layouts & o) for o in ops["layout"]])
    if pl.effects or pl.linework or pl.frieze:
        return None
    if intent.format is not None:
        from foulard.scarf.formats import get_format

        if get_format(intent.format).kind != "square" or intent.format == "bandana":
            return None
    if any(el.kind == "symmetry" and el.id == "symmetry:asymmetric" for el in intent.wanted):
        return None
    space_motifs = {m for rows in motif.values() for m in rows if m}
    for need in pl.needs:
        gene = _gene_for(need.role, motif)
        want = set(need.ops) & space_motifs
        if not want or gene is None:
            return None
        masks[gene] &= np.array([m in want for m in motif[gene]])
    if pl.lattice:
        masks["repeat"] &= np.array([pl.lattice in o for o in ops["repeat"]])
    if pl.forbidden:
        for g in genes:
            masks[g.name] &= np.array([not (o & pl.forbidden) for o in ops[g.name]])
    needs = pl.palette
    if needs.constrained:
        plain = replace(needs, named=[], style_palettes=[], families=())
        ok = np.array([not plain.failures(c) for c in colours])
        if needs.named:
            pal_gene = genes[0]
            named = np.zeros(256, bool)
            for a in range(256):
                node = pal_gene.choices(a)[0].data
                for want in needs.named:
                    if node["op"] == want["op"] and all(
                        node["params"].get(k) == v for k, v in want.get("params", {}).items()
                    ):
                        named[a] = True
            ok &= named
        if needs.families:
            fams = [
                pal_gene_op.split(".")[1]
                for pal_gene_op in (genes[0].choices(a)[0].data["op"] for a in range(256))
            ]
            ok &= np.array([f in needs.families for f in fams])
        masks["palette"] &= ok
        finish = genes[-1]
        masks["finish"] &= np.array(
            [
                finish.choices(a)[0].data["shift"] == 0
                and finish.choices(a)[1].data["chroma"] <= 1.05
                for a in range(256)
            ]
        )
    if pl.density:
        dens = genes[5]
        sel = []
        for a in range(256):
            rep = dens.choices(a)[0].data["repeats"]
            size = dens.choices(a)[1].data["motif_size"]
            sel.append(
                {
                    "dense": rep >= 12,
                    "sparse": rep <= 5,
                    "small": size <= 0.45,
                    "large": size >= 0.6,
                }.get(pl.density, True)
            )
        masks["density"] &= np.array(sel)
    if pl.symmetry or pl.medallion:
        traits = _layout_traits(version)
        kind = {"d4": "dihedral", "c4": "cyclic"}.get(pl.symmetry or "", pl.medallion)
        if kind in ("dihedral", "cyclic"):
            masks["layout"] &= np.array([t["medallion"] == kind for t in traits])
        if pl.symmetry and any(t["square"] for t in traits):
            # A version whose layouts say their square's group honours it too.
            masks["layout"] &= np.array([t["square"] == pl.symmetry for t in traits])
    if any(not m.any() for m in masks.values()):
        return None
    return masks


def person_matches(space, slot: int, masks: dict[str, np.ndarray]) -> np.ndarray:
    """The n (0 <= n < 100,000) of the person's addresses whose genes pass every mask."""
    base = np.uint64(slot) * np.uint64(PER_PERSON)
    idx = base + np.arange(PER_PERSON, dtype=np.uint64)
    rows = space.genes_of(idx)
    ok = np.ones(len(idx), bool)
    for j, gene in enumerate(space.genes):
        ok &= masks[gene.name][rows[:, j]]
    return np.flatnonzero(ok)
