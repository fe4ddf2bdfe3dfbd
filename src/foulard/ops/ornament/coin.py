"""Square-holed coin (方孔钱): rimmed cash coin with a four-character inscription."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import (
    BLACK,
    WHITE,
    Sketch,
    catmull_rom_points,
    mix,
    smooth_path,
)
from foulard.ops._common.text import set_line
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]

# Read top, bottom, right, left (对读), as Qing cash coins are.
INSCRIPTIONS = {
    "乾隆通宝": "乾隆通宝",
    "康熙通宝": "康熙通宝",
    "开元通宝": "开元通宝",
    "招财进宝": "招财进宝",
    "长命富贵": "长命富贵",
    "天下太平": "天下太平",
    "福寿康宁": "福寿康宁",
    "吉祥如意": "吉祥如意",
}


@dataclass(frozen=True)
class CoinParams(Params):
    inscription: str = param(
        "random",
        choices=("random", *INSCRIPTIONS),
        doc="the four characters (read top, bottom, right, left); random: drawn by the generator",
    )
    style: str = param(
        "cast", choices=("cast", "outline"), doc="cast metal in tones, or a line drawing"
    )
    rim: float = param(0.13, range=(0.05, 0.25), doc="rim width as a share of the radius")
    hole: float = param(0.36, range=(0.2, 0.5), doc="side of the square hole over the radius")
    wear: float = param(0.3, range=(0.0, 1.0), doc="wear of the rim and patina spots")
    ribbon: bool = param(True, doc="a ribbon (绶带) tied over the coin, its ends streaming")
    rotation: float = param(0.0, range=(-45.0, 45.0), doc="turn of the coin", unit="degrees")
    line_width: float = param(0.008, range=(0.002, 0.03), doc="outline width", unit="motif units")
    metal_color: int = param(3, range=(0, 47), doc="palette role of the metal")
    patina_color: int = param(4, range=(0, 47), doc="palette role the patina tends to")
    ribbon_color: int = param(2, range=(0, 47), doc="palette role of the ribbon")
    line_color: int = param(1, range=(0, 47), doc="palette role of outlines and characters")


def tones(p: CoinParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a coin: its roles and fixed mixes of them.

    The rim is the metal role mixed with black by 0.18, raised characters and the
    hole's rim the metal role mixed with white by 0.35, patina the metal role mixed
    with the patina role by 0.55; the ribbon's fold is the ribbon role mixed with
    black by 0.25.
    """
    metal = palette.role(p.metal_color)
    ribbon = palette.role(p.ribbon_color)
    return {
        "metal": metal,
        "rim": mix(metal, BLACK, 0.18),
        "raised": mix(metal, WHITE, 0.35),
        "patina": mix(metal, palette.role(p.patina_color), 0.55),
        "ribbon": ribbon,
        "ribbon_fold": mix(ribbon, BLACK, 0.25),
        "line": palette.role(p.line_color),
    }


def _character(ch: str, cx: float, cy: float, size: float, angle: float) -> skia.Path:
    """One character's outline, its ink box centred on ``(cx, cy)``."""
    line = set_line(ch, size=size, anchor=(0.0, 0.0))
    x0, y0, x1, y1 = line.bounds
    m = skia.Matrix()
    m.setTranslate(-0.5 * (x0 + x1), -0.5 * (y0 + y1))
    m.postRotate(math.degrees(angle))
    m.postTranslate(cx, cy)
    path = skia.Path(line.path)
    path.transform(m)
    return path


def _ribbon(c: float, radius: float, rim: float, rng: np.random.Generator):
    """A ribbon tied in a bow above the coin, holding it by its rim.

    Returns the parts behind the coin (the two tails), the parts in front (the strap
    over the rim, the two loops and the knot) and the fold stripes.
    """
    top = c - radius * 1.08
    w = 0.085 * radius
    behind, front = [], []
    folds = skia.Path()
    strap = skia.Path()
    strap.addRect(skia.Rect.MakeLTRB(c - 0.8 * w, top, c + 0.8 * w, c - radius * (1.0 - rim)))
    front.append(strap)
    for side in (-1.0, 1.0):
        loop = [
            (c + side * 0.05 * radius, top),
            (c + side * 0.3 * radius, top - 0.3 * radius),
            (c + side * 0.58 * radius, top - 0.22 * radius),
            (c + side * 0.5 * radius, top - 0.02 * radius),
            (c + side * 0.12 * radius, top + 0.02 * radius),
        ]
        front.append(_band(loop, 0.8 * w, 0.8 * w, closed_end=True))
        sway = rng.uniform(-0.06, 0.06) * radius
        tail = [
            (c + side * 0.05 * radius, top + 0.05 * radius),
            (c + side * 0.55 * radius, top + 0.2 * radius),
            (c + side * 1.1 * radius, c - 0.25 * radius + sway),
            (c + side * 1.06 * radius, c + 0.45 * radius),
            (c + side * 1.26 * radius, c + 0.9 * radius + sway),
        ]
        behind.append(_band(tail, 0.9 * w, 1.15 * w, closed_end=False))
        folds.addPath(_band(tail[2:4], 0.35 * w, 0.35 * w, closed_end=False))
    knot = skia.Path()
    knot.addOval(skia.Rect.MakeLTRB(c - 1.3 * w, top - 1.1 * w, c + 1.3 * w, top + 1.1 * w))
    front.append(knot)
    return behind, front, folds


def _band(points, w0: float, w1: float, *, closed_end: bool) -> skia.Path:
    """A ribbon of half-width ``w0`` to ``w1`` along a smooth spine through ``points``."""
    spine = catmull_rom_points(np.asarray(points, np.float64), 40)
    tan = np.gradient(spine, axis=0)
    tan /= np.hypot(tan[:, 0], tan[:, 1])[:, None]
    nrm = np.stack([-tan[:, 1], tan[:, 0]], axis=1)
    w = np.linspace(w0, w1, len(spine))[:, None]
    left = spine + nrm * w
    right = spine - nrm * w
    if closed_end:
        pts = np.vstack([left, right[::-1]])
    else:
        # A swallowtail notch at the end.
        notch = spine[-1] - tan[-1] * 1.2 * w1
        pts = np.vstack([left, notch[None, :], right[::-1]])
    return smooth_path(pts[::1], closed=True, tension=0.6)


@operator(
    "ornament.coin",
    kind="vector",
    version=1,
    tags=(
        "coin",
        "cash coin",
        "square hole",
        "wealth",
        "money",
        "方孔钱",
        "古钱",
        "铜钱",
        "钱纹",
        "招财",
    ),
)
def coin(p: CoinParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Square-holed cash coin (方孔钱): a rimmed disc, a square hole, four characters.

    The round coin with a square hole (天圆地方, round heaven and square earth) is
    drawn as a true hole (skia path difference), with a raised outer rim (郭) and a
    raised square rim round the hole, and four characters set in the bundled Kai
    font and read top, bottom, right, left, as on Qing cash. ``cast`` paints metal
    tones with patina spots and a worn, slightly irregular rim (both drawn by the
    generator and scaled by ``wear``); ``outline`` is a line drawing. A ribbon (绶带)
    may be tied in a bow on top with swallowtail ends streaming past the sides. The
    generator also picks the inscription when it is ``random``.

    Meaning: coins (钱, *qian*, a pun on 前 "before, ahead") stand for wealth and
    prosperity, 招财进宝 "bring in wealth and treasure"; one of the Eight Treasures
    (八宝). Coins strung together (连钱) promise continuous fortune. Pair with bats
    (福在眼前, "blessing before your eyes": a bat over a coin), the 卍 fret, and
    peonies.

    References
    ----------
    Hartill 2005, *Cast Chinese Coins*, Trafford (inscriptions, rims, reading order);
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. coin (钱), Eight
    Treasures (八宝).
    """
    t = tones(p, palette)
    d = Sketch()
    c = 0.5
    radius = 0.34 if p.ribbon else 0.46
    text = p.inscription
    if text == "random":
        keys = list(INSCRIPTIONS)
        text = keys[int(rng.integers(len(keys)))]
    turn = math.radians(p.rotation + rng.normal(0.0, 2.0) * p.wear)
    lw = p.line_width

    half = 0.5 * p.hole * radius
    if p.ribbon:
        behind, front, folds = _ribbon(c, radius, p.rim, rng)
        for part in behind:
            d.fill(part, t["ribbon"])
            d.fill_clipped(part, folds, t["ribbon_fold"])
            d.stroke(part, t["line"], 0.7 * lw)

    # The outline, a little irregular where the rim is worn.
    count = 72
    ang = np.linspace(0.0, 2.0 * math.pi, count, endpoint=False)
    wobble = np.zeros(count)
    for k in (3, 5, 7):
        wobble += rng.normal(0.0, 0.004 * p.wear) * np.cos(k * ang + rng.uniform(0, 2 * math.pi))
    outer = smooth_path(
        np.stack(
            [c + radius * (1 + wobble) * np.cos(ang), c + radius * (1 + wobble) * np.sin(ang)], 1
        ),
        closed=True,
    )
    hole = skia.Path()
    hole.addRect(skia.Rect.MakeLTRB(-half, -half, half, half))
    m = skia.Matrix()
    m.setRotate(math.degrees(turn))
    m.postTranslate(c, c)
    hole.transform(m)
    body = skia.Op(outer, hole, skia.PathOp.kDifference_PathOp) or outer
    rim_in = radius * (1.0 - p.rim)
    field = skia.Path()
    field.addCircle(c, c, rim_in)
    field = skia.Op(field, hole, skia.PathOp.kDifference_PathOp) or field
    lip = 0.11 * radius  # the raised square rim round the hole
    hole_rim = skia.Path()
    hole_rim.addRect(skia.Rect.MakeLTRB(-half - lip, -half - lip, half + lip, half + lip))
    hole_rim.transform(m)
    hole_rim = skia.Op(hole_rim, hole, skia.PathOp.kDifference_PathOp) or hole_rim

    size = 0.36 * radius
    spot = 0.5 * (rim_in + half + lip)  # characters halfway between hole rim and rim
    chars = skia.Path()
    for ch, (dx, dy) in zip(text, ((0, -1), (0, 1), (1, 0), (-1, 0)), strict=True):
        x = c + spot * (dx * math.cos(turn) - dy * math.sin(turn))
        y = c + spot * (dx * math.sin(turn) + dy * math.cos(turn))
        chars.addPath(_character(ch, x, y, size, turn))

    if p.style == "outline":
        d.stroke(outer, t["line"], lw)
        d.stroke(field, t["line"], 0.7 * lw)
        d.stroke(hole_rim, t["line"], 0.7 * lw)
        d.fill(chars, t["line"])
        d.stroke(chars, t["line"], 0.02 * radius)
        if p.ribbon:
            for part in front:
                d.fill(part, t["ribbon"])
                d.stroke(part, t["line"], 0.7 * lw)
        return d.finish(margin=0.01)

    d.fill(body, t["rim"])
    d.fill(field, t["metal"])
    # Patina: soft blobs on the field, more with wear.
    if p.wear > 0:
        blobs = skia.Path()
        for _ in range(int(2 + 6 * p.wear)):
            a = rng.uniform(0, 2 * math.pi)
            r = rng.uniform(half + lip, rim_in) * 0.95
            s = radius * rng.uniform(0.04, 0.09) * (0.5 + p.wear)
            pts = [
                (
                    c + r * math.cos(a) + s * (1 + 0.3 * rng.normal()) * math.cos(b),
                    c + r * math.sin(a) + s * (1 + 0.3 * rng.normal()) * math.sin(b),
                )
                for b in np.linspace(0, 2 * math.pi, 7)[:-1]
            ]
            blobs.addPath(smooth_path(pts, closed=True))
        d.fill_clipped(field, blobs, t["patina"])
    d.fill(hole_rim, t["raised"])
    # Raised characters, cast bold: an outline stroke, then the glyph thickened.
    bold = 0.02 * radius
    d.stroke(chars, t["line"], bold + 1.2 * lw)
    d.fill(chars, t["raised"])
    d.stroke(chars, t["raised"], bold)
    d.stroke(outer, t["line"], lw)
    d.stroke(field, t["line"], 0.7 * lw)
    d.stroke(hole_rim, t["line"], 0.7 * lw)
    if p.ribbon:
        for part in front:
            d.fill(part, t["ribbon"])
            d.stroke(part, t["line"], 0.7 * lw)
    return d.finish(margin=0.01)
