"""craft dyeing and painting: dip dye, resist dye, ikat, batik, serti, salt, blooms, ink."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops._common.palette import Palette, hex_to_rgb
from foulard.ops.craft._cracks import Segments, crack_network
from foulard.ops.craft._dye import dye_rgba
from foulard.ops.craft.gutta_serti import SertiParams, gutta_and_fields
from foulard.ops.craft.ink_wash import InkWashParams, spread_ink
from foulard.ops.examples import EXAMPLE_PALETTE
from ops._helpers import evaluator, sample, uniform_points

GROUND = np.array(hex_to_rgb(EXAMPLE_PALETTE[0]))
LUMA = np.array([0.2126, 0.7152, 0.0722])


def _lum(v):
    return v[..., :3] @ LUMA


def _box(x0, y0, size):
    """A solid square (a resist, a motif) placed in the design."""
    fill = Node.make("color.fill", color=2)
    return Node.make("layout.place", x=x0, y=y0, size=size, inputs={"motif": fill})


# -- shared dye mixing ------------------------------------------------------------


def test_dyes_mix_like_filters():
    pal = Palette(EXAMPLE_PALETTE)
    zero = dye_rgba(pal, 0, [(1, np.zeros(3))])
    full = dye_rgba(pal, 0, [(1, np.ones(3))])
    assert np.allclose(zero[:, :3], GROUND, atol=1e-6)  # no dye: the ground
    assert np.allclose(full[:, :3], hex_to_rgb(EXAMPLE_PALETTE[1]), atol=1e-6)  # the role
    c = np.linspace(0, 2, 50)
    lum = _lum(dye_rgba(pal, 0, [(1, c)]))
    assert (np.diff(lum) < 0).all()  # more dye, darker
    both = dye_rgba(pal, 0, [(1, np.ones(1)), (3, np.ones(1))])[0, :3]
    assert (both <= full[0, :3] + 1e-6).all()  # over-dyeing never lightens


# -- dip dye ----------------------------------------------------------------------


@pytest.mark.parametrize("angle", [-90.0, 0.0, 30.0, 135.0])
def test_dip_dye_is_monotone_along_its_axis(angle):
    node = Node.make("craft.dip_dye", angle=angle, tide=0.0)
    a = math.radians(angle)
    s = np.linspace(-0.1, 1.6, 600)
    for offset in np.linspace(-0.4, 0.4, 7):
        # A line up the climb, through the design.
        x = 0.5 + (s - 0.7) * math.cos(a) - offset * math.sin(a)
        y = 0.5 + (s - 0.7) * math.sin(a) + offset * math.cos(a)
        lum = _lum(sample(node, x, y))
        assert (np.diff(lum) >= -1e-6).all(), "dye increased away from the dipped edge"
        assert lum[-1] - lum[0] > 0.2


def test_dip_dye_tide_lines_are_dark_lines_at_the_fronts():
    plain = Node.make("craft.dip_dye", tide=0.0, wicking=0.0, dips=3)
    tide = Node.make("craft.dip_dye", tide=1.0, wicking=0.0, dips=3)
    y = np.linspace(0.0, 1.0, 2000)
    x = np.full_like(y, 0.3)
    diff = _lum(sample(plain, x, y)) - _lum(sample(tide, x, y))
    assert diff.min() > -1e-6  # tide lines only ever darken
    # A dark line just above each of the three dip lines (0.85, 0.57, 0.28 up from the
    # bottom edge), and nothing far from them.
    near_any = np.zeros_like(y, bool)
    for level in (0.85, 2 * 0.85 / 3, 0.85 / 3):
        window = (y > 1.0 - level - 0.15) & (y < 1.0 - level + 0.02)
        assert diff[window].max() > 0.02
        near_any |= window
    assert diff[~near_any].max() < 0.005


# -- resist dye -------------------------------------------------------------------


def test_resist_dye_keeps_the_ground_under_a_full_resist():
    node = Node.make(
        "craft.resist_dye", strength=1.0, cells=128, inputs={"resist": _box(0.5, 0.5, 0.5)}
    )
    inner = sample(node, np.array([0.5, 0.45, 0.55]), np.array([0.5, 0.55, 0.45]))
    assert np.allclose(inner[:, :3], GROUND, atol=2e-6)
    outer = sample(node, np.array([0.1, 0.9]), np.array([0.1, 0.9]))
    assert (_lum(outer) < GROUND @ LUMA - 0.3).all()


def test_resist_dye_creeps_further_with_more_bleed():
    def dyed_inside(bleed):
        node = Node.make(
            "craft.resist_dye",
            bleed=bleed,
            strength=1.0,
            fibre=0.0,
            tide=0.0,
            cells=160,
            inputs={"resist": _box(0.5, 0.5, 0.5)},
        )
        x = np.linspace(0.26, 0.5, 300)  # from the resist's left edge to its middle
        return GROUND @ LUMA - _lum(sample(node, x, np.full_like(x, 0.5)))

    short, far = dyed_inside(0.005), dyed_inside(0.03)
    assert far.sum() > 2.0 * short.sum()
    assert (np.diff(far[5:]) <= 1e-6).all()  # the crept dye fades into the resist


# -- ikat -------------------------------------------------------------------------


def test_ikat_moves_content_along_the_warp_only():
    across = Node.make("fields.sine_grating", angle=90.0, frequency=9.0)  # varies with x
    node = Node.make("craft.ikat", texture=0.0, bleed=0.0, shift=0.05, inputs={"source": across})
    ev = evaluator(node)
    x, y = uniform_points(3000, seed=3)
    src = ev.root.children["source"]
    # Sliding threads along their length cannot change a source constant along them.
    assert np.allclose(ev.sample(ev.root, x, y, 1e-6), ev.sample(src, x, y, 1e-6), atol=1e-6)


def test_ikat_slips_each_thread_by_its_own_amount():
    down = Node.make("fields.sine_grating", angle=0.0, frequency=9.0)  # varies with y
    node = Node.make("craft.ikat", texture=0.0, bleed=0.0, threads=100, inputs={"source": down})
    ev = evaluator(node)
    slips = ev.root.state(ev.palette)["warp"]
    i = np.arange(100)
    x = (i + 0.5) / 100  # thread middles, far from their neighbours
    for y0 in (0.2, 0.5, 0.77):
        y = np.full_like(x, y0)
        out = ev.sample(ev.root, x, y, 1e-6)
        want = ev.sample(ev.root.children["source"], x, y - slips[i], 1e-6)
        assert np.allclose(out, want, atol=1e-6)
    assert np.std(slips) > 0


# -- batik ------------------------------------------------------------------------


def test_crack_network_meets_at_t_junctions():
    box = (0.0, 0.0, 1.0, 1.0)
    cracks = crack_network(
        np.random.default_rng(4),
        box,
        first=5,
        branches=60,
        generations=3,
        step=0.01,
        wander=0.05,
        widths=(0.003, 0.002, 0.001),
    )
    seg = Segments(cracks, box)
    ends_on_crack = 0
    for k, (pts, _w) in enumerate(cracks[5:], start=5):
        end = pts[-1]
        if not (0.0 <= end[0] < 1.0 and 0.0 <= end[1] < 1.0):
            continue  # ran off the cloth
        others = [c for j, (c, _) in enumerate(cracks) if j != k]
        d = min(np.min(np.hypot(c[:, 0] - end[0], c[:, 1] - end[1])) for c in others)
        assert d < 0.03, f"crack {k} stops in the open"
        ends_on_crack += 1
    assert ends_on_crack > 20
    # Older cracks are wider.
    assert cracks[0][1] > cracks[-1][1]
    d, hw = seg.distance(np.array([cracks[0][0][3, 0]]), np.array([cracks[0][0][3, 1]]))
    assert d[0] < 1e-9 and hw[0] == pytest.approx(0.0015)


def test_batik_cracks_show_only_in_the_wax():
    motif = _box(0.5, 0.5, 0.4)
    with_cracks = Node.make("craft.batik_crackle", inputs={"motif": motif})
    without = Node.make("craft.batik_crackle", crack_dye=0.0, inputs={"motif": motif})
    x, y = uniform_points(5000, seed=6)
    a = sample(with_cracks, x, y)
    b = sample(without, x, y)
    bare = (np.abs(x - 0.5) > 0.22) | (np.abs(y - 0.5) > 0.22)
    assert np.array_equal(a[bare], b[bare])
    waxed = (np.abs(x - 0.5) < 0.18) & (np.abs(y - 0.5) < 0.18)
    darker = _lum(b[waxed]) - _lum(a[waxed])
    assert (darker >= -1e-6).all() and (darker > 0.05).mean() > 0.02


# -- serti ------------------------------------------------------------------------


def test_gutta_separates_fields_of_different_colours():
    img = np.zeros((60, 60, 3))
    img[:, 30:] = 1.0
    img[20:40, 5:20] = 0.5
    gutta, labels, count = gutta_and_fields(SertiParams(line_width=0.001), img, 1.0)
    assert count == 3
    assert gutta[:, 29:31].all()  # a line between the halves
    assert labels[0, 0] != labels[0, 59] and labels[30, 10] not in (labels[0, 0], labels[0, 59])


def test_serti_gutta_is_the_bare_silk():
    node = Node.make("craft.gutta_serti", cells=256, inputs={"outline": _box(0.5, 0.5, 0.4)})
    ev = evaluator(node)
    grid, arr = ev.grid_result(ev.root)
    edge_col = round((0.3 - grid.x0) / grid.cell)  # the box's left edge, on the grid
    line = arr[grid.height // 2, edge_col - 2 : edge_col + 3, :3]
    assert np.isclose(line, GROUND, atol=2e-6).all(axis=1).any()
    inside = arr[grid.height // 2, edge_col + 20, :3]
    assert inside @ LUMA < GROUND @ LUMA - 0.1


# -- salt, blooms -----------------------------------------------------------------


def test_salt_only_draws_dye_away():
    strong = Node.make("craft.salt_effect", rim=0.0, strength=1.0)
    weak = Node.make("craft.salt_effect", rim=0.0, strength=0.1)
    x, y = uniform_points(6000, seed=2)
    diff = _lum(sample(strong, x, y)) - _lum(sample(weak, x, y))
    assert diff.min() > -1e-6 and diff.max() > 0.1


def test_alcohol_blooms_pale_centres_and_dark_rims():
    x, y = uniform_points(8000, seed=3)
    none = _lum(sample(Node.make("craft.alcohol_bloom", pale=0.0, halo=0.0), x, y))
    pale = _lum(sample(Node.make("craft.alcohol_bloom", halo=0.0), x, y))
    both = _lum(sample(Node.make("craft.alcohol_bloom"), x, y))
    assert (pale - none).min() > -1e-6 and (pale - none).max() > 0.2
    assert (both - pale).min() < -0.05  # the halos darken somewhere


# -- ink wash ---------------------------------------------------------------------


def test_ink_runs_only_as_far_as_its_spread():
    n = 200
    cell = 1.2 / n
    yy, xx = np.mgrid[0:n, 0:n]
    disc = (np.hypot(xx - 100, yy - 100) < 30).astype(float)
    p = InkWashParams(spread=0.03, water=1.0)
    perm = np.ones((n, n))
    pig = spread_ink(p, disc, perm, cell)
    r = np.hypot(xx - 100, yy - 100)
    reach = p.spread / cell
    outside = r > 30.5
    assert pig[outside & (r < 30 + 0.5 * reach)].min() > 0.0  # the ink ran out of the stroke
    assert pig[r > 30 + 1.25 * reach + 1].max() == 0.0  # and no further than it could
    assert np.allclose(pig[r < 25], 1.0, atol=1e-6)  # the stroke itself keeps its ink
