"""Rosettes: C_n turns, D_n turns and mirrors, nothing beyond the radius."""

from __future__ import annotations

import math

import numpy as np
import pytest

CX, CY, RADIUS = 0.45, 0.55, 0.4


def turn(x, y, degrees):
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    dx, dy = x - CX, y - CY
    return CX + c * dx - s * dy, CY + s * dx + c * dy


def mirror(x, y, axis_degrees):
    """Reflect in the line through the centre at ``axis_degrees`` clockwise from up."""
    a = math.radians(axis_degrees)
    ux, uy = math.sin(a), -math.cos(a)
    dx, dy = x - CX, y - CY
    k = 2 * (dx * ux + dy * uy)
    return CX + k * ux - dx, CY + k * uy - dy


def disc_points(dyadic, seed=0):
    x, y = dyadic(seed=seed)
    keep = np.hypot(x - CX, y - CY) < RADIUS * 0.97
    return x[keep], y[keep]


def params(n, **extra):
    return {"n": n, "cx": CX, "cy": CY, "radius": RADIUS, "rotation": 10.0, **extra}


@pytest.mark.parametrize("n", [2, 5, 8, 13])
def test_cyclic_turns_but_does_not_mirror(n, sampler, dyadic):
    f = sampler("symmetry.rosette_cyclic", **params(n, motif_r=0.4, motif_size=1.2))
    x, y = disc_points(dyadic)
    base = f(x, y)
    assert np.ptp(base) > 0.2
    assert np.abs(base - f(*turn(x, y, 360.0 / n))).max() <= 1e-5
    assert (np.abs(base - f(*turn(x, y, 180.0 / n))) > 1e-3).mean() > 0.25
    for axis in (10.0, 10.0 + 180.0 / n):  # the wedge axis and the wedge edge
        assert (np.abs(base - f(*mirror(x, y, axis))) > 1e-3).mean() > 0.25


@pytest.mark.parametrize("n", [2, 5, 8, 13])
@pytest.mark.parametrize("offset", [0.0, 0.4])
def test_dihedral_turns_and_mirrors(n, offset, sampler, dyadic):
    f = sampler(
        "symmetry.rosette_dihedral", **params(n, motif_r=0.4, motif_size=1.2, motif_offset=offset)
    )
    x, y = disc_points(dyadic)
    base = f(x, y)
    assert np.ptp(base) > 0.2
    assert np.abs(base - f(*turn(x, y, 360.0 / n))).max() <= 1e-5
    for axis in (10.0, 10.0 + 180.0 / n):
        assert np.abs(base - f(*mirror(x, y, axis))).max() <= 1e-5
    # ...but no finer turn, and no mirror off the n lines.
    assert (np.abs(base - f(*turn(x, y, 180.0 / n))) > 1e-3).mean() > 0.25
    assert (np.abs(base - f(*mirror(x, y, 10.0 + 90.0 / n))) > 1e-3).mean() > 0.25


@pytest.mark.parametrize("op", ["symmetry.rosette_cyclic", "symmetry.rosette_dihedral"])
def test_transparent_beyond_the_radius(op, sampler, dyadic):
    f = sampler(op, **params(6))
    x, y = dyadic()
    r = np.hypot(x - CX, y - CY)
    assert (r > RADIUS + 1e-3).any()
    assert np.all(f(x, y)[r > RADIUS + 1e-3] == 0)
