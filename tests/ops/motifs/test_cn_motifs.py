"""Invariants of the Chinese motifs: orchid, bamboo, plum branch, crane, bat, carp, butterfly.

As for the other motifs: the same seed gives the same drawing and another seed a
different one; the drawing stays inside its box for any parameters; every fully
covered pixel far from an edge has a colour the module's ``tones`` documents, and a
new colourway recolours each pixel to the same role; tones are roles or mixes of
roles; the SVG export parses. Then each motif's own invariants: bilateral symmetry
of the bat and the butterfly, the crane's two facings, the fish pair, and so on.
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
    "motifs.orchid",
    "motifs.bamboo",
    "motifs.plum_branch",
    "motifs.crane",
    "motifs.bat",
    "motifs.carp",
    "motifs.butterfly",
]

VARIANTS = [(op, {}) for op in MOTIFS] + [
    ("motifs.orchid", {"leaves": 12, "flowers": 6, "broken": 1.0}),
    ("motifs.bamboo", {"culms": 4, "leaves": 2, "droop": 0.0}),
    ("motifs.plum_branch", {"entry": "bottom", "depth": 5, "buds": 1.0}),
    ("motifs.crane", {"pose": "standing", "facing": "right"}),
    ("motifs.bat", {"bats": 5}),
    ("motifs.bat", {"curls": False, "fingers": 3}),
    ("motifs.carp", {"pair": True}),
    ("motifs.butterfly", {"shape": "round", "eyespots": False}),
    ("motifs.butterfly", {"shape": "fay"}),
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
    assert np.array_equal(a.rasterize(160), b.rasterize(160))
    assert svg_text(a) == svg_text(b)


@pytest.mark.parametrize("op_id", MOTIFS)
def test_the_generator_varies_the_drawing(op_id, draw_op):
    a, _ = draw_op(op_id, seed=1)
    b, _ = draw_op(op_id, seed=2)
    assert not np.array_equal(a.rasterize(128), b.rasterize(128))


@pytest.mark.parametrize("op_id", MOTIFS)
def test_drawing_stays_inside_its_box_for_any_parameters(op_id, draw_op, any_params):
    rng = np.random.default_rng(17)
    for i, params in enumerate([{}] + [any_params(op_id, rng) for _ in range(8)]):
        d, _ = draw_op(op_id, params, seed=i)
        assert d.bounds == (0.0, 0.0, 1.0, 1.0)
        alpha = d.rasterize(320)[..., 3]
        assert alpha.sum() > 100, f"{op_id} {params}: nothing drawn"
        border = np.ones_like(alpha, bool)
        border[2:-2, 2:-2] = False
        assert alpha[border].max() == 0.0, f"{op_id} {params}: touches the edge"


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_only_documented_tones_appear(op_id, params, draw_op, interior_mask, match_tones):
    d, p = draw_op(op_id, params)
    rgba = d.rasterize(640)
    mask = interior_mask(rgba)
    assert mask.sum() > 1500, "too few interior pixels to judge"
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
    assert np.array_equal(ra[..., 3], rb[..., 3]), "the geometry depends on the palette"
    mask = interior_mask(ra) & interior_mask(rb)
    na = match_tones(np.rint(ra[mask][:, :3] * 255), tones_of(op_id, p, EXAMPLE_PALETTE))
    nb = match_tones(np.rint(rb[mask][:, :3] * 255), tones_of(op_id, p, other_palette))
    mismatched = sum(1 for x, y in zip(na, nb, strict=True) if not (x & y))
    assert mismatched == 0, f"{op_id}: {mismatched} pixels changed role with the palette"
    assert not np.array_equal(ra, rb)


@pytest.mark.parametrize("op_id", MOTIFS)
def test_tones_are_roles_or_mixes_of_roles(op_id, draw_op):
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
    assert len([e for e in root.iter() if e.tag.endswith("path")]) >= 5


@pytest.mark.parametrize("op_id", MOTIFS)
def test_any_parameters_build(op_id, draw_op, any_params):
    rng = np.random.default_rng(5)
    for i in range(16):
        d, _ = draw_op(op_id, any_params(op_id, rng), seed=i)
        assert d.rasterize(48)[..., 3].max() > 0


def mirror_error(rgba: np.ndarray) -> float:
    """Mean difference between an image and its left-right mirror image."""
    return float(np.abs(rgba - rgba[:, ::-1]).mean())


@pytest.mark.parametrize(
    ("op_id", "params"),
    [
        ("motifs.bat", {}),
        ("motifs.bat", {"curls": False, "fingers": 5, "lift": -0.3}),
        ("motifs.butterfly", {}),
        ("motifs.butterfly", {"shape": "round", "jitter": 1.0}),
    ],
)
def test_bat_and_butterfly_are_mirror_symmetric(op_id, params, draw_op):
    # One wing is drawn and mirrored: the picture equals its mirror image up to
    # anti-aliasing, while a motif drawn off-centre would differ by far more.
    d, _ = draw_op(op_id, params, seed=3)
    assert mirror_error(d.rasterize(400)) < 0.002


def test_the_mirror_check_fails_on_a_turned_butterfly(draw_op):
    d, _ = draw_op("motifs.butterfly", {"rotation": 30.0}, seed=3)
    assert mirror_error(d.rasterize(400)) > 0.01


def test_crane_facing_right_is_the_mirror_of_facing_left(draw_op):
    left, _ = draw_op("motifs.crane", {"facing": "left"}, seed=4)
    right, _ = draw_op("motifs.crane", {"facing": "right"}, seed=4)
    a, b = left.rasterize(320), right.rasterize(320)
    assert float(np.abs(a - b[:, ::-1]).mean()) < 0.002
    assert float(np.abs(a - b).mean()) > 0.01


def test_five_bats_round_the_longevity_roundel_turn_into_each_other(draw_op):
    # Five identical bats (one generator draw each, so not identical in detail)
    # round a roundel: the roundel's centre pixel is covered, the bats spread round.
    d, _ = draw_op("motifs.bat", {"bats": 5, "medallion": True}, seed=2)
    alpha = d.rasterize(300)[..., 3]
    assert alpha[150, 150] == 1.0
    ys, xs = np.nonzero(alpha > 0.5)
    angles = np.arctan2(ys - 150, xs - 150)
    hist, _ = np.histogram(angles[np.hypot(ys - 150, xs - 150) > 90], bins=5, range=(-np.pi, np.pi))
    assert hist.min() > 0.3 * hist.max(), "bats do not go round the centre"


def test_carp_pair_is_two_fish_half_a_turn_apart(draw_op):
    d, _ = draw_op("motifs.carp", {"pair": True, "rotation": 0.0, "jitter": 0.0}, seed=1)
    alpha = d.rasterize(300)[..., 3]
    # Half a turn maps the pair onto itself (fins sway with the generator: jitter 0).
    assert float(np.abs(alpha - alpha[::-1, ::-1]).mean()) < 0.01


def test_plum_branch_growth_is_bounded_and_flowers(draw_op):
    d, _ = draw_op("motifs.plum_branch", {"depth": 6, "angle": 70.0, "blossoms": 1.0}, seed=3)
    rgba = d.rasterize(300)
    assert rgba[..., 3].sum() > 500
    module = importlib.import_module("foulard.ops.motifs.plum_branch")
    out = {"branches": [], "tips": []}
    p = get("motifs.plum_branch").params.from_json({"depth": 6})
    module._grow(p, np.random.default_rng(0), (0.0, 0.0), 0.0, 0.7, 0.03, 1, out)
    assert len(out["branches"]) <= module._MAX_BRANCHES + 6 * 5


def test_bamboo_draws_each_culm(draw_op):
    one, _ = draw_op("motifs.bamboo", {"culms": 1, "clusters": 0}, seed=1)
    three, _ = draw_op("motifs.bamboo", {"culms": 3, "clusters": 0}, seed=1)
    a = one.rasterize(200)[..., 3]
    b = three.rasterize(200)[..., 3]

    # Stems are vertical bands: count the runs of ink across the middle row.
    def runs(row):
        ink = row > 0.5
        return int(np.count_nonzero(ink[1:] & ~ink[:-1]) + ink[0])

    assert runs(a[100]) == 1
    assert runs(b[100]) == 3
