"""Tartans and colour-and-weave checks: setts, colour orders, repeats."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.errors import ParameterError
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.weave._notation import expand_counts, parse_counts, parse_roles
from foulard.ops.weave.color_and_weave import PRESETS, color_orders
from foulard.ops.weave.tartan import SETTS, tartan_threads


def _params(op, **kw):
    return Node.make(op, **kw).params


def test_thread_count_notation():
    assert parse_counts("K4 R/24, y4/", "p") == [("K", 4, False), ("R", 24, True), ("Y", 4, True)]
    for bad in ("K", "4K", "K0", "K4 R-2", "K12345"):
        with pytest.raises(ParameterError):
            parse_counts(bad, "p")
    with pytest.raises(ParameterError, match="not one of"):
        parse_counts("Q4", "p", "DL")
    assert parse_roles("k=1 R=2", "p") == {"K": 1, "R": 2}
    with pytest.raises(ParameterError):
        parse_roles("K=48", "p")


def test_symmetric_sett_reflects_about_its_pivots_once():
    stripes = parse_counts("B2 R4 G2", "p")
    assert "".join(expand_counts(stripes, True)) == "BB" + "RRRR" + "GG" + "RRRR"
    assert "".join(expand_counts(stripes, False)) == "BBRRRRGG"


@pytest.mark.parametrize("preset", [s for s in SETTS if s != "madras"])
def test_symmetric_tartans_are_palindromes_and_warp_equals_weft(preset):
    warp, weft = tartan_threads(_params("weave.tartan", preset=preset))
    assert warp == weft
    # A reflective sett is its own mirror image about the middle of its first pivot.
    n, k = len(warp), parse_counts(SETTS[preset], "p")[0][1] - 1
    assert all(warp[i] == warp[(k - i) % n] for i in range(n))


def _mirror_axes(seq):
    n = len(seq)
    return [k for k in range(n) if all(seq[i] == seq[(k - i) % n] for i in range(n))]


def test_asymmetric_setts_have_no_mirror():
    warp, weft = tartan_threads(_params("weave.tartan", preset="madras"))
    assert warp == weft and _mirror_axes(warp) == []
    sym = tartan_threads(_params("weave.tartan", preset="custom", sett="K3 R5 G2"))[0]
    assert _mirror_axes(sym) == [2]  # about the middle of K3 (and of G2, half a repeat on)


def test_repeat_is_the_sett_total():
    p = _params("weave.tartan", preset="custom", sett="K4 R24 K24 Y4")
    warp, _ = tartan_threads(p)
    assert len(warp) == 4 + 24 + 24 + 4 + 24 + 24  # pivots K4 and Y4 woven once
    spec = get("weave.tartan")
    periods = spec.periods(p)
    assert periods == [(len(warp) / p.threads, 0.0), (0.0, len(warp) / p.threads)]
    asym = _params("weave.tartan", preset="custom", sett="K4 R24 K24 Y4", symmetric=False)
    assert len(tartan_threads(asym)[0]) == 56
    odd = _params("weave.tartan", preset="custom", sett="K3 R4", symmetric=False)
    # 7 threads against a 4-thread twill: the cloth repeats after lcm(7, 4).
    assert spec.periods(odd)[0][0] == pytest.approx(28 / odd.threads)


def test_pivot_marks_make_a_sett_symmetric_and_scale_multiplies_counts():
    p = _params("weave.tartan", preset="custom", sett="K/4 R24 Y/4", symmetric=False)
    warp, _ = tartan_threads(p)
    assert len(warp) == 4 + 24 + 4 + 24
    p2 = _params("weave.tartan", preset="custom", sett="K/4 R24 Y/4", scale=2.0)
    assert len(tartan_threads(p2)[0]) == 2 * len(warp)


def test_tartan_letters_become_roles_in_order_of_first_appearance():
    p = _params("weave.tartan", preset="custom", sett="G8 K2 G2 R4", first_role=2)
    warp, _ = tartan_threads(p)
    assert set(warp) == {2, 3, 4}
    assert warp[0] == 2 and warp[8] == 3 and warp[12] == 4
    mapped = _params("weave.tartan", preset="custom", sett="G8 K2 G2 R4", roles="K=5 R=1")
    warp, _ = tartan_threads(mapped)
    assert warp[8] == 5 and warp[12] == 1 and warp[0] == 1  # G: first letter not mapped


def test_tartan_weft_sett_may_differ():
    p = _params("weave.tartan", preset="custom", sett="K4 R4", weft_sett="K2 W8")
    warp, weft = tartan_threads(p)
    assert warp != weft and len(weft) == 2 + 8


def test_bad_setts_are_refused_when_the_node_is_built():
    with pytest.raises(ParameterError, match=r"params\.sett"):
        Node.make("weave.tartan", preset="custom", sett="hello world")
    with pytest.raises(ParameterError, match="at most"):
        Node.make("weave.tartan", preset="custom", sett="K999 R999", scale=8.0)


def _top_roles(op, **kw):
    """Palette role of the thread on top in every cell of one full repeat."""
    spec = get(op)
    cloth = spec.prepare(Node.make(op, **kw).params, None)
    nx, ny = cloth.repeat
    jj, ii = np.meshgrid(np.arange(ny), np.arange(nx), indexing="ij")
    up = cloth.up[jj % cloth.py, ii % cloth.px]
    warp = cloth.warp_roles[ii % cloth.warp_roles.size]
    weft = cloth.weft_roles[jj % cloth.weft_roles.size]
    return np.where(up, warp, weft)


def test_houndstooth_is_the_4_and_4_twill_effect():
    top = _top_roles("weave.color_and_weave", preset="houndstooth")
    assert top.shape == (8, 8)
    dark = top == 1
    assert dark.mean() == 0.5
    # The dark-dark and light-light quarters are solid; the mixed ones make the teeth.
    assert dark[:4, :4].all() and not dark[4:, 4:].any()
    assert 0 < dark[:4, 4:].sum() < 16 and 0 < dark[4:, :4].sum() < 16
    # A balanced twill shows warp where the other quarter shows weft: the two mixed
    # quarters are each other's negative.
    assert (dark[:4, 4:] == ~dark[4:, :4]).all()


def test_gingham_squares_are_solid_where_colours_meet():
    top = _top_roles("weave.color_and_weave", preset="gingham")
    assert top.shape == (16, 16)
    assert (top[:8, :8] == 1).all() and (top[8:, 8:] == 0).all()
    assert (top[:8, 8:] == 1).mean() == 0.5  # plain weave mixes the others half and half


def test_pin_stripe_shows_one_light_end_in_twelve():
    top = _top_roles("weave.color_and_weave", preset="pin_stripe")
    light = top == 0
    assert light.any(axis=0).sum() == top.shape[1] // 12


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_colour_and_weave_preset_is_valid(preset):
    up, warp, weft = color_orders(_params("weave.color_and_weave", preset=preset))
    assert len(warp) > 0 and len(weft) > 0 and up.any()


def test_colour_orders_are_checked():
    with pytest.raises(ParameterError, match=r"params\.warp_order"):
        Node.make("weave.color_and_weave", preset="custom", warp_order="X4 D4")
    p = _params("weave.color_and_weave", preset="custom", warp_order="D2 A1 L2", accent_color=7)
    _, warp, _ = color_orders(p)
    assert warp == [1, 1, 7, 0, 0]
