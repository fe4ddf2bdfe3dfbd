"""Invariants of the ornaments: determinism, bounds, palette-role colours, SVG."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_same_seed_same_drawing(op_id, params, drawing_checks):
    drawing_checks.same_seed_same_drawing(op_id, params, px=192)


def test_clouds_vary_with_the_generator(drawing_checks):
    assert drawing_checks.seed_matters("ornament.xiangyun")


@pytest.mark.parametrize("op_id", ["ornament.huiwen", "ornament.seigaiha"])
def test_repeat_units_draw_no_randomness(op_id, drawing_checks):
    assert not drawing_checks.seed_matters(op_id)


def test_clouds_stay_inside_their_box_for_any_parameters(drawing_checks):
    drawing_checks.stays_inside_its_box("ornament.xiangyun", seed=7, count=12, px=400)


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_only_documented_tones_appear(op_id, params, drawing_checks):
    drawing_checks.only_documented_tones(op_id, params, px=512, least=2000)


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_a_new_colourway_recolours_each_role(op_id, params, drawing_checks):
    drawing_checks.recolours_each_role(op_id, params, px=384)


@pytest.mark.parametrize("op_id", ORNAMENTS)
def test_tones_are_roles_or_mixes_of_roles(op_id, draw_op, drawing_checks):
    _, p = draw_op(op_id, {"fill_ground": True} if op_id == "ornament.huiwen" else {})
    drawing_checks.tones_are_mixes_of_roles(op_id, p)


@pytest.mark.parametrize("op_id", ORNAMENTS)
def test_svg_export_parses_and_has_paths(op_id, drawing_checks):
    drawing_checks.svg_has_paths(op_id, least=1)


@pytest.mark.parametrize("op_id", ORNAMENTS)
def test_any_parameters_build(op_id, drawing_checks):
    drawing_checks.any_parameters_draw(op_id, seed=5, count=20)
