"""transform.engraving: swelling lines along a guide."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform.engraving import EngravingParams, engraving


def _const(d):
    return {"source": lambda u, v: np.full((*np.shape(u), 1), d, np.float32)}


def _ink(out, call):
    ground, ink = np.array(call.palette.role(0)), np.array(call.palette.role(1))
    return ((out[..., :3] - ground) @ (ink - ground)) / ((ink - ground) @ (ink - ground))


@pytest.mark.parametrize("guide", ["straight", "rings"])
@pytest.mark.parametrize("d", [0.2, 0.5])
def test_mean_ink_is_the_tone_below_the_cross(recording_call, guide, d):
    p = EngravingParams(guide=guide, pitch=0.01, cross=0.6)
    n = 600
    c = (np.arange(n) + 0.5) / n
    x, y = np.meshgrid(c, c)
    call = recording_call(x, y, footprint=1 / n, inputs=_const(d))
    assert abs(_ink(engraving(p, call), call).mean() - d) < 0.01


def test_rings_are_circles_round_the_centre(recording_call):
    p = EngravingParams(guide="rings", pitch=0.02, x=0.4, y=0.6, cross=1.0)
    a = np.linspace(0, 2 * math.pi, 720, endpoint=False)
    for r, want in ((0.1, 1.0), (0.11, 0.0)):  # on a line (whole pitches) and between
        call = recording_call(0.4 + r * np.cos(a), 0.6 + r * np.sin(a), 1e-6, inputs=_const(0.5))
        assert np.allclose(_ink(engraving(p, call), call), want, atol=1e-6)


def test_cross_lines_only_in_the_darks(recording_call):
    rng = np.random.default_rng(0)
    x, y = rng.random(20000), rng.random(20000)
    base = EngravingParams(guide="straight", pitch=0.01, cross=0.6)
    one = EngravingParams(guide="straight", pitch=0.01, cross=1.0)
    for d, same in ((0.5, True), (0.9, False)):
        a = recording_call(x, y, 1e-5, inputs=_const(d))
        b = recording_call(x, y, 1e-5, inputs=_const(d))
        ia, ib = _ink(engraving(base, a), a), _ink(engraving(one, b), b)
        assert np.allclose(ia, ib) == same
        assert (ia >= ib - 1e-9).all()


def test_contour_lines_bend_with_the_source(bind):
    src = Node.make("color.gradient_map", inputs={"source": Node.make("fields.value_noise")})
    flat = bind(Node.make("transform.engraving", inputs={"source": src}, bend=0.0))
    bent = bind(Node.make("transform.engraving", inputs={"source": src}, bend=0.1))
    rng = np.random.default_rng(1)
    x, y = rng.random(5000), rng.random(5000)
    straight = bind(Node.make("transform.engraving", inputs={"source": src}, guide="straight"))
    assert np.array_equal(flat.sample(x, y, 1 / 512), straight.sample(x, y, 1 / 512))
    assert np.abs(bent.sample(x, y, 1 / 512) - flat.sample(x, y, 1 / 512)).mean() > 0.05
