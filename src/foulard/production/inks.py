"""Reduction of a design to at most N printing inks, by k-means in CIELAB.

Screen printing needs one screen per ink, so a continuous-tone master is reduced
to a few flat colours (PRINT.md: 12 by default, up to 48). The inks are found on a
reduced-size sample (a subsampled read of the master, or a preview render): the
sample's distinct colours, weighted by their pixel counts, are clustered in CIELAB
(D50) with k-means++ seeding and Lloyd iterations; inks a print could not tell
apart (CIEDE2000 below 3) are merged and the clustering retried with more
clusters, so no screen is wasted on a near-duplicate. The generator is seeded from the
design id (or a given seed), so the same design always gives the same inks. Every
pixel of the full master is then given its nearest ink (Euclidean CIELAB), band by
band, through a lookup table filled as new colours appear: memory is a few bands
plus 16 MiB, whatever the print size.

>>> import numpy as np
>>> rgb = np.zeros((8, 8, 3), np.uint8); rgb[:, 4:] = (200, 30, 40)
>>> inks = reduce_to_inks(rgb, 2, seed=1)
>>> inks.hexes  # equal areas: the lighter ink first
('#c81e28', '#000000')
>>> InkAssigner(inks)(rgb[:1, 3:6]).tolist()
[[1, 0, 0]]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from foulard.color.cielab import ciede2000, lab_to_srgb, srgb_to_lab
from foulard.color.space import hex_to_srgb, srgb_to_hex
from foulard.errors import FoulardError
from foulard.production._stream import open_rgb, pack_rgb, unpack_rgb

__all__ = [
    "DEFAULT_INKS",
    "MAX_INKS",
    "MIN_INKS",
    "InkAssigner",
    "InkError",
    "Inks",
    "check_ink_count",
    "design_seed",
    "read_sample",
    "reduce_to_inks",
]

MIN_INKS = 2
MAX_INKS = 48  # 30 to 40+ is the luxury end of screen printing (PRINT.md)
DEFAULT_INKS = 12
MIN_INK_DELTA_E = 3.0  # CIEDE2000 below which two inks are one colour in print
_MAX_ROUNDS = 4
SAMPLE_PX = 1024  # long side of the reduced read the inks are found on
_CHUNK = 1 << 17  # colours per distance block (bounded memory for any sample)


class InkError(FoulardError, ValueError):
    """An ink request is impossible: too many or too few inks, an empty sample."""


@dataclass(frozen=True)
class Inks:
    """The inks of a design, index 0 first: the most area on the sample first.

    Parameters
    ----------
    hexes : tuple of str
        Ink colours as ``'#rrggbb'`` (what the mill mixes).
    lab : numpy.ndarray
        ``(n, 3)`` CIELAB D50 of ``hexes`` (read-only).
    sample_share : tuple of float
        Share of the sample's pixels nearest to each ink (sums to 1).
    seed : int
        The seed the k-means generator was made from.
    """

    hexes: tuple[str, ...]
    lab: np.ndarray
    sample_share: tuple[float, ...]
    seed: int

    def __len__(self) -> int:
        return len(self.hexes)


def check_ink_count(n_inks: int) -> int:
    """``n_inks`` if it is a whole number from 2 to 48, else an :class:`InkError`."""
    if isinstance(n_inks, bool) or not isinstance(n_inks, (int, np.integer)):
        raise InkError(f"the number of inks must be a whole number, got {n_inks!r}")
    if not MIN_INKS <= n_inks <= MAX_INKS:
        raise InkError(
            f"{n_inks} inks asked; a design is reduced to {MIN_INKS} to {MAX_INKS} inks "
            f"(one screen per ink; {DEFAULT_INKS} is usual, 30 to 40 is the luxury end)"
        )
    return int(n_inks)


def design_seed(design_id: str) -> int:
    """A 64-bit seed from a design id (hex digest) or any text, stable across machines.

    >>> design_seed("00000000000000ff" + "0" * 48)
    255
    """
    text = design_id.strip().lower()
    if len(text) >= 16 and all(c in "0123456789abcdef" for c in text[:16]):
        return int(text[:16], 16)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def read_sample(path: str | Path, max_px: int = SAMPLE_PX) -> np.ndarray:
    """A reduced-size read of an image: every k-th pixel, ``max_px`` on the long side.

    Subsampling (not averaging) keeps the master's own colours, so that the blends an
    average would invent at every edge do not pull inks towards them. Returns
    ``(h, w, 3)`` uint8.
    """
    image = open_rgb(path)
    step = max(1, -(-max(image.width, image.height) // max_px))
    if step > 1:
        image = image.subsample(step, step)
    return np.asarray(image.numpy(), np.uint8).reshape(image.height, image.width, 3)


def _lab_of_packed(packed: np.ndarray) -> np.ndarray:
    return srgb_to_lab(unpack_rgb(packed).astype(np.float64) / 255.0)


def _nearest(points: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest centre and the squared distance, in blocks of ``_CHUNK``."""
    idx = np.empty(len(points), np.intp)
    d2 = np.empty(len(points), np.float64)
    cc = np.sum(centres * centres, axis=1)
    for s in range(0, len(points), _CHUNK):
        p = points[s : s + _CHUNK]
        d = cc[None, :] - 2.0 * (p @ centres.T)
        i = np.argmin(d, axis=1)
        idx[s : s + _CHUNK] = i
        d2[s : s + _CHUNK] = np.maximum(d[np.arange(len(p)), i] + np.sum(p * p, axis=1), 0.0)
    return idx, d2


def _draw(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    cum = np.cumsum(weights)
    return np.minimum(np.searchsorted(cum, rng.random(size) * cum[-1], side="right"), len(cum) - 1)


def kmeans_pp(
    points: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """Greedy k-means++ seeding of weighted points (2 + log k trials per centre)."""
    trials = 2 + int(np.log(k))
    centres = [points[_draw(rng, weights, 1)[0]]]
    d2 = np.sum((points - centres[0]) ** 2, axis=1)
    for _ in range(1, k):
        cand = _draw(rng, weights * d2, trials)
        best, best_pot, best_d2 = cand[0], np.inf, d2
        for c in cand:
            nd2 = np.minimum(d2, np.sum((points - points[c]) ** 2, axis=1))
            pot = float(np.dot(weights, nd2))
            if pot < best_pot:
                best, best_pot, best_d2 = c, pot, nd2
        centres.append(points[best])
        d2 = best_d2
    return np.array(centres)


def kmeans(
    points: np.ndarray,
    weights: np.ndarray,
    k: int,
    rng: np.random.Generator,
    *,
    max_iter: int = 60,
    tol: float = 1e-3,
) -> np.ndarray:
    """Weighted Lloyd iterations from k-means++ seeds; returns ``(k, 3)`` centres.

    An emptied cluster is moved to the point that costs the most, so ``k`` centres
    survive whenever there are at least ``k`` distinct points.
    """
    centres = kmeans_pp(points, weights, k, rng)
    for _ in range(max_iter):
        label, d2 = _nearest(points, centres)
        mass = np.bincount(label, weights, minlength=k)
        new = np.stack(
            [np.bincount(label, weights * points[:, j], minlength=k) for j in range(3)], -1
        )
        empty = mass <= 0.0
        new[~empty] /= mass[~empty, None]
        for j in np.flatnonzero(empty):
            far = int(np.argmax(weights * d2))
            new[j] = points[far]
            d2[far] = 0.0
        shift = float(np.max(np.abs(new - centres)))
        centres = new
        if shift < tol:
            break
    return centres


def merge_close(
    centres: np.ndarray, points: np.ndarray, weights: np.ndarray, min_delta_e: float
) -> np.ndarray:
    """Merge centres closer than ``min_delta_e`` (CIEDE2000), closest pair first.

    A merged centre is the weighted mean of the two clusters; what cannot be told
    apart in print is not worth a screen.
    """
    label, _ = _nearest(points, centres)
    mass = np.bincount(label, weights, minlength=len(centres))
    centres = centres[mass > 0]
    mass = mass[mass > 0]
    while len(centres) > MIN_INKS:
        de = ciede2000(centres[:, None, :], centres[None, :, :])
        de[np.diag_indices(len(centres))] = np.inf
        i, j = np.unravel_index(int(np.argmin(de)), de.shape)
        if de[i, j] >= min_delta_e:
            break
        merged = (centres[i] * mass[i] + centres[j] * mass[j]) / (mass[i] + mass[j])
        keep = [m for m in range(len(centres)) if m not in (i, j)]
        centres = np.vstack([centres[keep], merged])
        mass = np.append(mass[keep], mass[i] + mass[j])
    return centres


def reduce_to_inks(
    sample: np.ndarray,
    n_inks: int = DEFAULT_INKS,
    *,
    seed: int | str = 0,
    min_delta_e: float = MIN_INK_DELTA_E,
) -> Inks:
    """Find up to ``n_inks`` inks for an RGB sample by k-means in CIELAB.

    Inks closer than ``min_delta_e`` (CIEDE2000) are merged, since a screen for a
    colour nobody can tell from another is wasted (a gradient ground would otherwise
    take several near-identical inks); k-means then runs again with more clusters,
    as long as the merged count stays within ``n_inks``. So the result has at most
    ``n_inks`` inks, fewer when the design has fewer distinguishable colours.

    Parameters
    ----------
    sample : numpy.ndarray
        ``(..., 3)`` uint8 sRGB pixels (a reduced read of the master or a preview).
    n_inks : int
        2 to 48.
    seed : int or str
        The generator's seed, or a design id to derive it from (:func:`design_seed`).
    min_delta_e : float
        Smallest CIEDE2000 difference between two inks (0 keeps every cluster).

    Returns
    -------
    Inks
        Ink 0 has the most area on the sample, then by decreasing area.

    References
    ----------
    Lloyd 1982, "Least squares quantization in PCM", *IEEE Trans. Inf. Theory* 28(2);
    Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA.
    """
    n_inks = check_ink_count(n_inks)
    sample = np.asarray(sample)
    if sample.dtype != np.uint8 or sample.shape[-1] != 3 or sample.size == 0:
        raise InkError("the ink sample must be a non-empty uint8 RGB array (..., 3)")
    seed_int = design_seed(seed) if isinstance(seed, str) else int(seed)
    colours, counts = np.unique(pack_rgb(sample), return_counts=True)
    points = _lab_of_packed(colours)
    weights = counts.astype(np.float64)
    best = None
    k = min(n_inks, len(colours))
    for _ in range(_MAX_ROUNDS):
        rng = np.random.default_rng([seed_int, k])
        centres = points.copy() if k == len(colours) else kmeans(points, weights, k, rng)
        if min_delta_e > 0:
            centres = merge_close(centres, points, weights, min_delta_e)
        if len(centres) > n_inks:
            break
        best = centres
        if len(centres) == n_inks or k >= min(len(colours), 2 * n_inks):
            break
        k = min(len(colours), 2 * n_inks, k + n_inks - len(centres))
    # An ink is the 8-bit colour of its centre; equal colours after rounding merge.
    hexes = srgb_to_hex(np.clip(lab_to_srgb(best), 0.0, 1.0))
    unique = list(dict.fromkeys(hexes))
    lab = srgb_to_lab(hex_to_srgb(unique))
    label, _ = _nearest(points, lab)
    share = np.bincount(label, weights, minlength=len(unique)) / weights.sum()
    order = np.lexsort((-lab[:, 0], -share))  # most area first; lighter first on ties
    lab = lab[order]
    lab.setflags(write=False)
    return Inks(
        tuple(unique[i] for i in order), lab, tuple(float(share[i]) for i in order), seed_int
    )


class InkAssigner:
    """Nearest ink (CIELAB) of every pixel of uint8 RGB bands, through a lookup table.

    The table has one entry per 24-bit colour, filled the first time a colour is seen,
    so a flat design costs one table read per pixel. Not thread-safe (one producer).
    """

    _UNSET = 255

    def __init__(self, inks: Inks):
        self.lab = np.asarray(inks.lab, np.float64)
        self._lut = np.full(1 << 24, self._UNSET, np.uint8)

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        h, w = rgb.shape[:2]
        packed = pack_rgb(rgb)
        out = self._lut[packed]
        missing = out == self._UNSET
        if missing.any():
            new = np.unique(packed[missing])
            idx, _ = _nearest(_lab_of_packed(new), self.lab)
            self._lut[new] = idx.astype(np.uint8)
            out[missing] = self._lut[packed[missing]]
        return out.reshape(h, w)
