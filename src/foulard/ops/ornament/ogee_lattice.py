"""Ogee lattice: onion-shaped cells between mirrored S-curves, an exact periodic field."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class OgeeLatticeParams(Params):
    style: str = param(
        "ogee",
        choices=("ogee", "lens", "trellis"),
        doc="onion cells (bulb below, pointed neck above), plain pointed ovals, or a "
        "Moroccan trellis whose lines run together between the cells",
    )
    columns: int = param(3, range=(1, 12), doc="pairs of cell columns across the unit")
    rows: int = param(2, range=(1, 12), doc="rows of cells down the unit")
    skew: float = param(0.45, range=(0.0, 0.9), doc="how far an ogee's bulb sinks (ogee only)")
    line_width: float = param(0.06, range=(0.01, 0.25), doc="line width over a cell's width")
    inline: bool = param(True, doc="a second, finer line inside each cell")
    knots: bool = param(True, doc="beads where the lines touch")
    fill: str = param(
        "alternate",
        choices=("none", "solid", "alternate"),
        doc="cells left clear, filled, or filled in two colours by column",
    )
    line_color: int = param(3, range=(0, 47), doc="palette role of the lattice lines")
    fill_color: int = param(1, range=(0, 47), doc="palette role of the cells")
    alt_color: int = param(4, range=(0, 47), doc="palette role of every other column of cells")
    knot_color: int = param(2, range=(0, 47), doc="palette role of the beads")


def tones(p: OgeeLatticeParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the lattice: its line, fill, alternate and bead roles."""
    return {
        "line": palette.role(p.line_color),
        "fill": palette.role(p.fill_color),
        "alt": palette.role(p.alt_color),
        "knot": palette.role(p.knot_color),
    }


def _g(p: OgeeLatticeParams, v: np.ndarray) -> np.ndarray:
    """The curves' sideways swing, in [-1, 1], periodic in ``v`` with period 1.

    The ogee warps the phase with ``phi(v) = v - a (1 - cos 4 pi v) / (4 pi)``, which keeps
    the touching points at v = 0 and 1/2 but moves the widest part of every cell
    down: a bulb below and a long pointed neck above.
    """
    if p.style == "ogee":
        a = p.skew
        v = v - a * (1.0 - np.cos(4.0 * math.pi * v)) / (4.0 * math.pi)
    g = -np.cos(2.0 * math.pi * v)
    if p.style == "trellis":
        g = np.clip(1.6 * g, -1.0, 1.0)
    return g


def lattice(p: OgeeLatticeParams, palette: Palette, x: np.ndarray, y: np.ndarray, fp: float):
    """Premultiplied RGBA of the lattice at design points (period 1 in x and y)."""
    t = tones(p, palette)
    n2 = 2 * p.columns
    cw = 1.0 / n2  # a cell column's width (design units)
    rh = 1.0 / p.rows  # a row's height
    c = wrap01(x) * n2
    v = wrap01(y) * p.rows
    g = _g(p, v)
    eps = 1e-4
    slope = (_g(p, v + eps) - _g(p, v - eps)) / (2 * eps) * 0.5 * (cw / rh)
    stretch = np.sqrt(1.0 + slope * slope)
    k0 = np.floor(c)
    best = np.full(c.shape, np.inf)
    cell = np.zeros(c.shape)
    left_d = np.full(c.shape, np.inf)
    right_d = np.full(c.shape, np.inf)
    for dk in (-1, 0, 1, 2):
        k = k0 + dk
        s = 1.0 - 2.0 * np.mod(k, 2.0)
        pos = k + s * 0.5 * g
        dist = (c - pos) * cw / stretch  # signed: positive to the right of curve k
        best = np.minimum(best, np.abs(dist))
        # The cell a point is in lies between the last curve left of it and the next
        # (where curves coincide, the later one: the cell between them is empty).
        right_of = dist >= 0
        closer = right_of & (dist <= left_d)
        left_d = np.where(closer, dist, left_d)
        cell = np.where(closer, k, cell)
        left_of = ~right_of
        right_d = np.where(left_of & (-dist < right_d), -dist, right_d)
    hw = 0.5 * p.line_width * cw
    inv = 1.0 / fp
    line = np.clip((hw - best) * inv + 0.5, 0.0, 1.0)
    out = np.zeros((*x.shape, 4), np.float32)
    if p.fill != "none":
        odd = np.mod(cell, 2.0) == 1.0
        rgb = np.where(
            odd[..., None] & (p.fill == "alternate"),
            np.asarray(t["alt"], np.float32),
            np.asarray(t["fill"], np.float32),
        )
        out[..., :3] = rgb
        out[..., 3] = 1.0
    if p.inline:
        inset = 3.2 * hw
        d_in = np.minimum(left_d, right_d)
        ring = np.clip((0.35 * hw - np.abs(d_in - inset)) * inv + 0.5, 0.0, 1.0)
        ring *= np.clip((d_in - 1.5 * hw) * inv, 0.0, 1.0)  # not where the cell pinches
        _over(out, ring, t["line"])
    _over(out, line, t["line"])
    if p.knots:
        # Curves k, k + 1 touch at (k + 1/2, 1/2) for even k and (k + 1/2, 0) for odd k.
        kx = np.floor(c) + 0.5
        even = np.mod(np.floor(c), 2.0) == 0.0
        ky = np.where(even, np.floor(v) + 0.5, np.round(v))
        dx = (c - kx) * cw
        dy = (v - ky) * rh
        r = 1.6 * hw + 0.012 * min(cw, rh)
        knot = np.clip((r - np.hypot(dx, dy)) * inv + 0.5, 0.0, 1.0)
        _over(out, knot, t["knot"])
    return out


def _over(out: np.ndarray, cover: np.ndarray, rgb) -> None:
    a = cover.astype(np.float32)[..., None]
    out *= 1.0 - a
    out[..., :3] += a * np.asarray(rgb, np.float32)
    out[..., 3:] += a


def _field(p: OgeeLatticeParams, call: Call) -> np.ndarray:
    return lattice(p, call.palette, call.x, call.y, call.footprint)


@operator(
    "ornament.ogee_lattice",
    kind="field",
    version=1,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "ogee",
        "onion",
        "trellis",
        "moroccan",
        "lattice",
        "damask frame",
        "quatrefoil",
        "葱形",
        "洋葱形格",
        "摩洛哥格",
        "格子框",
    ),
)
def ogee_lattice(p: OgeeLatticeParams, call: Call) -> np.ndarray:
    """Ogee lattice: onion cells between mirrored S-curves; also lens and Moroccan trellis.

    Curve k of the lattice is ``x = k + (-1)^k g(y) / 2`` in cell units: neighbouring
    curves swing in opposite directions, touching where ``|g| = 1``, so the cells
    between them are pointed at both ends and every other column is dropped by half
    a cell (the half-drop of damask repeats). ``g`` is ``-cos 2 pi y`` (``lens``), the
    same with a warped phase that sinks the widest part (``ogee``, the onion with a
    long neck) or clipped so lines run together (``trellis``). Lines are anti-aliased
    from their distance ``|x - x_k(y)| / sqrt(1 + x_k'(y)^2)`` (first order) and the
    footprint; an inner line follows each cell, beads mark the touching points, and
    cells may be filled in one or two colours. Whole cells fit the unit, and
    coordinates are wrapped exactly: the field repeats with period 1 in x and y.

    References
    ----------
    Phillips & Bunce 1993, *Repeat Patterns: A Manual for Designers, Artists and
    Architects* (ogee and half-drop repeats); Meyer 1888, *Handbook of Ornament*,
    "Diapers"; Owen Jones 1856, *The Grammar of Ornament*, pl. XXXIX-XLIII (Moresque).
    """
    return _field(p, call)
