"""Invariants of the ornaments: determinism, bounds, palette-role colours, SVG."""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from foulard.ops import get
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE

ORNAMENTS = ["ornament.xiangyun", "ornament.huiwen", "ornament.seigaiha"]

VARIANTS = [(op, {}) for op in ORNAMENTS] + [
    ("ornament.xiangyun", {"style": "banded", "clouds": 5, "curls": 5, "flow": "left"}),
    ("ornament.xiangyun", {"style": "outline", "clouds": 1, "tail": 0.0}),
    ("ornament.huiwen", {"style": "double", "fill_ground": True, "ground_color": 1}),
    ("ornament.huiwen", {"style": "t_fret"}),
    ("ornament.huiwen", {"style": "linked", "turns": 3}),
    ("ornament.seigaiha", {"style": "bands", "columns": 2}),
    ("ornament.seigaiha", {"style": "alternate", "rings": 3}),
]
ids = [f"{op}-{i}" for i, (op, _) in enumerate(VARIANTS)]


def svg_text(d) -> str:
    """The drawing's SVG with skia's clip ids (a process-wide counter) renumbered."""
    text = d.to_svg().decode()
    seen = {}
    return re.sub(r"cl_[0-9a-f]+", lambda m: seen.setdefault(m.group(0), f"c{len(seen)}"), text)


def tones_of(op_id: str, p, palette) -> dict:
    module = importlib.import_module(get(op_id).func.__module__)
    return module.tones(p, Palette(palette))


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_same_seed_same_drawing(op_id, params, draw_op):
    a, _ = draw_op(op_id, params, seed=5)
    b, _ = draw_op(op_id, params, seed=5)
    assert np.array_equal(a.rasterize(192), b.rasterize(192))
    assert svg_text(a) == svg_text(b)


def test_clouds_vary_with_the_generator(draw_op):
    a, _ = draw_op("ornament.xiangyun", seed=1)
    b, _ = draw_op("ornament.xiangyun", seed=2)
    assert not np.array_equal(a.rasterize(128), b.rasterize(128))


@pytest.mark.parametrize("op_id", ["ornament.huiwen", "ornament.seigaiha"])
def test_repeat_units_draw_no_randomness(op_id, draw_op):
    a, _ = draw_op(op_id, seed=1)
    b, _ = draw_op(op_id, seed=2)
    assert np.array_equal(a.rasterize(128), b.rasterize(128))


def test_clouds_stay_inside_their_box_for_any_parameters(draw_op, any_params):
    rng = np.random.default_rng(7)
    cases = [{}] + [any_params("ornament.xiangyun", rng) for _ in range(12)]
    for i, params in enumerate(cases):
        d, _ = draw_op("ornament.xiangyun", params, seed=i)
        alpha = d.rasterize(400)[..., 3]
        assert alpha.sum() > 100
        border = np.ones_like(alpha, bool)
        border[2:-2, 2:-2] = False
        assert alpha[border].max() == 0.0, f"{params}: the cluster touches the box"


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_only_documented_tones_appear(op_id, params, draw_op, interior_mask, match_tones):
    d, p = draw_op(op_id, params)
    rgba = d.rasterize(512)
    mask = interior_mask(rgba)
    assert mask.sum() > 2000
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
    assert np.array_equal(ra[..., 3], rb[..., 3])
    mask = interior_mask(ra) & interior_mask(rb)
    na = match_tones(np.rint(ra[mask][:, :3] * 255), tones_of(op_id, p, EXAMPLE_PALETTE))
    nb = match_tones(np.rint(rb[mask][:, :3] * 255), tones_of(op_id, p, other_palette))
    mismatched = sum(1 for x, y in zip(na, nb, strict=True) if not (x & y))
    assert mismatched == 0, f"{op_id}: {mismatched} pixels changed role with the palette"
    assert not np.array_equal(ra, rb)


@pytest.mark.parametrize("op_id", ORNAMENTS)
def test_tones_are_roles_or_mixes_of_roles(op_id, draw_op):
    _, p = draw_op(op_id, {"fill_ground": True} if op_id == "ornament.huiwen" else {})
    for name, (r, g, b) in tones_of(op_id, p, ("#808080",) * 6).items():
        assert abs(r - g) < 1e-9 and abs(g - b) < 1e-9, f"{op_id}.{name} is not a mix of roles"


@pytest.mark.parametrize("op_id", ORNAMENTS)
def test_svg_export_parses_and_has_paths(op_id, draw_op):
    root = ET.fromstring(draw_op(op_id)[0].to_svg())
    assert root.tag.endswith("svg")
    assert sum(1 for e in root.iter() if e.tag.endswith("path")) >= 1


@pytest.mark.parametrize("op_id", ORNAMENTS)
def test_any_parameters_build(op_id, draw_op, any_params):
    rng = np.random.default_rng(5)
    for i in range(20):
        d, _ = draw_op(op_id, any_params(op_id, rng), seed=i)
        assert d.rasterize(48)[..., 3].max() > 0
