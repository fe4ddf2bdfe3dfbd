"""ops/curves/_polyline: distances to polylines, their culling mask and line coverage."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage

from foulard.ops.curves._polyline import CurveDistance, grow_square, line_coverage, subdivide


def _brute_force(field: CurveDistance, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance from every point to every segment (a vertex alone at an open end)."""
    v, s = field.vertices, field.seg
    out = np.empty(x.size)
    for k in range(0, x.size, 50):
        rx = x[k : k + 50, None] - v[None, :, 0]
        ry = y[k : k + 50, None] - v[None, :, 1]
        t = np.clip((rx * s[:, 0] + ry * s[:, 1]) * field.inv_len2, 0.0, 1.0)
        out[k : k + 50] = np.hypot(rx - t * s[:, 0], ry - t * s[:, 1]).min(axis=1)
    return out


def _lines() -> tuple[list[np.ndarray], list[bool]]:
    """Closed wavy rings turned over each other, and two open zigzags across them."""
    t = np.linspace(0.0, 2.0 * math.pi, 900, endpoint=False)
    rings = []
    for a in np.linspace(0.0, 0.5, 5):
        r = 0.3 + 0.05 * np.sin(7 * t)
        rings.append(np.stack([0.5 + r * np.cos(t + a), 0.5 + r * np.sin(t + a)], axis=-1))
    zig = np.array([[0.1, 0.2], [0.4, 0.8], [0.6, 0.2], [0.9, 0.8]])
    zag = np.array([[0.15, 0.5], [0.85, 0.55]])
    opened = [subdivide(zig, 0.002), subdivide(zag, 0.002)]
    return rings + opened, [True] * len(rings) + [False, False]


@pytest.fixture(scope="module")
def field() -> CurveDistance:
    return CurveDistance(*_lines())


@pytest.fixture(scope="module")
def cloud() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    return rng.uniform(0.05, 0.95, 3000), rng.uniform(0.05, 0.95, 3000)


@pytest.mark.parametrize("grow", [0, 1, 2, 3, 7, 30])
def test_grow_square_is_a_square_dilation_of_the_padded_grid(grow):
    rng = np.random.default_rng(grow)
    occupied = rng.random((37, 53)) < 0.02
    occupied[0, 0] = occupied[-1, -1] = True  # reaching into the padding on both sides
    expected = ndimage.maximum_filter(
        np.pad(occupied, grow), size=2 * grow + 1, mode="constant", cval=False
    )
    got = grow_square(occupied, grow)
    assert got.shape == (37 + 2 * grow, 53 + 2 * grow)
    assert np.array_equal(got, expected)


def test_distances_match_brute_force_for_open_and_closed_lines(field, cloud):
    x, y = cloud
    reach = 0.01
    got = field.distance(x, y, reach)
    exact = _brute_force(field, x, y)
    near = exact <= reach
    assert 0.1 < near.mean() < 0.9
    assert np.allclose(got[near], exact[near], rtol=0, atol=1e-12)
    assert np.isinf(got[~near]).all()


def test_an_open_line_ends_in_a_round_cap(field):
    # Beyond the zag's end (0.85, 0.55), straight on and off to the side.
    x = np.array([0.85 + 0.004, 0.85 + 0.003])
    y = np.array([0.55 + 0.004 * 0.05 / 0.7, 0.55 + 0.004])
    got = field.distance(x, y, 0.02)
    assert got == pytest.approx([0.004 * math.hypot(1, 0.05 / 0.7), 0.005], abs=1e-9)


@pytest.mark.parametrize(("half", "footprint"), [(0.001, 0.004), (0.004, 0.002), (0.002, 0.0)])
def test_coverage_is_line_coverage_of_the_distance(field, cloud, half, footprint):
    x, y = cloud
    got = field.coverage(x, y, half, footprint)
    # The same measured out to a generous reach: the shorter reach changes nothing.
    expected = line_coverage(field.distance(x, y, half + 3.0 * footprint + 0.01), half, footprint)
    assert np.array_equal(got, expected)
    assert 0.0 < got.mean() < 1.0


def test_coverage_of_a_thin_line_is_its_share_of_the_pixel():
    line = CurveDistance([np.array([[0.0, 0.5], [1.0, 0.5]])], closed=False)
    y = 0.5 + np.array([0.0, 0.0004, 0.0009, 0.0011, 0.0014, 0.0015, 0.01])
    got = line.coverage(np.full(7, 0.4), y, 0.0005, 0.002)
    # A box 0.002 wide across a line 0.001 wide: the whole line (half the box) while
    # the box holds it, then less, down to none from 0.0015 out.
    assert got == pytest.approx([0.5, 0.5, 0.3, 0.2, 0.05, 0.0, 0.0], abs=1e-9)


def test_locate_names_the_nearest_segment_and_the_next_one_at_a_vertex(field, cloud):
    x, y = cloud
    dist, seg = field.locate(x, y, 0.01)
    hit = seg >= 0
    assert np.array_equal(hit, np.isfinite(dist))
    i = seg[hit]
    v, s = field.vertices[i], field.seg[i]
    rx, ry = x[hit] - v[:, 0], y[hit] - v[:, 1]
    t = np.clip((rx * s[:, 0] + ry * s[:, 1]) * field.inv_len2[i], 0.0, 1.0)
    assert np.allclose(np.hypot(rx - t * s[:, 0], ry - t * s[:, 1]), dist[hit], atol=1e-15)
    # Outside a corner the corner itself is nearest, on both of its segments: the
    # segment leaving the vertex is named.
    square = CurveDistance([np.array([[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8]])])
    d, s = square.locate(np.array([0.81]), np.array([0.19]), 0.05)
    assert d[0] == pytest.approx(math.hypot(0.01, 0.01)) and s[0] == 1
