"""color.palette_map: only palette colours come out, each the nearest one (or a dither partner)."""

from __future__ import annotations

import numpy as np
import pytest
from coloraide import Color

from foulard.genome import Genome, Node
from foulard.render import TileCache, render, render_float
from foulard.render.evaluate import Evaluator

PALETTE = ("#f3ead7", "#1d3557", "#c0392b", "#d4a72c", "#2a7f62", "#6c4f8b")
# A source with many colours that are not in the palette: a smooth map of other colours.
SOURCE_COLORS = ("#000000", "#ff00ff", "#88cc22", "#ffffff", "#3366ff", "#996633", "#00ffee")


def _genome(**params) -> Genome:
    noise = Node.make("fields.value_noise", frequency=6)
    source = Node.make("color.gradient_map", inputs={"source": noise}, first=6, count=7)
    root = Node.make("color.palette_map", inputs={"source": source}, **params)
    return Genome.make(root, Node.make("color.palette", colors=PALETTE + SOURCE_COLORS), seed=3)


def _sample(genome, n=96, spread=(0.0, 1.0)):
    ev = Evaluator(genome, cache=TileCache())
    rng = np.random.default_rng(5)
    x = rng.uniform(*spread, size=(n, n))
    y = rng.uniform(*spread, size=(n, n))
    out = ev.sample(ev.root, x, y, 1 / 512)
    src = ev.sample(ev.root.children["source"], x, y, 1 / 512)
    return out, src


def _used(params) -> np.ndarray:
    first, count = params.get("first", 0), params.get("count", 0)
    n = 13 if count == 0 else count
    colors = PALETTE + SOURCE_COLORS
    return np.array(
        [[int(colors[(first + i) % 13][j : j + 2], 16) for j in (1, 3, 5)] for i in range(n)]
    )


@pytest.mark.parametrize(
    "params",
    [
        {"count": 6},
        {"count": 3, "first": 1},
        {"count": 1},
        {"count": 6, "dither": "bayer2"},
        {"count": 6, "dither": "bayer8", "cell": 0.01},
        {"count": 0, "dither": "bayer4"},
    ],
)
def test_output_holds_only_palette_colours(params):
    out, _ = _sample(_genome(**params), spread=(-0.3, 1.3))
    assert (out[..., 3] == 1.0).all()
    rgb = np.rint(out[..., :3].reshape(-1, 3) * 255).astype(int)
    assert np.abs(out[..., :3].reshape(-1, 3) * 255 - rgb).max() < 1e-3  # exact 8-bit values
    allowed = {tuple(c) for c in _used(params)}
    found = {tuple(c) for c in rgb}
    assert found <= allowed
    if params["count"] != 1:
        assert len(found) > 1
    # The rendered file (8-bit) holds them too.
    pixels = render(_genome(**params), 64, cache=TileCache()).reshape(-1, 3)
    assert {tuple(int(v) for v in c) for c in pixels} <= allowed


def test_each_point_gets_its_nearest_palette_colour_in_oklab():
    out, src = _sample(_genome(count=6), n=24)
    used = _used({"count": 6})
    pal = [Color("srgb", list(c / 255.0)) for c in used]
    for o, s in zip(out.reshape(-1, 4), src.reshape(-1, 4), strict=True):
        colour = Color("srgb", [float(v) for v in s[:3]])  # the source is opaque
        dists = [colour.delta_e(p, method="ok") for p in pal]
        got = int(np.argmin(np.abs(used - o[:3] * 255).sum(axis=1)))
        assert dists[got] <= min(dists) + 1e-5


def test_dither_mixes_the_two_inks_in_proportion():
    # A flat source halfway between two palette colours in OKLab: half the dots each.
    mid_lab = (
        np.array(Color("#1d3557").convert("oklab").coords())
        + Color("#d4a72c").convert("oklab").coords()
    ) / 2
    mid = Color("oklab", list(mid_lab)).convert("srgb").to_string(hex=True)
    solid = Node.make(
        "color.gradient_map", inputs={"source": Node.make("fields.value_noise")}, first=2, count=1
    )
    root = Node.make(
        "color.palette_map", inputs={"source": solid}, count=2, dither="bayer4", cell=0.01
    )
    g = Genome.make(root, Node.make("color.palette", colors=("#1d3557", "#d4a72c", mid)), seed=1)
    img = render(g, 256, cache=TileCache()).reshape(-1, 3)
    share = float(np.mean(np.all(img == [0xD4, 0xA7, 0x2C], axis=1)))
    assert abs(share - 0.5) < 0.07


@pytest.mark.parametrize("dither", ["bayer2", "bayer8"])
def test_dither_is_resolution_consistent_at_the_smallest_cell(dither):
    g = _genome(count=6, dither=dither, cell=0.01)
    small = render_float(g, 512, cache=TileCache())
    big = render_float(g, 1024, cache=TileCache())
    down = big.reshape(512, 2, 512, 2, 3).mean(axis=(1, 3))
    assert float(np.abs(down - small).mean()) < 0.04


def test_transparent_source_shows_the_ground():
    empty = Node.make("motifs.plum_blossom")  # a motif: transparent around it
    root = Node.make("color.palette_map", inputs={"source": empty})
    g = Genome.make(root, Node.make("color.palette", colors=PALETTE), seed=1)
    img = render(g, 64, cache=TileCache())
    assert tuple(img[0, 0]) == (0xF3, 0xEA, 0xD7)
