"""Drawing helpers of the Chinese motifs: tapered bands, blades, mirrored halves."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import skia

from foulard.ops._common.shapes import catmull_rom_points, smooth_path

__all__ = ["Transformed", "band", "blade", "fit", "mirrored", "spiral", "spline"]


def spline(points: Sequence[Sequence[float]], samples: int = 48) -> np.ndarray:
    """``samples`` points along the Catmull-Rom spline through ``points``."""
    return catmull_rom_points(np.asarray(points, np.float64), samples)


def band(
    spine: np.ndarray,
    widths: np.ndarray | Sequence[float],
    *,
    cap: str = "round",
    tension: float = 0.9,
) -> skia.Path:
    """A closed outline around ``spine`` with half-width ``widths`` at each point.

    ``widths`` is one value per spine point (or two values, blended linearly).
    ``cap`` closes the ends: ``round`` (a half disc), ``point`` (the spine's end)
    or ``flat``.
    """
    spine = np.asarray(spine, np.float64)
    w = np.asarray(widths, np.float64)
    if w.size == 2:
        w = np.linspace(w[0], w[1], len(spine))
    tan = np.gradient(spine, axis=0)
    tan /= np.maximum(np.hypot(tan[:, 0], tan[:, 1]), 1e-12)[:, None]
    nrm = np.stack([-tan[:, 1], tan[:, 0]], axis=1)
    left = spine + nrm * w[:, None]
    right = spine - nrm * w[:, None]
    if cap == "round" and w[-1] > 0:
        a0 = math.atan2(nrm[-1, 1], nrm[-1, 0])
        th = np.linspace(a0, a0 - math.pi, 7)[1:-1]
        end = spine[-1] + w[-1] * np.stack([np.cos(th), np.sin(th)], axis=1)
        a1 = math.atan2(-nrm[0, 1], -nrm[0, 0])
        th = np.linspace(a1, a1 - math.pi, 7)[1:-1]
        start = spine[0] + w[0] * np.stack([np.cos(th), np.sin(th)], axis=1)
        pts = np.vstack([left, end, right[::-1], start])
    elif cap == "point":
        pts = np.vstack([spine[:1], left[1:-1], spine[-1:], right[-2:0:-1]])
    else:
        pts = np.vstack([left, right[::-1]])
    return smooth_path(pts, closed=True, tension=tension)


def blade(
    base: Sequence[float], angle: float, length: float, width: float, bend: float, *, n: int = 24
) -> tuple[skia.Path, np.ndarray]:
    """A pointed leaf blade from ``base`` along ``angle`` (radians), bending sideways.

    Returns the outline and the midrib points. The width swells to ``width`` a
    third of the way out and tapers to a point (the lanceolate leaf of bamboo and
    orchid).
    """
    t = np.linspace(0.0, 1.0, n)
    along = t * length
    side = bend * length * t * t
    c, s = math.cos(angle), math.sin(angle)
    mid = np.stack([base[0] + along * c - side * s, base[1] + along * s + side * c], axis=1)
    profile = width * np.sin(np.pi * np.minimum(t / 0.72, 1.0) * 0.5) ** 0.7 * (1.0 - t) ** 0.8
    profile = np.maximum(profile, 0.0)
    profile[0] = 0.25 * width
    return band(mid, profile, cap="point"), mid


def mirrored(path: skia.Path, cx: float) -> skia.Path:
    """``path`` reflected about the vertical line ``x = cx``."""
    m = skia.Matrix()
    m.setScale(-1.0, 1.0)
    m.postTranslate(2.0 * cx, 0.0)
    out = skia.Path(path)
    out.transform(m)
    return out


def spiral(cx: float, cy: float, r_end: float, end_angle: float, turns: float, spin: float):
    """Points of an Archimedean spiral growing out to ``r_end``, ending at ``end_angle``."""
    total = 2.0 * math.pi * turns
    th = np.linspace(0.0, total, max(12, int(30 * turns)))
    r = r_end * (0.12 + 0.88 * th / total)
    a = end_angle - spin * (total - th)
    return np.stack([cx + r * np.cos(a), cy + r * np.sin(a)], axis=1)


class Transformed:
    """Draws into a sketch through a similarity transform (paths and line widths).

    Lets a motif draw several copies of a part (bats round a centre, fish in a
    pair) in the part's own units.
    """

    def __init__(self, sketch, matrix: skia.Matrix):
        self.sketch = sketch
        self.matrix = matrix
        self.scale = math.sqrt(
            abs(matrix.getScaleX() * matrix.getScaleY() - matrix.getSkewX() * matrix.getSkewY())
        )

    def _map(self, path: skia.Path) -> skia.Path:
        out = skia.Path(path)
        out.transform(self.matrix)
        return out

    def fill(self, path: skia.Path, color) -> None:
        self.sketch.fill(self._map(path), color)

    def stroke(self, path: skia.Path, color, width: float) -> None:
        self.sketch.stroke(self._map(path), color, width * self.scale)

    def fill_clipped(self, clip: skia.Path, path: skia.Path, color) -> None:
        self.sketch.fill_clipped(self._map(clip), self._map(path), color)


def fit(sketch, fill: float = 0.96, most: float = 1.35) -> None:
    """Move and scale everything drawn so its box is centred and spans ``fill`` of the box.

    For motifs whose extent comes from the generator (plants, branches): they are
    drawn where they grow, then framed. A small drawing is enlarged at most
    ``most`` times, so flowers and leaves keep their size.
    """
    x0, y0, x1, y1 = sketch.extent()
    size = max(x1 - x0, y1 - y0)
    if not math.isfinite(size) or size <= 0:
        return
    k = min(fill / size, most)
    m = skia.Matrix()
    m.setTranslate(-0.5 * (x0 + x1), -0.5 * (y0 + y1))
    m.postScale(k, k)
    m.postTranslate(0.5, 0.5)
    sketch.transform(m)
