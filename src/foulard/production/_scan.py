"""One streaming pass over an image's pixels, band by band, gathering what checks need.

Memory is a few bands plus small summaries: a 2^24-entry bitmap of the 8-bit colours
seen, the first and last columns and rows (for seams), a few sampled column and row
pairs (the image's own neighbour differences), alpha counts, the hem ring's extremes,
and, while the image has few colours, the parts thinner than the minimum line.
"""

from __future__ import annotations

import numpy as np
import pyvips
from scipy import ndimage

from foulard.errors import FoulardError
from foulard.production._thin import disk, thin_mask

__all__ = ["Scan", "scan"]

EDGE = 3  # columns / rows kept at each edge for the seam estimate
SAMPLES = 24  # interior column and row pairs sampled for neighbour differences
THIN_MAX_COLOURS = 64
_BAND_BYTES = 12 << 20
_SHOWN_SPOTS = 12
_DUPLICATE_EVERY = 4  # bands: the upscaling test looks at one band in four


class Scan:
    """Summaries of one pass (see module docstring)."""

    def __init__(self, width: int, height: int, bands: int, alpha: bool, bits: int):
        self.width, self.height, self.bands, self.alpha, self.bits = (
            width,
            height,
            bands,
            alpha,
            bits,
        )
        self.colour_bands = bands - 1 if alpha else bands
        self.seen = np.zeros(1 << 24, bool) if bits == 8 else None
        self.deep: set[int] | None = set() if bits != 8 else None
        self.deep_overflow = False
        self.transparent = self.semi = 0
        self.left = np.empty((height, EDGE, 3), np.float64)
        self.right = np.empty((height, EDGE, 3), np.float64)
        self.top: np.ndarray | None = None
        self.bottom = np.empty((EDGE, width, 3), np.float64)
        self.col_at = np.unique(np.linspace(EDGE, width - 2 - EDGE, SAMPLES).astype(int))
        self.row_at = set(np.linspace(EDGE, height - 2 - EDGE, SAMPLES).astype(int).tolist())
        self.col_pairs = np.empty((height, len(self.col_at), 2, 3), np.float64)
        self.row_pairs: list[np.ndarray] = []
        self.same_rows = self.rows_compared = 0
        self.same_cols = np.ones(max(0, width - 1), bool)
        self.hem: dict | None = None
        self.thin_px = 0
        self.thin_spots: list[tuple[float, float]] = []  # the first few, in pixels
        self.thin_spot_count = 0
        self.thin_by_colour: dict[int, int] = {}
        self.thin_done = False  # analysed every row
        self.thin_gave_up = False

    @property
    def colours(self) -> int:
        if self.seen is not None:
            return int(np.count_nonzero(self.seen))
        return len(self.deep or ())


def _rgb(px: np.ndarray, scan: Scan) -> np.ndarray:
    """Colour channels as float in [0, 1] (grey repeated), for Lab conversion."""
    c = px[..., : scan.colour_bands].astype(np.float64) / (255.0 if scan.bits == 8 else 65535.0)
    return np.repeat(c, 3, axis=-1) if c.shape[-1] == 1 else c


def _keys(band: np.ndarray, scan: Scan) -> np.ndarray:
    """One integer per colour (alpha ignored)."""
    c = band[..., : scan.colour_bands]
    if scan.bits == 8:
        if c.shape[-1] == 1:
            return c[..., 0].astype(np.int32) * 0x010101
        c = c.astype(np.int32)
        return (c[..., 0] << 16) | (c[..., 1] << 8) | c[..., 2]
    c = c.astype(np.int64)
    if c.shape[-1] == 1:
        return c[..., 0]
    return (c[..., 0] << 32) | (c[..., 1] << 16) | c[..., 2]


def scan(
    image: pyvips.Image,
    *,
    line_px: float | None,
    hem_px: int | None,
) -> Scan:
    """Read ``image`` once, top to bottom, and summarise it."""
    w, h = image.width, image.height
    bits = 8 if image.format in ("uchar", "char") else 16
    s = Scan(w, h, image.bands, image.hasalpha(), bits)
    itemsize = 1 if bits == 8 else 2
    fp = disk(line_px) if line_px and line_px > 1.0 else None
    halo = fp.shape[0] + 1 if fp is not None else 0
    rows = max(4 * halo, 1, _BAND_BYTES // max(1, w * image.bands * itemsize))
    rows = min(h, rows)
    if fp is None:
        s.thin_gave_up = True
    dtype = np.uint8 if bits == 8 else np.uint16
    region = pyvips.Region.new(image)
    carry = None  # rows kept as context for the thin-line filter: (first_row, keys)
    for y0 in range(0, h, rows):
        n = min(rows, h - y0)
        try:
            raw = region.fetch(0, y0, w, n)
        except pyvips.Error as exc:
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else "read error"
            raise FoulardError(
                f"the image data is damaged or truncated near row {y0}: {msg}"
            ) from None
        band = np.frombuffer(raw, dtype).reshape(n, w, image.bands)
        _colours(s, band)
        _alpha(s, band)
        _edges(s, band, y0)
        if (y0 // rows) % _DUPLICATE_EVERY == 0:
            _duplicates(s, band)
        if hem_px:
            _hem(s, band, y0, hem_px)
        if fp is not None and not s.thin_gave_up:
            if s.colours > THIN_MAX_COLOURS:
                s.thin_gave_up = True
                carry = None
            else:
                carry = _thin(s, band, y0, carry, fp, halo, last=y0 + n >= h)
    s.thin_done = fp is not None and not s.thin_gave_up
    return s


def _colours(s: Scan, band: np.ndarray) -> None:
    keys = _keys(band, s)
    if s.seen is not None:
        s.seen[keys.ravel()] = True
    elif not s.deep_overflow:
        s.deep.update(np.unique(keys).tolist())
        if len(s.deep) > 1 << 16:
            s.deep_overflow = True


def _alpha(s: Scan, band: np.ndarray) -> None:
    if not s.alpha:
        return
    a = band[..., -1]
    full = 255 if s.bits == 8 else 65535
    zero = int(np.count_nonzero(a == 0))
    s.transparent += zero
    s.semi += int(np.count_nonzero(a != full)) - zero


def _edges(s: Scan, band: np.ndarray, y0: int) -> None:
    n = band.shape[0]
    rgb_left = _rgb(band[:, :EDGE], s)
    rgb_right = _rgb(band[:, -EDGE:], s)
    s.left[y0 : y0 + n] = rgb_left
    s.right[y0 : y0 + n] = rgb_right
    for k, c in enumerate(s.col_at):
        s.col_pairs[y0 : y0 + n, k] = _rgb(band[:, c : c + 2], s)
    if y0 == 0:
        s.top = _rgb(band[:EDGE], s)
    for r in range(max(y0, s.height - EDGE), y0 + n):
        s.bottom[r - (s.height - EDGE)] = _rgb(band[r - y0], s)
    for r in range(y0, y0 + n - 1):
        if r in s.row_at:
            s.row_pairs.append(_rgb(band[r - y0 : r - y0 + 2], s))


def _duplicates(s: Scan, band: np.ndarray) -> None:
    """Rows equal to the row above and columns equal to the column left (upscaling)."""
    same = np.all(band[1:] == band[:-1], axis=(1, 2))
    s.same_rows += int(same.sum())
    s.rows_compared += same.size
    if s.same_cols.size and s.same_cols.any():
        s.same_cols &= np.all(band[:, 1:] == band[:, :-1], axis=(0, 2))


def _hem(s: Scan, band: np.ndarray, y0: int, hem: int) -> None:
    """Extremes of the hem ring and of the strip just inside the trim."""
    w, h = s.width, s.height
    if s.hem is None:
        s.hem = {"ring_min": None, "ring_max": None, "ring_alpha_min": None, "inner_nonwhite": 0}
    ys = np.arange(y0, y0 + band.shape[0])
    in_ring_row = (ys < hem) | (ys >= h - hem)
    parts = [band[in_ring_row].reshape(-1, band.shape[2])]
    parts.append(band[~in_ring_row, :hem].reshape(-1, band.shape[2]))
    parts.append(band[~in_ring_row, w - hem :].reshape(-1, band.shape[2]))
    ring = np.concatenate(parts)
    if ring.size:
        lo, hi = ring.min(axis=0), ring.max(axis=0)
        st = s.hem
        st["ring_min"] = lo if st["ring_min"] is None else np.minimum(st["ring_min"], lo)
        st["ring_max"] = hi if st["ring_max"] is None else np.maximum(st["ring_max"], hi)
    # The strip inside the trim, one hem wide: does the design reach the edge there?
    inner_rows = ((ys >= hem) & (ys < 2 * hem)) | ((ys >= h - 2 * hem) & (ys < h - hem))
    mid_rows = (ys >= hem) & (ys < h - hem)
    strips = [band[inner_rows, hem : w - hem].reshape(-1, band.shape[2])]
    strips.append(band[mid_rows, hem : 2 * hem].reshape(-1, band.shape[2]))
    strips.append(band[mid_rows, w - 2 * hem : w - hem].reshape(-1, band.shape[2]))
    inner = np.concatenate(strips)[:, : s.colour_bands]
    full = 255 if s.bits == 8 else 65535
    s.hem["inner_nonwhite"] += int(np.count_nonzero(np.any(inner < 0.97 * full, axis=1)))
    s.hem["inner_pixels"] = s.hem.get("inner_pixels", 0) + inner.shape[0]


def _thin(s: Scan, band, y0, carry, fp, halo, *, last: bool):
    """Thin parts of the rows that now have context on both sides; returns the new carry."""
    keys = _keys(band, s)
    k = fp.shape[0]
    lead = halo
    if carry is None:  # top of the image: the first colour runs on above it
        start = y0
        buf = np.concatenate([np.repeat(keys[:1], halo, 0), keys])
    else:
        start, prev = carry
        buf = np.concatenate([prev, keys])
    if last:  # bottom of the image: the last colour runs on below it
        buf = np.concatenate([buf, np.repeat(buf[-1:], halo, 0)])
    upto = buf.shape[0] - halo
    padded = np.pad(buf, ((0, 0), (k, k)), mode="edge")
    thin = thin_mask(padded, fp)[:, k:-k]
    done = thin[lead:upto]
    if done.any():
        _record_thin(s, done, buf[lead:upto], start)
    if last:
        return None
    # Keep ``halo`` rows of context before the first row not yet judged.
    return (start + (upto - lead), buf[upto - halo :])


def _record_thin(s: Scan, thin: np.ndarray, keys: np.ndarray, row0: int) -> None:
    s.thin_px += int(thin.sum())
    vals, counts = np.unique(keys[thin], return_counts=True)
    for v, c in zip(vals.tolist(), counts.tolist(), strict=True):
        s.thin_by_colour[v] = s.thin_by_colour.get(v, 0) + c
    labels, n = ndimage.label(thin)
    s.thin_spot_count += n  # a spot cut by a band edge counts twice: "about" n
    want = min(n, _SHOWN_SPOTS - len(s.thin_spots))
    if want > 0:
        for cy, cx in ndimage.center_of_mass(thin, labels, range(1, want + 1)):
            s.thin_spots.append((cx, cy + row0))
