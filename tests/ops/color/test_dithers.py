"""Dithers: only palette colours come out, in the right proportions, at every resolution."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.color.space import linear_srgb_to_oklab, srgb_to_oklab
from foulard.genome import Genome, Node
from foulard.ops.color._sampled import box_cells, summed_area
from foulard.ops.color.blue_noise_dither import void_and_cluster
from foulard.ops.color.error_diffusion import KERNELS, diffuse
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

DITHERS = ("color.ordered_dither", "color.blue_noise_dither", "color.error_diffusion")
PAL = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in EXAMPLE_PALETTE]) / 255.0


def _evaluator(op: str, source: Node | None = None, **params) -> Evaluator:
    if source is None:
        noise = Node.make("fields.value_noise", frequency=5)
        source = Node.make("color.gradient_map", inputs={"source": noise})
    root = Node.make(op, inputs={"source": source}, **params)
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Evaluator(Genome.make(root, palette, seed=4), cache=TileCache())


def _points(n=80, lo=-0.2, hi=1.2, seed=3):
    rng = np.random.default_rng(seed)
    return rng.uniform(lo, hi, (2, n, n))


def _roles(first: int, count: int) -> np.ndarray:
    n = len(PAL) if count == 0 else count
    return PAL[[(first + i) % len(PAL) for i in range(n)]]


@pytest.mark.parametrize("op", DITHERS)
@pytest.mark.parametrize(
    "params",
    [{}, {"first": 1, "count": 3}, {"count": 2, "first": 2}, {"count": 1}],
)
def test_only_the_roles_used_come_out(op, params):
    ev = _evaluator(op, **params)
    x, y = _points()
    # A footprint far below a dot: every point lies inside one dot.
    out = ev.sample(ev.root, x, y, 1e-7)
    assert (out[..., 3] == 1.0).all()
    allowed = _roles(params.get("first", 0), params.get("count", 0))
    rgb = out[..., :3].reshape(-1, 3)
    dist = np.abs(rgb[:, None, :] - allowed[None, :, :].astype(np.float32)).max(axis=-1)
    assert dist.min(axis=1).max() < 1e-6
    used = np.unique(dist.argmin(axis=1))
    assert len(used) > 1 or len(allowed) == 1


@pytest.mark.parametrize("mode", ["tone", "colour"])
@pytest.mark.parametrize("op", DITHERS[:2])
def test_threshold_dithers_in_both_modes_give_palette_colours(op, mode):
    ev = _evaluator(op, mode=mode, count=4)
    x, y = _points(48)
    out = ev.sample(ev.root, x, y, 1e-7)[..., :3].reshape(-1, 3)
    d = np.abs(out[:, None, :] - _roles(0, 4)[None].astype(np.float32)).max(-1).min(1)
    assert d.max() < 1e-6


@pytest.mark.parametrize("op", DITHERS[:2])
def test_tone_mode_mixes_two_rungs_in_proportion(op):
    # A flat red between the navy and cream rungs of lightness: the share of cream
    # over a large area is red's place between them.
    ground, navy, red = PAL[0], PAL[1], PAL[2]
    light = srgb_to_oklab(np.array([ground, navy, red]))[:, 0]
    share = (light[2] - light[1]) / (light[0] - light[1])
    ev = _evaluator(op, source=Node.make("color.fill", color=2), first=0, count=2, mode="tone")
    c = (np.arange(256) + 0.5) / 256
    out = ev.sample(ev.root, *np.meshgrid(c, c), 1e-7)[..., :3].reshape(-1, 3)
    is_ground = np.isclose(out, ground.astype(np.float32), atol=1e-6).all(axis=1)
    is_navy = np.isclose(out, navy.astype(np.float32), atol=1e-6).all(axis=1)
    assert (is_ground | is_navy).all()
    assert abs(is_ground.mean() - share) < 0.03


def test_box_filter_of_cells_is_the_exact_mean():
    rng = np.random.default_rng(0)
    cells = rng.random((7, 9, 3)).astype(np.float32)
    sat = summed_area(cells)
    x, y = rng.uniform(-5, 20, (2, 300))
    for f in (0.3, 1.0, 2.5, 5.0, 11.0):
        got = box_cells(cells, x, y, f, sat)
        # Brute force: a fine grid of samples inside each box.
        s = (np.arange(64) + 0.5) / 64 - 0.5
        sx = x[:, None, None] + f * s[None, :, None]
        sy = y[:, None, None] + f * s[None, None, :]
        want = cells[np.floor(sy).astype(int) % 7, np.floor(sx).astype(int) % 9].mean(axis=(1, 2))
        assert np.abs(got - want).max() < 0.02 + 1e-3 / f, f


@pytest.mark.parametrize("op", DITHERS)
def test_minified_dither_averages_to_the_magnified_one(op):
    # A pixel many dots wide shows their mean: the 8x8 mean of a fine render.
    ev = _evaluator(op, count=4)
    n = 32
    c = (np.arange(n * 8) + 0.5) / (n * 8) * 0.25
    fine = ev.sample(ev.root, *np.meshgrid(c, c), 0.25 / (n * 8))[..., :3]
    down = fine.reshape(n, 8, n, 8, 3).mean(axis=(1, 3))
    cc = (np.arange(n) + 0.5) / n * 0.25
    coarse = ev.sample(ev.root, *np.meshgrid(cc, cc), 0.25 / n)[..., :3]
    assert np.abs(down - coarse).mean() < 0.03


def test_void_and_cluster_is_a_blue_noise_permutation():
    m = void_and_cluster(32, 0)
    assert sorted(m.ravel().tolist()) == list(range(32 * 32))
    # Half-tone at 50%: little energy at low frequencies compared with white noise.
    binary = (m < 512).astype(float) - 0.5
    power = np.abs(np.fft.fft2(binary)) ** 2
    fy, fx = np.meshgrid(np.fft.fftfreq(32), np.fft.fftfreq(32), indexing="ij")
    r = np.hypot(fx, fy)
    low, high = power[(r > 0) & (r < 0.15)].mean(), power[r > 0.35].mean()
    assert low < 0.15 * high
    white = np.random.default_rng(1).permutation(1024).reshape(32, 32)
    wp = np.abs(np.fft.fft2((white < 512).astype(float) - 0.5)) ** 2
    assert low < 0.25 * wp[(r > 0) & (r < 0.15)].mean()


def _raster_reference(lin, pal, kernel):
    taps, div = KERNELS[kernel]
    h, w, _ = lin.shape
    buf = lin.copy()
    out = np.zeros((h, w), int)
    pal_lab = linear_srgb_to_oklab(pal)
    for i in range(h):
        for j in range(w):
            v = buf[i, j]
            lab = linear_srgb_to_oklab(np.clip(v, 0, 1))
            b = int(np.argmin(((lab - pal_lab) ** 2).sum(1)))
            out[i, j] = b
            err = v - pal[b]
            for dy, dx, wt in taps:
                if i + dy < h and 0 <= j + dx < w:
                    buf[i + dy, j + dx] += wt / div * err
    return out


@pytest.mark.parametrize("kernel", sorted(KERNELS))
def test_wavefront_diffusion_equals_raster_order(kernel):
    rng = np.random.default_rng(2)
    lin = rng.random((14, 19, 3))
    pal = rng.random((5, 3))
    assert np.array_equal(diffuse(lin, pal, kernel), _raster_reference(lin, pal, kernel))


def test_error_diffusion_keeps_the_mean_colour():
    # Over a flat colour, the dots' mean in linear light is the colour (error is
    # passed on, not lost, except at the far edges).
    lin = np.full((60, 60, 3), [0.3, 0.45, 0.2])
    pal = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.6, 0.1, 0.05], [0.05, 0.5, 0.1]])
    idx = diffuse(lin, pal, "floyd_steinberg")
    mean = pal[idx[5:-5, 5:-5]].reshape(-1, 3).mean(axis=0)
    assert np.abs(mean - lin[0, 0]).max() < 0.03
    atkinson = pal[diffuse(lin, pal, "atkinson")[5:-5, 5:-5]].reshape(-1, 3).mean(axis=0)
    assert np.abs(atkinson - lin[0, 0]).max() < 0.12  # passes on 3/4: a little off


def test_error_diffusion_dots_do_not_depend_on_the_output_resolution():
    ev = _evaluator("color.error_diffusion", cell=0.01)
    c = (np.arange(100) + 0.5) / 100  # dot centres
    gx, gy = np.meshgrid(c, c)
    a = ev.sample(ev.root, gx, gy, 1e-7)
    ev2 = _evaluator("color.error_diffusion", cell=0.01)
    b = ev2.sample(ev2.root, gx + 0.003, gy - 0.004, 1e-7)  # same dots, other points
    assert np.array_equal(a, b)
