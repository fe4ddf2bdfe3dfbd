"""What the ``learned.neural_*`` operators share: their state and their evaluation.

A node's state (made once, in ``prepare``, from the node's generator) is a
:class:`NeuralState`: the model, the sample's latent ``z`` and condition ``c``.
Evaluating points folds the footprint into a decoder (kept per footprint) and
applies the sample's colour map when it has one (the mixture prior's inks), and
maps design coordinates onto the torus: ``u = wrap01(x) * repeats``, so the
sample repeats ``repeats`` times across the design and is exactly periodic with
period 1 (``wrap01`` makes ``x`` and ``x + 1`` bit-identical).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.geometry import wrap01

if TYPE_CHECKING:
    from foulard.model.decoder import TorusField
    from foulard.model.infer import Model
    from foulard.render.evaluate import Call

__all__ = ["NeuralState", "evaluate", "slerp"]


@dataclass
class NeuralState:
    """A prepared sample: model, latent, condition, and its decoders by footprint."""

    model: Model
    z: np.ndarray
    c: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)
    colours: Callable[[np.ndarray], np.ndarray] | None = None  # the sample's inks (Draw)
    _decoders: dict[float, TorusField] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def decoder(self, footprint: float) -> TorusField:
        key = float(footprint)
        with self._lock:
            dec = self._decoders.get(key)
            if dec is None:
                if len(self._decoders) > 16:
                    self._decoders.clear()
                dec = self.model.decoder(self.z, self.c, key, self.colours)
                self._decoders[key] = dec
            return dec


def slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """Spherical interpolation of two latents (linear when they are parallel)."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    cos = float(np.dot(a, b) / max(na * nb, 1e-12))
    omega = np.arccos(np.clip(cos, -1.0, 1.0))
    if omega < 1e-4:
        return ((1 - t) * a + t * b).astype(np.float32)
    s = np.sin(omega)
    return ((np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / s).astype(np.float32)


def _palette_ramp(rgb: np.ndarray, colours: list[str]) -> np.ndarray:
    """Recolour by lightness through the palette's colours sorted dark to light."""
    from foulard.color.space import srgb_to_oklab

    cols = np.array([[int(h[i : i + 2], 16) / 255.0 for i in (1, 3, 5)] for h in colours])
    order = np.argsort(srgb_to_oklab(cols)[:, 0])
    cols = cols[order].astype(np.float32)
    lum = rgb @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    t = np.clip(lum, 0.0, 1.0) * (len(cols) - 1)
    i0 = np.minimum(np.floor(t).astype(np.int64), len(cols) - 2) if len(cols) > 1 else None
    if i0 is None:
        return np.broadcast_to(cols[0], rgb.shape).astype(np.float32)
    f = (t - i0)[..., None]
    return (cols[i0] * (1 - f) + cols[i0 + 1] * f).astype(np.float32)


def evaluate(state: NeuralState, call: Call, repeats: int, colouring: str) -> np.ndarray:
    """Premultiplied RGBA ``(..., 4)`` of the prepared sample at the call's points."""
    u = wrap01(call.x) * repeats
    v = wrap01(call.y) * repeats
    rgb = state.decoder(call.footprint * repeats)(u, v)
    if colouring == "palette":
        pal = call.palette
        rgb = _palette_ramp(rgb, list(pal.colors))
    out = np.empty((*rgb.shape[:-1], 4), np.float32)
    out[..., :3] = np.clip(rgb, 0.0, 1.0)
    out[..., 3] = 1.0
    return out
