"""Cellular automata of the growth family: elementary, cyclic, sandpile, snowflake, WFC."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.growth._wfc import _DIRS, Patterns, collapse
from foulard.ops.growth.cyclic_ca import offsets, step
from foulard.ops.growth.elementary_ca import evolve, rule_table
from foulard.ops.growth.sandpile import SandpileParams, pile, topple
from foulard.ops.growth.snowflake import RADIUS, SnowflakeParams, grow
from foulard.ops.growth.wfc_overlapping import SAMPLES


def test_rule_90_draws_pascals_triangle_mod_2():
    n = 65
    row = np.zeros(n, np.uint8)
    row[32] = 1
    rows = evolve(row, 90, 20)
    for t in range(20):
        want = np.zeros(n, np.uint8)
        for k in range(t + 1):
            want[32 - t + 2 * k] = math.comb(t, k) % 2
        assert np.array_equal(rows[t], want)


def test_rule_30_known_rows_and_table():
    assert rule_table(30).tolist() == [0, 1, 1, 1, 1, 0, 0, 0]
    row = np.zeros(11, np.uint8)
    row[5] = 1
    rows = evolve(row, 30, 4)
    assert "".join(map(str, rows[1])) == "00001110000"
    assert "".join(map(str, rows[2])) == "00011001000"
    assert "".join(map(str, rows[3])) == "00110111100"


def test_elementary_rows_wrap_around():
    row = np.zeros(16, np.uint8)
    row[0] = 1  # at the left edge: its neighbour on the left is the last cell
    rows = evolve(row, 90, 2)
    assert rows[1, 15] == 1 and rows[1, 1] == 1


def test_elementary_ca_renders_live_and_dead_roles(bind):
    f = bind(Node.make("growth.elementary_ca", rule=90, cells=32, live_role=1, dead_role=0))
    # Row 0 (the top edge): one live cell in the middle, crisp.
    x = (np.arange(32) + 0.5) / 32
    rgb = f.sample(x, np.full(32, 0.5 / 32), 0.0, channel=None)[..., :3]
    live = np.all(np.isclose(rgb, f.ev.palette.role(1)), axis=1)
    assert live.nonzero()[0].tolist() == [16]


def test_cyclic_step_only_advances_to_the_next_state():
    rng = np.random.default_rng(0)
    s = rng.integers(0, 5, (24, 24)).astype(np.int8)
    offs = offsets(1, "moore")
    t = step(s, 5, 2, offs)
    moved = t != s
    assert np.all((t[moved] - s[moved]) % 5 == 1)
    # A cell advances exactly when >= 2 neighbours hold its successor.
    nxt = (s + 1) % 5
    count = sum(np.roll(s, (dy, dx), axis=(0, 1)) == nxt for dy, dx in offs)
    assert np.array_equal(moved, count >= 2)


def test_cyclic_ca_is_equivariant_under_torus_shifts():
    rng = np.random.default_rng(1)
    s = rng.integers(0, 8, (32, 32)).astype(np.int8)
    offs = offsets(2, "von_neumann")
    a = s.copy()
    b = np.roll(s, (5, -11), axis=(0, 1))
    for _ in range(20):
        a = step(a, 8, 3, offs)
        b = step(b, 8, 3, offs)
    assert np.array_equal(np.roll(a, (5, -11), axis=(0, 1)), b)
    assert len(offsets(2, "von_neumann")) == 12 and len(offsets(3, "moore")) == 48


@pytest.mark.parametrize("hood, k", [("von_neumann", 4), ("moore", 8)])
def test_sandpile_conserves_grains_and_is_stable(hood, k):
    h = pile(SandpileParams(grains=3000, neighbourhood=hood))
    inside = h >= 0
    assert h[inside].sum() == 3000  # every grain is still on the grid
    assert h.max() < k
    # Fourfold (or eightfold) symmetric: the pile from one centre cell.
    assert np.array_equal(h, np.rot90(h)) and np.array_equal(h, h.T)


def test_sandpile_is_abelian():
    a = np.zeros((41, 41), np.int64)
    a[20, 20] = 300
    b = np.zeros((41, 41), np.int64)
    b[15, 22] = 120
    b[25, 18] = 77
    once = topple(a + b, 4)
    twice = topple(topple(a.copy(), 4) + b, 4)
    assert np.array_equal(once, twice)


def test_sandpile_renders_its_roles_inside_its_bounds(bind):
    f = bind(Node.make("growth.sandpile", grains=2000, size=0.5))
    x, y = np.meshgrid(np.linspace(0, 1, 101), np.linspace(0, 1, 101))
    a = f.sample(x, y, 0.0, channel=3)
    assert a[50, 50] == 1.0 and a[0, 0] == 0.0
    assert (a[(np.abs(x - 0.5) > 0.26) | (np.abs(y - 0.5) > 0.26)] == 0).all()


def test_snowflake_has_sixfold_symmetry():
    s = grow(SnowflakeParams(steps=300, beta=0.6, gamma=0.002))
    r = RADIUS
    q, rr = np.meshgrid(np.arange(2 * r + 1) - r, np.arange(2 * r + 1) - r)
    inside = np.maximum(np.maximum(np.abs(q), np.abs(rr)), np.abs(q + rr)) <= r
    q, rr = q[inside], rr[inside]
    ice = s >= 1.0
    assert 50 < ice.sum() < inside.sum()
    # Turning by 60 degrees maps axial (q, r) to (-r, q + r); mirroring swaps q and r.
    turned = ice[(q + rr) + r, -rr + r]
    assert np.array_equal(ice[rr + r, q + r], turned)
    assert np.array_equal(ice, ice.T)


def test_snowflake_edge_is_antialiased_and_bounded(bind):
    f = bind(Node.make("growth.snowflake", steps=200, size=0.6))
    x = np.linspace(0.0, 1.0, 401)
    y = np.full(401, 0.5)
    a = f.sample(x, y, 1 / 200, channel=3)
    assert a[200] == 1.0  # the centre is ice
    assert ((a > 0) & (a < 1)).any()  # soft, not stair-stepped, edges
    assert (a[(x < 0.19) | (x > 0.81)] == 0).all()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_wfc_output_obeys_every_adjacency_and_uses_sample_windows(name):
    sample = np.array([[int(c) for c in row] for row in SAMPLES[name]])
    pats = Patterns(sample, 3, 8)
    grid = collapse(pats, 20, 20, np.random.default_rng(0))
    for d, (dy, dx) in enumerate(_DIRS):
        nb = np.roll(grid, (-dy, -dx), axis=(0, 1))
        assert pats.compat[d][grid, nb].all()
    # Every 3 x 3 window of the output's colours is a window of the sample's images.
    colour = pats.patterns[grid, 0, 0]
    known = {tuple(p.ravel()) for p in pats.patterns}
    for y in range(20):
        for x in range(20):
            win = colour[np.ix_(np.arange(y, y + 3) % 20, np.arange(x, x + 3) % 20)]
            assert tuple(win.ravel()) in known


def test_wfc_is_deterministic_per_seed(bind):
    node = Node.make("growth.wfc_overlapping", cells=16)
    x, y = np.meshgrid(np.linspace(0, 1, 48), np.linspace(0, 1, 48))
    a = bind(node, seed=5).sample(x, y, 0.0, channel=None)
    b = bind(node, seed=5).sample(x, y, 0.0, channel=None)
    c = bind(node, seed=6).sample(x, y, 0.0, channel=None)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
