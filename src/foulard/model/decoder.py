"""One sample's decoder in NumPy: points of the torus -> sRGB.

:class:`Decoder` folds the sample's spectral gains, FiLM scales and shifts and the
footprint's pre-filter into its weights once (:meth:`foulard.model.infer.Model.decoder`),
so evaluating points costs one Fourier layer and three small matrix products. On a
regular grid (a band of pixels: ``x`` constant down columns, ``y`` along rows) the
Fourier layer is separable and computed from 1-D tables; masters read a fixed lattice,
scattered points a table of the whole torus (see the methods).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from foulard.model import arch
from foulard.ops._common.bilinear import blend_corners

if TYPE_CHECKING:
    from foulard.model.infer import Model

__all__ = ["BLOCK", "CHUNK", "LATTICE", "LATTICE_BELOW", "Decoder", "mm"]

CHUNK = 32768  # points per block in the generic (non-grid) path
BLOCK = 64  # rows per matrix product (see mm)
LATTICE = 512  # lattice steps per torus unit for fine renders (see Decoder._lattice)
LATTICE_BELOW = 0.5  # use the lattice when a pixel is at most this many lattice steps
TABLE_PER_FOOTPRINT = 8  # scattered points: table steps per pixel footprint (see _table)
TABLE_SIDES = (32, LATTICE)  # ... at least and at most this many steps per torus unit


def mm(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a @ w`` for ``a`` of shape ``(P, K)``, as a stack of ``BLOCK``-row products.

    Each product is small enough that OpenBLAS runs it on the calling thread: the
    renderer already runs bands on every core, and nested BLAS threads on a busy
    machine cost ten times more than they give. The blocks also make every row's
    result independent of how many rows a band has.
    """
    p = a.shape[0]
    pad = -p % BLOCK
    if pad:
        a = np.concatenate([a, np.zeros((pad, a.shape[1]), a.dtype)])
    out = np.matmul(a.reshape(-1, BLOCK, a.shape[1]), w)
    return out.reshape(-1, w.shape[1])[:p]


def _relu(a: np.ndarray) -> np.ndarray:
    return np.maximum(a, 0.0, out=a)


class Decoder:
    """One sample's decoder, its FiLM and pre-filter folded in: points -> sRGB."""

    def __init__(self, model: Model, z: np.ndarray, ce: np.ndarray, footprint: float, colours=None):
        g, b, alpha, beta = model.film(z, ce)
        # The sample's colour map (a pointwise function of the colour) is part of the
        # field: applied to every exact value, before tables and lattices interpolate.
        self.colours = colours
        a = arch.attenuation(footprint)
        F = len(a)
        w1 = model.w["w1.weight"].astype(np.float64)
        w1c, w1s = w1[:, :F].T, w1[:, F:].T  # (F, H)
        wc = alpha[:, None] * w1c + beta[:, None] * w1s
        ws = alpha[:, None] * w1s - beta[:, None] * w1c
        w1 = np.concatenate([wc, ws]) * np.concatenate([a, a])[:, None]
        self.w1 = (w1 * g[0][None, :]).astype(np.float32)
        self.b1 = b[0].astype(np.float32)
        self.w2 = (model.w["w2.weight"].T * g[1][None, :]).astype(np.float32)
        self.b2 = b[1].astype(np.float32)
        self.w3 = (model.w["w3.weight"].T * g[2][None, :]).astype(np.float32)
        self.b3 = b[2].astype(np.float32)
        self.wo = np.ascontiguousarray(model.w["out.weight"].T)
        self.bo = model.w["out.bias"]
        self.k = arch.frequencies()
        self.footprint = float(footprint)
        self._table_data: np.ndarray | None = None
        self._table_lock = threading.Lock()

    def _tail(self, pre: np.ndarray) -> np.ndarray:
        """Hidden layers and output on first-layer pre-activations ``(P, H)`` (in place)."""
        h = mm(_relu(pre), self.w2)
        h += self.b2
        h = mm(_relu(h), self.w3)
        h += self.b3
        out = mm(_relu(h), self.wo)
        out += self.bo
        # sigmoid via tanh (no overflow): 0.5 + 0.5 tanh(x / 2)
        np.multiply(out, 0.5, out=out)
        np.tanh(out, out=out)
        out *= 0.5
        out += 0.5
        return out if self.colours is None else self.colours(out)

    def _grid_pre(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """First-layer pre-activations on the grid ``v`` (rows) x ``u`` (columns): ``(V*U, H)``."""
        R = arch.RADIUS
        F = len(self.k)
        H = self.w1.shape[1]
        A = np.zeros((R + 1, 2 * R + 1, H), np.float64)
        B = np.zeros_like(A)
        A[self.k[:, 1], self.k[:, 0] + R] = self.w1[:F]
        B[self.k[:, 1], self.k[:, 0] + R] = self.w1[F:]
        ky = np.arange(R + 1)
        kx = np.arange(-R, R + 1)
        av = 2.0 * np.pi * v[:, None] * ky[None, :]
        cv, sv = np.cos(av), np.sin(av)
        tc = np.tensordot(cv, A, 1) + np.tensordot(sv, B, 1)  # (V, 2R+1, H)
        ts = np.tensordot(cv, B, 1) - np.tensordot(sv, A, 1)
        au = 2.0 * np.pi * u[:, None] * kx[None, :]
        cs_u = np.concatenate([np.cos(au), np.sin(au)], 1).astype(np.float32)  # (U, 2(2R+1))
        t = np.concatenate([tc, ts], 1).astype(np.float32)  # (V, 2(2R+1), H)
        V, U = v.size, u.size
        pad = -U % BLOCK
        if pad:
            cs_u = np.concatenate([cs_u, np.zeros((pad, cs_u.shape[1]), np.float32)])
        blocks = cs_u.reshape(1, -1, BLOCK, cs_u.shape[1])
        pre = np.matmul(blocks, t[:, None]).reshape(V, U + pad, H)[:, :U]  # (V, U, H)
        pre = pre + self.b1
        return pre.reshape(V * U, H)

    def _points_pre(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """First-layer pre-activations at scattered points ``(P,)``: ``(P, H)``."""
        ang = 2.0 * np.pi * (u[:, None] * self.k[None, :, 0] + v[:, None] * self.k[None, :, 1])
        phi = np.concatenate([np.cos(ang), np.sin(ang)], 1).astype(np.float32)
        pre = mm(phi, self.w1)
        pre += self.b1
        return pre

    def _grid(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Exact values on the grid ``v`` (rows) x ``u`` (columns): ``(V, U, 3)``."""
        out = np.empty((v.size, u.size, 3), np.float32)
        rows = max(1, CHUNK // max(u.size, 1))
        for r0 in range(0, v.size, rows):
            pre = self._grid_pre(u, v[r0 : r0 + rows])
            out[r0 : r0 + rows] = self._tail(pre).reshape(-1, u.size, 3)
        return out

    def _lattice(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Values on a fine grid from the exact field on the global lattice of step
        ``1 / LATTICE``, interpolated bilinearly (masters: many pixels per lattice step).

        The lattice is fixed in torus coordinates, so a pixel's value depends on its
        own coordinates only (bands and periods give bit-identical results).
        """
        fu, fv = u * LATTICE, v * LATTICE
        iu, iv = np.floor(fu), np.floor(fv)
        tu, tv = (fu - iu).astype(np.float32), (fv - iv).astype(np.float32)
        cols, cinv = np.unique(np.concatenate([iu, iu + 1]), return_inverse=True)
        rows, rinv = np.unique(np.concatenate([iv, iv + 1]), return_inverse=True)
        lat = self._grid(cols / LATTICE, rows / LATTICE)  # (R, C, 3)
        c0, c1 = cinv[: u.size], cinv[u.size :]
        r0, r1 = rinv[: v.size], rinv[v.size :]
        along = lat[:, c0] * (1.0 - tu)[None, :, None] + lat[:, c1] * tu[None, :, None]
        return along[r0] * (1.0 - tv)[:, None, None] + along[r1] * tv[:, None, None]

    def table_side(self) -> int:
        """Steps per torus unit of the table scattered points are read from: a power of
        two with at least :data:`TABLE_PER_FOOTPRINT` steps per pixel footprint."""
        want = TABLE_PER_FOOTPRINT / max(self.footprint, 1e-12)
        side = 1 << max(0, int(np.ceil(np.log2(max(want, 1.0)))))
        return int(min(TABLE_SIDES[1], max(TABLE_SIDES[0], side)))

    def _table(self) -> np.ndarray:
        """The exact field on the whole torus at :meth:`table_side` steps, made once."""
        with self._table_lock:
            if self._table_data is None:
                t = np.arange(self.table_side()) / self.table_side()
                self._table_data = self._grid(t, t)  # (v, u, 3)
            return self._table_data

    def _scattered(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Scattered points ``(P,)`` read bilinearly from the torus table: ``(P, 3)``.

        Layouts sample a ground at folded, masked points (no grid): the exact path
        costs a Fourier layer per point, 10-20x the grid path's. The table is fixed
        in torus coordinates (a point's value depends on its own coordinates only, so
        bands and periods stay bit-identical) and the field is band-limited at the
        footprint, so 8 steps per footprint (at most 512 per unit, as the master
        lattice) keep it within 2/255 of exact (1.6/255 the largest measured).
        """
        tab = self._table()
        n = tab.shape[0]  # a power of two: indices wrap with a mask
        flat = tab.reshape(-1, 3)
        fu, fv = np.asarray(u, np.float64) * n, np.asarray(v, np.float64) * n
        iu, iv = np.floor(fu), np.floor(fv)
        tu, tv = (fu - iu).astype(np.float32)[:, None], (fv - iv).astype(np.float32)[:, None]
        u0 = iu.astype(np.int64) & (n - 1)
        v0 = (iv.astype(np.int64) & (n - 1)) * n
        u1, v1 = (u0 + 1) & (n - 1), (v0 + n) & (n * n - 1)
        # np.take and in-place steps: 3x faster than indexing with temporaries (a
        # master's ground is read at every one of its pixels), the same values
        return blend_corners(
            lambda i: np.take(flat, i, axis=0), v0 + u0, v0 + u1, v1 + u0, v1 + u1, tu, tv
        )

    def exact(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """The exact field at scattered points ``(P,)`` (no table): ``(P, 3)``."""
        uf, vf = np.ravel(u), np.ravel(v)
        out = np.empty((uf.size, 3), np.float32)
        for i in range(0, uf.size, CHUNK):
            out[i : i + CHUNK] = self._tail(self._points_pre(uf[i : i + CHUNK], vf[i : i + CHUNK]))
        return out

    def __call__(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """sRGB ``(..., 3)`` float32 at torus coordinates ``u, v`` (any shape, in [0, 1))."""
        shape = np.shape(u)
        if len(shape) == 2 and _is_grid(u, v):
            if self.footprint * LATTICE <= LATTICE_BELOW:
                return self._lattice(u[0], v[:, 0])
            rows = max(1, CHUNK // max(shape[1], 1))
            out = np.empty((shape[0], shape[1], 3), np.float32)
            for r0 in range(0, shape[0], rows):
                pre = self._grid_pre(u[0], v[r0 : r0 + rows, 0])
                out[r0 : r0 + rows] = self._tail(pre).reshape(-1, shape[1], 3)
            return out
        return self._scattered(np.ravel(u), np.ravel(v)).reshape(*shape, 3)


def _is_grid(u: np.ndarray, v: np.ndarray) -> bool:
    return bool(np.array_equal(u, np.broadcast_to(u[:1], u.shape))) and bool(
        np.array_equal(v, np.broadcast_to(v[:, :1], v.shape))
    )
