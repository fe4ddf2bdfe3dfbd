"""Sampling a source at warped points with a footprint that follows the local stretch.

A warp reads its source at ``q = T(p)``. Where ``T`` stretches the source (one
output pixel covers many source pixels) the source must be read with a larger
footprint, or it aliases; where ``T`` magnifies, a smaller footprint keeps it sharp.
The stretch is the larger singular value of ``T``'s Jacobian. Points are grouped by
their stretch in half octaves, and each group is read with one footprint: a vector
source then picks its raster level per group, a field its anti-aliasing width.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "MAX_COORD",
    "fd_jacobian",
    "radial_jacobian",
    "sample_anisotropic",
    "sample_stretched",
    "sigma_max",
]

_MIN_STRETCH = 1.0 / 64.0
_MAX_STRETCH = 4096.0
MAX_COORD = 1.0e6  # warped coordinates are kept finite (poles, infinities)


def sigma_max(a, b, c, d) -> np.ndarray:
    """The larger singular value of the 2x2 matrices ``[[a, b], [c, d]]`` (elementwise).

    >>> float(sigma_max(np.array(2.0), 0.0, 0.0, np.array(0.5)))
    2.0
    """
    f = a * a + b * b + c * c + d * d
    det = a * d - b * c
    disc = np.sqrt(np.maximum(f * f - 4.0 * det * det, 0.0))
    return np.sqrt(0.5 * (f + disc))


def radial_jacobian(ux, uy, radial, round_):
    """Jacobian of a map that stretches by ``radial`` along the unit vector ``(ux, uy)``
    and by ``round_`` across it: ``round_ I + (radial - round_) u u^T``."""
    k = radial - round_
    return round_ + k * ux * ux, k * ux * uy, k * ux * uy, round_ + k * uy * uy


def fd_jacobian(
    warp: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    x: np.ndarray,
    y: np.ndarray,
    h: float,
    qx: np.ndarray,
    qy: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Jacobian ``(du/dx, du/dy, dv/dx, dv/dy)`` of ``warp`` by forward differences over ``h``.

    ``(qx, qy)`` is ``warp(x, y)``, already computed by the caller.
    """
    ax, ay = warp(x + h, y)
    bx, by = warp(x, y + h)
    inv = 1.0 / h
    return (ax - qx) * inv, (bx - qx) * inv, (ay - qy) * inv, (by - qy) * inv


def sample_stretched(call, name: str, u: np.ndarray, v: np.ndarray, stretch) -> np.ndarray:
    """Input ``name`` at ``(u, v)``, each point with footprint ``call.footprint * stretch``.

    ``stretch`` (an array like ``u``, or a number) is rounded to half octaves, so
    few distinct footprints are asked for. Non-finite coordinates and stretches are
    kept finite (a pole reads the far source with the largest footprint).
    """
    u = np.clip(np.nan_to_num(u, nan=0.0), -MAX_COORD, MAX_COORD)
    v = np.clip(np.nan_to_num(v, nan=0.0), -MAX_COORD, MAX_COORD)
    fp = call.footprint
    s = np.clip(np.nan_to_num(np.asarray(stretch, np.float64), nan=_MAX_STRETCH), 0.0, None)
    k = np.rint(2.0 * np.log2(np.clip(s, _MIN_STRETCH, _MAX_STRETCH))).astype(np.int64)
    if k.ndim == 0 or k.size == 0:
        return call.input(name, u, v, fp * 2.0 ** (float(k) / 2.0) if k.ndim == 0 else fp)
    k = np.broadcast_to(k, u.shape)
    lo, hi = int(k.min()), int(k.max())
    if lo == hi:
        return call.input(name, u, v, fp * 2.0 ** (lo / 2.0))
    out = np.empty((*u.shape, call.input_channels(name)), np.float32)
    for level in np.unique(k):
        m = k == level
        out[m] = call.input(name, u[m], v[m], fp * 2.0 ** (float(level) / 2.0))
    return out


_MAX_TAPS = 4


def sample_anisotropic(call, name: str, u: np.ndarray, v: np.ndarray, jac) -> np.ndarray:
    """Input ``name`` at ``(u, v)``, filtered over the pixel's image under the warp.

    ``jac = (a, b, c, d)`` is the warp's Jacobian ``[[du/dx, du/dy], [dv/dx, dv/dy]]``.
    One output pixel covers an ellipse of the source with axes ``s1 >= s2`` (the
    singular values) times the footprint. A round footprint as wide as ``s1`` would
    blur along the short axis, so where the ellipse is long the source is read at
    up to four taps along its long axis, each with a footprint of
    ``max(s2, s1 / taps)``, and averaged (anisotropic filtering, as in Heckbert's
    elliptical weighted average, with a box of taps instead of a Gaussian).
    """
    a, b, c, d = (np.broadcast_to(np.asarray(t, np.float64), u.shape) for t in jac)
    f = a * a + b * b + c * c + d * d
    det = a * d - b * c
    disc = np.sqrt(np.maximum(f * f - 4.0 * det * det, 0.0))
    s1 = np.sqrt(0.5 * (f + disc))
    s2 = np.sqrt(np.maximum(0.5 * (f - disc), 0.0))
    ratio = s1 / np.maximum(s2, 1e-12)
    taps = np.clip(np.rint(ratio), 1, _MAX_TAPS).astype(np.int8)
    if taps.size == 0 or taps.max() == 1:
        return sample_stretched(call, name, u, v, s1)
    out = np.empty((*u.shape, call.input_channels(name)), np.float32)
    for n in np.unique(taps):
        m = taps == n
        um, vm, s1m = u[m], v[m], s1[m]
        if n == 1:
            out[m] = sample_stretched(call, name, um, vm, s1m)
            continue
        am, bm, cm, dm = a[m], b[m], c[m], d[m]
        # Long axis of the ellipse in the source: the major eigenvector of J J^T.
        theta = 0.5 * np.arctan2(
            2.0 * (am * cm + bm * dm), (am * am + bm * bm) - (cm * cm + dm * dm)
        )
        length = s1m * call.footprint
        ex, ey = np.cos(theta) * length, np.sin(theta) * length
        each = np.maximum(s2[m], s1m / n)
        acc = np.zeros((um.size, out.shape[-1]), np.float32)
        for i in range(n):
            t = (i + 0.5) / n - 0.5
            acc += sample_stretched(call, name, um + t * ex, vm + t * ey, each)
        out[m] = acc * np.float32(1.0 / n)
    return out
