"""Repeating cloths: a weave and colour orders (or a cell-by-cell repeat), rendered.

A periodic cloth is evaluated in the repeat's own coordinates (wrapped exactly, so
``p`` and ``p + period`` give the same bits). While a pixel spans at most two cells
each way the threads are box-filtered exactly (:func:`filter_cells`); beyond that,
the cells' means are box-filtered through a periodic summed-area table.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from foulard.errors import ParameterError
from foulard.ops._common.channels import opaque
from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.weave._cloth import (
    Cells,
    Look,
    cell_means,
    dip_codes,
    filter_cells,
    look_of,
    tone_tables,
)

__all__ = [
    "MAX_REPEAT",
    "SAT_CELLS",
    "PeriodicCloth",
    "SummedArea",
    "TiledCloth",
    "matrix_periods",
    "plain_cloth",
    "plain_cloth_hooks",
    "repeat_guard",
]

MAX_REPEAT = 1024  # threads per axis of a full repeat (weave x colour order)
SAT_CELLS = 2.0  # above this many cells per pixel, filter cell means instead


class SummedArea:
    """A periodic summed-area table of per-cell colours, box-filtered anywhere."""

    def __init__(self, means: np.ndarray):
        ny, nx, _ = means.shape
        table = np.zeros((ny + 1, nx + 1, 3), np.float64)
        table[1:, 1:] = means.cumsum(axis=0).cumsum(axis=1)
        self.table = table
        self.nx, self.ny = nx, ny

    def _node(self, i, j):
        qx, rx = np.divmod(i, self.nx)
        qy, ry = np.divmod(j, self.ny)
        t = self.table
        return (
            (qx * qy).astype(np.float64)[:, None] * t[self.ny, self.nx]
            + qx.astype(np.float64)[:, None] * t[ry, self.nx]
            + qy.astype(np.float64)[:, None] * t[self.ny, rx]
            + t[ry, rx]
        )

    def integral(self, x, y):
        """Integral from the origin to ``(x, y)`` (cell units) of the cell image."""
        i = np.floor(x)
        j = np.floor(y)
        fx = (x - i)[:, None]
        fy = (y - j)[:, None]
        i = i.astype(np.int64)
        j = j.astype(np.int64)
        top = self._node(i, j) * (1.0 - fx) + self._node(i + 1, j) * fx
        bottom = self._node(i, j + 1) * (1.0 - fx) + self._node(i + 1, j + 1) * fx
        return top * (1.0 - fy) + bottom * fy

    def box(self, xc, yc, hx: float, hy: float) -> np.ndarray:
        s = self.integral
        total = s(xc + hx, yc + hy) - s(xc - hx, yc + hy) - s(xc + hx, yc - hy)
        total += s(xc - hx, yc - hy)
        return total * (1.0 / (4.0 * hx * hy))


def _lcm(a: int, b: int) -> int:
    return a * b // math.gcd(a, b)


class PeriodicCloth:
    """A cloth whose interlacement and thread colours repeat.

    Parameters
    ----------
    up : array (picks, ends) of bool
        The interlacement matrix (warp up = True), one repeat.
    warp_roles, weft_roles : sequence of int
        Palette role of each end and pick of the colour orders (each repeats).
    threads : float
        Threads per design unit (warp and weft alike).
    look : Look
    gain : array (picks, ends) of float, optional
        A brightness factor per cell of the weave repeat (waffle cells).
    """

    def __init__(
        self,
        up: np.ndarray,
        warp_roles,
        weft_roles,
        threads: float,
        look: Look,
        gain: np.ndarray | None = None,
    ):
        up = np.asarray(up, bool)
        self.up = up
        self.code = dip_codes(up).ravel()
        self.py, self.px = up.shape
        self.warp_roles = np.asarray(warp_roles, np.int64)
        self.weft_roles = np.asarray(weft_roles, np.int64)
        self.nx = _lcm(self.px, self.warp_roles.size)
        self.ny = _lcm(self.py, self.weft_roles.size)
        self.threads = float(threads)
        self.look = look
        self.gain = None if gain is None else np.asarray(gain, np.float64).ravel()
        self._sat: dict[tuple[str, ...], SummedArea] = {}
        self._lock = threading.Lock()

    @property
    def repeat(self) -> tuple[int, int]:
        """Threads in one full repeat (ends, picks)."""
        return self.nx, self.ny

    def periods(self) -> list[tuple[float, float]]:
        return [(self.nx / self.threads, 0.0), (0.0, self.ny / self.threads)]

    def colours(self, palette) -> tuple[np.ndarray, np.ndarray]:
        rgb = palette.rgb
        n = len(palette)
        warp = tone_tables(rgb[self.warp_roles % n], self.look, warp=True)
        weft = tone_tables(rgb[self.weft_roles % n], self.look, warp=False)
        return warp, weft

    def cells(self, palette) -> Cells:
        return _PeriodicCells(self, *self.colours(palette))

    def summed_area(self, palette) -> SummedArea:
        key = palette.colors
        sat = self._sat.get(key)
        if sat is None:
            with self._lock:
                sat = self._sat.get(key)
                if sat is None:
                    jj, ii = np.meshgrid(np.arange(self.ny), np.arange(self.nx), indexing="ij")
                    means = cell_means(self.cells(palette), ii.ravel(), jj.ravel(), self.look)
                    sat = SummedArea(means.reshape(self.ny, self.nx, 3))
                    self._sat[key] = sat
        return sat

    def render(self, call: Any) -> np.ndarray:
        """Premultiplied RGBA of the cloth at the call's points."""
        t = self.threads
        fc = call.footprint * t
        h = 0.5 * max(fc, 1e-6)
        px_units, py_units = self.nx / t, self.ny / t
        if fc > SAT_CELLS:
            sat = self.summed_area(call.palette)

            def far(x, y):
                xc = wrap01(x / px_units) * self.nx
                yc = wrap01(y / py_units) * self.ny
                return opaque(sat.box(xc, yc, h, h))

            return chunked(far, call.x, call.y)
        cells = self.cells(call.palette)
        look = self.look

        def near(x, y):
            xc = wrap01(x / px_units) * self.nx
            yc = wrap01(y / py_units) * self.ny
            return opaque(filter_cells(xc, yc, h, h, cells, look))

        return chunked(near, call.x, call.y)


class _PeriodicCells(Cells):
    def __init__(self, cloth: PeriodicCloth, warp: np.ndarray, weft: np.ndarray):
        self.code = cloth.code
        self.gain = cloth.gain
        self.px, self.py = cloth.px, cloth.py
        self.warp_t, self.weft_t = warp, weft

    def column(self, i):
        return i % self.px, self.warp_t[i % self.warp_t.shape[0]]

    def row(self, j):
        return (j % self.py) * self.px, self.weft_t[j % self.weft_t.shape[0]]

    def cell(self, col, row):
        k = row[0] + col[0]
        return self.code.take(k), None if self.gain is None else self.gain.take(k)

    def warp(self, col, row):
        return col[1]

    def weft(self, col, row):
        return row[1]


class TiledCloth(PeriodicCloth):
    """A cloth given cell by cell over one full repeat.

    Parameters
    ----------
    code : array (picks, ends) of uint8
        Cell codes (``UP | DT | DB | DL | DR``), e.g. from :func:`dip_codes`.
    warp_roles, weft_roles : array (picks, ends) of int
        Palette role of the warp and of the weft in each cell.
    threads : float
    look : Look
    gain : array (picks, ends) of float, optional
    """

    def __init__(self, code, warp_roles, weft_roles, threads: float, look: Look, gain=None):
        code = np.asarray(code, np.uint8)
        self.ny, self.nx = code.shape
        self.py, self.px = code.shape
        self.code = code.ravel()
        self.warp_roles = np.asarray(warp_roles, np.int64).ravel()
        self.weft_roles = np.asarray(weft_roles, np.int64).ravel()
        self.threads = float(threads)
        self.look = look
        self.gain = None if gain is None else np.asarray(gain, np.float64).ravel()
        self._sat = {}
        self._lock = threading.Lock()

    def cells(self, palette) -> Cells:
        return _TiledCells(self, *self.colours(palette))


class _TiledCells(Cells):
    def __init__(self, cloth: TiledCloth, warp: np.ndarray, weft: np.ndarray):
        self.code, self.gain, self.nx, self.ny = cloth.code, cloth.gain, cloth.nx, cloth.ny
        self.warp_t, self.weft_t = warp, weft

    def column(self, i):
        return i % self.nx

    def row(self, j):
        return (j % self.ny) * self.nx

    def cell(self, col, row):
        k = row + col
        return self.code.take(k), None if self.gain is None else self.gain.take(k)

    def warp(self, col, row):
        return self.warp_t.take(row + col, axis=0)

    def weft(self, col, row):
        return self.weft_t.take(row + col, axis=0)


def repeat_guard(what: str, *lengths: int) -> None:
    """Refuse a full repeat longer than :data:`MAX_REPEAT` threads."""
    n = 1
    for v in lengths:
        n = _lcm(n, int(v))
    if n > MAX_REPEAT:
        raise ParameterError(
            f"{what}: the full repeat would be {n} threads (at most {MAX_REPEAT}); "
            "choose orders whose lengths share factors"
        )


def plain_cloth(up: np.ndarray, p: Any, **look: float) -> PeriodicCloth:
    """A one-colour-warp, one-colour-weft cloth of ``p`` (``warp_color``, ``weft_color``)."""
    return PeriodicCloth(up, [p.warp_color], [p.weft_color], p.threads, look_of(p, **look))


def matrix_periods(up: np.ndarray, threads: float) -> list[tuple[float, float]]:
    """Periods of a one-colour cloth with interlacement ``up``."""
    py, px = np.shape(up)
    return [(px / threads, 0.0), (0.0, py / threads)]


def plain_cloth_hooks(matrix: Callable[[Any], np.ndarray]) -> dict[str, Callable[..., Any]]:
    """The registry's ``prepare`` and ``periods`` of an operator weaving a
    :func:`plain_cloth` whose interlacement is ``matrix(params)``."""
    return {
        "prepare": lambda p, rng: plain_cloth(matrix(p), p),
        "periods": lambda p: matrix_periods(matrix(p), p.threads),
    }
