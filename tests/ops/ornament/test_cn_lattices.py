"""Invariants of the Chinese lattice and cut-paper fields.

wanzi, lattice_window, ice_ray and dragon_scales claim period 1: they repeat
exactly (bit for bit) for any parameters, not only their example. Their pixels
far from an edge carry only documented tones. Then each field's own structure:
the linked 卍 fret is one endless line and the separate one a 卍 per unit; window
lattices have no loose ends and hold together; ice-ray cells tile the plane; the
dragon scales leave no gap; the papercut is symmetric under its fold group and is
one piece of paper.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage

from foulard.genome import Genome, Node
from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

PERIODIC = [
    "ornament.wanzi",
    "ornament.lattice_window",
    "ornament.ice_ray",
    "ornament.dragon_scales",
]
FIELDS = [*PERIODIC, "ornament.papercut"]


def evaluator(op_id: str, params: dict, seed: int = 1, palette=EXAMPLE_PALETTE) -> Evaluator:
    node = Node.make(op_id, **{**get(op_id).example_params, **params})
    genome = Genome.make(node, Node.make("color.palette", colors=palette), seed=seed)
    return Evaluator(genome, cache=TileCache())


def image(ev: Evaluator, px: int, box=(0.0, 0.0, 1.0, 1.0)) -> np.ndarray:
    """The field at pixel centres over ``box``, ``px`` pixels a side."""
    x0, y0, x1, y1 = box
    u = x0 + (np.arange(px) + 0.5) / px * (x1 - x0)
    v = y0 + (np.arange(px) + 0.5) / px * (y1 - y0)
    x, y = np.meshgrid(u, v)
    return ev.sample(ev.root, x, y, (x1 - x0) / px)


def state(op_id: str, params: dict, seed: int = 1):
    ev = evaluator(op_id, params, seed)
    return ev.root.state(ev.palette), ev.root.params


@pytest.mark.parametrize("op_id", PERIODIC)
def test_fields_repeat_exactly_for_any_parameters(op_id, any_params):
    rng = np.random.default_rng(31)
    pts = np.random.default_rng(2)
    x = pts.uniform(-0.2, 1.2, 4000)
    y = pts.uniform(-0.2, 1.2, 4000)
    for i in range(6):
        ev = evaluator(op_id, any_params(op_id, rng), seed=i)
        base = ev.sample(ev.root, x, y, 1 / 300)
        for dx, dy in ((1.0, 0.0), (0.0, -1.0), (3.0, 2.0)):
            shifted = ev.sample(ev.root, x + dx, y + dy, 1 / 300)
            assert np.array_equal(base, shifted), f"{op_id}: not periodic under ({dx}, {dy})"


VARIANTS = [(op, {}) for op in FIELDS] + [
    ("ornament.wanzi", {"orientation": "diagonal", "hand": "alternate", "groove": 0.4}),
    ("ornament.wanzi", {"style": "separate", "accent_share": 0.5, "ground_color": 0}),
    ("ornament.lattice_window", {"style": "bubujin", "pane_color": 5}),
    ("ornament.lattice_window", {"symmetry": "p4", "orientation": "diagonal", "unit": 12}),
    ("ornament.ice_ray", {"seeds": 12, "tone_share": 1.0}),
    ("ornament.dragon_scales", {"pointed": 0.0, "ridge": True, "accent_share": 0.4}),
    ("ornament.papercut", {"folds": 5, "mirror": False, "edge": "zigzag"}),
]
ids = [f"{op}-{i}" for i, (op, _) in enumerate(VARIANTS)]


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_only_documented_tones_appear(op_id, params, drawing_checks, documented_tones):
    ev = evaluator(op_id, params)
    tones = documented_tones(op_id, ev.root.params, EXAMPLE_PALETTE)
    drawing_checks.only_tones(image(ev, 480), tones, least=2000, label=op_id)


@pytest.mark.parametrize(("op_id", "params"), VARIANTS, ids=ids)
def test_a_new_colourway_recolours_each_role(
    op_id, params, drawing_checks, documented_tones, other_palette
):
    a = evaluator(op_id, params)
    b = evaluator(op_id, params, palette=other_palette)
    drawing_checks.roles_follow_the_palette(
        image(a, 320),
        image(b, 320),
        documented_tones(op_id, a.root.params, EXAMPLE_PALETTE),
        documented_tones(op_id, b.root.params, other_palette),
        label=op_id,
    )


@pytest.mark.parametrize("op_id", FIELDS)
def test_tones_are_roles_or_mixes_of_roles(op_id, drawing_checks):
    drawing_checks.tones_are_mixes_of_roles(op_id, get(op_id).params())


def components(h: np.ndarray, v: np.ndarray) -> int:
    """Connected pieces of a periodic bar network (bars: labels >= 0)."""
    rows, cols = h.shape
    parent = list(range(rows * cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    used = set()
    for j in range(rows):
        for i in range(cols):
            a = j * cols + i
            if h[j, i] >= 0:
                b = j * cols + (i + 1) % cols
                parent[find(a)] = find(b)
                used.update((a, b))
            if v[j, i] >= 0:
                b = ((j + 1) % rows) * cols + i
                parent[find(a)] = find(b)
                used.update((a, b))
    return len({find(a) for a in used})


def degrees(h: np.ndarray, v: np.ndarray) -> np.ndarray:
    hb, vb = (h >= 0).astype(int), (v >= 0).astype(int)
    return hb + np.roll(hb, 1, axis=1) + vb + np.roll(vb, 1, axis=0)


@pytest.mark.parametrize("orientation", ["straight", "diagonal"])
@pytest.mark.parametrize("hand", ["卍", "alternate"])
@pytest.mark.parametrize("arm", [1, 2, 3])
def test_linked_wanzi_is_one_endless_fret(orientation, hand, arm):
    bars, _ = state("ornament.wanzi", {"orientation": orientation, "hand": hand, "arm": arm})
    assert components(bars.h, bars.v) == 1


@pytest.mark.parametrize("repeats", [2, 3, 5])
def test_separate_wanzi_is_one_swastika_per_unit(repeats):
    bars, _p = state("ornament.wanzi", {"style": "separate", "repeats": repeats})
    assert components(bars.h, bars.v) == repeats * repeats


@pytest.mark.parametrize("style", ["grammar", "bubujin", "lantern", "taofang", "square"])
@pytest.mark.parametrize("symmetry", ["p4m", "p4", "pmm"])
def test_window_lattices_have_no_loose_ends_and_hold_together(style, symmetry, any_params):
    rng = np.random.default_rng(7)
    for i in range(3):
        params = any_params("ornament.lattice_window", rng)
        params.update(style=style, symmetry=symmetry)
        (bars, _knots), _ = state("ornament.lattice_window", params, seed=i)
        deg = degrees(bars.h, bars.v)
        assert not (deg == 1).any(), f"{params}: a bar ends in mid air"
        assert components(bars.h, bars.v) == 1, f"{params}: the lattice falls apart"


def test_the_loose_end_check_can_fail():
    h = np.full((4, 4), -1)
    v = np.full((4, 4), -1)
    h[0, :] = 0
    v[0, 1] = 0  # a stub hanging from the rail
    assert (degrees(h, v) == 1).any()


@pytest.mark.parametrize("params", [{}, {"seeds": 20, "cell_size": 0.05}, {"max_sides": 4}])
def test_ice_ray_cells_tile_the_plane(params):
    # Every point lies inside its cell (depth >= 0) and no cell claims a point
    # deeper than the cell's own extent: the convex cells neither gap nor overlap.
    (cells, tone), _p = state("ornament.ice_ray", params)
    rng = np.random.default_rng(4)
    x, y = rng.random(20000), rng.random(20000)
    _cell, depth = cells.locate(x, y)
    assert depth.min() >= -1e-12
    # Recompute each point's depth in every copy of every polygon: the largest is
    # the point's own cell, and only one polygon holds it.
    inside = (
        cells._packed[:-1, :, 0][None] * x[:, None, None]
        + cells._packed[:-1, :, 1][None] * y[:, None, None]
        - cells._packed[:-1, :, 2][None]
    ).max(axis=2)
    holders = (inside < -1e-9).sum(axis=1)
    assert holders.max() <= 1
    assert len(tone) == len(set(cells.owner.tolist()))


def test_smaller_ice_ray_cells_mean_more_cells():
    (a, _), _ = state("ornament.ice_ray", {"cell_size": 0.2})
    (b, _), _ = state("ornament.ice_ray", {"cell_size": 0.06})
    assert len(set(b.owner.tolist())) > 3 * len(set(a.owner.tolist()))


def test_dragon_scales_leave_no_gap(any_params):
    rng = np.random.default_rng(12)
    pts = np.random.default_rng(3)
    x, y = pts.random(20000), pts.random(20000)
    for i in range(8):
        ev = evaluator("ornament.dragon_scales", any_params("ornament.dragon_scales", rng), i)
        alpha = ev.sample(ev.root, x, y, 1 / 400)[..., 3]
        assert alpha.min() > 1 - 1e-5, "the ground shows between scales"


def group_images(n: int, mirror: bool, x: np.ndarray, y: np.ndarray):
    """Images of points about (0.5, 0.5) under the papercut's fold group."""
    u, v = x - 0.5, y - 0.5
    out = []
    for k in range(1, n):
        a = 2 * math.pi * k / n
        out.append(
            (0.5 + u * math.cos(a) - v * math.sin(a), 0.5 + u * math.sin(a) + v * math.cos(a))
        )
    if mirror:
        out.append((x, 1.0 - y))  # the fold line at angle 0 is horizontal
    return out


@pytest.mark.parametrize(
    ("folds", "mirror"), [(1, True), (4, True), (5, True), (8, True), (3, False), (6, False)]
)
def test_papercut_is_symmetric_under_its_fold_group(folds, mirror):
    ev = evaluator("ornament.papercut", {"folds": folds, "mirror": mirror, "rings": 5})
    rng = np.random.default_rng(5)
    x, y = rng.uniform(0.02, 0.98, 30000), rng.uniform(0.02, 0.98, 30000)
    base = ev.sample(ev.root, x, y, 1 / 500)
    for gx, gy in group_images(folds, mirror, x, y):
        other = ev.sample(ev.root, gx, gy, 1 / 500)
        assert np.abs(base - other).max() < 1e-5


def test_turn_only_papercuts_are_not_mirror_symmetric():
    # The check can fail: cuts slanted like a pinwheel break every mirror.
    ev = evaluator("ornament.papercut", {"folds": 6, "mirror": False, "rings": 5})
    rng = np.random.default_rng(5)
    x, y = rng.uniform(0.02, 0.98, 30000), rng.uniform(0.02, 0.98, 30000)
    base = ev.sample(ev.root, x, y, 1 / 500)
    assert np.abs(base - ev.sample(ev.root, x, 1.0 - y, 1 / 500)).max() > 0.5


def test_papercut_stays_one_piece_of_paper(any_params):
    rng = np.random.default_rng(8)
    for i in range(10):
        params = any_params("ornament.papercut", rng)
        params["radius"] = 0.45
        ev = evaluator("ornament.papercut", params, seed=i)
        paper = image(ev, 600)[..., 3] > 0.5
        _, count = ndimage.label(paper)
        assert count == 1, f"{params}: the paper falls apart into {count} pieces"
        _holes, count = ndimage.label(~paper)
        assert count > 2, f"{params}: nothing was cut"
