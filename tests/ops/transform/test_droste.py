"""transform.droste: a ring of the source repeated inwards, twisted into a spiral."""

from __future__ import annotations

import cmath
import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import droste as module
from foulard.ops.transform.droste import DrosteParams, droste, droste_map

NOISE = Node.make("fields.value_noise")


@pytest.mark.parametrize("strands", [-2, 0, 1, 3])
def test_reads_only_the_ring(strands):
    p = DrosteParams(outer=0.45, ratio=3.5, strands=strands, zoom=0.3, rotation=20.0)
    rng = np.random.default_rng(0)
    z = rng.uniform(-0.6, 0.6, 3000) + 1j * rng.uniform(-0.6, 0.6, 3000)
    q, _ = droste_map(p, z)
    r = np.abs(q)
    assert (r >= p.outer / p.ratio * (1 - 1e-12)).all() and (r < p.outer * (1 + 1e-12)).all()


@pytest.mark.parametrize("strands", [0, 1, -2])
def test_self_similar_under_its_spiral_step(capture, strands):
    # One copy inwards: zeta -> zeta - ln s / alpha (a scale and, with strands, a turn).
    p = DrosteParams(ratio=4.0, strands=strands)
    alpha = complex(1.0, -strands * math.log(p.ratio) / (2 * math.pi))
    step = cmath.exp(-math.log(p.ratio) / alpha)
    rng = np.random.default_rng(1)
    z = rng.uniform(-0.5, 0.5, 2000) + 1j * rng.uniform(-0.5, 0.5, 2000)
    u0, v0, _ = capture(module, "sample_stretched", droste, p, 0.5 + z.real, 0.5 + z.imag)
    w = z * step
    u1, v1, _ = capture(module, "sample_stretched", droste, p, 0.5 + w.real, 0.5 + w.imag)
    same = np.hypot(u1 - u0, v1 - v0) < 1e-9
    # Points on the ring's seam may land on either edge; nearly all must agree.
    assert same.mean() > 0.99


def test_untwisted_copies_are_scaled_by_the_ratio():
    p = DrosteParams(ratio=4.0, strands=0, outer=0.5)
    q, stretch = droste_map(p, np.array([0.3 + 0.1j, 0.3 / 16 + 0.1j / 16]))
    assert np.allclose(q[0], q[1]) and np.isclose(stretch[1], 16 * stretch[0])


def test_stretch_is_the_maps_derivative(capture):
    p = DrosteParams(strands=1, ratio=5.0)
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0.0, 1.0, 400), rng.uniform(0.0, 1.0, 400)
    h = 1e-7
    u, v, stretch = capture(module, "sample_stretched", droste, p, x, y)
    ux, vx, _ = capture(module, "sample_stretched", droste, p, x + h, y)
    ok = np.hypot(ux - u, vx - v) < 1e-3  # off the seams
    num = np.hypot((ux - u) / h, (vx - v) / h)  # conformal: every direction alike
    assert ok.mean() > 0.95
    assert np.allclose(stretch[ok], num[ok], rtol=1e-4)


def test_renders_finite_at_the_centre(bind):
    f = bind(Node.make("transform.droste", inputs={"source": NOISE}, ratio=64.0))
    out = f.sample(np.array([0.5, 0.5 + 1e-300, 0.5001]), np.array([0.5, 0.5, 0.5]), 1 / 512)
    assert np.isfinite(out).all()
