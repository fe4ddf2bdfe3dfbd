"""Drawing a person's designs of the space for a prompt: medallion and square symmetry."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from foulard.prompt import design, parse
from foulard.prompt.compose import plan
from foulard.prompt.honour import layout_params
from foulard.prompt.space_draw import person_matches, space_masks
from foulard.space import Address, DesignSpace
from foulard.space.alleles import VERSIONS

KEY = bytes(range(32))
SLOT = 9


@functools.cache
def _space(version: int) -> DesignSpace:
    return DesignSpace(KEY, version)


def _medallion_group(space: DesignSpace, genome) -> str | None:
    """The group of the rosette that draws the medallion gene's motif, read off the tree.

    Version 1: the medallions are ``layout.place(rosette(motif))`` in the third layer.
    Versions 2 to 4: the medallion motif fills the layout's ``medallion`` or ``centre``
    slot (the layout draws it as a rosette of its ``<slot>_group``), or it is drawn over
    the layout as ``layout.place(rosette(motif))``; a placed motif has no group.
    """
    genes = space.genes_of(np.array([space.locate(genome).address.index], np.uint64))[0]
    motif = space.anatomy._flat_motif[int(genes[2])]
    root = genome.root
    if space.version == 1:
        medallions = root.input("source").input("layers")[2]
        places = medallions.input("layers") if medallions.op == "layout.layers" else (medallions,)
        rosettes = {p.input("motif") for p in places}
        assert len(rosettes) == 1
        rosette = rosettes.pop()
        assert rosette.input("motif") == motif
        return rosette.op.removeprefix("symmetry.rosette_")
    layers = root.input("layers")
    layout = layers[0]
    for slot in ("medallion", "centre"):
        if dict(layout.inputs).get(slot) == motif:
            return getattr(layout.params, f"{slot}_group")
    for piece in layers[1:-2]:
        if piece.op == "layout.place":
            inner = piece.input("motif")
            if inner.op.startswith("symmetry.rosette_") and inner.input("motif") == motif:
                return inner.op.removeprefix("symmetry.rosette_")
    return None


@pytest.mark.parametrize("version", sorted(VERSIONS))
@pytest.mark.parametrize(
    ("prompt", "group"),
    [
        ("pinwheel medallion", "cyclic"),
        ("kaleidoscope medallion", "dihedral"),
        ("旋转团花", "cyclic"),
    ],
)
def test_a_medallion_symmetry_draws_medallions_of_that_group(version, prompt, group):
    space = _space(version)
    intent = parse(prompt)
    masks = space_masks(intent, plan(intent), version)
    assert masks is not None, "every space version can express a medallion's symmetry"
    assert 0 < masks["layout"].sum() < 256
    found = person_matches(space, SLOT, masks)
    assert len(found) > 1000
    for n in found[:: len(found) // 25][:25]:
        genome = space.genome(Address(SLOT, int(n)))
        assert _medallion_group(space, genome) == group, (version, int(n))
    # and the layouts the mask leaves out draw no medallion of that group
    excluded = np.flatnonzero(~masks["layout"])
    rows = space.genes_of(np.uint64(SLOT * 100_000) + np.arange(3000, dtype=np.uint64))
    others = [n for n, row in enumerate(rows) if row[1] in excluded][:25]
    for n in others:
        assert _medallion_group(space, space.genome(Address(SLOT, n))) != group


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_the_designer_draws_them_from_the_persons_space(version):
    space = _space(version)
    intent = parse("peony, pinwheel medallion")
    batch = design(intent, 2, space=space, slot=SLOT, perceptual=False, space_share=1.0)
    assert [c.source for c in batch.candidates] == ["space", "space"]
    for c in batch.candidates:
        assert c.honour["ok"]
        assert _medallion_group(space, c.genome) == "cyclic"


@pytest.mark.parametrize("version", [2, 3, 4])
def test_a_square_symmetry_draws_layouts_of_that_group(version):
    space = _space(version)
    for prompt, square, group in (
        ("symmetric in four", "d4", "dihedral"),
        ("rotational symmetry", "c4", "cyclic"),
    ):
        intent = parse(prompt)
        masks = space_masks(intent, plan(intent), version)
        found = person_matches(space, SLOT, masks)
        for n in found[:10]:
            genome = space.genome(Address(SLOT, int(n)))
            assert layout_params(genome)[0]["symmetry"] == square, prompt
            assert _medallion_group(space, genome) == group, prompt
