"""transform.mosaic and transform.stained_glass: flat cells of the source."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform.mosaic import hex_cells
from foulard.ops.transform.stained_glass import StainedGlassParams, panes

NOISE = Node.make("fields.value_noise")
SRC = Node.make("color.gradient_map", inputs={"source": NOISE})


@pytest.mark.parametrize("shape", ["square", "hex"])
def test_tesserae_are_flat_and_the_grout_is_the_grout_colour(bind, shape):
    node = Node.make(
        "transform.mosaic", inputs={"source": SRC}, shape=shape, tile=0.05, angle=20.0, grout=0.2
    )
    f = bind(node)
    n = 300
    x, y = np.meshgrid((np.arange(n) + 0.5) / n, (np.arange(n) + 0.5) / n)
    out = f.sample(x, y, 1e-6)
    grout = np.array(f.ev.palette.role(0), np.float32)
    t = np.radians(20.0)
    a = (np.cos(t) * x + np.sin(t) * y) / 0.05
    b = (-np.sin(t) * x + np.cos(t) * y) / 0.05
    if shape == "square":
        i, j = np.floor(a), np.floor(b)
        inner = (np.abs(a - i - 0.5) < 0.3) & (np.abs(b - j - 0.5) < 0.3)
        joint = (np.abs(a - i - 0.5) > 0.46) | (np.abs(b - j - 0.5) > 0.46)
    else:
        i, j, _, _, h = hex_cells(a, b)
        inner, joint = h < 0.3, h > 0.46
    key = (i * 100003 + j)[inner]
    cols = out[inner][..., :3]
    order = np.argsort(key)
    key, cols = key[order], cols[order]
    start = np.r_[True, key[1:] != key[:-1]]
    first = cols[np.maximum.accumulate(np.where(start, np.arange(key.size), 0))]
    assert np.array_equal(cols, first)  # every tessera is one colour
    assert start.sum() > 100
    assert np.allclose(out[joint][..., :3], grout, atol=1e-6)
    assert (out[..., 3] == 1.0).all()


def test_hex_cells_are_the_nearest_centres():
    rng = np.random.default_rng(0)
    a, b = rng.uniform(-5, 5, 3000), rng.uniform(-5, 5, 3000)
    _, _, cx, cy, h = hex_cells(a, b)
    # Brute force over the lattice q + r/2, r sqrt(3)/2.
    qq, rr = np.meshgrid(np.arange(-9, 10), np.arange(-9, 10))
    lx, ly = (qq + 0.5 * rr).ravel(), (rr * np.sqrt(3) / 2).ravel()
    d = np.hypot(a[:, None] - lx, b[:, None] - ly)
    k = np.argmin(d, axis=1)
    assert np.allclose(cx, lx[k]) and np.allclose(cy, ly[k])
    assert (h <= 0.5 + 1e-9).all()


def test_no_variation_tiles_take_the_source_at_their_centres(bind):
    f = bind(
        Node.make(
            "transform.mosaic",
            inputs={"source": SRC},
            tile=0.1,
            variation=0.0,
            grout=0.0,
            rounding=0.0,
        )
    )
    x = np.array([0.05, 0.01, 0.09, 0.55])
    y = np.array([0.05, 0.02, 0.08, 0.35])
    out = f.sample(x, y, 1e-6)
    assert np.allclose(out[0], out[1]) and np.allclose(out[0], out[2])
    src = f.sample(np.array([0.05, 0.55]), np.array([0.05, 0.35]), 0.05, bound=f.child("source"))
    assert np.allclose(out[[0, 3]], src, atol=1e-6)


def _brute_edges(p, offsets, x, y):
    n = p.cells
    i, j = np.meshgrid(np.arange(-1, n + 1), np.arange(-1, n + 1))
    off = offsets[np.mod(j, n), np.mod(i, n)]
    sx = ((i + 0.5 + p.jitter * (off[..., 0] - 0.5)) / n).ravel()
    sy = ((j + 0.5 + p.jitter * (off[..., 1] - 0.5)) / n).ravel()
    d = np.hypot(x[:, None] - sx, y[:, None] - sy)
    k = np.argsort(d, axis=1)
    s1x, s1y = sx[k[:, 0]], sy[k[:, 0]]
    ex, ey = sx[None, :] - s1x[:, None], sy[None, :] - s1y[:, None]
    length = np.hypot(ex, ey)
    proj = (x[:, None] - 0.5 * (s1x[:, None] + sx)) * ex + (
        y[:, None] - 0.5 * (s1y[:, None] + sy)
    ) * ey
    edge = np.where(length > 1e-12, -proj / np.where(length > 1e-12, length, 1), np.inf).min(axis=1)
    return s1x, s1y, edge


def test_panes_are_the_voronoi_cells_of_their_seeds():
    p = StainedGlassParams(cells=6, jitter=0.9)
    offsets = np.random.default_rng(3).random((6, 6, 2))
    rng = np.random.default_rng(4)
    x, y = rng.random(2000), rng.random(2000)
    sx, sy, _, edge = panes(p, offsets, x, y)
    bx, by, bedge = _brute_edges(p, offsets, x, y)
    assert np.allclose(sx, bx) and np.allclose(sy, by)
    near = bedge < 0.3 / p.cells  # the 3 x 3 search finds every edge that matters
    assert np.allclose(edge[near], bedge[near], atol=1e-12)
    assert (edge >= bedge - 1e-12).all()


def test_panes_repeat_with_the_unit_square():
    p = StainedGlassParams(cells=7)
    offsets = np.random.default_rng(5).random((7, 7, 2))
    rng = np.random.default_rng(6)
    x, y = rng.random(500), rng.random(500)
    a = panes(p, offsets, x, y)
    b = panes(p, offsets, x + 1.0, y - 1.0)
    assert np.allclose(a[0] + 1.0, b[0]) and np.allclose(a[1] - 1.0, b[1])
    assert np.allclose(a[3], b[3], atol=1e-9)


def test_glass_panes_are_flat_and_leading_is_lead(bind):
    node = Node.make("transform.stained_glass", inputs={"source": SRC}, cells=10, leading=0.008)
    f = bind(node)
    rng = np.random.default_rng(7)
    x, y = rng.random(20000), rng.random(20000)
    out = f.sample(x, y, 1e-6)
    p = StainedGlassParams(cells=10, leading=0.008)
    sx, sy, _, edge = panes(p, f.root.state(f.ev.palette), x, y)
    lead = np.array(f.ev.palette.role(1), np.float32)
    assert np.allclose(out[edge < 0.0035][..., :3], lead, atol=1e-6)
    inside = edge > 0.0045
    src = f.sample(sx[inside], sy[inside], 0.05, bound=f.child("source"))
    assert np.allclose(out[inside], src, atol=1e-6)
