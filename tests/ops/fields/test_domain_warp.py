"""fields.domain_warp: sampling a field at pushed points."""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Node

GRATING = Node.make("fields.sine_grating", frequency=9.0, angle=30.0)
WARP = Node.make("fields.perlin_noise", frequency=3)


def test_zero_strength_is_the_source_exactly(bind, points):
    x, y = points()
    f = bind(
        Node.make(
            "fields.domain_warp", inputs={"source": GRATING, "warp": WARP}, strength=0.0, levels=3
        )
    )
    assert np.array_equal(f.sample(x, y), f.sample(x, y, bound=f.root.children["source"]))


def test_output_has_the_sources_channels(bind, points):
    x, y = points(256)
    colour = Node.make("color.gradient_map", inputs={"source": GRATING})
    f = bind(Node.make("fields.domain_warp", inputs={"source": colour, "warp": WARP}, strength=0.0))
    out = f.sample(x, y, channel=None)
    assert out.shape == (*x.shape, 4)
    assert np.array_equal(out, f.sample(x, y, bound=f.root.children["source"], channel=None))


def test_one_level_is_the_documented_displacement(bind, points):
    x, y = points()
    s = 0.3
    f = bind(
        Node.make(
            "fields.domain_warp", inputs={"source": GRATING, "warp": WARP}, strength=s, levels=1
        )
    )
    offsets = f.root.state(None)
    (ax, ay), (bx, by) = offsets[0]
    assert ax == 0.0 and ay == 0.0  # x reads the warp at p itself
    w = f.root.children["warp"]
    px = x + s * (f.sample(x, y, bound=w).astype(np.float64) - 0.5)
    py = y + s * (f.sample(x + bx, y + by, bound=w).astype(np.float64) - 0.5)
    expect = f.sample(px, py, bound=f.root.children["source"])
    assert np.allclose(f.sample(x, y), expect, atol=1e-6)


def test_more_strength_moves_more(bind, points):
    x, y = points()
    base = None
    diffs = []
    for s in (0.0, 0.02, 0.2):
        f = bind(
            Node.make("fields.domain_warp", inputs={"source": GRATING, "warp": WARP}, strength=s)
        )
        v = f.sample(x, y)
        base = v if base is None else base
        diffs.append(float(np.abs(v - base).mean()))
    assert diffs[0] == 0.0 < diffs[1] < diffs[2]
