"""Exact area-preserving marbling maps (Jaffer; Lu et al. 2012), inverted pointwise.

Marbling moves floating ink by maps of the plane that keep area (ink is
incompressible): drops push old ink outward, tines drag it along a stroke,
vortices turn it about a centre. To colour a point of the finished pattern we
follow it *backwards* through the sequence of maps until it lands in the drop
that put ink there. Every inverse is closed form, so the pattern is exact at
any resolution.

Anti-aliasing follows the point's Jacobian ``J`` (how a step in the output moves
its pre-image): the pixel's footprint, carried back through the maps, becomes a
window of radial width ``|J^T n| * footprint`` at each drop, over which the ring
colours are box-filtered exactly. The samplers (combs, vortices) carry ``J`` too;
its determinant stays 1 (area kept), which their tests check.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "Bursts",
    "Jac",
    "drop_forward",
    "drop_inverse",
    "inverse_bursts",
    "sample_through",
    "wave_shear_inverse",
]

_J_CAP = 1.0e8  # a pre-image squeezed past this is averaged anyway; keeps J finite


class Jac:
    """The 2x2 Jacobian ``[[a, b], [c, d]]`` of the backward map, per point."""

    __slots__ = ("a", "b", "c", "d")

    def __init__(self, n: int):
        self.a = np.ones(n)
        self.b = np.zeros(n)
        self.c = np.zeros(n)
        self.d = np.ones(n)

    def take(self, idx: np.ndarray) -> None:
        self.a, self.b, self.c, self.d = self.a[idx], self.b[idx], self.c[idx], self.d[idx]

    def left(self, m00, m01, m10, m11) -> None:
        """``J <- M J`` for a per-point matrix ``M``."""
        a, b, c, d = self.a, self.b, self.c, self.d
        self.a = m00 * a + m01 * c
        self.b = m00 * b + m01 * d
        self.c = m10 * a + m11 * c
        self.d = m10 * b + m11 * d

    def cap(self) -> None:
        """Scale down Jacobians past :data:`_J_CAP` (their windows average anyway)."""
        big = np.maximum(
            np.maximum(np.abs(self.a), np.abs(self.b)), np.maximum(np.abs(self.c), np.abs(self.d))
        )
        over = big > _J_CAP
        if over.any():
            f = _J_CAP / big[over]
            for name in self.__slots__:
                getattr(self, name)[over] *= f

    def grad_norm(self, nx, ny) -> np.ndarray:
        """``|J^T n|``: how fast a pre-image's projection on ``n`` moves per output unit."""
        gx = self.a * nx + self.c * ny
        gy = self.b * nx + self.d * ny
        return np.sqrt(gx * gx + gy * gy)


@dataclass(frozen=True)
class Bursts:
    """Ink put down in order: burst k is ``count[k]`` rings dropped at one centre.

    ``bounds[k, j]`` is the outer radius of ring j counted from the centre (the last
    drop is ring 0), ``colors[k, j]`` its sRGB colour and ``cum[k, j]`` the integral
    of colour over radius from 0 to ``bounds[k, j - 1]`` (``cum[k, 0] = 0``), so that a
    window's mean colour is two look-ups.
    """

    cx: np.ndarray
    cy: np.ndarray
    count: np.ndarray
    bounds: np.ndarray
    colors: np.ndarray
    cum: np.ndarray

    @classmethod
    def make(cls, centres, radii_lists, color_lists) -> Bursts:
        """From per-burst lists of drop radii and colours, in the order dropped."""
        k = len(radii_lists)
        m = max(len(r) for r in radii_lists)
        bounds = np.zeros((k, m))
        colors = np.zeros((k, m, 3))
        cum = np.zeros((k, m + 1, 3))
        count = np.zeros(k, np.int64)
        for i, (radii, cols) in enumerate(zip(radii_lists, color_lists, strict=True)):
            r2 = np.asarray(radii, float)[::-1] ** 2  # last drop innermost
            b = np.sqrt(np.cumsum(r2))
            n = len(b)
            bounds[i, :n] = b
            bounds[i, n:] = b[-1]
            colors[i, :n] = np.asarray(cols, float)[::-1]
            colors[i, n:] = colors[i, n - 1]
            widths = np.diff(np.concatenate([[0.0], bounds[i]]))
            cum[i, 1:] = np.cumsum(widths[:, None] * colors[i], axis=0)
            count[i] = n
        c = np.asarray(centres, float).reshape(k, 2)
        return cls(c[:, 0].copy(), c[:, 1].copy(), count, bounds, colors, cum)


def _window_colour(bursts: Bursts, k: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Integral of burst k's colour over radius [lo, hi] (0 <= lo <= hi <= R)."""
    b = bursts.bounds[k, : bursts.count[k]]
    cols = bursts.colors[k]
    cum = bursts.cum[k]

    def integral(r: np.ndarray) -> np.ndarray:
        j = np.minimum(np.searchsorted(b, r, side="right"), len(b) - 1)
        start = np.where(j > 0, b[np.maximum(j - 1, 0)], 0.0)
        return cum[j] + (r - start)[:, None] * cols[j]

    return integral(hi) - integral(lo)


def drop_forward(x, y, cx: float, cy: float, r: float):
    """Where a drop of radius ``r`` at ``(cx, cy)`` moves floating ink at ``(x, y)``.

    ``p' = c + (p - c) sqrt(1 + r^2 / |p - c|^2)`` (Jaffer): the disc of radius r is
    the new ink, everything else moves out along its ray, keeping area.
    """
    vx, vy = x - cx, y - cy
    s = np.sqrt(1.0 + r * r / np.maximum(vx * vx + vy * vy, 1e-300))
    return cx + vx * s, cy + vy * s


def drop_inverse(x, y, cx: float, cy: float, r: float):
    """Where ink at ``(x, y)`` was before the drop (points in the new ink go to ``c``)."""
    vx, vy = x - cx, y - cy
    rho2 = np.maximum(vx * vx + vy * vy, 1e-300)
    s = np.sqrt(np.maximum(1.0 - r * r / rho2, 0.0))
    return cx + vx * s, cy + vy * s


def wave_shear_inverse(x, y, jac: Jac, angle: float, amp: float, wavelength: float, phase: float):
    """Undo ``p' = p + amp sin(2 pi (p . n) / wavelength + phase) m``: an area-keeping shear.

    ``m`` points along ``angle`` and ``n`` across it; the shift depends on the
    coordinate across, which the shear leaves alone, so its inverse is exact.
    """
    mx, my = math.cos(angle), math.sin(angle)
    nx, ny = -my, mx
    k = 2.0 * math.pi / wavelength
    arg = k * (x * nx + y * ny) + phase
    shift = amp * np.sin(arg)
    beta = amp * k * np.cos(arg)
    x = x - shift * mx
    y = y - shift * my
    # d(p)/d(p') = I - beta m n^T
    jac.left(1.0 - beta * mx * nx, -beta * mx * ny, -beta * my * nx, 1.0 - beta * my * ny)
    return x, y


def inverse_bursts(
    x: np.ndarray,
    y: np.ndarray,
    footprint: float,
    bursts: Bursts,
    ground: np.ndarray,
    jac: Jac | None = None,
) -> np.ndarray:
    """sRGB colour of 1-D points after every burst (the bath is ``ground``)."""
    n = x.size
    out = np.zeros((n, 3))
    if jac is None:
        jac = Jac(n)
    idx = np.arange(n)
    w = np.ones(n)
    half = 0.5 * footprint
    for k in range(len(bursts.cx) - 1, -1, -1):
        cx, cy = bursts.cx[k], bursts.cy[k]
        big_r = bursts.bounds[k, bursts.count[k] - 1]
        r2 = big_r * big_r
        vx = x - cx
        vy = y - cy
        rho2 = vx * vx + vy * vy
        np.maximum(rho2, 1e-300, out=rho2)
        rho = np.sqrt(rho2)
        # v^T J (v unnormalised): its length over rho is how fast the radius moves
        # per unit of output, so h is half the pixel's width in radius.
        ra = vx * jac.a + vy * jac.c
        rb = vx * jac.b + vy * jac.d
        h = np.sqrt(ra * ra + rb * rb)
        h *= half
        h /= rho
        touch = np.flatnonzero(rho - h < big_r)
        if touch.size:
            rt = rho[touch]
            ht = np.maximum(h[touch], 1e-300)
            lo = np.maximum(rt - ht, 0.0)
            hi = np.maximum(np.minimum(rt + ht, big_r), lo)
            inside = _window_colour(bursts, k, lo, hi)
            # A window reaching past the centre covers the rings on the far side too.
            across = np.minimum(np.maximum(ht - rt, 0.0), big_r)
            inside += _window_colour(bursts, k, np.zeros_like(across), across)
            scale = w[touch] / (2.0 * ht)
            out[idx[touch]] += inside * scale[:, None]
            share_in = np.minimum((hi - lo + across) / (2.0 * ht), 1.0)
            w[touch] *= 1.0 - share_in
            # The part of the window outside the burst continues from its middle.
            rep = 0.5 * (np.maximum(big_r, rt - ht) + rt + ht)
            rep = np.maximum(rep, big_r * (1.0 + 1e-12))
            scale_v = rep / rt
            vx[touch] *= scale_v
            vy[touch] *= scale_v
            ra[touch] *= scale_v
            rb[touch] *= scale_v
            rho2[touch] = rep * rep
            rho[touch] = rep
        # Back through the drop, along the same ray: rho_prev^2 = rho^2 - R^2.
        srho = np.sqrt(np.maximum(rho2 - r2, 0.0))
        s = srho / rho
        np.maximum(s, 1e-9, out=s)
        x = cx + vx * s
        y = cy + vy * s
        # J <- (s I + R^2 / (s rho^4) v v^T) J, with v^T J = (ra, rb) already known.
        kk = r2 / (s * rho2 * rho2)
        kvx = kk * vx
        kvy = kk * vy
        jac.a = s * jac.a + kvx * ra
        jac.b = s * jac.b + kvx * rb
        jac.c = s * jac.c + kvy * ra
        jac.d = s * jac.d + kvy * rb
        if touch.size and s.min() < 1e-3:
            jac.cap()
        live = w > 1e-7
        if not live.all():
            keep = np.flatnonzero(live)
            if not keep.size:
                return out
            x, y, w, idx = x[keep], y[keep], w[keep], idx[keep]
            jac.take(keep)
    out[idx] += w[:, None] * ground
    return out


def sample_through(call: Call, name: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample input ``name`` at mapped points with the output's own footprint.

    A marbling stroke keeps area, so a pixel's pre-image is a thin ellipse of the
    same area: squeezed one way, stretched the other. No single isotropic footprint
    fits it, and a wide one (the stretch) visibly blurs the strokes, while the
    plain one only aliases where a pixel's pre-image is several times longer than
    wide. Anisotropic taps along the ellipse cost one input evaluation each (a
    full marbled bath); measured on the examples they were not worth their time.
    """
    return call.input(name, x, y, call.footprint)
