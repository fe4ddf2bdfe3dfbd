"""Weave structures: the interlacement matrices match their definitions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.errors import ParameterError
from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.weave._notation import parse_numbers, parse_tieup
from foulard.ops.weave.crepe import crepe_matrix, longest_float
from foulard.ops.weave.diamond_twill import diamond_matrix, point_sequence
from foulard.ops.weave.drawdown import DRAFTS, drawdown_matrix
from foulard.ops.weave.herringbone import HerringboneParams, herringbone_matrix
from foulard.ops.weave.plain import plain_matrix
from foulard.ops.weave.satin import satin_binding, satin_matrix
from foulard.ops.weave.twill import twill_matrix
from foulard.ops.weave.waffle import waffle_matrix
from foulard.render import RenderContext, TileCache
from foulard.render.evaluate import Evaluator


def interlaces(up: np.ndarray) -> bool:
    """Every end and every pick passes both over and under."""
    return bool((up.any(0) & ~up.all(0)).all() and (up.any(1) & ~up.all(1)).all())


def runs(line: np.ndarray) -> list[tuple[bool, int]]:
    """Runs of equal crossings along a wrapping line, as (value, length)."""
    k = int(np.argmax(line != line[0]))
    r = np.roll(line, -k)
    out, start = [], 0
    for i in range(1, r.size + 1):
        if i == r.size or r[i] != r[start]:
            out.append((bool(r[start]), i - start))
            start = i
    return out


def test_plain_weave_alternates_every_crossing():
    up = plain_matrix()
    assert interlaces(up)
    assert (up != np.roll(up, 1, 0)).all() and (up != np.roll(up, 1, 1)).all()


@pytest.mark.parametrize(("ends", "picks"), [(2, 2), (3, 3), (1, 3), (4, 1)])
def test_basket_and_rib_groups_work_as_one_thread(ends, picks):
    up = plain_matrix(ends, picks)
    assert up.shape == (2 * picks, 2 * ends)
    assert interlaces(up)
    for i in range(0, up.shape[1], ends):  # the ends of a group are identical
        assert (up[:, i : i + ends] == up[:, i : i + 1]).all()
    for j in range(0, up.shape[0], picks):
        assert (up[j : j + picks] == up[j : j + 1]).all()


@pytest.mark.parametrize(("n", "m"), [(1, 1), (2, 2), (2, 1), (3, 1), (1, 3), (5, 3)])
@pytest.mark.parametrize("direction", ["Z", "S"])
def test_twill_floats_n_over_m_under_stepping_one_each_pick(n, m, direction):
    up = twill_matrix(n, m, direction)
    assert up.shape == (n + m, n + m)
    assert interlaces(up)
    for line in (*up, *up.T):  # every end and pick: one float over n, one under m
        assert sorted(runs(line)) == sorted([(True, n), (False, m)])
    step = -1 if direction == "Z" else 1  # Z: the float moves left each pick down
    assert (np.roll(up[0], step) == up[1]).all()


def test_twill_directions_mirror_each_other():
    z, s = twill_matrix(2, 1, "Z"), twill_matrix(2, 1, "S")
    # A Z twill seen from the left is an S twill: its mirror image is S up to a shift.
    mirrored = z[:, ::-1]
    assert any((np.roll(mirrored, k, axis=1) == s).all() for k in range(3))


def test_steep_twills_that_leave_threads_unbound_are_refused():
    with pytest.raises(ParameterError, match="never interlace"):
        Node.make("weave.twill", over=1, under=3, angle="steep")
    Node.make("weave.twill", over=2, under=2, angle="steep")  # valid


@pytest.mark.parametrize("n", range(5, 17))
def test_satin_has_one_binding_point_per_end_and_pick_none_adjacent(n):
    up = satin_matrix(n, face="weft")  # warp up only at the binding points
    assert up.sum(axis=0).tolist() == [1] * n
    assert up.sum(axis=1).tolist() == [1] * n
    bind = satin_binding(n)
    for i in range(n):  # neighbouring ends are bound at least two picks apart
        d = (bind[(i + 1) % n] - bind[i]) % n
        assert d not in (0, 1, n - 1), (n, bind)
    assert (satin_matrix(n, face="warp") == ~up).all()


def test_satin_moves_must_be_coprime_and_not_twills():
    with pytest.raises(ParameterError, match="coprime"):
        Node.make("weave.satin", ends=8, move=2)
    with pytest.raises(ParameterError, match="coprime"):
        Node.make("weave.satin", ends=8, move=7)
    with pytest.raises(ParameterError, match="no regular move"):
        Node.make("weave.satin", ends=6, move=5)
    assert Node.make("weave.satin", ends=8, move=5).params.move == 5
    b = satin_binding(8, 5)
    assert [b[i] for i in range(3)] == [0, 5, 2]
    assert math.gcd(5, 8) == 1


@pytest.mark.parametrize("break_type", ["broken", "pointed"])
def test_herringbone_reverses_the_twill_every_panel(break_type):
    p = HerringboneParams(ends=6, break_type=break_type)
    up = herringbone_matrix(p)
    assert up.shape == (4, 12)
    assert interlaces(up)
    left, right = up[:, :6], up[:, 6:]
    # Each panel is a twill: the next pick is the previous one shifted by one end,
    # one way in the first panel and the other way in the second.
    assert (np.roll(left[0], -1)[:5] == left[1][:5]).all()
    assert (np.roll(right[0], 1)[1:] == right[1][1:]).all()
    if break_type == "broken":  # across the cut the floats are opposite
        assert (up[:, 5] != up[:, 6]).sum() >= 2


def test_point_threading_and_diamonds():
    assert point_sequence(4).tolist() == [0, 1, 2, 3, 2, 1]
    up = diamond_matrix(6, 3, "point")
    assert up.shape == (10, 10)
    assert interlaces(up)
    assert (up == up.T).all()  # tromp as writ: symmetric about the diagonal
    assert (up[:, 1:] == up[:, 1:][:, ::-1]).all()  # mirrored about the point ends
    chevron = diamond_matrix(6, 3, "straight")
    assert chevron.shape == (6, 10)


def test_waffle_floats_lengthen_from_centre_to_ridge():
    for k in range(2, 17):
        assert interlaces(waffle_matrix(k))
    k = 6
    up = waffle_matrix(k)
    longest = [max(n for _, n in runs(up[:, i])) for i in range(2 * k)]
    assert longest[k] <= 3  # the centre end interlaces almost plainly
    assert longest[0] >= 2 * k - 1  # the ridge end floats across the cell
    assert longest[0] > longest[2] > longest[4] >= longest[k]


@pytest.mark.parametrize(("size", "limit"), [(4, 2), (12, 2), (16, 3), (24, 4), (48, 5), (6, 5)])
def test_crepe_keeps_the_float_limit_across_its_edges(size, limit):
    up = crepe_matrix(size, limit, 0.5, np.random.default_rng(size))
    assert up.shape[0] % 2 == 0 and up.shape[0] >= size
    assert longest_float(up) <= min(limit, up.shape[0] - 1)
    assert interlaces(up)


def test_crepe_is_random_by_seed_only():
    a = crepe_matrix(16, 3, 0.5, np.random.default_rng(1))
    b = crepe_matrix(16, 3, 0.5, np.random.default_rng(1))
    c = crepe_matrix(16, 3, 0.5, np.random.default_rng(2))
    assert (a == b).all() and (a != c).any()
    assert (a != np.tile(plain_matrix(), (8, 8))).any()  # not the plain-weave start


def test_drawdown_of_straight_draft_is_the_twill():
    up = drawdown_matrix([1, 2, 3, 4], parse_tieup("12/23/34/41", "p", 16), [1, 2, 3, 4])
    assert (up == twill_matrix(2, 2, "S")).all()


def test_drawdown_rising_shed_rule():
    tieup = parse_tieup("1/2 3", "p", 4)
    up = drawdown_matrix([1, 2, 3, 4], tieup, [1, 2])
    assert up.astype(int).tolist() == [[1, 0, 0, 0], [0, 1, 1, 0]]


@pytest.mark.parametrize("preset", list(DRAFTS))
def test_named_drafts_parse_and_weave(preset):
    node = Node.make("weave.drawdown", preset=preset)
    state = get("weave.drawdown").prepare(node.params, None)
    assert state.up.shape[0] > 0


def test_draft_notation_errors_name_the_parameter():
    with pytest.raises(ParameterError, match=r"params\.threading.*'0'"):
        Node.make("weave.drawdown", threading="0123")
    with pytest.raises(ParameterError, match=r"params\.treadling"):
        Node.make("weave.drawdown", treadling="9")  # the tie-up has 4 treadles
    with pytest.raises(ParameterError, match=r"params\.tieup"):
        Node.make("weave.drawdown", tieup="12/x")
    assert parse_numbers("1,10 2", "p", 1, 16) == [1, 10, 2]


@pytest.mark.parametrize(
    "op",
    [
        "weave.plain",
        "weave.twill",
        "weave.satin",
        "weave.herringbone",
        "weave.diamond_twill",
        "weave.waffle",
        "weave.crepe",
        "weave.drawdown",
    ],
)
def test_declared_periods_are_the_weave_repeat(op):
    spec = get(op)
    node = Node.make(op, threads=97.0)
    periods = spec.periods(node.params)
    state = spec.prepare(node.params, np.random.default_rng(0))
    nx, ny = state.repeat
    assert periods == [(nx / 97.0, 0.0), (0.0, ny / 97.0)]
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    ev = Evaluator(Genome.make(node, palette, seed=0), cache=TileCache())
    ctx = RenderContext.preview(64)
    xs = (np.arange(64) + 0.5) / 64
    gx, gy = np.meshgrid(xs, xs)
    base = ev.sample(ev.root, gx, gy, ctx.pixel_size)
    for dx, dy in periods:
        assert np.array_equal(base, ev.sample(ev.root, gx + 3 * dx, gy + 3 * dy, ctx.pixel_size))
