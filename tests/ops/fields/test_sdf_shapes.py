"""fields.sdf_shapes: exact primitive distances, booleans, repetition, anti-aliasing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.fields.sdf_shapes import SdfShapesParams, combine, primitive, sdf


def _pts(n=3000, seed=0, lo=-0.6, hi=0.6):
    rng = np.random.default_rng(seed)
    return rng.uniform(lo, hi, n), rng.uniform(lo, hi, n)


def _inside(verts, x, y):
    """Even-odd ray casting of points against a closed polygon."""
    inside = np.zeros(x.shape, bool)
    for (x0, y0), (x1, y1) in zip(verts, np.roll(verts, -1, axis=0), strict=True):
        crosses = (y0 > y) != (y1 > y)
        at = x0 + (y - y0) * (x1 - x0) / np.where(y1 != y0, y1 - y0, 1.0)
        inside ^= crosses & (x < at)
    return inside


def test_circle_distance_is_exact():
    x, y = _pts()
    d = primitive(SdfShapesParams(), "circle", 0.23, x, y)
    assert np.allclose(d, np.hypot(x, y) - 0.23, atol=1e-12)


def test_box_distance_is_exact():
    x, y = _pts()
    b = 0.2
    d = primitive(SdfShapesParams(), "box", b, x, y)
    # Brute force: distance to the square's outline, signed by inside/outside.
    t = np.linspace(-b, b, 4001)
    edge = np.concatenate(
        [np.stack([t, np.full_like(t, s)], -1) for s in (-b, b)]
        + [np.stack([np.full_like(t, s), t], -1) for s in (-b, b)]
    )
    brute = np.min(np.hypot(x[:, None] - edge[:, 0], y[:, None] - edge[:, 1]), axis=1)
    inside = (np.abs(x) < b) & (np.abs(y) < b)
    assert np.allclose(d, np.where(inside, -brute, brute), atol=2e-4)


@pytest.mark.parametrize(
    "shape,sides,inner", [("polygon", 6, 0.0), ("star", 5, 0.45), ("star", 7, 0.7)]
)
def test_polygon_and_star_distances_are_exact(shape, sides, inner):
    p = SdfShapesParams(sides=sides, inner=inner or 0.45)
    r = 0.3
    x, y = _pts(1500, seed=1)
    d = primitive(p, shape, r, x, y)
    ratio = math.cos(math.pi / sides) if shape == "polygon" else p.inner
    # The outline as a dense polygon: tips at angle 0 + k 2pi/n, valleys between.
    angles = np.arange(2 * sides) * math.pi / sides
    radii = np.where(np.arange(2 * sides) % 2 == 0, r, r * ratio)
    verts = np.stack([radii * np.cos(angles), radii * np.sin(angles)], -1)
    t = np.linspace(0.0, 1.0, 800)[:-1]
    outline = np.concatenate(
        [
            verts[i] + t[:, None] * (verts[(i + 1) % len(verts)] - verts[i])
            for i in range(len(verts))
        ]
    )
    brute = np.min(np.hypot(x[:, None] - outline[:, 0], y[:, None] - outline[:, 1]), axis=1)
    assert np.allclose(np.abs(d), brute, atol=2e-3)
    # Sign: inside by ray casting against the outline polygon.
    assert np.array_equal(d < 0, _inside(verts, x, y))


def test_booleans_are_min_and_max():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=(2, 1000))
    assert np.array_equal(combine("union", a, b, 0.0), np.minimum(a, b))
    assert np.array_equal(combine("intersection", a, b, 0.0), np.maximum(a, b))
    assert np.array_equal(combine("difference", a, b, 0.0), np.maximum(a, -b))
    # Smooth union: never above the plain union, equal to it far from the seam.
    k = 0.3
    s = combine("smooth_union", a, b, k)
    assert np.all(s <= np.minimum(a, b) + 1e-12)
    far = np.abs(a - b) >= k
    assert np.allclose(s[far], np.minimum(a, b)[far])
    assert np.all(s >= np.minimum(a, b) - k / 4 - 1e-12)
    si = combine("smooth_intersection", a, b, k)
    assert np.all(si >= np.maximum(a, b) - 1e-12)
    sd = combine("smooth_difference", a, b, k)
    assert np.all(sd >= np.maximum(a, -b) - 1e-12)


def test_composition_union_of_circle_and_offset_box():
    p = SdfShapesParams(
        shape_a="circle",
        size_a=0.1,
        shape_b="box",
        size_b=0.05,
        offset_x=0.2,
        operation="union",
        rotation=0.0,
        cx=0.5,
        cy=0.5,
    )
    x, y = _pts(2000, lo=0.0, hi=1.0)
    circle = np.hypot(x - 0.5, y - 0.5) - 0.1
    qx, qy = np.abs(x - 0.7) - 0.05, np.abs(y - 0.5) - 0.05
    box = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0)) + np.minimum(np.maximum(qx, qy), 0)
    assert np.allclose(sdf(p, x, y), np.minimum(circle, box), atol=1e-12)


def test_grid_repetition_is_periodic_and_keeps_wide_shapes_whole():
    p = SdfShapesParams(
        shape_a="circle", size_a=0.09, operation="none", repeat="grid", period=0.125
    )
    x, y = _pts(2000, lo=0.0, hi=1.0)
    assert np.array_equal(sdf(p, x, y), sdf(p, x + 0.125, y))
    assert np.array_equal(sdf(p, x, y), sdf(p, x, y - 0.375))
    # A circle wider than half a cell: the distance is to the nearest copy.
    cx = 0.5 + 0.125 * np.round((x - 0.5) / 0.125)
    cy = 0.5 + 0.125 * np.round((y - 0.5) / 0.125)
    near = np.hypot(x - cx, y - cy)
    copies = [
        np.hypot(x - (cx + i * 0.125), y - (cy + j * 0.125)) for i in (-1, 0, 1) for j in (-1, 0, 1)
    ]
    assert np.allclose(sdf(p, x, y), np.min(copies, axis=0) - 0.09, atol=1e-12)
    assert np.all(near >= np.min(copies, axis=0))


def test_onion_makes_rings():
    p = SdfShapesParams(shape_a="circle", size_a=0.2, operation="none", onion=0.02, cx=0.0, cy=0.0)
    r = np.linspace(0.0, 0.5, 1001)
    d = sdf(p, r, np.zeros_like(r))
    assert np.allclose(d, np.abs(r - 0.2) - 0.02)


def test_fill_is_antialiased_by_the_footprint(bind):
    f = bind(
        Node.make("fields.sdf_shapes", shape_a="circle", size_a=0.25, operation="none", view="fill")
    )
    fp = 0.01
    x = np.array([0.5, 0.75, 0.75 + fp / 4, 0.75 + fp, 0.9])
    v = f.sample(x, np.full_like(x, 0.5), footprint=fp)
    assert np.allclose(v, [1.0, 0.5, 0.25, 0.0, 0.0], atol=1e-6)


def test_echo_lines_sit_at_multiples_of_the_spacing(bind):
    f = bind(
        Node.make(
            "fields.sdf_shapes",
            shape_a="circle",
            size_a=0.1,
            operation="none",
            view="echo",
            spacing=0.05,
            width=0.004,
        )
    )
    r = 0.1 + 0.05 * np.arange(-1, 6)
    v = f.sample(0.5 + r, np.full_like(r, 0.5), footprint=1e-4)
    assert np.allclose(v, 1.0)
    mid = f.sample(0.5 + r + 0.025, np.full_like(r, 0.5), footprint=1e-4)
    assert not mid.any()
