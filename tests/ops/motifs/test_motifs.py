"""Invariants of the vector motifs: determinism, bounds, palette-role colours, SVG.

Every motif is checked over its example and a few variants: the same seed gives
the same drawing, the drawing never reaches its box's edge, every fully covered
pixel far from an edge has one of the colours the motif documents (its palette
roles and fixed mixes, listed by the module's ``tones``), and a new colourway
recolours each of those pixels to the same role in the new palette.
"""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from foulard.ops import get
from foulard.ops._common.palette import Palette
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


def svg_text(d) -> str:
    """The drawing's SVG with skia's clip ids (a process-wide counter) renumbered."""
    text = d.to_svg().decode()
    ids = {}
    return re.sub(r"cl_[0-9a-f]+", lambda m: ids.setdefault(m.group(0), f"c{len(ids)}"), text)


def tones_of(op_id: str, p, palette) -> dict:
    module = importlib.import_module(get(op_id).func.__module__)
    return module.tones(p, Palette(palette))


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_same_seed_same_drawing(op_id, params, draw_op):
    a, _ = draw_op(op_id, params, seed=5)
    b, _ = draw_op(op_id, params, seed=5)
    assert np.array_equal(a.rasterize(192), b.rasterize(192))
    assert svg_text(a) == svg_text(b)


@pytest.mark.parametrize("op_id", [m for m in MOTIFS if m != "motifs.paisley"])
def test_the_generator_varies_the_drawing(op_id, draw_op):
    # Each motif draws its jitter from the generator handed in: seeds differ.
    a, _ = draw_op(op_id, seed=1)
    b, _ = draw_op(op_id, seed=2)
    assert not np.array_equal(a.rasterize(128), b.rasterize(128))


def test_paisley_outline_varies_with_the_generator(draw_op):
    a, _ = draw_op("motifs.paisley", {"jitter": 1.0}, seed=1)
    b, _ = draw_op("motifs.paisley", {"jitter": 1.0}, seed=2)
    assert not np.array_equal(a.rasterize(128), b.rasterize(128))


@pytest.mark.parametrize("op_id", MOTIFS)
def test_drawing_stays_inside_its_box_for_any_parameters(op_id, draw_op, any_params):
    rng = np.random.default_rng(11)
    cases = [{}] + [any_params(op_id, rng) for _ in range(10)]
    for i, params in enumerate(cases):
        d, _ = draw_op(op_id, params, seed=i)
        assert d.bounds == (0.0, 0.0, 1.0, 1.0)
        alpha = d.rasterize(400)[..., 3]
        assert alpha.sum() > 100, f"{op_id} {params}: nothing drawn"
        # A 2 px (0.005 unit) border stays clear: the motif is never cut by its box.
        border = np.ones_like(alpha, bool)
        border[2:-2, 2:-2] = False
        assert alpha[border].max() == 0.0, f"{op_id} {params}: touches the edge"


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_only_documented_tones_appear(op_id, params, draw_op, interior_mask, match_tones):
    d, p = draw_op(op_id, params)
    rgba = d.rasterize(512)
    mask = interior_mask(rgba)
    assert mask.sum() > 2000, "too few interior pixels to judge"
    colours = np.rint(rgba[mask][:, :3] * 255)
    names = match_tones(colours, tones_of(op_id, p, EXAMPLE_PALETTE))
    stray = [tuple(c) for c, n in zip(colours.astype(int), names, strict=True) if not n]
    assert not stray, f"{op_id}: colours outside the documented tones: {sorted(set(stray))[:5]}"


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_a_new_colourway_recolours_each_role(
    op_id, params, draw_op, interior_mask, match_tones, other_palette
):
    a, p = draw_op(op_id, params)
    b, _ = draw_op(op_id, params, palette=other_palette)
    ra, rb = a.rasterize(384), b.rasterize(384)
    # The geometry does not depend on the palette: coverage is identical.
    assert np.array_equal(ra[..., 3], rb[..., 3])
    mask = interior_mask(ra) & interior_mask(rb)
    na = match_tones(np.rint(ra[mask][:, :3] * 255), tones_of(op_id, p, EXAMPLE_PALETTE))
    nb = match_tones(np.rint(rb[mask][:, :3] * 255), tones_of(op_id, p, other_palette))
    mismatched = sum(1 for x, y in zip(na, nb, strict=True) if not (x & y))
    assert mismatched == 0, f"{op_id}: {mismatched} pixels changed role with the palette"
    assert not np.array_equal(ra, rb)


@pytest.mark.parametrize("op_id", MOTIFS)
def test_tones_are_roles_or_mixes_of_roles(op_id, draw_op):
    # With every role the same grey, every tone is that grey mixed with white or black.
    _, p = draw_op(op_id)
    grey = ("#808080",) * 6
    for name, rgb in tones_of(op_id, p, grey).items():
        r, g, b = rgb
        assert abs(r - g) < 1e-9 and abs(g - b) < 1e-9, f"{op_id}.{name} is not a mix of roles"


@pytest.mark.parametrize("op_id", MOTIFS)
def test_svg_export_parses_and_has_paths(op_id, draw_op):
    d, _ = draw_op(op_id)
    root = ET.fromstring(d.to_svg())
    assert root.tag.endswith("svg")
    paths = [e for e in root.iter() if e.tag.endswith("path")]
    assert len(paths) >= 5


@pytest.mark.parametrize("op_id", MOTIFS)
def test_any_parameters_build(op_id, draw_op, any_params):
    # Random points of the whole parameter space build without error (no fragile
    # path booleans) and draw something.
    rng = np.random.default_rng(3)
    for i in range(25):
        d, _ = draw_op(op_id, any_params(op_id, rng), seed=i)
        assert d.rasterize(48)[..., 3].max() > 0


def test_plum_light_heart_stays_inside_its_petal(draw_op, interior_mask, match_tones):
    # The lighter heart of each petal is clipped to that petal: no light pixel sits
    # on the ground, and none lies beyond the petal ring's outer radius.
    d, p = draw_op("motifs.plum_blossom", {"stamens": 0, "jitter": 0.0})
    rgba = d.rasterize(400)
    mask = interior_mask(rgba, 1)
    names = match_tones(
        np.rint(rgba[mask][:, :3] * 255), tones_of("motifs.plum_blossom", p, EXAMPLE_PALETTE)
    )
    ys, xs = np.nonzero(mask)
    light = np.array(["petal_light" in n for n in names])
    assert light.any()
    r = np.hypot(xs[light] + 0.5 - 200, ys[light] + 0.5 - 200) / 400
    # The shrunk copy of a petal reaches 0.55 * 0.2 + 0.6 * 0.18 of the centre at most.
    assert r.max() < 0.23
