"""Orchid (兰): long arching brush-stroke leaves crossing, with a few fragrant flowers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, smooth_path
from foulard.ops.motifs._cn import band, blade, fit, spline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class OrchidParams(Params):
    leaves: int = param(7, range=(3, 12), doc="leaves in the clump")
    sweep: float = param(0.6, range=(0.0, 1.0), doc="how far the leaves arch over")
    flowers: int = param(3, range=(0, 6), doc="flowers on their stalks")
    broken: float = param(0.3, range=(0.0, 1.0), doc="share of leaves folded back (折叶)")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of the leaves")
    flower_color: int = param(5, range=(0, 47), doc="palette role of the flowers")
    dot_color: int = param(2, range=(0, 47), doc="palette role of the lip's dots")


def tones(p: OrchidParams, palette: Palette) -> dict[str, RGB]:
    """The colours of an orchid: its roles and fixed mixes.

    Leaves alternate the leaf role and it mixed with black by 0.25 (near and far
    strokes); tepals are the flower role mixed with white by 0.45, their bases the
    flower role; the lip is the flower role mixed with white by 0.75.
    """
    leaf = palette.role(p.leaf_color)
    flower = palette.role(p.flower_color)
    return {
        "leaf": leaf,
        "leaf_dark": mix(leaf, BLACK, 0.25),
        "tepal": mix(flower, WHITE, 0.45),
        "tepal_base": flower,
        "lip": mix(flower, WHITE, 0.75),
        "dot": palette.role(p.dot_color),
    }


def _leaf(base, ang: float, length: float, sweep: float, side: float, rng, broken: bool):
    """One leaf: a long spine arching over, its width 'nail head, mantis belly, rat tail'.

    The classic stroke starts firm (钉头), swells in the middle (螳螂肚) and thins
    to a hair at the tip (鼠尾); the brush may turn it once where it narrows (a
    twist). A broken leaf folds back down at two thirds of its length.
    """
    c, s = math.cos(ang), math.sin(ang)
    arch = sweep * side
    pts = [
        base,
        (base[0] + 0.35 * length * c, base[1] + 0.35 * length * s),
        (base[0] + 0.65 * length * c + 0.2 * arch * length, base[1] + 0.65 * length * s + 0.05),
        (
            base[0] + 0.95 * length * c + 0.55 * arch * length,
            base[1] + 0.95 * length * s + 0.25 * sweep * length,
        ),
    ]
    if broken:
        k = pts[2]
        pts[3] = (k[0] + 0.25 * length * side, k[1] + 0.22 * length)
    spine = spline(pts, 60)
    u = np.linspace(0.0, 1.0, len(spine))
    width = (
        0.016 * (0.55 + 0.9 * np.sin(np.pi * np.minimum(u / 0.75, 1.0)) ** 0.8) * (1.0 - u) ** 0.6
    )
    # A twist: the blade narrows where it turns edge-on, once.
    twist = float(rng.uniform(0.35, 0.6))
    width = width * (1.0 - 0.75 * np.exp(-(((u - twist) / 0.04) ** 2)))
    return band(spine, width, cap="point", tension=0.8)


def _flower(d: Sketch, t, at, ang: float, size: float, rng) -> None:
    """Three sepals, two petals and a spotted lip, opening along ``ang``."""
    x, y = at
    for da, ln, w in (
        (0.0, 1.0, 0.2),
        (-1.25, 0.9, 0.22),
        (1.25, 0.9, 0.22),
        (-0.45, 0.6, 0.28),
        (0.45, 0.6, 0.28),
    ):
        a = ang + da + 0.12 * rng.normal()
        shape, _ = blade((x, y), a, ln * size, w * size, 0.1 * rng.normal(), n=14)
        d.fill(shape, t["tepal"])
        base = skia.Path()
        base.addCircle(x, y, 0.2 * size)
        d.fill_clipped(shape, base, t["tepal_base"])
    lip = smooth_path(
        [
            (x + 0.05 * size * math.cos(ang + 2.0), y + 0.05 * size * math.sin(ang + 2.0)),
            (x + 0.42 * size * math.cos(ang + 2.6), y + 0.42 * size * math.sin(ang + 2.6)),
            (x + 0.52 * size * math.cos(ang + 3.14), y + 0.52 * size * math.sin(ang + 3.14)),
            (x + 0.42 * size * math.cos(ang + 3.7), y + 0.42 * size * math.sin(ang + 3.7)),
            (x + 0.05 * size * math.cos(ang + 4.3), y + 0.05 * size * math.sin(ang + 4.3)),
        ],
        closed=True,
        tension=0.9,
    )
    d.fill(lip, t["lip"])
    dots = skia.Path()
    for k in range(4):
        a = ang + math.pi + 0.5 * (k - 1.5) * 0.5
        r = (0.18 + 0.06 * (k % 2)) * size
        dots.addCircle(x + r * math.cos(a), y + r * math.sin(a), 0.035 * size)
    d.fill(dots, t["dot"])


@operator(
    "motifs.orchid",
    kind="vector",
    version=1,
    tags=(
        "orchid",
        "cymbidium",
        "leaves",
        "elegance",
        "兰",
        "兰花",
        "墨兰",
        "四君子",
        "幽兰",
        "兰草",
    ),
)
def orchid(p: OrchidParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Orchid (兰): a clump of long arching leaves crossing each other, and a few flowers.

    Leaves rise from one clump and arch over to either side, each a single brush
    stroke: firm at the base (钉头 "nail head"), swelling in the middle (螳螂肚
    "mantis belly"), thinning to a hair at the tip (鼠尾 "rat tail"), narrowed once
    where the blade twists; some fold back down (折叶). Their spines are splines
    whose spread, arch and crossings the generator draws, so two leaves cross to
    make the painters' "phoenix eye" (凤眼). Flowers on thin stalks open three
    sepals, two petals and a spotted lip. Leaves alternate two ink tones.

    Meaning: the orchid grows in secluded valleys and is fragrant unseen: the
    scholar's integrity and refinement, friendship (金兰之交), one of the Four
    Gentlemen (四君子) with plum, bamboo and chrysanthemum. Pair with rocks, bamboo
    and the ice-ray lattice, or alone on a plain ground.

    References
    ----------
    Wang Gai et al. 1679, *Mustard Seed Garden Manual of Painting* (芥子园画传),
    book of orchids (钉头鼠尾螳螂肚, crossing leaves); Zheng Sixiao 1306, *Ink
    Orchid*; Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. orchid (兰).
    """
    t = tones(p, palette)
    d = Sketch()
    base = (0.5, 0.9)
    order = rng.permutation(p.leaves)
    for i in order:
        f = (i + 0.5) / p.leaves - 0.5  # -0.5 .. 0.5 across the clump
        side = 1.0 if f >= 0 else -1.0
        ang = -math.pi / 2 + 1.1 * f + 0.15 * rng.normal()
        length = 0.8 * (0.7 + 0.4 * rng.random()) * (1.0 - 0.3 * abs(f))
        # Some leaves arch over to the other side, crossing their neighbours.
        arch_side = side if rng.random() > 0.35 else -side
        broken = bool(rng.random() < p.broken)
        shape = _leaf((base[0] + 0.03 * f, base[1]), ang, length, p.sweep, arch_side, rng, broken)
        d.fill(shape, t["leaf"] if i % 2 else t["leaf_dark"])
    for k in range(p.flowers):
        f = (k + 0.5) / max(p.flowers, 1) - 0.5
        top = (0.5 + 0.5 * f + 0.06 * rng.normal(), 0.42 + 0.16 * rng.random())
        stalk = skia.Path()
        stalk.moveTo(base[0] + 0.02 * f, base[1])
        stalk.quadTo(0.5 + 0.3 * f, 0.72, *top)
        d.stroke(stalk, t["leaf_dark"], 0.005)
        ang = -math.pi / 2 + 1.2 * f + 0.4 * rng.normal()
        _flower(d, t, top, ang, 0.09, rng)
    fit(d)
    return d.finish(margin=0.01)
