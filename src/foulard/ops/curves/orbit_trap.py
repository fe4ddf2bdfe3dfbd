"""Orbit traps: escape-time fractals shaded by how close each orbit passes a trap shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.curves._escape import BAILOUT, View, over_plane, power_step
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

TRAPS = ("cross", "point", "circle", "petals")
_COMPACT = 4
_CYCLE_EPS2 = 1e-20


@dataclass(frozen=True)
class OrbitTrapParams(Params):
    plane: str = param(
        "julia",
        choices=("julia", "mandelbrot"),
        doc="iterate each point with a fixed c (Julia), or use the point as c (Mandelbrot)",
    )
    c_re: float = param(-0.70176, range=(-2.0, 2.0), doc="real part of c (julia)")
    c_im: float = param(-0.3842, range=(-2.0, 2.0), doc="imaginary part of c (julia)")
    power: int = param(2, range=(2, 6), doc="d in z -> z^d + c")
    trap: str = param(
        "circle",
        choices=TRAPS,
        doc="the trap: Pickover's cross (stalks), a point, a circle, or a rose of petals",
    )
    trap_re: float = param(0.0, range=(-2.0, 2.0), doc="real part of the trap's centre")
    trap_im: float = param(0.0, range=(-2.0, 2.0), doc="imaginary part of the trap's centre")
    trap_radius: float = param(0.5, range=(0.01, 2.0), doc="radius of the circle or petals")
    petals: int = param(3, range=(1, 12), doc="k in the petal rose r = R |cos(k theta)|")
    width: float = param(
        0.04, range=(0.002, 0.5), doc="width of the trap's glow, in the complex plane"
    )
    iterations: int = param(60, range=(4, 300), doc="iteration cap")
    span: float = param(
        3.0, range=(0.001, 8.0), doc="width of the complex plane shown across the square"
    )
    center_re: float = param(0.0, range=(-4.0, 4.0), doc="real part at the centre of the square")
    center_im: float = param(
        0.0, range=(-4.0, 4.0), doc="imaginary part at the centre of the square"
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the view", unit="degrees")


def trap_distance(p: OrbitTrapParams, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance from orbit points (x, y) to the trap shape, in the complex plane."""
    u = x - p.trap_re
    v = y - p.trap_im
    if p.trap == "cross":
        return np.minimum(np.abs(u), np.abs(v))
    rho = np.hypot(u, v)
    if p.trap == "point":
        return rho
    if p.trap == "circle":
        return np.abs(rho - p.trap_radius)
    return np.abs(rho - p.trap_radius * np.abs(np.cos(p.petals * np.arctan2(v, u))))


def trap_values(
    p: OrbitTrapParams, zx: np.ndarray, zy: np.ndarray, cx, cy, pixel: float
) -> np.ndarray:
    """Brightest trap glow along each orbit, anti-aliased per iteration.

    ``pixel``: the pixel footprint in the complex plane of the view. At step n a
    pixel covers about pixel * |dz_n| of the orbit's plane; the Gaussian glow of
    width w, smoothed over that, has width W = sqrt(w^2 + (pixel |dz_n| / 2)^2)
    and height w / W (the 1-D convolution of Gaussians).
    """
    n = zx.size
    best = np.zeros(n)
    live = np.arange(n)
    julia = p.plane == "julia"
    zx, zy = zx.copy(), zy.copy()
    cx_l = cx if julia else cx.copy()
    cy_l = cy if julia else cy.copy()
    dz = np.full(n, 1.0 if julia else 0.0)
    add = 0.0 if julia else 1.0
    sx, sy = zx.copy(), zy.copy()
    done = np.zeros(n, bool)
    w2 = p.width * p.width
    save_at = 1
    with np.errstate(over="ignore", invalid="ignore"):
        for it in range(p.iterations):
            r2 = zx * zx + zy * zy
            dz = p.power * r2 ** (0.5 * (p.power - 1)) * dz + add
            zx, zy, _, _ = power_step(zx, zy, p.power)
            zx += cx_l
            zy += cy_l
            d = trap_distance(p, zx, zy)
            big2 = w2 + (0.5 * pixel * dz) ** 2
            glow = np.sqrt(w2 / big2) * np.exp(-(d * d) / big2)
            best[live] = np.maximum(best[live], np.nan_to_num(glow))
            done |= (zx * zx + zy * zy > BAILOUT * BAILOUT) | (
                (zx - sx) ** 2 + (zy - sy) ** 2 < _CYCLE_EPS2
            )
            if it + 1 == save_at:
                sx, sy = zx.copy(), zy.copy()
                save_at *= 2
            if (it + 1) % _COMPACT == 0:
                keep = np.flatnonzero(~done)
                if keep.size < live.size:
                    live, zx, zy, dz, sx, sy = (a[keep] for a in (live, zx, zy, dz, sx, sy))
                    if not julia:
                        cx_l, cy_l = cx_l[keep], cy_l[keep]
                    done = done[keep]
                if live.size == 0:
                    break
    return best


@operator(
    "curves.orbit_trap",
    kind="field",
    version=1,
    output="value",
    tags=(
        "orbit trap",
        "pickover stalks",
        "fractal lace",
        "fractal flower",
        "julia",
        "filigree",
        "轨道陷阱",
        "分形花",
        "分形蕾丝",
    ),
)
def orbit_trap(p: OrbitTrapParams, call: Call) -> np.ndarray:
    """Orbit trap: each point shaded by how near its orbit under z^d + c comes to a shape.

    Every point is iterated as for a Julia set (``plane`` julia: fixed c, the
    point is z0) or the Mandelbrot set (the point is c), and at each step the
    orbit point's distance to a trap is measured: Pickover's cross (the two axes
    through the trap centre: hair-like "stalks"), a point, a circle (rings of
    lace), or a rose r = R |cos(k theta)| (flower forms). The value is the
    brightest Gaussian glow e^(-(d / w)^2) along the orbit, so every pre-image of
    the trap shows as a small copy, shrinking towards the fractal's boundary.
    Each step's glow is smoothed over the pixel's footprint carried along the
    orbit (the derivative of z_n), so copies smaller than a pixel fade to their
    average instead of aliasing. Orbits that escape or settle on a cycle stop.

    References
    ----------
    Pickover 1990, *Computers, Pattern, Chaos and Beauty*, St. Martin's Press
    (the biomorph "stalks").
    Carlson 1999, "Two artistic orbit trap rendering methods for Newton
    M-set fractals", *Computers & Graphics* 23(6), pp. 925-931.
    """
    view = View(p.center_re, p.center_im, p.span, p.rotation)
    pixel = call.footprint * p.span
    c = (p.c_re, p.c_im) if p.plane == "julia" else None
    out = over_plane(call, view, c, lambda zx, zy, cx, cy: trap_values(p, zx, zy, cx, cy, pixel))
    return np.clip(out, 0.0, 1.0)
