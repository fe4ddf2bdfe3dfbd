"""A diffusion prior over the spatial latent, conditioned on words (NumPy inference).

The spatial latent (:class:`foulard.model.arch.SPATIAL`) is a periodic 8 x 8 map of 8
channels: 512 numbers whose cells carry where a tile's motifs sit. A Gaussian mixture
over it would need a megabyte a component and would average the cells of its tiles
into blur; a denoising diffusion model learns the distribution of the maps instead
(Ho et al. 2020) in the autoencoder's small latent space, as latent diffusion does
(Rombach et al. 2022), so a sample is drawn in a few dozen steps of a small network.

The network (:class:`DENOISER`) predicts the velocity ``v = sqrt(alpha_bar) * noise -
sqrt(1 - alpha_bar) * map`` of a noisy map (Salimans & Ho 2022) from the map, the time
and the words: a 3 x 3 circular convolution in, residual blocks (group norm, SiLU,
circular 3 x 3 convolution; the embedding of time and words scales and shifts the second
half of each block, FiLM; a prior trained with ``word_film`` also maps the words
straight into each block's scale and shift), and a convolution out. Every convolution
wraps, so the prior treats the map as the torus it is: shifting a map by a cell is as
likely as the map. Words condition it as the grid decoder's ``c`` (the multi-hot concept
vector divided by its count), dropped in training for 15 % of tiles (and each word for
30 %) so the same network gives the unconditional prediction, and samples follow the
words more closely with classifier-free guidance (Ho & Salimans 2022): the prediction
with the words is moved on by ``guidance`` times its difference from the prediction
without.

Sampling is DDIM's deterministic update (Song et al. 2021) on :data:`SAMPLE_STEPS`
of the cosine schedule (Nichol & Dhariwal 2021); the starting noise comes from the
caller's generator (a design's own seed). The schedule ends at pure noise (its last
``alpha_bar`` is exactly 0) and sampling starts there, as Lin et al. (2024) advise:
a schedule that keeps a trace of the map at its last step teaches the network to
read the map's layout from the noise, so at sampling time the noise's chance blobs
become the picture's whatever the words; at pure noise the velocity is minus the
map itself, so the first step is the network's estimate of a map for those words,
with no division by ``sqrt(alpha_bar)``. The guided velocity is rescaled towards the
spread of the conditional one (their guidance rescale, :data:`RESCALE`), which keeps
strong guidance from saturating the map.

References
----------
Ho, Jain & Abbeel 2020, "Denoising diffusion probabilistic models", NeurIPS;
Song, Meng & Ermon 2021, "Denoising diffusion implicit models", ICLR; Nichol &
Dhariwal 2021, "Improved denoising diffusion probabilistic models", ICML; Ho &
Salimans 2022, "Classifier-free diffusion guidance"; Salimans & Ho 2022,
"Progressive distillation for fast sampling of diffusion models", ICLR; Lin, Liu,
Li & Yang 2024, "Common diffusion noise schedules and sample steps are flawed",
WACV; Rombach et al. 2022,
"High-resolution image synthesis with latent diffusion models", CVPR; Wu & He 2018,
"Group normalization", ECCV.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import numpy as np

from foulard.errors import FoulardError
from foulard.model import arch
from foulard.model.decoder import conv_circular

__all__ = [
    "DENOISER", "PREDICTION", "SAMPLE_STEPS", "STEPS", "Diffusion", "alpha_bar", "clean_estimate",
    "sample_times", "time_features",
]  # fmt: skip

STEPS = 1000  # the training schedule's steps
SAMPLE_STEPS = 24  # DDIM steps a sample takes
GUIDANCE = 2.0  # classifier-free guidance by default (stored with the weights)
PREFIX = "diff."
CLIP = 4.0  # the clean map's estimate is clipped here (the maps are normalised per channel)
RESCALE = 0.7  # guidance rescale (Lin et al. 2024): 0 is plain guidance, 1 fully rescaled
PREDICTION = "v"  # what the network predicts (stored with the weights; others are refused)


class DENOISER:
    """The velocity-predicting network's shape (width and depth by default: a run may
    choose others, read back from its arrays)."""

    CH = 64  # channels of the residual blocks
    BLOCKS = 4
    EMB = 128  # embedding of time and words
    TIME_FREQS = 16  # sin and cos of the time at this many frequencies
    GROUPS = 8  # group norm's groups


@functools.cache
def alpha_bar(steps: int = STEPS) -> np.ndarray:
    """The cosine schedule's ``alpha_bar(t)`` for ``t = 0..steps`` (signal share of a
    noisy sample at step ``t``): 1 at 0, exactly 0 at ``steps`` (zero terminal SNR:
    the last step is pure noise)."""
    s = 0.008
    t = np.arange(steps + 1) / steps
    f = np.cos((t + s) / (1 + s) * np.pi / 2) ** 2
    ab = f / f[0]
    ab[-1] = 0.0
    return ab


def sample_times(steps: int = SAMPLE_STEPS) -> np.ndarray:
    """The ``steps`` schedule steps a sample visits, from the last (pure noise) down
    ("trailing" spacing, Lin et al. 2024)."""
    return np.round(np.arange(STEPS, 0, -STEPS / steps)).astype(np.int64)


def clean_estimate(x: np.ndarray, v: np.ndarray, a: float) -> np.ndarray:
    """The clean map implied by noisy maps ``x`` and their predicted velocity ``v`` at a
    step whose ``alpha_bar`` is ``a`` (at pure noise, ``-v``)."""
    return np.sqrt(a) * x - np.sqrt(1.0 - a) * v


def time_features(t: np.ndarray) -> np.ndarray:
    """Sinusoidal features ``(B, 2 * TIME_FREQS)`` of steps ``t`` (in ``0..STEPS``)."""
    k = DENOISER.TIME_FREQS
    freqs = np.exp(-np.log(10000.0) * np.arange(k) / k)
    a = np.asarray(t, np.float64)[:, None] * freqs[None, :]
    return np.concatenate([np.sin(a), np.cos(a)], 1).astype(np.float32)


def _silu(x: np.ndarray) -> np.ndarray:
    return x / (1.0 + np.exp(-x))


def _group_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    bsz, c, h, w = x.shape
    g = x.reshape(bsz, DENOISER.GROUPS, -1)
    mean = g.mean(-1, keepdims=True)
    var = g.var(-1, keepdims=True)
    g = (g - mean) / np.sqrt(var + 1e-5)
    return g.reshape(bsz, c, h, w) * weight[None, :, None, None] + bias[None, :, None, None]


@dataclass(frozen=True)
class Diffusion:
    """A trained diffusion prior: the network's arrays, the latents' per-channel
    normalisation (the network works on unit-scale maps) and its settings."""

    w: dict[str, np.ndarray]
    shift: np.ndarray  # (channels,)
    scale: np.ndarray  # (channels,)
    guidance: float = GUIDANCE
    side: int = arch.SPATIAL.LATENT_SIDE  # of the maps it draws

    @property
    def map_shape(self) -> tuple[int, int]:
        """``(channels, side)`` of the maps it draws."""
        return int(self.shift.size), self.side

    @property
    def blocks(self) -> int:
        """The network's residual blocks (as many as its arrays hold)."""
        return sum(1 for k in self.w if k.startswith("blocks.") and k.endswith(".conv1.weight"))

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Diffusion | None:
        """The prior stored in a weights file (``diff.*``), or ``None``."""
        if PREFIX + "conv_in.weight" not in arrays:
            return None
        w = {k[len(PREFIX) :]: v for k, v in arrays.items() if k.startswith(PREFIX)}
        config = json.loads(str(w.pop("config")))
        if config.get("prediction") != PREDICTION:
            raise FoulardError(
                f"this diffusion prior predicts {config.get('prediction', 'the noise')!r}, "
                f"foulard's predicts {PREDICTION!r}: train it again (foulard model prior "
                "--kind diffusion)"
            )
        side = int(config.get("side", arch.SPATIAL.LATENT_SIDE))
        return cls(w, w.pop("shift"), w.pop("scale"), float(config["guidance"]), side)

    def arrays(self) -> dict[str, np.ndarray]:
        out = {PREFIX + k: np.asarray(v, np.float32) for k, v in self.w.items()}
        out[PREFIX + "shift"] = np.asarray(self.shift, np.float32)
        out[PREFIX + "scale"] = np.asarray(self.scale, np.float32)
        out[PREFIX + "config"] = np.array(
            json.dumps({"guidance": self.guidance, "prediction": PREDICTION, "side": self.side})
        )
        return out

    def predict(self, x: np.ndarray, t: np.ndarray, c: np.ndarray) -> np.ndarray:
        """The predicted velocity of maps ``x`` ``(B, CH, S, S)`` at steps ``t`` ``(B,)``
        for condition vectors ``c`` ``(B, K)``."""
        w = self.w
        e = np.concatenate([time_features(t), np.asarray(c, np.float32)], 1)
        e = _silu(e @ w["emb1.weight"].T + w["emb1.bias"])
        e = _silu(e @ w["emb2.weight"].T + w["emb2.bias"])
        h = conv_circular(x.astype(np.float32), w["conv_in.weight"], w["conv_in.bias"])
        for i in range(self.blocks):
            p = f"blocks.{i}."
            a = _silu(_group_norm(h, w[p + "gn1.weight"], w[p + "gn1.bias"]))
            a = conv_circular(a, w[p + "conv1.weight"], w[p + "conv1.bias"])
            film = e @ w[p + "film.weight"].T + w[p + "film.bias"]  # (B, 2 CH)
            if p + "wfilm.weight" in w:  # the block's own map of the words
                film = film + np.asarray(c, np.float32) @ w[p + "wfilm.weight"].T
            scale, shift = np.split(film, 2, axis=1)
            a = _group_norm(a, w[p + "gn2.weight"], w[p + "gn2.bias"])
            a = a * (1.0 + scale[:, :, None, None]) + shift[:, :, None, None]
            a = conv_circular(_silu(a), w[p + "conv2.weight"], w[p + "conv2.bias"])
            h = h + a
        h = _silu(_group_norm(h, w["gn_out.weight"], w["gn_out.bias"]))
        return conv_circular(h, w["conv_out.weight"], w["conv_out.bias"])

    def sample(
        self, c: np.ndarray, rng: np.random.Generator, guidance: float | None = None,
        steps: int = SAMPLE_STEPS, rescale: float = RESCALE,
    ) -> np.ndarray:  # fmt: skip
        """One latent map for the condition vector ``c`` (flat, as the decoder reads it).

        DDIM's deterministic update from unit noise drawn from ``rng`` over ``steps``
        steps of the schedule, with classifier-free ``guidance`` (default: the stored
        one; 0 is the plain conditional model) and guidance ``rescale``. There is no
        temperature: a smaller start is not a tamer sample here but a flat one.
        """
        ch, s = self.map_shape
        g = self.guidance if guidance is None else float(guidance)
        ab = alpha_bar()
        ts = sample_times(steps)
        x = rng.standard_normal((1, ch, s, s)).astype(np.float32)
        cond = np.asarray(c, np.float32)[None]
        both = np.concatenate([cond, np.zeros_like(cond)])
        words = bool(cond.any()) and g != 0.0
        for i, t in enumerate(ts):
            if words:
                v_c, v_u = self.predict(np.concatenate([x, x]), np.array([t, t]), both)
                v = v_c + g * (v_c - v_u)
                if rescale:
                    v = rescale * v * (v_c.std() / max(v.std(), 1e-12)) + (1.0 - rescale) * v
                v = v[None]
            else:
                v = self.predict(x, np.array([t]), cond)
            a_t = ab[t]
            x0 = np.clip(clean_estimate(x, v, a_t), -CLIP, CLIP)
            eps = np.sqrt(1.0 - a_t) * x + np.sqrt(a_t) * v
            a_prev = ab[ts[i + 1]] if i + 1 < len(ts) else 1.0
            x = (np.sqrt(a_prev) * x0 + np.sqrt(1.0 - a_prev) * eps).astype(np.float32)
        z = x[0] * self.scale[:, None, None] + self.shift[:, None, None]
        return z.reshape(-1).astype(np.float32)
