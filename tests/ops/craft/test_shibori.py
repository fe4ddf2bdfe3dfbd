"""craft shibori and tie-dye: fold maps, resists that keep the ground, exact repeats."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops._common.palette import hex_to_rgb
from foulard.ops.craft.point_bind import PRESETS as BIND_PRESETS
from foulard.ops.craft.shibori_itajime import ItajimeParams, fold_square, fold_triangle
from foulard.ops.examples import EXAMPLE_PALETTE
from ops._helpers import evaluator, sample, uniform_points

GROUND = np.array(hex_to_rgb(EXAMPLE_PALETTE[0]))
LUMA = np.array([0.2126, 0.7152, 0.0722])


# -- itajime ----------------------------------------------------------------------


@pytest.mark.parametrize("fold", ["square", "diagonal"])
def test_square_folds_mirror_across_every_fold_line(fold):
    p = ItajimeParams(fold=fold, panels=6)
    x, y = uniform_points()
    u, v, _, w = fold_square(p, x, y)
    # Coordinates are snapped to 2^-24 of the square (exact repeats), hence 1e-7.
    for mx, my in ((2 * w - x, y), (x, 4 * w - y), (x + 2 * w, y)):
        u2, v2, _, _ = fold_square(p, mx, my)
        assert np.allclose(u, u2, atol=1e-7) and np.allclose(v, v2, atol=1e-7)
    assert (u >= 0).all() and (u <= w + 1e-12).all() and (v >= 0).all()
    if fold == "diagonal":
        assert (v <= u + 1e-12).all()
        u3, v3, _, _ = fold_square(p, y, x)  # the diagonal is a mirror too
        assert np.allclose(u, u3, atol=1e-7) and np.allclose(v, v3, atol=1e-7)


def test_triangle_fold_lands_in_one_triangle_and_mirrors_in_three_directions():
    p = ItajimeParams(fold="triangle", panels=5)
    x, y = uniform_points(20000, lo=-1.0, hi=2.0)
    u, v, _, a = fold_triangle(p, x, y)
    h = 0.5 * math.sqrt(3.0) * a
    s1, s2 = v, 0.5 * (math.sqrt(3.0) * u - v)
    assert (s1 >= -1e-12).all() and (s2 >= -1e-12).all() and (s1 + s2 <= h + 1e-12).all()
    for deg in (0.0, 60.0, 120.0):
        t = math.radians(deg)
        nx, ny = -math.sin(t), math.cos(t)  # normal of a mirror line through the origin
        d = x * nx + y * ny
        u2, v2, _, _ = fold_triangle(p, x - 2 * d * nx, y - 2 * d * ny)
        assert np.allclose(u, u2, atol=1e-9) and np.allclose(v, v2, atol=1e-9)


def test_itajime_clamped_cloth_keeps_the_ground_colour():
    node = Node.make(
        "craft.shibori_itajime", fold="square", clamp="circle", position="centre", panels=4
    )
    # Panel centres, well inside the circular boards.
    c = (np.arange(4) + 0.5) / 4
    x, y = np.meshgrid(c, c)
    v = sample(node, x.ravel(), y.ravel())
    assert np.allclose(v[:, :3], GROUND, atol=2e-6)
    # Between boards the cloth is dyed, and darker than the ground.
    x2 = np.arange(4) / 4 + 0.02
    d = sample(node, x2, x2)
    assert (d[:, :3] @ LUMA < GROUND @ LUMA - 0.3).all()


def test_itajime_declares_a_repeat_only_when_the_folds_tile_the_square():
    spec = get("craft.shibori_itajime")
    assert spec.periods(ItajimeParams(panels=4)) == [(1.0, 0.0), (0.0, 1.0)]
    assert spec.periods(ItajimeParams(panels=5)) is None
    assert spec.periods(ItajimeParams(fold="triangle", panels=4)) is None


# -- arashi, kumo, nui ----------------------------------------------------------------


def test_arashi_lines_run_along_the_wrapping_angle():
    angle = 35.0
    node = Node.make("craft.shibori_arashi", angle=angle, bands=0.0, thread=0.0)
    rng = np.random.default_rng(3)
    x0, y0 = rng.uniform(0.2, 0.8, 400), rng.uniform(0.2, 0.8, 400)
    a = math.radians(angle)
    step = 0.003
    base = sample(node, x0, y0)[:, :3] @ LUMA
    along = sample(node, x0 + step * math.cos(a), y0 + step * math.sin(a))[:, :3] @ LUMA
    across = sample(node, x0 - step * math.sin(a), y0 + step * math.cos(a))[:, :3] @ LUMA
    assert np.abs(across - base).mean() > 3.0 * np.abs(along - base).mean()


def test_kumo_webs_are_pale_at_their_centres():
    node = Node.make("craft.shibori_kumo", count=4, size=0.08, size_jitter=0.0)
    ev = evaluator(node)
    grid = ev.root.state(ev.palette)["grid"]
    centre = ev.sample(ev.root, grid.x, grid.y, 1e-4)[:, :3] @ LUMA
    far_x, far_y = uniform_points(4000, seed=5)
    d = np.min(
        np.hypot(
            (far_x[:, None] - grid.x + 0.5) % 1 - 0.5, (far_y[:, None] - grid.y + 0.5) % 1 - 0.5
        ),
        axis=1,
    )
    far = d > 0.08 * 1.2 + 0.02  # beyond the largest ragged rim
    dyed = ev.sample(ev.root, far_x[far], far_y[far], 1e-4)[:, :3] @ LUMA
    assert dyed.size and centre.min() > dyed.max() + 0.2


def test_nui_rows_of_marks_lighten_the_cloth_row_by_row():
    node = Node.make("craft.shibori_nui", style="wave", meander=0.0, rows=10)
    # With straight rows, luminance averaged along a row peaks on the row lines.
    ys = np.linspace(0.0, 1.0, 400, endpoint=False)
    xs = np.linspace(0.0, 1.0, 300, endpoint=False)
    x, y = np.meshgrid(xs, ys)
    lum = (sample(node, x.ravel(), y.ravel())[:, :3] @ LUMA).reshape(x.shape).mean(axis=1)
    spectrum = np.abs(np.fft.rfft(lum - lum.mean()))
    assert np.argmax(spectrum) == 10


# -- point binding ----------------------------------------------------------------------


def test_point_bind_ties_dots_only_inside_its_mask():
    mask = Node.make("motifs.plum_blossom")
    node = Node.make("craft.point_bind", mask="inside", dots=40, inputs={"mask": mask})
    ev = evaluator(node)
    x, y = uniform_points(6000, seed=8)
    v = ev.sample(ev.root, x, y, 1e-4)
    cover = ev.sample(ev.root.children["mask"], x, y, 1e-4)[:, 3]
    # Far from the flower (no tied point can reach) the cloth is evenly dyed: no pale dots.
    far = cover == 0
    far &= ev.sample(ev.root.children["mask"], x + 0.03, y, 1e-4)[:, 3] == 0
    far &= ev.sample(ev.root.children["mask"], x - 0.03, y, 1e-4)[:, 3] == 0
    lum = v[:, :3] @ LUMA
    assert lum[far].max() < lum[cover > 0.99].max() - 0.1


def test_bullseye_has_as_many_pale_rings_as_bindings():
    p = dict(BIND_PRESETS["bullseye"], mask="none", lattice="square", crinkle=0.0, jitter=0.0)
    node = Node.make("craft.point_bind", **p)
    r = np.linspace(0.0, 0.25, 2000)
    lum = sample(node, 0.25 + r, np.full_like(r, 0.25), 1e-5)[:, :3] @ LUMA
    pale = lum > 0.5 * (lum.min() + lum.max())
    rises = np.count_nonzero(np.diff(pale.astype(int)) == 1) + int(pale[0])
    assert rises == p["rings"]


def test_point_bind_tiles_the_square_without_a_mask():
    spec = get("craft.point_bind")
    p = spec.params(mask="none", dots=40)
    assert spec.periods(p) == [(1.0, 0.0), (0.0, 1.0)]
    assert spec.periods(spec.params(mask="none", dots=41)) is None
    node = Node.make("craft.point_bind", mask="none", dots=40)
    x, y = uniform_points(2000, seed=2)
    assert np.array_equal(sample(node, x, y), sample(node, x + 1.0, y - 2.0))


# -- spiral tie-dye ---------------------------------------------------------------------


def test_spiral_has_no_seam_where_the_angle_wraps():
    node = Node.make("craft.tie_dye_spiral", crinkle=0.0)
    r = np.linspace(0.05, 0.45, 300)
    eps = 1e-6
    # Just above and just below the ray pointing left from the centre (angle +-pi).
    above = sample(node, 0.5 - r, np.full_like(r, 0.5 - eps), 1e-6)
    below = sample(node, 0.5 - r, np.full_like(r, 0.5 + eps), 1e-6)
    assert np.abs(above - below).max() < 1e-3


def test_spiral_wedges_turn_with_the_twist():
    # Along a circle, the colour pattern repeats once per wedge of the arms.
    node = Node.make("craft.tie_dye_spiral", arms=6, colors=2, crinkle=0.0, gap=0.3)
    t = np.linspace(0, 2 * np.pi, 1200, endpoint=False)
    v = sample(node, 0.5 + 0.3 * np.cos(t), 0.5 + 0.3 * np.sin(t), 1e-5)
    lum = v[:, :3] @ LUMA
    spectrum = np.abs(np.fft.rfft(lum - lum.mean()))
    assert np.argmax(spectrum) in (3, 6)  # two dyes alternate: 3 cycles of colour, 6 gaps


def test_a_named_binding_is_its_parameter_values():
    named = Node.make("craft.point_bind", preset="kanoko", mask="none", dots=7, size=0.2)
    spelled = Node.make("craft.point_bind", mask="none", **BIND_PRESETS["kanoko"])
    x, y = uniform_points(2000, seed=11)
    assert np.array_equal(sample(named, x, y), sample(spelled, x, y))
