"""Halftone: the source printed as a screen of dots whose area follows its tone."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_rgba
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import darkness, on_ground, rotated_cells

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["PROCESS_INKS", "dot_radius", "halftone"]

# Process inks (approximate sRGB of cyan, magenta, yellow and black on white paper)
# and their classic screen angles (Kodak/Heidelberg: K 45, C 15, M 75, Y 0).
PROCESS_INKS = (
    ((0.0, 0.68, 0.94), 15.0),
    ((0.93, 0.0, 0.55), 75.0),
    ((1.0, 0.95, 0.0), 0.0),
    ((0.14, 0.12, 0.13), 45.0),
)

_LUT = 2049
_R = np.linspace(0.0, math.sqrt(0.5), _LUT)


def _disc_area(r: np.ndarray) -> np.ndarray:
    """Area of a disc of radius ``r`` inside the unit cell centred on it."""
    r = np.asarray(r, np.float64)
    a = math.pi * r * r
    big = r > 0.5
    rb = np.where(big, r, 1.0)
    cap = rb * rb * np.arccos(np.minimum(0.5 / rb, 1.0)) - 0.5 * np.sqrt(
        np.maximum(rb * rb - 0.25, 0.0)
    )
    return np.where(big, a - 4.0 * cap, a)


_AREA = np.minimum(_disc_area(_R), 1.0)
_AREA[-1] = 1.0


def dot_radius(coverage: np.ndarray, shape: str) -> np.ndarray:
    """Dot size (cell units, in the shape's own metric) that inks ``coverage`` of its cell.

    Round dots: the Euclidean radius, clipped by the cell once it passes 0.5 (so the
    dots join into a chequer of white holes); square dots: the half side; diamond
    dots: the half diagonal (L1 radius).

    >>> round(float(dot_radius(np.array(math.pi / 16), "round")), 6)  # from a fine table
    0.25
    """
    d = np.clip(coverage, 0.0, 1.0)
    if shape == "round":
        return np.interp(d, _AREA, _R)
    if shape == "square":
        return 0.5 * np.sqrt(d)
    return np.where(d <= 0.5, np.sqrt(0.5 * d), 1.0 - np.sqrt(0.5 * (1.0 - d)))


def _dot_coverage(fu, fv, d, shape, cell, footprint):
    """Anti-aliased ink of one screen at offsets ``(fu, fv)`` of cells asking for ``d``."""
    r = dot_radius(d, shape)
    if shape == "round":
        dist = np.hypot(fu, fv)
    elif shape == "square":
        dist = np.maximum(np.abs(fu), np.abs(fv))
    else:
        dist = np.abs(fu) + np.abs(fv)
        r = r / math.sqrt(2.0)  # L1 radius to a Euclidean distance to the edge
        dist = dist / math.sqrt(2.0)
    edge = (r - dist) * cell / max(footprint, 1e-12)
    c = np.clip(0.5 + edge, 0.0, 1.0)
    # Full and empty cells exactly so (no hairline at the cell border).
    return np.where(d >= 1.0, 1.0, np.where(d <= 0.0, 0.0, c))


@dataclass(frozen=True)
class HalftoneParams(Params):
    cell: float = param(
        0.012,
        range=(0.002, 0.1),
        doc="screen pitch: distance between dot centres",
        unit="design units",
    )
    angle: float = param(45.0, range=(-90.0, 90.0), doc="screen angle", unit="degrees")
    shape: str = param(
        "round",
        choices=("round", "square", "diamond"),
        doc="dot shape (round dots join into a chequer of holes past 78 % coverage)",
    )
    mode: str = param(
        "ink",
        choices=("ink", "color", "process"),
        doc="ink: one palette ink on the ground; color: each dot in the source's colour; "
        "process: cyan, magenta, yellow and black screens at their classic angles (rosettes)",
    )
    ink: int = param(1, range=(0, 47), doc="ink: palette role of the dots")
    ground: int = param(0, range=(0, 47), doc="palette role of the paper or cloth")
    invert: bool = param(False, doc="dots for the light parts instead of the dark")
    black: float = param(
        0.6, range=(0.0, 1.0), doc="process: share of the grey component printed in black"
    )


@operator(
    "transform.halftone",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to screen", "motifs.peony"),),
    output="rgba",
    example_params={"cell": 0.014},
    tags=(
        "halftone",
        "dots",
        "screen print",
        "benday",
        "pop art",
        "rosette",
        "cmyk",
        "网点",
        "半色调",
        "波普",
    ),
)
def halftone(p: HalftoneParams, call: Call) -> np.ndarray:
    """Halftone: amplitude-modulated dots on a turned screen, their area the source's tone.

    The design is cut into square cells of side ``cell`` turned by ``angle``; each
    cell reads its source once at its centre (averaged over the cell) and prints one
    dot whose area is exactly that tone (the coverage of a value; for a colour, where
    its luma lies between the ground's and the ink's), round dots growing past the
    cell's inscribed circle into a chequer. ``color`` prints each dot in the cell's
    own colour; ``process`` splits the colour into cyan, magenta, yellow and black
    (grey component replacement by ``black``) on four screens printed on white at
    15, 75, 0 and 45 degrees, whose overlap makes the rosettes of offset print. Dots
    are anti-aliased from the footprint; where a pixel spans several cells the dots
    fade to the averaged tone, as the eye sees them.

    References
    ----------
    Ulichney 1987, *Digital Halftoning*, MIT Press, ch. 5 (clustered-dot screens);
    Kang 1999, *Digital Color Halftoning*, SPIE Press (screen angles, rosettes).
    """
    ground = call.palette.role(p.ground)
    fp = call.footprint
    fade = float(np.clip((fp / p.cell - 0.3) / 0.4, 0.0, 1.0))
    if p.mode == "process":
        return _process(p, call, ground, fade)
    _, _, fu, fv, cx, cy = rotated_cells(call.x, call.y, p.cell, p.angle)
    src = call.input("source", cx, cy, p.cell)
    ink_rgb = call.palette.role(p.ink) if p.mode == "ink" else None
    d = darkness(src, ground, p.invert, ink_rgb)
    cov = _dot_coverage(fu, fv, d, p.shape, p.cell, fp)
    if fade > 0.0:
        flat = darkness(call.input("source"), ground, p.invert, ink_rgb)
        cov = (1.0 - fade) * cov + fade * flat
    g = np.asarray(ground, np.float32)
    if p.mode == "ink":
        ink = np.asarray(ink_rgb, np.float32)
    else:
        rgba = as_rgba(src)
        a = rgba[..., 3:4]
        ink = np.where(a > 0.0, rgba[..., :3] / np.maximum(a, 1e-12), g)
    cov = cov.astype(np.float32)[..., None]
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = g * (1.0 - cov) + ink * cov
    out[..., 3] = 1.0
    return out


def _process(p: HalftoneParams, call: Call, ground, fade: float) -> np.ndarray:
    rgb = np.ones((*call.x.shape, 3), np.float64)
    flat = on_ground(call.input("source"), ground).astype(np.float64) if fade > 0.0 else None
    for k, (ink, angle) in enumerate(PROCESS_INKS):
        _, _, fu, fv, cx, cy = rotated_cells(call.x, call.y, p.cell, angle + p.angle - 45.0)
        col = on_ground(call.input("source", cx, cy, p.cell), ground).astype(np.float64)
        d = _separate(col, p.black, p.invert)[..., k]
        cov = _dot_coverage(fu, fv, d, p.shape, p.cell, call.footprint)
        if flat is not None:
            cov = (1.0 - fade) * cov + fade * _separate(flat, p.black, p.invert)[..., k]
        rgb *= 1.0 - cov[..., None] * (1.0 - np.asarray(ink))
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = rgb
    out[..., 3] = 1.0
    return out


def _separate(rgb: np.ndarray, black: float, invert: bool) -> np.ndarray:
    """CMYK coverages of straight sRGB (naive separation with grey component replacement)."""
    if invert:
        rgb = 1.0 - rgb
    cmy = 1.0 - rgb
    k = black * cmy.min(axis=-1, keepdims=True)
    cmy = (cmy - k) / np.maximum(1.0 - k, 1e-12)
    return np.clip(np.concatenate([cmy, k], axis=-1), 0.0, 1.0)
