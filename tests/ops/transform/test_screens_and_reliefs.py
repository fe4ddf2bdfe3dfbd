"""transform.line_screen, transform.emboss and transform.drop_shadow."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform.emboss import EmbossParams, relief_shading
from foulard.ops.transform.line_screen import LineScreenParams, line_screen

NOISE = Node.make("fields.value_noise")
PEONY = Node.make("motifs.peony")


@pytest.mark.parametrize("wave", [0.0, 0.8])
def test_line_width_is_the_tone(recording_call, wave):
    p = LineScreenParams(pitch=0.02, angle=25.0, wave=wave)
    t = math.radians(25.0)
    n = 4000
    s = (np.arange(n) + 0.5) / n * 0.2  # across five strips, at a fixed point along
    for d in (0.1, 0.37, 0.8):
        x = 0.3 - math.sin(t) * s
        y = 0.4 + math.cos(t) * s
        call = recording_call(
            x,
            y,
            footprint=1e-7,
            inputs={"source": lambda u, v, d=d: np.full((*np.shape(u), 1), d, np.float32)},
        )
        out = line_screen(p, call)
        ground, ink = np.array(call.palette.role(0)), np.array(call.palette.role(1))
        cov = ((out[..., :3] - ground) @ (ink - ground)) / ((ink - ground) @ (ink - ground))
        assert abs(cov.mean() - d) < 0.02 if wave else abs(cov.mean() - d) < 2e-3


def test_line_screen_reads_the_strip_centre(recording_call):
    p = LineScreenParams(pitch=0.05, angle=0.0)
    call = recording_call(np.array([0.3, 0.3]), np.array([0.51, 0.54]))
    line_screen(p, call)
    _, u, v, fp = call.reads[0]
    assert np.allclose(u, 0.3) and np.allclose(v, [0.525, 0.525]) and fp == 0.025


def test_flat_relief_is_unlit_and_slopes_face_the_light():
    p = EmbossParams(light=0.0, elevation=45.0, softness=0.0)  # light from +x
    n = 64
    x = (np.arange(n) + 0.5) / n
    flat = relief_shading(np.zeros((n, n)), 1 / n, p)
    assert np.allclose(flat, 0.0)
    ramp = np.tile(-0.01 * x, (n, 1))  # falls towards +x: faces the light
    lit = relief_shading(ramp, 1 / n, EmbossParams(light=0.0, softness=0.0, wrap=False))
    assert (lit[:, 2:-2] > 0).all()
    shade = relief_shading(-ramp, 1 / n, EmbossParams(light=0.0, softness=0.0, wrap=False))
    assert (shade[:, 2:-2] < 0).all()


def test_emboss_without_depth_is_the_source_on_its_grid(bind):
    f = bind(Node.make("transform.emboss", inputs={"source": NOISE}, depth=0.0, cells=128))
    grid, arr = f.ev.grid_result(f.root)
    x, y = grid.coords()
    assert np.array_equal(arr, f.sample(x, y, grid.cell, bound=f.child("source")))


def test_emboss_keeps_flat_areas_and_premultiplied_colour(bind):
    f = bind(Node.make("transform.emboss", inputs={"source": PEONY}, cells=256, depth=0.01))
    grid, arr = f.ev.grid_result(f.root)
    x, y = grid.coords()
    src = f.sample(x, y, grid.cell, bound=f.child("source"))
    assert (arr[..., :3] <= arr[..., 3:] + 1e-6).all()
    assert np.array_equal(arr[..., 3], src[..., 3])
    bare = src[..., 3] == 0.0
    assert np.array_equal(arr[bare], src[bare])
    assert np.abs(arr - src).max() > 0.05


def test_drop_shadow_lies_under_the_source_at_its_offset(bind):
    node = Node.make(
        "transform.drop_shadow",
        inputs={"source": PEONY},
        cells=256,
        distance=10 / 256,  # a whole number of cells
        angle=-90.0,  # straight down
        softness=0.0,
        opacity=1.0,
    )
    f = bind(node)
    grid, arr = f.ev.grid_result(f.root)
    x, y = grid.coords()
    src = f.sample(x, y, grid.cell, bound=f.child("source"))
    covered = src[..., 3] > 0.999
    assert np.allclose(arr[covered], src[covered], atol=1e-6)  # the source stays on top
    k = 10
    below = np.roll(src[..., 3], k, axis=0)  # the source's alpha moved down by the distance
    shadow = arr[..., 3]
    assert np.allclose(shadow, src[..., 3] + below * (1 - src[..., 3]), atol=1e-5)
    f0 = bind(Node.make("transform.drop_shadow", inputs={"source": PEONY}, cells=128, opacity=0.0))
    g0, a0 = f0.ev.grid_result(f0.root)
    assert np.array_equal(a0, f0.sample(*g0.coords(), g0.cell, bound=f0.child("source")))


@pytest.mark.parametrize("wrap", [True, False])
def test_fft_gaussian_matches_a_direct_blur(wrap):
    from scipy import ndimage

    from foulard.ops.transform._screen import gaussian

    a = np.random.default_rng(0).random((64, 80))
    got = gaussian(a, 2.5, wrap=wrap)
    want = ndimage.gaussian_filter(a, 2.5, mode="wrap" if wrap else "nearest", truncate=8.0)
    inner = (slice(None), slice(None)) if wrap else (slice(8, -8), slice(8, -8))
    assert np.allclose(got[inner], want[inner], atol=1e-6)
    if wrap:
        assert np.isclose(got.sum(), a.sum())
