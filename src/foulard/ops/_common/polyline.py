"""Polylines for the vector motifs and ornaments: paths, ribbons, arc length, fitting.

Everything works on NumPy point arrays ``(n, 2)`` in motif units and returns skia
paths or point arrays. A *ribbon* is a centre line swept with a varying width
(stems, straps, scrolls, lobes).
"""

from __future__ import annotations

import math

import numpy as np
import skia

__all__ = ["arc_length", "fit", "fitted", "normals", "poly_path", "resample", "ribbon"]


def poly_path(points: np.ndarray, *, closed: bool) -> skia.Path:
    """A path of straight segments through ``points`` (dense polylines stay smooth)."""
    path = skia.Path()
    pts = np.asarray(points, np.float64)
    if len(pts) < 2:
        return path
    path.moveTo(float(pts[0, 0]), float(pts[0, 1]))
    for x, y in pts[1:]:
        path.lineTo(float(x), float(y))
    if closed:
        path.close()
    return path


def arc_length(points: np.ndarray) -> np.ndarray:
    """Cumulative length along a polyline, starting at 0."""
    seg = np.hypot(*np.diff(points, axis=0).T)
    return np.concatenate([[0.0], np.cumsum(seg)])


def resample(points: np.ndarray, count: int) -> np.ndarray:
    """``count`` points evenly spaced by arc length along a polyline."""
    s = arc_length(points)
    at = np.linspace(0.0, s[-1], count)
    return np.stack([np.interp(at, s, points[:, 0]), np.interp(at, s, points[:, 1])], axis=1)


def normals(points: np.ndarray) -> np.ndarray:
    """Unit normals of a polyline (its tangents turned a quarter clockwise on screen)."""
    tan = np.gradient(points, axis=0)
    tan /= np.maximum(np.hypot(tan[:, 0], tan[:, 1]), 1e-12)[:, None]
    return np.stack([-tan[:, 1], tan[:, 0]], axis=1)


def ribbon(points: np.ndarray, widths: np.ndarray | float) -> np.ndarray:
    """The closed outline of ``points`` swept ``widths`` wide (full width), as a polygon."""
    w = np.broadcast_to(np.asarray(widths, np.float64), (len(points),))
    n = normals(points) * (0.5 * w)[:, None]
    return np.vstack([points + n, (points - n)[::-1]])


def fit(sketch, margin: float = 0.03) -> None:
    """Scale and move everything drawn on ``sketch`` so it fills the box, centred.

    Motifs are drawn at a convenient size; this centres their extent on (0.5, 0.5)
    and scales it until its larger side spans the box less ``margin`` each side.
    Nothing happens when nothing has been drawn.
    """
    x0, y0, x1, y1 = sketch.extent()
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return
    span = max(x1 - x0, y1 - y0, 1e-9)
    k = (1.0 - 2.0 * margin) / span
    m = skia.Matrix()
    m.setTranslate(-0.5 * (x0 + x1), -0.5 * (y0 + y1))
    m.postScale(k, k)
    m.postTranslate(0.5, 0.5)
    sketch.transform(m)


def fitted(sketch, *, rotation: float = 0.0, margin: float = 0.03):
    """The finished drawing of a free-standing motif drawn at a convenient size.

    Everything on ``sketch`` is turned clockwise by ``rotation`` degrees about the
    box centre, then :func:`fit` to the box ``margin`` clear.
    """
    if rotation:
        m = skia.Matrix()
        m.setRotate(rotation, 0.5, 0.5)
        sketch.transform(m)
    fit(sketch, margin)
    return sketch.finish()
