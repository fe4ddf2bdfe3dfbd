"""Paisley (boteh): the teardrop with a curled tip, filled with bands of ornament."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, catmull_rom_points, mix, smooth_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
BAND_KINDS = ("dots", "petals", "scallops")


@dataclass(frozen=True)
class PaisleyParams(Params):
    curl: float = param(0.6, range=(0.0, 1.0), doc="how far the tip hooks over")
    plumpness: float = param(0.5, range=(0.0, 1.0), doc="0: slender flame, 1: round bulb")
    bands: int = param(4, range=(1, 6), doc="bands of ornament inside the outline")
    band_style: str = param(
        "mixed",
        choices=("mixed", *BAND_KINDS),
        doc="ornament of the bands: one kind, or dots, petals and scallops in turn",
    )
    fringe: bool = param(True, doc="a scalloped fringe around the outside")
    mirror: bool = param(False, doc="curl the tip to the other side")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the motif", unit="degrees")
    jitter: float = param(0.2, range=(0.0, 1.0), doc="irregularity of the outline")
    outline: float = param(0.005, range=(0.0, 0.03), doc="outline width", unit="motif units")
    body_color: int = param(1, range=(0, 47), doc="palette role of the body")
    band_color: int = param(2, range=(0, 47), doc="palette role of the stripes between bands")
    accent_color: int = param(3, range=(0, 47), doc="palette role of dots, petals and fringe")
    line_color: int = param(0, range=(0, 47), doc="palette role of outlines and the core")


def tones(p: PaisleyParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a paisley paints: palette roles and one fixed mix.

    The body, band, accent and line roles, and the core: the line role mixed with
    the accent role by 0.15.
    """
    line = palette.role(p.line_color)
    accent = palette.role(p.accent_color)
    return {
        "body": palette.role(p.body_color),
        "band": palette.role(p.band_color),
        "accent": accent,
        "line": line,
        "core": mix(line, accent, 0.15),
    }


class _Boteh:
    """The teardrop as a spine with a width: outlines at any inward offset."""

    def __init__(self, p: PaisleyParams, rng: np.random.Generator):
        radius = 0.19 + 0.08 * p.plumpness
        cx, cy = 0.5 - 0.04 * (1 - p.plumpness), 0.9 - radius - 0.03
        hook = 0.05 + 0.13 * p.curl
        j = 0.012 * p.jitter
        ctrl = np.array(
            [
                (cx, cy),
                (cx + 0.1, cy - 0.2),
                (cx + 0.17, cy - 0.38 + 0.03 * p.curl),
                (cx + 0.14 - 0.05 * p.curl, cy - 0.54 + 0.06 * p.curl),
                (cx + 0.12 - 1.1 * hook, cy - 0.56 + 0.06 * p.curl),
                (cx + 0.12 - 1.6 * hook, cy - 0.5 + 0.12 * p.curl),
            ]
        )
        ctrl[1:] += rng.normal(0.0, j, size=(len(ctrl) - 1, 2))
        spine = catmull_rom_points(ctrl, 240)
        seg = np.hypot(*np.diff(spine, axis=0).T)
        s = np.concatenate([[0.0], np.cumsum(seg)])
        self.spine = spine
        self.s = s / s[-1]
        tan = np.gradient(spine, axis=0)
        tan /= np.hypot(tan[:, 0], tan[:, 1])[:, None]
        self.tangent = tan
        self.normal = np.stack([-tan[:, 1], tan[:, 0]], axis=1)
        # Full width over the bulb, then a taper to a point at the tip.
        # (1 - s)^k (1 + k s) leaves the bulb with zero slope, so the round back and
        # the sides meet without a kink.
        k = 1.8
        self.width = radius * (1.0 - self.s) ** k * (1.0 + k * self.s)
        self.radius = radius
        self.center = (cx, cy)

    def outline(self, offset: float, min_width: float = 0.004) -> np.ndarray | None:
        """The closed outline ``offset`` inside the edge, as a polygon (or None).

        It stops short of the tip where less than ``min_width`` is left inside it.
        """
        w = self.width - offset
        keep = w > min_width
        if keep.sum() < 4:
            return None
        last = int(np.nonzero(keep)[0][-1])
        w = w[: last + 1]
        spine = self.spine[: last + 1]
        n = self.normal[: last + 1]
        left = spine + n * w[:, None]
        right = spine - n * w[:, None]
        # The round back of the bulb: a half circle behind the start of the spine.
        r = self.radius - offset
        a0 = math.atan2(n[0, 1], n[0, 0])
        cap_a = a0 + math.pi - np.linspace(0.0, math.pi, 24)[1:-1]
        cap = np.stack([spine[0, 0] + r * np.cos(cap_a), spine[0, 1] + r * np.sin(cap_a)], 1)
        tip = spine[-1] + self.tangent[last] * min(0.5 * w[-1] + 0.004, 0.02)
        idx = np.unique(np.concatenate([np.arange(0, last + 1, 3), [last]]))
        return np.vstack([left[idx], [tip], right[idx[::-1]], cap])

    def midline(
        self, offset: float, spacing: float, room: float = 0.004
    ) -> list[tuple[float, float, float, float]]:
        """Evenly spaced ``(x, y, nx, ny)`` on the outline at ``offset`` (outward normals).

        Only where at least ``room`` is left inside, so rows thin out before the tip.
        """
        poly = self.outline(offset, room)
        if poly is None:
            return []
        closed = np.vstack([poly, poly[:1]])
        seg = np.hypot(*np.diff(closed, axis=0).T)
        total = seg.sum()
        count = int(total / spacing)
        if count < 3:
            return []
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        at = (np.arange(count) + 0.5) * (total / count)
        x = np.interp(at, cum, closed[:, 0])
        y = np.interp(at, cum, closed[:, 1])
        dx = np.interp(at + 1e-3, cum, closed[:, 0]) - np.interp(at - 1e-3, cum, closed[:, 0])
        dy = np.interp(at + 1e-3, cum, closed[:, 1]) - np.interp(at - 1e-3, cum, closed[:, 1])
        norm = np.hypot(dx, dy) + 1e-12
        # The outline runs counter-clockwise on screen, so (dy, -dx) points outward.
        return list(zip(x, y, dy / norm, -dx / norm, strict=True))


def _path(poly: np.ndarray) -> skia.Path:
    return smooth_path(poly, closed=True)


def _petal_at(x, y, nx, ny, length, width) -> skia.Path:
    """A small pointed petal centred on ``(x, y)``, pointing along ``(nx, ny)``."""
    tx, ty = -ny, nx
    ax, ay = x - 0.5 * length * nx, y - 0.5 * length * ny
    bx, by = x + 0.5 * length * nx, y + 0.5 * length * ny
    path = skia.Path()
    path.moveTo(ax, ay)
    path.cubicTo(
        ax + 0.3 * length * nx + width * tx,
        ay + 0.3 * length * ny + width * ty,
        bx - 0.2 * length * nx + 0.6 * width * tx,
        by - 0.2 * length * ny + 0.6 * width * ty,
        bx,
        by,
    )
    path.cubicTo(
        bx - 0.2 * length * nx - 0.6 * width * tx,
        by - 0.2 * length * ny - 0.6 * width * ty,
        ax + 0.3 * length * nx - width * tx,
        ay + 0.3 * length * ny - width * ty,
        ax,
        ay,
    )
    path.close()
    return path


def _rosette(x: float, y: float, r: float, petals: int) -> skia.Path:
    path = skia.Path()
    for i in range(petals):
        a = 2 * math.pi * i / petals
        path.addPath(
            _petal_at(
                x + 0.5 * r * math.cos(a),
                y + 0.5 * r * math.sin(a),
                math.cos(a),
                math.sin(a),
                r,
                0.42 * r,
            )
        )
    return path


def _sprig(d: Sketch, b: _Boteh, offset: float, start: float, t: dict) -> None:
    """A stem along the spine of the core, from the rosette towards the tip, with leaves."""
    room = b.width - offset
    cx, cy = b.center
    dist = np.hypot(b.spine[:, 0] - cx, b.spine[:, 1] - cy)
    idx = np.nonzero((dist > 0.9 * start) & (room > 0.012))[0]
    if len(idx) < 6:
        return
    stem = smooth_path(b.spine[idx[::4]], closed=False)
    d.stroke(stem, t["band"], 0.12 * start)
    leaves = skia.Path()
    length = b.s[idx[-1]] - b.s[idx[0]]
    count = max(2, int(length / 0.05))
    for j in range(count):
        k = idx[int((j + 0.6) / (count + 0.2) * (len(idx) - 1))]
        side = 1.0 if j % 2 == 0 else -1.0
        tx, ty = b.tangent[k]
        nx, ny = b.normal[k] * side
        dx, dy = 0.6 * tx + 0.8 * nx, 0.6 * ty + 0.8 * ny
        size = min(0.9 * room[k], 0.5 * start)
        x, y = b.spine[k]
        leaves.addPath(
            _petal_at(x + 0.5 * size * dx, y + 0.5 * size * dy, dx, dy, size, 0.3 * size)
        )
    d.fill(leaves, t["band"])


@operator(
    "motifs.paisley",
    kind="vector",
    version=1,
    tags=("paisley", "boteh", "buta", "teardrop", "佩斯利", "腰果花"),
)
def paisley(p: PaisleyParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Paisley (boteh, buta): a teardrop with a curled tip, filled with ornament bands.

    The outline is a spine (a Catmull-Rom spline that hooks over at the tip) swept
    with a width that is full over the round bulb and tapers to the tip. Offsetting
    that width inwards gives nested outlines that follow the shape, and the bands
    between them carry rows of dots, petals or scallops placed at even arc length,
    separated by stripes; the core holds a rosette. A scalloped fringe may run
    round the outside. Colours: the roles and one fixed mix listed by :func:`tones`.

    References
    ----------
    Reilly 1987, *The Paisley Pattern*; Owen Jones 1856, *The Grammar of Ornament*
    (Indian ornament); Wong, Zongker & Salesin 1998, "Computer-generated floral
    ornament", SIGGRAPH (filling a region with ornament along its outline).
    """
    d = Sketch()
    t = tones(p, palette)
    b = _Boteh(p, rng)
    lw = p.outline
    outer = b.outline(0.0)
    body = _path(outer)
    size = b.radius
    if p.fringe:
        fringe = skia.Path()
        step = 0.11 * size
        for x, y, nx, ny in b.midline(0.0, step):
            fringe.addCircle(x + 0.1 * step * nx, y + 0.1 * step * ny, 0.55 * step)
        d.fill(fringe, t["accent"])
        if lw > 0:
            d.stroke(fringe, t["line"], 0.6 * lw)
    d.fill(body, t["body"])
    band_w = 0.74 * size / (p.bands + 0.9)
    kinds = BAND_KINDS if p.band_style == "mixed" else (p.band_style,)
    for k in range(p.bands):
        o0 = (k + 0.25) * band_w
        kind = kinds[k % len(kinds)]
        mid = o0 + 0.5 * band_w
        elements = skia.Path()
        if kind == "dots":
            for x, y, _nx, _ny in b.midline(mid, 0.5 * band_w, 0.5 * band_w):
                elements.addCircle(x, y, 0.2 * band_w)
        elif kind == "petals":
            for x, y, nx, ny in b.midline(mid, 0.45 * band_w, 0.5 * band_w):
                elements.addPath(_petal_at(x, y, nx, ny, 0.78 * band_w, 0.26 * band_w))
        else:  # scallops: half discs standing on the band's inner edge
            for x, y, _nx, _ny in b.midline(o0 + 0.85 * band_w, 0.5 * band_w, 0.4 * band_w):
                elements.addCircle(x, y, 0.3 * band_w)
        d.fill(elements, t["accent"])
        if lw > 0 and kind != "dots":
            d.stroke(elements, t["body"], 0.5 * lw)
        stripe = b.outline(o0 + band_w)
        if stripe is None:
            break
        # A stripe separates this band from the next one inwards.
        inner = b.outline(o0 + band_w + 0.22 * band_w)
        ring = _path(stripe)
        d.fill(ring, t["band"])
        if inner is not None:
            d.fill(_path(inner), t["body"] if k < p.bands - 1 else t["core"])
    core = b.outline((p.bands + 0.47) * band_w)
    if core is not None:
        cx, cy = b.center
        inner_r = b.radius - (p.bands + 0.47) * band_w
        _sprig(d, b, (p.bands + 0.47) * band_w, 0.8 * inner_r, t)
        d.fill(_rosette(cx, cy, 0.8 * inner_r, 8), t["band"])
        dot = skia.Path()
        dot.addCircle(cx, cy, 0.22 * inner_r)
        d.fill(dot, t["accent"])
        if lw > 0:
            d.stroke(dot, t["band"], 0.5 * lw)
    if lw > 0:
        d.stroke(body, t["line"], lw)
    if p.mirror or p.rotation:
        m = skia.Matrix()
        m.setRotate(p.rotation, 0.5, 0.5)
        if p.mirror:
            m.preScale(-1.0, 1.0, 0.5, 0.5)
        d.transform(m)
    return d.finish()
