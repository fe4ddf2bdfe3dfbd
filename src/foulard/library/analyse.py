"""One file in, everything the library keeps about it out (runs in worker processes).

:func:`analyse` sniffs the content, decodes it (refusing what is unsafe or
broken, see :mod:`~foulard.library.decode`), and computes the signatures: the
perceptual signature (:mod:`foulard.perceptual`: pHash over the 8 symmetries,
colour histogram, colour layout), the dominant palette
(:mod:`~foulard.library.colours`), the feature vector
(:mod:`~foulard.library.features`) and a thumbnail. It touches no file and no
database, so it can run anywhere, in any order, any number of times.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard import perceptual
from foulard.library.colours import DominantPalette, dominant_palette
from foulard.library.decode import DEFAULT_MAX_MEGAPIXELS, decode, thumbnail_jpeg
from foulard.library.errors import Rejected
from foulard.library.features import feature_vector
from foulard.library.sniff import IMAGE_FORMATS, sniff
from foulard.library.store import sha256_hex

__all__ = ["INNER_MARGIN", "Analysis", "analyse", "analyse_picture", "inner_signature"]

INNER_MARGIN = 0.04


@dataclass(frozen=True)
class Analysis:
    """What ingest stores for one file."""

    id: str
    format: str
    kind: str
    width: int
    height: int
    bytes: int
    signature: str
    signature_inner: str
    palette: DominantPalette
    features: np.ndarray
    thumbnail: bytes


def analyse_picture(rgb: np.ndarray) -> tuple[perceptual.Signature, DominantPalette, np.ndarray]:
    """The three signatures of an analysis picture (sRGB in [0, 1])."""
    sig = perceptual.signature(rgb)
    return sig, dominant_palette(rgb), feature_vector(rgb, sig)


def inner_signature(rgb: np.ndarray) -> perceptual.Signature:
    """The signature of the picture less :data:`INNER_MARGIN` on each side."""
    h, w = rgb.shape[:2]
    my, mx = round(h * INNER_MARGIN), round(w * INNER_MARGIN)
    inner = rgb[my : h - my, mx : w - mx]
    return perceptual.signature(inner if min(inner.shape[:2]) >= 8 else rgb)


def analyse(data: bytes, *, max_megapixels: float = DEFAULT_MAX_MEGAPIXELS) -> Analysis:
    """Analyse one file's bytes; :class:`Rejected` says why it cannot be taken."""
    if not data:
        raise Rejected("empty", "empty file (0 bytes)")
    fmt = sniff(data[:4096])
    if fmt is None:
        raise Rejected("unsupported", "not an image (no PNG, JPEG, TIFF, WebP or SVG signature)")
    if fmt not in IMAGE_FORMATS:
        raise Rejected("unsupported", f"{fmt} files are not taken (PNG, JPEG, TIFF, WebP, SVG)")
    decoded = decode(data, fmt, max_megapixels=max_megapixels)
    sig, palette, features = analyse_picture(decoded.rgb)
    return Analysis(
        id=sha256_hex(data),
        format=fmt,
        kind="vector" if fmt == "svg" else "raster",
        width=int(decoded.width),
        height=int(decoded.height),
        bytes=len(data),
        signature=sig.to_text(),
        signature_inner=inner_signature(decoded.rgb).to_text(),
        palette=palette,
        features=features,
        thumbnail=thumbnail_jpeg(decoded.rgb),
    )


def analyse_or_reject(data: bytes, max_megapixels: float) -> Analysis | Rejected:
    """:func:`analyse` for a process pool: a refusal is returned, not raised."""
    try:
        return analyse(data, max_megapixels=max_megapixels)
    except Rejected as exc:
        return exc
    except MemoryError:
        return Rejected("too_large", "not enough memory to decode this file")
