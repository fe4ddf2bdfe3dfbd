"""Invariants of the equestrian and Western motifs: bits, stirrups, horseshoes, feathers,
leaves, roses and tropical leaves.

As for every vector motif: the same seed gives the same drawing, the drawing stays
inside its box for any parameters, fully covered pixels far from an edge carry only
the colours the module documents (palette roles and fixed mixes, from its
``tones``), a new colourway recolours each of them to the same role, and the SVG
export parses. Then what each motif promises: mirror-symmetric metalwork, a
horseshoe that opens where it says, leaves whose teeth lengthen the margin,
monstera holes that are real holes.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from foulard.ops.examples import EXAMPLE_PALETTE
from ops._helpers import DrawingInvariants

MOTIFS = [
    "motifs.horse_bit",
    "motifs.stirrup",
    "motifs.horseshoe_and_whip",
    "motifs.feather",
    "motifs.leaf",
    "motifs.rose",
    "motifs.monstera",
]
VARIANTS = [(op, {}) for op in MOTIFS] + [
    ("motifs.horse_bit", {"rings": "d_ring", "mouthpiece": "french", "straps": False}),
    ("motifs.horse_bit", {"rings": "full_cheek", "mouthpiece": "mullen"}),
    ("motifs.stirrup", {"arch": "pointed", "tread": "pad", "pair": True}),
    ("motifs.stirrup", {"arch": "square", "leather": False}),
    ("motifs.horseshoe_and_whip", {"whips": 1, "opening": "down"}),
    ("motifs.feather", {"style": "peacock"}),
    ("motifs.feather", {"style": "barred", "down": False}),
    ("motifs.leaf", {"shape": "palmate", "margin": "dentate"}),
    ("motifs.leaf", {"shape": "cordate", "margin": "crenate", "two_tone": False}),
    ("motifs.leaf", {"shape": "oak", "lobes": 7}),
    ("motifs.rose", {"petals": 40, "tightness": 1.0, "leaves": 0}),
    ("motifs.monstera", {"leaf_type": "palm_fan"}),
    ("motifs.monstera", {"leaf_type": "banana", "outline": 0.004}),
]


class TestDrawingInvariants(DrawingInvariants):
    variants = VARIANTS
    same_px = 160
    box_seed, box_count, box_px = 11, 10, 400
    tones_px, tones_least = 768, 1000
    recolour_px = 320
    svg_least = 5
    any_seed, any_count = 3, 20


# -- motif by motif ------------------------------------------------------------------


@pytest.fixture
def alpha_of(draw_op):
    """``alpha_of(op_id, params, seed, px)``: the coverage of a drawing."""

    def alpha(op_id, params, seed=1, px=400):
        d, _ = draw_op(op_id, params, seed=seed)
        return d.rasterize(px)[..., 3]

    return alpha


@pytest.mark.parametrize(
    ("op_id", "params"),
    [
        ("motifs.horse_bit", {"straps": False, "rotation": 0.0}),
        ("motifs.horse_bit", {"straps": False, "rings": "d_ring", "mouthpiece": "mullen"}),
        ("motifs.stirrup", {"leather": False}),
        ("motifs.horseshoe_and_whip", {"whips": 0}),
        ("motifs.horseshoe_and_whip", {"whips": 0, "opening": "down", "nails": 5}),
    ],
)
def test_metalwork_is_mirror_symmetric_in_shape(op_id, params, alpha_of):
    a = alpha_of(op_id, params)
    assert np.abs(a - a[:, ::-1]).mean() < 2e-3
    # The comparison tells a lopsided drawing apart: the bit with its reins is not.
    if op_id == "motifs.horse_bit":
        b = alpha_of(op_id, {**params, "straps": True})
        assert np.abs(b - b[:, ::-1]).mean() > 5e-3


def test_a_bit_has_open_rings(alpha_of):
    a = alpha_of("motifs.horse_bit", {"straps": False})
    ys, xs = np.nonzero(a > 0.5)
    # The rings' middles, a third of the width in from either end, are empty.
    row = int(np.median(ys))
    for x in (xs.min() + (xs.max() - xs.min()) // 8, xs.max() - (xs.max() - xs.min()) // 8):
        assert a[row, x] == 0.0


@pytest.mark.parametrize(("opening", "open_row"), [("up", 0), ("down", -1)])
def test_the_horseshoe_opens_where_it_says(opening, open_row, alpha_of):
    a = alpha_of("motifs.horseshoe_and_whip", {"whips": 0, "opening": opening})
    ys, xs = np.nonzero(a > 0.5)
    cx = round(float(xs.mean()))
    top, bottom = ys.min(), ys.max()
    column = a[top : bottom + 1, cx]
    # The heels leave the middle of the open end empty; the toe closes the other end.
    assert column[open_row] == 0.0
    assert column[-1 - open_row if open_row == 0 else 0] > 0.5


def _perimeter(alpha: np.ndarray) -> int:
    solid = alpha > 0.5
    return int((solid ^ ndimage.binary_erosion(solid)).sum())


def test_leaf_teeth_lengthen_the_margin(alpha_of):
    smooth = alpha_of("motifs.leaf", {"margin": "entire"}, px=600)
    toothed = alpha_of("motifs.leaf", {"margin": "serrate", "teeth": 30}, px=600)
    assert _perimeter(toothed) > 1.15 * _perimeter(smooth)


@pytest.mark.parametrize(
    "shape", ["elliptic", "ovate", "obovate", "lanceolate", "cordate", "palmate", "oak"]
)
def test_leaf_shape_classes_differ(shape, alpha_of):
    a = alpha_of("motifs.leaf", {"shape": shape, "margin": "entire"}, px=200)
    b = alpha_of(
        "motifs.leaf",
        {"shape": "ovate" if shape != "ovate" else "elliptic", "margin": "entire"},
        px=200,
    )
    assert np.abs(a - b).mean() > 0.02


def _holes(alpha: np.ndarray) -> int:
    solid = alpha > 0.5
    return int((ndimage.binary_fill_holes(solid) & ~solid).sum())


def test_monstera_holes_are_holes(alpha_of):
    with_holes = alpha_of("motifs.monstera", {"holes": 1.0, "splits": 6, "depth": 0.4}, px=500)
    without = alpha_of("motifs.monstera", {"holes": 0.0, "splits": 0}, px=500)
    assert _holes(with_holes) > 200
    assert _holes(without) == 0


def test_rose_heart_sits_at_the_centre(draw_op, documented_tones):
    d, p = draw_op("motifs.rose", {"leaves": 0})
    rgba = d.rasterize(400)
    ys, xs = np.nonzero(rgba[..., 3] > 0.5)
    cy, cx = int(ys.mean()), int(xs.mean())
    # The heart is the darkest petal tone and the spiral line.
    t = documented_tones("motifs.rose", p, EXAMPLE_PALETTE)
    patch = rgba[cy - 6 : cy + 7, cx - 6 : cx + 7, :3].reshape(-1, 3)
    dark = np.asarray([t["petal4"], t["petal3"], t["line"]])
    near = np.abs(patch[:, None, :] - dark[None]).max(axis=-1).min(axis=1) < 0.02
    assert near.mean() > 0.5


def test_feather_splits_come_from_the_generator(alpha_of):
    a = alpha_of("motifs.feather", {"splits": 6, "down": False}, seed=1)
    b = alpha_of("motifs.feather", {"splits": 6, "down": False}, seed=2)
    c = alpha_of("motifs.feather", {"splits": 0, "down": False}, seed=1)
    assert not np.array_equal(a, b)
    assert a.sum() < c.sum()  # splits cut into the vane
