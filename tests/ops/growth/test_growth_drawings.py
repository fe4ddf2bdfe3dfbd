"""Vector growth: DLA, L-systems, space colonisation, differential growth, cracks."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.growth.crack_network import _FRAME, CrackNetworkParams, crack
from foulard.ops.growth.crack_network import crack_network as crack_op
from foulard.ops.growth.differential_growth import DifferentialGrowthParams
from foulard.ops.growth.differential_growth import grow as grow_line
from foulard.ops.growth.dla import DLAParams, aggregate
from foulard.ops.growth.lsystem_plant import PRESETS, LSystemParams, expand, interpret
from foulard.ops.growth.lsystem_plant import lsystem_plant as plant_op
from foulard.ops.growth.space_colonization import SpaceColonizationParams, grow, widths

PALETTE = Palette(EXAMPLE_PALETTE)


@pytest.mark.parametrize("seed", ["point", "line", "ring"])
def test_dla_particles_touch_their_parent_and_do_not_overlap(seed):
    p = DLAParams(seed=seed, particles=400, size=0.006)
    pts, parent = aggregate(p, np.random.default_rng(0))
    kids = np.flatnonzero(parent >= 0)
    assert len(kids) == 400 or seed == "point"  # a point cluster may reach the edge first
    d = pts[kids] - pts[parent[kids]]
    if seed == "line":
        d[:, 0] -= np.rint(d[:, 0])  # the bottom edge wraps left to right
    assert np.allclose(np.hypot(d[:, 0], d[:, 1]), 2 * p.size)
    # Parents come first, so every particle hangs from a chain down to a seed.
    assert (parent[kids] < kids).all()
    # Particles stick in contact and never overlap (up to the touching tolerance).
    q = pts[kids]
    tree = cKDTree(q, boxsize=[1.0, 4.0]) if seed == "line" else cKDTree(q)
    nn, _ = tree.query(q, k=2)
    assert nn[:, 1].min() > 2 * p.size * 0.94


def test_dla_grows_branches_not_a_blob():
    p = DLAParams(particles=1500, size=0.004)
    pts, _parent = aggregate(p, np.random.default_rng(1))
    r = np.hypot(pts[:, 0] - 0.5, pts[:, 1] - 0.5)
    # A fractal cluster: its radius grows much faster than a disc's of the same area.
    disc = 2 * p.size * np.sqrt(len(pts) / np.pi) * 0.95
    assert r.max() > 2.0 * disc


def test_lsystem_rewriting_and_turtle():
    p = LSystemParams(preset="bush", depth=1)
    text = expand(p, np.random.default_rng(0))
    assert text == PRESETS["bush"][1]["F"][0][1]
    segs, orders, buds = interpret(
        p.replace(jitter=0.0, tropism=0.0), text, np.random.default_rng(0)
    )
    assert len(segs) == text.count("F")
    assert orders.tolist() == [0, 1, 0, 1, 0]  # the bracketed steps are one order deeper
    assert len(buds) == text.count("]") + 1  # leaves at every branch tip and the top
    # Without jitter or tropism the bush is mirror-symmetric about its stem.
    xs = np.concatenate([segs[:, 0], segs[:, 2]])
    assert np.isclose(xs.min(), -xs.max())


def test_lsystem_stochastic_rules_follow_the_generator():
    p = LSystemParams(preset="meadow", depth=4)
    a = expand(p, np.random.default_rng(3))
    b = expand(p, np.random.default_rng(3))
    c = expand(p, np.random.default_rng(4))
    assert a == b and a != c


def test_lsystem_plant_fits_the_motif_box():
    d = plant_op(LSystemParams(), np.random.default_rng(0), PALETTE)
    assert isinstance(d, Drawing)
    img = d.rasterize(128)
    alpha = img[..., 3]
    assert alpha.any() and not alpha[:, 0].any() and not alpha[:, -1].any()
    assert alpha[-10:].any()  # stands on the bottom of the box


def test_space_colonization_tree_structure_and_pipe_widths():
    p = SpaceColonizationParams(attractors=400, step=0.01)
    pos, parent = grow(p, np.random.default_rng(0))
    kids = np.flatnonzero(parent >= 0)
    assert (parent[kids] < kids).all()
    seg = np.hypot(*(pos[kids] - pos[parent[kids]]).T)
    assert np.allclose(seg, p.step)
    w = widths(parent, p)
    # A branch is at least as wide as any of its children (pipe model).
    assert (w[parent[kids]] >= w[kids] - 1e-12).all()
    assert w.max() <= p.trunk_width + 1e-12 and w.min() >= p.tip_width - 1e-12
    # Growth reached the crown: few attractors are left far from every node.
    assert len(pos) > 100


def test_differential_growth_keeps_its_line_apart():
    p = DifferentialGrowthParams(nodes=600, spacing=0.01)
    pts = grow_line(p, np.random.default_rng(0))
    assert len(pts) == 600
    seg = np.hypot(*(np.roll(pts, -1, axis=0) - pts).T)
    assert seg.max() < 2.5 * p.spacing  # long edges were split
    # Non-neighbours never come close: the line does not cross itself.
    tree = cKDTree(pts)
    pairs = tree.query_pairs(0.4 * p.spacing, output_type="ndarray")
    gap = np.abs(pairs[:, 0] - pairs[:, 1])
    assert ((gap <= 2) | (gap >= len(pts) - 2)).all()


def _cross(a, b, c, d) -> bool:
    """Proper crossing of segments ab and cd (touching at an end does not count)."""

    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return 0.0 if abs(v) < 1e-12 else np.sign(v)  # on the line: a T, not a crossing

    o1, o2 = orient(a, b, c), orient(a, b, d)
    o3, o4 = orient(c, d, a), orient(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


def test_cracks_end_on_other_cracks_and_never_cross():
    p = CrackNetworkParams(cracks=120, first=3)
    seg, gen = crack(p, np.random.default_rng(0))
    assert len(seg) == 123 and (gen[:3] == 0).all()
    x0, y0, x1, y1 = _FRAME
    frame = [
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ]
    segs = [((s[0], s[1]), (s[2], s[3])) for s in seg] + frame

    def on_some_segment(pt, skip):
        for k, (a, b) in enumerate(segs):
            if k == skip:
                continue
            ab = np.subtract(b, a)
            t = np.clip(np.dot(np.subtract(pt, a), ab) / np.dot(ab, ab), 0, 1)
            if np.hypot(*(np.add(a, t * ab) - pt)) < 1e-9:
                return True
        return False

    for k, (a, b) in enumerate(segs[: len(seg)]):
        assert on_some_segment(b, k)  # every crack stops at another (a T-junction)
        assert on_some_segment(a, k)  # and starts on one (or runs to the frame)
    for i in range(len(seg)):
        for j in range(i):
            assert not _cross(*segs[i], *segs[j])


def test_crack_network_covers_the_hem_band():
    d = crack_op(CrackNetworkParams(), np.random.default_rng(0), PALETTE)
    assert d.bounds == _FRAME
