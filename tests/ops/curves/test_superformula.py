"""curves.superformula: Gielis shapes, filled and outlined."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.superformula import (
    SuperformulaParams,
    _peak,
    branches,
    radius_at,
    symmetry_order,
)
from ops.curves._helpers import disc_points, turn_points


@pytest.mark.parametrize(
    "params", [{"m": 0, "n1": 0.7, "n2": 3.0, "n3": 9.0}, {"m": 4, "n1": 2.0, "n2": 2.0, "n3": 2.0}]
)
def test_m_zero_and_the_unit_superellipse_are_circles(bind, params):
    p = SuperformulaParams(**params, radius=0.3, fill="flat", fill_value=1.0, line_width=0.0)
    phi = np.linspace(0, 2 * math.pi, 1001)
    assert np.allclose(radius_at(p, phi, _peak(p)), 0.3)
    f = bind(Node.make("curves.superformula", **p.to_json()))
    a = np.linspace(0, 2 * math.pi, 200)
    inside = f.sample(0.5 + 0.29 * np.cos(a), 0.5 + 0.29 * np.sin(a), footprint=1e-4)
    outside = f.sample(0.5 + 0.31 * np.cos(a), 0.5 + 0.31 * np.sin(a), footprint=1e-4)
    assert np.allclose(inside, 1.0) and np.allclose(outside, 0.0)


@pytest.mark.parametrize(
    "params",
    [
        {"m": 5, "n1": 2.0, "n2": 7.0, "n3": 7.0},
        {"m": 7, "n1": 0.3, "n2": 1.7, "n3": 1.7},
        {"m": 6, "n1": 1.0, "n2": 7.0, "n3": 8.0},  # unlike terms, even m: m / 2-fold
        {"m": 3, "n1": 1.0, "n2": 2.0, "n3": 5.0, "b": 1.5},  # odd m: two sheets, m-fold
    ],
)
def test_rotational_symmetry_of_order(bind, params):
    p = SuperformulaParams(**params, rotation=0.0)
    order = symmetry_order(p)
    f = bind(Node.make("curves.superformula", **p.to_json()))
    x, y = disc_points(0.42)
    fp = 1 / 512
    base = f.sample(x, y, footprint=fp)
    assert base.max() > 0.9
    turned = f.sample(*turn_points(x, y, 2 * math.pi / order), footprint=fp)
    assert np.abs(base - turned).max() < 2e-3
    assert np.abs(base - f.sample(*turn_points(x, y, math.pi / order), footprint=fp)).mean() > 0.01


def test_odd_m_with_unlike_terms_closes_after_two_turns_without_a_seam(bind):
    p = SuperformulaParams(m=3, n1=1.0, n2=2.0, n3=5.0, b=1.5, rotation=0.0, line_width=0.0)
    assert branches(p) == 2 and branches(p.replace(n3=2.0, b=1.0)) == 1
    # r(phi + 4 pi) = r(phi); r(phi + 2 pi) differs (the second sheet).
    phi = np.linspace(0, 2 * math.pi, 50)
    peak = _peak(p)
    assert np.allclose(radius_at(p, phi, peak), radius_at(p, phi + 4 * math.pi, peak))
    assert not np.allclose(radius_at(p, phi, peak), radius_at(p, phi + 2 * math.pi, peak))
    f = bind(Node.make("curves.superformula", **p.to_json()))
    # Across the cut of atan2 (the negative x axis) the fill is continuous.
    r = np.linspace(0.01, 0.45, 200)
    above = f.sample(0.5 - r, np.full(r.shape, 0.5 - 1e-9), footprint=1e-3)
    below = f.sample(0.5 - r, np.full(r.shape, 0.5 + 1e-9), footprint=1e-3)
    assert np.abs(above - below).max() < 1e-3


def test_outline_and_echoes_follow_the_formula(bind):
    p = SuperformulaParams(m=5, echoes=2, echo_step=0.2, fill="none", line_width=0.003)
    f = bind(Node.make("curves.superformula", **p.to_json()))
    phi = np.linspace(0, 2 * math.pi, 400, endpoint=False)
    peak = _peak(p)
    for scale in (1.0, 0.8, 0.6):
        r = scale * radius_at(p, phi, peak)
        a = phi + math.radians(p.rotation)
        v = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=1e-5)
        assert np.allclose(v, 1.0)
    # Between the echoes nothing is drawn.
    r = 0.9 * radius_at(p, phi, peak)
    a = phi + math.radians(p.rotation)
    assert np.allclose(f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=1e-5), 0.0)
