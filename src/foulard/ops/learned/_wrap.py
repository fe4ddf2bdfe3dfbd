"""How a tile meets itself where it wraps, and a local repair of the wrap.

The engine of ``learned.make_seamless`` besides Moisan's decomposition. For each
axis, the jump across the wrap (last column to first) is compared with the jumps
between neighbouring columns inside the tile:

- ``'natural'``: the wrap is a line like a line inside the tile and no stronger
  (slabs, tiles, planks cut on a joint: the GIMP ``marble2`` tile has its grout
  line on the last column as on the middle one), or there is no jump at all.
  It is left as it is;
- ``'shading'``: the jump is smooth along the edge (light falling off across a
  near-repeat scan), or no stronger than some edge inside the tile: Moisan's
  smooth component removes it;
- ``'content'``: the jump is stronger than every edge inside and has detail of
  its own, more than the jumps inside (the edges show different things: a scan
  not cut on its repeat). A band around the wrap is replaced by the tile's own
  inside (a copy shifted by about half a period, whose pixels there are
  neighbours in the scan), between two closed minimum-error cuts (as in image
  quilting), its light matched to the tile's at both cuts: the change stays
  near the wrap and is real texture, not shading.

References
----------
Efros & Freeman 2001, "Image quilting for texture synthesis and transfer",
SIGGRAPH; Kwatra et al. 2003, "Graphcut textures", SIGGRAPH (the seam cost).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

__all__ = ["WrapKind", "classify_wrap", "cut_wrap"]

WrapKind = str  # 'natural', 'shading' or 'content'

LINE = 0.4  # an edge is a line when its jump is large (twice the mean) along this much of it
NATURAL = 1.25  # a wrap that is a line, at most this times the strongest line inside: natural
DETAIL = 1.5  # the jump's detail along the edge over the mean inner jump, above: content
REACH = 0.25  # each cut stays within this fraction of the period from the wrap
LIGHT = 4.0  # a scan's light and shade: its blur at 1/LIGHT of the tile
_LOG_FLOOR = 0.05  # added before the log: dark noise is not detail


def _along(u: np.ndarray, axis: int) -> np.ndarray:
    """``u`` with ``axis`` (0: rows, 1: columns) as its second axis: ``(other, n, C)``."""
    return np.moveaxis(u, axis, 1) if axis == 0 else u


def classify_wrap(u: np.ndarray, axis: int) -> WrapKind:
    """How the tile ``u`` ``(h, w, C)`` meets itself across ``axis`` (1: left-right)."""
    v = _along(np.asarray(u, np.float64), axis)
    inner = np.abs(np.diff(v, axis=1)).mean(-1)  # (other, n - 1): jumps between neighbours
    jump = v[:, 0] - v[:, -1]  # (other, C): the jump across the wrap
    size = np.abs(jump).mean(-1)
    wrap = float(size.mean())
    if wrap <= 1e-9:
        return "natural"
    if v.shape[1] < 8:
        return "shading"  # too few cells for a band to cut
    # A line: an edge with a large jump along most of its length (a joint, grout,
    # the end of a plank), not one that crosses a few shapes of a drawing.
    large = 2.0 * float(inner.mean())
    lines = (inner > large).mean(0) >= LINE
    strongest = float(inner[:, lines].mean(0).max()) if lines.any() else 0.0
    if (size > large).mean() >= LINE and wrap <= NATURAL * strongest:
        return "natural"
    if wrap <= float(inner.mean(0).max()):
        return "shading"  # no stronger than some edge inside: a small smooth change
    # Detail of the jump along the edge, against the jumps inside; in log values,
    # where light falling off (a factor) makes no detail on a drawing of any contrast.
    logs = np.log(v + _LOG_FLOOR)
    jump = logs[:, 0] - logs[:, -1]
    sigma = max(1.0, v.shape[0] / 32)
    detail = np.abs(jump - ndimage.gaussian_filter1d(jump, sigma, axis=0, mode="wrap")).mean()
    inside = np.abs(np.diff(logs, axis=1)).mean()
    return "content" if detail > DETAIL * inside else "shading"


def cut_wrap(u: np.ndarray, axis: int) -> np.ndarray:
    """``u`` with a band around its wrap across ``axis`` taken from its own inside.

    A copy of the tile shifted along ``axis`` continues across the wrap with the
    tile's inner pixels; the shift (about half a period) is the one whose copy
    best matches the tile's detail near the wrap, so that a repeating drawing
    stays in step. Two cuts, each a closed minimum-error path across the tile
    within ``REACH`` of a period from the wrap, decide where the copy replaces
    the tile; both close on themselves, so the other axis's wrap is kept as it
    was. Inside the band the copy's light is brought to the tile's at each cut
    (a correction that runs linearly across the band, from the light difference
    at one cut to that at the other), so an unevenly lit scan shows no step in
    brightness either; a one-cell feather softens the cuts.
    """
    u = np.asarray(u, np.float64)
    v = _along(u, axis)
    m, n = v.shape[:2]
    reach = max(1, min(int(REACH * n), n // 2 - 3))
    light = _light(v)
    detail = v - light
    band = np.zeros(n)
    band[: reach + 1] = band[n - 1 - reach :] = 1.0
    shift = _best_shift(detail, band, lo=reach + 2, hi=n - reach - 2)
    copy = np.roll(v, -shift, axis=1)  # copy[:, x] = v[:, x + shift]: no seam at the wrap
    copy_light = np.roll(light, -shift, axis=1)
    err = ((detail - (copy - copy_light)) ** 2).sum(-1)
    seam_cost = err[:, :-1] + err[:, 1:]  # switching source between columns x and x + 1
    # Ties (and flat stretches) go to the cut nearest the wrap: the smallest change.
    scale = float(np.median(seam_cost)) + 1e-12
    near = 1e-3 * scale * np.arange(reach)[None, :]
    # Left cut: the copy on columns [0, left), the tile from ``left`` on.
    left = 1 + _closed_path(seam_cost[:, :reach] + near)
    # Right cut: the tile up to ``right``, the copy on (right, n).
    right = n - 2 - _closed_path(seam_cost[:, n - 1 - reach :][:, ::-1] + near)
    # The light to make up at each cut, smooth along it (the cuts close on
    # themselves, so it wraps): light and shade, not the colours of shapes.
    rows = np.arange(m)
    along = max(1.0, m / LIGHT)
    gap_left = ndimage.gaussian_filter1d(
        light[rows, left] - copy_light[rows, left], along, axis=0, mode="wrap"
    )
    gap_right = ndimage.gaussian_filter1d(
        light[rows, right] - copy_light[rows, right], along, axis=0, mode="wrap"
    )
    cols = np.arange(n)[None, :]
    width = (left - right + n)[:, None]  # band columns + 1, through the wrap
    t = np.clip(((cols - right[:, None]) % n) / width, 0.0, 1.0)[..., None]
    copy = copy + (1.0 - t) * gap_right[:, None, :] + t * gap_left[:, None, :]
    inside = ((cols < left[:, None]) | (cols > right[:, None])).astype(np.float64)
    # A one-cell feather across each cut (the band wraps with the tile).
    weight = ndimage.uniform_filter1d(inside, 3, axis=1, mode="wrap")[..., None]
    out = (1.0 - weight) * v + weight * copy
    return np.moveaxis(out, 1, axis) if axis == 0 else out


def _light(v: np.ndarray) -> np.ndarray:
    """Light and shade of ``v`` ``(m, n, C)``: a blur over ``1/LIGHT`` of the tile
    (three box blurs, close to a Gaussian and as cheap at any size), mirrored at
    the edges (the wrap is what is being repaired: no blur across it)."""
    out = v
    for axis, size in ((0, v.shape[0]), (1, v.shape[1])):
        sigma = size / LIGHT
        width = max(1, round(math.sqrt(4.0 * sigma * sigma + 1.0)))
        for _ in range(3):
            out = ndimage.uniform_filter1d(out, width, axis=axis, mode="reflect")
    return out


def _best_shift(v: np.ndarray, band: np.ndarray, lo: int, hi: int) -> int:
    """The shift ``d`` in ``[lo, hi]`` that minimises ``sum band(x) |v(x) - v(x + d)|^2``
    (all rows and channels; cyclic), by FFT correlation."""
    n = v.shape[1]
    f = np.moveaxis(v, 1, -1)  # (other, C, n)
    spec = np.fft.rfft(f, axis=-1)
    cross = np.fft.irfft((np.conj(np.fft.rfft(band * f, axis=-1)) * spec).sum((0, 1)), n)
    energy = (f * f).sum((0, 1))
    moved = np.fft.irfft(np.conj(np.fft.rfft(band)) * np.fft.rfft(energy), n)
    error = moved - 2.0 * cross  # the constant sum band f^2 left out
    return lo + int(np.argmin(error[lo : hi + 1]))


def _closed_path(cost: np.ndarray) -> np.ndarray:
    """Column per row of a cheap 8-connected top-to-bottom path that closes on
    itself (its last column within one of its first).

    A free minimum path is found first; the closed path is then the cheapest one
    through that path's middle row and column (the rows rolled to start there).
    """
    h = cost.shape[0]
    free = _min_path(cost)
    mid = h // 2
    rolled = np.roll(cost, -mid, axis=0)
    path = _min_path(rolled, start=int(free[mid]))
    return np.roll(path, mid)


def _min_path(cost: np.ndarray, start: int | None = None) -> np.ndarray:
    """The cheapest 8-connected path from the first row to the last; with ``start``,
    it begins at that column and ends within one of it."""
    h, w = cost.shape
    acc = np.full(w, np.inf)
    if start is None:
        acc[:] = cost[0]
    else:
        acc[start] = cost[0, start]
    step = np.zeros((h, w), np.int8)  # -1, 0, 1: where each cell came from
    for y in range(1, h):
        left = np.concatenate([[np.inf], acc[:-1]])
        right = np.concatenate([acc[1:], [np.inf]])
        best = np.argmin(np.stack([left, acc, right]), axis=0)
        acc = np.choose(best, [left, acc, right]) + cost[y]
        step[y] = best - 1
    if start is not None:
        allowed = np.full(w, np.inf)
        lo, hi = max(0, start - 1), min(w, start + 2)
        allowed[lo:hi] = acc[lo:hi]
        acc = allowed
    path = np.empty(h, np.intp)
    path[-1] = int(np.argmin(acc))
    for y in range(h - 1, 0, -1):
        path[y - 1] = path[y] + step[y, path[y]]
    return path
