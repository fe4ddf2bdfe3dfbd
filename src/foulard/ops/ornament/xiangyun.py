"""Xiangyun (祥云): auspicious clouds, ruyi-headed spiral scrolls with flowing tails."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, edge_band, mix, smooth_path, union
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class XiangyunParams(Params):
    clouds: int = param(3, range=(1, 6), doc="clouds in the cluster")
    curls: int = param(3, range=(3, 5), doc="spiral lobes in each cloud head (3 or 5)")
    turns: float = param(1.6, range=(0.5, 3.0), doc="turns of each spiral", unit="turns")
    tail: float = param(0.7, range=(0.0, 1.0), doc="length of the flowing tails")
    flow: str = param("right", choices=("right", "left"), doc="side the tails stream to")
    style: str = param(
        "solid",
        choices=("solid", "outline", "banded"),
        doc="solid fill with reserve lines, line drawing, or fill with a light inner band",
    )
    line_width: float = param(0.006, range=(0.001, 0.03), doc="line width", unit="motif units")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="irregularity of lobes and layout")
    cloud_color: int = param(1, range=(0, 47), doc="palette role of the clouds")
    line_color: int = param(0, range=(0, 47), doc="palette role of the lines (0: reserve)")


def tones(p: XiangyunParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a cloud cluster paints: the cloud and line roles, and one fixed mix.

    ``banded`` clouds add the cloud role mixed with white by 0.45 (the inner band).
    """
    cloud = palette.role(p.cloud_color)
    return {
        "cloud": cloud,
        "line": palette.role(p.line_color),
        "light": mix(cloud, WHITE, 0.45),
    }


# Where the clouds of a cluster sit (x, y, scale), in units of the main lobe, for
# tails streaming to the right (mirrored for the left).
_SLOTS = (
    (0.0, 0.0, 1.0),
    (2.2, -1.8, 0.7),
    (-1.0, -2.05, 0.62),
    (1.05, -3.55, 0.55),
    (3.7, -3.4, 0.5),
    (-1.9, 1.95, 0.5),
)


def _spiral(cx, cy, r_end, end_angle, turns, spin) -> np.ndarray:
    """Points of an Archimedean spiral growing out to ``r_end`` at ``end_angle``."""
    total = 2.0 * math.pi * turns
    th = np.linspace(0.0, total, max(12, int(28 * turns)))
    r = r_end * (0.1 + 0.9 * th / total)
    a = end_angle - spin * (total - th)
    return np.stack([cx + r * np.cos(a), cy + r * np.sin(a)], axis=1)


def _ribbon(spine: np.ndarray, w0: float, w1: float) -> np.ndarray:
    """A ribbon polygon around ``spine``, half-width tapering from ``w0`` to ``w1``."""
    tan = np.gradient(spine, axis=0)
    tan /= np.hypot(tan[:, 0], tan[:, 1])[:, None]
    nrm = np.stack([-tan[:, 1], tan[:, 0]], axis=1)
    s = np.linspace(0.0, 1.0, len(spine))
    w = w1 + (w0 - w1) * (1.0 - s) ** 1.2 * (1.0 + 1.2 * s)
    left = spine + nrm * w[:, None]
    right = spine - nrm * w[:, None]
    return np.vstack([left, spine[-1:] + tan[-1:] * 0.01, right[::-1]])


def _cloud(p: XiangyunParams, rng: np.random.Generator, mirror: bool):
    """One cloud in its own units (main lobe radius ~0.6, head at the origin).

    Returns the silhouette and the spiral centre lines.
    """
    j = 0.08 * p.jitter
    lobes = [
        (0.0, -0.5, 0.62, 1.0),
        (-0.9, 0.02, 0.5, -1.0),
        (0.9, 0.02, 0.5, 1.0),
    ]
    if p.curls >= 5:
        lobes += [(-1.45, 0.5, 0.36, 1.0), (1.45, 0.5, 0.36, -1.0)]
    lobes = [
        (x + rng.normal(0, j), y + rng.normal(0, j), r * (1 + rng.normal(0, j)), s)
        for x, y, r, s in lobes
    ]
    parts = []
    for x, y, r, _s in lobes:
        c = skia.Path()
        c.addCircle(x, y, r)
        parts.append(c)
    # The body between the lobes; without a tail, the pointed ruyi chin under it.
    hub = skia.Path()
    hub.addCircle(0.0, 0.1, 0.62)
    hub.addOval(skia.Rect.MakeLTRB(-0.9, -0.4, 0.9, 0.42))
    parts.append(hub)
    if p.tail == 0:
        parts.append(
            smooth_path(
                [(-0.6, 0.3), (0.6, 0.3), (0.25, 0.7), (0.0, 1.05), (-0.25, 0.7)],
                closed=True,
                tension=0.7,
            )
        )
    if p.tail > 0:
        # A ribbon streaming from under the head, ending in a small curl of its own.
        k = 0.6 + 2.6 * p.tail
        pts = np.array(
            [
                (0.2, 0.45),
                (0.75, 0.74),
                (0.75 + 0.35 * k, 0.8),
                (0.75 + 0.7 * k, 0.62),
                (0.75 + k, 0.3),
            ]
        )
        pts[2:] += rng.normal(0, 0.5 * j, size=(len(pts) - 2, 2))
        spine = _sample(pts, 60)
        parts.append(smooth_path(_ribbon(spine, 0.26, 0.1)[::2], closed=True, tension=0.9))
        root = skia.Path()  # fills the pocket between the hub, the right lobe and the tail
        root.addCircle(0.5, 0.45, 0.33)
        parts.append(root)
        ex, ey = spine[-1]
        tx, ty = spine[-1] - spine[-4]
        tn = math.hypot(tx, ty)
        tx, ty = tx / tn, ty / tn
        r = 0.24 + 0.06 * p.tail
        # The curl sits beside the tail's end, turning back over it.
        cx, cy = ex + 0.6 * r * ty, ey - 0.6 * r * tx
        end = skia.Path()
        end.addCircle(cx, cy, r)
        parts.append(end)
        lobes.append((cx, cy, r, 1.0))
    spirals = []
    for x, y, r, s in lobes:
        # Each spiral opens towards the middle of the head, where the lobes meet.
        end = math.atan2(0.15 - y, -x) if abs(x) > 1e-6 else math.pi / 2
        spirals.append(_spiral(x, y, 0.72 * r, end + 0.25 * s, p.turns, s))
    silhouette = union(parts)
    if mirror:
        m = skia.Matrix.Scale(-1.0, 1.0)
        silhouette.transform(m)
        spirals = [sp * np.array([-1.0, 1.0]) for sp in spirals]
    return silhouette, spirals


def _sample(points: np.ndarray, count: int) -> np.ndarray:
    """``count`` points along the Catmull-Rom spline through ``points``."""
    pts = np.vstack([points[:1], points, points[-1:]])
    segs = len(points) - 1
    u = np.linspace(0.0, segs, count)
    i = np.minimum(u.astype(int), segs - 1)
    t = (u - i)[:, None]
    p0, p1, p2, p3 = pts[i], pts[i + 1], pts[i + 2], pts[i + 3]
    return 0.5 * (
        2 * p1
        + (p2 - p0) * t
        + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
        + (3 * p1 - p0 - 3 * p2 + p3) * t * t * t
    )


@operator(
    "ornament.xiangyun",
    kind="vector",
    version=1,
    tags=("cloud", "auspicious", "ruyi", "scroll", "祥云", "云纹", "如意"),
)
def xiangyun(p: XiangyunParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Auspicious clouds (祥云): ruyi-headed clusters of spiral curls with flowing tails.

    Each cloud head is the union of three or five circular lobes, a body and the
    pointed ruyi chin (skia path booleans), with an Archimedean spiral coiled in every
    lobe and opening towards the heart of the head; a tapering ribbon tail streams
    to one side. Clouds of falling size are stacked back to front and the cluster is
    fitted into the motif box. ``solid``: filled, with an inner contour line and the
    spirals in the line role (a reserve line when that is the ground); ``outline``:
    the same lines in the cloud role on the line role; ``banded``: filled, with a
    light inner band (see :func:`tones`).

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament*, pl. LIX-LX (Chinese ornament);
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. ruyi and clouds (祥云);
    Qing court embroidery of coiled gold clouds (蟠金云).
    """
    t = tones(p, palette)
    mirror = p.flow == "left"
    clouds = []
    # The main cloud, then smaller ones stacked in slots above and beside it, where
    # their tails stream clear of the other heads (drawn first, so behind).
    placed = []
    for i, (x, y, s) in enumerate(_SLOTS[: p.clouds]):
        jx, jy = (0.0, 0.0) if i == 0 else rng.normal(0.0, 0.12 * p.jitter, 2)
        scale = s * (1.0 + (0.0 if i == 0 else 0.1 * p.jitter * rng.normal()))
        placed.append(((x + jx) * (-1 if mirror else 1), y + jy, scale))
    for x, y, s in reversed(placed):
        sil, spirals = _cloud(p, rng, mirror)
        m = skia.Matrix()
        m.setScale(s, s)
        m.postTranslate(x, y)
        sil.transform(m)
        spirals = [sp * s + np.array([x, y]) for sp in spirals]
        clouds.append((sil, spirals))
    # Fit the cluster into the box with a small margin.
    box = skia.Rect.MakeEmpty()
    for sil, _ in clouds:
        b = sil.computeTightBounds()
        box = (
            b
            if box.isEmpty()
            else skia.Rect.MakeLTRB(
                min(box.left(), b.left()),
                min(box.top(), b.top()),
                max(box.right(), b.right()),
                max(box.bottom(), b.bottom()),
            )
        )
    scale = 0.94 / max(box.width(), box.height())
    fit = skia.Matrix()
    fit.setTranslate(-box.centerX(), -box.centerY())
    fit.postScale(scale, scale)
    fit.postTranslate(0.5, 0.5)
    lw = p.line_width
    d = Drawing()
    for sil, spirals in clouds:
        sil.transform(fit)
        lines = skia.Path()
        for sp in spirals:
            pts = (sp - [box.centerX(), box.centerY()]) * scale + 0.5
            lines.addPath(smooth_path(pts, closed=False))
        if p.style == "outline":
            d.fill(sil, t["line"])
            d.stroke(sil, t["cloud"], lw)
            edge_band(d, sil, 2.7 * lw, 3.3 * lw, t["cloud"], t["line"])
            d.stroke(lines, t["cloud"], lw)
        else:
            d.fill(sil, t["cloud"])
            if p.style == "banded":
                edge_band(d, sil, 2.0 * lw, 4.5 * lw, t["light"], t["cloud"])
                d.stroke(lines, t["light"], lw)
            else:
                edge_band(d, sil, 2.2 * lw, 2.8 * lw, t["line"], t["cloud"])
                d.stroke(lines, t["line"], lw)
            d.stroke(sil, t["line"], 0.6 * lw)
    return d
