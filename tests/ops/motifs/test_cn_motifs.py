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

import numpy as np
import pytest

from foulard.ops import get
from ops._helpers import DrawingInvariants

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


class TestDrawingInvariants(DrawingInvariants):
    variants = VARIANTS
    same_px = 160
    box_seed, box_count, box_px = 17, 8, 320
    tones_px, tones_least = 640, 1500
    recolour_px = 384
    svg_least = 5
    any_seed, any_count = 5, 16


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
