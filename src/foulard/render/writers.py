"""Streaming writers: PNG previews and TIFF masters through pyvips.

Bands from :func:`foulard.render.bands.iter_bands` are wrapped, as they arrive, in
an uncompressed PNG stream that libvips reads sequentially through a custom source;
libvips then writes the real file (TIFF with LZW and the horizontal predictor, or
a compressed PNG). Nothing ever holds the whole image: memory is a few bands.

Every file carries the sRGB ICC profile, resolution tags equal to its true pixel
density, and a JSON record of the genome and the command that produced it, so
``foulard inspect FILE`` gives the design back.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyvips

from foulard import __version__
from foulard.errors import FoulardError, OutputError
from foulard.genome.schema import Genome
from foulard.render.atomic import atomic_path
from foulard.render.bands import iter_bands
from foulard.render.context import MM_PER_INCH, RenderContext

__all__ = ["FORMATS", "read_embedded", "srgb_profile", "write_bands", "write_image"]

FORMATS = {".png": "png", ".tif": "tiff", ".tiff": "tiff"}
PNG_KEY = "foulard"
_BIGTIFF_BYTES = 3_900_000_000  # switch before the 4 GiB offset limit, with room for tags


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """libvips' built-in sRGB ICC profile (CC0), embedded in every file we write."""
    probe = pyvips.Image.black(1, 1, bands=3).copy(interpretation="srgb")
    return bytes(probe.icc_transform("srgb", input_profile="srgb").get("icc-profile-data"))


class _PngStream:
    """Serves an uncompressed PNG, band by band, to a libvips custom source."""

    def __init__(
        self,
        width: int,
        height: int,
        bits: int,
        channels: int,
        bands: Iterator[tuple[int, np.ndarray]],
    ):
        self._bands = bands
        self._zip = zlib.compressobj(0)
        colour_type = {1: 0, 3: 2}[channels]  # grey or RGB
        self._buf = bytearray(b"\x89PNG\r\n\x1a\n")
        self._buf += self._chunk(
            b"IHDR", struct.pack(">IIBBBBB", width, height, bits, colour_type, 0, 0, 0)
        )
        self._done = False
        self.error: BaseException | None = None

    @staticmethod
    def _chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    def _more(self) -> None:
        try:
            _, band = next(self._bands)
        except StopIteration:
            self._buf += self._chunk(b"IDAT", self._zip.flush())
            self._buf += self._chunk(b"IEND", b"")
            self._done = True
            return
        if band.dtype == np.uint16:
            band = band.astype(">u2")
        rows = np.ascontiguousarray(band).reshape(band.shape[0], -1).view(np.uint8)
        raw = np.zeros((rows.shape[0], rows.shape[1] + 1), np.uint8)  # filter byte 0 per row
        raw[:, 1:] = rows
        data = self._zip.compress(raw.tobytes())
        if data:
            self._buf += self._chunk(b"IDAT", data)

    def read(self, size: int) -> bytes:
        try:
            while len(self._buf) < size and not self._done:
                self._more()
        except BaseException as exc:  # surfaced after libvips gives up on the stream
            self.error = exc
            return b""
        out = bytes(self._buf[:size])
        del self._buf[:size]
        return out


def write_bands(
    path: str | Path,
    width: int,
    height: int,
    bands: Iterator[tuple[int, np.ndarray]],
    *,
    channels: int = 3,
    bits: int = 8,
    dpi: float | None = None,
    icc: bytes | None = None,
    description: str | None = None,
    compression: int = 6,
) -> Path:
    """Stream ``(first_row, band)`` pairs into a PNG or TIFF at ``path``, atomically.

    The generic writer under :func:`write_image` and the production outputs (plates,
    indexed images). Bands are ``(h, width)`` or ``(h, width, channels)`` uint8/uint16
    arrays in row order. TIFF is LZW with the horizontal predictor in 256 px tiles
    (BigTIFF when large); PNG is zlib at ``compression``. ``description`` is embedded
    (TIFF ImageDescription, PNG text chunk ``foulard``); ``icc`` is embedded as given.
    The file appears only when complete; on any failure nothing is left at ``path``.
    """
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise OutputError(
            f"cannot write {p}: unknown file type {p.suffix!r}; use .png, .tif or .tiff"
        )
    if bits not in (8, 16):
        raise OutputError(f"bits must be 8 or 16, got {bits}")
    if channels not in (1, 3):
        raise OutputError(f"channels must be 1 or 3, got {channels}")
    with atomic_path(p) as tmp:
        stream = _PngStream(width, height, bits, channels, bands)
        source = pyvips.SourceCustom()
        source.on_read(stream.read)
        try:
            image = pyvips.Image.new_from_source(source, "", access="sequential")
            px_per_mm = (dpi or 72.0) / MM_PER_INCH
            if channels == 3:
                interpretation = "srgb" if bits == 8 else "rgb16"
            else:
                interpretation = "b-w" if bits == 8 else "grey16"
            image = image.copy(xres=px_per_mm, yres=px_per_mm, interpretation=interpretation)
            if icc is not None:
                image.set_type(pyvips.GValue.blob_type, "icc-profile-data", icc)
            if fmt == "tiff":
                if description is not None:
                    image.set_type(pyvips.GValue.gstr_type, "image-description", description)
                image.tiffsave(
                    str(tmp),
                    compression="lzw",
                    predictor="horizontal",
                    tile=True,
                    tile_width=256,
                    tile_height=256,
                    bigtiff=width * height * channels * (bits // 8) > _BIGTIFF_BYTES,
                    resunit="inch",
                    strip=False,
                )
            else:
                if description is not None:
                    image.set_type(pyvips.GValue.gstr_type, f"png-comment-0-{PNG_KEY}", description)
                image.pngsave(str(tmp), compression=compression, strip=False)
        except pyvips.Error as exc:
            if stream.error is not None:
                raise stream.error from None
            if "No space left" in str(exc):
                raise OutputError(f"cannot write {p}: no space left on the device") from None
            raise OutputError(f"cannot write {p}: {str(exc).strip().splitlines()[0]}") from None
        finally:
            close = getattr(bands, "close", None)
            if close is not None:
                close()  # stops producer threads if libvips gave up early
        if stream.error is not None:
            raise stream.error
    return p


def _metadata(
    genome: Genome,
    ctx: RenderContext,
    command: str | None,
    bits: int,
    extra: Mapping[str, Any] | None,
) -> str:
    record = {
        "foulard": __version__,
        "design_id": genome.design_id,
        "genome": genome.to_json(),
        "command": command,
        "render": {
            "width_px": ctx.width,
            "height_px": ctx.height,
            "frame": list(ctx.frame),
            "dpi": ctx.dpi,
            "mm_per_unit": ctx.mm_per_unit,
            "bits": bits,
        },
    }
    if extra:
        record.update(extra)
    return json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def write_image(
    genome: Genome,
    ctx: RenderContext,
    path: str | Path,
    *,
    command: str | None = None,
    bits: int = 8,
    threads: int | None = None,
    progress: Callable[[int], None] | None = None,
    extra: Mapping[str, Any] | None = None,
    compression: int = 6,
) -> Path:
    """Render ``genome`` on ``ctx`` into ``path`` (``.png``, ``.tif`` or ``.tiff``).

    The file appears atomically; on any failure nothing is left at ``path``.

    Parameters
    ----------
    command : str, optional
        The command line that produced the file, embedded with the genome.
    bits : int
        8 or 16 bits per channel.
    progress : callable, optional
        Called with the number of rows finished after each band.
    extra : mapping, optional
        More JSON-able metadata to embed (format, hem, ink table...).
    compression : int
        zlib level of PNG output (TIFF is always LZW with the predictor).
    """
    p = Path(path)
    if p.suffix.lower() not in FORMATS:
        raise OutputError(
            f"cannot write {p}: unknown file type {p.suffix!r}; use .png, .tif or .tiff"
        )
    if bits not in (8, 16):
        raise OutputError(f"bits must be 8 or 16, got {bits}")
    ctx.check()
    description = _metadata(genome, ctx, command, bits, extra)
    bands = iter_bands(genome, ctx, bits=bits, threads=threads, progress=progress)
    return write_bands(
        p,
        ctx.width,
        ctx.height,
        bands,
        bits=bits,
        dpi=ctx.dpi,
        icc=srgb_profile(),
        description=description,
        compression=compression,
    )


def read_embedded(path: str | Path) -> dict[str, Any]:
    """The foulard record embedded in a PNG or TIFF, plus what the file itself says.

    Returns a dict with ``file`` (size, bands, dpi, ICC presence, loader) and, when
    present, the embedded record (``genome``, ``design_id``, ``command``, ...).
    Raises :class:`~foulard.errors.FoulardError` for unreadable files.
    """
    p = Path(path)
    if not p.exists():
        raise FoulardError(f"no such file: {p}")
    if p.is_dir():
        raise FoulardError(f"{p} is a folder, not an image")
    try:
        image = pyvips.Image.new_from_file(str(p), access="sequential")
        fields = set(image.get_fields())
    except pyvips.Error:
        raise FoulardError(
            f"{p} is not an image foulard can read (PNG, TIFF, JPEG, WebP)"
        ) from None
    info: dict[str, Any] = {
        "path": str(p),
        "loader": image.get("vips-loader") if "vips-loader" in fields else None,
        "width_px": image.width,
        "height_px": image.height,
        "bands": image.bands,
        "format": image.format,
        "dpi": [round(image.xres * MM_PER_INCH, 4), round(image.yres * MM_PER_INCH, 4)],
        "icc_profile_bytes": len(image.get("icc-profile-data"))
        if "icc-profile-data" in fields
        else 0,
    }
    raw = None
    if "image-description" in fields:
        raw = image.get("image-description")
    for name in fields:
        if name.startswith("png-comment-") and name.endswith(f"-{PNG_KEY}"):
            raw = image.get(name)
    record = None
    if raw:
        try:
            record = json.loads(raw)
        except (TypeError, json.JSONDecodeError):
            record = None
        if not (isinstance(record, dict) and "genome" in record):
            record = None
    return {"file": info, "foulard": record}
