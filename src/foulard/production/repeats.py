"""Repeats for yardage: block, half drop, brick, mirror and centre tiles.

The genome's design over its unit square is the repeat *unit*, ``unit_mm`` square
on the cloth. A repeat arranges copies of it:

``block``
    Straight (full drop): copies side by side and end to end.
``half-drop``
    Each column of units shifted down by ``drop`` (1/2, 1/3 or 1/4) of a unit.
``brick``
    Each row of units shifted across by ``drop`` of a unit.
``mirror``
    The unit, its mirror image across, and both turned over down: a 2 x 2 block
    with mirrors on the unit edges (wallpaper group pmm).
``centre``
    Copies at the corners and the centre of a unit-sized rectangle (a centred
    lattice); each copy keeps the diamond nearer its own centre than any other copy's,
    so the unit's corners give way to its neighbours.

The file written is exactly one *period*: the smallest rectangle that repeats by
plain translation (a half-drop 1/3 period is three units wide), so a printer steps
it straight, like a block. Every unit is a whole number of pixels, and a whole number
of drop steps, so each pixel of the period *is* a pixel of the unit rendered at
``unit_px`` (integer indexing, no resampling): the wrap-around seam is exactly zero by
construction. It is still measured: one extra column and row are rendered past the
period and compared with its first column and row.

A rotary screen prints ``circumference`` of cloth per turn, so the period's height
must divide it. With ``circumference_mm`` set, the unit becomes ``C / k`` (``k`` a
multiple of the units in the period's height) for the ``k`` that brings it closest
to the height asked for.

References
----------
Phillips & Bunce 1993, *Repeat Patterns: A Manual for Designers, Artists and
Architects*, Thames & Hudson; Schattschneider 1978, "The plane symmetry groups",
*Amer. Math. Monthly* 85(6) (pmm and the centred lattice).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from foulard import __version__
from foulard.color.cielab import ciede2000 as delta_e2000
from foulard.color.cielab import srgb_to_lab
from foulard.errors import FoulardError, SizeError
from foulard.genome.schema import Genome
from foulard.production.repeat_plan import (
    DEFAULT_CIRCUMFERENCE_MM,
    DROPS,
    REPEAT_TYPES,
    RepeatPlan,
    _layout,
    _steps,
    fit_to_circumference,
    fold_pixels,
    plan_repeat,
    repeat_type,
)
from foulard.render.bands import default_threads, flatten, in_order, quantize
from foulard.render.cache import TileCache
from foulard.render.context import MM_PER_INCH, RenderContext
from foulard.render.evaluate import Evaluator
from foulard.render.writers import srgb_profile, write_bands

__all__ = [
    "DEFAULT_CIRCUMFERENCE_MM",
    "DROPS",
    "REPEAT_TYPES",
    "RepeatPlan",
    "RepeatResult",
    "fit_to_circumference",
    "fold_pixels",
    "nearest_ink",
    "plan_repeat",
    "render_repeat",
    "repeat_type",
    "write_repeat",
    "write_repeat_preview",
]

_BAND_PIXELS = 1 << 19


def _cuts(lo: int, hi: int, step: int) -> list[tuple[int, int]]:
    edges = [lo, *range((lo // step + 1) * step, hi, step), hi]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


class _Unit:
    """Samples the genome's unit at folded pixels, one contiguous piece at a time."""

    def __init__(self, ev: Evaluator, kind: str, n: int, shift: int, bits: int):
        self.ev, self.kind, self.n, self.shift, self.bits = ev, kind, n, shift, bits
        self.ground = ev.palette.ground

    def rows(self, r0: int, r1: int, width: int) -> np.ndarray:
        """Tile rows ``r0:r1`` (``width`` px wide) as uint8/uint16 RGB."""
        out = np.empty((r1 - r0, width, 3), np.uint8 if self.bits == 8 else np.uint16)
        sx, sy = _steps(self.kind, self.n, self.shift)
        for y0, y1 in _cuts(r0, r1, sy):
            j = np.arange(y0, y1, dtype=np.int64)[:, None]
            for x0, x1 in _cuts(0, width, sx):
                i = np.arange(x0, x1, dtype=np.int64)[None, :]
                iu, iv, which = fold_pixels(self.kind, self.n, self.shift, i, j)
                shape = (y1 - y0, x1 - x0)
                iu, iv = np.broadcast_to(iu, shape), np.broadcast_to(iv, shape)
                piece = out[y0 - r0 : y1 - r0, x0:x1]
                if which is None:
                    piece[...] = self._sample(iu, iv)
                else:
                    for part in (~which, which):
                        if part.any():
                            piece[part] = self._sample(iu[part], iv[part])
        return out

    def _sample(self, iu: np.ndarray, iv: np.ndarray) -> np.ndarray:
        inv = 1.0 / self.n
        u = (iu + 0.5) * inv
        v = (iv + 0.5) * inv
        values = self.ev.sample(self.ev.root, u, v, inv)
        return quantize(flatten(values, self.ground), self.bits)


def _iter_rows(
    unit: _Unit,
    height: int,
    width: int,
    *,
    threads: int | None,
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[int, np.ndarray]]:
    """``(first_row, band)`` of a ``width x height`` tile in order, bands on threads."""
    rows = max(1, min(height, _BAND_PIXELS // width))
    starts = list(range(0, height, rows))
    threads = threads or default_threads()

    def job(r0: int) -> np.ndarray:
        return unit.rows(r0, min(height, r0 + rows), width)

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="foulard-repeat") as pool:
        yield from in_order(pool, job, starts, threads, progress)


@dataclass
class RepeatResult:
    """What :func:`write_repeat` wrote and measured.

    ``seam_*`` compare the column and row just past the period with its first column
    and row: pixels compared, pixels that differ in any channel, the largest CIEDE2000
    difference, and (indexed output) how many ink indices differ. All are 0 for a
    correct repeat.
    """

    path: str
    plan: RepeatPlan
    seam_pixels: int = 0
    seam_mismatched: int = 0
    seam_max_de2000: float = 0.0
    seam_index_mismatches: int | None = None
    preview: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "repeat": self.plan.to_json(),
            "seam": {
                "pixels": self.seam_pixels,
                "mismatched": self.seam_mismatched,
                "max_de2000": self.seam_max_de2000,
                "index_mismatches": self.seam_index_mismatches,
            },
            "preview": self.preview,
        }


class _Seam:
    """Accumulates the wrap-around comparison while bands stream past."""

    def __init__(self, classify):
        self.classify = classify
        self.pixels = self.mismatched = 0
        self.max_de = 0.0
        self.index_mismatches = 0 if classify is not None else None
        self.first_row: np.ndarray | None = None

    def compare(self, a: np.ndarray, b: np.ndarray) -> None:
        """``a`` past the edge, ``b`` at the opposite edge: (m, 3) pixels each."""
        self.pixels += a.shape[0]
        diff = np.any(a != b, axis=-1)
        self.mismatched += int(diff.sum())
        if diff.any():
            de = delta_e2000(srgb_to_lab(a[diff]), srgb_to_lab(b[diff]))
            self.max_de = max(self.max_de, float(de.max()))
        if self.classify is not None:
            ia = self.classify(a[None])[0]
            ib = self.classify(b[None])[0]
            self.index_mismatches += int(np.count_nonzero(ia != ib))


def render_repeat(
    genome: Genome,
    plan: RepeatPlan,
    *,
    threads: int | None = None,
    cache: TileCache | None = None,
) -> np.ndarray:
    """One period in memory, ``(height, width, 3)`` uint8; for previews and tests."""
    w, h = plan.tile_px
    RenderContext(w, h, (0.0, 0.0, float(w), float(h))).check()
    ev = Evaluator(genome, mm_per_unit=plan.unit_mm, cache=cache)
    unit = _Unit(ev, plan.kind, plan.unit_px, plan.shift_px, 8)
    out = np.empty((h, w, 3), np.uint8)
    for r0, band in _iter_rows(unit, h, w, threads=threads, progress=None):
        out[r0 : r0 + band.shape[0]] = band
    return out


def _record(genome: Genome, plan: RepeatPlan, command: str | None, extra: dict) -> str:
    w, h = plan.tile_px
    record = {
        "foulard": __version__,
        "design_id": genome.design_id,
        "genome": genome.to_json(),
        "command": command,
        "render": {
            "width_px": w,
            "height_px": h,
            "dpi": plan.true_ppi,
            "mm_per_unit": plan.unit_mm,
            "bits": 8,
        },
        "repeat": plan.to_json(),
        **extra,
    }
    return json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def write_repeat(
    genome: Genome,
    plan: RepeatPlan,
    path: str | Path,
    *,
    classify: Callable[[np.ndarray], np.ndarray] | None = None,
    inks: list[str] | None = None,
    command: str | None = None,
    preview: str | Path | None = None,
    threads: int | None = None,
    progress: Callable[[int], None] | None = None,
    cache: TileCache | None = None,
) -> RepeatResult:
    """Render one period of ``plan`` into ``path`` (TIFF-LZW or PNG), streaming.

    The file carries the sRGB profile, its true density in the resolution tags, and
    a JSON record: the genome, the command, and the repeat (type, drop, unit and
    period in mm and px, requested and fitted height, circumference). It appears
    atomically.

    Parameters
    ----------
    classify : callable, optional
        Indexed output: a *pointwise* map from uint8 RGB ``(h, w, 3)`` to ink indices
        ``(h, w)`` uint8 (e.g. :func:`nearest_ink`). The file then holds the indices
        (one grey channel) and the seam is also counted in indices.
    inks : list of str, optional
        The ink colours the indices refer to, recorded in the metadata.
    preview : path, optional
        Also write the 3 x 3 preview PNG there (:func:`write_repeat_preview`).
    progress : callable, optional
        Called with the number of rows finished after each band.
    """
    w, h = plan.tile_px
    RenderContext(w + 1, h + 1, (0.0, 0.0, w + 1.0, h + 1.0)).check()
    ev = Evaluator(genome, mm_per_unit=plan.unit_mm, cache=cache)
    unit = _Unit(ev, plan.kind, plan.unit_px, plan.shift_px, 8)
    seam = _Seam(classify)

    def bands() -> Iterator[tuple[int, np.ndarray]]:
        # One extra row and column past the period, compared with row 0 and column 0.
        for r0, band in _iter_rows(unit, h + 1, w + 1, threads=threads, progress=progress):
            if r0 == 0:
                seam.first_row = band[0].copy()
            inside = band[: max(0, min(band.shape[0], h - r0))]
            if inside.shape[0]:
                seam.compare(inside[:, w], inside[:, 0])
            if r0 + band.shape[0] > h:
                seam.compare(band[h - r0], seam.first_row)
            if inside.shape[0]:
                body = inside[:, :w]
                yield r0, classify(body) if classify is not None else body

    extra: dict[str, Any] = {}
    if classify is not None:
        extra["indexed"] = {"inks": list(inks) if inks else None}
    out = write_bands(
        path,
        w,
        h,
        bands(),
        channels=1 if classify is not None else 3,
        dpi=plan.true_ppi,
        icc=None if classify is not None else srgb_profile(),
        description=_record(genome, plan, command, extra),
    )
    result = RepeatResult(
        path=str(out),
        plan=plan,
        seam_pixels=seam.pixels,
        seam_mismatched=seam.mismatched,
        seam_max_de2000=seam.max_de,
        seam_index_mismatches=seam.index_mismatches,
    )
    if preview is not None:
        result.preview = str(write_repeat_preview(genome, plan, preview, command=command))
    return result


def write_repeat_preview(
    genome: Genome,
    plan: RepeatPlan,
    path: str | Path,
    *,
    px: int = 1536,
    guides: bool = True,
    command: str | None = None,
    cache: TileCache | None = None,
) -> Path:
    """A 3 x 3 periods preview PNG, ``px`` on its long side at most.

    It is rendered through the same integer fold as the tile, at a smaller unit, so it
    shows what the cloth will look like. ``guides`` dashes the edges of the middle
    period.
    """
    if not 16 <= px <= 16384:
        raise SizeError(f"preview size must be between 16 and 16384 px, got {px}")
    _, _, multiple = _layout(plan.kind, plan.drop)
    m = (px // (3 * max(plan.cols, plan.rows))) // multiple * multiple
    m = max(m, 2 * multiple)
    shift = int(m * Fraction(plan.drop)) if plan.drop else 0
    w, h = 3 * plan.cols * m, 3 * plan.rows * m
    ev = Evaluator(genome, mm_per_unit=plan.unit_mm, cache=cache)
    unit = _Unit(ev, plan.kind, m, shift, 8)
    img = unit.rows(0, h, w)
    if guides:
        _dash_rect(img, plan.cols * m, plan.rows * m, 2 * plan.cols * m, 2 * plan.rows * m)
    record = _record(genome, plan, command, {"preview": {"periods": [3, 3], "unit_px": m}})
    return write_bands(
        path,
        w,
        h,
        iter([(0, img)]),
        dpi=m * MM_PER_INCH / plan.unit_mm,
        icc=srgb_profile(),
        description=record,
    )


def _dash_rect(img: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> None:
    """Dash the rectangle's edges, dark and light in turn (visible on any ground)."""
    dash = ((np.arange(max(img.shape[:2])) // 6) % 2).astype(bool)
    dark, light = np.array([40, 40, 40], np.uint8), np.array([245, 245, 245], np.uint8)

    def paint(sl_y, sl_x, n: int) -> None:
        seg = img[sl_y, sl_x]
        seg[dash[:n]] = dark
        seg[~dash[:n]] = light
        img[sl_y, sl_x] = seg

    for y in (y0, y1 - 1):
        paint(y, slice(x0, x1), x1 - x0)
    for x in (x0, x1 - 1):
        paint(slice(y0, y1), x, y1 - y0)


def nearest_ink(inks: list[str]) -> Callable[[np.ndarray], np.ndarray]:
    """A pointwise classifier: each uint8 RGB pixel to the index of the nearest ink.

    Nearest in CIELAB (Euclidean), computed once per distinct colour. Use it for
    indexed repeat tiles when the ink table comes from elsewhere.
    """
    if not 1 <= len(inks) <= 256:
        raise FoulardError(f"an indexed tile takes 1 to 256 inks, got {len(inks)}")
    try:
        rgb = np.array([[int(h[i : i + 2], 16) for i in (1, 3, 5)] for h in inks], np.uint8)
    except (TypeError, ValueError, IndexError):
        raise FoulardError(f"inks must be '#rrggbb' colours, got {inks!r}") from None
    ink_lab = srgb_to_lab(rgb)

    def classify(band: np.ndarray) -> np.ndarray:
        flat = band.reshape(-1, 3)
        key = (flat[:, 0].astype(np.uint32) << 16) | (flat[:, 1].astype(np.uint32) << 8)
        key |= flat[:, 2]
        uniq, inverse = np.unique(key, return_inverse=True)
        cols = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], 1).astype(np.uint8)
        d = ((srgb_to_lab(cols)[:, None, :] - ink_lab[None]) ** 2).sum(-1)
        return np.argmin(d, axis=1).astype(np.uint8)[inverse].reshape(band.shape[:2])

    return classify
