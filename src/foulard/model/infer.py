"""The model in NumPy: shipped weights, words -> ``c``, prior, decoder, encoder.

No torch here. The weights are plain float32 arrays (``foulard/data/model/
weights.npz``) checked against the sha256 in ``weights.json`` before use; a missing
or corrupt file is a :class:`ModelWeightsError` naming the file and the expected
checksum (the rest of foulard never loads the weights: only the ``learned.neural_*``
operators and ``foulard model`` do, when used).

The decoder folds each sample's spectral gains, FiLM scales and shifts and the
footprint's pre-filter into its weights once per node (:meth:`Model.decoder`), so evaluating
points costs one Fourier layer and three small matrix products. On a regular grid
(a band of pixels: ``x`` constant down columns, ``y`` along rows) the Fourier
layer is separable and computed from 1-D tables.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.model import arch

__all__ = [
    "Conditioning",
    "Decoder",
    "Model",
    "ModelWeightsError",
    "load_model",
    "weights_path",
]

CHUNK = 32768  # points per block in the generic (non-grid) path
BLOCK = 64  # rows per matrix product (see _mm)
LATTICE = 512  # lattice steps per torus unit for fine renders (see Decoder._lattice)
LATTICE_BELOW = 0.5  # use the lattice when a pixel is at most this many lattice steps
TABLE_PER_FOOTPRINT = 8  # scattered points: table steps per pixel footprint (see _table)
TABLE_SIDES = (32, LATTICE)  # ... at least and at most this many steps per torus unit


class ModelWeightsError(FoulardError):
    """The model's weights are missing or do not match their checksum."""


def weights_path() -> Path:
    """The weights file used: ``$FOULARD_MODEL_WEIGHTS`` or the shipped one."""
    env = os.environ.get("FOULARD_MODEL_WEIGHTS")
    if env:
        return Path(env)
    return Path(str(resources.files("foulard.data") / "model" / "weights.npz"))


@dataclass(frozen=True)
class Conditioning:
    """Words turned into the model's condition: the vector, what was used, what was not."""

    c: np.ndarray
    used: tuple[tuple[str, str], ...]  # (term, concept id)
    ignored: tuple[dict[str, str], ...]  # {"text", "reason"}

    def to_json(self) -> dict[str, Any]:
        return {
            "used": [{"term": t, "concept": c} for t, c in self.used],
            "ignored": list(self.ignored),
        }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _mm(a: np.ndarray, w: np.ndarray) -> np.ndarray:
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


def _wrap(t: np.ndarray) -> np.ndarray:
    from foulard.ops._common.geometry import wrap01

    return wrap01(np.asarray(t, np.float64))


class Decoder:
    """One sample's decoder, its FiLM and pre-filter folded in: points -> sRGB."""

    def __init__(self, model: Model, z: np.ndarray, ce: np.ndarray, footprint: float):
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
        self.footprint = float(footprint)
        self._table_data: np.ndarray | None = None
        self._table_lock = threading.Lock()

    def _tail(self, pre: np.ndarray) -> np.ndarray:
        """Hidden layers and output on first-layer pre-activations ``(P, H)`` (in place)."""
        h = _mm(_relu(pre), self.w2)
        h += self.b2
        h = _mm(_relu(h), self.w3)
        h += self.b3
        out = _mm(_relu(h), self.wo)
        out += self.bo
        # sigmoid via tanh (no overflow): 0.5 + 0.5 tanh(x / 2)
        np.multiply(out, 0.5, out=out)
        np.tanh(out, out=out)
        out *= 0.5
        out += 0.5
        return out

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
        pre = _mm(phi, self.w1)
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
        u0, v0 = iu.astype(np.int64) & (n - 1), iv.astype(np.int64) & (n - 1)
        u1, v1 = (u0 + 1) & (n - 1), ((v0 + 1) & (n - 1)) * n
        v0 *= n
        top = flat[v0 + u0]
        top += (flat[v0 + u1] - top) * tu
        bottom = flat[v1 + u0]
        bottom += (flat[v1 + u1] - bottom) * tu
        top += (bottom - top) * tv
        return top

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


class Model:
    """The trained model (NumPy arrays) and what it knows."""

    def __init__(self, arrays: dict[str, np.ndarray], info: dict[str, Any], path: Path):
        self.w = {k: v for k, v in arrays.items() if v.dtype == np.float32}
        self.concepts: list[str] = [str(c) for c in arrays["concepts"]]
        self.index = {c: i for i, c in enumerate(self.concepts)}
        self.info = info
        self.path = path
        if not np.array_equal(arrays["frequencies"], arch.frequencies()):
            raise ModelWeightsError(f"{path}: frequencies differ from this foulard's decoder")

    # -- words -------------------------------------------------------------------------

    def concepts_of(self, el) -> list[str]:
        """The concepts a prompt element (:class:`foulard.prompt.Element`) sets; empty
        when the model was not trained on it.

        A named colour the model has no slot for stands for the basic colour of its own
        hex value, and an operator it did not see for the vocabulary groups that hold
        it: both fixed vocabulary facts, not guesses.
        """
        from foulard.model.concepts import basic_colour_of_hex
        from foulard.prompt.vocabulary import vocabulary

        vocab = vocabulary()
        ids = [f"op:{op}" for op in el.ops] if el.id.startswith("any:") else [el.id]
        if el.kind == "colour" and el.id not in self.index:
            entry = vocab.by_id.get(el.id)
            hexv = entry.data.get("hex") if entry is not None else None
            ids = [basic_colour_of_hex(hexv)] if hexv else ids
        known = [i for i in ids if i in self.index]
        if not known and el.kind == "operator":
            known = [
                g.id
                for g in vocab.of_kind("group")
                if g.id in self.index and set(el.ops) & set(g.data.get("ops") or ())
            ]
        return known

    def condition(self, text: str) -> Conditioning:
        """The condition of a prompt (zh or en): known words set their concept, others are
        reported in ``ignored`` and change nothing (nothing is guessed). Words that ask
        for the model itself ("AI", 模型) are no condition and are not reported."""
        from foulard.prompt.neural import asks_for_model
        from foulard.prompt.parse import parse

        c = np.zeros(len(self.concepts), np.float32)
        used: list[tuple[str, str]] = []
        ignored: list[dict[str, str]] = []
        if not text.strip():
            return Conditioning(c, (), ())
        intent = parse(text)
        for el in intent.wanted:
            if asks_for_model(el):
                continue
            known = self.concepts_of(el)
            if not known:
                ignored.append({"text": el.term, "reason": "the model was not trained on it"})
                continue
            for i in known:
                c[self.index[i]] = 1.0
                used.append((el.term, i))
        for el in intent.negated:
            ignored.append({"text": el.term, "reason": "the model cannot honour a negation"})
        for ig in intent.ignored:
            ignored.append({"text": ig["text"], "reason": ig["reason"]})
        if c.sum() > 0:
            c /= c.sum()
        return Conditioning(c, tuple(used), tuple(ignored))

    def condition_ids(self, ids: list[str]) -> np.ndarray:
        """The condition vector of concept ids (unknown ids are an error)."""
        c = np.zeros(len(self.concepts), np.float32)
        for i in ids:
            if i not in self.index:
                raise FoulardError(f"the model has no concept {i!r}")
            c[self.index[i]] = 1.0
        return c / max(c.sum(), 1.0)

    # -- networks ------------------------------------------------------------------------

    def embed(self, c: np.ndarray) -> np.ndarray:
        return c @ self.w["cemb.weight"].T + self.w["cemb.bias"]

    def prior(self, ce: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        h = np.maximum(ce @ self.w["prior1.weight"].T + self.w["prior1.bias"], 0.0)
        out = h @ self.w["prior2.weight"].T + self.w["prior2.bias"]
        mu, logvar = np.split(out, 2, axis=-1)
        return mu, np.clip(logvar, -12.0, 6.0)

    def sample_z(self, c: np.ndarray, rng: np.random.Generator, temperature: float = 1.0):
        """A latent drawn from ``p(z | c)`` (``temperature`` scales its spread)."""
        mu, logvar = self.prior(self.embed(c))
        eps = rng.standard_normal(arch.ZDIM)
        return (mu + temperature * np.exp(0.5 * logvar) * eps).astype(np.float32)

    def film(self, z: np.ndarray, ce: np.ndarray):
        """FiLM scales and shifts ``(LAYERS, H)`` and the spectrum's gains ``(F,)``."""
        m = np.concatenate([z, ce]).astype(np.float32)
        m = np.maximum(self.w["map1.weight"] @ m + self.w["map1.bias"], 0.0)
        m = np.maximum(self.w["map2.weight"] @ m + self.w["map2.bias"], 0.0)
        film = (self.w["map3.weight"] @ m + self.w["map3.bias"]).reshape(arch.LAYERS, 2, -1)
        spec = (self.w["spec.weight"] @ m + self.w["spec.bias"]).astype(np.float64)
        alpha, beta = np.split(spec, 2)
        return 1.0 + film[:, 0], film[:, 1], 1.0 + alpha, beta

    def decoder(self, z: np.ndarray, c: np.ndarray, footprint: float) -> Decoder:
        """The decoder of one sample for pixels of ``footprint`` torus units."""
        return Decoder(self, np.asarray(z, np.float32), self.embed(c), footprint)

    def render_tile(self, z: np.ndarray, c: np.ndarray, n: int) -> np.ndarray:
        """The sample as an ``n`` px tile of the unit torus, sRGB float32 ``(n, n, 3)``."""
        t = (np.arange(n) + 0.5) / n
        v, u = np.meshgrid(t, t, indexing="ij")
        return self.decoder(z, c, 1.0 / n)(u, v)

    def encode(self, rgb64: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and log-variance of ``q(z | x)`` for a 64 px periodic tile (sRGB in [0, 1])."""
        h = np.asarray(rgb64, np.float32).transpose(2, 0, 1) * 2.0 - 1.0
        for i in range(len(arch.ENC_CHANNELS)):
            h = _conv_circular(h, self.w[f"enc.{i}.weight"], self.w[f"enc.{i}.bias"])
            h = np.where(h > 0, h, 0.2 * h)
        out = self.w["enc_fc.weight"] @ h.reshape(-1) + self.w["enc_fc.bias"]
        mu, logvar = np.split(out, 2)
        return mu, np.clip(logvar, -12.0, 6.0)


def _conv_circular(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 4x4 stride-2 convolution with circular padding 1, ``(C, H, W) -> (O, H/2, W/2)``."""
    c, h, wd = x.shape
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1)), mode="wrap")
    ho, wo = h // 2, wd // 2
    cols = np.empty((c, 4, 4, ho, wo), np.float32)
    for i in range(4):
        for j in range(4):
            cols[:, i, j] = xp[:, i : i + 2 * ho : 2, j : j + 2 * wo : 2]
    out = w.reshape(w.shape[0], -1) @ cols.reshape(c * 16, ho * wo)
    return (out + b[:, None]).reshape(-1, ho, wo)


@functools.lru_cache(maxsize=4)
def _load(path_str: str, mtime: float) -> Model:
    path = Path(path_str)
    jpath = path.with_suffix(".json")
    if not jpath.is_file():
        raise ModelWeightsError(f"model weights' record {jpath} is missing (it gives the sha256)")
    info = json.loads(jpath.read_text(encoding="utf-8"))
    expected = info.get("sha256", "?")
    if not path.is_file():
        raise ModelWeightsError(f"model weights {path} are missing (expected sha256 {expected})")
    got = _sha256(path)
    if got != expected:
        raise ModelWeightsError(
            f"model weights {path} are corrupt: sha256 {got}, expected {expected}"
        )
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except Exception as exc:  # pragma: no cover - a file that matches its sha256 loads
        raise ModelWeightsError(f"model weights {path} cannot be read: {exc}") from exc
    return Model(arrays, info, path)


def load_model(path: str | Path | None = None) -> Model:
    """The model at ``path`` (default :func:`weights_path`), loaded once and checked."""
    p = Path(path) if path else weights_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        mtime = -1.0
    return _load(str(p), mtime)
