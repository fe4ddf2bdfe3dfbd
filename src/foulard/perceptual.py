"""Perceptual signatures: is this picture a near-duplicate of that one?

A :class:`Signature` has three parts, each compared over the 8 symmetries of the
square (a scarf can be hung any way round).

*Structure*: the 64-bit pHash (Zauner 2010): the picture in grey, reduced to 32 x 32
by area averaging, its 2-D DCT-II, the 8 x 8 lowest frequencies thresholded at their
median. The hash of each symmetry is computed exactly from the DCT coefficients (a
flip negates the odd frequencies along its axis, a transpose transposes the block);
the structure distance is the minimum Hamming distance over the 8, taken both ways so
that it is symmetric.

*Colour*: where the picture's colours lie in OKLab, a 5 x 5 x 5 histogram with soft
(trilinear) bins, compared by histogram intersection after spreading each bin over
its neighbours (a small shift of hue costs little): ``1 - sum(min(p, q))``, in [0, 1].

*Colour layout*: the picture reduced to 8 x 8 cells of mean OKLab colour (as MPEG-7's
colour layout descriptor); the distance is the RMS colour difference over the cells,
the minimum over the 8 symmetries (exact: a symmetry permutes the cells).

Two pictures are near-duplicates when all three are close. The thresholds were
measured on rendered designs of the space (``docs/space.md``): a resized, mirrored,
turned, brightened, noisy, posterised or slightly cropped copy stays within 20 bits,
0.12 and 0.045; the 64-bit pHash alone cannot tell apart two scarves that share the
carré's composition (border, corners, centre), the colour layout can. :func:`distance`
puts the three on one scale, in thresholds: at most 1 means near-duplicate. A
recolouring (same drawing, other inks) is not a duplicate.

>>> import numpy as np
>>> img = np.zeros((64, 64, 3), np.uint8); img[:, :20] = (200, 30, 30)
>>> a = signature(img)
>>> b = signature(img[:, ::-1])  # the mirror image
>>> structure_distance(a, b), round(layout_distance(a, b), 6), colour_distance(a, b) < 0.01
(0, 0.0, True)

References
----------
Zauner 2010, "Implementation and benchmarking of perceptual image hash functions",
MSc thesis, Upper Austria University of Applied Sciences; Ottosson 2020, "A
perceptual color space for image processing" (OKLab); Swain & Ballard 1991, "Color
indexing", IJCV 7(1) (histogram intersection); Kasutani & Yamada 2001, "The MPEG-7
color layout descriptor", ICIP 2001.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.fft import dctn

__all__ = [
    "CELL_ORBITS",
    "COLOUR_THRESHOLD",
    "LAYOUT_THRESHOLD",
    "STRUCTURE_THRESHOLD",
    "Signature",
    "SignatureArrays",
    "area_resize",
    "colour_distance",
    "distance",
    "distances_to",
    "is_near_duplicate",
    "layout_distance",
    "layout_distances",
    "layout_lab",
    "layout_orbits",
    "signature",
    "signature_arrays",
    "spread_histograms",
    "stack",
    "structure_distance",
]

STRUCTURE_THRESHOLD = 20
COLOUR_THRESHOLD = 0.12
LAYOUT_THRESHOLD = 0.045
_LAYOUT_SIDE = 8
_LAYOUT_CELLS = _LAYOUT_SIDE * _LAYOUT_SIDE
_HASH_SIDE = 32
_BAND = 8
_COLOUR_SIDE = 64
_L_CENTRES = np.linspace(0.0, 1.0, 5)
_AB_CENTRES = np.linspace(-0.2, 0.2, 5)
_BINS = 125


@dataclass(frozen=True)
class Signature:
    """The perceptual signature of one picture.

    ``hashes`` holds the eight 64-bit pHashes (identity first), ``colour`` the OKLab
    histogram (125 weights summing to 1, in 1/255 steps), ``layout`` the 8 x 8 OKLab
    cells (row-major, L a b per cell, each quantised to a byte).
    """

    hashes: tuple[int, ...]
    colour: tuple[int, ...]
    layout: tuple[int, ...]

    def to_text(self) -> str:
        """A compact text form (hex) for databases and JSON."""
        return (
            "".join(f"{h:016x}" for h in self.hashes)
            + ":"
            + bytes(self.colour).hex()
            + ":"
            + bytes(self.layout).hex()
        )

    @classmethod
    def from_text(cls, text: str) -> Signature:
        try:
            hashes_hex, colour_hex, layout_hex = text.split(":")
            hashes = tuple(int(hashes_hex[i : i + 16], 16) for i in range(0, 128, 16))
            colour = tuple(bytes.fromhex(colour_hex))
            layout = tuple(bytes.fromhex(layout_hex))
        except ValueError:
            raise ValueError(f"not a perceptual signature: {text[:40]!r}") from None
        if len(hashes_hex) != 128 or len(colour) != _BINS or len(layout) != 3 * _LAYOUT_CELLS:
            raise ValueError(f"not a perceptual signature: {text[:40]!r}")
        return cls(hashes, colour, layout)


@dataclass(frozen=True)
class SignatureArrays:
    """Many signatures as arrays, for comparing one picture with all of them at once."""

    hashes: np.ndarray  # (N, 8) uint64
    colours: np.ndarray  # (N, 125) uint8
    layouts: np.ndarray  # (N, 192) uint8

    def __len__(self) -> int:
        return self.hashes.shape[0]

    # What every comparison with these signatures needs, made once per set of arrays
    # (a model compares each of its draws with the same training signatures).
    @cached_property
    def spread_colours(self) -> np.ndarray:
        """:func:`spread_histograms` of the colours ``(N, 125)``."""
        return spread_histograms(self.colours)

    @cached_property
    def layout_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The layouts in OKLab as rows ``(N, 192)``, and their squared norms ``(N,)``."""
        many = layout_lab(self.layouts).reshape(len(self), -1)
        return many, (many**2).sum(1)


def _integral_at(x: np.ndarray, edges: np.ndarray, axis: int) -> np.ndarray:
    """The running integral of ``x`` (one sample per unit) at fractional ``edges``."""
    n = x.shape[axis]
    c = np.cumsum(x, axis=axis)
    c = np.concatenate([np.zeros_like(np.take(c, [0], axis=axis)), c], axis=axis)
    lo = np.minimum(np.floor(edges).astype(np.intp), n - 1)
    frac = (edges - lo).reshape([-1 if a == axis else 1 for a in range(x.ndim)])
    return np.take(c, lo, axis=axis) + frac * np.take(x, lo, axis=axis)


def _resize(img: np.ndarray, side: int) -> np.ndarray:
    """Area averaging to ``side x side``: each output cell is the mean of the input
    over its rectangle (fractional pixels weighted), from running sums along each
    axis. No matrix product: small BLAS calls are slow when the BLAS library runs
    threads on a busy machine. Rounded to 1e-12, so that a mirrored picture gives
    exactly the mirrored cells (running sums round differently in each direction)."""
    for axis in (0, 1):
        n = img.shape[axis]
        edges = np.linspace(0.0, n, side + 1)
        img = np.diff(_integral_at(img, edges, axis), axis=axis) * (side / n)
    return np.round(img, 12)


def area_resize(img: np.ndarray, side: int) -> np.ndarray:
    """``img`` (h, w) or (h, w, C) reduced to ``side x side`` by area averaging.

    The aspect ratio is not kept: every output cell covers the same share of the
    picture, so colour shares and layouts are those of the whole picture.
    """
    return _resize(np.asarray(img, np.float64), side)


def _srgb_to_linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _oklab(rgb: np.ndarray) -> np.ndarray:
    lin = _srgb_to_linear(rgb)
    m1 = np.array(
        [
            [0.4122214708, 0.5363325363, 0.0514459929],
            [0.2119034982, 0.6806995451, 0.1073969566],
            [0.0883024619, 0.2817188376, 0.6299787005],
        ]
    )
    m2 = np.array(
        [
            [0.2104542553, 0.7936177850, -0.0040720468],
            [1.9779984951, -2.4285922050, 0.4505937099],
            [0.0259040371, 0.7827717662, -0.8086757660],
        ]
    )
    lms = np.cbrt(lin @ m1.T)
    return lms @ m2.T


def _hash_bits(block: np.ndarray) -> int:
    bits = (block > np.median(block)).ravel()
    return int.from_bytes(np.packbits(bits).tobytes(), "big")


def _as_float_rgb(image: np.ndarray) -> np.ndarray:
    img = np.asarray(image)
    if img.ndim != 3 or img.shape[2] not in (3, 4) or min(img.shape[:2]) < 8:
        raise ValueError(f"expected an RGB picture at least 8 x 8, got shape {img.shape}")
    img = img[..., :3]
    if img.dtype == np.uint8:
        return img.astype(np.float64) / 255.0
    if img.dtype == np.uint16:
        return img.astype(np.float64) / 65535.0
    return np.clip(img.astype(np.float64), 0.0, 1.0)


def signature(image: np.ndarray) -> Signature:
    """The signature of an RGB picture (``uint8``, ``uint16`` or float in [0, 1])."""
    rgb = _as_float_rgb(image)
    grey = rgb @ np.array([0.299, 0.587, 0.114])
    coeffs = dctn(_resize(grey, _HASH_SIDE), type=2, norm="ortho")[:_BAND, :_BAND]
    sign = np.where(np.arange(_BAND) % 2 == 1, -1.0, 1.0)
    hashes = []
    for transpose in (False, True):
        base = coeffs.T if transpose else coeffs
        for flip_y in (False, True):
            for flip_x in (False, True):
                block = base * (sign[:, None] if flip_y else 1.0) * (sign[None, :] if flip_x else 1)
                hashes.append(_hash_bits(block))
    # Colour: soft OKLab histogram of a small copy.
    lab = _oklab(_resize(rgb, _COLOUR_SIDE).reshape(-1, 3))
    lows, fracs = [], []
    for axis, centres in enumerate((_L_CENTRES, _AB_CENTRES, _AB_CENTRES)):
        pos = np.clip((lab[:, axis] - centres[0]) / (centres[1] - centres[0]), 0.0, 4.0)
        lo = np.minimum(np.floor(pos).astype(np.int64), 3)
        lows.append(lo)
        fracs.append(pos - lo)
    hist = np.zeros(_BINS)
    for dl in (0, 1):
        for da in (0, 1):
            for db in (0, 1):
                w = (
                    (fracs[0] if dl else 1 - fracs[0])
                    * (fracs[1] if da else 1 - fracs[1])
                    * (fracs[2] if db else 1 - fracs[2])
                )
                idx = (lows[0] + dl) * 25 + (lows[1] + da) * 5 + (lows[2] + db)
                hist += np.bincount(idx, weights=w, minlength=_BINS)
    hist /= hist.sum()
    cells = _oklab(_resize(rgb, _LAYOUT_SIDE).reshape(-1, 3))
    return Signature(tuple(hashes), tuple(_quantize(hist)), tuple(_quantize_layout(cells)))


def _quantize_layout(lab: np.ndarray) -> list[int]:
    q = np.empty_like(lab)
    q[:, 0] = lab[:, 0] * 255.0
    q[:, 1:] = (lab[:, 1:] + 0.4) / 0.8 * 255.0
    return np.clip(np.rint(q), 0, 255).astype(np.int64).ravel().tolist()


def layout_lab(layouts: np.ndarray) -> np.ndarray:
    """Quantised layouts ``(N, 192)`` back to OKLab ``(N, 64, 3)``."""
    q = np.asarray(layouts, np.float64).reshape(-1, _LAYOUT_CELLS, 3) / 255.0
    q[..., 1:] = q[..., 1:] * 0.8 - 0.4
    return q


def _cell_permutations() -> np.ndarray:
    """For each of the 8 symmetries of the square, where each cell of the grid goes."""
    idx = np.arange(_LAYOUT_CELLS).reshape(_LAYOUT_SIDE, _LAYOUT_SIDE)
    out = []
    for transpose in (False, True):
        base = idx.T if transpose else idx
        for flip_y in (False, True):
            for flip_x in (False, True):
                v = base[::-1] if flip_y else base
                out.append((v[:, ::-1] if flip_x else v).ravel())
    return np.array(out)


_CELL_PERMS = _cell_permutations()


def _cell_orbits() -> np.ndarray:
    """For each cell of the 8 x 8 layout, its orbit under the 8 symmetries (0..9)."""
    first = _CELL_PERMS.min(axis=0)  # the smallest cell index each cell is mapped to
    _, orbit = np.unique(first, return_inverse=True)
    return orbit


CELL_ORBITS = _cell_orbits()


def layout_orbits(layouts: np.ndarray) -> np.ndarray:
    """Colour layouts made invariant to the 8 symmetries: ``(N, 10, 3)`` OKLab.

    Each of the 10 orbits of the 8 x 8 cells under the symmetries of the square (4
    ring corners-to-centre diagonals, 6 off-diagonal) gets the mean colour of its
    cells: a turned or mirrored picture has exactly the same orbit colours.
    """
    lab = layout_lab(layouts)
    counts = np.bincount(CELL_ORBITS, minlength=10).astype(np.float64)
    out = np.zeros((lab.shape[0], 10, 3))
    np.add.at(out, (slice(None), CELL_ORBITS), lab)
    return out / counts[None, :, None]


def _quantize(hist: np.ndarray) -> list[int]:
    """Weights in 1/255 steps summing to exactly 255 (largest remainders)."""
    scaled = hist * 255.0
    q = np.floor(scaled).astype(np.int64)
    short = 255 - int(q.sum())
    if short > 0:
        q[np.argsort(q - scaled)[:short]] += 1
    return q.tolist()


def _blur_matrix() -> np.ndarray:
    """Spreads each bin's weight over its neighbours (1/4, 1/2, 1/4 along each axis).

    Comparing blurred histograms makes a small shift of colour cost little (a
    cross-bin comparison, like a cheap earth mover's distance).
    """
    k = np.zeros((5, 5))
    for i in range(5):
        for j, w in ((i - 1, 0.25), (i, 0.5), (i + 1, 0.25)):
            k[i, min(max(j, 0), 4)] += w
    return np.kron(np.kron(k, k), k)


_BLUR = _blur_matrix()


def spread_histograms(colours: np.ndarray) -> np.ndarray:
    """Colour histograms ``(N, 125)`` spread over neighbouring bins, as compared."""
    return np.asarray(colours, np.float64) @ _BLUR


def structure_distance(a: Signature, b: Signature) -> int:
    """Fewest differing pHash bits over the 8 symmetries of the square (0 to 64).

    Each picture's 8 hashes are compared with the other's upright hash, both ways
    (re-thresholding at the median makes the two directions differ slightly), so the
    distance is symmetric.
    """
    one = min((h ^ b.hashes[0]).bit_count() for h in a.hashes)
    other = min((h ^ a.hashes[0]).bit_count() for h in b.hashes)
    return min(one, other)


def colour_distance(a: Signature, b: Signature) -> float:
    """Histogram intersection distance of the OKLab colour distributions, in [0, 1]."""
    p = np.asarray(a.colour, np.float64) @ _BLUR
    q = np.asarray(b.colour, np.float64) @ _BLUR
    return max(0.0, 1.0 - float(np.minimum(p, q).sum()) / 255.0)


def layout_distance(a: Signature, b: Signature) -> float:
    """RMS OKLab difference of the 8 x 8 colour layouts, best of the 8 symmetries."""
    la = layout_lab(np.asarray([a.layout]))[0]
    lb = layout_lab(np.asarray([b.layout]))[0]
    return float(min(np.sqrt(((la[p] - lb) ** 2).sum(-1).mean()) for p in _CELL_PERMS))


def distance(a: Signature, b: Signature) -> float:
    """The three distances in thresholds (the largest); at most 1 means near-duplicate."""
    return max(
        structure_distance(a, b) / STRUCTURE_THRESHOLD,
        colour_distance(a, b) / COLOUR_THRESHOLD,
        layout_distance(a, b) / LAYOUT_THRESHOLD,
    )


def is_near_duplicate(a: Signature, b: Signature) -> bool:
    return distance(a, b) <= 1.0


def distances_to(query: Signature, many: SignatureArrays) -> np.ndarray:
    """Distances (in thresholds) from ``query`` to many signatures at once."""
    if len(many) == 0:
        return np.zeros(0)
    q = np.asarray(query.hashes, np.uint64)
    one = np.bitwise_count(np.bitwise_xor(many.hashes, q[0])).min(axis=1)
    other = np.bitwise_count(np.bitwise_xor(many.hashes[:, :1], q[None, :])).min(axis=1)
    structure = np.minimum(one, other)
    qc = np.asarray(query.colour, np.float64) @ _BLUR
    colour = np.maximum(0.0, 1.0 - np.minimum(many.spread_colours, qc[None, :]).sum(axis=1) / 255.0)
    layout = layout_distances(layout_lab(np.asarray([query.layout]))[0], many)
    return np.maximum.reduce(
        [structure / STRUCTURE_THRESHOLD, colour / COLOUR_THRESHOLD, layout / LAYOUT_THRESHOLD]
    )


def layout_distances(lab: np.ndarray, many: SignatureArrays) -> np.ndarray:
    """Layout distances of one layout (OKLab ``(64, 3)``) to every layout of ``many``."""
    rows, rows_sq = many.layout_rows
    variants = lab[_CELL_PERMS].reshape(8, -1)  # (8, 192)
    sq = (variants**2).sum(1)[:, None] + rows_sq[None, :] - 2.0 * variants @ rows.T
    return np.sqrt(np.maximum(sq.min(axis=0), 0.0) / _LAYOUT_CELLS)


def signature_rows(texts: list[str]) -> np.ndarray:
    """Many :meth:`Signature.to_text` forms as one byte row each ``(N, 381)`` uint8."""
    joined = bytes.fromhex("".join(t.replace(":", "") for t in texts))
    return np.frombuffer(joined, np.uint8).reshape(len(texts), 64 + _BINS + 3 * _LAYOUT_CELLS)


def signature_arrays(texts: list[str]) -> SignatureArrays:
    """Arrays for :func:`distances_to` straight from many :meth:`Signature.to_text` forms."""
    return arrays_of_rows(signature_rows(texts))


def arrays_of_rows(rows: np.ndarray) -> SignatureArrays:
    """Arrays for :func:`distances_to` from :func:`signature_rows`' byte rows."""
    rows = np.asarray(rows, np.uint8)
    hashes = rows[:, :64].copy().view(">u8").astype(np.uint64)
    return SignatureArrays(hashes, rows[:, 64 : 64 + _BINS].copy(), rows[:, 64 + _BINS :].copy())


def stack(signatures: list[Signature]) -> SignatureArrays:
    """Arrays for :func:`distances_to`."""
    return SignatureArrays(
        np.array([s.hashes for s in signatures], np.uint64).reshape(-1, 8),
        np.array([s.colour for s in signatures], np.uint8).reshape(-1, _BINS),
        np.array([s.layout for s in signatures], np.uint8).reshape(-1, 3 * _LAYOUT_CELLS),
    )
