"""curves.harmonograph: damped pendulum traces; Lissajous figures when undamped."""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Node
from foulard.ops.curves.harmonograph import HarmonographParams, figure, pen


def test_points_on_the_trace_are_one(bind):
    p = HarmonographParams(duration=12.0, line_width=0.002)
    f = bind(Node.make("curves.harmonograph", **p.to_json()))
    t = np.linspace(0.0, p.duration, 2001)
    x, y = figure(p, t)
    assert np.allclose(f.sample(x, y, footprint=1e-5), 1.0)


def test_undamped_single_pair_is_a_closed_symmetric_lissajous_figure(bind):
    node = dict(freq_x=3.0, freq_y=2.0, phase_x=90.0, phase_y=0.0, second=0.0, damping=0.0)
    p = HarmonographParams(**node, duration=1.0)
    t = np.linspace(0.0, 1.0, 400)
    # x = cos(6 pi t), y = sin(4 pi t): period 1, as for any whole frequencies.
    x, y = pen(p, t)
    assert np.allclose(x, np.cos(6 * np.pi * t)) and np.allclose(y, np.sin(4 * np.pi * t))
    x2, y2 = pen(p, t + 1.0)
    assert np.allclose(x, x2) and np.allclose(y, y2)
    # t -> -t mirrors it about its horizontal axis.
    f = bind(Node.make("curves.harmonograph", **node, duration=1.0, line_width=0.004))
    rng = np.random.default_rng(3)
    px, py = rng.uniform(0.05, 0.95, 5000), rng.uniform(0.05, 0.95, 5000)
    a = f.sample(px, py, footprint=1 / 512)
    b = f.sample(px, 1.0 - py, footprint=1 / 512)
    assert a.max() > 0.9
    assert np.abs(a - b).max() < 1e-3


def test_damping_spirals_inwards():
    p = HarmonographParams(damping=0.1, duration=40.0)
    t = np.linspace(0.0, p.duration, 20001)
    x, y = pen(p, t)
    r = np.hypot(x, y)
    early, late = r[t < 5].max(), r[t > 30].max()
    assert late <= np.exp(-0.1 * 30) * (1.0 + p.second) * np.sqrt(2.0)  # the decayed amplitudes
    assert late < 0.2 * early


def test_far_points_are_zero(bind):
    f = bind(Node.make("curves.harmonograph"))
    v = f.sample(np.array([0.0, 1.0, 0.5]), np.array([0.0, 1.0, -0.1]))
    assert np.array_equal(v, np.zeros(3, np.float32))
