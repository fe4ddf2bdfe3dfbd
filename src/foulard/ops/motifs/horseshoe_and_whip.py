"""Horseshoe and whips: a nailed horseshoe over crossed riding crops, an equestrian emblem."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, placed
from foulard.ops.motifs._west import (
    fit,
    leather_tones,
    metal,
    metal_tones,
    normals,
    poly_path,
    ribbon,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class HorseshoeAndWhipParams(Params):
    whips: int = param(2, range=(0, 2), doc="riding crops behind the shoe (2: crossed)")
    nails: int = param(4, range=(2, 5), doc="nail holes on each branch")
    opening: str = param(
        "up", choices=("up", "down"), doc="heels up (the lucky way: it holds the luck) or down"
    )
    calkins: bool = param(True, doc="squared calkins at the heels")
    spread: float = param(0.5, range=(0.0, 1.0), doc="width of the shoe against its length")
    shading: bool = param(True, doc="highlights and shadows on the metal")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the motif", unit="degrees")
    outline: float = param(0.005, range=(0.0, 0.02), doc="outline width", unit="motif units")
    metal_color: int = param(3, range=(0, 47), doc="palette role of the shoe and crop caps")
    leather_color: int = param(2, range=(0, 47), doc="palette role of the crops' leather")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines and shafts")


def tones(p: HorseshoeAndWhipParams, palette: Palette) -> dict[str, RGB]:
    """Every colour the emblem paints: metal, leather and line roles and fixed mixes.

    Metal highlights are the metal role mixed with white by 0.55, shadows mixed with
    black by 0.3; leather is the leather role mixed with black by 0.25, its stitching
    and braid that tone mixed with white by 0.55.
    """
    out = metal_tones(palette, p.metal_color)
    if p.whips:
        out |= leather_tones(palette, p.leather_color)
    out["line"] = palette.role(p.line_color)
    return out


def _shoe_line(p: HorseshoeAndWhipParams) -> np.ndarray:
    """The centre line of the shoe's web, heel to toe to heel, opening upwards."""
    radius = 0.25
    # Nearly a circle round from the toe, open by about 70 degrees between the heels,
    # a little longer than wide.
    a = np.linspace(-(math.pi - 0.62), math.pi - 0.62, 200)
    x = radius * (0.86 + 0.14 * p.spread) * np.sin(a)
    y = radius * np.cos(a) * np.where(np.cos(a) < 0, 1.18, 1.0)
    return np.stack([x, y], axis=1)


def _crop(d: Sketch, angle: float, length: float, t: dict, lw: float, shade: bool, rng) -> None:
    """A riding crop lying along ``angle`` through the origin, handle at the lower end."""
    ca, sa = math.cos(angle), math.sin(angle)
    half = 0.5 * length
    bend = rng.normal(0.0, 0.02)
    u = np.linspace(-1.0, 1.0, 80)
    along = half * u
    across = bend * (1.0 - u * u)
    pts = np.stack([along * ca - across * sa, along * sa + across * ca], axis=1)
    # The shaft: thin, tapering to the tip (u = 1).
    widths = 0.03 * (1.0 - 0.6 * (u + 1.0) / 2.0)
    d.fill(poly_path(ribbon(pts, widths), closed=True), t["line"])
    # The grip: a leather sleeve with a braid, then a metal cap and a wrist loop.
    grip = pts[:22]
    shape = poly_path(ribbon(grip, 0.05), closed=True)
    d.fill(shape, t["leather"])
    n = normals(grip)
    braid = skia.Path()
    for k in range(0, len(grip) - 3, 3):
        a = grip[k] + n[k] * 0.018
        b = grip[k + 3] - n[k + 3] * 0.018
        braid.moveTo(*a)
        braid.lineTo(*b)
    d.stroke(braid, t["stitch"], 0.005)
    if lw > 0:
        d.stroke(shape, t["line"], lw)
    cx, cy = pts[0]
    cap = skia.Path()
    cap.addCircle(float(cx), float(cy), 0.03)
    metal(d, cap, cap, 0.04, t, line=lw, shading=shade)
    ferrule = skia.Path()
    fx, fy = grip[-1]
    ferrule.addPath(placed(_band(0.03, 0.05), float(fx), float(fy), angle))
    metal(
        d,
        ferrule,
        placed(_line(0.05), float(fx), float(fy), angle + 0.5 * math.pi),
        0.025,
        t,
        line=lw,
        shading=shade,
    )
    loop = skia.Path()
    loop.addOval(skia.Rect.MakeLTRB(-0.05, -0.028, 0.05, 0.028))
    loop_path = placed(loop, float(cx - 0.06 * ca), float(cy - 0.06 * sa), angle)
    d.stroke(loop_path, t["line"], 0.016)
    d.stroke(loop_path, t["leather"], 0.01)
    # The keeper at the tip: a small leather tongue.
    tx, ty = pts[-1]
    tongue = skia.Path()
    tongue.addRRect(
        skia.RRect.MakeRectXY(skia.Rect.MakeLTRB(0.0, -0.018, 0.07, 0.018), 0.012, 0.012)
    )
    tongue = placed(tongue, float(tx), float(ty), angle)
    d.fill(tongue, t["leather"])
    if lw > 0:
        d.stroke(tongue, t["line"], lw)


def _band(h: float, w: float) -> skia.Path:
    path = skia.Path()
    path.addRRect(
        skia.RRect.MakeRectXY(
            skia.Rect.MakeLTRB(-0.5 * h, -0.5 * w, 0.5 * h, 0.5 * w), 0.2 * h, 0.2 * h
        )
    )
    return path


def _line(length: float) -> skia.Path:
    path = skia.Path()
    path.moveTo(-0.5 * length, 0.0)
    path.lineTo(0.5 * length, 0.0)
    return path


@operator(
    "motifs.horseshoe_and_whip",
    kind="vector",
    version=1,
    tags=(
        "horseshoe",
        "whip",
        "riding crop",
        "lucky",
        "equestrian",
        "马蹄铁",
        "马鞭",
        "幸运",
        "马术",
    ),
)
def horseshoe_and_whip(
    p: HorseshoeAndWhipParams, rng: np.random.Generator, palette: Palette
) -> Drawing:
    """Horseshoe and whips: a nailed shoe over crossed riding crops, an equestrian emblem.

    The shoe is a web swept along a U (round at the toe, drawing in at the heels),
    opening upwards by default so that it holds the luck, with squared calkins at
    the heels, a fuller groove along the web and ``nails`` nail holes in each branch
    set in the groove. Behind it lie ``whips`` riding crops (two: crossed in a
    saltire), each a tapering shaft with a braided leather grip, a metal cap and
    ferrule, a wrist loop and a leather keeper at the tip; the generator bends the
    shafts a little and sets their crossing angle. Metal is drawn as flat tones,
    a shadow and a highlight stroked along each part's centre line. Colours: the
    roles and mixes listed by :func:`tones`.

    References
    ----------
    Butler 1985, *The Principles of Horseshoeing* (the shoe's web, fuller, nail
    holes and calkins); the equestrian carré of twentieth-century printed silk
    squares (horseshoes and crossed crops as emblems).
    """
    d = Sketch()
    t = tones(p, palette)
    lw = p.outline
    shade = p.shading
    if p.whips:
        cross = math.radians(rng.uniform(28.0, 38.0))
        angles = [0.5 * math.pi + cross, 0.5 * math.pi - cross][: p.whips]
        if p.whips == 1:
            angles = [0.5 * math.pi + rng.uniform(-0.25, 0.25)]
        for a in angles:
            _crop(d, a + math.pi, 0.95, t, lw, shade, rng)
    line = _shoe_line(p)
    if p.opening == "down":
        line = line * np.array([1.0, -1.0])
    web = 0.085
    shoe = poly_path(ribbon(line, web), closed=True)
    metal(d, shoe, poly_path(line, closed=False), web, t, line=lw, shading=shade)
    # The fuller: a groove along the web, with the nail holes in it.
    fuller_pts = line[30:-30]
    d.stroke(poly_path(fuller_pts, closed=False), t["metal_shade"], 0.018)
    holes = skia.Path()
    count = p.nails
    for side in (0, 1):
        for k in range(count):
            frac = 0.22 + 0.5 * k / max(count - 1, 1)
            i = (
                int(frac * 0.5 * (len(line) - 1))
                if side == 0
                else int((1.0 - frac * 0.5) * (len(line) - 1))
            )
            i = min(max(i, 1), len(line) - 2)
            tan = line[i + 1] - line[i - 1]
            ang = math.atan2(tan[1], tan[0])
            holes.addPath(placed(_band(0.022, 0.012), float(line[i, 0]), float(line[i, 1]), ang))
    d.fill(holes, t["line"])
    if p.calkins:
        for end, nxt in ((line[0], line[3]), (line[-1], line[-4])):
            tan = end - nxt
            ang = math.atan2(tan[1], tan[0])
            calkin = placed(_band(0.04, web + 0.01), float(end[0]), float(end[1]), ang)
            metal(
                d,
                calkin,
                placed(_line(web), float(end[0]), float(end[1]), ang + 0.5 * math.pi),
                0.04,
                t,
                line=lw,
                shading=shade,
            )
    m = skia.Matrix()
    m.setTranslate(0.5, 0.5)
    if p.rotation:
        m.postRotate(p.rotation, 0.5, 0.5)
    d.transform(m)
    fit(d, 0.03)
    return d.finish()
