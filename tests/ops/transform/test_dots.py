"""transform.stippling and transform.pointillism: jittered lattices of dots."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops.transform._dots import dot_lattice
from foulard.ops.transform.pointillism import PointillismParams, pointillism
from foulard.ops.transform.stippling import StipplingParams, stippling


def _const(value, channels=1):
    def src(u, v):
        if channels == 1:
            return np.full((*np.shape(u), 1), value, np.float32)
        return np.broadcast_to(np.asarray(value, np.float32), (*np.shape(u), 4)).copy()

    return {"source": src}


def test_block_and_scattered_lattices_agree():
    rng = np.random.default_rng(0)
    x, y = rng.random(3000) * 0.3, rng.random(3000) * 0.3  # dense: one block
    block = dot_lattice(x, y, 50, 0.9, 11)
    far = np.r_[x, 1e4], np.r_[y, -1e4]  # one far point: candidates one by one
    loose = dot_lattice(*far, 50, 0.9, 11)
    for key in ("x", "y", "rank"):
        a = block.per_point(block.dots[key])
        b = loose.per_point(loose.dots[key])[:-1]
        assert np.array_equal(a, b), key
    # Each point's own dot (the middle candidate) lies in its own cell (jitter < 1).
    cx = block.per_point(block.dots["x"])[:, 4]
    cy = block.per_point(block.dots["y"])[:, 4]
    assert (np.floor(cx * 50) == np.floor(x * 50)).all()
    assert (np.floor(cy * 50) == np.floor(y * 50)).all()


def test_lattice_repeats_with_the_unit_square():
    rng = np.random.default_rng(1)
    x, y = rng.random(500), rng.random(500)
    a = dot_lattice(x, y, 37, 1.0, 5)
    b = dot_lattice(x + 1.0, y - 2.0, 37, 1.0, 5)
    assert np.allclose(a.per_point(a.dots["x"]) + 1.0, b.per_point(b.dots["x"]))
    assert np.array_equal(a.per_point(a.dots["rank"]), b.per_point(b.dots["rank"]))


def _ink(out, call):
    ground, ink = np.array(call.palette.role(0)), np.array(call.palette.role(1))
    return ((out[..., :3] - ground) @ (ink - ground)) / ((ink - ground) @ (ink - ground))


@pytest.mark.parametrize("d", [0.15, 0.5, 0.8])
def test_share_of_dots_is_the_tone_and_darker_only_adds(recording_call, d):
    p = StipplingParams(spacing=0.01, size=0.3)
    n = 500
    c = (np.arange(n) + 0.5) / n
    x, y = np.meshgrid(c, c)
    call = recording_call(x, y, footprint=1 / n, inputs=_const(d), state=9)
    ink = _ink(stippling(p, call), call)
    full = recording_call(x, y, footprint=1 / n, inputs=_const(1.0), state=9)
    all_dots = _ink(stippling(p, full), full)
    assert abs(ink.mean() / all_dots.mean() - d) < 0.03
    darker = recording_call(x, y, footprint=1 / n, inputs=_const(min(1.0, d + 0.1)), state=9)
    assert (_ink(stippling(p, darker), darker) >= ink - 1e-6).all()


def test_pointillism_dabs_of_one_colour_mix_only_with_the_ground(recording_call):
    colour = (0.6 * 0.9, 0.2 * 0.9, 0.3 * 0.9, 0.9)  # premultiplied, alpha 0.9
    p = PointillismParams(lightness=0.0, chroma=0.0)
    rng = np.random.default_rng(2)
    x, y = rng.random(20000), rng.random(20000)
    call = recording_call(x, y, footprint=1e-4, channels=4, inputs=_const(colour, 4), state=3)
    out = pointillism(p, call)[..., :3].astype(np.float64)
    ground = np.array(call.palette.role(0))
    dab = np.array(colour[:3]) + ground * 0.1  # the colour laid on the ground
    t = ((out - ground) @ (dab - ground)) / ((dab - ground) @ (dab - ground))
    assert np.allclose(out, ground + t[:, None] * (dab - ground), atol=1e-5)
    assert (t > 0.999).mean() > 0.9  # dabs overlap: little ground shows


def test_pointillism_breaks_flat_colour_into_nearby_colours(recording_call):
    colour = (0.5, 0.5, 0.5, 1.0)
    p = PointillismParams(lightness=0.1, chroma=0.05)
    rng = np.random.default_rng(3)
    x, y = rng.random(20000), rng.random(20000)
    call = recording_call(x, y, footprint=1e-4, channels=4, inputs=_const(colour, 4), state=3)
    out = pointillism(p, call)[..., :3]
    assert out.std(axis=0).min() > 0.02
    assert np.abs(out.mean(axis=0) - 0.5).max() < 0.05  # the eye mixes them back
