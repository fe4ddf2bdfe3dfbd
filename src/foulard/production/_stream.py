"""Streaming plumbing of the ink outputs: reading images in bands, halos, parallel writers.

Private to the inks, separations, colourways and proof modules. A master is read
band by band through libvips (tiled TIFFs by region, anything else sequentially),
so memory follows the band height, never the print size. Operations that look at
neighbours (trap, thin features) see each band with a halo of rows from the bands
around it. Several output files are written at once, each by its own libvips
writer in its own thread, fed from one pass over the input.
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyvips

from foulard.errors import FoulardError
from foulard.render.context import MM_PER_INCH
from foulard.render.writers import PNG_KEY, write_bands

__all__ = [
    "BandFanOut",
    "embedded_record",
    "halo_windows",
    "iter_bands",
    "open_rgb",
    "pack_rgb",
    "ppi_of",
    "unpack_rgb",
    "vips_cache_off",
]

BAND_ROWS = 512  # a multiple of the 256 px TIFF tiles foulard writes
_WRITE_ROWS = 64  # rows per piece handed to a writer (about 40 MB less per writer)


def open_rgb(path: str | Path, *, what: str = "master") -> pyvips.Image:
    """Open an 8-bit (or 16-bit, reduced to 8) RGB or grey image as 3-band uchar sRGB.

    Tiled TIFFs open for random access (bands are cropped from tiles); anything
    else opens sequentially. Alpha is refused: masters have none (PRINT.md).
    """
    p = Path(path)
    if not p.is_file():
        raise FoulardError(f"no such {what} file: {p}")
    try:
        image = pyvips.Image.new_from_file(str(p), access="sequential")
        if _tiled(image):
            image = pyvips.Image.new_from_file(str(p))
    except pyvips.Error:
        raise FoulardError(f"{p} is not an image foulard can read (TIFF, PNG, JPEG)") from None
    if image.hasalpha() or image.bands not in (1, 3):
        raise FoulardError(
            f"{p} has {image.bands} bands; a {what} must be RGB or grey with no alpha"
        )
    if image.format in ("ushort", "short"):
        image = image.cast("uchar", shift=True)
    elif image.format != "uchar":
        raise FoulardError(f"{p} has {image.format} pixels; expected 8 or 16 bits per channel")
    if image.bands == 1:
        image = image.bandjoin([image, image])
    return image.copy(interpretation="srgb")


def _tiled(image: pyvips.Image) -> bool:
    fields = set(image.get_fields())
    return (
        "vips-loader" in fields
        and image.get("vips-loader").startswith("tiff")
        and image.get_typeof("tile-width") != 0
    )


@contextlib.contextmanager
def vips_cache_off() -> Iterator[None]:
    """Keep libvips from caching the operations run inside (restored afterwards).

    libvips caches recent operations with their results; for many one-off colour
    transforms (each holding a Little CMS transform) that is hundreds of MB.
    """
    before = pyvips.cache_get_max()
    pyvips.cache_set_max(0)
    try:
        yield
    finally:
        pyvips.cache_set_max(before)


def pack_rgb(rgb: np.ndarray) -> np.ndarray:
    """24-bit keys of uint8 RGB pixels (``r + 256 g + 65536 b``) as a flat uint32 array.

    >>> pack_rgb(np.array([[1, 2, 3]], np.uint8)).tolist()
    [197121]
    """
    rgb = rgb.reshape(-1, 3)
    quad = np.zeros((len(rgb), 4), np.uint8)
    quad[:, :3] = rgb
    return quad.view("<u4").ravel()


def unpack_rgb(packed: np.ndarray) -> np.ndarray:
    """The ``(n, 3)`` uint8 RGB pixels of keys made by :func:`pack_rgb`."""
    return packed.astype("<u4").view(np.uint8).reshape(-1, 4)[:, :3]


def ppi_of(image: pyvips.Image) -> float:
    """The pixel density declared by the file (pixels per inch; 72 when it says none)."""
    return float(image.xres) * MM_PER_INCH


def embedded_record(path: str | Path) -> dict[str, Any] | None:
    """The foulard JSON record a file carries (genome, design id, command), if any."""
    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential")
    except pyvips.Error:
        return None
    fields = set(image.get_fields())
    raw = image.get("image-description") if "image-description" in fields else None
    for name in fields:
        if name.startswith("png-comment-") and name.endswith(f"-{PNG_KEY}"):
            raw = image.get(name)
    try:
        record = json.loads(raw) if raw else None
    except (TypeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) else None


def iter_bands(image: pyvips.Image, rows: int = BAND_ROWS) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(first_row, band)`` top to bottom; bands are ``(h, width, bands)`` arrays."""
    region = pyvips.Region.new(image)
    dtype = {"uchar": np.uint8, "ushort": np.uint16, "float": np.float32}[image.format]
    for r0 in range(0, image.height, rows):
        h = min(rows, image.height - r0)
        data = region.fetch(0, r0, image.width, h)
        yield r0, np.frombuffer(data, dtype).reshape(h, image.width, image.bands)


def halo_windows(
    bands: Iterator[tuple[int, np.ndarray]], height: int, halo: int
) -> Iterator[tuple[int, int, np.ndarray]]:
    """Re-yield 2-D bands as ``(first_row, rows, window)`` with ``halo`` rows around.

    ``window`` holds the band's rows with ``halo`` rows above and below and ``halo``
    columns left and right; beyond the image it repeats the edge pixels. Each band is
    yielded once the band after it has arrived (or at the end).
    """
    buf: np.ndarray | None = None
    buf_r0 = 0
    pending: list[tuple[int, int]] = []
    for r0, band in bands:
        buf = band if buf is None else np.concatenate([buf, band])
        pending.append((r0, band.shape[0]))
        while pending and (
            pending[0][0] + pending[0][1] + halo <= buf_r0 + buf.shape[0]
            or buf_r0 + buf.shape[0] >= height
        ):
            c0, n = pending.pop(0)
            yield c0, n, _window(buf, buf_r0, c0, n, halo, height)
            keep = max(0, c0 + n - halo - buf_r0)
            buf, buf_r0 = buf[keep:], buf_r0 + keep
    for c0, n in pending:  # only when the input ended early
        yield c0, n, _window(buf, buf_r0, c0, n, halo, height)


def _window(buf: np.ndarray, buf_r0: int, c0: int, n: int, halo: int, height: int) -> np.ndarray:
    lo = max(0, c0 - halo)
    hi = min(height, c0 + n + halo, buf_r0 + buf.shape[0])
    rows = buf[lo - buf_r0 : hi - buf_r0]
    pad = ((lo - (c0 - halo), (c0 + n + halo) - hi), (halo, halo))
    return np.pad(rows, pad, mode="edge")


class BandFanOut:
    """Write several files at once from one stream of bands, one thread per file.

    ``put(r0, arrays)`` hands the same arrays (with the same rows) to every writer;
    each writer turns them into its own ``uint8`` band with ``transform(*arrays)``
    (in its own thread, a few rows at a time, so the work spreads over the cores
    and memory stays small) and streams it into :func:`write_bands`. A failing
    writer stops the others and :meth:`close` raises its error; every file appears
    atomically or not at all.
    """

    def __init__(self, width: int, height: int, depth: int = 2):
        self.width, self.height = width, height
        self._depth = depth
        self._writers: list[tuple[queue.Queue, threading.Thread]] = []
        self._error: BaseException | None = None
        self._abort = threading.Event()

    def add(self, path: Path, transform: Callable[[Any], np.ndarray], **kw: Any) -> None:
        q: queue.Queue = queue.Queue(self._depth)

        def feed() -> Iterator[tuple[int, np.ndarray]]:
            while True:
                try:
                    item = q.get(timeout=0.05)
                except queue.Empty:
                    if self._abort.is_set():
                        raise FoulardError("writing stopped: another output failed") from None
                    continue
                if item is None:
                    return
                r0, arrays = item
                # Small pieces keep each writer's buffers (and temporaries) small.
                for s in range(0, arrays[0].shape[0], _WRITE_ROWS):
                    yield r0 + s, transform(*(a[s : s + _WRITE_ROWS] for a in arrays))

        def run() -> None:
            try:
                write_bands(path, self.width, self.height, feed(), **kw)
            except BaseException as exc:
                if self._error is None:
                    self._error = exc
                self._abort.set()

        thread = threading.Thread(target=run, name=f"foulard-write-{path.name}", daemon=True)
        self._writers.append((q, thread))

    def start(self) -> None:
        for _, thread in self._writers:
            thread.start()

    def put(self, r0: int, arrays: tuple[np.ndarray, ...]) -> None:
        for q, _ in self._writers:
            self._offer(q, (r0, arrays))

    def _offer(self, q: queue.Queue, item: Any) -> None:
        while True:
            if self._abort.is_set():
                raise self._error or FoulardError("writing stopped")
            try:
                q.put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def close(self, error: BaseException | None = None) -> None:
        """End the streams and wait; with ``error``, make every writer give up."""
        if error is not None:
            self._abort.set()
        else:
            try:
                for q, _ in self._writers:
                    self._offer(q, None)
            except BaseException:
                self._abort.set()
        for _, thread in self._writers:
            thread.join()
        if error is None and self._error is not None:
            raise self._error
