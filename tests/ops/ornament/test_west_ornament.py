"""Invariants of the Western vector ornaments: determinism, bounds, palette roles, SVG.

Each ornament is checked over its example and variants that change what is drawn:
the same seed gives the same drawing, the generator varies the random ones, free
standing ornaments never reach the edge of their box, every fully covered pixel
far from an edge has one of the colours the module documents (its palette roles
and fixed mixes, listed by its ``tones``), and a new colourway recolours each of
those pixels to the same role. Then the invariants that belong to one ornament:
the n-fold symmetry of star polygons, the mirror of fleurs-de-lis and damask
medallions, the alternating over-under of Celtic knots.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage

from foulard.errors import ParameterError
from foulard.ops import get
from foulard.ops.ornament.celtic_knot import CelticKnotParams, choose_breaks, segments
from foulard.ops.ornament.star_polygon import inner_ratio, star_points
from foulard.render.evaluate import node_rng
from ops._helpers import DrawingInvariants

# Free-standing ornaments (motifs in their box) and border units (edge to edge).
STANDING = [
    "ornament.acanthus",
    "ornament.arabesque",
    "ornament.fleur_de_lis",
    "ornament.palmette",
    "ornament.damask_medallion",
    "ornament.celtic_knot",
    "ornament.star_polygon",
    "ornament.mandala",
    "ornament.brush_strokes",
    "ornament.splatter",
]
BORDERS = ["ornament.rinceau", "ornament.chain_links", "ornament.rope_twist"]
ALL = STANDING + BORDERS
RANDOM = [
    "ornament.acanthus",
    "ornament.rinceau",
    "ornament.arabesque",
    "ornament.damask_medallion",
    "ornament.celtic_knot",
    "ornament.mandala",
    "ornament.brush_strokes",
    "ornament.splatter",
]

VARIANTS = [(op, {}) for op in ALL] + [
    ("ornament.acanthus", {"leaves": 1, "lobes": 6, "fingers": 5}),
    ("ornament.rinceau", {"flower": "bud", "waves": 2}),
    ("ornament.arabesque", {"symmetry": 6, "frame": "square", "ground": False}),
    ("ornament.fleur_de_lis", {"style": "florentine", "jitter": 0.6}),
    ("ornament.palmette", {"layout": "anthemion"}),
    ("ornament.damask_medallion", {"centre": "pomegranate", "tonal": True}),
    ("ornament.chain_links", {"style": "curb"}),
    ("ornament.chain_links", {"style": "stud", "shading": False}),
    ("ornament.rope_twist", {"pattern": "barber", "lay": "s"}),
    ("ornament.celtic_knot", {"coloring": "loops", "breaks": 0.6}),
    ("ornament.star_polygon", {"style": "lines", "points": 12, "step": 5}),
    ("ornament.star_polygon", {"style": "rosette", "points": 16, "step": 6, "ring": False}),
    ("ornament.mandala", {"elements": "geometric", "colors": 2}),
    ("ornament.brush_strokes", {"gesture": "enso"}),
    ("ornament.brush_strokes", {"brush": "flat", "gesture": "scatter"}),
    ("ornament.splatter", {"splats": 1, "spread": 0.0}),
]


def _border_unit(params: dict) -> bool:
    """A border unit runs edge to edge by design."""
    return params.get("layout") in ("border", "anthemion")


class TestDrawingInvariants(DrawingInvariants):
    variants = VARIANTS
    seeded = RANDOM
    unseeded = sorted(set(ALL) - set(RANDOM))
    inside = STANDING
    box_skip = staticmethod(_border_unit)
    same_px = 160
    box_seed, box_count, box_px = 17, 8, 400
    # Fine strokes need the resolution to have flat interiors.
    tones_px, tones_least = 768, 1000
    recolour_px = 320
    svg_least = 3
    any_seed, any_count = 3, 16


# -- star polygons ---------------------------------------------------------------


@pytest.mark.parametrize(("n", "k"), [(5, 2), (7, 3), (8, 3), (12, 5), (6, 2), (9, 1)])
def test_star_outline_is_invariant_under_its_rotations(n, k):
    pts = star_points(n, k, 0.0, 0.4, -0.5 * math.pi)
    a = 2 * math.pi / n
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    # Turning by 2 pi / n moves every corner onto the corner two places on.
    assert np.allclose(pts @ rot.T, np.roll(pts, -2, axis=0), atol=1e-12)


def test_star_inner_corner_lies_on_the_edges_of_the_polygram():
    # The concave corner of {n/k} is where two neighbouring edges cross.
    n, k = 7, 3
    outer = star_points(n, 1, 1.0, 1.0, 0.0)[::2]
    p0, p1 = outer[0], outer[k]  # one edge
    q0, q1 = outer[1], outer[(1 - k) % n]  # its neighbour, from the next point
    m = np.array([p1 - p0, q0 - q1]).T
    s, _ = np.linalg.solve(m, q0 - p0)
    cross = p0 + s * (p1 - p0)
    assert math.isclose(np.hypot(*cross), inner_ratio(n, k), rel_tol=1e-12)


def _rotated(img: np.ndarray, degrees: float) -> np.ndarray:
    """``img`` turned about its centre (bilinear), channel by channel."""
    h, w = img.shape[:2]
    a = math.radians(degrees)
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    sx = cx + (xx - cx) * math.cos(a) - (yy - cy) * math.sin(a)
    sy = cy + (xx - cx) * math.sin(a) + (yy - cy) * math.cos(a)
    return np.stack(
        [ndimage.map_coordinates(img[..., c], [sy, sx], order=1) for c in range(img.shape[2])],
        axis=-1,
    )


@pytest.mark.parametrize(
    "params",
    [
        {"points": 8, "step": 3},
        {"points": 5, "step": 2, "style": "flat", "ring": False},
        {"points": 7, "step": 2, "levels": 3},
        {"points": 12, "step": 5, "style": "lines"},
    ],
)
def test_star_has_exact_n_fold_symmetry(params, draw_op):
    d, p = draw_op("ornament.star_polygon", params)
    img = d.rasterize(400)
    n = p.points
    same = np.abs(_rotated(img, 360.0 / n) - img).mean()
    # Half a step is no symmetry (the rays land between the rays): the test can fail.
    other = np.abs(_rotated(img, 180.0 / n) - img).mean()
    assert same < 0.01
    assert other > 4 * same


def test_star_refuses_a_step_past_half_the_points():
    with pytest.raises(ParameterError, match="2k < n"):
        get("ornament.star_polygon").params.from_json({"points": 6, "step": 3})


# -- mirror-symmetric ornaments ----------------------------------------------------


@pytest.mark.parametrize(
    ("op_id", "params"),
    [
        ("ornament.fleur_de_lis", {"shading": False}),
        ("ornament.fleur_de_lis", {"style": "florentine", "jitter": 1.0, "shading": False}),
        ("ornament.damask_medallion", {}),
        ("ornament.damask_medallion", {"scrolls": 3, "centre": "palmette"}),
    ],
)
def test_mirror_symmetric_ornaments_equal_their_mirror_image(op_id, params, draw_op):
    d, _ = draw_op(op_id, params, seed=4)
    img = d.rasterize(400)
    assert np.abs(img - img[:, ::-1]).mean() < 2e-3
    # An asymmetric ornament fails the same comparison.
    acanthus, _ = draw_op("ornament.acanthus", seed=4)
    other = acanthus.rasterize(400)
    assert np.abs(other - other[:, ::-1]).mean() > 0.02


def test_a_shaded_fleur_de_lis_is_lit_from_one_side_but_shaped_symmetrically(draw_op):
    d, _ = draw_op("ornament.fleur_de_lis", {"jitter": 0.7}, seed=2)
    img = d.rasterize(400)
    alpha = img[..., 3]
    assert np.abs(alpha - alpha[:, ::-1]).mean() < 2e-3
    assert np.abs(img - img[:, ::-1]).mean() > 5e-3  # the light is not mirrored


# -- Celtic knots --------------------------------------------------------------------


def _strand_layers(segs) -> list[list[int]]:
    """Walk every strand of a knot; the crossing layers (+1 over, -1 under) it meets."""

    def key(pt):
        return (round(float(pt[0]), 6), round(float(pt[1]), 6))

    ends: dict = {}
    for i, (pts, l0, l3, _loop) in enumerate(segs):
        ends.setdefault(key(pts[0]), []).append((i, 0, l0))
        ends.setdefault(key(pts[-1]), []).append((i, 1, l3))
    seen = set()
    strands = []
    for start in range(len(segs)):
        if start in seen:
            continue
        layers = []
        seg, entry = start, 0
        while True:
            seen.add(seg)
            pts, l0, l3, _ = segs[seg]
            exit_end = 1 - entry
            exit_layer = l3 if exit_end else l0
            here = key(pts[-1] if exit_end else pts[0])
            others = [e for e in ends[here] if (e[0], e[1]) != (seg, exit_end)]
            nxt = [e for e in others if e[2] == exit_layer]
            assert len(nxt) == 1, "a port joins more or fewer than two ends of one strand"
            if exit_layer:
                layers.append(exit_layer)
            seg, entry = nxt[0][0], nxt[0][1]
            if seg == start and entry == 0:
                break
        strands.append(layers)
    return strands


@pytest.mark.parametrize(
    "params",
    [
        {"breaks": 0.0, "columns": 4, "rows": 3},
        {"breaks": 0.5, "columns": 6, "rows": 6},
        {"breaks": 0.8, "columns": 7, "rows": 5, "symmetric": False},
        {"breaks": 0.3, "columns": 2, "rows": 9},
    ],
)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_celtic_strands_alternate_over_and_under(params, seed):
    p = CelticKnotParams(**params)
    segs = segments(p, choose_breaks(p, node_rng(seed, "root")))
    strands = _strand_layers(segs)
    assert sum(len(s) for s in strands) > 0 or params["columns"] * params["rows"] == 1
    for layers in strands:
        for a, b in zip(layers, layers[1:] + layers[:1], strict=True):
            assert a == -b, f"two crossings in a row on the same layer: {layers}"


def test_celtic_breaks_are_mirror_symmetric_and_leave_no_closed_cells():
    p = CelticKnotParams(columns=8, rows=6, breaks=0.9)
    broken = choose_breaks(p, node_rng(7, "root"))
    assert broken
    flip = {tuple(sorted(((8 - a[0], a[1]), (8 - b[0], b[1])))) for a, b in broken}
    assert flip == broken
    # Count broken sides per cell, the grid's border included: never more than two.
    for i in range(8):
        for j in range(6):
            sides = [
                ((i, j), (i + 1, j)),
                ((i + 1, j), (i + 1, j + 1)),
                ((i, j + 1), (i + 1, j + 1)),
                ((i, j), (i, j + 1)),
            ]
            outer = sum(
                1
                for a, b in sides
                if (a[1] == b[1] and a[1] in (0, 6)) or (a[0] == b[0] and a[0] in (0, 8))
            )
            inner = sum(1 for e in sides if e in broken)
            assert outer + inner <= 2
