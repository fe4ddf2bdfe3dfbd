"""Invariants of the vector motifs: determinism, bounds, palette-role colours, SVG.

Every motif is checked over its example and a few variants: the same seed gives
the same drawing, the drawing never reaches its box's edge, every fully covered
pixel far from an edge has one of the colours the motif documents (its palette
roles and fixed mixes, listed by the module's ``tones``), and a new colourway
recolours each of those pixels to the same role in the new palette.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops.examples import EXAMPLE_PALETTE

MOTIFS = [
    "motifs.peony",
    "motifs.lotus",
    "motifs.chrysanthemum",
    "motifs.plum_blossom",
    "motifs.paisley",
]

# The example and the variants that change what is drawn (views, styles, options).
VARIANTS = [(op, {}) for op in MOTIFS] + [
    ("motifs.peony", {"leaves": 0, "rings": 6, "petals": 11}),
    ("motifs.lotus", {"view": "top"}),
    ("motifs.lotus", {"view": "side", "leaves": 0, "layers": 1}),
    ("motifs.chrysanthemum", {"layers": 1, "center": 0.0}),
    ("motifs.plum_blossom", {"stamens": 0, "petals": 8}),
    ("motifs.paisley", {"band_style": "petals", "fringe": False, "mirror": True}),
    ("motifs.paisley", {"band_style": "scallops", "bands": 6}),
]
ids = [f"{op}-{i}" for i, (op, _) in enumerate(VARIANTS)]


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_same_seed_same_drawing(op_id, params, drawing_checks):
    drawing_checks.same_seed_same_drawing(op_id, params, px=192)


@pytest.mark.parametrize("op_id", [m for m in MOTIFS if m != "motifs.paisley"])
def test_the_generator_varies_the_drawing(op_id, drawing_checks):
    # Each motif draws its jitter from the generator handed in: seeds differ.
    assert drawing_checks.seed_matters(op_id)


def test_paisley_outline_varies_with_the_generator(drawing_checks):
    assert drawing_checks.seed_matters("motifs.paisley", {"jitter": 1.0})


@pytest.mark.parametrize("op_id", MOTIFS)
def test_drawing_stays_inside_its_box_for_any_parameters(op_id, drawing_checks):
    drawing_checks.stays_inside_its_box(op_id, seed=11, count=10, px=400)


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_only_documented_tones_appear(op_id, params, drawing_checks):
    drawing_checks.only_documented_tones(op_id, params, px=512, least=2000)


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_a_new_colourway_recolours_each_role(op_id, params, drawing_checks):
    drawing_checks.recolours_each_role(op_id, params, px=384)


@pytest.mark.parametrize("op_id", MOTIFS)
def test_tones_are_roles_or_mixes_of_roles(op_id, draw_op, drawing_checks):
    drawing_checks.tones_are_mixes_of_roles(op_id, draw_op(op_id)[1])


@pytest.mark.parametrize("op_id", MOTIFS)
def test_svg_export_parses_and_has_paths(op_id, drawing_checks):
    drawing_checks.svg_has_paths(op_id, least=5)


@pytest.mark.parametrize("op_id", MOTIFS)
def test_any_parameters_build(op_id, drawing_checks):
    drawing_checks.any_parameters_draw(op_id, seed=3, count=25)


def test_plum_light_heart_stays_inside_its_petal(
    draw_op, interior_mask, match_tones, documented_tones
):
    # The lighter heart of each petal is clipped to that petal: no light pixel sits
    # on the ground, and none lies beyond the petal ring's outer radius.
    d, p = draw_op("motifs.plum_blossom", {"stamens": 0, "jitter": 0.0})
    rgba = d.rasterize(400)
    mask = interior_mask(rgba, 1)
    names = match_tones(
        np.rint(rgba[mask][:, :3] * 255),
        documented_tones("motifs.plum_blossom", p, EXAMPLE_PALETTE),
    )
    ys, xs = np.nonzero(mask)
    light = np.array(["petal_light" in n for n in names])
    assert light.any()
    r = np.hypot(xs[light] + 0.5 - 200, ys[light] + 0.5 - 200) / 400
    # The shrunk copy of a petal reaches 0.55 * 0.2 + 0.6 * 0.18 of the centre at most.
    assert r.max() < 0.23
