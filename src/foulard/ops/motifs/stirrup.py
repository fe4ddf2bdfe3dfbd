"""Stirrup: an English stirrup iron on its leather, with buckle, in shaded metal."""

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
    metal_tones,
    poly_path,
    ribbon,
    strap,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class StirrupParams(Params):
    arch: str = param(
        "round", choices=("round", "pointed", "square"), doc="shape of the iron's arch"
    )
    width: float = param(0.5, range=(0.0, 1.0), doc="width of the iron against its height")
    tread: str = param(
        "ridged",
        choices=("plain", "ridged", "pad"),
        doc="the footplate: plain, ridged, or a rubber pad",
    )
    leather: bool = param(True, doc="the stirrup leather through the eye")
    buckle: bool = param(True, doc="a buckle on the leather")
    pair: bool = param(False, doc="two stirrups hanging side by side, turned apart")
    shading: bool = param(True, doc="highlights and shadows on the metal")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the motif", unit="degrees")
    outline: float = param(0.005, range=(0.0, 0.02), doc="outline width", unit="motif units")
    metal_color: int = param(3, range=(0, 47), doc="palette role of the metal")
    leather_color: int = param(2, range=(0, 47), doc="palette role of the leather")
    pad_color: int = param(1, range=(0, 47), doc="palette role of the tread pad")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: StirrupParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a stirrup paints: metal, leather, pad and line roles and fixed mixes.

    Metal highlights are the metal role mixed with white by 0.55, shadows mixed with
    black by 0.3; leather is the leather role mixed with black by 0.25, its stitching
    that tone mixed with white by 0.55.
    """
    out = metal_tones(palette, p.metal_color)
    if p.leather:
        out |= leather_tones(palette, p.leather_color)
    if p.tread == "pad":
        out["pad"] = palette.role(p.pad_color)
    out["line"] = palette.role(p.line_color)
    return out


def _arch(p: StirrupParams, half_w: float, height: float) -> np.ndarray:
    """Centre line of the iron's branches: from the left end of the tread, over, to the right."""
    u = np.linspace(-1.0, 1.0, 160)
    if p.arch == "round":
        a = u * math.pi * 0.5
        x = half_w * np.sin(a) * (1.0 + 0.12 * np.cos(a))
        y = -height * np.cos(a) ** 0.9
    elif p.arch == "pointed":
        x = half_w * u * (1.0 - 0.05 * (1 - u * u))
        y = -height * (1.0 - np.abs(u) ** 1.7) ** 0.75
    else:
        x = half_w * np.sign(u) * np.minimum(1.0, np.abs(u) * 1.35) ** 0.7
        y = -height * (1.0 - np.abs(u) ** 6) ** 0.5
    return np.stack([x, y], axis=1)


def _buckle(d: Sketch, cx: float, cy: float, w: float, t: dict, lw: float, shade: bool) -> None:
    """A roller buckle across a strap ``w`` wide: a frame, its bar and tongue."""
    frame = skia.Path()
    rect = skia.Rect.MakeLTRB(cx - 0.75 * w, cy - 0.45 * w, cx + 0.75 * w, cy + 0.45 * w)
    frame.addRRect(skia.RRect.MakeRectXY(rect, 0.25 * w, 0.25 * w))
    frame.addRRect(skia.RRect.MakeRectXY(rect.makeInset(0.14 * w, 0.14 * w), 0.14 * w, 0.14 * w))
    frame.setFillType(skia.PathFillType.kEvenOdd)
    centre = skia.Path()
    centre.addRRect(skia.RRect.MakeRectXY(rect.makeInset(0.07 * w, 0.07 * w), 0.2 * w, 0.2 * w))
    metal(d, frame, centre, 0.14 * w, t, line=lw, shading=shade)
    tongue = skia.Path()
    tongue.addRRect(
        skia.RRect.MakeRectXY(
            skia.Rect.MakeLTRB(cx - 0.05 * w, cy - 0.42 * w, cx + 0.05 * w, cy + 0.25 * w),
            0.04 * w,
            0.04 * w,
        )
    )
    line = skia.Path()
    line.moveTo(cx, cy - 0.4 * w)
    line.lineTo(cx, cy + 0.2 * w)
    metal(d, tongue, line, 0.1 * w, t, line=0.6 * lw, shading=shade)


def _iron(d: Sketch, p: StirrupParams, t: dict, rng: np.random.Generator) -> None:
    """One stirrup at the origin: the eye at the top near (0, -0.35), tread at y = 0.3."""
    lw = p.outline
    shade = p.shading
    half_w = 0.2 + 0.08 * p.width
    height = 0.55
    base_y = 0.3
    wire = 0.06
    arch = _arch(p, half_w, height) + np.array([0.0, base_y])
    top_y = float(arch[:, 1].min())
    if p.leather:
        # The leather goes up from the eye; drawn first, the iron hangs over it.
        length = rng.uniform(0.45, 0.55)
        sway = rng.normal(0.0, 0.015)
        u = np.linspace(0.0, 1.0, 40)[:, None]
        top = np.array([sway, top_y - length])
        centre = np.array([0.0, top_y + 0.02]) + (top - np.array([0.0, top_y + 0.02])) * u
        strap(d, centre, 0.1, t, line=lw, holes=4)
        if p.buckle:
            _buckle(d, float(top[0] * 0.7), float(top_y - 0.72 * length), 0.1, t, lw, shade)
    # Branches, thicker at the eye.
    widths = wire * (1.0 + 0.25 * np.cos(np.linspace(-1, 1, len(arch)) * math.pi * 0.5))
    branches = poly_path(ribbon(arch, widths), closed=True)
    metal(d, branches, poly_path(arch, closed=False), wire, t, line=lw, shading=shade)
    # The eye: a block with a slot the leather passes through.
    eye = skia.Path()
    rect = skia.Rect.MakeLTRB(-0.09, top_y - 0.06, 0.09, top_y + 0.04)
    eye.addRRect(skia.RRect.MakeRectXY(rect, 0.03, 0.03))
    slot = skia.Rect.MakeLTRB(-0.06, top_y - 0.035, 0.06, top_y + 0.012)
    eye.addRRect(skia.RRect.MakeRectXY(slot, 0.015, 0.015))
    eye.setFillType(skia.PathFillType.kEvenOdd)
    eye_line = skia.Path()
    eye_line.moveTo(-0.075, top_y - 0.01)
    eye_line.lineTo(0.075, top_y - 0.01)
    metal(d, eye, eye_line, 0.08, t, line=lw, shading=shade)
    if p.leather:
        # The leather seen through the slot.
        through = skia.Path()
        through.addRRect(skia.RRect.MakeRectXY(slot.makeInset(0.005, 0.004), 0.012, 0.012))
        d.fill(through, t["leather"])
    # The tread: a plate across the foot of the branches.
    tread = skia.Path()
    plate = skia.Rect.MakeLTRB(-half_w - 0.05, base_y - 0.035, half_w + 0.05, base_y + 0.05)
    tread.addRRect(skia.RRect.MakeRectXY(plate, 0.035, 0.035))
    tread_line = skia.Path()
    tread_line.moveTo(-half_w, base_y + 0.005)
    tread_line.lineTo(half_w, base_y + 0.005)
    metal(d, tread, tread_line, 0.085, t, line=lw, shading=shade)
    if p.tread == "pad":
        pad = skia.Path()
        pad.addRRect(skia.RRect.MakeRectXY(plate.makeInset(0.03, 0.02), 0.015, 0.015))
        d.fill(pad, t["pad"])
        if lw > 0:
            d.stroke(pad, t["line"], 0.6 * lw)
    if p.tread in ("ridged", "pad"):
        ridges = skia.Path()
        count = 9
        for k in range(count):
            x = -half_w + 2 * half_w * (k + 0.5) / count
            ridges.moveTo(x, base_y - 0.018)
            ridges.lineTo(x, base_y + 0.032)
        d.stroke(ridges, t["line"] if p.tread == "ridged" else t["metal_light"], 0.006)


@operator(
    "motifs.stirrup",
    kind="vector",
    version=1,
    tags=(
        "stirrup",
        "stirrup iron",
        "equestrian",
        "saddlery",
        "riding",
        "马镫",
        "马术",
        "马具",
        "骑马",
    ),
)
def stirrup(p: StirrupParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Stirrup: an English stirrup iron hanging on its leather, in shaded metal.

    Seen from the front: two branches rise from the ends of the tread and meet over
    a ``round``, ``pointed`` or ``square`` arch, thickening towards the eye, a block
    with a slot through which the leather passes. The tread is a plate across the
    foot of the branches, ``plain``, ``ridged`` for grip, or with a rubber ``pad``.
    The stitched stirrup leather rises from the eye, punched with holes, with a
    roller buckle; ``pair`` hangs two irons side by side, turned apart. Metal is
    drawn as flat tones: each part gets a shadow and a highlight stroked along its
    centre line, offset from a light at the upper left. The generator sets the
    leathers' lengths and sway. Colours: the roles and mixes listed by
    :func:`tones`.

    References
    ----------
    Edwards 1993, *The Complete Book of the Horse* (saddlery); the equestrian carré
    of twentieth-century printed silk squares (stirrups on their leathers with
    buckles, in flat tones with a dark outline).
    """
    d = Sketch()
    t = tones(p, palette)
    if p.pair:
        # Hung from their leathers, the irons swing apart at the foot. Each is drawn,
        # then everything so far is moved: the first iron ends at m1 = (m2 m2^-1) m1.
        placements = []
        for sgn in (-1.0, 1.0):
            m = skia.Matrix()
            m.setRotate(-sgn * 10.0, 0.0, -0.6)
            m.postTranslate(0.5 + sgn * 0.36, 0.5)
            placements.append(m)
        _iron(d, p, t, rng)
        d.transform(placements[0])
        undo = skia.Matrix()
        placements[1].invert(undo)
        d.transform(undo)
        _iron(d, p, t, rng)
        d.transform(placements[1])
    else:
        _iron(d, p, t, rng)
    return fitted(d, rotation=p.rotation)
