"""growth.circle_packing, growth.fractal_packing, growth.poisson_disc: shapes that never meet."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import zeta

from foulard.genome.schema import Node
from foulard.ops.growth._packing import Balls, FreeSpace, area, norm
from foulard.ops.growth._points import poisson_torus
from foulard.ops.growth.circle_packing import CirclePackingParams, pack
from foulard.ops.growth.fractal_packing import FractalPackingParams, sizes
from foulard.ops.growth.fractal_packing import pack as shier
from foulard.ops.growth.poisson_disc import PoissonDiscParams, scatter


def _pairs(c: np.ndarray):
    d = c[:, None, :] - c[None, :, :]
    d -= np.rint(d)  # the torus: the short way round
    return d[..., 0], d[..., 1]


def test_circles_never_overlap_and_keep_their_gap():
    p = CirclePackingParams(min_radius=0.01, max_radius=0.1, gap=0.004, max_circles=800)
    c, r = pack(p, np.random.default_rng(0))
    dx, dy = _pairs(c)
    dist = np.hypot(dx, dy)
    need = r[:, None] + r[None, :] + p.gap
    np.fill_diagonal(dist, np.inf)
    assert (dist >= need - 1e-12).all()
    assert r.min() >= p.min_radius - 1e-12 and r.max() <= p.max_radius + 1e-12
    assert 100 < len(r) <= p.max_circles


def test_circle_packing_is_dense_until_no_room_is_left():
    p = CirclePackingParams(min_radius=0.02, max_radius=0.05, gap=0.0, max_circles=6000)
    c, r = pack(p, np.random.default_rng(1))
    assert len(r) < p.max_circles  # it stopped because the square was full
    covered = float(np.sum(np.pi * r**2))
    assert covered > 0.55  # random greedy packings of discs reach 0.55-0.7
    # No point of a fine grid has room for another smallest circle.
    g = (np.arange(200) + 0.5) / 200
    gx, gy = np.meshgrid(g, g)
    q = np.stack([gx.ravel(), gy.ravel()], -1)
    d = q[:, None, :] - c[None]
    d -= np.rint(d)
    room = (np.hypot(d[..., 0], d[..., 1]) - r[None]).min(axis=1)
    assert room.max() < p.min_radius + 2.0 / 200


@pytest.mark.parametrize("shape", ["circle", "square", "diamond", "hexagon"])
def test_shier_shapes_never_overlap(shape):
    p = FractalPackingParams(shape=shape, count=400, gap=0.001)
    c, r = shier(p, np.random.default_rng(2))
    assert len(r) == 400  # Shier's fill does not get stuck
    dx, dy = _pairs(c)
    dist = norm(dx, dy, shape)  # balls of one norm meet at r_i + r_j
    np.fill_diagonal(dist, np.inf)
    assert (dist >= r[:, None] + r[None, :] + p.gap - 1e-12).all()


def test_shier_areas_follow_the_power_law_and_sum_to_the_fill():
    p = FractalPackingParams(exponent=1.3, offset=2.0, fill=0.7, count=3000)
    r = sizes(p)
    areas = area("circle") * r**2
    i = np.arange(3000)
    ratio = areas / (i + p.offset) ** -p.exponent
    assert np.allclose(ratio, ratio[0])
    # The infinite series fills exactly ``fill``; the first 3000 nearly so.
    assert areas.sum() < p.fill
    tail = p.fill / zeta(p.exponent, p.offset) * zeta(p.exponent, p.offset + 3000)
    assert areas.sum() + tail == pytest.approx(p.fill)


def test_free_space_room_is_the_exact_distance_below_the_cap():
    space = FreeSpace(64, 0.2, "square")
    space.place(0.3, 0.4, 0.05)
    space.place(0.95, 0.1, 0.02)  # near a corner: wraps
    c = (np.arange(64) + 0.5) / 64
    gx, gy = np.meshgrid(c, c)
    want = np.full(gx.shape, 0.2)
    for cx, cy, r in ((0.3, 0.4, 0.05), (0.95, 0.1, 0.02)):
        dx = gx - cx - np.rint(gx - cx)
        dy = gy - cy - np.rint(gy - cy)
        want = np.minimum(want, norm(dx, dy, "square") - r)
    assert np.allclose(space.room, want)


def test_poisson_points_keep_their_distance_and_fill_the_torus():
    r = 0.04
    pts, _rad = poisson_torus(np.random.default_rng(3), r, r, r)
    dx, dy = _pairs(pts)
    dist = np.hypot(dx, dy)
    np.fill_diagonal(dist, np.inf)
    assert dist.min() >= r - 1e-12
    # Maximal: almost no point of the square is farther than r from every sample.
    q = np.random.default_rng(4).random((3000, 2))
    d = q[:, None, :] - pts[None]
    d -= np.rint(d)
    gap = np.hypot(d[..., 0], d[..., 1]).min(axis=1)
    assert (gap < r).mean() > 0.99


def test_poisson_radius_follows_the_density():
    def radius(p: np.ndarray) -> np.ndarray:
        return np.where(p[:, 0] < 0.5, 0.02, 0.04)

    pts, rad = poisson_torus(np.random.default_rng(5), radius, 0.02, 0.04)
    dx, dy = _pairs(pts)
    dist = np.hypot(dx, dy)
    np.fill_diagonal(dist, np.inf)
    assert (dist >= 0.5 * (rad[:, None] + rad[None, :]) - 1e-12).all()
    left = (pts[:, 0] < 0.5).sum()
    assert left > 2.5 * (len(pts) - left)  # half the spacing: about four times as many


def test_poisson_marks_crowd_where_the_density_input_is_high(bind):
    p = PoissonDiscParams(radius=0.03, variation=0.5)
    density = np.zeros((32, 32))
    density[:16] = 1.0  # the top half dense
    balls, role = scatter(p, np.random.default_rng(6), density)
    top = (balls.centres[:, 1] < 0.5).sum()
    assert top > 2.0 * (len(role) - top)
    # Marks never touch: each is at most half the distance to its neighbour.
    dx, dy = _pairs(balls.centres)
    dist = np.hypot(dx, dy)
    np.fill_diagonal(dist, np.inf)
    assert (dist >= balls.radii[:, None] + balls.radii[None, :] - 1e-12).all()
    # Through the renderer, with an input: a finite image with marks on the ground.
    node = Node.make(
        "growth.poisson_disc", inputs={"density": Node.make("fields.value_noise", frequency=2)}
    )
    x, y = np.meshgrid(np.linspace(0, 1, 64), np.linspace(0, 1, 64))
    alpha = bind(node).sample(x, y, 1 / 64, channel=3)
    assert 0.05 < alpha.mean() < 0.6


def test_balls_render_exact_coverage():
    b = Balls(np.array([[0.5, 0.5]]), np.array([0.1]), "circle")
    white = np.ones((1, 4))
    x = np.array([0.5, 0.5 + 0.1, 0.5 + 0.2])
    y = np.full(3, 0.5)
    a = b.sample(x, y, 0.01, white)[:, 3]
    assert a[0] == 1.0 and a[1] == pytest.approx(0.5, abs=1e-5) and a[2] == 0.0
    # Periodic: a ball across the edge shows on both sides.
    e = Balls(np.array([[0.99, 0.5]]), np.array([0.05]), "square")
    assert e.sample(np.array([0.02]), np.array([0.5]), 0.0, white)[0, 3] == 1.0
