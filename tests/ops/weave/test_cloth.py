"""The cloth engine of the weave family: exact box filtering of shaded threads."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.weave._cloth import DL, DR, DT, UP, Look, cell_means, dip_codes, filter_cells
from foulard.ops.weave._repeat import PeriodicCloth, SummedArea
from foulard.ops.weave.twill import twill_matrix
from foulard.render import RenderContext, TileCache, render_float

LOOK = Look(roundness=0.3, dip=0.4, under=0.6, gap=0.2, sheen=0.2)
PALETTE = Palette(EXAMPLE_PALETTE)


def _cloth(up=None, warp=(1, 2), weft=(0, 3, 3)):
    up = twill_matrix(2, 1) if up is None else up
    return PeriodicCloth(up, list(warp), list(weft), 100.0, LOOK)


def _filtered(cloth, xc, yc, h):
    return filter_cells(
        np.asarray(xc, float), np.asarray(yc, float), h, h, cloth.cells(PALETTE), LOOK
    )


def _point(cloth, xc, yc):
    return _filtered(cloth, xc, yc, 1e-7)


def test_dip_codes_follow_the_neighbours():
    up = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1]], bool)
    code = dip_codes(up)
    # (0, 0): warp up, the pick above (row 2, wrapping) has it down, the one below up.
    assert code[0, 0] == UP | DT
    # (0, 1): weft up, the warp to the left is up, the one to the right down.
    assert code[0, 1] == DL
    assert code[2, 0] == DR | DL  # weft on top between two raised ends (wrapping)
    assert all((c & UP) == (u * UP) for c, u in zip(code.ravel(), up.ravel(), strict=True))


@pytest.mark.parametrize("h", [0.05, 0.37, 0.5, 0.9])
def test_box_filter_is_the_mean_of_point_samples(h):
    cloth = _cloth()
    rng = np.random.default_rng(0)
    xc = rng.uniform(0.0, 6.0, 40)
    yc = rng.uniform(0.0, 6.0, 40)
    exact = _filtered(cloth, xc, yc, h)
    k = 128
    off = ((np.arange(k) + 0.5) / k - 0.5) * 2.0 * h
    ox, oy = (a.ravel() for a in np.meshgrid(off, off))
    brute = _point(cloth, (xc[:, None] + ox).ravel(), (yc[:, None] + oy).ravel())
    brute = brute.reshape(40, k * k, 3).mean(axis=1)
    assert np.abs(exact - brute).max() < 2e-3  # the midpoint rule's error at edges


def test_a_whole_cell_box_is_the_cell_mean():
    cloth = _cloth()
    cells = cloth.cells(PALETTE)
    i = np.arange(6)
    j = np.arange(6)[::-1]
    means = cell_means(cells, i, j, LOOK)
    boxed = _filtered(cloth, i + 0.5, j + 0.5, 0.5)
    assert np.allclose(boxed, means, atol=1e-12)


def test_summed_area_is_exact_on_cell_aligned_boxes():
    cloth = _cloth()
    sat = cloth.summed_area(PALETTE)
    nx, ny = cloth.repeat
    jj, ii = np.meshgrid(np.arange(ny), np.arange(nx), indexing="ij")
    means = cell_means(cloth.cells(PALETTE), ii.ravel(), jj.ravel(), LOOK).reshape(ny, nx, 3)
    # A 4 x 4 cell box starting at cell (3, 5), and the same box a repeat further on.
    want = means[np.arange(5, 9)[:, None] % ny, np.arange(3, 7)[None, :] % nx].mean(axis=(0, 1))
    for shift in (0, nx):
        got = sat.box(np.array([5.0 + shift]), np.array([7.0]), 2.0, 2.0)[0]
        assert np.allclose(got, want, atol=1e-12)


def test_summed_area_of_a_constant_is_the_constant():
    sat = SummedArea(np.full((3, 5, 3), 0.25))
    rng = np.random.default_rng(1)
    x, y = rng.uniform(-20, 20, 50), rng.uniform(-20, 20, 50)
    assert np.allclose(sat.box(x, y, 3.7, 3.7), 0.25)


def test_colours_stay_in_range_and_sheen_lightens_the_warp():
    white = PeriodicCloth(np.array([[1, 0], [0, 1]], bool), [0], [0], 50.0, Look(sheen=1.0))
    pal = Palette(("#ffffff",))
    warp, weft = white.colours(pal)
    assert warp.max() <= 1.0 and weft.max() < warp.max()
    v = filter_cells(
        np.array([0.5, 1.5]), np.array([0.5, 0.5]), 0.5, 0.5, white.cells(pal), white.look
    )
    assert (v >= 0).all() and (v <= 1).all()


@pytest.mark.parametrize("threads", [128.0, 700.0, 1500.0, 3000.0])
def test_renders_alike_at_two_resolutions_in_every_regime(threads):
    """Threads of several pixels, about one, and many per pixel (summed-area table)."""
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    g = Genome.make(Node.make("weave.twill", threads=threads), palette, seed=1)
    small = render_float(g, 256, cache=TileCache())
    big = render_float(g, 512, cache=TileCache())
    down = big.reshape(256, 2, 256, 2, 3).mean(axis=(1, 3))
    assert np.abs(down - small).mean() < 0.01


def test_sub_pixel_threads_average_to_the_cloth_mean():
    """At a footprint of many repeats every pixel is the mean colour of the cloth."""
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    g = Genome.make(Node.make("weave.twill", threads=4000.0), palette, seed=1)
    img = render_float(g, RenderContext.preview(16), cache=TileCache())
    assert np.ptp(img.reshape(-1, 3), axis=0).max() < 0.01
    # ... and that mean lies between the warp and weft colours (navy and cream).
    navy, cream = PALETTE.rgb[1], PALETTE.rgb[0]
    assert (img[0, 0] > navy - 0.02).all() and (img[0, 0] < cream).all()
