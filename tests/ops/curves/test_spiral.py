"""curves.spiral: polar spirals and the clothoid as tapered ribbons."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import fresnel

from foulard.genome.schema import Node
from foulard.ops.curves.spiral import SpiralParams, _euler_curve, radius_of, theta_range

POLAR = ("archimedean", "logarithmic", "fermat", "hyperbolic")


def _on_arm(p: SpiralParams, count=400, arm=0):
    lo, hi = theta_range(p)
    theta = np.linspace(lo, hi, count)
    r = radius_of(p, theta)
    a = theta + arm * 2 * math.pi / p.arms
    return p.cx + r * np.cos(a), p.cy + r * np.sin(a)


@pytest.mark.parametrize("kind", POLAR)
def test_points_on_each_law_are_one(bind, kind):
    p = SpiralParams(kind=kind, arms=2, turns=3.0, line_width=0.006, taper=0.0, inner=0.1)
    f = bind(Node.make("curves.spiral", **p.to_json()))
    for arm in range(2):
        x, y = _on_arm(p, arm=arm)
        v = f.sample(x, y, footprint=1e-5)
        assert (v > 0.999).mean() > 0.99, kind  # the eye may fade where turns crowd


def test_the_laws():
    arch = SpiralParams(kind="archimedean", turns=4.0, inner=0.0)
    theta = np.linspace(0.0, theta_range(arch)[1] - 2 * math.pi, 50)
    # Archimedes: consecutive turns evenly spaced along any ray.
    assert np.allclose(radius_of(arch, theta + 2 * math.pi) - radius_of(arch, theta), 0.44 / 4)
    log = SpiralParams(kind="logarithmic", growth=2.5)
    theta = np.linspace(*theta_range(log), 50) - 2 * math.pi
    assert np.allclose(radius_of(log, theta + 2 * math.pi) / radius_of(log, theta), 2.5)
    fermat = SpiralParams(kind="fermat", turns=5.0)
    theta = np.linspace(0.1, theta_range(fermat)[1], 50)
    r = radius_of(fermat, theta)
    assert np.allclose(r * r / theta, r[-1] ** 2 / theta[-1])  # r^2 proportional to theta
    hyp = SpiralParams(kind="hyperbolic")
    theta = np.linspace(*sorted(theta_range(hyp)), 50)
    r = radius_of(hyp, theta)
    assert np.allclose(r * theta, r[0] * theta[0])  # r theta constant


@pytest.mark.parametrize("kind", [*POLAR, "euler"])
def test_arms_are_evenly_turned(bind, kind):
    p = SpiralParams(kind=kind, arms=3, line_width=0.02, taper=0.5, turns=2.0)
    f = bind(Node.make("curves.spiral", **p.to_json()))
    rng = np.random.default_rng(0)
    r = 0.44 * np.sqrt(rng.random(5000))
    a = rng.uniform(0, 2 * math.pi, 5000)
    step = (math.pi if kind in ("fermat", "euler") else 2 * math.pi) / 3
    base = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=1 / 512)
    turned = f.sample(0.5 + r * np.cos(a + step), 0.5 + r * np.sin(a + step), footprint=1 / 512)
    assert base.max() > 0.9
    assert np.abs(base - turned).max() < 5e-3  # the clothoid tapers segment by segment


def test_euler_spiral_follows_the_fresnel_integrals(bind):
    p = SpiralParams(kind="euler", arms=1, turns=2.0, line_width=0.004, taper=0.0)
    curve, end = _euler_curve(p)
    s = np.linspace(-0.9 * end, 0.9 * end, 300)
    sf, cf = fresnel(s)
    x, y = curve(s)
    scale = x[-1] / cf[-1]
    assert np.allclose(x, scale * cf) and np.allclose(y, scale * sf)
    f = bind(Node.make("curves.spiral", **p.to_json()))
    assert np.allclose(f.sample(0.5 + x, 0.5 + y, footprint=1e-5), 1.0)


def test_taper_narrows_towards_the_inner_end(bind):
    p = SpiralParams(kind="archimedean", arms=1, turns=3.0, line_width=0.03, taper=1.0)
    f = bind(Node.make("curves.spiral", **p.to_json()))
    hi = theta_range(p)[1]
    widths = []
    for theta in (0.3 * hi, 0.6 * hi, 0.95 * hi):
        r = float(radius_of(p, np.array(theta)))
        # Across the ribbon along the ray: its width there.
        off = np.linspace(-0.02, 0.02, 801)
        v = f.sample(
            0.5 + (r + off) * math.cos(theta), 0.5 + (r + off) * math.sin(theta), footprint=1e-5
        )
        widths.append((v > 0.5).sum() * 0.04 / 800)
    assert widths[0] < widths[1] < widths[2] <= 0.031
    assert widths[2] > 0.025


def test_clockwise_is_the_mirror_image(bind):
    a = bind(Node.make("curves.spiral", clockwise=False))
    b = bind(Node.make("curves.spiral", clockwise=True))
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0.05, 0.95, 4000), rng.uniform(0.05, 0.95, 4000)
    assert np.allclose(a.sample(x, y, footprint=1 / 512), b.sample(x, 1 - y, footprint=1 / 512))
