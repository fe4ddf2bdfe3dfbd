"""Invariants of the ornament fields: the ogee lattice and the leopard coat.

Both are exact periodic fields: the same value at p and p + (1, 0) or (0, 1), bit
for bit, for any parameters. Their flat areas carry only the palette roles (and
fixed mixes) their modules document; the lattice's cells are mirror images of
themselves and its beads sit where the curves touch; the coat's random draws
happen once, in ``prepare``.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.ornament.leopard import LeopardParams, _prepare, coat
from foulard.ops.ornament.leopard import tones as leopard_tones
from foulard.ops.ornament.ogee_lattice import OgeeLatticeParams, lattice
from foulard.ops.ornament.ogee_lattice import tones as ogee_tones
from foulard.render.evaluate import node_rng

PALETTE = Palette(EXAMPLE_PALETTE)
FP = 1.0 / 512


def grid(n: int, x0: float = 0.0, y0: float = 0.0, span: float = 1.0):
    xs = x0 + (np.arange(n) + 0.5) / n * span
    return np.meshgrid(xs, y0 + (np.arange(n) + 0.5) / n * span)


def ogee(p, x, y, fp=FP):
    return lattice(p, PALETTE, x, y, fp)


def leopard(p, x, y, fp=FP, seed=1):
    return coat(p, _prepare(p, node_rng(seed, "root")), PALETTE, x, y, fp)


OGEES = [
    OgeeLatticeParams(),
    OgeeLatticeParams(style="lens", fill="solid", inline=False),
    OgeeLatticeParams(style="trellis", columns=5, rows=7),
    OgeeLatticeParams(fill="none", line_width=0.2),
    OgeeLatticeParams(skew=0.9, columns=1, rows=1, line_width=0.25),
]
COATS = [
    LeopardParams(),
    LeopardParams(coat="jaguar", spots=3, size=0.38, variance=0.25, jitter=0.8),
    LeopardParams(coat="cheetah", spots=20, ground=False),
    LeopardParams(spots=2, breaks=1.0, specks=1.0),
]


@pytest.mark.parametrize("p", OGEES)
@pytest.mark.parametrize(("dx", "dy"), [(1.0, 0.0), (0.0, 1.0), (-3.0, 2.0)])
def test_ogee_repeats_exactly(p, dx, dy):
    x, y = grid(97, -0.3, 0.1, 1.7)
    assert np.array_equal(ogee(p, x, y), ogee(p, x + dx, y + dy))


@pytest.mark.parametrize("p", COATS)
@pytest.mark.parametrize(("dx", "dy"), [(1.0, 0.0), (0.0, 1.0), (2.0, -1.0)])
def test_leopard_repeats_exactly(p, dx, dy):
    x, y = grid(97, -0.2, -0.4, 1.5)
    assert np.array_equal(leopard(p, x, y), leopard(p, x + dx, y + dy))


@pytest.mark.parametrize(
    ("field", "p", "tones"),
    [(ogee, q, ogee_tones) for q in OGEES] + [(leopard, q, leopard_tones) for q in COATS],
)
def test_flat_areas_carry_only_documented_tones(field, p, tones, drawing_checks):
    x, y = grid(384)
    rgba = field(p, x, y, 1 / 384)
    drawing_checks.only_tones(rgba, tones(p, PALETTE), least=1500, label=repr(p), radius=1)


@pytest.mark.parametrize("p", OGEES + COATS, ids=lambda q: type(q).__name__)
def test_values_are_premultiplied_and_in_range(p):
    x, y = grid(128)
    field = ogee if isinstance(p, OgeeLatticeParams) else leopard
    v = field(p, x, y)
    assert v.dtype == np.float32 and np.isfinite(v).all()
    assert v.min() >= 0.0 and v.max() <= 1.0 + 1e-6
    assert (v[..., :3] <= v[..., 3:] + 1e-5).all()


def test_lens_cells_are_mirror_images_of_themselves():
    # A cell's middle runs down x = (k + 1/2) / (2 columns): reflecting across it
    # maps the lattice onto itself.
    p = OgeeLatticeParams(style="lens", columns=3, rows=2, knots=False)
    axis = 0.5 / 6
    d = np.linspace(0.0, 0.08, 50)
    x = axis + np.concatenate([d, -d])
    y = np.tile(np.linspace(0.0, 1.0, 50), 2)
    v = ogee(p, x, y)
    assert np.abs(v[:50] - v[50:]).max() < 1e-5


def test_beads_sit_where_the_curves_touch():
    p = OgeeLatticeParams(columns=2, rows=3, inline=False)
    t = ogee_tones(p, PALETTE)
    # Curves k and k + 1 touch at (k + 1/2, 1/2) (even k) and (k + 1/2, 0) (odd k), in cells.
    cx = np.array([0.5, 1.5, 2.5, 3.5]) / 4
    cy = np.array([0.5, 0.0, 0.5, 0.0]) / 3
    v = ogee(p, cx, cy)
    assert np.allclose(v[:, :3], np.asarray(t["knot"]), atol=1e-6)
    # ... and the middles of the cells are plain fill.
    mid = ogee(p, np.array([0.0, 0.25]), np.array([0.0, 0.5 / 3]))
    assert not np.allclose(mid[:, :3], np.asarray(t["knot"]), atol=1e-3)


def test_edges_are_anti_aliased_over_the_footprint():
    # Coverage ramps across an edge over about one footprint: the band of partial
    # coverage narrows in proportion as pixels get finer (coarse and fine renders of
    # one design agree on tone, and the fine one is sharp).
    p = OgeeLatticeParams(style="lens", fill="none", inline=False, knots=False, columns=1)
    x = np.linspace(0.0, 1.0, 200001)
    widths = []
    for fp in (1 / 128, 1 / 2048):
        a = ogee(p, x, np.full_like(x, 0.3), fp)[:, 3]
        widths.append(((a > 0.01) & (a < 0.99)).sum() * (x[1] - x[0]))
    assert 12.0 < widths[0] / widths[1] < 20.0


def test_cheetah_has_solid_spots_and_no_rosette_centres():
    p = LeopardParams(coat="cheetah")
    x, y = grid(256)
    v = leopard(p, x, y, 1 / 256)
    t = leopard_tones(p, PALETTE)
    centre = np.all(np.abs(v[..., :3] - np.asarray(t["centre"])) < 1e-4, axis=-1)
    assert not centre.any()
    spots = np.all(np.abs(v[..., :3] - np.asarray(t["spot"])) < 1e-4, axis=-1)
    assert 0.05 < spots.mean() < 0.6


def test_leopard_without_ground_is_clear_between_spots():
    p = LeopardParams(ground=False)
    x, y = grid(256)
    v = leopard(p, x, y, 1 / 256)
    assert (v[..., 3] == 0.0).mean() > 0.3
    assert (v[..., 3] == 1.0).mean() > 0.1


def test_leopard_draws_come_from_the_generator():
    p = LeopardParams()
    x, y = grid(128)
    a = leopard(p, x, y, seed=1)
    assert np.array_equal(a, leopard(p, x, y, seed=1))
    assert not np.array_equal(a, leopard(p, x, y, seed=2))
