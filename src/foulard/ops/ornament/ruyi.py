"""Ruyi head (如意头): the cloud-scroll sceptre head, alone or as a four-lobed cloud collar."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix, smooth_path, stroke_outline, union
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class RuyiParams(Params):
    heads: int = param(
        1, range=(1, 8), doc="1: a single head; 2 or more: heads round a centre (四合如意, 云肩)"
    )
    lobes: int = param(3, range=(3, 5), doc="lobes of each head (3: trefoil; 5: with two more)")
    turns: float = param(1.4, range=(0.5, 2.5), doc="turns of the scroll in each side lobe")
    opening: float = param(
        0.0, range=(0.0, 0.6), doc="neck opening of a collar, as a share of its centre's radius"
    )
    style: str = param(
        "solid",
        choices=("solid", "outline", "banded"),
        doc="filled with reserve lines, a line drawing, or filled with a light inner band",
    )
    heart: bool = param(True, doc="a smaller head nested inside in the accent role")
    line_width: float = param(0.007, range=(0.002, 0.03), doc="line width", unit="motif units")
    jitter: float = param(0.2, range=(0.0, 1.0), doc="irregularity of the lobes")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the whole", unit="degrees")
    cloud_color: int = param(1, range=(0, 47), doc="palette role of the head")
    accent_color: int = param(2, range=(0, 47), doc="palette role of the nested heart")
    line_color: int = param(0, range=(0, 47), doc="palette role of the lines (0: reserve)")


def tones(p: RuyiParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a ruyi: cloud, accent and line roles, and the light band.

    ``banded`` paints the cloud role mixed with white by 0.45 as the inner band.
    """
    cloud = palette.role(p.cloud_color)
    return {
        "cloud": cloud,
        "accent": palette.role(p.accent_color),
        "line": palette.role(p.line_color),
        "light": mix(cloud, WHITE, 0.45),
    }


def _spiral(cx, cy, r_end, end_angle, turns, spin) -> np.ndarray:
    """An Archimedean spiral growing out to ``r_end``, ending at ``end_angle``."""
    total = 2.0 * math.pi * turns
    th = np.linspace(0.0, total, max(12, int(30 * turns)))
    r = r_end * (0.1 + 0.9 * th / total)
    a = end_angle - spin * (total - th)
    return np.stack([cx + r * np.cos(a), cy + r * np.sin(a)], axis=1)


def _head(p: RuyiParams, rng: np.random.Generator, k: float = 1.0):
    """One head pointing up, its chin at the origin: silhouette and scroll lines.

    Lobes (top and sides, with ``lobes`` 5 two more below the sides) are discs
    joined by an oval body and a pointed chin; every random draw is used for both
    sides, so the head is mirror-symmetric.
    """
    j = 0.05 * p.jitter
    top_r = 0.42 * (1.0 + rng.normal(0, j))
    side_r = 0.35 * (1.0 + rng.normal(0, j))
    side_x = 0.64 * (1.0 + rng.normal(0, j))
    lobes = [(0.0, -1.08, top_r, 0)]
    lobes += [(-side_x, -0.58, side_r, 1), (side_x, -0.58, side_r, -1)]
    if p.lobes >= 5:
        low = 0.22 * (1.0 + rng.normal(0, j))
        lobes += [(-0.8, -0.1, low, 1), (0.8, -0.1, low, -1)]
    elif p.lobes == 4:
        lobes += [(0.0, -0.3, 0.3, 0)]
    parts = []
    for x, y, r, _ in lobes:
        c = skia.Path()
        c.addCircle(x * k, y * k, r * k)
        parts.append(c)
    body = skia.Path()
    body.addOval(skia.Rect.MakeLTRB(-0.6 * k, -1.05 * k, 0.6 * k, -0.2 * k))
    parts.append(body)
    chin = smooth_path(
        [
            (-0.5 * k, -0.45 * k),
            (0.5 * k, -0.45 * k),
            (0.2 * k, -0.12 * k),
            (0.0, 0.12 * k),
            (-0.2 * k, -0.12 * k),
        ],
        closed=True,
        tension=0.6,
    )
    parts.append(chin)
    lines = []
    for x, y, r, spin in lobes:
        if spin == 0 and y < -0.9:
            # The top lobe: a pair of small scrolls meeting in the middle (a heart).
            for s in (-1.0, 1.0):
                lines.append(
                    _spiral(s * 0.17 * k, (y + 0.05) * k, 0.15 * k, math.pi / 2 - s * 0.6, 1.0, -s)
                )
            continue
        if spin == 0:
            continue
        # Side scrolls open downwards and inwards, towards the chin.
        end = math.atan2(-0.2 - y, -x) + 0.3 * spin
        lines.append(_spiral(x * k, y * k, 0.7 * r * k, end, p.turns, spin))
    return union(parts), lines


@operator(
    "ornament.ruyi",
    kind="vector",
    version=1,
    tags=(
        "ruyi",
        "cloud collar",
        "cloud head",
        "sceptre",
        "lingzhi",
        "如意",
        "如意头",
        "如意纹",
        "云肩",
        "四合如意",
    ),
)
def ruyi(p: RuyiParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Ruyi head (如意头): a trefoil cloud-scroll with curling side lobes and a pointed chin.

    Each head is the union of round lobes (top and two sides, or five), an oval body
    and a pointed chin (skia path booleans), with Archimedean scrolls coiled in the
    side lobes and opening towards the chin and a pair of small scrolls meeting in
    the top lobe like a heart (``outline``: the same lines in the cloud role on a
    fill of the line role). ``heads`` of 2 or more are set round a centre, chins
    inwards, on a round centre joined to them: the 四合如意 medallion, or with an
    ``opening`` the cloud collar (云肩) worn round the neck. Solid heads carry an
    inner contour in the line role (a reserve line when that is the ground) and may
    nest a smaller head in the accent role. The generator varies the lobes, always
    the same on both sides, so each head stays mirror-symmetric.

    Meaning: 如意 "as you wish": the sceptre's head, shaped like the lingzhi fungus
    of immortality and like a cloud, grants every wish. Pair with bats and peaches
    (福寿如意), persimmons (事事如意, "may all things go as you wish"), with clouds
    and the 卍 fret; the cloud collar frames the neck of a scarf.

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. ruyi (如意), cloud
    collar (云肩); Owen Jones 1856, *The Grammar of Ornament*, pl. LIX-LX;
    Wilson 1995, "The cloud collar: a symbol of the cosmos", in *Chinese Dress*, V&A.
    """
    t = tones(p, palette)
    lw = p.line_width
    shapes = []  # (silhouette, scroll lines, nested heart) per head, in design units
    if p.heads == 1:
        size = 0.36
        sil, lines = _head(p, rng)
        heart = _head(p, rng, 0.38)[0] if p.heart else None
        m = skia.Matrix()
        m.setScale(size, size)
        m.postTranslate(0.5, 0.5 + 0.55 * size)
        m.postRotate(p.rotation, 0.5, 0.5)
        placements = [m]
        shapes.append((sil, lines, heart))
        hub = None
    else:
        n = p.heads
        # Heads as large as fit side by side round the centre (a head is about two
        # of its units wide, 0.6 above its chin, and 1.5 tall).
        ratio = max(0.25, 1.0 / math.sin(math.pi / n) - 0.6)
        size = 0.47 / (ratio + 1.52)
        dist = ratio * size  # from the centre to each chin
        sil, lines = _head(p, rng)
        heart = _head(p, rng, 0.38)[0] if p.heart else None
        placements = []
        for i in range(n):
            m = skia.Matrix()
            m.setScale(size, size)
            m.postTranslate(0.0, -dist)
            m.postRotate(p.rotation + 360.0 * i / n)
            m.postTranslate(0.5, 0.5)
            placements.append(m)
            shapes.append((sil, lines, heart))
        hub = skia.Path()
        hub.addCircle(0.5, 0.5, dist + 0.3 * size)
    sils = []
    for (sil, _lines, _heart), m in zip(shapes, placements, strict=True):
        s = skia.Path(sil)
        s.transform(m)
        sils.append(s)
    outline = union([*sils, hub]) if hub is not None else sils[0]
    if p.opening > 0 and hub is not None:
        hole = skia.Path()
        hole.addCircle(0.5, 0.5, p.opening * (dist + 0.3 * size))
        outline = skia.Op(outline, hole, skia.PathOp.kDifference_PathOp) or outline
    d = Sketch()
    if p.style == "outline":
        # Lines in the cloud role on a fill of the line role (as xiangyun's outline).
        d.fill(outline, t["line"])
        _inner_band(d, outline, 2.6 * lw, 3.4 * lw, t["cloud"])
        d.stroke(outline, t["cloud"], 1.2 * lw)
    else:
        d.fill(outline, t["cloud"])
        band_col = t["light"] if p.style == "banded" else t["line"]
        near, far = (1.8 * lw, 4.8 * lw) if p.style == "banded" else (2.4 * lw, 3.2 * lw)
        _inner_band(d, outline, near, far, band_col)
        d.stroke(outline, t["line"], 0.7 * lw)
    scroll_col = (
        t["cloud"] if p.style == "outline" else (t["light"] if p.style == "banded" else t["line"])
    )
    for (_sil, lines, heart), m in zip(shapes, placements, strict=True):
        if heart is not None and p.style != "outline":
            h = skia.Path(heart)
            hm = skia.Matrix()
            hm.setTranslate(0.0, -0.31)
            hm.postConcat(m)
            h.transform(hm)
            d.fill(h, t["accent"])
            d.stroke(h, t["line"], 0.6 * lw)
        path = skia.Path()
        for sp in lines:
            path.addPath(smooth_path(sp, closed=False))
        path.transform(m)
        d.stroke(path, scroll_col, lw)
    return d.finish(margin=0.01)


def _inner_band(d: Sketch, shape: skia.Path, near: float, far: float, color: RGB) -> None:
    """A band between ``near`` and ``far`` inside ``shape``'s outline (a stroke, clipped)."""
    outer = stroke_outline(shape, 2.0 * far)
    inner = stroke_outline(shape, 2.0 * near)
    band = skia.Op(outer, inner, skia.PathOp.kDifference_PathOp) or outer
    d.fill_clipped(shape, band, color)
