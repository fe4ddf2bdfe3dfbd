"""Dragon scales (龙鳞纹): overlapping rows of rimmed, pointed or round scales, as a field."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, mix
from foulard.ops.ornament._cn import cover
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class DragonScalesParams(Params):
    columns: int = param(9, range=(2, 48), doc="scales across the unit square in one row")
    pointed: float = param(
        0.35, range=(0.0, 0.9), doc="0: round fish scales (鱼鳞), higher: pointed dragon scales"
    )
    overlap: float = param(
        0.55, range=(0.35, 0.9), doc="row spacing as a share of a scale's width (small: dense)"
    )
    elongation: float = param(
        1.15,
        range=(0.8, 1.6),
        doc="height of a scale over its width (raised where needed to close the rows)",
    )
    line_width: float = param(
        0.07, range=(0.0, 0.2), doc="rim line as a share of a scale's width (0: none)"
    )
    band: float = param(
        0.16, range=(0.0, 0.4), doc="light band inside the rim, as a share of a scale's width"
    )
    ridge: bool = param(False, doc="a ridge line down the middle of each scale")
    jitter: float = param(0.08, range=(0.0, 0.2), doc="random variation of scale sizes")
    accent_share: float = param(
        0.0, range=(0.0, 1.0), doc="share of scales in the accent role (picked at random)"
    )
    scale_color: int = param(1, range=(0, 47), doc="palette role of the scales")
    accent_color: int = param(4, range=(0, 47), doc="palette role of the accented scales")
    line_color: int = param(3, range=(0, 47), doc="palette role of rims and ridges")


def tones(p: DragonScalesParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the scales: scale, accent and line roles, and two light bands.

    The band inside the rim is the scale (or accent) role mixed with white by 0.3.
    """
    scale = palette.role(p.scale_color)
    accent = palette.role(p.accent_color)
    return {
        "scale": scale,
        "scale_light": mix(scale, WHITE, 0.3),
        "accent": accent,
        "accent_light": mix(accent, WHITE, 0.3),
        "line": palette.role(p.line_color),
    }


def _rows(p: DragonScalesParams) -> int:
    """Rows per unit: even (alternate rows shift by half a scale), spacing near ``overlap``."""
    return max(2, 2 * round(p.columns / (2.0 * p.overlap)))


def _prepare(p: DragonScalesParams, rng: np.random.Generator):
    rows = _rows(p)
    size = 1.0 + p.jitter * rng.uniform(-1.0, 1.0, (rows, p.columns))
    accent = rng.random((rows, p.columns)) < p.accent_share
    return size, accent


def _stretch(p: DragonScalesParams) -> float:
    """Height over width of the scales: ``elongation``, or more where rows would part.

    A scale must reach up to the row above's centre line, where that row's scales
    meet, or the ground would show between them.
    """
    r_min = _R0 * (1.0 - p.jitter) / p.columns
    return max(p.elongation, 1.25 * (1.0 / _rows(p)) / r_min)


_R0 = 0.56  # half-width of a scale in column widths: neighbours overlap a little


def _shape(
    p: DragonScalesParams, u: np.ndarray, v: np.ndarray, r: np.ndarray, stretch: float
) -> np.ndarray:
    """Signed distance (negative inside) of a scale of half-width ``r`` at the origin.

    A lens: two discs of radius ``rho = r / (1 - pointed)`` whose centres sit
    ``rho - r`` either side of the axis, so the lens is ``2 r`` wide and pointed top
    and bottom (a disc when ``pointed`` is 0). Heights are scaled so that every lens
    reaches ``r * elongation`` above and below its centre.
    """
    k = p.pointed
    v = v * (math.sqrt((1.0 + k) / (1.0 - k)) / stretch)
    if k <= 0.0:
        return np.hypot(u, v) - r
    rho = r / (1.0 - k)
    off = rho - r
    d1 = np.hypot(u - off, v) - rho
    d2 = np.hypot(u + off, v) - rho
    return np.maximum(d1, d2)


@operator(
    "ornament.dragon_scales",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "dragon scales",
        "fish scales",
        "scales",
        "reptile",
        "imbricate",
        "armour",
        "龙鳞纹",
        "鳞纹",
        "鱼鳞纹",
        "鳞片",
    ),
)
def dragon_scales(p: DragonScalesParams, call: Call) -> np.ndarray:
    """Dragon scales (龙鳞纹): imbricate rows of rimmed scales, each overlapping the next.

    Scales sit on a half-drop lattice (``columns`` per row, alternate rows shifted by
    half a scale, rows ``overlap`` of a width apart, an even count so the field
    repeats with period 1) and are stacked like roof tiles: each row covers the top
    of the row below, so only the rounded or pointed lower edge of a scale shows. A
    scale is a lens of two discs (a disc when ``pointed`` is 0, the 鱼鳞 fish scale),
    with a rim line, a light band inside it and an optional ridge down its middle,
    the way dragon and carp scales are embroidered and painted. Evaluated pointwise
    front to back: the topmost scales first, lower ones only where the upper ones
    leave the point partly uncovered; every edge is an exact distance, anti-aliased
    over the pixel footprint. The generator varies sizes and picks accent scales.

    Meaning: scales are the dragon's armour (龙, imperial power, rain and the east)
    and the carp's on its way to becoming a dragon (鲤鱼跳龙门, success in the
    examinations); fish scales also read as water and abundance (年年有余). Pair with
    ``motifs.carp``, clouds (祥云) and the 海水江崖 hem (``ornament.haishui``).

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament*, pl. LIX-LXI (Chinese imbricate
    ornament); Meyer 1888, *Handbook of Ornament*, "imbrications";
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. dragon, carp.
    """
    t = tones(p, call.palette)
    size, accented = call.state
    rows = _rows(p)
    cols = p.columns
    s = 1.0 / cols
    h = 1.0 / rows
    shape = np.shape(call.x)
    x = wrap01(call.x).ravel()
    y = wrap01(call.y).ravel()
    fp = call.footprint
    r0 = _R0 * s
    stretch = _stretch(p)
    reach = r0 * (1.0 + p.jitter) * stretch
    below = math.ceil(reach / h)
    out = np.zeros((x.size, 4), np.float32)
    alpha = np.zeros(x.size, np.float32)
    jrow = np.floor(y / h).astype(np.int64)
    lw = p.line_width * s
    band = p.band * s
    colours = {
        False: (np.array(t["scale"], np.float32), np.array(t["scale_light"], np.float32)),
        True: (np.array(t["accent"], np.float32), np.array(t["accent_light"], np.float32)),
    }
    line = np.array(t["line"], np.float32)
    # Front to back: the row above a point (smaller j) covers the rows below it; in
    # a row, the scale whose centre is nearer lies on top of its neighbour.
    for dj in range(-below, below + 1):
        for side in (0, 1):
            todo = np.flatnonzero(alpha < 1.0)
            j = jrow[todo] + dj
            v = y[todo] - j * h
            near = np.abs(v) < reach
            todo, j, v = todo[near], j[near], v[near]
            if todo.size == 0:
                continue
            shift = 0.5 * (j % 2)
            g = x[todo] / s - shift
            i = np.floor(g).astype(np.int64)
            # side 0: the nearer column centre; side 1: the other neighbour.
            nearer_right = (g - i) > 0.5
            i = i + np.where(nearer_right, 1 - side, side)
            u = x[todo] - (i + shift) * s
            jm, im = j % rows, i % cols
            r = r0 * size[jm, im]
            d = _shape(p, u, v, r, stretch)
            inside = cover(-d, fp)
            hit = inside > 0
            if not hit.any():
                continue
            todo, u, v, r, d, inside = todo[hit], u[hit], v[hit], r[hit], d[hit], inside[hit]
            acc = accented[jm[hit], im[hit]]
            base = np.where(acc[:, None], colours[True][0], colours[False][0])
            light = np.where(acc[:, None], colours[True][1], colours[False][1])
            rgb = base
            if band > 0:
                k = cover(lw + band + d, fp)[:, None]  # from the rim inwards
                rgb = rgb + (light - rgb) * k
            if lw > 0:
                k = cover(lw + d, fp)
                if p.ridge:
                    # The ridge: a line down the middle of the part that shows.
                    along = np.clip(v / (r * stretch), -1.0, 0.62)
                    ridge_d = np.hypot(u, v - along * r * stretch)
                    k = np.maximum(k, cover(0.45 * lw - ridge_d, fp))
                rgb = rgb + (line - rgb) * k[:, None]
            layer = (inside * (1.0 - alpha[todo]))[:, None]
            out[todo, :3] += rgb * layer
            out[todo, 3] += layer[:, 0]
            alpha[todo] = out[todo, 3]
    return out.reshape(*shape, 4)
