"""Counterchange: colour-keeping symmetries keep colours, colour-reversing ones swap them.

Each two-colour group is sampled over value noise (a motif with no symmetry of its
own, its value the figure mask) at points ``p`` and ``g(p)``: for a colour-keeping
``g`` the colours are equal, for a colour-reversing ``g`` figure and ground swap,
so the two colours add up to figure + ground. Transforms are in lattice
coordinates on a square lattice of power-of-two cells, where they are exact.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops._common.palette import hex_to_rgb
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.symmetry.counterchange import GROUPS, CounterchangeParams

REPEATS = 4
HALF_TURN = (-1, 0, 0, -1, 0, 0)
QUARTER = (0, -1, 1, 0, 0, 0)
MIRROR = (-1, 0, 0, 1, 0, 0)
GLIDE = (-1, 0, 0, 1, 0, 0.5)
DIAGONAL = (0, 1, 1, 0, 0, 0)


def T(a, b):
    return (1, 0, 0, 1, a, b)


# group -> [(transform in lattice coordinates, colour sign)]
CASES = {
    "p1_checker": [(T(1, 0), -1), (T(0, 1), -1), (T(1, 1), 1), (T(2, 0), 1)],
    "p2_halfturn": [(HALF_TURN, -1), (T(1, 0), 1), (T(0, 1), 1)],
    "pm_mirror": [(MIRROR, -1), (T(1, 0), 1)],
    "pg_glide": [(GLIDE, -1), (T(0, 1), 1)],
    "p4_quarter": [(QUARTER, -1), (HALF_TURN, 1), (T(1, 0), 1)],
    "p4m_diagonal": [(QUARTER, -1), (MIRROR, 1), (DIAGONAL, -1)],
    "p4m_checker": [(QUARTER, 1), (MIRROR, 1), (T(1, 0), -1), (T(1, 1), 1)],
}

TURN_60 = (0, -1, 1, 1, 0, 0)
TURN_120 = (-1, -1, 1, 0, 0, 0)
LONG_MIRROR = (0, 1, 1, 0, 0, 0)

# Hexagonal groups: transforms in lattice coordinates (e2 at 60 degrees to e1).
HEX_CASES = {
    "p6_sixfold": [(TURN_60, -1), (TURN_120, 1), (HALF_TURN, -1), (T(1, 0), 1), (T(0, 1), 1)],
    "p3m1_mirror": [(TURN_120, 1), (LONG_MIRROR, -1), (T(1, 0), 1), (T(1, 1), 1)],
}


def apply(t, a, b):
    a00, a01, a10, a11, ta, tb = t
    return a00 * a + a01 * b + ta, a10 * a + a11 * b + tb


def test_every_group_has_a_consistent_character():
    assert set(CASES) | set(HEX_CASES) == set(GROUPS)  # every group's swaps are tested
    for name, g in GROUPS.items():
        # 0 marks (operation, shift) pairs outside the group.
        assert set(np.unique(g.table).tolist()) <= {-1, 0, 1}, name
        assert (g.table == -1).any(), f"{name}: nothing swaps colours"
        assert (g.table == 1).any(), f"{name}: nothing keeps colours"


@pytest.mark.parametrize("group", list(CASES))
def test_colour_reversing_elements_swap_figure_and_ground(group, sampler, dyadic):
    sample = sampler(
        "symmetry.counterchange", group=group, repeats=REPEATS, figure_color=1, ground_color=2
    )
    fig = np.array(hex_to_rgb(EXAMPLE_PALETTE[1]))
    gnd = np.array(hex_to_rgb(EXAMPLE_PALETTE[2]))
    x, y = dyadic(4096)
    a, b = x * REPEATS, y * REPEATS
    base = sample(x, y)[:, :3]
    checked = 0
    for t, sign in CASES[group]:
        ga, gb = apply(t, a, b)
        moved = sample(ga / REPEATS, gb / REPEATS)[:, :3]
        # Compare away from cut lines (where the four sub-samples of a pixel disagree).
        clean = _clean(base, fig, gnd) & _clean(moved, fig, gnd)
        if sign > 0:
            assert np.allclose(moved[clean], base[clean], atol=1e-5), (group, t)
        else:
            assert np.allclose(moved[clean] + base[clean], fig + gnd, atol=1e-5), (group, t)
        checked += clean.sum()
    assert checked > 1000


def _clean(rgb, fig, gnd):
    """Points whose colour is a mix of figure and ground in one of the two orders."""
    d = fig - gnd
    t = ((rgb - gnd) @ d) / (d @ d)
    return np.all(np.abs(gnd + np.clip(t, 0, 1)[:, None] * d - rgb) < 1e-6, axis=1)


@pytest.mark.parametrize("group", list(HEX_CASES))
def test_hexagonal_groups_swap_under_their_reversing_elements(group, sampler):
    sample = sampler(
        "symmetry.counterchange", group=group, repeats=REPEATS, figure_color=1, ground_color=2
    )
    lat = GROUPS[group].wallpaper.lattice(CounterchangeParams(group=group, repeats=REPEATS))

    def design(a, b):
        return a * lat.e1[0] + b * lat.e2[0], a * lat.e1[1] + b * lat.e2[1]

    fig = np.array(hex_to_rgb(EXAMPLE_PALETTE[1]))
    gnd = np.array(hex_to_rgb(EXAMPLE_PALETTE[2]))
    rng = np.random.default_rng(3)
    a, b = rng.uniform(-2, 6, 4096), rng.uniform(-2, 6, 4096)
    # A tiny footprint: a pixel's four sub-samples (axis-aligned, so not carried onto
    # each other by the turns) straddle a cut line only within 1e-9 of it.
    base = sample(*design(a, b), 1e-9)[:, :3]
    checked = 0
    for t, sign in HEX_CASES[group]:
        moved = sample(*design(*apply(t, a, b)), 1e-9)[:, :3]
        clean = _clean(base, fig, gnd) & _clean(moved, fig, gnd)
        if sign > 0:
            assert np.allclose(moved[clean], base[clean], atol=1e-5), (group, t)
        else:
            assert np.allclose(moved[clean] + base[clean], fig + gnd, atol=1e-5), (group, t)
        checked += clean.sum()
    assert checked > 1000
