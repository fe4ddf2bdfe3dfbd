"""Colours of a pattern: its dominant palette, colour search and colour names.

*Dominant palette*: k-means (Lloyd, k-means++ seeding from a fixed seed, so the
same picture always gives the same palette) on the picture's pixels in CIELAB
(D50), reduced to 64 x 64 by area averaging; clusters closer than
:data:`MERGE_DE00` (CIEDE2000) are merged and slivers below 0.5 % dropped. Each
colour carries its area share.

*Colour search* has CIEDE2000 semantics: a pattern *has* a query colour to the
extent that its palette has area within ``tolerance`` ΔE00 of it,
``cover = sum(share_i * max(0, 1 - dE00(q, c_i) / tolerance))``; the score of a
pattern for several query colours is the geometric mean of its covers, so a
pattern must hold every colour asked for. To keep that exact score fast over
500,000 patterns, candidates come first from an inner-product index of
:func:`colour_embedding` (each palette as soft weights on 125 reference colours),
then the exact ΔE00 score re-ranks them.

References
----------
Lloyd 1982, "Least squares quantization in PCM", IEEE Trans. IT 28(2); Arthur &
Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA;
Sharma, Wu & Dalal 2005 (CIEDE2000); Berlin & Kay 1969, *Basic Color Terms*.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from foulard import perceptual
from foulard.color.cielab import ciede2000, lab_to_srgb, srgb_to_lab
from foulard.color.space import srgb_to_hex

__all__ = [
    "EMBED_DIM",
    "PALETTE_SIZE",
    "DominantPalette",
    "basic_colour_names",
    "colour_embedding",
    "colour_scores",
    "distinct_colours",
    "dominant_palette",
]

PALETTE_SIZE = 8  # colours kept per pattern in the database and index
MAX_COLOURS = 16
MERGE_DE00 = 4.0
MIN_SHARE = 0.005
_LEVELS = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
_SIGMA = 14.0


@dataclass(frozen=True)
class DominantPalette:
    """Up to :data:`PALETTE_SIZE` colours, largest share first."""

    lab: np.ndarray  # (k, 3) CIELAB D50
    shares: np.ndarray  # (k,) summing to 1

    @property
    def hexes(self) -> tuple[str, ...]:
        return srgb_to_hex(np.clip(lab_to_srgb(self.lab), 0.0, 1.0))

    def to_json(self) -> list[dict]:
        return [
            {"hex": h, "share": round(float(s), 4), "lab": [round(float(v), 2) for v in lab]}
            for h, s, lab in zip(self.hexes, self.shares, self.lab, strict=True)
        ]

    def packed(self) -> np.ndarray:
        """``(PALETTE_SIZE, 4)`` float32 rows L a b share (zero rows pad)."""
        out = np.zeros((PALETTE_SIZE, 4), np.float32)
        k = min(len(self.shares), PALETTE_SIZE)
        out[:k, :3] = self.lab[:k]
        out[:k, 3] = self.shares[:k]
        return out

    @classmethod
    def unpack(cls, packed: np.ndarray) -> DominantPalette:
        packed = np.asarray(packed, np.float64).reshape(PALETTE_SIZE, 4)
        keep = packed[:, 3] > 0
        return cls(packed[keep, :3], packed[keep, 3])


def _kmeans(points: np.ndarray, k: int, rng: np.random.Generator, iters: int = 30):
    n = len(points)
    centres = [points[int(rng.integers(n))]]
    d2 = ((points - centres[0]) ** 2).sum(1)
    for _ in range(1, k):
        total = d2.sum()
        if total <= 1e-9:
            break
        centres.append(points[int(rng.choice(n, p=d2 / total))])
        d2 = np.minimum(d2, ((points - centres[-1]) ** 2).sum(1))
    c = np.array(centres)
    norms = (points**2).sum(1)[:, None]
    labels = np.full(n, -1, np.intp)
    for _ in range(iters):
        dist = norms - 2.0 * (points @ c.T) + (c**2).sum(1)[None, :]
        new = dist.argmin(1)
        if np.array_equal(new, labels):
            break
        labels = new
        counts = np.bincount(labels, minlength=len(c)).astype(np.float64)
        nz = counts > 0
        for axis in range(3):
            sums = np.bincount(labels, weights=points[:, axis], minlength=len(c))
            c[nz, axis] = sums[nz] / counts[nz]
    counts = np.bincount(labels, minlength=len(c)).astype(np.float64)
    return c, counts


def dominant_palette(rgb: np.ndarray, k: int = PALETTE_SIZE, *, side: int = 64) -> DominantPalette:
    """The dominant colours of an sRGB picture in [0, 1] with their area shares.

    >>> img = np.zeros((40, 40, 3)); img[:, :30] = (0.8, 0.6, 0.4); img[:, 30:] = (0.2, 0.4, 0.6)
    >>> p = dominant_palette(img)
    >>> p.hexes, [round(float(s), 2) for s in p.shares]
    (('#cc9966', '#336699'), [0.75, 0.25])
    """
    small = perceptual.area_resize(np.clip(np.asarray(rgb, np.float64), 0, 1), side)
    lab = srgb_to_lab(small.reshape(-1, 3))
    if not 1 <= k <= MAX_COLOURS:
        raise ValueError(f"a dominant palette has 1 to {MAX_COLOURS} colours, not {k}")
    centres, counts = _kmeans(lab, k, np.random.default_rng(20010801))
    keep = counts > 0
    centres, shares = centres[keep], counts[keep] / counts.sum()
    # Merge colours a viewer would not tell apart, largest first.
    order = np.argsort(-shares, kind="stable")
    centres, shares = centres[order], shares[order]
    merged_c: list[np.ndarray] = []
    merged_s: list[float] = []
    for c, s in zip(centres, shares, strict=True):
        if merged_c:
            d = ciede2000(np.array(merged_c), c[None, :])
            j = int(np.argmin(d))
            if d[j] < MERGE_DE00:
                total = merged_s[j] + s
                merged_c[j] = (merged_c[j] * merged_s[j] + c * s) / total
                merged_s[j] = total
                continue
        merged_c.append(c.copy())
        merged_s.append(float(s))
    lab_out = np.array(merged_c)
    share_out = np.array(merged_s)
    keep = share_out >= MIN_SHARE
    lab_out, share_out = lab_out[keep], share_out[keep]
    order = np.argsort(-share_out, kind="stable")
    return DominantPalette(lab_out[order], share_out[order] / share_out.sum())


def distinct_colours(palette: DominantPalette, count: int) -> list[int]:
    """Indices of ``count`` colours of a palette that are both large and distinct.

    The largest colour first; then, one at a time, the colour with the largest
    ``sqrt(share) * (nearest ΔE00 to those chosen)``: a small accent that differs
    (the navy of a brocade on an ivory ground) wins over a large near-copy of the
    ground.
    """
    n = len(palette.shares)
    chosen = [0] if n else []
    while len(chosen) < min(count, n):
        rest = [i for i in range(n) if i not in chosen]
        d = ciede2000(palette.lab[rest][:, None, :], palette.lab[chosen][None, :, :]).min(1)
        score = np.sqrt(palette.shares[rest]) * d
        chosen.append(rest[int(np.argmax(score))])
    return chosen


@functools.cache
def _references() -> np.ndarray:
    g = np.stack(np.meshgrid(_LEVELS, _LEVELS, _LEVELS, indexing="ij"), -1).reshape(-1, 3)
    return srgb_to_lab(g)


EMBED_DIM = len(_LEVELS) ** 3


def colour_embedding(lab: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Colours with weights as soft weights on 125 reference colours (unit length).

    ``lab`` is ``(..., k, 3)``, ``shares`` ``(..., k)``; returns ``(..., 125)`` float32.
    The inner product of two embeddings is large when their colours overlap.
    """
    lab = np.asarray(lab, np.float64)
    ref = _references()
    d2 = ((lab[..., :, None, :] - ref) ** 2).sum(-1)  # (..., k, 125)
    w = (np.asarray(shares, np.float64)[..., :, None] * np.exp(-d2 / (2 * _SIGMA**2))).sum(-2)
    norm = np.linalg.norm(w, axis=-1, keepdims=True)
    return (w / np.maximum(norm, 1e-12)).astype(np.float32)


def colour_scores(
    query_lab: np.ndarray, packed: np.ndarray, tolerance: float, *, mode: str = "all"
) -> tuple[np.ndarray, np.ndarray]:
    """Exact ΔE00 scores of patterns for query colours.

    ``query_lab`` ``(m, 3)``; ``packed`` ``(N, PALETTE_SIZE, 4)`` (L a b share).
    ``mode='all'``: the pattern must hold every query colour (geometric mean of the
    covers); ``mode='palette'``: the share of the pattern's area drawn in the
    query's colours (each pattern colour counted by its nearest query colour).
    Returns the scores ``(N,)`` in [0, 1] and the nearest ΔE00 to each query colour
    among each pattern's colours ``(N, m)``.

    All patterns are scored at once, in blocks of about :data:`_SCORE_BLOCK`
    colour pairs (the temporaries of a block stay in cache).
    """
    if mode not in ("all", "palette"):
        raise ValueError(f"colour search mode {mode!r} is not 'all' or 'palette'")
    packed = np.asarray(packed, np.float64)
    q = np.asarray(query_lab, np.float64)
    n, m = len(packed), len(q)
    score, nearest = np.empty(n), np.empty((n, m))
    step = max(1, _SCORE_BLOCK // max(1, m * packed.shape[1]))
    for lo in range(0, n, step):
        block = packed[lo : lo + step]
        score[lo : lo + step], nearest[lo : lo + step] = _block_scores(q, block, tolerance, mode)
    return score, nearest


_SCORE_BLOCK = 8192  # colour pairs scored at once (see foulard.color.cielab._BLOCK)


def _block_scores(q: np.ndarray, packed: np.ndarray, tolerance: float, mode: str):
    d = ciede2000(packed[:, None, :, :3], q[None, :, None, :])  # (n, m, k)
    share = packed[:, None, :, 3]
    d = np.where(share > 0, d, np.inf)
    weight = np.clip(1.0 - d / tolerance, 0.0, None)
    if mode == "palette":
        score = (packed[:, :, 3] * weight.max(1)).sum(-1)
    else:
        cover = (share * weight).sum(-1)  # (n, m)
        score = np.exp(np.log(np.maximum(cover, 1e-12)).mean(-1))
        score[cover.min(-1) <= 0] = 0.0
    return score, d.min(-1)


# Basic colour terms (Berlin & Kay) with typical sRGB samples, in English and Chinese.
_BASIC = (
    ("white", "白", "#f4f2ec"),
    ("black", "黑", "#1c1c1c"),
    ("grey", "灰", "#8c8c8c"),
    ("red", "红", "#c0282d"),
    ("red", "红", "#8e2323"),
    ("orange", "橙", "#e8812a"),
    ("yellow", "黄", "#f0c419"),
    ("gold", "金", "#c8a03c"),
    ("brown", "棕", "#7a4b2a"),
    ("brown", "棕", "#a47148"),
    ("green", "绿", "#3f8f4a"),
    ("green", "绿", "#7da25b"),
    ("cyan", "青", "#2f8f8f"),
    ("blue", "蓝", "#2a5caa"),
    ("blue", "蓝", "#1d2f5a"),
    ("blue", "蓝", "#7fa6d6"),
    ("purple", "紫", "#6b3f8f"),
    ("pink", "粉", "#e8a0b4"),
    ("beige", "米", "#e6d5b0"),
)


@functools.cache
def _basic_lab() -> np.ndarray:
    from foulard.color.space import hex_to_srgb

    return srgb_to_lab(hex_to_srgb([b[2] for b in _BASIC]))


def basic_colour_names(lab: np.ndarray) -> list[tuple[str, str]]:
    """The basic colour term (English, Chinese) nearest to each CIELAB colour."""
    lab = np.atleast_2d(np.asarray(lab, np.float64))
    d = ciede2000(lab[:, None, :], _basic_lab()[None, :, :])
    return [(_BASIC[i][0], _BASIC[i][1]) for i in d.argmin(1)]
