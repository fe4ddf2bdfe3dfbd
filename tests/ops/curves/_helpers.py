"""Helpers the curve tests import as ``ops.curves._helpers`` (tests/conftest.py puts
tests/ on ``sys.path``): sample points, and turns about the design's centre."""

from __future__ import annotations

import math

import numpy as np


def turn_points(x, y, angle, cx=0.5, cy=0.5):
    """Points turned by ``angle`` radians about ``(cx, cy)``."""
    c, s = math.cos(angle), math.sin(angle)
    return cx + c * (x - cx) - s * (y - cy), cy + s * (x - cx) + c * (y - cy)


def disc_points(r: float, n: int = 6000, seed: int = 0):
    """``n`` seeded random points, uniform over the disc of radius ``r`` about the centre."""
    rng = np.random.default_rng(seed)
    rr = r * np.sqrt(rng.random(n))
    a = rng.uniform(0, 2 * math.pi, n)
    return 0.5 + rr * np.cos(a), 0.5 + rr * np.sin(a)


def grid_points(n: int = 96):
    """A grid of whole multiples of 1/256: x - 0.5 and (1 - x) - 0.5 are exact negatives."""
    k = np.arange(1, 256, 256 // n)
    x, y = np.meshgrid(k / 256.0, k / 256.0)
    return x.ravel(), y.ravel()
