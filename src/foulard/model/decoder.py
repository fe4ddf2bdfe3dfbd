"""One sample's decoder in NumPy: points of the torus -> sRGB.

:class:`Decoder` folds the sample's spectral gains, FiLM scales and shifts and the
footprint's pre-filter into its weights once (:meth:`foulard.model.infer.Model.decoder`),
so evaluating points costs one Fourier layer and three small matrix products. On a
regular grid (a band of pixels: ``x`` constant down columns, ``y`` along rows) the
Fourier layer is separable and computed from 1-D tables; masters and scattered points
read a table of the whole torus (see the methods). Every render reads the torus modulo
its period and evaluates each distinct point once (:meth:`TorusField._distinct_grid`).
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from foulard.model import arch
from foulard.ops._common.bilinear import blend_corners

if TYPE_CHECKING:
    from foulard.model.infer import Model

__all__ = [
    "BLOCK",
    "CHUNK",
    "LATTICE",
    "LATTICE_BELOW",
    "Decoder",
    "GridDecoder",
    "TorusField",
    "conv_circular",
    "feature_grid",
    "mm",
]

CHUNK = 32768  # points per block in the generic (non-grid) path
BLOCK = 64  # rows per matrix product (see mm)
LATTICE = 512  # fine renders read a table (see TorusField._lattice) when a pixel is
LATTICE_BELOW = 0.5  # at most this many 1 / LATTICE steps of the torus
TABLE_PER_FOOTPRINT = 8  # scattered points: table steps per pixel footprint (see _table)
TABLE_MIN = 32  # ... and at least this many steps per torus unit (at most PRINT_SIDE)
NODES_BYTES = 64 * 1024 * 1024  # node grids and tables kept, all decoders together


class _NodeGrids:
    """The node grids decoders evaluated most recently, up to :data:`NODES_BYTES` in all
    (one store for the process: a studio holds hundreds of prepared samples)."""

    def __init__(self) -> None:
        self._grids: OrderedDict[tuple[int, bytes], np.ndarray] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._tokens = itertools.count()

    def token(self) -> int:
        return next(self._tokens)

    def get(self, key: tuple[int, bytes]) -> np.ndarray | None:
        with self._lock:
            hit = self._grids.get(key)
            if hit is not None:
                self._grids.move_to_end(key)
            return hit

    def put(self, key: tuple[int, bytes], values: np.ndarray) -> None:
        with self._lock:
            old = self._grids.pop(key, None)
            self._bytes -= 0 if old is None else old.nbytes
            self._grids[key] = values
            self._bytes += values.nbytes
            while self._bytes > NODES_BYTES and len(self._grids) > 1:
                self._bytes -= self._grids.popitem(last=False)[1].nbytes


_NODE_GRIDS = _NodeGrids()


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


class TorusField:
    """What every decoder of one sample shares: reading its exact field (``_grid``
    on a grid of rows x columns, ``exact`` at scattered points, both given by the
    subclass) on bands, through the master lattice and the scattered-point table."""

    PRINT_SIDE = LATTICE  # steps per torus unit of the table masters read

    def __init__(self, footprint: float, colours=None) -> None:
        self.footprint = float(footprint)
        # The sample's colour map (a pointwise function of the colour) is part of the
        # field: applied to every exact value, before tables and lattices interpolate.
        self.colours = colours
        self._table_lock = threading.Lock()
        self._token = _NODE_GRIDS.token()  # this decoder's node grids in the store

    def _output(self, out: np.ndarray) -> np.ndarray:
        """The network's last layer ``(P, 3)`` to sRGB (in place), through the colour map."""
        # sigmoid via tanh (no overflow): 0.5 + 0.5 tanh(x / 2)
        np.multiply(out, 0.5, out=out)
        np.tanh(out, out=out)
        out *= 0.5
        out += 0.5
        return out if self.colours is None else self.colours(out)

    def _grid(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:  # pragma: no cover
        """Exact values on the grid ``v`` (rows) x ``u`` (columns): ``(V, U, 3)``."""
        raise NotImplementedError

    def exact(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:  # pragma: no cover
        """The exact field at scattered points ``(P,)`` (no table): ``(P, 3)``."""
        raise NotImplementedError

    def _lattice(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Values on a fine grid read bilinearly from the table of the exact field on
        the whole torus (masters: many pixels per table step; at print footprints the
        table has :attr:`PRINT_SIDE` steps a unit).

        The table is fixed in torus coordinates, so a pixel's value depends on its
        own coordinates only (bands and periods give bit-identical results), and it
        is made once for all the bands: each node of a master that repeats four
        times is evaluated once, not sixteen times.
        """
        tab = self._table()
        n = tab.shape[0]
        fu, fv = u * n, v * n
        iu, iv = np.floor(fu), np.floor(fv)
        tu, tv = (fu - iu).astype(np.float32), (fv - iv).astype(np.float32)
        cols, cinv = np.unique(np.mod(np.concatenate([iu, iu + 1]), n), return_inverse=True)
        rows, rinv = np.unique(np.mod(np.concatenate([iv, iv + 1]), n), return_inverse=True)
        lat = tab[rows.astype(np.int64)][:, cols.astype(np.int64)]  # (R, C, 3)
        c0, c1 = cinv[: u.size], cinv[u.size :]
        r0, r1 = rinv[: v.size], rinv[v.size :]
        along = lat[:, c0] * (1.0 - tu)[None, :, None] + lat[:, c1] * tu[None, :, None]
        return along[r0] * (1.0 - tv)[:, None, None] + along[r1] * tv[:, None, None]

    def table_side(self) -> int:
        """Steps per torus unit of the table scattered points are read from: a power of
        two with at least :data:`TABLE_PER_FOOTPRINT` steps per pixel footprint."""
        want = TABLE_PER_FOOTPRINT / max(self.footprint, 1e-12)
        side = 1 << max(0, int(np.ceil(np.log2(max(want, 1.0)))))
        return int(min(self.PRINT_SIDE, max(TABLE_MIN, side)))

    def _table(self) -> np.ndarray:
        """The exact field on the whole torus at :meth:`table_side` steps, made once
        (while the other bands wait) and kept in the process's bounded store."""
        with self._table_lock:
            key = (self._token, b"table")
            table = _NODE_GRIDS.get(key)
            if table is None:
                t = np.arange(self.table_side()) / self.table_side()
                table = self._grid(t, t)  # (v, u, 3)
                _NODE_GRIDS.put(key, table)
            return table

    def _scattered(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Scattered points ``(P,)`` read bilinearly from the torus table: ``(P, 3)``.

        Layouts sample a ground at folded, masked points (no grid): the exact path
        costs a Fourier layer per point, 10-20x the grid path's. The table is fixed
        in torus coordinates (a point's value depends on its own coordinates only, so
        bands and periods stay bit-identical) and the field is band-limited at the
        footprint, so 8 steps per footprint (at most :attr:`PRINT_SIDE` per unit, the
        masters' table) keep it within 2/255 of exact (1.6/255 the largest measured).
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

    def __call__(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """sRGB ``(..., 3)`` float32 at torus coordinates ``u, v`` (any shape, in [0, 1))."""
        shape = np.shape(u)
        if len(shape) == 2 and _is_grid(u, v):
            if self.footprint * LATTICE <= LATTICE_BELOW:
                return self._lattice(u[0], v[:, 0])
            return self._distinct_grid(u[0], v[:, 0])
        return self._scattered(np.ravel(u), np.ravel(v)).reshape(*shape, 3)

    def _distinct_grid(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """:meth:`_grid` with each distinct column and row of the torus evaluated once.

        Coordinates are read modulo 1 (the field's period), so a design that repeats
        ``r`` times across ``n`` pixels has ``n / gcd`` distinct columns: a 512 px
        preview repeating 4 times evaluates 128 x 128 points, not 512 x 512. Every
        pixel still gets exactly its own value (the grid path is pointwise).
        """
        uu, iu = np.unique(np.mod(u, 1.0), return_inverse=True)
        vv, iv = np.unique(np.mod(v, 1.0), return_inverse=True)
        return self._nodes(uu, vv)[np.ix_(iv, iu)]

    def _nodes(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """:meth:`_grid` on distinct torus coordinates, kept for the next band: the bands
        of a repeating preview meet the same rows again one period down."""
        digest = hashlib.blake2b(u.tobytes() + b"|" + v.tobytes(), digest_size=16).digest()
        key = (self._token, digest)
        values = _NODE_GRIDS.get(key)
        if values is None:
            values = self._grid(u, v)
            _NODE_GRIDS.put(key, values)
        return values


class Decoder(TorusField):
    """One sample's Fourier decoder (models v1, v2), its FiLM and pre-filter folded in:
    points -> sRGB."""

    def __init__(self, model: Model, z: np.ndarray, ce: np.ndarray, footprint: float, colours=None):
        g, b, alpha, beta = model.film(z, ce)
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
        super().__init__(footprint, colours)

    def _tail(self, pre: np.ndarray) -> np.ndarray:
        """Hidden layers and output on first-layer pre-activations ``(P, H)`` (in place)."""
        h = mm(_relu(pre), self.w2)
        h += self.b2
        h = mm(_relu(h), self.w3)
        h += self.b3
        out = mm(_relu(h), self.wo)
        out += self.bo
        return self._output(out)

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

    def exact(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """The exact field at scattered points ``(P,)`` (no table): ``(P, 3)``."""
        uf, vf = np.ravel(u), np.ravel(v)
        out = np.empty((uf.size, 3), np.float32)
        for i in range(0, uf.size, CHUNK):
            out[i : i + CHUNK] = self._tail(self._points_pre(uf[i : i + CHUNK], vf[i : i + CHUNK]))
        return out


class GridDecoder(TorusField):
    """One sample's grid decoder (model v3): its periodic feature grids, one per
    repeat count, read by smooth bilinear interpolation, and the point network
    (:class:`foulard.model.arch.GRID`).

    A footprint coarser than the native one blurs each grid by the Gaussian of the
    extra footprint (exactly, in the grid's Fourier domain, at the grid's repeat), so
    a coarse preview reads a low-passed field, as the Fourier decoder's pre-filter does.

    Masters read a table of 1024 steps a repeat: the point network draws edges far
    sharper than a step, and a bilinear read ramps them over one step (measured at a
    master's footprint, 8 samples: 2.6 % of points more than 4/255 off the exact
    field with 512 steps, 0.37 % with 1024, for a table made in about the time the
    512-step lattice took band by band).
    """

    PRINT_SIDE = 2 * LATTICE

    def __init__(self, model: Model, z: np.ndarray, footprint: float, colours=None):
        super().__init__(footprint, colours)
        w = model.w
        grids = model.feature_grid(z)  # (S, S, FEAT * scales)
        side, nf = grids.shape[0], arch.GRID.FEAT
        extra = float(footprint) ** 2 - arch.GRID.FP_REF**2
        k = np.fft.fftfreq(side) * side
        k2 = k[:, None] ** 2 + k[None, :] ** 2
        self.grids: list[tuple[int, np.ndarray]] = []
        for i, scale in enumerate(arch.GRID.SCALES):
            g = grids[..., i * nf : (i + 1) * nf]
            if extra > 0:
                gain = np.exp(-2.0 * np.pi**2 * k2 * scale**2 * extra)[..., None]
                g = np.fft.ifft2(np.fft.fft2(g, axes=(0, 1)) * gain, axes=(0, 1)).real
            self.grids.append((scale, np.ascontiguousarray(g, np.float32)))
        self.nf = nf * len(self.grids)
        self.w1 = np.ascontiguousarray(w["p1.weight"].T)
        self.b1 = w["p1.bias"]
        self.w2 = np.ascontiguousarray(w["p2.weight"].T)
        self.b2 = w["p2.bias"]
        self.wo = np.ascontiguousarray(w["out.weight"].T)
        self.bo = w["out.bias"]

    def _tail(self, feat: np.ndarray) -> np.ndarray:
        """The point network on interpolated features ``(P, FEAT * scales)``."""
        h = mm(feat, self.w1)
        h += self.b1
        h = mm(_relu(h), self.w2)
        h += self.b2
        out = mm(_relu(h), self.wo)
        out += self.bo
        return self._output(out)

    def _scattered(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Scattered points: exact at preview footprints (a point costs about what a
        table step does, and the table would be built for one preview), read from the
        torus table at print footprints (as the Fourier decoder)."""
        if self.footprint * LATTICE > LATTICE_BELOW:
            return self._distinct_exact(u, v)
        return super()._scattered(u, v)

    def _distinct_exact(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """:meth:`exact` at scattered points, read modulo 1, evaluated once per node when
        the points lie on a grid of fewer nodes than points (a layout's masked, folded
        preview of a repeating ground: a 512 px scarf repeating 6 times has 256 distinct
        columns), else point by point. Each point gets exactly its own value."""
        ur, vr = np.mod(u, 1.0), np.mod(v, 1.0)
        uu, iu = np.unique(ur, return_inverse=True)
        vv, iv = np.unique(vr, return_inverse=True)
        if uu.size * vv.size >= ur.size:
            return self.exact(ur, vr)
        return self._nodes(uu, vv)[iv, iu]

    @staticmethod
    def _cells(t: np.ndarray, side: int, scale: int):
        f = np.asarray(t, np.float64) * (side * scale)
        i0 = np.floor(f)
        w = arch.smooth_weights(f - i0).astype(np.float32)
        i0 = i0.astype(np.int64) % side
        return i0, (i0 + 1) % side, w

    def _grid(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        rows, cols = [], []
        for scale, g in self.grids:
            v0, v1, tv = self._cells(v, g.shape[0], scale)
            r = g[v1]
            a = g[v0]
            r -= a
            r *= tv[:, None, None]
            r += a
            rows.append(r)  # (V, S, FEAT): the grid read along v
            u0, u1, tu = self._cells(u, g.shape[0], scale)
            cols.append((u0, u1, tu[None, :, None]))
        out = np.empty((v.size, u.size, 3), np.float32)
        step = max(1, CHUNK // max(u.size, 1))
        nf = arch.GRID.FEAT
        for r0 in range(0, v.size, step):
            n = min(step, v.size - r0)
            feat = np.empty((n, u.size, self.nf), np.float32)
            for i, (full, (u0, u1, tu)) in enumerate(zip(rows, cols, strict=True)):
                r = full[r0 : r0 + n]
                part = np.take(r, u1, axis=1)
                a = np.take(r, u0, axis=1)
                part -= a
                part *= tu
                part += a
                feat[..., i * nf : (i + 1) * nf] = part
            out[r0 : r0 + n] = self._tail(feat.reshape(-1, self.nf)).reshape(n, u.size, 3)
        return out

    def exact(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        uf, vf = np.ravel(u), np.ravel(v)
        out = np.empty((uf.size, 3), np.float32)
        nf = arch.GRID.FEAT
        for i in range(0, uf.size, CHUNK):
            us, vs = uf[i : i + CHUNK], vf[i : i + CHUNK]
            feat = np.empty((us.size, self.nf), np.float32)
            for j, (scale, g) in enumerate(self.grids):
                side = g.shape[0]
                flat = g.reshape(-1, nf)
                u0, u1, tu = self._cells(us, side, scale)
                v0, v1, tv = self._cells(vs, side, scale)
                # along v first, then u: the grid path's order, so both give
                # bit-identical values (a point's value never depends on its path)
                feat[:, j * nf : (j + 1) * nf] = blend_corners(
                    lambda k, flat=flat: np.take(flat, k, axis=0),
                    v0 * side + u0, v1 * side + u0, v0 * side + u1, v1 * side + u1,
                    tv[:, None], tu[:, None],
                )  # fmt: skip
            out[i : i + CHUNK] = self._tail(feat)
        return out


def conv_circular(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1) -> np.ndarray:
    """A k x k convolution with circular padding 1 (torch's ``Conv2d(..., padding=1,
    padding_mode="circular")``), ``(C, H, W) -> (O, H', W')`` or, for a batch,
    ``(N, C, H, W) -> (N, O, H', W')``: 3x3 with stride 1 keeps the size (the
    generator, the diffusion prior), 4x4 with stride 2 halves it (the encoder)."""
    one = x.ndim == 3
    xb = x[None] if one else x
    n, c, h, wd = xb.shape
    k = w.shape[-1]
    xp = np.pad(xb, ((0, 0), (0, 0), (1, 1), (1, 1)), mode="wrap")
    ho, wo = (h + 2 - k) // stride + 1, (wd + 2 - k) // stride + 1
    cols = np.empty((n, ho, wo, c, k, k), np.float32)  # one row per output position
    for i in range(k):
        for j in range(k):
            part = xp[:, :, i : i + stride * ho : stride, j : j + stride * wo : stride]
            cols[..., i, j] = part.transpose(0, 2, 3, 1)
    # Row blocks keep OpenBLAS on this thread (see mm): one product of the whole
    # layer ran 30x slower on a busy 2-core machine with BLAS threads.
    out = mm(cols.reshape(n * ho * wo, c * k * k), w.reshape(w.shape[0], -1).T) + b
    out = np.ascontiguousarray(out.reshape(n, ho, wo, -1).transpose(0, 3, 1, 2))
    return out[0] if one else out


def feature_grid(w: dict[str, np.ndarray], z: np.ndarray) -> np.ndarray:
    """Model v3's generator: latent ``z`` -> periodic feature grid ``(S, S, FEAT)``; a
    spatial latent (:class:`foulard.model.arch.SPATIAL`, weights with ``gen_in``) is
    a map read by a convolution, its first generator step at the map's size, doubling
    up to the grid's side."""
    spatial = "gen_in.weight" in w
    z = np.asarray(z, np.float32)
    if spatial:
        ch, s = arch.latent_shape(w)
        h = conv_circular(z.reshape(ch, s, s), w["gen_in.weight"], w["gen_in.bias"])
    else:
        h = (w["gen_fc.weight"] @ z + w["gen_fc.bias"]).reshape(-1, 4, 4)
    h = np.where(h > 0, h, 0.2 * h)
    i = 0
    while f"gen.{i}.weight" in w:
        if (i or not spatial) and h.shape[1] < arch.GRID.SIDE:
            h = h.repeat(2, axis=1).repeat(2, axis=2)
        h = conv_circular(h, w[f"gen.{i}.weight"], w[f"gen.{i}.bias"])
        h = np.where(h > 0, h, 0.2 * h)
        i += 1
    h = conv_circular(h, w["gen_out.weight"], w["gen_out.bias"])
    return h.transpose(1, 2, 0).astype(np.float64)


def _is_grid(u: np.ndarray, v: np.ndarray) -> bool:
    return bool(np.array_equal(u, np.broadcast_to(u[:1], u.shape))) and bool(
        np.array_equal(v, np.broadcast_to(v[:, :1], v.shape))
    )
