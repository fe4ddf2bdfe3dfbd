"""color.fill and color.ink: flat roles and inks through value fields."""

from __future__ import annotations

import numpy as np

from foulard.genome import Genome, Node
from foulard.render import TileCache, render

PALETTE = Node.make("color.palette", colors=["#f0e0c0", "#203050", "#a02020"])


def test_fill_is_one_palette_role_everywhere():
    img = render(Genome.make(Node.make("color.fill", color=2), PALETTE), 32, cache=TileCache())
    assert (img == [160, 32, 32]).all()


def test_ink_coverage_follows_the_source_value():
    grating = Node.make("fields.sine_grating")
    ink = Node.make("color.ink", color=1, inputs={"source": grating})
    inverted = Node.make("color.ink", color=1, invert=True, inputs={"source": grating})
    a = render(Genome.make(ink, PALETTE), 64, cache=TileCache()).astype(int)
    b = render(Genome.make(inverted, PALETTE), 64, cache=TileCache()).astype(int)
    value = render(Genome.make(grating, PALETTE), 64, cache=TileCache())[..., 0] / 255.0
    ground, ink_rgb = np.array([240, 224, 192]), np.array([32, 48, 80])
    expected = ground + (ink_rgb - ground) * value[..., None]
    assert np.abs(a - expected).max() <= 1.5
    # Where one is full ink, the inverted one shows the ground, and the other way round.
    full = value > 0.99
    assert (np.abs(a[full] - ink_rgb) <= 1).all() and (np.abs(b[full] - ground) <= 1).all()
