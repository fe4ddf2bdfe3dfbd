"""transform.halftone: dots whose area is the source's tone."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform._screen import darkness, rotated_cells
from foulard.ops.transform.halftone import HalftoneParams, _dot_coverage, dot_radius, halftone

NOISE = Node.make("fields.value_noise")


def _cell_grid(n=400):
    f = (np.arange(n) + 0.5) / n - 0.5
    return np.meshgrid(f, f)


@pytest.mark.parametrize("shape", ["round", "square", "diamond"])
def test_dot_area_is_the_tone(shape):
    fu, fv = _cell_grid()
    for d in (0.0, 0.03, 0.2, 0.5, 0.7, 0.785, 0.9, 0.99, 1.0):
        cov = _dot_coverage(fu, fv, np.full(fu.shape, d), shape, 0.01, 0.01 / 400)
        assert abs(cov.mean() - d) < 4e-3, (shape, d)


def test_dot_radius_is_monotone_and_joins_the_corners():
    d = np.linspace(0, 1, 1001)
    for shape in ("round", "square", "diamond"):
        r = dot_radius(d, shape)
        assert (np.diff(r) >= 0).all()
    assert np.isclose(dot_radius(np.array(1.0), "round"), math.sqrt(0.5))
    assert np.isclose(dot_radius(np.array(math.pi / 4), "round"), 0.5, atol=1e-3)


def test_rotated_cells_recover_their_centres():
    rng = np.random.default_rng(0)
    x, y = rng.random(1000), rng.random(1000)
    _, _, fu, fv, cx, cy = rotated_cells(x, y, 0.03, 27.0)
    assert (np.abs(fu) <= 0.5).all() and (np.abs(fv) <= 0.5).all()
    assert np.allclose(np.hypot(x - cx, y - cy), 0.03 * np.hypot(fu, fv))


def test_mean_ink_tracks_the_source_value(bind):
    f = bind(Node.make("transform.halftone", inputs={"source": NOISE}, cell=0.01, angle=30.0))
    n = 600
    x, y = np.meshgrid((np.arange(n) + 0.5) / n, (np.arange(n) + 0.5) / n)
    out = f.sample(x, y, 1.0 / n)
    tone = f.sample(x, y, 1.0 / n, bound=f.child("source"))[..., 0]
    ground = np.array(f.ev.palette.role(0))
    ink = np.array(f.ev.palette.role(1))
    cov = ((out[..., :3] - ground) @ (ink - ground)) / ((ink - ground) @ (ink - ground))
    assert abs(cov.mean() - tone.mean()) < 0.01
    # Locally too: mean over blocks of 5 x 5 cells follows the tone.
    b = 30
    cb = cov.reshape(n // b, b, n // b, b).mean(axis=(1, 3))
    tb = tone.reshape(n // b, b, n // b, b).mean(axis=(1, 3))
    assert np.abs(cb - tb).mean() < 0.03


def test_colour_tone_runs_from_ground_to_ink():
    ground, ink = (0.95, 0.92, 0.84), (0.11, 0.2, 0.34)
    rgba = np.array([[*ground, 1.0], [*ink, 1.0], [0, 0, 0, 0]], np.float32)
    assert np.allclose(darkness(rgba, ground, ink=ink), [0.0, 1.0, 0.0])
    assert np.allclose(darkness(rgba, ground, invert=True, ink=ink), [1.0, 0.0, 1.0])


@pytest.mark.parametrize("mode", ["ink", "color", "process"])
def test_white_and_ground_sources_print_no_ink(bind, points, mode):
    ground = "#ffffff"
    src = Node.make("color.fill", color=0)
    f = bind(
        Node.make("transform.halftone", inputs={"source": src}, mode=mode),
        colors=[ground, "#203040"],
    )
    x, y = points(2000)
    assert np.allclose(f.sample(x, y, 1 / 512), 1.0, atol=1e-6)


def test_colour_mode_prints_each_cell_in_its_own_colour(recording_call):
    p = HalftoneParams(mode="color", cell=0.05, angle=0.0)
    rng = np.random.default_rng(1)
    x, y = rng.random(4000) * 0.5, rng.random(4000) * 0.5

    def src(u, v):
        c = np.stack([u * 2, v * 2, 0.5 * np.ones_like(u), np.ones_like(u)], axis=-1)
        return c.astype(np.float32)

    call = recording_call(x, y, footprint=1e-6, channels=4, inputs={"source": src})
    out = halftone(p, call)
    ground = np.array(call.palette.role(0), np.float32)
    cell = src(np.floor(x / 0.05) * 0.05 + 0.025, np.floor(y / 0.05) * 0.05 + 0.025)[..., :3]
    is_ground = np.all(np.isclose(out[..., :3], ground, atol=1e-6), axis=-1)
    is_cell = np.all(np.isclose(out[..., :3], cell, atol=1e-6), axis=-1)
    assert (is_ground | is_cell).all() and is_cell.any() and is_ground.any()
