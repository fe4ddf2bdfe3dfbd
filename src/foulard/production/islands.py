"""Islands and lines thinner than a screen can print, found in the indexed image.

A part of an ink's area is *too thin* when no disk of the minimum size (default
0.3 mm, PRINT.md) fits in the ink around it: the pixels that a morphological
opening of the ink's area by a digital disk of ``d = ceil(min_mm / 25.4 * ppi)``
pixels removes (4 px at 300 ppi: a 3 px line goes, a 4 px line stays). The opening
is computed at full resolution for all inks at once on the indexed image: erosion
marks the pixels whose whole disk shows one ink, dilation spreads those marks back,
and a pixel is thin where its own ink's mark did not come back (two inks' opened
areas never overlap, so one max filter does it).

Thin pixels are grouped into 8-connected features per ink, band by band, with
features that cross a band boundary joined. A feature is an **island** when it
stands free (no pixel of it touches a printable part of the same ink: a speck, a
hairline on its own) and a **thin line** when it hangs off a printable shape (a
neck, a spur, a thin stroke) and is at least ``d`` long (shorter ones are the
corners and notches a disk cannot reach into, not lines). The report gives per
ink the counts, the areas, and the largest few with their places. Time and memory
follow the band size and the number of thin pixels.

>>> import numpy as np
>>> idx = np.zeros((40, 40), np.uint8); idx[10:30, 10:30] = 1; idx[20, 2:9] = 1
>>> scan = ThinFeatureScanner(2, 40, 40, diameter_px=4, ppi=300)
>>> scan.add(0, 40, np.pad(idx, scan.halo, mode="edge"))
>>> report = scan.finish()
>>> report.inks[1]["islands"]["count"], report.inks[1]["thin_lines"]["count"]
(1, 0)
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from foulard.production.morphology import disk_rows, thin_mask
from foulard.render.context import MM_PER_INCH

__all__ = ["DEFAULT_MIN_FEATURE_MM", "ThinFeatureScanner", "ThinReport"]

DEFAULT_MIN_FEATURE_MM = 0.3
EXAMPLES = 5  # largest features kept per ink and kind, with their places


@dataclass
class _Open:
    """A feature touching the last row of the band scanned so far."""

    ink: int
    area: int
    y0: int
    y1: int
    x0: int
    x1: int
    attached: bool


@dataclass(frozen=True)
class ThinReport:
    """Islands and thin lines per ink, with the measure's parameters."""

    min_feature_mm: float
    diameter_px: int
    ppi: float
    inks: list[dict[str, Any]]

    def totals(self) -> dict[str, int]:
        return {
            kind: sum(ink[kind]["count"] for ink in self.inks) for kind in ("islands", "thin_lines")
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "min_feature_mm": self.min_feature_mm,
            "diameter_px": self.diameter_px,
            "ppi": self.ppi,
            "resolution": "full",
            "method": "opening by a digital disk of diameter_px; 8-connected features",
            "totals": self.totals(),
            "inks": self.inks,
        }


class ThinFeatureScanner:
    """Scan an indexed image band by band for features thinner than the minimum.

    Feed :meth:`add` every band in order, as a window padded with :attr:`halo` rows
    and columns on every side (edge pixels repeated beyond the image).
    """

    def __init__(
        self,
        n_inks: int,
        width: int,
        height: int,
        *,
        diameter_px: int,
        ppi: float,
        min_feature_mm: float = DEFAULT_MIN_FEATURE_MM,
    ):
        self.n, self.width, self.height = n_inks, width, height
        self.diameter = max(1, int(diameter_px))
        self.ppi, self.min_feature_mm = ppi, min_feature_mm
        reach = max(max(abs(dy), abs(lo), abs(hi)) for dy, lo, hi in disk_rows(self.diameter))
        self.halo = 2 * reach + 1
        self._count = np.zeros((n_inks, 2), np.int64)
        self._area = np.zeros((n_inks, 2), np.int64)
        self._best: list[list[tuple]] = [[] for _ in range(2 * n_inks)]
        self._open: dict[int, _Open] = {}  # by global id, for features on the last row
        self._last_row: np.ndarray | None = None  # global ids along the last row, -1 none
        self._next_id = 0

    @classmethod
    def diameter_for(cls, min_feature_mm: float, ppi: float) -> int:
        """Disk diameter in pixels of the minimum feature at ``ppi``: ``ceil(mm * ppi / 25.4)``."""
        return max(1, math.ceil(min_feature_mm / MM_PER_INCH * ppi - 1e-6))

    def add(self, r0: int, rows: int, window: np.ndarray) -> None:
        """Scan rows ``r0 .. r0 + rows`` given their padded index window."""
        if self.diameter <= 1:
            return
        thin, cut = thin_mask(window, self.diameter)
        pad = self.halo - cut  # 1: thin is known one pixel around the band
        ext = window[cut : window.shape[0] - cut, cut : window.shape[1] - cut]
        core_thin = thin[pad : pad + rows, pad : pad + self.width]
        if not core_thin.any():
            self._close_all()
            self._last_row = None
            return
        core_idx = ext[pad : pad + rows, pad : pad + self.width]
        ys, xs = np.nonzero(core_thin)
        ink = core_idx[ys, xs].astype(np.int64)
        inv = _components(ys, xs, ink, self.width)
        nf = int(inv.max()) + 1
        f_ink = np.zeros(nf, np.int64)
        f_ink[inv] = ink
        area = np.bincount(inv, minlength=nf)
        y0 = np.full(nf, np.iinfo(np.int64).max)
        y1 = np.full(nf, -1)
        x0 = y0.copy()
        x1 = y1.copy()
        np.minimum.at(y0, inv, ys)
        np.maximum.at(y1, inv, ys)
        np.minimum.at(x0, inv, xs)
        np.maximum.at(x1, inv, xs)
        # Attached: an 8-neighbour of the same ink that an opening keeps.
        solid = ~thin
        att = np.zeros(len(ys), bool)
        ey, ex = ys + pad, xs + pad
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dy or dx:
                    ny, nx = ey + dy, ex + dx
                    att |= solid[ny, nx] & (ext[ny, nx] == ink)
        attached = np.bincount(inv, att, minlength=nf) > 0
        y0 += r0
        y1 += r0
        last = r0 + rows - 1
        more = last < self.height - 1  # a feature on the last row may go on below
        base = self._next_id
        self._next_id += nf

        def local(j: int) -> _Open:
            return _Open(
                int(f_ink[j]),
                int(area[j]),
                int(y0[j]),
                int(y1[j]),
                int(x0[j]),
                int(x1[j]),
                bool(attached[j]),
            )

        # Features on the top row join those left open on the row above (same ink).
        top_sel = np.flatnonzero(y0 == r0)
        parent = {base + int(j): base + int(j) for j in top_sel}
        parent.update({g: g for g in self._open})
        if self._last_row is not None and len(top_sel):
            top = np.full(self.width, -1, np.int64)
            on_top = ys == 0
            top[xs[on_top]] = base + inv[on_top]
            for dx in (-1, 0, 1):
                a = self._last_row[max(0, dx) : self.width + min(0, dx)]
                b = top[max(0, -dx) : self.width + min(0, -dx)]
                ok = (a >= 0) & (b >= 0)
                for ga, gb in set(zip(a[ok].tolist(), b[ok].tolist(), strict=True)):
                    if self._open[ga].ink == f_ink[gb - base]:
                        _union(parent, ga, gb)
        groups: dict[int, _Open] = {}
        for g in parent:
            part = self._open[g] if g < base else local(g - base)
            r = _find(parent, g)
            groups[r] = _join(groups.get(r), part)
        new_open: dict[int, _Open] = {}
        for r, feat in groups.items():
            if more and feat.y1 == last:
                new_open[r] = feat
            else:
                self._close(feat)
        rest = y0 > r0
        stay = rest & (y1 == last) & more
        for j in np.flatnonzero(stay):
            new_open[base + int(j)] = local(int(j))
        done = rest & ~stay
        self._close_many(
            f_ink[done], area[done], y0[done], y1[done], x0[done], x1[done], attached[done]
        )
        self._open = new_open
        self._last_row = None
        if new_open:
            row = np.full(self.width, -1, np.int64)
            on_last = ys == rows - 1
            g_last = (base + inv[on_last]).tolist()
            row[xs[on_last]] = [_find(parent, g) if g in parent else g for g in g_last]
            self._last_row = row

    def _close_all(self) -> None:
        for feat in self._open.values():
            self._close(feat)
        self._open = {}

    def _close(self, f: _Open) -> None:
        self._close_many(
            np.array([f.ink]),
            np.array([f.area]),
            np.array([f.y0]),
            np.array([f.y1]),
            np.array([f.x0]),
            np.array([f.x1]),
            np.array([f.attached]),
        )

    def _close_many(self, ink, area, y0, y1, x0, x1, attached) -> None:
        # A thin bit smaller than the disk on a printable shape is a corner or a notch
        # the disk cannot reach into, not a line: not reported.
        keep = ~attached | (np.maximum(y1 - y0, x1 - x0) + 1 >= self.diameter)
        ink, area, y0, y1, x0, x1, attached = (
            v[keep] for v in (ink, area, y0, y1, x0, x1, attached)
        )
        if len(ink) == 0:
            return
        kind = attached.astype(np.int64)
        np.add.at(self._count, (ink, kind), 1)
        np.add.at(self._area, (ink, kind), area)
        for g in np.unique(ink * 2 + kind):
            sel = np.flatnonzero(ink * 2 + kind == g)
            top = sel[np.argsort(-area[sel], kind="stable")[:EXAMPLES]]
            heap = self._best[g]
            for j in top:
                item = (int(area[j]), -int(y0[j]), -int(x0[j]), int(y1[j]), int(x1[j]))
                if len(heap) < EXAMPLES:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)

    def finish(self) -> ThinReport:
        """The report, once every band has been added."""
        self._close_all()
        mm = MM_PER_INCH / self.ppi
        inks = []
        for k in range(self.n):
            entry: dict[str, Any] = {"index": k}
            for kind, name in ((0, "islands"), (1, "thin_lines")):
                best = sorted(self._best[2 * k + kind], reverse=True)
                entry[name] = {
                    "count": int(self._count[k, kind]),
                    "area_px": int(self._area[k, kind]),
                    "area_mm2": round(float(self._area[k, kind]) * mm * mm, 4),
                    "largest": [
                        {
                            "x_px": (-nx0 + x1) / 2.0,
                            "y_px": (-ny0 + y1) / 2.0,
                            "x_mm": round((-nx0 + x1 + 1) / 2.0 * mm, 2),
                            "y_mm": round((-ny0 + y1 + 1) / 2.0 * mm, 2),
                            "width_px": x1 + nx0 + 1,
                            "height_px": y1 + ny0 + 1,
                            "area_px": a,
                        }
                        for a, ny0, nx0, y1, x1 in best
                    ],
                }
            inks.append(entry)
        return ThinReport(self.min_feature_mm, self.diameter, self.ppi, inks)


def _components(ys: np.ndarray, xs: np.ndarray, ink: np.ndarray, width: int) -> np.ndarray:
    """8-connected components of the given pixels, joining only pixels of one ink."""
    flat = ys.astype(np.int64) * width + xs  # row-major, so already sorted
    rows, cols = [], []
    for dy, dx in ((0, 1), (1, -1), (1, 0), (1, 1)):
        ok = (xs + dx >= 0) & (xs + dx < width)
        src = np.flatnonzero(ok)
        target = flat[src] + dy * width + dx
        pos = np.minimum(np.searchsorted(flat, target), len(flat) - 1)
        hit = (flat[pos] == target) & (ink[pos] == ink[src])
        rows.append(src[hit])
        cols.append(pos[hit])
    r = np.concatenate(rows)
    graph = sparse.coo_matrix(
        (np.ones(len(r), np.int8), (r, np.concatenate(cols))), shape=(len(flat), len(flat))
    )
    _, labels = csgraph.connected_components(graph, directed=False)
    return labels.astype(np.int64)


def _join(a: _Open | None, b: _Open) -> _Open:
    if a is None:
        return b
    return _Open(
        a.ink,
        a.area + b.area,
        min(a.y0, b.y0),
        max(a.y1, b.y1),
        min(a.x0, b.x0),
        max(a.x1, b.x1),
        a.attached or b.attached,
    )


def _find(parent: dict[int, int], g: int) -> int:
    while parent[g] != g:
        parent[g] = parent[parent[g]]
        g = parent[g]
    return g


def _union(parent: dict[int, int], a: int, b: int) -> None:
    parent.setdefault(a, a)
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
