"""Image quilting on a torus (Efros & Freeman 2001), the engine of ``learned.image_quilting``.

The output is a square of ``n x n`` cells whose opposite edges meet: patches are
laid in rows on a torus, so the last patch of a row overlaps the first one and
the last row overlaps the first row. Every overlap, the wrap-around ones
included, is matched and cut the same way, so the tile's edge is a seam like any
other: tiling it shows no seam at all.

For each patch: the error of every candidate window of the sample against the
pixels already laid in its overlaps is computed at once by FFT correlation; a
window is drawn among those within ``1 + tolerance`` of the best; then, on each
side whose overlap is already laid, a minimum-error path (dynamic programming)
decides where the old pixels end and the new begin, with a one-cell feather.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from scipy import fft, ndimage

__all__ = ["MAX_PATCHES_ACROSS", "Source", "lay", "quilt"]

MAX_PATCHES_ACROSS = 16


class _Matcher:
    """Errors of every window of the sample against a partly laid region, by FFT.

    The sample's spectra are computed once; each region costs four forward
    transforms (mask and mask x region per channel) and one inverse, because the
    error ``sum M (S - T)^2`` is linear in the correlations and is assembled in
    the frequency domain. A circular correlation over the sample's own size equals
    the plain one on every window that lies inside the sample (no wrap).
    """

    def __init__(self, sample: np.ndarray):
        self.shape = sample.shape[:2]
        s = sample.astype(np.float64)
        self.spec = [fft.rfft2(s[..., c], workers=1) for c in range(s.shape[2])]
        self.spec_sq = fft.rfft2((s**2).sum(-1), workers=1)

    def errors(self, mask: np.ndarray, region: np.ndarray) -> np.ndarray:
        h, w = mask.shape
        H, W = self.shape
        km = fft.rfft2(mask, s=(H, W), workers=1)
        acc = self.spec_sq * np.conj(km)
        for c, sc in enumerate(self.spec):
            acc -= 2.0 * sc * np.conj(fft.rfft2(mask * region[..., c], s=(H, W), workers=1))
        err = fft.irfft2(acc, s=(H, W), workers=1)[: H - h + 1, : W - w + 1]
        return err + float((mask[..., None] * region.astype(np.float64) ** 2).sum())


def _min_path(cost: np.ndarray) -> np.ndarray:
    """Column index per row of the cheapest top-to-bottom 8-connected path."""
    h, w = cost.shape
    acc = cost.astype(np.float64).copy()
    for y in range(1, h):
        prev = acc[y - 1]
        left = np.concatenate([[np.inf], prev[:-1]])
        right = np.concatenate([prev[1:], [np.inf]])
        acc[y] += np.minimum(np.minimum(left, prev), right)
    path = np.empty(h, np.intp)
    path[-1] = int(np.argmin(acc[-1]))
    for y in range(h - 2, -1, -1):
        x = path[y + 1]
        lo, hi = max(0, x - 1), min(w, x + 2)
        path[y] = lo + int(np.argmin(acc[y, lo:hi]))
    return path


def _keep_old(err: np.ndarray, o: int, sides: dict[str, bool]) -> np.ndarray:
    """Mask of the patch where the pixels already laid stay (the seams' outer sides)."""
    h, w = err.shape
    keep = np.zeros((h, w), bool)
    cols = np.arange(w)[None, :]
    rows = np.arange(h)[:, None]
    if sides["left"]:
        path = _min_path(err[:, :o])
        keep |= cols < path[:, None]
    if sides["right"]:
        path = _min_path(err[:, w - o :]) + (w - o)
        keep |= cols > path[:, None]
    if sides["top"]:
        path = _min_path(err[:o, :].T)
        keep |= rows < path[None, :]
    if sides["bottom"]:
        path = _min_path(err[h - o :, :].T) + (h - o)
        keep |= rows > path[None, :]
    return keep


class Source(Protocol):
    """Where the patches of :func:`lay` come from: candidate windows, by index."""

    channels: int

    def errors(self, mask: np.ndarray, region: np.ndarray) -> np.ndarray:
        """Each candidate ``(h, w)`` window's error against ``region`` where ``mask``
        is set (flat, candidates in index order; ``inf`` for one not allowed there)."""

    def count(self, h: int, w: int) -> int:
        """How many ``(h, w)`` windows there are."""

    def window(self, index: int, h: int, w: int) -> np.ndarray:
        """Candidate ``index``'s ``(h, w, channels)`` window (it is laid next)."""


class _Windows:
    """Every window that lies inside one sample picture (no wrap)."""

    def __init__(self, sample: np.ndarray):
        self.sample = sample
        self.channels = sample.shape[2]
        self.matcher = _Matcher(sample)

    def errors(self, mask, region) -> np.ndarray:
        return self.matcher.errors(mask, region).ravel()

    def count(self, h: int, w: int) -> int:
        sh, sw = self.sample.shape[:2]
        return (sh - h + 1) * (sw - w + 1)

    def window(self, index: int, h: int, w: int) -> np.ndarray:
        y0, x0 = divmod(index, self.sample.shape[1] - w + 1)
        return self.sample[y0 : y0 + h, x0 : x0 + w]


def quilt(
    sample: np.ndarray,
    n: int,
    block: int,
    overlap: int,
    rng: np.random.Generator,
    *,
    tolerance: float = 0.1,
) -> np.ndarray:
    """A seamless ``n x n`` texture grown from ``sample`` (h, w, 3) float32.

    ``block`` and ``overlap`` are in sample pixels; ``block`` is at most the
    sample's shorter side. Returns float32 ``(n, n, 3)`` whose edges wrap.
    """
    sh, sw, _ = sample.shape
    block = int(min(block, sh, sw))
    share = overlap / block
    # Bounded work: no more than MAX_PATCHES_ACROSS patches a row (bigger patches).
    block = int(min(max(block, np.ceil(n / MAX_PATCHES_ACROSS / (1 - share))), sh, sw))
    overlap = int(max(1, min(round(share * block), block // 2)))
    step = block - overlap
    count = min(max(2, round(n / step)), max(2, n // 2))
    return lay(_Windows(sample), n, count, overlap, rng, tolerance=tolerance, limit=(sh, sw))


def lay(
    source: Source,
    n: int,
    count: int,
    overlap: int,
    rng: np.random.Generator,
    *,
    tolerance: float = 0.1,
    limit: tuple[int, int] | None = None,
) -> np.ndarray:
    """``count x count`` patches of ``source`` laid on an ``n x n`` torus, each
    overlapping the next by ``overlap`` cells, and cut along minimum-error seams.

    Each patch is drawn among the candidates within ``1 + tolerance`` of the best
    match to what is already laid (any candidate for the first). ``limit`` bounds a
    patch's size (a sample's own). Returns float32 ``(n, n, channels)``.
    """
    edges = np.round(np.arange(count + 1) * n / count).astype(np.intp)
    canvas = np.zeros((n, n, source.channels), np.float32)
    filled = np.zeros((n, n), bool)
    for j in range(count):
        for i in range(count):
            ph = int(edges[j + 1] - edges[j]) + overlap
            pw = int(edges[i + 1] - edges[i]) + overlap
            if limit is not None:
                ph, pw = min(ph, limit[0]), min(pw, limit[1])
            rows = (edges[j] + np.arange(ph)) % n
            cols = (edges[i] + np.arange(pw)) % n
            mask = filled[np.ix_(rows, cols)].astype(np.float64)
            region = canvas[np.ix_(rows, cols)]
            if mask.any():
                err = source.errors(mask, region)
                best = float(err.min())
                ok = np.flatnonzero(err <= best + tolerance * max(best, 0.0) + 1e-9)
            else:
                ok = np.arange(source.count(ph, pw))
            pick = int(ok[rng.integers(len(ok))])
            patch = source.window(pick, ph, pw)
            if mask.any():
                diff = ((patch - region) ** 2).sum(-1) * mask
                sides = {
                    "left": bool(mask[:, :overlap].all()),
                    "right": bool(mask[:, pw - overlap :].all()),
                    "top": bool(mask[:overlap, :].all()),
                    "bottom": bool(mask[ph - overlap :, :].all()),
                }
                keep = _keep_old(diff, overlap, sides) & (mask > 0)
                # A one-cell feather along the cut, only where old pixels exist.
                weight = ndimage.uniform_filter(keep.astype(np.float32), 3, mode="nearest")
                weight = np.where(mask > 0, weight, 0.0)[..., None]
                patch = weight * region + (1.0 - weight) * patch
            canvas[np.ix_(rows, cols)] = patch
            filled[np.ix_(rows, cols)] = True
    return canvas
