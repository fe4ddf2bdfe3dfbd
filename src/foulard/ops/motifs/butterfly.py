"""Butterfly (蝶): bilateral wings with margins, spots and eyespots, drawn by the generator."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, smooth_path, stroke_outline
from foulard.ops.motifs._cn import band, mirrored, spline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class ButterflyParams(Params):
    shape: str = param(
        "swallowtail",
        choices=("swallowtail", "round", "fay"),
        doc="hindwings with tails, rounded hindwings, or the outline of Fay's butterfly curve",
    )
    spread: float = param(0.5, range=(0.0, 1.0), doc="how far the forewings are raised")
    margin: float = param(0.5, range=(0.0, 1.0), doc="width of the dark wing margins")
    spots: int = param(5, range=(0, 9), doc="light spots in each margin band")
    eyespots: bool = param(True, doc="eyespots on the hindwings")
    veins: bool = param(True, doc="veins radiating from the wing bases")
    jitter: float = param(0.5, range=(0.0, 1.0), doc="how much the generator varies the wings")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the butterfly", unit="degrees")
    line_width: float = param(0.004, range=(0.0, 0.015), doc="line width", unit="motif units")
    wing_color: int = param(3, range=(0, 47), doc="palette role of the wings")
    margin_color: int = param(1, range=(0, 47), doc="palette role of margins, body and veins")
    spot_color: int = param(2, range=(0, 47), doc="palette role of the eyespots")


def tones(p: ButterflyParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a butterfly: its roles and fixed mixes.

    The hindwing is the wing role mixed with black by 0.12, the wings' bases the
    wing role mixed with white by 0.3; margin spots are the wing role mixed with
    white by 0.55; eyespot highlights the spot role mixed with white by 0.6.
    """
    wing = palette.role(p.wing_color)
    spot = palette.role(p.spot_color)
    return {
        "wing": wing,
        "hind": mix(wing, BLACK, 0.12),
        "base": mix(wing, WHITE, 0.3),
        "margin": palette.role(p.margin_color),
        "fleck": mix(wing, WHITE, 0.55),
        "spot": spot,
        "glint": mix(spot, WHITE, 0.6),
    }


def _fore(p: ButterflyParams, rng: np.random.Generator) -> tuple[np.ndarray, tuple]:
    """Right forewing outline points (body at the origin, head up) and its base."""
    j = 0.06 * p.jitter
    lift = 0.25 * (p.spread - 0.5)
    apex = (0.78 + rng.normal(0, j), -0.62 - lift + rng.normal(0, j))
    tornus = (0.6 + rng.normal(0, j), -0.02 - 0.5 * lift)
    base = (0.05, -0.08)
    pts = [
        base,
        (0.22, -0.34 - 0.5 * lift),
        (0.5, -0.56 - lift),
        apex,
        (0.84 + rng.normal(0, j), -0.4 - 0.6 * lift),
        (0.76 + rng.normal(0, j), -0.18 - 0.5 * lift),
        tornus,
        (0.3, 0.0),
        (0.08, -0.02),
    ]
    return np.asarray(pts), base


def _hind(p: ButterflyParams, rng: np.random.Generator) -> tuple[np.ndarray, tuple]:
    """Right hindwing outline points and its base; with a tail for swallowtails."""
    j = 0.06 * p.jitter
    base = (0.04, 0.02)
    lobe = 0.5 + rng.normal(0, j)
    pts = [
        base,
        (0.35, -0.04),
        (0.62 + rng.normal(0, j), 0.06),
        (0.64 + rng.normal(0, j), 0.26),
        (0.5, 0.2 + lobe * 0.55),
    ]
    if p.shape == "swallowtail":
        tail = 0.14 + rng.uniform(0.0, 0.12) * p.jitter
        pts += [(0.34, 0.56), (0.3, 0.56 + tail), (0.22, 0.58 + tail), (0.22, 0.5)]
    else:
        pts += [(0.32, 0.6), (0.18, 0.52)]
    pts += [(0.08, 0.3), (0.03, 0.12)]
    return np.asarray(pts), base


def _fay() -> np.ndarray:
    """Fay's butterfly curve, its main period: r = e^sin(t) - 2 cos(4t).

    Points ``(r cos t, -r sin t)``: the curve is symmetric under t -> pi - t, a
    mirror in the vertical axis, so the wings match. (Fay's slow sin^5 term, which
    only thickens the plot over twelve periods, is left out.)
    """
    t = np.linspace(0.0, 2.0 * math.pi, 1200, endpoint=False)
    r = np.exp(np.sin(t)) - 2.0 * np.cos(4.0 * t)
    return np.stack([r * np.cos(t), -r * np.sin(t) + 0.4], axis=1) / 3.6


@operator(
    "motifs.butterfly",
    kind="vector",
    version=1,
    tags=(
        "butterfly",
        "wings",
        "love",
        "summer",
        "蝴蝶",
        "蝶",
        "蝶恋花",
        "耄耋",
        "双蝶",
    ),
)
def butterfly(p: ButterflyParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Butterfly (蝶): fore- and hindwings drawn by the generator, mirrored exactly.

    The right wings are smooth outlines through control points the generator moves
    (apex, outer margin, hindwing lobe, tail length); the left wings are their mirror
    image, so the butterfly is exactly bilateral. The pattern follows the nymphalid
    ground plan in flat tones: light wing bases, a dark outer margin band with a
    row of light spots, eyespots (dark ring, spot, glint) on the hindwings and veins
    fanning from the bases, all clipped to the wings. ``fay`` takes the wing
    outline from Fay's butterfly curve instead. Body, head and clubbed antennae in
    the margin role.

    Meaning: 蝶 (*die*) sounds like 耋 (*die*, great age): with a cat (猫, *mao*, as
    耄) it wishes long life (耄耋); a pair of butterflies is a happy couple and
    lasting love (梁祝, 蝶恋花 "butterfly in love with the flower"). Pair with
    peonies, plum blossoms and chrysanthemums.

    References
    ----------
    Fay 1989, "The butterfly curve", *American Mathematical Monthly* 96(5);
    Nijhout 1991, *The Development and Evolution of Butterfly Wing Patterns*,
    Smithsonian (the nymphalid ground plan); Bartholomew 2006, *Hidden Meanings in
    Chinese Art*, s.v. butterfly (蝶).
    """
    t = tones(p, palette)
    lw = p.line_width / 0.46  # drawn in butterfly units, scaled by 0.46 below
    d = Sketch()
    if p.shape == "fay":
        curve = _fay()
        wing = skia.Path()
        wing.moveTo(*curve[0])
        for x, y in curve[1:]:
            wing.lineTo(x, y)
        wing.close()
        wing.setFillType(skia.PathFillType.kWinding)
        fore = hind = wing
        fb = hb = (0.0, 0.0)
        d.fill(wing, t["wing"])
        rim = stroke_outline(wing, 2.0 * 0.05 * p.margin)
        d.fill_clipped(wing, rim, t["margin"])
        d.stroke(wing, t["margin"], 0.6 * lw)
    else:
        fpts, fb = _fore(p, rng)
        hpts, hb = _hind(p, rng)
        fore = smooth_path(fpts, closed=True, tension=0.9)
        hind = smooth_path(hpts, closed=True, tension=0.9)
        spot_seed = rng.random(64)
        for side in (1.0, -1.0):
            f = fore if side > 0 else mirrored(fore, 0.0)
            h = hind if side > 0 else mirrored(hind, 0.0)
            sb = (fb[0] * side, fb[1])
            hbs = (hb[0] * side, hb[1])
            for shape, base, fill in ((h, hbs, t["hind"]), (f, sb, t["wing"])):
                d.fill(shape, fill)
                glow = skia.Path()
                glow.addCircle(base[0], base[1], 0.24)
                d.fill_clipped(shape, glow, t["base"])
                if p.veins and lw > 0:
                    veins = skia.Path()
                    for a in np.linspace(-1.2, 1.2, 6):
                        ang = (-0.6 if shape is f else 0.9) + a * 0.55
                        ex = base[0] + side * math.cos(ang) * 0.9
                        ey = base[1] + math.sin(ang) * 0.9
                        veins.moveTo(*base)
                        veins.quadTo(base[0] + side * 0.3, base[1] + (ey - base[1]) * 0.2, ex, ey)
                    d.fill_clipped(shape, stroke_outline(veins, 0.5 * lw), t["margin"])
                if p.margin > 0:
                    bw = 0.16 * p.margin
                    rim = stroke_outline(shape, 2.0 * bw)
                    keep = skia.Path()
                    keep.addCircle(base[0], base[1], 0.42)
                    rim = skia.Op(rim, keep, skia.PathOp.kDifference_PathOp) or rim
                    d.fill_clipped(shape, rim, t["margin"])
                    if p.spots:
                        flecks = _margin_spots(shape, base, bw, p.spots, side, spot_seed)
                        d.fill_clipped(shape, flecks, t["fleck"])
                if lw > 0:
                    d.stroke(shape, t["margin"], 0.6 * lw)
            if p.eyespots:
                cx, cy = 0.42 * side, 0.36
                for r, col in ((0.085, t["margin"]), (0.062, t["spot"]), (0.022, t["glint"])):
                    eye = skia.Path()
                    eye.addCircle(
                        cx + (0.012 * side if r < 0.03 else 0.0),
                        cy - (0.012 if r < 0.03 else 0.0),
                        r,
                    )
                    d.fill_clipped(h, eye, col)
    # Body: head, thorax and a long tapering abdomen; clubbed antennae.
    abdomen = band(spline([(0.0, -0.05), (0.0, 0.2), (0.0, 0.42)], 20), (0.045, 0.012), cap="round")
    thorax = skia.Path()
    thorax.addOval(skia.Rect.MakeLTRB(-0.055, -0.2, 0.055, 0.02))
    head = skia.Path()
    head.addCircle(0.0, -0.25, 0.045)
    antennae = skia.Path()
    for side in (-1.0, 1.0):
        antennae.moveTo(0.01 * side, -0.28)
        antennae.cubicTo(0.05 * side, -0.45, 0.14 * side, -0.55, 0.2 * side, -0.62)
    knobs = skia.Path()
    knobs.addCircle(0.2, -0.62, 0.022)
    knobs.addCircle(-0.2, -0.62, 0.022)
    d.stroke(antennae, t["margin"], max(lw, 0.01))
    for part in (abdomen, thorax, head, knobs):
        d.fill(part, t["margin"])
    m = skia.Matrix()
    m.setScale(0.46, 0.46)
    m.postTranslate(0.5, 0.5)
    m.postRotate(p.rotation, 0.5, 0.5)
    d.transform(m)
    return d.finish(margin=0.01)


def _margin_spots(shape, base, bw, count, side, seeds) -> skia.Path:
    """Light spots along the outer margin: points of the outline far from the base."""
    meas = skia.PathMeasure(shape, True)
    length = meas.getLength()
    out = skia.Path()
    pts = []
    for k in range(200):
        pos = meas.getPosTan(length * k / 200.0)
        if pos is None:
            continue
        (x, y), _ = pos
        pts.append((x, y))
    pts = np.asarray(pts)
    dist = np.hypot(pts[:, 0] - base[0], pts[:, 1] - base[1])
    far = pts[dist > 0.5]
    if len(far) < count:
        return out
    idx = np.linspace(0, len(far) - 1, count + 2)[1:-1].astype(int)
    for n, i in enumerate(idx):
        x, y = far[i]
        dx, dy = x - base[0], y - base[1]
        ln = math.hypot(dx, dy)
        cx, cy = x - dx / ln * 0.5 * bw, y - dy / ln * 0.5 * bw
        out.addCircle(cx, cy, 0.28 * bw * (0.8 + 0.4 * seeds[n % len(seeds)]))
    return out
