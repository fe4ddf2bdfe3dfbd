"""Gradient fill: linear, radial, conic, diamond and reflected gradients between palette roles."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.space import (
    linear_to_srgb,
    oklab_to_oklch,
    oklab_to_srgb,
    oklch_to_oklab,
    srgb_to_linear,
    srgb_to_oklab,
)
from foulard.ops._common.chunks import CHUNK
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.ops._common.palette import Palette
    from foulard.render.evaluate import Call

__all__ = ["gradient_colors", "gradient_fill", "gradient_position"]

_LUT = 2048  # colours tabulated along the gradient (finer than any 8- or 16-bit step)


@dataclass(frozen=True)
class GradientFillParams(Params):
    shape: str = param(
        "linear",
        choices=("linear", "radial", "conic", "diamond", "reflected"),
        doc="geometry: along a line, out from a centre, around it, in a diamond, or mirrored",
    )
    angle: float = param(
        60.0,
        range=(-360.0, 360.0),
        doc="direction of a linear or reflected gradient, start of a conic one, turn of a diamond",
        unit="degrees",
    )
    size: float = param(
        1.0,
        range=(0.01, 4.0),
        doc="length of a linear gradient (reflected: each half), radius of the others",
        unit="design units",
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")
    first: int = param(1, range=(0, 47), doc="palette role at the start (wraps past the end)")
    count: int = param(3, range=(2, 48), doc="palette roles from 'first', evenly spaced")
    reverse: bool = param(False, doc="run the roles from the last to the first")
    space: str = param(
        "oklab",
        choices=("oklab", "oklch", "srgb", "linear_srgb"),
        doc="colour space of the interpolation (oklab: even and without grey dips)",
    )
    easing: str = param(
        "linear",
        choices=("linear", "smooth", "ease_in", "ease_out"),
        doc="how the position runs between the ends",
    )
    spread: str = param(
        "pad",
        choices=("pad", "repeat", "reflect"),
        doc="beyond the ends: hold the end colours, start again, or run back",
    )


def gradient_position(p: GradientFillParams, x: np.ndarray, y: np.ndarray):
    """Unspread position t along the gradient and |grad t| (per design unit)."""
    dx = np.asarray(x, np.float64) - p.cx
    dy = np.asarray(y, np.float64) - p.cy
    a = math.radians(p.angle)
    c, s = math.cos(a), math.sin(a)
    if p.shape == "linear":
        return (c * dx + s * dy) / p.size + 0.5, np.full(dx.shape, 1.0 / p.size)
    if p.shape == "reflected":
        return np.abs(c * dx + s * dy) / p.size, np.full(dx.shape, 1.0 / p.size)
    if p.shape == "radial":
        return np.hypot(dx, dy) / p.size, np.full(dx.shape, 1.0 / p.size)
    if p.shape == "diamond":
        u, v = c * dx + s * dy, -s * dx + c * dy
        return (np.abs(u) + np.abs(v)) / p.size, np.full(dx.shape, math.sqrt(2.0) / p.size)
    turn = (np.arctan2(dy, dx) - a) * (1.0 / (2.0 * math.pi))
    r = np.maximum(np.hypot(dx, dy), 1e-300)
    return turn - np.floor(turn), 1.0 / (2.0 * math.pi * r)


def gradient_colors(p: GradientFillParams, palette: Palette, n: int = _LUT) -> np.ndarray:
    """``(n, 3)`` sRGB colours at evenly spaced positions from 0 to 1 (float64)."""
    idx = [(p.first + i) % len(palette) for i in range(p.count)]
    stops = palette.rgb[idx].astype(np.float64)
    if p.reverse:
        stops = stops[::-1]
    t = np.linspace(0.0, 1.0, n) * (len(stops) - 1)
    i0 = np.minimum(t.astype(np.int64), len(stops) - 2)
    f = (t - i0)[:, None]
    if p.space == "srgb":
        return stops[i0] * (1 - f) + stops[i0 + 1] * f
    if p.space == "linear_srgb":
        lin = srgb_to_linear(stops)
        return linear_to_srgb(lin[i0] * (1 - f) + lin[i0 + 1] * f)
    lab = srgb_to_oklab(stops)
    if p.space == "oklab":
        return oklab_to_srgb(lab[i0] * (1 - f) + lab[i0 + 1] * f)
    lch = oklab_to_oklch(lab)
    # A grey stop has no hue: borrow its neighbour's so the chroma alone fades.
    grey = lch[:, 1] < 1e-4
    for j in np.flatnonzero(grey):
        near = [k for k in (j - 1, j + 1) if 0 <= k < len(lch) and not grey[k]]
        if near:
            lch[j, 2] = lch[near[0], 2]
    h0, h1 = lch[i0, 2], lch[i0 + 1, 2]
    dh = (h1 - h0 + 180.0) % 360.0 - 180.0  # the shorter way round
    out = lch[i0] * (1 - f) + lch[i0 + 1] * f
    out[:, 2] = (h0 + dh * f[:, 0]) % 360.0
    return oklab_to_srgb(oklch_to_oklab(out))


def _ease(t: np.ndarray, how: str) -> np.ndarray:
    if how == "smooth":
        return t * t * (3.0 - 2.0 * t)
    if how == "ease_in":
        return t * t
    if how == "ease_out":
        return t * (2.0 - t)
    return t


@operator(
    "fields.gradient_fill",
    kind="field",
    version=1,
    output="rgba",
    tags=(
        "gradient",
        "ombre",
        "fade",
        "radial",
        "conic",
        "sunburst",
        "渐变",
        "晕染",
        "过渡色",
        "径向渐变",
    ),
)
def gradient_fill(p: GradientFillParams, call: Call) -> np.ndarray:
    """Gradient fill: palette roles blended along a line, a radius, an angle or a diamond.

    ``count`` palette roles from ``first`` are spread evenly from position 0 to
    1 and interpolated in OKLab by default (perceptually even, no muddy middle),
    or OKLCH (the shorter way round the hue circle), sRGB or linear sRGB. The
    position is linear along ``angle`` (centred on the centre, ``size`` long),
    mirrored about the centre line (reflected), the distance from the centre
    over ``size`` (radial), its L1 norm turned by ``angle`` (diamond) or the
    turn about the centre from ``angle`` (conic). Beyond [0, 1] the spread holds
    the end colours, repeats or reflects, as CSS gradients do; the seams of a
    repeat and of a conic gradient are box-filtered over the pixel, so they do
    not stair-step. The position 0 is exactly the first role and 1 the last,
    so colourways recolour the gradient.

    References
    ----------
    W3C 2023, *CSS Images Module Level 4* (gradient geometry, spread, colour
    interpolation spaces).
    Ottosson 2020, "A perceptual color space for image processing" (OKLab).
    """
    lut = gradient_colors(p, call.palette).astype(np.float32)
    xf = np.ravel(call.x)
    yf = np.ravel(call.y)
    out = np.empty((xf.size, 4), np.float32)
    out[:, 3] = 1.0
    for s in range(0, xf.size, CHUNK):
        out[s : s + CHUNK, :3] = _rgb(xf[s : s + CHUNK], yf[s : s + CHUNK], p, lut, call.footprint)
    return out.reshape(*np.shape(call.x), 4)


def _lookup(lut: np.ndarray, t: np.ndarray) -> np.ndarray:
    pos = np.clip(t, 0.0, 1.0) * (len(lut) - 1)
    i0 = np.minimum(pos.astype(np.int64), len(lut) - 2)
    f = (pos - i0).astype(np.float32)[:, None]
    return np.clip(lut[i0] * (1 - f) + lut[i0 + 1] * f, 0.0, 1.0)


def _rgb(x, y, p: GradientFillParams, lut: np.ndarray, footprint: float) -> np.ndarray:
    t, grad = gradient_position(p, x, y)
    seam = p.shape == "conic" or p.spread == "repeat"
    if p.spread == "reflect":
        t = 1.0 - np.abs((t * 0.5 - np.floor(t * 0.5)) * 2.0 - 1.0)
    elif p.spread == "repeat":
        t = t - np.floor(t)
    if not seam:
        return _lookup(lut, _ease(np.clip(t, 0.0, 1.0), p.easing))
    # Seam at t = 0 (= 1): the pixel's share past it, along the gradient.
    s = np.where(t < 0.5, t, t - 1.0)
    w = np.maximum(grad * footprint, 1e-12)
    after = np.clip(0.5 + s / w, 0.0, 1.0).astype(np.float32)[:, None]
    hi = _lookup(lut, _ease(np.maximum(s, 0.0), p.easing))
    lo = _lookup(lut, _ease(np.minimum(1.0 + s, 1.0), p.easing))
    return after * hi + (1.0 - after) * lo
