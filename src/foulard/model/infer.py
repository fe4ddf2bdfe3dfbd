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
from foulard.model.colour_transfer import ColourMap
from foulard.model.mixture import Mixture
from foulard.ops._common.bilinear import blend_corners

__all__ = [
    "LATEST",
    "MODELS",
    "Conditioning",
    "Decoder",
    "Draw",
    "Model",
    "ModelWeightsError",
    "load_model",
    "weights_path",
    "write_weights",
]

CHUNK = 32768  # points per block in the generic (non-grid) path
BLOCK = 64  # rows per matrix product (see _mm)
LATTICE = 512  # lattice steps per torus unit for fine renders (see Decoder._lattice)
LATTICE_BELOW = 0.5  # use the lattice when a pixel is at most this many lattice steps
TABLE_PER_FOOTPRINT = 8  # scattered points: table steps per pixel footprint (see _table)
TABLE_SIDES = (32, LATTICE)  # ... at least and at most this many steps per torus unit
WORD_EPS = (1e-12, 1e-3)  # a draw's weight per missing colour / other word (Mixture.draw)
REDRAWS = 8  # draws refused as near-duplicates of training tiles before keeping the farthest


class ModelWeightsError(FoulardError):
    """The model's weights are missing or do not match their checksum."""


# The shipped models, by name. A genome names its model (the operators' ``model``
# parameter), so a design keeps its look when a newer model ships: "v1" is the
# first weights with the learned conditional prior; "v2" the same kind of decoder
# with the mixture prior fitted to the training tiles' latents (see docs/model.md).
MODELS = {"v1": "weights.npz", "v2": "weights-v2.npz"}
LATEST = "v2"


def weights_path(model: str = LATEST) -> Path:
    """The weights file of a shipped model; ``$FOULARD_MODEL_WEIGHTS`` replaces them all."""
    env = os.environ.get("FOULARD_MODEL_WEIGHTS")
    if env:
        return Path(env)
    if model not in MODELS:
        raise ModelWeightsError(f"unknown model {model!r}; shipped: {', '.join(MODELS)}")
    return Path(str(resources.files("foulard.data") / "model" / MODELS[model]))


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


@dataclass(frozen=True)
class Draw:
    """A drawn sample: the latent, and the colour map of its inks (``None``: its own)."""

    z: np.ndarray
    colours: ColourMap | None = None
    redraws: int = 0  # draws refused as near-duplicates of a training tile first


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


class Model:
    """The trained model (NumPy arrays) and what it knows."""

    def __init__(self, arrays: dict[str, np.ndarray], info: dict[str, Any], path: Path):
        self.w = {k: v for k, v in arrays.items() if v.dtype == np.float32}
        self.concepts: list[str] = [str(c) for c in arrays["concepts"]]
        self.index = {c: i for i, c in enumerate(self.concepts)}
        self.info = info
        self.path = path
        self.mixture = Mixture.from_arrays(arrays)
        # A missing colour word weighs more than any number of missing motif words
        # when no tile carries them all (see Mixture.draw): inks come from the tile,
        # so "blue peony" prefers a blue tile without peonies to peonies in red.
        is_colour = np.array([c.startswith("colour:") for c in self.concepts])
        self.word_eps = np.where(is_colour, WORD_EPS[0], WORD_EPS[1])
        self.signatures = None
        if "novelty.signatures" in arrays:
            from foulard import perceptual

            self.signatures = perceptual.arrays_of_rows(arrays["novelty.signatures"])
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
        """A latent drawn from ``p(z | c)`` (``temperature`` scales its spread): from the
        mixture prior fitted to the training tiles' latents when the weights carry one
        (:mod:`foulard.model.mixture`), else from the learned conditional prior."""
        if self.mixture is not None:
            return self.mixture.sample(c, rng, temperature)
        mu, logvar = self.prior(self.embed(c))
        eps = rng.standard_normal(arch.ZDIM)
        return (mu + temperature * np.exp(0.5 * logvar) * eps).astype(np.float32)

    def draw(self, c: np.ndarray, rng: np.random.Generator, temperature: float = 1.0) -> Draw:
        """A sample for words ``c``: its latent and, with the mixture prior, the map that
        gives it the inks of a training tile carrying the words
        (:mod:`foulard.model.colour_transfer`).

        When the weights carry the training tiles' perceptual signatures, a draw
        whose 64 px tile is a near-duplicate of a training tile (the library's rule,
        distance <= 1) is drawn again, up to :data:`REDRAWS` times (then the farthest
        of the draws is kept): the model never hands out a copy of what it learned
        from. ``Draw.redraws`` says how many draws were refused.
        """
        m = self.mixture
        if m is None:
            return Draw(self.sample_z(c, rng, temperature))
        best: Draw | None = None
        best_d = -1.0
        for attempt in range(REDRAWS + 1):
            z, tile = m.draw(c, rng, temperature, self.word_eps)
            if tile < 0:
                return Draw(z)
            d = Draw(z, self.colour_map(z, c, m.tile_basis[tile], m.tile_colours[tile]), attempt)
            if self.signatures is None:
                return d
            dist = self.nearest_training_tile(self.render_tile(z, c, 64, d.colours))
            if dist > 1.0:
                return d
            if dist > best_d:
                best, best_d = d, dist
        assert best is not None
        return Draw(best.z, best.colours, REDRAWS + 1)

    def nearest_training_tile(self, rgb: np.ndarray) -> float:
        """Perceptual distance (in thresholds) from a picture to the nearest training tile."""
        from foulard import perceptual

        return float(perceptual.distances_to(perceptual.signature(rgb), self.signatures).min())

    def colour_map(self, z: np.ndarray, c: np.ndarray, basis, target) -> ColourMap:
        """The map from sample ``(z, c)``'s colours (measured at the native footprint)
        to a colour table (axes, quantiles)."""
        return ColourMap.between(self.render_tile(z, c, arch.TRAIN_SIDE), basis, target)

    def film(self, z: np.ndarray, ce: np.ndarray):
        """FiLM scales and shifts ``(LAYERS, H)`` and the spectrum's gains ``(F,)``."""
        m = np.concatenate([z, ce]).astype(np.float32)
        m = np.maximum(self.w["map1.weight"] @ m + self.w["map1.bias"], 0.0)
        m = np.maximum(self.w["map2.weight"] @ m + self.w["map2.bias"], 0.0)
        film = (self.w["map3.weight"] @ m + self.w["map3.bias"]).reshape(arch.LAYERS, 2, -1)
        spec = (self.w["spec.weight"] @ m + self.w["spec.bias"]).astype(np.float64)
        alpha, beta = np.split(spec, 2)
        return 1.0 + film[:, 0], film[:, 1], 1.0 + alpha, beta

    def decoder(self, z: np.ndarray, c: np.ndarray, footprint: float, colours=None) -> Decoder:
        """The decoder of one sample for pixels of ``footprint`` torus units (through
        the sample's colour map ``colours`` when given)."""
        return Decoder(self, np.asarray(z, np.float32), self.embed(c), footprint, colours)

    def render_tile(self, z: np.ndarray, c: np.ndarray, n: int, colours=None) -> np.ndarray:
        """The sample as an ``n`` px tile of the unit torus, sRGB float32 ``(n, n, 3)``
        (through ``colours``, a :class:`Draw`'s colour map, when given)."""
        t = (np.arange(n) + 0.5) / n
        v, u = np.meshgrid(t, t, indexing="ij")
        return self.decoder(z, c, 1.0 / n, colours)(u, v)

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
    # Row blocks keep OpenBLAS on this thread (see _mm): one product of the whole
    # layer ran 30x slower on a busy 2-core machine with BLAS threads.
    out = _mm(np.ascontiguousarray(cols.reshape(c * 16, ho * wo).T), w.reshape(w.shape[0], -1).T)
    return (out.T + b[:, None]).reshape(-1, ho, wo)


def write_weights(path: Path, arrays: dict[str, np.ndarray], info: dict[str, Any]) -> dict:
    """Write weights as a plain ``.npz`` and their ``.json`` record (``info`` with the
    file's name, size and sha256), each atomically; returns the record. What
    :func:`load_model` reads back and checks."""
    path = Path(path)
    tmp = path.with_suffix(".npz.tmp")
    with open(tmp, "wb") as f:
        np.savez(f, **arrays)
    os.replace(tmp, path)
    info = {**info, "file": path.name, "bytes": path.stat().st_size, "sha256": _sha256(path)}
    jpath = path.with_suffix(".json")
    jtmp = jpath.with_suffix(".json.tmp")
    jtmp.write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    os.replace(jtmp, jpath)
    return info


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


def load_model(path: str | Path | None = None, model: str = LATEST) -> Model:
    """The model at ``path`` (default: the shipped ``model``), loaded once and checked."""
    p = Path(path) if path else weights_path(model)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        mtime = -1.0
    return _load(str(p), mtime)
