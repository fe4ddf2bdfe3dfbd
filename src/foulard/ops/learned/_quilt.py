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

import numpy as np
from scipy import fft, ndimage

__all__ = ["MAX_PATCHES_ACROSS", "quilt"]

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
    sh, sw, nc = sample.shape
    block = int(min(block, sh, sw))
    share = overlap / block
    # Bounded work: no more than MAX_PATCHES_ACROSS patches a row (bigger patches).
    block = int(min(max(block, np.ceil(n / MAX_PATCHES_ACROSS / (1 - share))), sh, sw))
    overlap = int(max(1, min(round(share * block), block // 2)))
    step = block - overlap
    count = min(max(2, round(n / step)), max(2, n // 2))
    edges = np.round(np.arange(count + 1) * n / count).astype(np.intp)
    canvas = np.zeros((n, n, nc), np.float32)
    filled = np.zeros((n, n), bool)
    matcher = _Matcher(sample)
    for j in range(count):
        for i in range(count):
            ph = int(edges[j + 1] - edges[j]) + overlap
            pw = int(edges[i + 1] - edges[i]) + overlap
            ph, pw = min(ph, sh), min(pw, sw)
            rows = (edges[j] + np.arange(ph)) % n
            cols = (edges[i] + np.arange(pw)) % n
            region = canvas[np.ix_(rows, cols)]
            mask = filled[np.ix_(rows, cols)].astype(np.float64)
            if mask.any():
                err = matcher.errors(mask, region)
                best = float(err.min())
                ok = np.flatnonzero(err.ravel() <= best + tolerance * max(best, 0.0) + 1e-9)
            else:
                ok = np.arange((sh - ph + 1) * (sw - pw + 1))
            pick = int(ok[rng.integers(len(ok))])
            y0, x0 = divmod(pick, sw - pw + 1)
            patch = sample[y0 : y0 + ph, x0 : x0 + pw]
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
