"""Invariants of the vector motifs: determinism, bounds, palette-role colours, SVG.

Every motif is checked over its example and a few variants: the same seed gives
the same drawing, the drawing never reaches its box's edge, every fully covered
pixel far from an edge has one of the colours the motif documents (its palette
roles and fixed mixes, listed by the module's ``tones``), and a new colourway
recolours each of those pixels to the same role in the new palette.
"""

from __future__ import annotations

import numpy as np

from foulard.ops.examples import EXAMPLE_PALETTE
from ops._helpers import DrawingInvariants

MOTIFS = [
    "motifs.peony",
    "motifs.lotus",
    "motifs.chrysanthemum",
    "motifs.plum_blossom",
    "motifs.paisley",
]

# The example and the variants that change what is drawn (views, styles, options).
VARIANTS = [(op, {}) for op in MOTIFS] + [
    ("motifs.peony", {"leaves": 0, "rings": 6, "petals": 11}),
    ("motifs.lotus", {"view": "top"}),
    ("motifs.lotus", {"view": "side", "leaves": 0, "layers": 1}),
    ("motifs.chrysanthemum", {"layers": 1, "center": 0.0}),
    ("motifs.plum_blossom", {"stamens": 0, "petals": 8}),
    ("motifs.paisley", {"band_style": "petals", "fringe": False, "mirror": True}),
    ("motifs.paisley", {"band_style": "scallops", "bands": 6}),
]


class TestDrawingInvariants(DrawingInvariants):
    variants = VARIANTS
    # Each motif draws its jitter from the generator handed in: seeds differ (the
    # paisley's outline once it is jittered).
    seeded = [m for m in MOTIFS if m != "motifs.paisley"] + [("motifs.paisley", {"jitter": 1.0})]
    same_px = 192
    box_seed, box_count, box_px = 11, 10, 400
    tones_px, tones_least = 512, 2000
    recolour_px = 384
    svg_least = 5
    any_seed, any_count = 3, 25


def test_plum_light_heart_stays_inside_its_petal(
    draw_op, interior_mask, match_tones, documented_tones
):
    # The lighter heart of each petal is clipped to that petal: no light pixel sits
    # on the ground, and none lies beyond the petal ring's outer radius.
    d, p = draw_op("motifs.plum_blossom", {"stamens": 0, "jitter": 0.0})
    rgba = d.rasterize(400)
    mask = interior_mask(rgba, 1)
    names = match_tones(
        np.rint(rgba[mask][:, :3] * 255),
        documented_tones("motifs.plum_blossom", p, EXAMPLE_PALETTE),
    )
    ys, xs = np.nonzero(mask)
    light = np.array(["petal_light" in n for n in names])
    assert light.any()
    r = np.hypot(xs[light] + 0.5 - 200, ys[light] + 0.5 - 200) / 400
    # The shrunk copy of a petal reaches 0.55 * 0.2 + 0.6 * 0.18 of the centre at most.
    assert r.max() < 0.23
