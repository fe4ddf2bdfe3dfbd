"""Strokes of varying width: filled outlines around polylines (for skia drawings)."""

from __future__ import annotations

import numpy as np
import skia

__all__ = ["polyline", "tapered_outline"]


def tapered_outline(pts: np.ndarray, widths: np.ndarray) -> skia.Path:
    """A closed polygon around a polyline ``(n, 2)``, ``widths[i]`` wide at vertex i.

    The offset at each vertex is along the normal of the central difference of
    its neighbours, so the outline is smooth where the line bends gently.
    """
    d = np.gradient(pts, axis=0)
    d /= np.maximum(np.linalg.norm(d, axis=-1, keepdims=True), 1e-12)
    normal = np.stack([-d[:, 1], d[:, 0]], axis=-1) * (0.5 * np.asarray(widths))[:, None]
    ring = np.concatenate([pts + normal, (pts - normal)[::-1]])
    return skia.Path.Polygon([skia.Point(x, y) for x, y in ring.tolist()], True)


def polyline(pts: np.ndarray) -> skia.Path:
    """An open path through the points ``(n, 2)``."""
    return skia.Path.Polygon([skia.Point(x, y) for x, y in np.asarray(pts).tolist()], False)
