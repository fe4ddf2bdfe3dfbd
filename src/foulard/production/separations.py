"""Separations for screen printing: the indexed image, one plate per ink, trap.

:func:`separate` reads a master once, band by band, and writes

- ``indexed.tif``: one 8-bit channel holding each pixel's ink index (TIFF, LZW);
- ``plates/plate_NN.tif``: one 8-bit grey plate per ink, 255 where the screen
  lets ink through (TIFF, LZW), with the true ppi in the resolution tags;
- ``inks.json`` and ``inks.csv``: the ink table (:mod:`foulard.production.inktable`);
- ``islands.json``: the islands and lines thinner than the minimum
  (:mod:`foulard.production.islands`).

Each ink's plate spreads under the inks printed after it (:mod:`.trap`), so the
plates recombine exactly into the indexed image. One-pixel slivers of the colour
reduction are given to a neighbouring ink first (:mod:`.slivers`).

The pass keeps a few bands in memory; the plates are written in parallel threads
(one libvips writer each), so the cost is about one read of the master plus the
compression of the outputs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyvips

from foulard import __version__
from foulard.errors import FoulardError
from foulard.production._stream import (
    BAND_ROWS,
    BandFanOut,
    embedded_record,
    halo_windows,
    iter_bands,
    open_rgb,
    ppi_of,
)
from foulard.production.inks import (
    DEFAULT_INKS,
    MIN_INK_DELTA_E,
    SAMPLE_PX,
    InkAssigner,
    Inks,
    check_ink_count,
    read_sample,
    reduce_to_inks,
)
from foulard.production.inktable import InkTable, print_order
from foulard.production.islands import DEFAULT_MIN_FEATURE_MM, ThinFeatureScanner, ThinReport
from foulard.production.slivers import SLIVER_HALO, clean_slivers
from foulard.production.trap import (
    DEFAULT_TRAP_MM,
    bits_dtype,
    cover_bits,
    plate_band,
    recombine,
    trap_radius_px,
)
from foulard.render.atomic import atomic_write_bytes

__all__ = ["DEFAULT_TRAP_MM", "Separation", "recombine", "separate"]

INDEXED_NAME = "indexed.tif"
WRITERS_PER_PASS = 16  # files written at once (each writer holds ~20 MB of buffers)
PLATES_DIR = "plates"


def plate_name(index: int) -> str:
    return f"{PLATES_DIR}/plate_{index:02d}.tif"


@dataclass(frozen=True)
class Separation:
    """What :func:`separate` wrote, and what it found."""

    folder: Path
    table: InkTable
    islands: ThinReport
    indexed: Path
    plates: tuple[Path, ...]
    table_json: Path
    table_csv: Path
    islands_json: Path

    @property
    def inks(self) -> int:
        return len(self.table.inks)


def separate(
    master: str | Path,
    out_dir: str | Path,
    *,
    n_inks: int = DEFAULT_INKS,
    seed: int | str | None = None,
    sample: np.ndarray | None = None,
    inks: Inks | None = None,
    trap_mm: float = DEFAULT_TRAP_MM,
    min_feature_mm: float = DEFAULT_MIN_FEATURE_MM,
    min_delta_e: float = MIN_INK_DELTA_E,
    clean: bool = True,
    command: str | None = None,
    rows: int = BAND_ROWS,
) -> Separation:
    """Reduce ``master`` to ``n_inks`` inks and write its separations into ``out_dir``.

    Parameters
    ----------
    master : path
        The RGB master (TIFF or PNG; its resolution tags give the ppi).
    out_dir : path
        An existing folder; files are written inside it (see the module doc).
    n_inks : int
        2 to 48 (a clear error beyond).
    seed : int or str, optional
        The k-means seed; by default derived from the design id the master carries
        (or from the sample's pixels for a master foulard did not make).
    sample : numpy.ndarray, optional
        ``(h, w, 3)`` uint8 pixels to find the inks on (e.g. a preview render); by
        default a subsampled read of the master, 1024 px on the long side.
    inks : Inks, optional
        Inks already found (skips the k-means).
    trap_mm, min_feature_mm : float
        Trap radius, and the narrowest printable feature (islands and lines report).
    min_delta_e : float
        Inks closer than this (CIEDE2000) are merged (:func:`.reduce_to_inks`).
    clean : bool
        Give one-pixel slivers (anti-aliasing blends) to a neighbouring ink.
    """
    check_ink_count(n_inks)
    out = Path(out_dir)
    if not out.is_dir():
        raise FoulardError(f"cannot write separations into {out}: not an existing folder")
    image = open_rgb(master)
    ppi = ppi_of(image)
    record = embedded_record(master) or {}
    design_id = record.get("design_id")
    if inks is None:
        if sample is None:
            sample = read_sample(master, SAMPLE_PX)
        if seed is None:
            seed = design_id or hashlib.sha256(np.ascontiguousarray(sample).tobytes()).hexdigest()
        inks = reduce_to_inks(sample, n_inks, seed=seed, min_delta_e=min_delta_e)
    n = len(inks)
    # Cover masks take 1 to 8 bytes a pixel: keep a band's masks about the same size.
    rows = max(1, rows // max(1, np.dtype(bits_dtype(n)).itemsize // 2))
    ground = 0  # most area on the sample (the full-size areas are in the table)
    order = print_order(inks.lab, ground)
    radius = trap_radius_px(trap_mm, ppi)
    scanner = ThinFeatureScanner(
        n,
        image.width,
        image.height,
        diameter_px=ThinFeatureScanner.diameter_for(min_feature_mm, ppi),
        ppi=ppi,
        min_feature_mm=min_feature_mm,
    )
    halo = max(radius, scanner.halo)
    (out / PLATES_DIR).mkdir(exist_ok=True)
    base = {
        "foulard": __version__,
        "design_id": design_id,
        "genome": record.get("genome"),
        "command": command,
        "source": Path(master).name,
        "ppi": ppi,
    }
    plate_meta = [
        {
            "plate": {
                "ink": k,
                "hex": inks.hexes[k],
                "print_order": order.index(k) + 1,
                "trap_px": radius,
            }
        }
        for k in range(n)
    ]
    assign = InkAssigner(inks)
    counts = np.zeros(n, np.int64)
    pairs = np.zeros((n, n), np.int64)

    def index_bands():
        prev_last = None
        for r0, idx in (
            _cleaned(image, rows, assign, inks.lab) if clean else _raw(image, rows, assign)
        ):
            counts[:] += np.bincount(idx.ravel(), minlength=n)
            _count_contacts(idx, prev_last, pairs, n)
            prev_last = idx[-1]
            yield r0, idx

    def scan(r0: int, nrows: int, window: np.ndarray) -> None:
        cut = halo - scanner.halo
        scanner.add(r0, nrows, window[cut : window.shape[0] - cut, cut : window.shape[1] - cut])

    # Each writer holds some buffers: the plates go in batches of WRITERS_PER_PASS,
    # the first with the indexed image (from the master), the others from it.
    passes = -(-(n + 1) // WRITERS_PER_PASS)
    per = -(-(n + 1) // passes)
    batches = [list(range(max(0, b * per - 1), min(n, (b + 1) * per - 1))) for b in range(passes)]
    indexed_desc = _describe(base, {"indexed": {"inks": list(inks.hexes)}})
    written = [out / INDEXED_NAME] + [out / plate_name(k) for k in range(n)]
    try:
        for b, batch in enumerate(batches):
            fan = BandFanOut(image.width, image.height)
            if b == 0:
                fan.add(
                    out / INDEXED_NAME,
                    lambda idx, cover: idx,
                    channels=1,
                    dpi=ppi,
                    description=indexed_desc,
                )
                source, on_window = index_bands(), scan
            else:
                source, on_window = _index_file_bands(out / INDEXED_NAME, rows), None
            for k in batch:
                fan.add(
                    out / plate_name(k),
                    lambda idx, cover, k=k: plate_band(cover, k),
                    channels=1,
                    dpi=ppi,
                    description=_describe(base, plate_meta[k]),
                )
            _plate_pass(source, image.height, halo, radius, order, fan, on_window)
    except BaseException:
        for path in written:  # all or nothing: no plate set without its mates
            path.unlink(missing_ok=True)
        raise
    contacts = tuple(
        (i, j, int(pairs[i, j] + pairs[j, i]))
        for i in range(n)
        for j in range(i + 1, n)
        if pairs[i, j] + pairs[j, i] > 0
    )
    plates = [plate_name(k) for k in range(n)]
    table = InkTable.build(
        inks.hexes,
        counts,
        ground=ground,
        order=order,
        plates=plates,
        width_px=image.width,
        height_px=image.height,
        ppi=ppi,
        contacts=contacts,
        trap_px=radius,
        design_id=design_id,
        extra={"seed": inks.seed, "min_feature_mm": min_feature_mm, "trap_mm": trap_mm},
    )
    table.write(out / "inks.json", out / "inks.csv")
    report = scanner.finish()
    text = json.dumps(report.to_json(), ensure_ascii=False, indent=1)
    atomic_write_bytes(out / "islands.json", (text + "\n").encode("utf-8"))
    return Separation(
        out,
        table,
        report,
        out / INDEXED_NAME,
        tuple(out / p for p in plates),
        out / "inks.json",
        out / "inks.csv",
        out / "islands.json",
    )


def _plate_pass(bands, height, halo, radius, order, fan, on_window) -> None:
    """Stream index bands into the writers of ``fan`` with their cover bits."""
    fan.start()
    try:
        for r0, nrows, window in halo_windows(bands, height, halo):
            m = halo - radius
            cover = cover_bits(
                window[m : window.shape[0] - m, m : window.shape[1] - m], radius, order, radius
            )
            if on_window is not None:
                on_window(r0, nrows, window)
            fan.put(r0, (window[halo : halo + nrows, halo : window.shape[1] - halo], cover))
    except BaseException as exc:
        fan.close(exc)
        raise
    fan.close()


def _raw(image, rows, assign):
    for r0, band in iter_bands(image, rows):
        yield r0, assign(band)


def _cleaned(image, rows, assign, ink_lab):
    """Assigned index bands with one-pixel slivers removed (:mod:`.slivers`)."""
    rgb_of: dict[int, np.ndarray] = {}

    def raw():
        for r0, band in iter_bands(image, rows):
            rgb_of[r0] = band
            yield r0, assign(band)

    for r0, _, window in halo_windows(raw(), image.height, SLIVER_HALO):
        yield r0, clean_slivers(window, SLIVER_HALO, rgb_of.pop(r0), ink_lab)


def _index_file_bands(path: Path, rows: int):
    image = pyvips.Image.new_from_file(str(path))
    for r0, band in iter_bands(image, rows):
        yield r0, band[..., 0]


def _describe(base: dict[str, Any], extra: dict[str, Any]) -> str:
    return json.dumps({**base, **extra}, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _count_contacts(idx: np.ndarray, above: np.ndarray | None, pairs: np.ndarray, n: int) -> None:
    """Add the pixel edges between different inks (right and down neighbours)."""
    parts = [(idx[:, :-1], idx[:, 1:]), (idx[:-1], idx[1:])]
    if above is not None:
        parts.append((above, idx[0]))
    for a, b in parts:
        diff = a != b
        if diff.any():
            key = a[diff].astype(np.int64) * n + b[diff]
            pairs += np.bincount(key, minlength=n * n).reshape(n, n)
