"""Space version 4: what its tables change, and the frames' centre field."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from foulard.color.space import hex_to_srgb, srgb_to_oklab
from foulard.genome import Genome, Node
from foulard.ops.layout.concentric_frames import bands, field_inset
from foulard.render import render
from foulard.space.alleles import v3, v4
from foulard.space.alleles.v3_palettes import SECOND_ROLE
from foulard.space.genes import ALLELES, Option

_CHANGED = {"palette", "layout", "ground", "repeat_inks", "finish"}


def test_version_4_changes_five_tables_and_keeps_the_others(space):
    assert space.version == v4.VERSION == 4
    assert [g.name for g in v4.GENES] == [g.name for g in v3.GENES]
    for old, new in zip(v3.GENES, v4.GENES, strict=True):
        assert (old == new) == (new.name not in _CHANGED), new.name
    # The layouts: the same layout operator in each of the 8 places, new geometries.
    assert [a[1] for a in v4.ARCHETYPES] == [a[1] for a in v3.ARCHETYPES]
    for old, new in zip(v3.ARCHETYPES, v4.ARCHETYPES, strict=True):
        assert [p for _, p in old[2]] != [p for _, p in new[2]], new[0]


def test_palettes_hold_the_strongest_contrast_in_role_1():
    from foulard.space.alleles.v3_palettes import PALETTES as OLD
    from foulard.space.alleles.v4_palettes import PALETTES

    moved = 0
    for (name, old), (name4, new) in zip(OLD, PALETTES, strict=True):
        assert name4 == name and sorted(new) == sorted(old)  # the same inks
        assert new[0] == old[0] and new[SECOND_ROLE] == old[SECOND_ROLE]
        lightness = srgb_to_oklab(hex_to_srgb(list(new)))[:, 0]
        gaps = np.abs(lightness - lightness[0])
        others = [r for r in range(1, len(new)) if r != SECOND_ROLE]
        assert gaps[1] == max(gaps[r] for r in others), name
        moved += new != old
    assert moved > 100


def test_the_256_grounds_are_listed_in_one_place(space):
    gene = v4.GENES[3]
    assert gene.name == "ground" and gene.sizes == (ALLELES,)
    assert [o.name for o in gene.factors[0].options] == [name for name, _ in v4.GROUNDS]
    anatomy = space.anatomy
    assert len(set(anatomy.ground)) == ALLELES
    # Every ground runs through the ground's ink and at least one more (in a palette of
    # six inks; two palettes have four).
    for _, data in v4.GROUNDS:
        ramp = data["map"]
        assert ramp["count"] >= 2 and 0 in {(ramp["first"] + k) % 6 for k in range(ramp["count"])}
    # A ground that draws its own colours (no gradient map) is used as it is.
    plain = Option("plain", {"op": "fields.perlin_noise", "params": {"frequency": 3}})
    node = anatomy._ground(SimpleNamespace(choices=lambda a: (plain,)), 0)
    assert node == Node.make("fields.perlin_noise", frequency=3)


def test_one_ground_row_is_foulards_own_model(space):
    """16 grounds are samples of model v2, each with its own words and treatment, and a
    design with one renders its ground from the model (the node's own draw)."""
    model = [(n, d) for n, d in v4.GROUNDS if d["op"] == "learned.neural_prompt"]
    assert len(model) == 16
    assert len({d["params"]["words"] for _, d in model}) == 16
    assert len({str(d["map"]) for _, d in model}) == 16
    assert all(d["params"]["model"] == "v2" for _, d in model)
    # every word is one the model knows (nothing ignored, nothing guessed)
    from foulard.model.infer import load_model

    m = load_model(model="v2")
    for _, d in model:
        cond = m.condition(d["params"]["words"])
        assert cond.used and not cond.ignored, d["params"]["words"]
    a = next(i for i, (_, d) in enumerate(v4.GROUNDS) if d["op"] == "learned.neural_prompt")
    node = space.anatomy.ground[a]
    assert node.op == "color.gradient_map" and node.input("source").op == "learned.neural_prompt"
    palette = Node.make("color.palette", colors=["#20304a", "#c8a040", "#f0e6d2", "#a03028"])
    pics = [render(Genome.make(node, palette, seed=s), 48) for s in (1, 2)]
    assert pics[0].std() > 5 and not np.array_equal(pics[0], pics[1])


def _frames(space):
    anatomy = space.anatomy
    return [
        anatomy.layouts[a][1]
        for a in range(ALLELES)
        if anatomy.layouts[a][0] == "layout.concentric_frames"
    ]


def test_frames_are_a_few_wide_bands_round_a_field_of_its_own(space):
    frames = _frames(space)
    assert len(frames) == 64
    looks = set()
    for p in frames:
        fitted = bands(p)
        assert len(fitted) == p.frames <= 3  # every band fits, and there are few
        assert sum(b.width for b in fitted) >= 0.1  # wide ones
        assert p.field_fill >= 1  # the centre field has an ink of its own, not the ground's
        assert 1 in (p.band_color_a, p.band_color_b)  # the contrasting ink makes a band
        area = (1.0 - 2.0 * field_inset(p)) ** 2
        assert 0.05 < area < 0.4  # the centre field: a part of the square, not all of it
        looks.add((tuple(round(b.width, 3) for b in fitted), p.field_fill, p.centre_radius))
    # The geometries differ at a glance (band widths, the field's ink, the medallion's
    # size), not only in frieze groups and rosette orders as version 3's did.
    assert len(looks) >= 16
    old = _frames(space.sibling(3))
    assert len({tuple(round(b.width, 3) for b in bands(p)) for p in old}) <= 4


def test_carre_centre_disc_keeps_the_grounds_ink_in_four_sizes(space):
    anatomy = space.anatomy
    for arche in (0, 1):
        params = [anatomy.layouts[arche * 32 + g][1] for g in range(32)]
        assert {p.medallion_color for p in params} == {0}
        radii = {}
        for p in params:
            radii.setdefault(p.border_group, set()).add(p.medallion_radius)
        assert all(len(r) == 1 for r in radii.values())
        assert len({r.pop() for r in radii.values()}) == 4


_INKS = ["#f4ead5", "#1d2a44", "#b8322a", "#2f7d5b"]


def _frames_genome(**params) -> Genome:
    palette = Node.make("color.palette", colors=_INKS)
    return Genome(Node.make("layout.concentric_frames", frames=2, **params), palette)


def test_frames_field_fill_paints_the_centre_and_nothing_else():
    plain = _frames_genome()
    filled = _frames_genome(field_fill=2)
    a, b = render(plain, 64, threads=1), render(filled, 64, threads=1)
    red = np.rint(hex_to_srgb([_INKS[2]])[0] * 255)
    assert np.abs(b[32, 32].astype(float) - red).max() <= 1  # the centre: the fill's ink
    assert np.abs(a[32, 32].astype(float) - red).max() > 50  # before: the ground
    # Outside the innermost field (a pixel clear of its anti-aliased edge) nothing moves.
    edge = field_inset(filled.root.params) * 64
    ij = np.indices((64, 64)) + 0.5
    inside = np.minimum(np.minimum(ij[0], 64 - ij[0]), np.minimum(ij[1], 64 - ij[1])) > edge - 1
    assert (a[~inside] == b[~inside]).all()
    assert not (a[inside] == b[inside]).all()


def test_frames_field_fill_keeps_earlier_designs_ids():
    # Added after designs were issued: at its default it stays out of the canonical
    # form, so a genome saved before it existed has the same id, and loads to the same.
    plain, filled = _frames_genome(), _frames_genome(field_fill=2)
    assert "field_fill" not in plain.root.to_json()["params"]
    assert filled.root.to_json()["params"]["field_fill"] == 2
    for g in (plain, filled):
        again = Genome.from_json(g.canonical())
        assert again == g and again.design_id == g.design_id
