"""craft.marbling_*: exact, area-preserving, invertible marbling maps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops.craft._marbling import (
    Bursts,
    Jac,
    drop_forward,
    drop_inverse,
    inverse_bursts,
    wave_shear_inverse,
)
from foulard.ops.craft.marbling_ink_drop import PRESETS, InkDropParams
from foulard.ops.craft.marbling_ink_drop import prepare as drop_prepare
from foulard.ops.craft.marbling_tine_comb import TineCombParams, comb_inverse
from foulard.ops.craft.marbling_vortex import VortexParams, vortex_inverse
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache, render_float
from foulard.render.evaluate import Evaluator
from ops._helpers import sample, uniform_points


def _det_fd(fn, x, y, h=1e-6):
    """Determinant of the Jacobian of ``fn`` by central differences."""
    xa, ya = fn(x + h, y)
    xb, yb = fn(x - h, y)
    xc, yc = fn(x, y + h)
    xd, yd = fn(x, y - h)
    a = (xa - xb) / (2 * h)
    c = (ya - yb) / (2 * h)
    b = (xc - xd) / (2 * h)
    d = (yc - yd) / (2 * h)
    return a * d - b * c


# -- drops ------------------------------------------------------------------------


def test_drop_inverse_undoes_the_drop_and_keeps_area():
    x, y = uniform_points(4000, lo=-0.2, hi=1.2)
    cx, cy, r = 0.4, 0.55, 0.13
    fx, fy = drop_forward(x, y, cx, cy, r)
    bx, by = drop_inverse(fx, fy, cx, cy, r)
    assert np.allclose(bx, x, atol=1e-9) and np.allclose(by, y, atol=1e-9)
    # Nothing lands inside the new ink, and the map keeps area (|det J| = 1).
    assert (np.hypot(fx - cx, fy - cy) >= r - 1e-12).all()
    far = np.hypot(x - cx, y - cy) > 1e-3
    det = _det_fd(lambda a, b: drop_forward(a, b, cx, cy, r), x[far], y[far])
    assert np.allclose(det, 1.0, atol=1e-4)


def test_breath_shear_is_undone_exactly():
    x, y = uniform_points(3000, seed=4, lo=-0.2, hi=1.2)
    angle, amp, wavelength, phase = 0.7, 0.04, 0.3, 1.0
    mx, my = math.cos(angle), math.sin(angle)
    k = 2 * math.pi / wavelength
    shift = amp * np.sin(k * (x * -my + y * mx) + phase)
    fx, fy = x + shift * mx, y + shift * my  # the breath, forward
    bx, by = wave_shear_inverse(fx, fy, Jac(x.size), angle, amp, wavelength, phase)
    assert np.allclose(bx, x, atol=1e-12) and np.allclose(by, y, atol=1e-12)


def test_jacobian_carried_through_drops_has_determinant_one():
    x, y = uniform_points(2000, seed=3, lo=-0.2, hi=1.2)
    bursts = Bursts.make(
        [(0.3, 0.4), (0.6, 0.5), (0.5, 0.7)],
        [[0.1], [0.08, 0.05], [0.12]],
        [[(1, 0, 0)], [(0, 1, 0), (0, 0, 1)], [(1, 1, 0)]],
    )
    jac = Jac(x.size)
    wave_shear_inverse(x, y, jac, 0.7, 0.02, 0.3, 1.0)
    det = jac.a * jac.d - jac.b * jac.c
    assert np.allclose(det, 1.0, atol=1e-9)
    inverse_bursts(x.copy(), y.copy(), 1e-6, bursts, np.zeros(3), jac)  # does not raise


def _labels(bursts: Bursts, n: int, x, y) -> np.ndarray:
    """Which drop inked each point (0 = the bath), from colours that encode the index.

    A point on an edge mixes two colours even with a tiny footprint; it gets -1.
    """
    rgb = inverse_bursts(x.ravel(), y.ravel(), 1e-9, bursts, np.zeros(3))
    v = rgb[:, 0] * n
    lab = np.rint(v).astype(int)
    lab[np.abs(v - lab) > 1e-6] = -1
    return lab.reshape(x.shape)


def _shoelace(px, py) -> float:
    return 0.5 * float(np.sum(px * np.roll(py, -1) - np.roll(px, -1) * py))


def _winds_round(px, py, qx, qy) -> bool:
    """Whether the closed curve (px, py) goes once round the point (qx, qy)."""
    a = np.arctan2(py - qy, px - qx)
    turn = np.diff(np.concatenate([a, a[:1]]))
    turn = (turn + np.pi) % (2 * np.pi) - np.pi
    return round(abs(turn.sum()) / (2 * np.pi)) == 1


def test_earlier_rings_stay_nested_closed_curves():
    """Each drop's rim, pushed on by every later drop, stays a simple closed curve.

    The area it encloses is its own ink plus exactly the drops that later landed
    inside it (the maps keep area and never tear or fold the curve), and the curve
    keeps going once round every such drop.
    """
    rng = np.random.default_rng(5)
    k = 10
    centres = rng.uniform(0.3, 0.7, (k, 2))
    centres[::2] = (0.5, 0.5)  # every other drop at the middle: rings
    radii = rng.uniform(0.04, 0.1, k)
    t = np.linspace(0.0, 2.0 * np.pi, 60000, endpoint=False)
    nested = 0
    for i in range(k - 1):
        px = centres[i][0] + radii[i] * np.cos(t)
        py = centres[i][1] + radii[i] * np.sin(t)
        expected = np.pi * radii[i] ** 2
        inside = []
        for j in range(i + 1, k):
            if _winds_round(px, py, *centres[j]):
                expected += np.pi * radii[j] ** 2
                inside.append(j)
            px, py = drop_forward(px, py, *centres[j], radii[j])
        assert abs(_shoelace(px, py)) == pytest.approx(expected, rel=2e-3)
        for j in inside:  # still round the later drop's ink (its centre stays put)
            assert _winds_round(px, py, *centres[j])
        nested += len(inside)
    assert nested >= k // 2  # the case really nests rings, it is not only side by side


def test_rings_at_one_centre_are_concentric_in_drop_order():
    k = 6
    bursts = Bursts.make([(0.5, 0.5)], [[0.05] * k], [[((i + 1) / k, 0, 0) for i in range(k)]])
    r = np.linspace(1e-4, 0.14, 400)
    lab = _labels(bursts, k, 0.5 + r, np.full_like(r, 0.5))
    inked = lab[lab > 0]
    # Outward from the centre: the last drop, then each earlier one, never back.
    assert (np.diff(inked) <= 0).all()
    assert set(inked) == set(range(1, k + 1))
    # Equal drops give equal areas: ring j spans sqrt(j) to sqrt(j + 1) drop radii.
    edges = r[1:][np.diff(lab) != 0]
    assert np.allclose(edges[: k - 1], 0.05 * np.sqrt(np.arange(1, k)), atol=5e-4)


def test_box_filtered_rings_average_to_their_share():
    """A footprint much wider than the rings gives their area-weighted mean colour."""
    bursts = Bursts.make([(0.0, 0.0)], [[0.01] * 40], [[(i % 2, 0, 0) for i in range(40)]])
    x = np.array([0.02, 0.03, 0.045])
    rgb = inverse_bursts(x, np.zeros(3), 0.02, bursts, np.zeros(3))
    assert np.allclose(rgb[:, 0], 0.5, atol=0.08)


def test_suminagashi_preset_drops_ink_and_clear_water_in_turn():
    p = InkDropParams(**PRESETS["suminagashi"])
    st = drop_prepare(p, np.random.default_rng(2))
    assert len(st["plan"]) == p.drops * p.centres
    for _radii, inks in st["plan"]:
        assert inks[1] == -1 and inks[0] >= 0  # ink, then clear water (the bath)


def test_stone_preset_throws_colours_in_turn():
    p = InkDropParams(drops=40, colors=4)
    inks = [i for _, (i,) in drop_prepare(p, np.random.default_rng(0))["plan"]]
    assert inks == sorted(inks) and set(inks) == {0, 1, 2, 3}


def test_ink_drop_colours_are_palette_roles_and_change_with_the_colourway():
    node = Node.make("craft.marbling_ink_drop", drops=30, colors=2)
    x, y = uniform_points(3000, seed=1)
    v = sample(node, x, y, 1e-9)
    pal = np.array([[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in EXAMPLE_PALETTE])
    roles = pal[[0, 1, 2]]
    d = np.abs(v[:, None, :3] - roles[None]).max(axis=2).min(axis=1)
    assert (d < 1e-5).mean() > 0.98  # away from edges every point is one role's colour


# -- tine comb and vortex ---------------------------------------------------------


def _comb_forward(p: TineCombParams, x, y):
    a = math.radians(p.angle)
    mx, my = math.cos(a), math.sin(a)
    t = x * mx + y * my
    s = y * mx - x * my
    k = 2 * math.pi / p.wavelength
    wavy = p.path == "serpentine"
    for i in range(p.passes):
        shift = p.shift * (-1.0) ** i
        off = (p.offset + i / p.passes) * p.spacing
        if wavy:
            s = s - p.amplitude * np.sin(k * t)
        e = (s - off) / p.spacing
        d = np.abs(e - np.rint(e)) * p.spacing
        t = t + shift * np.exp2(-d / p.sharpness)
        if wavy:
            s = s + p.amplitude * np.sin(k * t)
    return t * mx - s * my, t * my + s * mx


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"path": "serpentine", "passes": 1, "angle": 30.0},
        {"passes": 3, "spacing": 0.02, "sharpness": 0.004, "shift": -0.05},
    ],
)
def test_comb_is_bijective_and_keeps_area(params):
    p = TineCombParams(**params)
    x, y = uniform_points(3000, seed=7, lo=-0.2, hi=1.2)
    fx, fy = _comb_forward(p, x, y)
    bx, by = comb_inverse(p, fx, fy)
    assert np.allclose(bx, x, atol=1e-9) and np.allclose(by, y, atol=1e-9)
    jac = Jac(x.size)
    comb_inverse(p, x, y, jac)
    assert np.allclose(jac.a * jac.d - jac.b * jac.c, 1.0, atol=1e-9)
    det = _det_fd(lambda a, b: comb_inverse(p, a, b), x, y, h=1e-7)
    # Finite differences straddle the tines' kinks for a few points; the rest are exact.
    assert np.mean(np.abs(det - 1.0) < 1e-4) > 0.99


@pytest.mark.parametrize(
    "params", [{}, {"radius": 0.25, "sharpness": 0.05}, {"lattice": 3, "reach": 0.2}]
)
def test_vortex_is_bijective_and_keeps_area(params):
    p = VortexParams(**params)
    x, y = uniform_points(3000, seed=9)
    jac = Jac(x.size)
    bx, by = vortex_inverse(p, x, y, jac)
    assert np.allclose(jac.a * jac.d - jac.b * jac.c, 1.0, atol=1e-9)
    # The swirl only turns points about their centre: distances to it are kept.
    if p.lattice == 1:
        assert np.allclose(np.hypot(bx - p.x, by - p.y), np.hypot(x - p.x, y - p.y))
    # Turning the other way undoes it exactly.
    q = p.replace(turn=-p.turn)
    fx, fy = vortex_inverse(q, bx, by)
    assert np.allclose(fx, x, atol=1e-9) and np.allclose(fy, y, atol=1e-9)


def _bound(node):
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Evaluator(Genome.make(node, palette, seed=1), cache=TileCache())


def test_vortex_leaves_ink_beyond_its_reach_alone():
    src = Node.make("craft.marbling_ink_drop", drops=30)
    ev = _bound(Node.make("craft.marbling_vortex", reach=0.2, inputs={"source": src}))
    x, y = uniform_points(2000, seed=4)
    far = np.hypot(x - 0.5, y - 0.5) > 0.2
    a = ev.sample(ev.root, x[far], y[far], 1e-9)
    b = ev.sample(ev.root.children["source"], x[far], y[far], 1e-9)
    assert np.array_equal(a, b)
    near = ~far
    assert not np.array_equal(
        ev.sample(ev.root, x[near], y[near], 1e-9),
        ev.sample(ev.root.children["source"], x[near], y[near], 1e-9),
    )


def test_comb_samples_its_source_where_the_ink_came_from():
    src = Node.make("fields.sine_grating", angle=0.0, frequency=7.0)  # varies with y only
    x, y = uniform_points(2000, seed=2)
    # A horizontal stroke moves ink along x only: a source that varies with y is unchanged.
    ev = _bound(Node.make("craft.marbling_tine_comb", angle=0.0, inputs={"source": src}))
    src_b = ev.root.children["source"]
    assert np.allclose(ev.sample(ev.root, x, y, 1e-6), ev.sample(src_b, x, y, 1e-6), atol=1e-6)
    # A vertical stroke does move it, and exactly as the inverse map says.
    ev = _bound(Node.make("craft.marbling_tine_comb", angle=90.0, inputs={"source": src}))
    src_b = ev.root.children["source"]
    px, py = comb_inverse(TineCombParams(angle=90.0), x, y)
    assert np.array_equal(ev.sample(ev.root, x, y, 1e-6), ev.sample(src_b, px, py, 1e-6))


def test_stone_marbling_renders_alike_at_two_sizes():
    g = Genome.make(
        Node.make("craft.marbling_ink_drop", drops=40),
        Node.make("color.palette", colors=EXAMPLE_PALETTE),
        seed=3,
    )
    small = render_float(g, 128, cache=TileCache())
    big = render_float(g, 256, cache=TileCache())
    down = big.reshape(128, 2, 128, 2, 3).mean(axis=(1, 3))
    assert np.abs(down - small).mean() < 0.01
