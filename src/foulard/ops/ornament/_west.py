"""Drawing helpers of the Western ornaments: scrolls, leaves, rosettes, small elements.

Everything works on NumPy point arrays in motif units and returns skia paths. A
*scroll* is a centre line whose curvature grows along it, so it winds into a
volute, the basic gesture of acanthus, rinceau, arabesque and damask. The polyline
helpers (paths, ribbons, resampling, fitting the box) are the ones the motifs use
too, from :mod:`foulard.ops._common.polyline`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import skia

from foulard.ops._common.polyline import arc_length, fit, normals, poly_path, resample, ribbon

__all__ = [
    "arc_length",
    "bell_flower",
    "fit",
    "leaf_blade",
    "mirror_x",
    "normals",
    "poly_path",
    "resample",
    "ribbon",
    "rosette",
    "scroll_line",
    "window_copies",
]


def scroll_line(
    x: float,
    y: float,
    angle: float,
    length: float,
    curl: float,
    *,
    turn: float = 1.0,
    straight: float = 0.3,
    samples: int = 160,
) -> np.ndarray:
    """A centre line winding into a volute: curvature grows along it.

    Starts at ``(x, y)`` heading ``angle`` (radians, y down). ``curl`` is the total
    turn in whole turns; ``turn`` +1 winds clockwise on screen, -1 the other way;
    ``straight`` is the share of the length that stays nearly straight before
    the winding gathers (curvature grows as ``s**2`` past it).
    """
    s = np.linspace(0.0, 1.0, samples)
    ramp = np.clip((s - straight) / max(1.0 - straight, 1e-6), 0.0, 1.0)
    # Heading: the integral of a curvature growing like ramp**2; normalised to `curl` turns.
    heading = ramp**3
    heading = angle + turn * 2.0 * math.pi * curl * heading / max(heading[-1], 1e-12)
    ds = length / (samples - 1)
    dx = np.cos(heading) * ds
    dy = np.sin(heading) * ds
    px = x + np.concatenate([[0.0], np.cumsum(dx[:-1])])
    py = y + np.concatenate([[0.0], np.cumsum(dy[:-1])])
    return np.stack([px, py], axis=1)


def leaf_blade(length: float, width: float, *, bend: float = 0.0, point: float = 0.7) -> skia.Path:
    """A pointed leaf along +x from its base at the origin (``width`` = full width).

    ``bend`` moves the tip sideways (share of the length); ``point`` (0..1) how
    sharp the tip is.
    """
    h = 0.5 * width
    tip = (length, bend * length)
    path = skia.Path()
    path.moveTo(0.0, 0.0)
    path.cubicTo(
        0.25 * length,
        1.25 * h,
        (1.0 - 0.35 * point) * length,
        (1.0 - point) * h + bend * length,
        *tip,
    )
    path.cubicTo(
        (1.0 - 0.35 * point) * length,
        -(1.0 - point) * h + bend * length,
        0.25 * length,
        -1.25 * h,
        0.0,
        0.0,
    )
    path.close()
    return path


def rosette(x: float, y: float, r: float, petals: int, *, phase: float = 0.0) -> skia.Path:
    """A flat rosette of round-tipped petals about ``(x, y)``, ``r`` in radius."""
    path = skia.Path()
    step = 2.0 * math.pi / petals
    half = 0.5 * step
    for i in range(petals):
        a = phase + i * step
        ca, sa = math.cos(a), math.sin(a)
        w = r * math.sin(half) * 1.05
        path.moveTo(x, y)
        path.cubicTo(
            x + 0.55 * r * ca - w * sa,
            y + 0.55 * r * sa + w * ca,
            x + 1.05 * r * ca - 0.9 * w * sa,
            y + 1.05 * r * sa + 0.9 * w * ca,
            x + r * ca,
            y + r * sa,
        )
        path.cubicTo(
            x + 1.05 * r * ca + 0.9 * w * sa,
            y + 1.05 * r * sa - 0.9 * w * ca,
            x + 0.55 * r * ca + w * sa,
            y + 0.55 * r * sa - w * ca,
            x,
            y,
        )
        path.close()
    return path


def bell_flower(x: float, y: float, angle: float, size: float) -> skia.Path:
    """A bellflower (husk): three pointed petals opening from a calyx, pointing ``angle``."""
    path = skia.Path()
    for da, k in ((0.0, 1.0), (-0.55, 0.78), (0.55, 0.78)):
        blade = leaf_blade(
            size * k, 0.42 * size * k, bend=0.12 * math.copysign(1.0, da) if da else 0.0
        )
        m = skia.Matrix()
        m.setRotate(math.degrees(angle + da))
        m.postTranslate(x, y)
        blade.transform(m)
        path.addPath(blade)
    return path


def mirror_x(path: skia.Path, axis: float = 0.5) -> skia.Path:
    """``path`` mirrored about the vertical line ``x = axis``."""
    m = skia.Matrix()
    m.setScale(-1.0, 1.0, axis, 0.0)
    out = skia.Path(path)
    out.transform(m)
    return out


def window_copies(path: skia.Path, period: float, x0: float, x1: float) -> skia.Path:
    """Copies of a frieze unit ``path`` (period ``period`` in x) over ``[x0, x1]`` and beyond."""
    out = skia.Path()
    for i in range(math.floor(x0 / period) - 2, math.ceil(x1 / period) + 2):
        copy = skia.Path(path)
        copy.offset(i * period, 0.0)
        out.addPath(copy)
    return out


def spiral_points(
    cx: float, cy: float, r0: float, r1: float, a0: float, turns: float, samples: int = 120
) -> np.ndarray:
    """An Archimedean spiral from radius ``r0`` at angle ``a0`` to ``r1`` after ``turns``."""
    t = np.linspace(0.0, 1.0, samples)
    a = a0 + 2.0 * math.pi * turns * t
    r = r0 + (r1 - r0) * t
    return np.stack([cx + r * np.cos(a), cy + r * np.sin(a)], axis=1)


def lerp_points(a: Sequence[float], b: Sequence[float], t: float) -> tuple[float, float]:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def volute_line(
    x: float,
    y: float,
    heading: float,
    rho0: float,
    turns: float,
    shrink: float,
    turn: float,
    samples: int = 200,
) -> np.ndarray:
    """A C-scroll ending in a volute, as a centre line from ``(x, y)`` heading ``heading``.

    Its radius of curvature starts at ``rho0`` and falls by the factor ``shrink`` as it
    winds ``turns`` turns (slowly at first: an open sweep, then a tight eye); ``turn``
    +1 winds clockwise on screen, -1 the other way.
    """
    u = np.linspace(0.0, 1.0, samples)
    kappa = shrink ** -(u**2) / rho0
    step = np.diff(u)
    swept = np.concatenate([[0.0], np.cumsum(0.5 * (kappa[1:] + kappa[:-1]) * step)])
    length = 2.0 * math.pi * turns / swept[-1]
    theta = heading + turn * swept * length
    ds = length / (samples - 1)
    px = x + np.concatenate([[0.0], np.cumsum(np.cos(theta[:-1]) * ds)])
    py = y + np.concatenate([[0.0], np.cumsum(np.sin(theta[:-1]) * ds)])
    return np.stack([px, py], axis=1)
