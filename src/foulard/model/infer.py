"""The model in NumPy: shipped weights, words -> ``c``, prior, decoder, encoder.

No torch here. The weights are plain float32 arrays (``foulard/data/model/
weights.npz``) checked against the sha256 in ``weights.json`` before use; a missing
or corrupt file is a :class:`ModelWeightsError` naming the file and the expected
checksum (the rest of foulard never loads the weights: only the ``learned.neural_*``
operators and ``foulard model`` do, when used).

The decoder (one sample, folded for a footprint) is :mod:`foulard.model.decoder`.
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
from foulard.model.decoder import (
    LATTICE,
    LATTICE_BELOW,
    Decoder,
    GridDecoder,
    TorusField,
    conv_circular,
    feature_grid,
)
from foulard.model.diffusion import Diffusion
from foulard.model.mixture import DRAW_MODES, Mixture
from foulard.model.quilt import QuiltPrior

__all__ = [
    "DRAWS",
    "LATEST",
    "LATTICE",
    "LATTICE_BELOW",
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

WORD_EPS = (1e-12, 1e-3)  # a draw's weight per missing colour / other word (Mixture.draw)
# With the split draw (model v5 on): (missing colour word, missing other word) for the
# tile that gives the latent (its motif) and for the tile that gives the inks.
LATENT_EPS = (0.01, 1e-6)
INK_EPS = (1e-12, 0.3)
REDRAWS = 8  # draws refused as near-duplicates of training tiles before keeping the farthest


class ModelWeightsError(FoulardError):
    """The model's weights are missing or do not match their checksum."""


# The shipped models, by name. A genome names its model (the operators' ``model``
# parameter), so a design keeps its look when a newer model ships: "v1" is the
# first weights with the learned conditional prior; "v2" the same kind of decoder
# with the mixture prior fitted to the training tiles' latents; "v3" the grid
# decoder (motif cells repeated 1-6 times) with v2's way of drawing; "v4" v3's
# decoder trained on to 24,000 steps, with a mixture of 256 components; "v5" v4's
# network and mixture with the split draw; "v6" the spatial latent (a 16 x 16 map of
# 4 channels) with its diffusion prior: it fits pictures five times closer than v5
# and draws worse than v5 (docs/model.md), so it is the model that fits (FIT_MODEL);
# "v7" v6's decoder with the quilt prior (maps quilted from the training tiles'
# maps): it draws shaped motifs, no copies, and is the model that draws (LATEST). A
# node that leaves out its model draws with LATEST; every genome foulard writes
# names it, so a saved design keeps its look.
MODELS = {
    "v1": "weights.npz",
    "v2": "weights-v2.npz",
    "v3": "weights-v3.npz",
    "v4": "weights-v4.npz",
    "v5": "weights-v4.npz",
    "v6": "weights-v6.npz",
    "v7": "weights-v7.npz",
}
# How a shipped model draws where it differs from its file's own way (Model.draw_mode).
DRAWS = {"v5": "split"}
LATEST = "v7"
FIT_MODEL = "v6"  # learned.neural_fit's default: a picture made a field


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


@dataclass(frozen=True)
class Draw:
    """A drawn sample: the latent, and the colour map of its inks (``None``: its own)."""

    z: np.ndarray
    colours: ColourMap | None = None
    redraws: int = 0  # draws refused as near-duplicates of a training tile first


class Model:
    """The trained model (NumPy arrays) and what it knows."""

    def __init__(
        self, arrays: dict[str, np.ndarray], info: dict[str, Any], path: Path,
        draw: str | None = None,
    ):  # fmt: skip
        self.w = {k: v for k, v in arrays.items() if v.dtype == np.float32}
        self.concepts: list[str] = [str(c) for c in arrays["concepts"]]
        self.index = {c: i for i, c in enumerate(self.concepts)}
        self.info = info
        self.path = path
        self.mixture = Mixture.from_arrays(arrays)
        try:
            self.diffusion = Diffusion.from_arrays(arrays)  # a spatial latent's prior
        except FoulardError as exc:  # one this foulard cannot sample
            raise ModelWeightsError(f"{path}: {exc}") from exc
        try:
            self.quilt = QuiltPrior.from_arrays(arrays)  # a spatial latent's quilted maps
        except (KeyError, ValueError) as exc:
            raise ModelWeightsError(f"{path}: its quilt prior cannot be read: {exc!r}") from exc
        if self.quilt is not None and self.quilt.words.shape[1] != len(self.concepts):
            raise ModelWeightsError(
                f"{path}: its quilt prior's tiles carry {self.quilt.words.shape[1]} concepts, "
                f"the model has {len(self.concepts)}"
            )
        # A missing colour word weighs more than any number of missing motif words
        # when no tile carries them all (see Mixture.draw): inks come from the tile,
        # so "blue peony" prefers a blue tile without peonies to peonies in red.
        is_colour = np.array([c.startswith("colour:") for c in self.concepts])
        self.word_eps = np.where(is_colour, WORD_EPS[0], WORD_EPS[1])
        self.is_colour = is_colour
        self.latent_eps = np.where(is_colour, *LATENT_EPS)  # the split draw's (_draw_split)
        self.ink_eps = np.where(is_colour, *INK_EPS)
        # "joint" (models v2-v4): one tile gives the latent and the inks; "split": the
        # motif words choose the latent's tile, the colour words the inks' tile.
        self.draw_mode = draw or (str(arrays["mix.draw"]) if "mix.draw" in arrays else "joint")
        if self.draw_mode not in DRAW_MODES:
            raise ModelWeightsError(f"{path}: unknown draw {self.draw_mode!r}")
        self.signatures = None
        if "novelty.signatures" in arrays:
            from foulard import perceptual

            self.signatures = perceptual.arrays_of_rows(arrays["novelty.signatures"])
        # "fourier": models v1 and v2 (Fourier features, FiLM); "grid": models v3-v5;
        # "spatial": the grid decoder with a latent map (arch.SPATIAL)
        self.arch = str(arrays["arch"]) if "arch" in arrays else "fourier"
        if self.arch == "fourier":
            if not np.array_equal(arrays["frequencies"], arch.frequencies()):
                raise ModelWeightsError(f"{path}: frequencies differ from this foulard's decoder")
        elif self.arch not in ("grid", "spatial"):
            raise ModelWeightsError(f"{path}: unknown decoder architecture {self.arch!r}")
        self.grid = self.arch != "fourier"  # a grid decoder (GridDecoder), latent vector or map
        if self.arch == "spatial":
            self.latent_shape = arch.latent_shape(self.w)  # (channels, side) of the map
            self.zdim = self.latent_shape[0] * self.latent_shape[1] ** 2
            for name, prior in (("diffusion", self.diffusion), ("quilt", self.quilt)):
                if prior is not None and prior.map_shape != self.latent_shape:
                    raise ModelWeightsError(
                        f"{path}: the {name} prior draws maps of {prior.map_shape} "
                        f"(channels, side), the decoder reads {self.latent_shape}"
                    )
        else:
            self.zdim = int(self.w["enc_fc.bias"].size // 2)
        self._grids: dict[bytes, np.ndarray] = {}
        self._grid_lock = threading.Lock()
        self.train_side = arch.GRID.TRAIN_SIDE if self.grid else arch.TRAIN_SIDE

    # -- words -------------------------------------------------------------------------

    def concepts_of(self, el) -> list[str]:
        """The concepts a prompt element (:class:`foulard.prompt.Element`) sets; empty
        when the model was not trained on it.

        A named colour the model has no slot for stands for the basic colour of its own
        hex value, and an operator it did not see for the vocabulary groups that hold
        it: both fixed vocabulary facts, not guesses. With the split draw (model v5)
        and the quilt (v7) a style also sets the colours its palette rule requires
        (青花 / blue and white: blue accents on a white ground), not those it merely
        allows.
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
        if el.kind == "style" and (self.draw_mode == "split" or self.quilt is not None):
            entry = vocab.by_id.get(el.id)
            rule = (entry.data.get("palette_check") if entry is not None else None) or {}
            needed = [rule.get("accents"), rule.get("ground"), *(rule.get("all_of") or ())]
            for name in needed:
                cid = f"colour:{name}"
                if name and cid in self.index and cid not in known:
                    known.append(cid)
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
        """The condition's embedding (the grid decoder takes no condition: ``c`` itself)."""
        if self.grid:
            return np.asarray(c, np.float32)
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
        if self.quilt is not None:
            return self.quilt.sample(c, rng, self.is_colour)[0]
        if self.diffusion is not None:
            return self.diffusion.sample(c, rng)
        if self.mixture is not None:
            return self.mixture.sample(c, rng, temperature)
        if self.grid:  # trained against a standard normal, before any mixture
            return (temperature * rng.standard_normal(self.zdim)).astype(np.float32)
        mu, logvar = self.prior(self.embed(c))
        eps = rng.standard_normal(self.zdim)
        return (mu + temperature * np.exp(0.5 * logvar) * eps).astype(np.float32)

    def draw(self, c: np.ndarray, rng: np.random.Generator, temperature: float = 1.0) -> Draw:
        """A sample for words ``c``: its latent and, with the mixture prior, the map that
        gives it the inks of a training tile carrying the words
        (:mod:`foulard.model.colour_transfer`).

        When the weights carry the training tiles' perceptual signatures, a draw
        whose 64 px tile is a near-duplicate of a training tile (the library's rule,
        distance <= 1) is drawn again, up to :data:`REDRAWS` times (then the farthest
        of the draws is kept): the model never hands out a copy of what it learned
        from. ``Draw.redraws`` says how many draws were refused. ``temperature`` scales
        the mixture's spread; the diffusion and quilt priors have none.
        """
        m = self.mixture
        if m is None and self.diffusion is None and self.quilt is None:
            return Draw(self.sample_z(c, rng, temperature))
        best: Draw | None = None
        best_d = -1.0
        for attempt in range(REDRAWS + 1):
            d = self._draw_once(c, rng, temperature, attempt)
            if d is None:  # a mixture without its tiles' tables: no inks, no check
                return Draw(self.sample_z(c, rng, temperature))
            if self.signatures is None:
                return d
            dist = self.nearest_training_tile(self.render_tile(d.z, c, 64, d.colours))
            if dist > 1.0:
                return d
            if dist > best_d:
                best, best_d = d, dist
        assert best is not None
        return Draw(best.z, best.colours, REDRAWS + 1)

    def _draw_once(self, c, rng: np.random.Generator, temperature: float, attempt: int):
        """One draw from the prior: a quilted map with a tile's inks, the diffusion
        prior's latent with its own colours, or the mixture's latent with a tile's
        inks (``None`` when the mixture has no tiles to take inks from)."""
        if self.quilt is not None:
            q = self.quilt
            z, ink = q.sample(c, rng, self.is_colour)
            return Draw(z, self.colour_map(z, c, q.basis[ink], q.colours[ink]), attempt)
        m = self.mixture
        if m is None:
            return Draw(self.diffusion.sample(c, rng), None, attempt)
        if m.tile_component is None:
            return None
        if self.draw_mode == "split":
            z, _, inks = self._draw_split(c, rng, temperature)
        else:
            z, inks = m.draw(c, rng, temperature, self.word_eps)
        return Draw(z, self.colour_map(z, c, m.tile_basis[inks], m.tile_colours[inks]), attempt)

    def _draw_split(self, c: np.ndarray, rng: np.random.Generator, temperature: float):
        """The split draw: a tile carrying the motif words (the colour words a strong
        preference, so a tile with all the words is drawn whenever there are a few)
        gives the latent's component and, when it carries the colours asked for, the
        inks; when it lacks one, a second tile carrying them (the motif words a
        preference) gives the inks. So "black and white stripes" is stripes in black
        and white although no training tile is both, where the joint draw gave a
        black-and-white tile without stripes."""
        m = self.mixture
        tile = m.pick_tile(c, rng, self.latent_eps)
        z = m.latent_of(int(m.tile_component[tile]), rng, temperature)
        inks = tile
        colours = (np.asarray(c) > 0) & self.is_colour
        if not m.tile_words[tile, colours].all():  # the latent's tile lacks a colour asked for
            inks = m.pick_tile(c, rng, self.ink_eps)
        return z, tile, inks

    def nearest_training_tile(self, rgb: np.ndarray) -> float:
        """Perceptual distance (in thresholds) from a picture to the nearest training tile."""
        from foulard import perceptual

        return float(perceptual.distances_to(perceptual.signature(rgb), self.signatures).min())

    def colour_map(self, z: np.ndarray, c: np.ndarray, basis, target) -> ColourMap:
        """The map from sample ``(z, c)``'s colours (measured at the native footprint)
        to a colour table (axes, quantiles)."""
        return ColourMap.between(self.render_tile(z, c, self.train_side), basis, target)

    def film(self, z: np.ndarray, ce: np.ndarray):
        """FiLM scales and shifts ``(LAYERS, H)`` and the spectrum's gains ``(F,)``."""
        m = np.concatenate([z, ce]).astype(np.float32)
        m = np.maximum(self.w["map1.weight"] @ m + self.w["map1.bias"], 0.0)
        m = np.maximum(self.w["map2.weight"] @ m + self.w["map2.bias"], 0.0)
        film = (self.w["map3.weight"] @ m + self.w["map3.bias"]).reshape(arch.LAYERS, 2, -1)
        spec = (self.w["spec.weight"] @ m + self.w["spec.bias"]).astype(np.float64)
        alpha, beta = np.split(spec, 2)
        return 1.0 + film[:, 0], film[:, 1], 1.0 + alpha, beta

    def feature_grid(self, z: np.ndarray) -> np.ndarray:
        """The grid decoder's feature grids of latent ``z`` (read-only), kept for the
        last few latents: a sample is read at several footprints (its draw's checks,
        its colour map, the render, a table), each a decoder of the same grids."""
        key = np.asarray(z, np.float32).tobytes()
        with self._grid_lock:
            grids = self._grids.get(key)
        if grids is None:
            grids = feature_grid(self.w, np.frombuffer(key, np.float32))
            grids.flags.writeable = False
            with self._grid_lock:
                if len(self._grids) >= 32:
                    self._grids.pop(next(iter(self._grids)))
                self._grids[key] = grids
        return grids

    def decoder(self, z: np.ndarray, c: np.ndarray, footprint: float, colours=None) -> TorusField:
        """The decoder of one sample for pixels of ``footprint`` torus units (through
        the sample's colour map ``colours`` when given)."""
        if self.grid:
            return GridDecoder(self, np.asarray(z, np.float32), footprint, colours)
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
        i = 0
        while f"enc.{i}.weight" in self.w:
            h = conv_circular(h, self.w[f"enc.{i}.weight"], self.w[f"enc.{i}.bias"], stride=2)
            h = np.where(h > 0, h, 0.2 * h)
            i += 1
        if self.arch == "spatial":  # a mean and log-variance per cell of the latent map
            out = conv_circular(h, self.w["enc_out.weight"], self.w["enc_out.bias"])
            mu, logvar = (a.reshape(-1) for a in np.split(out, 2))
        else:
            out = self.w["enc_fc.weight"] @ h.reshape(-1) + self.w["enc_fc.bias"]
            mu, logvar = np.split(out, 2)
        return mu, np.clip(logvar, -12.0, 6.0)


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


@functools.lru_cache(maxsize=6)
def _load(path_str: str, mtime: float, draw: str | None = None) -> Model:
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
    return Model(arrays, info, path, draw)


def load_model(path: str | Path | None = None, model: str | None = None) -> Model:
    """The model at ``path``, or the shipped ``model`` (default :data:`LATEST`) drawn its
    way (:data:`DRAWS`), loaded once and checked; naming both is an error."""
    if path and model:
        raise ModelWeightsError(f"weights {path} or the shipped model {model!r}, not both")
    model = model or LATEST
    p = Path(path) if path else weights_path(model)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        mtime = -1.0
    return _load(str(p), mtime, None if path else DRAWS.get(model))
