"""Colour transfer for the model's samples: a sample's colours matched to a tile's.

A VAE decoder regresses to the mean: its samples have the right layouts but
washed-out, averaged colours. The mixture prior (:mod:`foulard.model.mixture`)
draws each sample with a training tile that carries the requested words; the
sample's colour distribution is then matched to that tile's, channel by channel
in the tile's own principal colour axes (histogram specification, as Heeger &
Bergen 1995 do for texture synthesis; one rotation, as in the first step of
Pitié et al. 2005). The map is pointwise and monotone along each axis, so the
field stays exactly periodic and resolution-independent, and layouts are the
sample's own: only the inks come from a real tile.

The map is stored as the tile's basis ``(3, 3)`` and the quantiles ``(3, Q)`` of
its pixels along the basis; the sample's own quantiles are measured on a small
render of it at the model's native footprint.

References
----------
Heeger & Bergen 1995, "Pyramid-based texture analysis/synthesis", SIGGRAPH;
Pitié, Kokaram & Dahyot 2005, "N-dimensional probability density function transfer
and its application to colour transfer", ICCV.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["QUANTILES", "ColourBlend", "ColourMap", "colour_table", "rebased"]

QUANTILES = np.linspace(0.0, 1.0, 17)


def colour_table(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The principal colour axes ``(3, 3)`` (columns) of a picture and the quantiles
    ``(3, Q)`` of its pixels along them."""
    x = np.asarray(rgb, np.float64).reshape(-1, 3)
    _, _, vt = np.linalg.svd(x - x.mean(0), full_matrices=False)
    basis = vt.T
    # A fixed sign per axis (the largest entry positive) makes the table unique.
    basis *= np.sign(basis[np.abs(basis).argmax(0), np.arange(3)])
    return basis, np.quantile(x @ basis, QUANTILES, axis=0).T


@dataclass(frozen=True)
class ColourMap:
    """Pointwise map taking a sample's colour distribution to a target tile's."""

    basis: np.ndarray  # (3, 3), the target's axes as columns
    source: np.ndarray  # (3, Q) the sample's quantiles along the axes
    target: np.ndarray  # (3, Q) the target's

    @classmethod
    def between(cls, sample_rgb: np.ndarray, basis: np.ndarray, target: np.ndarray) -> ColourMap:
        """The map from a small render of the sample to the target table."""
        basis = np.asarray(basis, np.float64)
        p = np.asarray(sample_rgb, np.float64).reshape(-1, 3) @ basis
        source = np.quantile(p, QUANTILES, axis=0).T
        # strictly increasing knots: a flat stretch of the sample maps to its mean
        source = source + np.arange(len(QUANTILES)) * 1e-7
        return cls(basis, source, np.asarray(target, np.float64))

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        """sRGB ``(..., 3)`` -> sRGB ``(..., 3)`` float32 in [0, 1]."""
        shape = rgb.shape
        p = np.asarray(rgb, np.float64).reshape(-1, 3) @ self.basis
        for j in range(3):
            p[:, j] = np.interp(p[:, j], self.source[j], self.target[j])
        out = p @ self.basis.T
        return np.clip(out, 0.0, 1.0).astype(np.float32).reshape(shape)


def rebased(cmap: ColourMap, sample_rgb: np.ndarray) -> ColourMap:
    """``cmap``'s target, measured from another sample (a blend of two samples)."""
    return ColourMap.between(sample_rgb, cmap.basis, cmap.target)


@dataclass(frozen=True)
class ColourBlend:
    """Between two colour maps: ``(1 - t) a(rgb) + t b(rgb)``, continuous in ``t``."""

    a: ColourMap
    b: ColourMap
    t: float

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        return ((1.0 - self.t) * self.a(rgb) + self.t * self.b(rgb)).astype(np.float32)
