"""Shared pieces of the finishing previews: the design as seen on cloth.

``flat_source`` lays the design over its ground (a print preview shows the whole
cloth, not a layer); ``to_linear`` / ``from_linear`` move colours to linear light,
where shading multiplies and inks absorb; :class:`Waves` is a sum of cosines in
design units whose mean over a pixel is exact (a box filter of ``cos`` is the same
cosine times a sinc per axis), so thread-scale relief anti-aliases at any
resolution and fades to its mean when a pixel spans many threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.color.space import linear_to_srgb, srgb_to_linear
from foulard.ops._common.channels import as_rgba

__all__ = ["Waves", "blend", "finish_output", "flat_source", "from_linear", "to_linear"]


def flat_source(values: np.ndarray, ground) -> np.ndarray:
    """Opaque sRGB ``(..., 3)`` float32 of a design (RGBA over its ground, or grey values)."""
    if values.shape[-1] == 1:
        v = np.clip(values, 0.0, 1.0)
        return np.concatenate([v, v, v], axis=-1).astype(np.float32)
    rgba = as_rgba(values)
    g = np.asarray(ground, np.float32)
    return np.clip(rgba[..., :3] + (1.0 - rgba[..., 3:4]) * g, 0.0, 1.0).astype(np.float32)


def to_linear(rgb: np.ndarray) -> np.ndarray:
    return srgb_to_linear(rgb.astype(np.float32))


def from_linear(lin: np.ndarray) -> np.ndarray:
    return np.clip(linear_to_srgb(np.clip(lin, 0.0, 1.0).astype(np.float32)), 0.0, 1.0)


def blend(source: np.ndarray, effect: np.ndarray, strength: float) -> np.ndarray:
    """``source`` moved towards ``effect`` by ``strength`` (sRGB, float32)."""
    if strength >= 1.0:
        return effect
    return source + np.float32(strength) * (effect - source)


def finish_output(channels: int, rgb: np.ndarray) -> np.ndarray:
    """The finished colour in the source's channel layout: grey value, or opaque RGBA."""
    if channels == 1:
        return (rgb @ np.array([0.2126, 0.7152, 0.0722], np.float32))[..., None]
    out = np.empty((*rgb.shape[:-1], 4), np.float32)
    out[..., :3] = np.clip(rgb, 0.0, 1.0)
    out[..., 3] = 1.0
    return out


@dataclass(frozen=True)
class Waves:
    """``sum_i amp_i cos(2 pi (kx_i x + ky_i y) + phase_i)``, frequencies in cycles per unit."""

    kx: np.ndarray
    ky: np.ndarray
    amp: np.ndarray
    phase: np.ndarray

    @classmethod
    def of(cls, terms, scale: float = 1.0) -> Waves:
        """From rows ``(kx, ky, amp[, phase])``; frequencies multiplied by ``scale``."""
        rows = [tuple(t) + (0.0,) * (4 - len(t)) for t in terms]
        arr = np.array(rows, np.float64).reshape(-1, 4)
        return cls(arr[:, 0] * scale, arr[:, 1] * scale, arr[:, 2], arr[:, 3])

    def __add__(self, other: Waves) -> Waves:
        return Waves(
            np.concatenate([self.kx, other.kx]),
            np.concatenate([self.ky, other.ky]),
            np.concatenate([self.amp, other.amp]),
            np.concatenate([self.phase, other.phase]),
        )

    def scaled(self, factor: float) -> Waves:
        return Waves(self.kx, self.ky, self.amp * factor, self.phase)

    @property
    def peak(self) -> float:
        """The largest value the sum can reach (sum of amplitudes)."""
        return float(np.abs(self.amp).sum())

    @property
    def peak_slope(self) -> float:
        """The largest gradient length the sum can reach (per design unit)."""
        return float(np.sum(np.abs(self.amp) * 2.0 * np.pi * np.hypot(self.kx, self.ky)))

    def _attenuation(self, footprint: float) -> np.ndarray:
        # Mean of cos over a box of side footprint: sinc(k f) per axis (numpy's sinc
        # is sin(pi t) / (pi t)).
        return np.sinc(self.kx * footprint) * np.sinc(self.ky * footprint)

    def value_and_slope(
        self, x: np.ndarray, y: np.ndarray, footprint: float, direction: tuple[float, float]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Box-filtered sum and its derivative along ``direction`` (a unit vector).

        Terms whose filtered amplitude is negligible are skipped (a pixel many
        threads wide sees their mean, zero).
        """
        att = self._attenuation(footprint) * self.amp
        dx, dy = direction
        value = np.zeros(x.shape, np.float32)
        slope = np.zeros(x.shape, np.float32)
        two_pi = np.float32(2.0 * np.pi)
        for kx, ky, a, ph in zip(self.kx, self.ky, att, self.phase, strict=True):
            if abs(a) < 1e-4:
                continue
            # Whole cycles dropped in float64, the rest in float32 (fast, and exact
            # enough: 2^-24 of a cycle).
            t = kx * x + ky * y + ph / (2.0 * np.pi)
            arg = (t - np.floor(t)).astype(np.float32) * two_pi
            value += np.float32(a) * np.cos(arg)
            d = -a * 2.0 * np.pi * (kx * dx + ky * dy)
            if abs(d) > 1e-9:
                slope += np.float32(d) * np.sin(arg)
        return value, slope
