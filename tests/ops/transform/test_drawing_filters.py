"""transform.hatching, transform.xdog_lines, transform.kuwahara and transform.outline."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform.hatching import HatchingParams, hatching, layer_weights
from foulard.ops.transform.kuwahara import kuwahara_filter
from foulard.ops.transform.outline import signed_distance
from foulard.ops.transform.xdog_lines import XDoGParams, xdog

PEONY = Node.make("motifs.peony")


def _ink_share(out, call):
    ground, ink = np.array(call.palette.role(0)), np.array(call.palette.role(1))
    return ((out[..., :3] - ground) @ (ink - ground)) / ((ink - ground) @ (ink - ground))


def test_hatching_ink_grows_with_the_tone_and_layers_nest(recording_call):
    rng = np.random.default_rng(0)
    x, y = rng.random(20000), rng.random(20000)
    means = []
    for d in np.linspace(0.0, 1.0, 11):
        src = {"source": lambda u, v, d=d: np.full((*np.shape(u), 1), d, np.float32)}
        call = recording_call(x, y, footprint=1e-5, inputs=src)
        means.append(_ink_share(hatching(HatchingParams(layers=4), call), call).mean())
    assert means[0] == 0.0 and np.all(np.diff(means) > 0.0)
    w = layer_weights(np.linspace(0, 1, 101), 3)
    assert (np.diff(w, axis=0) >= 0).all() and (np.diff(w, axis=1) <= 0).all()


def test_one_layer_of_hatching_is_lines_of_the_stated_width(recording_call):
    p = HatchingParams(layers=1, weight=0.5, pitch=0.01, angle=-45.0)  # across: lines along x
    s = (np.arange(40000) + 0.5) / 40000 * 0.2  # down, over 20 pitches
    src = {"source": lambda u, v: np.ones((*np.shape(u), 1), np.float32)}
    call = recording_call(np.full_like(s, 0.3), s, footprint=1e-7, inputs=src)
    share = _ink_share(hatching(p, call), call).mean()
    assert abs(share - 0.5) < 1e-3


def test_xdog_finds_edges_and_leaves_flat_areas_blank():
    p = XDoGParams(threshold=0.6, sharpen=20.0, wrap=False)
    img = np.ones((128, 128))
    img[:, 64:] = 0.7  # a mid-grey half: above the threshold when flat
    ink = xdog(img, 2.0, p)
    assert ink[:, :40].max() < 1e-6 and ink[:, 90:].max() < 1e-6
    assert ink[:, 62:68].max() > 0.5  # a line along the step
    dark = xdog(np.zeros((64, 64)), 2.0, p)  # black below the threshold: solid ink
    assert np.allclose(dark, 1.0)


def test_kuwahara_keeps_a_step_sharp_and_flattens_noise():
    rng = np.random.default_rng(1)
    img = np.zeros((64, 64, 4), np.float32)
    img[..., 3] = 1.0
    img[:, 32:, :3] = 1.0
    noisy = img.copy()
    noisy[..., :3] += rng.normal(0.0, 0.05, (64, 64, 1)).astype(np.float32)
    out = kuwahara_filter(noisy, 4, wrap=False)
    assert np.abs(out[:, 31, :3]).max() < 0.1 and np.abs(out[:, 32, :3] - 1).max() < 0.1
    assert out[:, 5:25, 0].std() < 0.5 * noisy[:, 5:25, 0].std()
    flat = np.full((16, 16, 1), 0.3, np.float32)
    assert np.allclose(kuwahara_filter(flat, 3, wrap=True), 0.3)


@pytest.mark.parametrize("wrap", [False, True])
def test_signed_distance_of_a_disc(wrap):
    n = 200
    c = (np.arange(n) + 0.5) / n
    x, y = np.meshgrid(c, c)
    r = np.hypot(x - 0.5, y - 0.5)
    sd = signed_distance(r < 0.2, 1 / n, wrap, reach=0.2)
    near = np.abs(r - 0.2) < 0.1
    assert np.allclose(sd[near], (r - 0.2)[near], atol=1.0 / n)


def test_outline_rings_sit_at_their_offsets(bind):
    node = Node.make(
        "transform.outline",
        inputs={"source": PEONY},
        cells=512,
        count=2,
        offset=0.01,
        spacing=0.02,
        width=0.004,
    )
    f = bind(node)
    grid, arr = f.ev.grid_result(f.root)
    x, y = grid.coords()
    src = f.sample(x, y, grid.cell, bound=f.child("source"))
    sd = signed_distance(src[..., 3] >= 0.5, grid.cell, True, 0.1)
    line = arr[..., 3] - src[..., 3]
    for centre in (0.012, 0.032):
        on = np.abs(sd - centre) < 0.001
        assert on.any() and (line[on] > 0.9).all()
    gap = (sd > 0.018) & (sd < 0.026)
    assert np.abs(line[gap]).max() < 1e-6
    inside = src[..., 3] > 0.999
    assert np.allclose(arr[inside], src[inside], atol=1e-6)  # drawn under the source
