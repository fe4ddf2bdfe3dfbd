"""Decoding a stored file into the picture the library analyses.

Raster files (PNG, JPEG, TIFF, WebP) are opened with Pillow; the pixel count is
checked against the configured limit *before* any pixel is decoded (a
decompression bomb is refused with its size). JPEGs are decoded at a reduced scale
(DCT draft), so a huge scan costs little. SVGs are checked by
:func:`~foulard.library.svg.check_svg` and drawn with skia.

The result is the *analysis picture*: sRGB in [0, 1], transparency composited over
white, its longer side at most :data:`ANALYSIS_SIDE` px.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np

from foulard.library.errors import Rejected
from foulard.library.svg import check_svg, rasterise_svg

__all__ = ["ANALYSIS_SIDE", "DEFAULT_MAX_MEGAPIXELS", "Decoded", "decode", "thumbnail_jpeg"]

ANALYSIS_SIDE = 256
THUMB_SIDE = 256
DEFAULT_MAX_MEGAPIXELS = 150.0
_PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF", "webp": "WEBP"}


@dataclass(frozen=True)
class Decoded:
    """A decoded pattern: its format, full size and analysis picture."""

    format: str
    width: int
    height: int
    rgb: np.ndarray  # (h, w, 3) float32 sRGB in [0, 1], long side <= ANALYSIS_SIDE
    frames: int = 1


def _over_white(rgba: np.ndarray, premultiplied: bool) -> np.ndarray:
    a = rgba[..., 3:4]
    rgb = rgba[..., :3]
    if premultiplied:
        return np.clip(rgb + (1.0 - a), 0.0, 1.0)
    return np.clip(rgb * a + (1.0 - a), 0.0, 1.0)


MIN_SIDE = 16


def _target(w: int, h: int, side: int) -> tuple[int, int]:
    """Longer side ``side`` at most, shorter side kept at ``MIN_SIDE`` or more if it was."""
    k = min(1.0, max(side / max(w, h), MIN_SIDE / min(w, h)))
    return max(1, round(w * k)), max(1, round(h * k))


def _at_least(rgb: np.ndarray, side: int) -> np.ndarray:
    """A picture thinner than ``side`` px padded with white (a rule, a thin border)."""
    h, w = rgb.shape[:2]
    if h >= side and w >= side:
        return rgb
    out = np.ones((max(h, side), max(w, side), 3), rgb.dtype)
    y, x = (out.shape[0] - h) // 2, (out.shape[1] - w) // 2
    out[y : y + h, x : x + w] = rgb
    return out


def _decode_raster(data: bytes, fmt: str, max_mp: float) -> Decoded:
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        # Pillow warns on big pictures and odd palettes; the limit is checked here.
        warnings.simplefilter("ignore")
        try:
            im = Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[fmt]])
        except Image.DecompressionBombError as exc:
            raise Rejected("bomb", f"decompression bomb refused by the decoder: {exc}") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise Rejected("corrupt", f"not a readable {fmt.upper()}: {exc}") from None
        w, h = im.size
        mp = w * h / 1e6
        if w <= 0 or h <= 0:
            raise Rejected("corrupt", f"{fmt.upper()} with an empty size {w} x {h}")
        if mp > max_mp:
            raise Rejected(
                "bomb",
                f"{w} x {h} px = {mp:.1f} megapixels, over the limit of {max_mp:g} "
                "(decompression bomb; raise FOULARD_LIBRARY_MAX_MEGAPIXELS to accept it)",
            )
        frames = int(getattr(im, "n_frames", 1) or 1)
        try:
            if fmt == "jpeg":
                im.draft("RGB", _target(w, h, ANALYSIS_SIDE))
            im.load()
            if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
                grey = np.asarray(im, np.float64)
                top = 65535.0 if grey.max(initial=0) > 255 else 255.0
                im = Image.fromarray(np.clip(grey / top * 255.0, 0, 255).astype(np.uint8), "L")
            im = im.convert("RGBA")
            tw, th = _target(im.width, im.height, ANALYSIS_SIDE)
            if (tw, th) != im.size:
                im = im.resize((tw, th), Image.Resampling.BOX)
            arr = np.asarray(im, np.float32) / 255.0
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            text = str(exc)
            reason = "truncated" if "truncat" in text.lower() else "corrupt"
            raise Rejected(reason, f"{fmt.upper()} cannot be decoded: {text}") from None
    return Decoded(fmt, w, h, _at_least(_over_white(arr, premultiplied=False), MIN_SIDE), frames)


def _content(rgba: np.ndarray) -> np.ndarray:
    """A drawing cropped to what it paints (plus a 4 % margin): an ornament drawn in
    a corner of an A4 page is analysed as the ornament, not as the page."""
    ys, xs = np.nonzero(rgba[..., 3] > 8)
    h, w = rgba.shape[:2]
    m = max(1, round(0.04 * max(np.ptp(ys), np.ptp(xs))))
    y0, y1 = max(0, ys.min() - m), min(h, ys.max() + 1 + m)
    x0, x1 = max(0, xs.min() - m), min(w, xs.max() + 1 + m)
    return rgba[y0:y1, x0:x1]


def _reduce(rgba: np.ndarray, side: int) -> np.ndarray:
    """uint8 premultiplied RGBA to float, longer side at most ``side`` (area average)."""
    from PIL import Image

    h, w = rgba.shape[:2]
    tw, th = _target(w, h, side)
    img = rgba.astype(np.float32) / 255.0
    if (tw, th) == (w, h):
        return img
    chans = [
        np.asarray(Image.fromarray(img[..., c], "F").resize((tw, th), Image.Resampling.BOX))
        for c in range(4)
    ]
    return np.stack(chans, -1)


def decode(data: bytes, fmt: str, *, max_megapixels: float = DEFAULT_MAX_MEGAPIXELS) -> Decoded:
    """Decode ``data`` (already sniffed as ``fmt``) into its analysis picture."""
    if fmt == "svg":
        info = check_svg(data)
        rgba = rasterise_svg(data, 2 * ANALYSIS_SIDE, info)
        if not rgba[..., 3].any():
            raise Rejected("svg_invalid", "the SVG draws nothing")
        rgba = _reduce(_content(rgba), ANALYSIS_SIDE)
        h, w = rgba.shape[:2]
        iw = round(info.width) if info.width > 0 else w
        ih = round(info.height) if info.height > 0 else h
        return Decoded("svg", iw, ih, _at_least(_over_white(rgba, premultiplied=True), MIN_SIDE))
    if fmt not in _PIL_FORMATS:
        raise Rejected("unsupported", f"{fmt} files are not taken (PNG, JPEG, TIFF, WebP, SVG)")
    return _decode_raster(data, fmt, max_megapixels)


def thumbnail_jpeg(rgb: np.ndarray, side: int = THUMB_SIDE) -> bytes:
    """A JPEG thumbnail of an analysis picture, its longer side ``side`` px."""
    from PIL import Image

    im = Image.fromarray(np.clip(rgb * 255.0 + 0.5, 0, 255).astype(np.uint8), "RGB")
    tw, th = _target(im.width, im.height, side)
    if (tw, th) != im.size:
        im = im.resize((tw, th), Image.Resampling.BOX)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()
