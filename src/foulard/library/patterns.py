"""Library patterns as operators read them: by id, from the store of the data home.

Operators that feed designs from the library (``learned.*``, ``color.from_library``)
name a pattern by its id (SHA-256) in a text parameter. The bytes come from the
store of the current data home, or from the patterns bundled with foulard; a
missing pattern is a :class:`~foulard.library.errors.PatternNotFound` naming the
id. Results are cached by id (the id fixes the content, so the cache is never
stale).
"""

from __future__ import annotations

import functools
import io
import warnings

import numpy as np

from foulard.library.errors import LibraryError, Rejected
from foulard.library.sniff import sniff
from foulard.library.store import Store, is_pattern_id, library_root

__all__ = ["pattern_bytes", "pattern_picture", "pattern_size", "require_id"]


def require_id(pattern_id: str, op_id: str) -> str:
    """``pattern_id`` if it is a full id; a clear error naming the operator if not."""
    if not is_pattern_id(pattern_id):
        raise LibraryError(
            f"{op_id}: pattern must be a library id (64 hex digits, see 'foulard library "
            f"search' or 'show'), got {pattern_id!r}"
        )
    return pattern_id


def pattern_bytes(pattern_id: str) -> tuple[bytes, str]:
    """The stored bytes of a pattern and their format."""
    data = Store(library_root()).read(pattern_id)
    fmt = sniff(data[:4096])
    if fmt is None:
        raise LibraryError(f"the stored file of pattern {pattern_id} is not an image")
    return data, fmt


@functools.lru_cache(maxsize=64)
def pattern_size(pattern_id: str) -> tuple[int, int]:
    """(width, height) of a pattern, from its header (or the SVG's size)."""
    data, fmt = pattern_bytes(pattern_id)
    if fmt == "svg":
        from foulard.library.svg import svg_dom

        _, w, h = svg_dom(data)
        return max(1, round(w)), max(1, round(h))
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as im:
            return im.size


@functools.lru_cache(maxsize=16)
def _picture(pattern_id: str, long_side: int) -> np.ndarray:
    from PIL import Image

    data, fmt = pattern_bytes(pattern_id)
    if fmt == "svg":
        from foulard.library.svg import rasterise_svg

        rgba = rasterise_svg(data, long_side).astype(np.float32) / 255.0
        rgb = rgba[..., :3] + (1.0 - rgba[..., 3:4])
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                im = Image.open(io.BytesIO(data))
                w, h = im.size
                k = long_side / max(w, h)
                size = (max(1, round(w * k)), max(1, round(h * k)))
                if fmt == "jpeg" and k < 1:
                    im.draft("RGB", size)
                im = im.convert("RGBA")
                im = im.resize(size, Image.Resampling.BOX if k < 1 else Image.Resampling.BICUBIC)
            except (OSError, ValueError, SyntaxError) as exc:
                raise Rejected(
                    "corrupt", f"pattern {pattern_id} cannot be decoded: {exc}"
                ) from None
        arr = np.asarray(im, np.float32) / 255.0
        rgb = arr[..., :3] * arr[..., 3:4] + (1.0 - arr[..., 3:4])
    out = np.ascontiguousarray(np.clip(rgb, 0.0, 1.0), np.float32)
    out.setflags(write=False)
    return out


def pattern_picture(pattern_id: str, long_side: int) -> np.ndarray:
    """The pattern as sRGB float32 ``(h, w, 3)`` in [0, 1], longer side ``long_side``
    (transparency over white). Read-only and cached."""
    return _picture(pattern_id, int(long_side))
