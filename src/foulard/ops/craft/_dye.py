"""Shared pieces of the craft family: dye mixing, coverage, smooth steps.

Dyes colour cloth by absorbing light, so two dyes over each other darken and mix
like filters, not like paint on paper: yellow over blue gives green. The craft
operators therefore mix in linear light with a Beer-Lambert law: a dye of colour D
at concentration c over a ground G transmits ``(D / G) ** c`` of the ground's light
in each channel. Concentration 1 gives exactly the palette colour of the dye, 0 the
ground, and more than 1 an over-dyed, deeper shade.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from foulard.ops._common.palette import Palette
from foulard.ops.params import param

__all__ = [
    "box_coverage",
    "box_pulse",
    "dye_rgba",
    "edge_coverage",
    "linear",
    "role_param",
    "smoothstep",
    "srgb",
]

_FLOOR = 1.0e-3  # no channel of a dye transmits less than this (keeps logs finite)


def role_param(default: int, what: str):
    """A palette-role parameter: an int in [0, 47] with a one-line doc."""
    return param(default, range=(0, 47), doc=f"palette role of {what} (0 is the ground; wraps)")


def linear(rgb: np.ndarray) -> np.ndarray:
    """sRGB-encoded values to linear light (IEC 61966-2-1)."""
    rgb = np.asarray(rgb, np.float64)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def srgb(lin: np.ndarray) -> np.ndarray:
    """Linear light to sRGB-encoded values (IEC 61966-2-1)."""
    lin = np.clip(lin, 0.0, 1.0)
    return np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1.0 / 2.4) - 0.055)


def absorbance(palette: Palette, ground: int, dye: int) -> np.ndarray:
    """``-ln(D / G)`` per channel, in linear light: what concentration 1 of the dye absorbs."""
    g = np.maximum(linear(palette.role(ground)), _FLOOR)
    d = np.maximum(linear(palette.role(dye)), _FLOOR)
    return np.maximum(-np.log(d / g), 0.0)


def dye_rgba(
    palette: Palette,
    ground: int,
    dyes: Sequence[tuple[int, np.ndarray]],
    *,
    extra: np.ndarray | None = None,
) -> np.ndarray:
    """Opaque premultiplied RGBA of ``ground`` cloth dyed by ``(role, concentration)`` pairs.

    Concentrations are arrays of one shape (0: undyed). A dye role lighter than the
    ground in a channel absorbs nothing there (dyes only darken). ``extra``, if
    given, is an ``(..., 3)`` absorbance added on top (pooled pigment, crack lines).
    """
    g = linear(palette.role(ground)).astype(np.float32)
    shape = np.shape(dyes[0][1]) if dyes else np.shape(extra)[:-1]
    a = np.zeros((*shape, 3), np.float32)
    for role, conc in dyes:
        k = absorbance(palette, ground, role).astype(np.float32)
        a += np.asarray(conc, np.float32)[..., None] * k
    if extra is not None:
        a += extra
    lin = g * np.exp(-a)
    out = np.empty((*shape, 4), np.float32)
    out[..., :3] = srgb(lin)
    out[..., 3] = 1.0
    return out


def smoothstep(e0: float | np.ndarray, e1: float | np.ndarray, x: np.ndarray) -> np.ndarray:
    """0 below ``e0``, 1 above ``e1``, a cubic ease between (``e0 < e1``)."""
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def edge_coverage(signed: np.ndarray, footprint: float | np.ndarray) -> np.ndarray:
    """Share of a pixel (a box ``footprint`` wide) on the negative side of an edge.

    ``signed`` is a signed distance in design units (negative inside).
    """
    return np.clip(0.5 - signed / footprint, 0.0, 1.0)


def box_coverage(dist: np.ndarray, half_width: float | np.ndarray, footprint: float) -> np.ndarray:
    """Share of a pixel covered by a line ``2 * half_width`` wide at distance ``dist``.

    The exact overlap of a box filter ``footprint`` wide with the line's cross
    section, so a line thinner than a pixel keeps its ink (fainter, not gone) and
    renders alike at every resolution.
    """
    h = 0.5 * footprint
    lo = np.maximum(dist - half_width, -h)
    hi = np.minimum(dist + half_width, h)
    return np.clip(hi - lo, 0.0, None) * (1.0 / footprint)


def _pulse_integral(phi: np.ndarray, duty, edge) -> np.ndarray:
    """Integral from 0 to ``phi`` of the periodic pulse of :func:`box_pulse`."""
    k = np.floor(phi)
    f = phi - k
    rise = np.minimum(f, edge)
    flat = np.clip(f - edge, 0.0, duty - edge)
    g = f - duty
    fall = np.clip(g, 0.0, edge)
    area = rise * rise / (2.0 * edge) + flat + fall - fall * fall / (2.0 * edge)
    return k * duty + area


def box_pulse(phi: np.ndarray, duty, edge, width) -> np.ndarray:
    """A periodic pulse (period 1 in ``phi``), box-filtered over ``width`` of ``phi``.

    The pulse rises linearly over ``edge`` from 0 to 1, stays 1 until ``duty`` and
    falls over ``edge`` (its mean is ``duty``). Averaged exactly over a pixel
    ``width`` wide (in periods), it renders alike at every resolution and fades to
    its mean where periods are finer than pixels. ``duty`` may vary per point.
    """
    duty = np.clip(duty, 1e-6, 1.0 - 1e-6)
    edge = np.clip(np.minimum(edge, np.minimum(duty, 1.0 - duty)), 1e-6, None)
    half = 0.5 * np.maximum(width, 1e-9)
    hi = _pulse_integral(phi + half, duty, edge)
    lo = _pulse_integral(phi - half, duty, edge)
    return np.clip((hi - lo) / (2.0 * half), 0.0, 1.0)
