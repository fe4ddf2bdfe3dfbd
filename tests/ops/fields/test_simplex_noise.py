"""fields.simplex_noise: gradient noise on a triangular lattice."""

from __future__ import annotations

import math

import numpy as np

from foulard.genome.schema import Node
from foulard.ops import get

G2 = (3.0 - math.sqrt(3.0)) / 6.0


def test_mid_grey_on_every_simplex_vertex(bind):
    scale = 0.1
    f = bind(Node.make("fields.simplex_noise", scale=scale, offset_x=0.3, offset_y=-0.7))
    i, j = np.meshgrid(np.arange(-3, 15), np.arange(-3, 15))
    # Lattice vertices back in design units: unskew, scale, undo the offset.
    x = (i - (i + j) * G2) * scale - 0.3
    y = (j - (i + j) * G2) * scale + 0.7
    assert np.allclose(f.sample(x, y), 0.5, atol=1e-6)


def test_offsets_translate_the_field(bind, points):
    x, y = points()
    plain = bind(Node.make("fields.simplex_noise", scale=0.2))
    moved = bind(Node.make("fields.simplex_noise", scale=0.2, offset_x=1.25, offset_y=-0.5))
    assert np.allclose(moved.sample(x, y), plain.sample(x + 1.25, y - 0.5), atol=1e-6)


def test_scale_stretches_the_field(bind, points):
    x, y = points()
    small = bind(Node.make("fields.simplex_noise", scale=0.1))
    big = bind(Node.make("fields.simplex_noise", scale=0.3))
    assert np.allclose(big.sample(3 * x, 3 * y), small.sample(x, y), atol=1e-6)


def test_range_and_contrast(bind):
    f = bind(Node.make("fields.simplex_noise", scale=0.05))
    xs = (np.arange(300) + 0.5) / 300
    v = f.sample(*np.meshgrid(xs, xs))
    assert v.min() >= 0.0 and v.max() <= 1.0
    assert v.std() > 0.15
    assert abs(float(v.mean()) - 0.5) < 0.05


def test_claims_no_period():
    assert get("fields.simplex_noise").periods is None
