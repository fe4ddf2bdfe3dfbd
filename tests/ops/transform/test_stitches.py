"""transform.sashiko and transform.cross_stitch: thread drawn over or instead of the source."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform.cross_stitch import CrossStitchParams, cross_stitch, nearest_roles
from foulard.ops.transform.sashiko import PATTERNS, SashikoParams, stitch_distance

NOISE = Node.make("fields.value_noise")
SRC = Node.make("color.gradient_map", inputs={"source": NOISE})


def test_sashiko_with_no_opacity_is_the_source_exactly(bind, points):
    f = bind(Node.make("transform.sashiko", inputs={"source": SRC}, opacity=0.0))
    x, y = points()
    assert np.array_equal(f.sample(x, y, 1 / 512), f.sample(x, y, 1 / 512, bound=f.child("source")))


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_stitches_cover_their_share_of_each_line(pattern):
    p = SashikoParams(pattern=pattern, spacing=0.05, stitch=0.01, gap=0.005, angle=10.0)
    t = math.radians(PATTERNS[pattern][0][0] + 10.0)
    ux, uy = math.cos(t), math.sin(t)
    s = np.linspace(0.0, 3.0, 300001)
    # Along one line of the first family (two spacings across from the origin).
    x = s * ux - 0.1 * uy
    y = s * uy + 0.1 * ux
    share = (stitch_distance(p, x, y) < 1e-9).mean()
    want = p.stitch / (p.stitch + p.gap)
    extra = 0.0 if pattern == "yokogushi" else 0.2  # crossing lines add a few points
    assert want - 2e-3 <= share <= want + extra + 2e-3
    if pattern == "yokogushi":  # half-way between two lines: no thread nearer than that
        off = stitch_distance(p, x - 0.025 * uy, y + 0.025 * ux)
        assert off.min() >= 0.025 - 1e-9


def test_alternate_lines_are_staggered():
    p = SashikoParams(pattern="yokogushi", spacing=0.05, stitch=0.01, gap=0.01)
    s = np.linspace(0.0, 1.0, 20001)
    a = stitch_distance(p, s, np.full_like(s, 0.0)) < 1e-12
    b = stitch_distance(p, s, np.full_like(s, 0.05)) < 1e-12
    assert abs(a.mean() - 0.5) < 5e-3 and abs(b.mean() - 0.5) < 5e-3
    assert (a & b).mean() < 5e-3  # a stitch on one line faces a gap on the next


def test_nearest_roles_is_the_nearest_in_oklab():
    from foulard.color.space import srgb_to_oklab

    rng = np.random.default_rng(0)
    rgb, pal = rng.random((500, 3)), rng.random((7, 3))
    k = nearest_roles(rgb, pal)
    d = np.linalg.norm(srgb_to_oklab(rgb)[:, None] - srgb_to_oklab(pal)[None], axis=-1)
    assert np.array_equal(k, d.argmin(axis=1))


def test_cross_centres_are_palette_colours_and_bare_squares_are_cloth(recording_call):
    p = CrossStitchParams(stitch=0.02, colors=4)
    n = 50
    c = (np.arange(n) + 0.5) * 0.02
    x, y = np.meshgrid(c, c)

    def src(u, v):
        rgb = np.stack([u, v, 1 - u, np.ones_like(u)], axis=-1)
        return rgb.astype(np.float32)

    call = recording_call(x, y, footprint=1e-6, channels=4, inputs={"source": src})
    out = cross_stitch(p, call)
    roles = np.array([call.palette.role(k) for k in range(4)], np.float32)
    want = roles[nearest_roles(src(x, y)[..., :3], roles)]
    assert np.allclose(out[..., :3], want, atol=1e-6)  # the top stitch's middle: pure thread
    assert len({tuple(v) for v in want.reshape(-1, 3).round(6)}) >= 3


def test_cross_stitch_uses_only_shaded_palette_threads(bind):
    f = bind(Node.make("transform.cross_stitch", inputs={"source": SRC}, stitch=0.03, colors=6))
    rng = np.random.default_rng(2)
    x, y = rng.random(5000), rng.random(5000)
    out = f.sample(x, y, 1e-6)[..., :3].astype(np.float64)
    roles = np.array([f.ev.palette.role(k) for k in range(6)])
    # Each colour is a palette colour scaled (shading) or mixed with the cloth (edges,
    # holes): its direction in RGB is that of some role, or it lies on a role-cloth line.
    cloth = roles[0]
    ok = np.zeros(len(out), bool)
    for r in roles:
        for base in (np.zeros(3), cloth):
            v = r - base
            w = out - base
            t = (w @ v) / max(v @ v, 1e-12)
            ok |= np.linalg.norm(w - t[:, None] * v, axis=1) < 2e-3
    # Where the two stitches and the cloth meet at a pixel's anti-aliased edge the mix
    # has three parts; at this tiny footprint such points are very rare.
    assert ok.mean() > 0.995


@pytest.mark.parametrize("opacity", [0.0, 1.0])
def test_sashiko_over_a_value_gives_colour(bind, points, opacity):
    f = bind(Node.make("transform.sashiko", inputs={"source": NOISE}, opacity=opacity))
    x, y = points(500)
    out = f.sample(x, y, 1 / 512)
    assert out.shape == (500, 4) and np.allclose(out[..., 3], 1.0)
    if opacity == 0.0:
        v = f.sample(x, y, 1 / 512, bound=f.child("source"))
        assert np.array_equal(out[..., :3], np.repeat(v, 3, axis=-1))
