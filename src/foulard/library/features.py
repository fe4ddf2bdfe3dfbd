"""The visual feature vector of a pattern: colour, texture and structure.

A pattern archive is searched "by picture": which patterns look like this one?
No learned model is used (nothing to download, nothing opaque); the vector joins
four hand-made descriptors, each invariant to the 8 symmetries of the square (a
pattern turned a quarter or mirrored is the same pattern to a textile designer):

*Colour* (125): the soft OKLab histogram of :mod:`foulard.perceptual`, spread over
neighbouring bins, as its square root (the Hellinger embedding: the inner product
of two such vectors is the Bhattacharyya coefficient of the distributions).

*Colour layout* (30): the 8 x 8 OKLab layout of the signature averaged over each
orbit of cells under the symmetries (10 orbits x L a b), less the mean colour:
where light and dark, warm and cool sit (centre, border, corners).

*Texture* (20): a Gabor filter bank on OKLab lightness (128 x 128, 4 scales of
4, 8, 16, 32 px per cycle, 4 orientations), pooled so that a quarter turn or a
mirror changes nothing: per scale the log energy, the diagonal-versus-axis
balance, the anisotropy within the axis and the diagonal pairs, and the
coefficient of variation of the response amplitude (patchy or even).

*Structure* (20): the radial profile of the power spectrum (10 log-spaced rings:
the scale of repetition) and each ring's peakedness (a strict repeat puts its
energy into a few peaks, a free texture spreads it).

Each block is scaled by a fixed weight (chosen by measuring retrieval on the real
data, see ``docs/library.md``) and the whole vector is L2-normalised, so the inner
product is the cosine similarity. ``DIM`` = 195.

References
----------
Manjunath & Ma 1996, "Texture features for browsing and retrieval of image data",
IEEE PAMI 18(8) (Gabor filter bank energies); Swain & Ballard 1991, "Color indexing",
IJCV 7(1); Kasutani & Yamada 2001, "The MPEG-7 color layout descriptor"; Oliva &
Torralba 2001, "Modeling the shape of the scene", IJCV 42(3) (spectral signatures);
Arandjelović & Zisserman 2012, "Three things everyone should know to improve object
retrieval" (Hellinger / RootSIFT embedding).
"""

from __future__ import annotations

import functools

import numpy as np
from scipy import fft as sfft

from foulard import perceptual
from foulard.color.space import srgb_to_oklab

__all__ = ["BLOCKS", "DIM", "feature_vector", "feature_vectors"]

_SIDE = 128
_FREQS = (1 / 4, 1 / 8, 1 / 16, 1 / 32)
_ANGLES = (0.0, 45.0, 90.0, 135.0)
_RINGS = 10
BLOCKS = {"colour": 125, "layout": 30, "texture": 20, "structure": 20}
DIM = sum(BLOCKS.values())
_WEIGHTS = {"colour": 1.0, "layout": 0.9, "texture": 0.8, "structure": 0.6}


@functools.cache
def _gabor_bank() -> np.ndarray:
    """Frequency responses of the filter bank, ``(scales, angles, 128, 128)``."""
    f = np.fft.fftfreq(_SIDE)
    u, v = np.meshgrid(f, f)
    bank = np.zeros((len(_FREQS), len(_ANGLES), _SIDE, _SIDE))
    for i, f0 in enumerate(_FREQS):
        sigma_r = 0.35 * f0  # about one octave of radial bandwidth
        sigma_t = 0.35 * f0 * 1.1
        for j, a in enumerate(_ANGLES):
            t = np.radians(a)
            ur = u * np.cos(t) + v * np.sin(t)
            vr = -u * np.sin(t) + v * np.cos(t)
            bank[i, j] = np.exp(-((ur - f0) ** 2) / (2 * sigma_r**2) - vr**2 / (2 * sigma_t**2))
    return bank.astype(np.float32)


@functools.cache
def _rings() -> tuple[np.ndarray, np.ndarray]:
    """Ring index of each frequency (``-1``: DC and beyond the last ring) and the window."""
    f = np.fft.fftfreq(_SIDE) * _SIDE
    r = np.hypot(*np.meshgrid(f, f))
    edges = np.geomspace(1.5, _SIDE / 2, _RINGS + 1)
    ring = np.searchsorted(edges, r) - 1
    ring[(r < edges[0]) | (r >= edges[-1])] = -1
    w = np.hanning(_SIDE)
    return ring, np.outer(w, w)


def _texture_structure(lightness: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = (lightness - lightness.mean()).astype(np.float32)
    spec = sfft.fft2(x)
    resp = np.abs(sfft.ifft2(spec[None, None] * _gabor_bank(), overwrite_x=True))  # (4, 4, H, W)
    energy = np.einsum("ijkl,ijkl->ij", resp, resp, dtype=np.float64) / resp[0, 0].size + 1e-10
    e0, e45, e90, e135 = energy[:, 0], energy[:, 1], energy[:, 2], energy[:, 3]
    axis, diag = e0 + e90, e45 + e135
    amp = resp.reshape(len(_FREQS), -1)
    amp_mean = amp.mean(axis=1, dtype=np.float64)
    amp_sq = np.einsum("ij,ij->i", amp, amp, dtype=np.float64) / amp.shape[1]
    cv = np.sqrt(np.maximum(amp_sq - amp_mean**2, 0.0)) / (amp_mean + 1e-6)
    texture = np.concatenate(
        [
            (np.log(axis + diag) + 9.0) / 4.0,
            (diag - axis) / (diag + axis),
            np.abs(e0 - e90) / axis,
            np.abs(e45 - e135) / diag,
            (cv - 0.6),
        ]
    )
    ring, window = _rings()
    power = np.abs(sfft.fft2(x * window)).astype(np.float64) ** 2
    valid = ring >= 0
    sums = np.bincount(ring[valid], weights=power[valid], minlength=_RINGS)
    counts = np.bincount(ring[valid], minlength=_RINGS)
    mean = sums / np.maximum(counts, 1) + 1e-10
    peak = np.zeros(_RINGS)
    np.maximum.at(peak, ring[valid], power[valid])
    profile = np.log(mean)
    structure = np.concatenate(
        [(profile - profile.mean()) / 4.0, np.log(peak / mean + 1.0) / 4.0 - 0.5]
    )
    return texture, structure


def feature_vector(rgb: np.ndarray, signature: perceptual.Signature | None = None) -> np.ndarray:
    """The feature vector (``DIM`` float32, unit length) of an sRGB picture in [0, 1].

    ``signature`` is the picture's perceptual signature if already computed (its
    colour histogram and layout are reused).
    """
    rgb = np.asarray(rgb, np.float64)
    sig = signature or perceptual.signature(rgb)
    hist = perceptual.spread_histograms(np.asarray([sig.colour]))[0] / 255.0
    colour = np.sqrt(np.maximum(hist, 0.0))
    orbits = perceptual.layout_orbits(np.asarray([sig.layout]))[0]  # (10, 3)
    layout = (orbits - orbits.mean(axis=0)) * np.array([3.0, 6.0, 6.0])
    small = perceptual.area_resize(rgb, _SIDE)
    lightness = srgb_to_oklab(np.clip(small, 0.0, 1.0))[..., 0]
    texture, structure = _texture_structure(lightness)
    parts = {
        "colour": colour,
        "layout": layout.ravel(),
        "texture": texture,
        "structure": structure,
    }
    vec = np.concatenate([_WEIGHTS[k] * parts[k] / np.sqrt(BLOCKS[k] / 20.0) for k in BLOCKS])
    vec /= max(np.linalg.norm(vec), 1e-12)
    return vec.astype(np.float32)


def feature_vectors(pictures: list[np.ndarray]) -> np.ndarray:
    """Feature vectors of many pictures, ``(N, DIM)`` float32."""
    return np.stack([feature_vector(p) for p in pictures]) if pictures else np.zeros((0, DIM))
