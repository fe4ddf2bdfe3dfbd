"""Horse bit: a snaffle with rings, jointed mouthpiece and bridle straps (the equestrian carré)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch
from foulard.ops.motifs._west import (
    fitted,
    leather_tones,
    metal,
    metal_bar,
    metal_tones,
    poly_path,
    strap,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class HorseBitParams(Params):
    rings: str = param(
        "loose",
        choices=("loose", "d_ring", "full_cheek"),
        doc="loose round rings, D-shaped rings, or round rings with long cheek bars",
    )
    mouthpiece: str = param(
        "jointed",
        choices=("jointed", "french", "mullen"),
        doc="two cannons joined by interlocked loops, by a flat link, or one curved bar",
    )
    straps: bool = param(True, doc="bridle cheek-pieces above the rings and reins below")
    ring_size: float = param(0.5, range=(0.0, 1.0), doc="ring size against the mouthpiece")
    sag: float = param(0.3, range=(0.0, 1.0), doc="how far the mouthpiece hangs")
    shading: bool = param(True, doc="highlights and shadows on the metal")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the motif", unit="degrees")
    outline: float = param(0.005, range=(0.0, 0.02), doc="outline width", unit="motif units")
    metal_color: int = param(3, range=(0, 47), doc="palette role of the metal")
    leather_color: int = param(2, range=(0, 47), doc="palette role of the leather straps")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: HorseBitParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a bit paints: metal, leather and line roles and their fixed mixes.

    Metal highlights are the metal role mixed with white by 0.55 and shadows mixed
    with black by 0.3; leather is the leather role mixed with black by 0.25 and its
    stitching that tone mixed with white by 0.55.
    """
    out = metal_tones(palette, p.metal_color)
    if p.straps:
        out |= leather_tones(palette, p.leather_color)
    out["line"] = palette.role(p.line_color)
    return out


def _ring(cx: float, cy: float, radius: float, wire: float, d_side: float = 0.0):
    """A ring's shape (even-odd) and centre line; ``d_side`` -1/+1 flattens it into a D."""
    if not d_side:
        shape = skia.Path()
        shape.addCircle(cx, cy, radius + 0.5 * wire)
        shape.addCircle(cx, cy, radius - 0.5 * wire)
        shape.setFillType(skia.PathFillType.kEvenOdd)
        centre = skia.Path()
        centre.addCircle(cx, cy, radius)
        return shape, centre
    # A D: an arc of 260 degrees closed by a straight bar on the mouthpiece side.
    half = math.radians(130.0)
    a0 = 0.0 if d_side > 0 else math.pi
    a = np.linspace(a0 + math.pi - half, a0 + math.pi + half, 90)
    arc = np.stack([cx + radius * np.cos(a), cy + radius * np.sin(a)], axis=1)
    centre = poly_path(arc, closed=True)
    shape = skia.Path()
    outer = _scaled(arc, cx, cy, (radius + 0.5 * wire) / radius)
    inner = _scaled(arc, cx, cy, (radius - 0.5 * wire) / radius)
    shape.addPath(poly_path(outer, closed=True))
    shape.addPath(poly_path(inner, closed=True))
    shape.setFillType(skia.PathFillType.kEvenOdd)
    return shape, centre


def _scaled(pts: np.ndarray, cx: float, cy: float, k: float) -> np.ndarray:
    return (pts - np.array([cx, cy])) * k + np.array([cx, cy])


@operator(
    "motifs.horse_bit",
    kind="vector",
    version=1,
    tags=(
        "horse bit",
        "snaffle",
        "bridle",
        "equestrian",
        "saddlery",
        "horsebit",
        "马衔",
        "马嚼子",
        "马术",
        "马具",
    ),
)
def horse_bit(p: HorseBitParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Horse bit: a snaffle's two rings and mouthpiece in shaded metal, with straps.

    Seen from the front: two rings (loose round rings, D-rings flattened on the
    mouthpiece side, or round rings with the long curved cheek bars of a
    full-cheek snaffle), and between them a mouthpiece that hangs a little
    (``sag``): two cannons tapering to the middle and joined by two interlocked
    loops (``jointed``), by a flat link between two loops (``french``), or one curved
    bar (``mullen``). Each cannon ends in an eye round its ring's wire. Metal is
    drawn as flat tones: each wire gets a shadow and a highlight stroked along its
    centre line, offset from a light at the upper left. With ``straps``, stitched
    leather cheek-pieces rise from the top of the rings (folded round them) and
    reins fall from their outer sides; the generator sets their angles and
    lengths. Colours: the roles and mixes listed by :func:`tones`.

    References
    ----------
    Edwards 1993, *The Complete Book of the Horse* (bits and bridles); the
    equestrian carré of twentieth-century printed silk squares (bits, stirrups and
    straps on a ground, drawn in flat tones with a dark outline).
    """
    d = Sketch()
    t = tones(p, palette)
    lw = p.outline
    cy = 0.5
    radius = 0.1 + 0.06 * p.ring_size
    wire = 0.045 + 0.015 * p.ring_size
    xl, xr = 0.5 - 0.17 - radius, 0.5 + 0.17 + radius
    sag = 0.06 * p.sag
    shade = p.shading
    # Straps go under the rings: draw them first.
    if p.straps:
        for sgn, x in ((-1.0, xl), (1.0, xr)):
            lean = sgn * rng.uniform(0.02, 0.07)
            top = cy - radius - rng.uniform(0.32, 0.38)
            u = np.linspace(0.0, 1.0, 40)[:, None]
            start = np.array([x, cy - radius + 0.2 * wire])
            end = np.array([x + lean, top])
            cheek = start + (end - start) * u
            strap(d, cheek, 1.5 * wire + 0.02, t, line=lw, holes=3)
            # The rein: from the ring's outer side, outwards and down.
            a = np.linspace(0.0, 1.0, 50)
            drop = rng.uniform(0.25, 0.32)
            rx = x + sgn * (radius - 0.2 * wire) + sgn * 0.22 * a
            ry = cy + drop * a**1.6
            strap(d, np.stack([rx, ry], axis=1), 1.3 * wire + 0.015, t, line=lw)
    # The rings.
    for sgn, x in ((-1.0, xl), (1.0, xr)):
        side = -sgn if p.rings == "d_ring" else 0.0
        shape, centre = _ring(x, cy, radius, wire, side)
        metal(d, shape, centre, wire, t, line=lw, shading=shade)
        if p.rings == "full_cheek":
            bx = x - sgn * radius * 0.05
            bar = np.stack(
                [
                    bx + sgn * 0.03 * np.sin(np.linspace(-1.6, 1.6, 60)) ** 2,
                    np.linspace(cy - 2.3 * radius, cy + 2.3 * radius, 60),
                ],
                axis=1,
            )
            widths = 0.8 * wire * (1.0 - 0.35 * np.abs(np.linspace(-1, 1, 60)))
            metal_bar(d, bar, widths, 0.8 * wire, t, line=lw, shading=shade)
            for end in (bar[0], bar[-1]):
                knob = skia.Path()
                knob.addCircle(float(end[0]), float(end[1]), 0.55 * wire)
                metal(d, knob, knob, 0.6 * wire, t, line=lw, shading=shade)
        if p.straps:
            # The cheek-piece folds over the top of the ring: its turned-down end.
            fold = np.array([[x, cy - radius - 0.6 * wire], [x, cy - radius + 0.9 * wire]])
            strap(d, fold, 1.5 * wire + 0.02, t, line=lw)
    # The mouthpiece.
    inner_l = xl + radius
    inner_r = xr - radius
    w0, w1 = 1.4 * wire, 1.05 * wire
    if p.mouthpiece == "mullen":
        u = np.linspace(0.0, 1.0, 80)
        pts = np.stack([inner_l + (inner_r - inner_l) * u, cy + sag * np.sin(math.pi * u)], axis=1)
        widths = w0 - (w0 - w1) * np.sin(math.pi * u)
        metal_bar(d, pts, widths, w0, t, line=lw, shading=shade)
    else:
        gap = 0.045 if p.mouthpiece == "french" else 0.018
        for x0, x1 in ((inner_l, 0.5 - gap), (inner_r, 0.5 + gap)):
            u = np.linspace(0.0, 1.0, 60)
            xs = x0 + (x1 - x0) * u
            ys = cy + sag * np.sin(0.5 * math.pi * u)
            pts = np.stack([xs, ys], axis=1)
            widths = w0 + (w1 - w0) * u
            metal_bar(d, pts, widths, w0, t, line=lw, shading=shade)
        jy = cy + sag
        if p.mouthpiece == "french":
            plate = skia.Path()
            plate.addRRect(
                skia.RRect.MakeRectXY(
                    skia.Rect.MakeLTRB(0.5 - 0.05, jy - 0.55 * wire, 0.5 + 0.05, jy + 0.55 * wire),
                    0.5 * wire,
                    0.5 * wire,
                )
            )
            centre = skia.Path()
            centre.moveTo(0.5 - 0.045, jy)
            centre.lineTo(0.5 + 0.045, jy)
            metal(d, plate, centre, wire, t, line=lw, shading=shade)
        for k, jx in enumerate((0.5 - gap + 0.006, 0.5 + gap - 0.006)):
            loop = skia.Path()
            rx, ry = (0.04, 0.032) if k == 0 else (0.018, 0.038)
            rect = skia.Rect.MakeLTRB(jx - rx, jy - ry, jx + rx, jy + ry)
            inner = skia.Rect.MakeLTRB(
                jx - rx + 0.4 * wire,
                jy - ry + 0.4 * wire,
                jx + rx - 0.4 * wire,
                jy + ry - 0.4 * wire,
            )
            loop.addOval(rect)
            if inner.width() > 0 and inner.height() > 0:
                loop.addOval(inner)
            loop.setFillType(skia.PathFillType.kEvenOdd)
            centre = skia.Path()
            centre.addOval(rect.makeInset(0.2 * wire, 0.2 * wire))
            metal(d, loop, centre, 0.4 * wire, t, line=lw, shading=shade)
    # The cannon eyes round the rings' wires.
    for x in (inner_l, inner_r):
        eye = skia.Path()
        rect = skia.Rect.MakeLTRB(x - 0.6 * wire, cy - 0.9 * wire, x + 0.6 * wire, cy + 0.9 * wire)
        eye.addOval(rect)
        eye.addOval(rect.makeInset(0.3 * wire, 0.35 * wire))
        eye.setFillType(skia.PathFillType.kEvenOdd)
        centre = skia.Path()
        centre.addOval(rect.makeInset(0.15 * wire, 0.17 * wire))
        metal(d, eye, centre, 0.35 * wire, t, line=lw, shading=shade)
    return fitted(d, rotation=p.rotation)
