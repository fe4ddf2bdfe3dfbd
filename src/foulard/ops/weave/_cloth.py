"""Woven cloth from an interlacement: threads as shaded bands, box-filtered exactly.

Every weave operator reduces to the same picture. The cloth is a grid of *cells*,
one per crossing of warp end ``i`` (a column, x) and weft pick ``j`` (a row, y), each
``1 / threads`` design units wide. In a cell either the warp is up (it covers the
weft) or the weft is up. Inside a cell the top thread is a band of ``thread width``
with a rounded cross-section (darker towards its edges); the thread underneath shows
between the top threads, shaded, and the gaps between both are in shadow. A float
darkens where it dives under at its ends (``dip``), so long floats (satin, twill
wales) read as smooth ridges and short ones (plain weave) as a fine grain. Sheen
lightens the warp and darkens the weft (or the reverse), the tone-on-tone of silk.

Every term is a product of a piecewise polynomial in the cell's x and one in its y,
so the mean over a pixel (a box of ``footprint`` each way) is exact: the sum over
the cells the box overlaps of products of 1-D integrals. This is what makes a cloth
render alike at every resolution, from a master where a thread is 30 px wide to a
preview where it is a third of a pixel. (When a pixel spans more than a few cells,
``_repeat`` box-filters the cells' means instead.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from foulard.errors import ParameterError

__all__ = [
    "DB",
    "DL",
    "DR",
    "DT",
    "UP",
    "Cells",
    "Look",
    "cell_means",
    "check_interlaces",
    "dip_codes",
    "filter_cells",
    "look_of",
    "tone_tables",
]

# Cell code bits: warp up; the warp on top dives under at the top/bottom edge;
# the weft on top dives under at the left/right edge.
UP, DT, DB, DL, DR = 1, 2, 4, 8, 16


@dataclass(frozen=True)
class Look:
    """Shading constants of a cloth (all fractions of a cell or of a colour)."""

    warp_width: float = 0.86
    weft_width: float = 0.86
    roundness: float = 0.2  # darkening at a thread's edges
    dip: float = 0.25  # darkening where a float dives under
    dip_length: float = 0.6  # cells over which the dive shows
    under: float = 0.62  # brightness of the thread seen between the top threads
    gap: float = 0.3  # brightness of the shadow between threads
    sheen: float = 0.0


def look_of(p: Any, **over: float) -> Look:
    """The look of an operator's params (``thread_width``, ``relief``, ``sheen``)."""
    r = float(p.relief)
    kw = {
        "warp_width": float(p.thread_width),
        "weft_width": float(p.thread_width),
        "roundness": 0.4 * r,
        "dip": 0.5 * r,
        "under": 1.0 - 0.76 * r,
        "gap": 0.55 - 0.5 * r,
        "sheen": float(p.sheen),
    }
    kw.update(over)
    return Look(**kw)


def tone_tables(rgb: np.ndarray, look: Look, *, warp: bool) -> np.ndarray:
    """Thread colours with the sheen applied: the lit side lighter, the other darker."""
    rgb = np.asarray(rgb, np.float64)
    s = look.sheen if warp else -look.sheen
    if s >= 0.0:
        return rgb + (0.3 * s) * (1.0 - rgb)
    return rgb * (1.0 + 0.25 * s)


def dip_codes(up: np.ndarray, *, periodic: bool = True) -> np.ndarray:
    """Cell codes (``UP | DT | DB | DL | DR``) of an interlacement ``up[j, i]``.

    A warp on top dives at the top (bottom) edge when the pick above (below) covers
    it; a weft on top dives at its left (right) edge when that warp is up. With
    ``periodic`` the matrix wraps; otherwise the border rows and columns of ``up``
    only serve as neighbours (the result is two cells smaller each way).
    """
    up = np.asarray(up, bool)
    if periodic:
        above, below = np.roll(up, 1, axis=0), np.roll(up, -1, axis=0)
        left, right = np.roll(up, 1, axis=1), np.roll(up, -1, axis=1)
        mid = up
    else:
        mid = up[1:-1, 1:-1]
        above, below = up[:-2, 1:-1], up[2:, 1:-1]
        left, right = up[1:-1, :-2], up[1:-1, 2:]
    code = mid.astype(np.uint8) * UP
    code |= (mid & ~above).astype(np.uint8) * DT
    code |= (mid & ~below).astype(np.uint8) * DB
    code |= (~mid & left).astype(np.uint8) * DL
    code |= (~mid & right).astype(np.uint8) * DR
    return code


def check_interlaces(up: np.ndarray, what: str) -> None:
    """Refuse an interlacement in which some end or pick never changes sides."""
    up = np.asarray(up, bool)
    ends = up.any(axis=0) & ~up.all(axis=0)
    picks = up.any(axis=1) & ~up.all(axis=1)
    if not (ends.all() and picks.all()):
        bad = "ends" if not ends.all() else "picks"
        raise ParameterError(f"{what}: some {bad} never interlace (they would fall out)")


# -- 1-D integrals over part of a cell -------------------------------------------


def _profile_integrals(u0, u1, width: float, roundness: float, ell: float):
    """Integrals over ``[u0, u1]`` (within [0, 1]) of the cell's 1-D profiles.

    Returns ``(one, band, round, dip0, dip1)``: the length, the part covered by the
    thread band, the band with its rounded shading ``1 - roundness * t^2`` (t from
    -1 to 1 across the thread), and the dive ramps ``(1 - u / ell)^2`` at the
    cell's start and ``(1 - (1 - u) / ell)^2`` at its end.
    """
    h = 0.5 * (1.0 - width)
    c0 = np.clip(u0, h, 1.0 - h)
    c1 = np.clip(u1, h, 1.0 - h)
    s = 2.0 / width
    t0 = (c0 - 0.5) * s
    t1 = (c1 - 0.5) * s
    band = c1 - c0
    rnd = band - (0.5 * width * roundness / 3.0) * (t1 * t1 * t1 - t0 * t0 * t0)
    inv = 1.0 / ell

    def ramp(u):  # antiderivative of (1 - u / ell)^2 on [0, ell], constant beyond
        r = 1.0 - np.minimum(u, ell) * inv
        return (ell / 3.0) * (1.0 - r * r * r)

    dip0 = ramp(u1) - ramp(u0)
    dip1 = ramp(1.0 - u0) - ramp(1.0 - u1)
    return u1 - u0, band, rnd, dip0, dip1


# Per-code flags as floats, so a cell's flags are one gather each.
_CODES = np.arange(32)
_F_UP = ((_CODES & UP) != 0).astype(np.float64)
_F_DT = ((_CODES & DT) != 0).astype(np.float64)
_F_DB = ((_CODES & DB) != 0).astype(np.float64)
_F_DL = ((_CODES & DL) != 0).astype(np.float64)
_F_DR = ((_CODES & DR) != 0).astype(np.float64)


def _weights(code, gain, col, row, look: Look):
    """The weights of a cell's warp and weft colours over its overlap with the box."""
    a1, aa, ara, ae0, ae1 = col
    b1, bb, brb, be0, be1 = row
    up = _F_UP.take(code)
    d = look.dip
    a_out = a1 - aa
    b_out = b1 - bb
    warp_top = ara * (b1 - d * (_F_DT.take(code) * be0 + _F_DB.take(code) * be1))
    weft_top = brb * (a1 - d * (_F_DL.take(code) * ae0 + _F_DR.take(code) * ae1))
    half_gap = (0.5 * look.gap) * a_out * b_out
    warp_under = look.under * ara * b_out
    weft_under = look.under * a_out * brb
    ww = warp_under + up * (warp_top - warp_under) + half_gap
    wf = weft_top + up * (weft_under - weft_top) + half_gap
    if gain is not None:
        ww *= gain
        wf *= gain
    return ww, wf


class Cells:
    """What :func:`filter_cells` asks of a cloth, cell by cell.

    ``column(i)`` and ``row(j)`` prepare what a column (row) of cells shares;
    ``cell(col, row)`` gives the cells' codes and gains (or None); ``warp(col, row)``
    and ``weft(col, row)`` their thread colours, ``(n, 3)`` (or one colour, ``(3,)``).
    """

    def column(self, i: np.ndarray) -> Any:
        return i

    def row(self, j: np.ndarray) -> Any:
        return j

    def cell(self, col: Any, row: Any) -> tuple[np.ndarray, np.ndarray | None]:
        raise NotImplementedError

    def warp(self, col: Any, row: Any) -> np.ndarray:
        raise NotImplementedError

    def weft(self, col: Any, row: Any) -> np.ndarray:
        raise NotImplementedError


def filter_cells(xc, yc, hx: float, hy: float, cells: Cells, look: Look) -> np.ndarray:
    """Exact box filter of the cloth around points ``(xc, yc)`` (cell units).

    The box is ``2 hx`` by ``2 hy`` cells (at most 2 cells each way), so it overlaps
    up to 3 x 3 cells; each cell is only evaluated for the points whose box reaches
    it (with small boxes most points need one cell). Returns the mean colour,
    ``(n, 3)`` float64.
    """
    x0 = xc - hx
    x1 = xc + hx
    y0 = yc - hy
    y1 = yc + hy
    i0 = np.floor(x0)
    j0 = np.floor(y0)
    nx = 2 if 2.0 * hx <= 1.0 else 3
    ny = 2 if 2.0 * hy <= 1.0 else 3
    acc = np.zeros((xc.size, 3), np.float64)
    reach_x = [None] + [x1 > i0 + dx for dx in range(1, nx)]
    reach_y = [None] + [y1 > j0 + dy for dy in range(1, ny)]
    for dx in range(nx):
        for dy in range(ny):
            if dx == 0 and dy == 0:
                idx = None
                i, j = i0, j0
                bx0, bx1, by0, by1 = x0, x1, y0, y1
            else:
                sel = reach_x[dx] if dy == 0 else reach_y[dy]
                if dx and dy:
                    sel = reach_x[dx] & reach_y[dy]
                idx = np.flatnonzero(sel)
                if idx.size == 0:
                    continue
                i, j = i0[idx] + dx, j0[idx] + dy
                bx0, bx1, by0, by1 = x0[idx], x1[idx], y0[idx], y1[idx]
            col_i = _profile_integrals(
                np.clip(bx0 - i, 0.0, 1.0),
                np.clip(bx1 - i, 0.0, 1.0),
                look.warp_width,
                look.roundness,
                look.dip_length,
            )
            row_i = _profile_integrals(
                np.clip(by0 - j, 0.0, 1.0),
                np.clip(by1 - j, 0.0, 1.0),
                look.weft_width,
                look.roundness,
                look.dip_length,
            )
            c = cells.column(i.astype(np.int64))
            r = cells.row(j.astype(np.int64))
            ww, wf = _weights(*cells.cell(c, r), col_i, row_i, look)
            part = ww[:, None] * cells.warp(c, r)
            part += wf[:, None] * cells.weft(c, r)
            if idx is None:
                acc += part
            else:
                acc[idx] += part
    acc *= 1.0 / (4.0 * hx * hy)
    return acc


def cell_means(cells: Cells, i: np.ndarray, j: np.ndarray, look: Look) -> np.ndarray:
    """Mean colour of whole cells ``(i, j)`` (for the summed-area table)."""
    zero = np.zeros(1)
    full = np.ones(1)
    col_i = _profile_integrals(zero, full, look.warp_width, look.roundness, look.dip_length)
    row_i = _profile_integrals(zero, full, look.weft_width, look.roundness, look.dip_length)
    c, r = cells.column(i), cells.row(j)
    ww, wf = _weights(*cells.cell(c, r), col_i, row_i, look)
    return ww[:, None] * cells.warp(c, r) + wf[:, None] * cells.weft(c, r)
