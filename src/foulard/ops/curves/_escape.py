"""Escape-time iteration shared by the Julia, Mandelbrot and orbit-trap fields.

Points are iterated in float64 real arithmetic; points that escape (or settle on
a cycle) leave the working set every few iterations, so the cost follows the
number of live points, not the pixel count times the iteration cap. Each escaped
point gets a smooth (continuous) iteration count and a distance estimate to the
set, the latter used to draw the set's boundary as a line of a given width and
to anti-alias its edge with the pixel footprint.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import rotate

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "FORMULAS",
    "STYLES",
    "EscapeResult",
    "View",
    "escape_field",
    "escape_time",
    "fold",
    "over_plane",
    "power_step",
    "shade",
]

FORMULAS = ("standard", "burning_ship", "tricorn")
STYLES = ("lace", "escape", "filled")
BAILOUT = 256.0
GLOW_RADIUS = 0.02  # design units: how far the lace's glow reaches from the set
_COMPACT = 4  # iterations between compactions of the working set
_CHUNK = 65536  # points iterated at a time
_CYCLE_EPS2 = 1e-20  # |z_n - z_saved|^2 below this: the orbit has settled on a cycle


@dataclass(frozen=True)
class View:
    """How design space maps to the complex plane: centre, span across the square, turn."""

    re: float
    im: float
    span: float
    rotation: float
    flip: bool = False

    def to_plane(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Complex coordinates of design points (imaginary axis up the page, or down)."""
        u = (x - 0.5) * self.span
        v = ((y - 0.5) if self.flip else (0.5 - y)) * self.span
        u, v = rotate(u, v, self.rotation)
        return self.re + u, self.im + v


@dataclass
class EscapeResult:
    """Per point: smooth iteration count (nan inside), distance estimate, inside flag."""

    nu: np.ndarray
    distance: np.ndarray
    inside: np.ndarray


def fold(x: np.ndarray, y: np.ndarray, formula: str) -> tuple[np.ndarray, np.ndarray]:
    """The formula's fold before the power: |x| + i|y| (burning ship), x - iy (tricorn)."""
    if formula == "burning_ship":
        return np.abs(x), np.abs(y)
    if formula == "tricorn":
        return x, -y
    return x, y


def power_step(
    x: np.ndarray, y: np.ndarray, power: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """z^d and its derivative d z^(d-1), for z = x + iy (real and imaginary parts)."""
    if power == 2:
        return x * x - y * y, 2.0 * x * y, 2.0 * x, 2.0 * y
    px, py = x, y
    for _ in range(power - 2):
        px, py = px * x - py * y, px * y + py * x
    return px * x - py * y, px * y + py * x, power * px, power * py


def escape_time(
    zx: np.ndarray,
    zy: np.ndarray,
    cx: np.ndarray | float,
    cy: np.ndarray | float,
    *,
    formula: str,
    power: int,
    iterations: int,
    parameter_plane: bool,
) -> EscapeResult:
    """Iterate z -> f(z) + c from z0 = (zx, zy) for flat arrays of points.

    ``parameter_plane``: c varies per point (Mandelbrot family; derivatives are
    taken with respect to c), otherwise c is one constant (Julia; with respect to
    z0). The derivative is the full 2 x 2 Jacobian, since the folded formulas are
    not complex-analytic; the distance estimate 0.5 |z|^2 ln|z| / |J^T z| reduces
    to the usual 0.5 |z| ln|z| / |dz| for the standard formula.
    """
    n = zx.size
    nu = np.full(n, np.nan)
    dist = np.zeros(n)
    inside = np.zeros(n, bool)
    live = np.arange(n)
    zx, zy = np.array(zx, np.float64), np.array(zy, np.float64)
    per_point = parameter_plane and np.ndim(cx) > 0
    cx_l = np.array(cx, np.float64) if per_point else float(cx)
    cy_l = np.array(cy, np.float64) if per_point else float(cy)
    start = 0.0 if parameter_plane else 1.0
    j11, j12, j21, j22 = np.full(n, start), np.zeros(n), np.zeros(n), np.full(n, start)
    add = 1.0 if parameter_plane else 0.0
    sx, sy = zx.copy(), zy.copy()
    done = np.zeros(n, bool)
    log_r = math.log(BAILOUT)
    log_d = math.log(power)
    save_at = 1
    with np.errstate(over="ignore", invalid="ignore"):
        for it in range(iterations):
            # The fold's reflection S (signs of the rows), then J <- D S J (+ I)
            # with D the multiplication by the derivative a + ib of z^d.
            if formula == "burning_ship":
                rx, ry = np.where(zx < 0, -1.0, 1.0), np.where(zy < 0, -1.0, 1.0)
                j11, j12, j21, j22 = rx * j11, rx * j12, ry * j21, ry * j22
            elif formula == "tricorn":
                j21, j22 = -j21, -j22
            fx, fy = fold(zx, zy, formula)
            zx, zy, a, b = power_step(fx, fy, power)
            j11, j12, j21, j22 = (
                a * j11 - b * j21 + add,
                a * j12 - b * j22,
                b * j11 + a * j21,
                b * j12 + a * j22 + add,
            )
            zx += cx_l
            zy += cy_l
            r2 = zx * zx + zy * zy
            new = np.flatnonzero((r2 > BAILOUT * BAILOUT) & ~done)
            if new.size:
                x, y = zx[new], zy[new]
                lm = 0.5 * np.log(r2[new])
                nu[live[new]] = it + 1 - np.log(lm / log_r) / log_d
                grad = np.hypot(x * j11[new] + y * j21[new], x * j12[new] + y * j22[new])
                dist[live[new]] = 0.5 * r2[new] * lm / np.maximum(grad, 1e-300)
                done[new] = True
            settled = np.flatnonzero(((zx - sx) ** 2 + (zy - sy) ** 2 < _CYCLE_EPS2) & ~done)
            if settled.size:
                inside[live[settled]] = True
                done[settled] = True
            if it + 1 == save_at:  # Brent: compare with z at powers of two
                sx, sy = zx.copy(), zy.copy()
                save_at *= 2
            if (it + 1) % _COMPACT == 0 or it + 1 == iterations:
                keep = np.flatnonzero(~done)
                if keep.size < live.size:
                    arrays = (live, zx, zy, sx, sy, j11, j12, j21, j22)
                    live, zx, zy, sx, sy, j11, j12, j21, j22 = (a[keep] for a in arrays)
                    if per_point:
                        cx_l, cy_l = cx_l[keep], cy_l[keep]
                    done = np.zeros(keep.size, bool)
                if live.size == 0:
                    break
    inside[live] = True  # never escaped within the cap
    return EscapeResult(nu, dist, inside)


def shade(
    res: EscapeResult,
    *,
    style: str,
    span: float,
    footprint: float,
    line_width: float,
    glow: float,
    inside: float,
    iterations: int,
) -> np.ndarray:
    """Values in [0, 1] from an escape result (flat arrays).

    ``lace``: the set's boundary as a line ``line_width`` wide (design units), by
    the distance estimate, over a ``glow`` fading as e^(-distance / 0.02);
    ``escape``: the smooth escape time, log(1 + nu) / log(1 + cap), rising
    towards the set;
    ``filled``: the set as a flat shape (1 inside), its edge anti-aliased by the
    distance estimate. Otherwise the set's interior takes ``inside``.
    """
    d = res.distance / span  # design units
    f = max(footprint, 1e-12)
    escaped = ~res.inside
    if style == "escape":
        nu = np.nan_to_num(res.nu, nan=iterations)
        out = np.clip(np.log1p(np.maximum(nu, 0.0)) / math.log1p(iterations), 0.0, 1.0)
    elif style == "filled":
        out = np.clip(0.5 - d / f, 0.0, 1.0)
    else:
        # The line lies outside the set, from its edge out to line_width: the interior
        # beyond the edge is not measured, so the line must not reach into it.
        lo = np.maximum(d - 0.5 * f, 0.0)
        hi = np.minimum(d + 0.5 * f, line_width)
        line = np.clip((hi - lo) / f, 0.0, 1.0)
        out = np.maximum(line, glow * np.exp(-d / GLOW_RADIUS))
    return np.where(escaped, out, 1.0 if style == "filled" else inside)


def over_plane(
    call: Call,
    view: View,
    c: tuple[float, float] | None,
    values: Callable[[np.ndarray, np.ndarray, np.ndarray | float, np.ndarray | float], np.ndarray],
) -> np.ndarray:
    """``values(zx, zy, cx, cy)`` at the call's points, in chunks, as float32.

    With a constant ``c`` (a Julia plane) each point is the orbit's start z0; with
    ``c`` None (the parameter plane) each point is c and every orbit starts at 0.
    """
    out = np.empty(call.x.shape, np.float32)
    xf, yf, flat = np.ravel(call.x), np.ravel(call.y), out.reshape(-1)
    for s in range(0, xf.size, _CHUNK):
        part = slice(s, s + _CHUNK)
        px, py = view.to_plane(xf[part], yf[part])
        if c is None:
            flat[part] = values(np.zeros_like(px), np.zeros_like(py), px, py)
        else:
            flat[part] = values(px, py, *c)
    return out


def escape_field(
    call: Call, view: View, p, *, formula: str, power: int, c: tuple[float, float] | None
) -> np.ndarray:
    """The shaded escape time over ``view`` (a Julia plane for ``c``, else Mandelbrot's).

    ``p`` holds the shading: ``style``, ``line_width``, ``glow``, ``inside`` and the
    ``iterations`` cap.
    """

    def values(zx, zy, cx, cy):
        res = escape_time(
            zx,
            zy,
            cx,
            cy,
            formula=formula,
            power=power,
            iterations=p.iterations,
            parameter_plane=c is None,
        )
        return shade(
            res,
            style=p.style,
            span=view.span,
            footprint=call.footprint,
            line_width=p.line_width,
            glow=p.glow,
            inside=p.inside,
            iterations=p.iterations,
        )

    return over_plane(call, view, c, values)
