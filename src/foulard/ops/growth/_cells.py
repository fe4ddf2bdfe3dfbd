"""Piecewise-constant cell images (cellular automata, sandpiles, WFC), box-filtered exactly.

A cell image is a small table of values, one per square cell, laid over a rectangle
of design space. Sampling it with a pixel footprint returns the exact average of the
table over that pixel's square, so crisp cells stay crisp at any resolution and a
1024 px render downsampled matches a 512 px render. Footprints up to one cell use
the overlap weights of at most 2 x 2 cells; larger ones a summed-area table (the
integral of a piecewise-constant image is bilinear inside each cell, so bilinear
interpolation of the table's prefix sums is exact).
"""

from __future__ import annotations

import numpy as np

from foulard.ops._common.geometry import wrap01

__all__ = ["CellImage", "SmoothImage", "role_rgba"]

_PAD = 64  # cells of padding for the summed-area table (widest box filter, in cells)


def role_rgba(palette, roles) -> np.ndarray:
    """Opaque premultiplied RGBA rows ``(n, 4)`` for palette roles (wrapping past the end)."""
    roles = np.asarray(roles, np.int64).reshape(-1)
    out = np.ones((len(roles), 4), np.float64)
    out[:, :3] = palette.rgb[roles % len(palette)]
    return out


class CellImage:
    """A ``(h, w, C)`` table of cell values over ``box = (x0, y0, x1, y1)``.

    Axes marked periodic wrap (the table tiles the box); elsewhere the image is
    ``outside`` (a C-vector, default zeros) beyond the box.
    """

    def __init__(
        self,
        table: np.ndarray,
        box: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0),
        *,
        periodic: tuple[bool, bool] = (False, False),
        outside: np.ndarray | None = None,
    ):
        table = np.asarray(table, np.float64)
        if table.ndim == 2:
            table = table[..., None]
        self.h, self.w, self.c = table.shape
        self.box = tuple(float(b) for b in box)
        self.periodic = (bool(periodic[0]), bool(periodic[1]))
        fill = np.zeros(self.c) if outside is None else np.asarray(outside, np.float64)
        self.outside = fill
        # Padded copy: wrapped along periodic axes, ``outside`` along the others.
        rows = np.arange(-_PAD, self.h + _PAD)
        cols = np.arange(-_PAD, self.w + _PAD)
        rows = rows % self.h if self.periodic[1] else rows
        cols = cols % self.w if self.periodic[0] else cols
        keep_r = (rows >= 0) & (rows < self.h)
        keep_c = (cols >= 0) & (cols < self.w)
        padded = np.empty((rows.size, cols.size, self.c))
        padded[:] = fill
        padded[np.ix_(keep_r, keep_c)] = table[np.ix_(rows[keep_r], cols[keep_c])]
        self._flat = np.ascontiguousarray(padded.reshape(-1, self.c))
        self._lo = padded.min(axis=(0, 1))
        self._hi = padded.max(axis=(0, 1))
        self._pw = self.w + 2 * _PAD
        self._ph = self.h + 2 * _PAD
        sat = np.zeros((self._ph + 1, self._pw + 1, self.c))
        sat[1:, 1:] = padded.cumsum(0).cumsum(1)
        self._sat = sat.reshape(-1, self.c)

    def _cell_coords(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x0, y0, x1, y1 = self.box
        u = (x - x0) / (x1 - x0)
        v = (y - y0) / (y1 - y0)
        u = wrap01(u) * self.w if self.periodic[0] else u * self.w
        v = wrap01(v) * self.h if self.periodic[1] else v * self.h
        # Into padded cell coordinates; far-away points only ever see ``outside``.
        m = 0.5 * _PAD
        return np.clip(u, -m, self.w + m) + _PAD, np.clip(v, -m, self.h + m) + _PAD

    def sample(self, x: np.ndarray, y: np.ndarray, footprint: float) -> np.ndarray:
        """Box-filtered values at points: float64 of shape ``x.shape + (C,)``."""
        shape = np.shape(x)
        x = np.ravel(np.asarray(x, np.float64))
        y = np.ravel(np.asarray(y, np.float64))
        u, v = self._cell_coords(x, y)
        x0, y0, x1, y1 = self.box
        # Half the pixel, in cells along each axis.
        hu = min(0.5 * footprint * self.w / (x1 - x0), 0.5 * _PAD - 1.0)
        hv = min(0.5 * footprint * self.h / (y1 - y0), 0.5 * _PAD - 1.0)
        if max(hu, hv) <= 0.5:
            out = self._small(u, v, hu, hv)
        else:
            out = self._sat_box(u, v, max(hu, 1e-6), max(hv, 1e-6))
            # Prefix-sum differences leave rounding dust: an average stays in range,
            # and what is zero (clear, outside) stays exactly zero.
            np.clip(out, self._lo, self._hi, out=out)
            out[np.abs(out) < 1e-9] = 0.0
        return out.reshape(*shape, self.c)

    def _small(self, u: np.ndarray, v: np.ndarray, hu: float, hv: float) -> np.ndarray:
        if min(hu, hv) < 1e-9:
            i = np.floor(u).astype(np.intp)
            j = np.floor(v).astype(np.intp)
            return self._flat.take(j * self._pw + i, axis=0)
        lo_u, lo_v = u - hu, v - hv
        i0 = np.floor(lo_u)
        j0 = np.floor(lo_v)
        # Share of the pixel's box in the first cell along each axis (the rest in the next).
        wx = np.clip((np.minimum(lo_u + 2 * hu, i0 + 1.0) - lo_u) / (2 * hu), 0.0, 1.0)
        wy = np.clip((np.minimum(lo_v + 2 * hv, j0 + 1.0) - lo_v) / (2 * hv), 0.0, 1.0)
        i0 = i0.astype(np.intp)
        j0 = j0.astype(np.intp)
        base = j0 * self._pw + i0
        f = self._flat
        wx = wx[:, None]
        wy = wy[:, None]
        top = f.take(base, axis=0) * wx + f.take(base + 1, axis=0) * (1 - wx)
        bot = f.take(base + self._pw, axis=0) * wx + f.take(base + self._pw + 1, axis=0) * (1 - wx)
        return top * wy + bot * (1 - wy)

    def _integral(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        u = np.clip(u, 0.0, self._pw - 1e-9)
        v = np.clip(v, 0.0, self._ph - 1e-9)
        i = np.floor(u)
        j = np.floor(v)
        fx = (u - i)[:, None]
        fy = (v - j)[:, None]
        i = i.astype(np.intp)
        j = j.astype(np.intp)
        stride = self._pw + 1
        s = self._sat
        base = j * stride + i
        top = s.take(base, axis=0) * (1 - fx) + s.take(base + 1, axis=0) * fx
        bot = s.take(base + stride, axis=0) * (1 - fx) + s.take(base + stride + 1, axis=0) * fx
        return top * (1 - fy) + bot * fy

    def _sat_box(self, u: np.ndarray, v: np.ndarray, hu: float, hv: float) -> np.ndarray:
        total = (
            self._integral(u + hu, v + hv)
            - self._integral(u - hu, v + hv)
            - self._integral(u + hu, v - hv)
            + self._integral(u - hu, v - hv)
        )
        return total / (4.0 * hu * hv)


class SmoothImage:
    """A ``(h, w)`` table of samples at cell centres over ``box``, interpolated bilinearly.

    For smooth fields computed on a grid (a 1-D simulation stacked in time): axes
    marked periodic wrap exactly (``wrap01``), the others are clamped at the edge.
    """

    def __init__(
        self,
        table: np.ndarray,
        box: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0),
        *,
        periodic: tuple[bool, bool] = (False, False),
    ):
        self.table = np.ascontiguousarray(table, np.float32)
        self.h, self.w = self.table.shape
        self.box = tuple(float(b) for b in box)
        self.periodic = (bool(periodic[0]), bool(periodic[1]))

    def sample(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        x0, y0, x1, y1 = self.box
        u = (np.asarray(x, np.float64) - x0) / (x1 - x0)
        v = (np.asarray(y, np.float64) - y0) / (y1 - y0)
        gu = (wrap01(u) if self.periodic[0] else u) * self.w - 0.5
        gv = (wrap01(v) if self.periodic[1] else v) * self.h - 0.5
        iu = np.floor(gu)
        iv = np.floor(gv)
        fu = (gu - iu).astype(np.float32)
        fv = (gv - iv).astype(np.float32)
        iu = iu.astype(np.int64)
        iv = iv.astype(np.int64)
        if self.periodic[0]:
            u0, u1 = iu % self.w, (iu + 1) % self.w
        else:
            u0, u1 = np.clip(iu, 0, self.w - 1), np.clip(iu + 1, 0, self.w - 1)
        if self.periodic[1]:
            v0, v1 = iv % self.h, (iv + 1) % self.h
        else:
            v0, v1 = np.clip(iv, 0, self.h - 1), np.clip(iv + 1, 0, self.h - 1)
        t = self.table
        top = t[v0, u0] + (t[v0, u1] - t[v0, u0]) * fu
        bot = t[v1, u0] + (t[v1, u1] - t[v1, u0]) * fu
        return top + (bot - top) * fv
