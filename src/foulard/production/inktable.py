"""The ink table a mill mixes and screens from: colours, names, print order, areas.

One row per ink: index (the value in the indexed image and the plate's number), hex,
CIELAB (D50), the nearest named colour of the Chinese traditional colour list
(中国色, 526 names) with its CIEDE2000 difference, the print order and the share of
the canvas. The ground (the ink of largest area, normally) prints second to last,
the other inks from light to dark before it, and the darkest of them (the key, which
carries outlines) last. The table also records which inks touch and along how many
pixel edges, which colourways need to keep touching inks apart.

Written as JSON (everything, for programs) and CSV (the rows, for people).

>>> order = print_order([[90.0, 0, 0], [30.0, 0, 0], [60.0, 0, 0], [75.0, 0, 0]], ground=0)
>>> order  # ink 3 (light) and 2, then the ground 0, then the darkest 1
[3, 2, 0, 1]
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from foulard.color.cielab import ciede2000, srgb_to_lab
from foulard.color.names import chinese_colors
from foulard.color.space import hex_to_srgb
from foulard.errors import FoulardError
from foulard.render.atomic import atomic_write_bytes

__all__ = ["CSV_COLUMNS", "Ink", "InkTable", "nearest_named", "print_order"]

CSV_COLUMNS = (
    "index",
    "hex",
    "L",
    "a",
    "b",
    "name",
    "pinyin",
    "name_hex",
    "name_delta_e2000",
    "print_order",
    "area_pct",
    "ground",
    "plate",
)


@functools.cache
def _named_lab() -> np.ndarray:
    lab = srgb_to_lab(hex_to_srgb(chinese_colors().zhongguose.hexes))
    lab.setflags(write=False)
    return lab


def nearest_named(lab: np.ndarray) -> list[tuple[str, str, str, float]]:
    """``(name, pinyin, hex, ΔE00)`` of the nearest 中国色 to each CIELAB colour.

    >>> name, pinyin, hex_, de = nearest_named(srgb_to_lab(np.array([0.8, 0.1, 0.1])))[0]
    >>> name, pinyin, hex_, round(de, 2)
    ('鹤顶红', 'hedinghong', '#d42517', 2.87)
    """
    data = chinese_colors()
    names = _named_lab()
    lab = np.asarray(lab, np.float64).reshape(-1, 3)
    de = ciede2000(lab[:, None, :], names[None, :, :])
    best = np.argmin(de, axis=1)
    return [
        (data.zhongguose.names[j], data.pinyin[j], data.zhongguose.hexes[j], float(de[i, j]))
        for i, j in enumerate(best)
    ]


def print_order(lab: Sequence[Sequence[float]], ground: int) -> list[int]:
    """Ink indices in print order: light to dark, the ground second to last.

    The darkest ink other than the ground prints last (it holds the outlines and
    covers every trap spread under it); all others print before the ground, lightest
    first, so that each spreads under darker inks printed later. Ties in lightness go
    to the lower index.
    """
    lab = np.asarray(lab, np.float64).reshape(-1, 3)
    n = len(lab)
    if not 0 <= ground < n:
        raise FoulardError(f"ground ink {ground} is not one of the {n} inks")
    others = sorted((i for i in range(n) if i != ground), key=lambda i: (-lab[i, 0], i))
    if not others:
        return [ground]
    return [*others[:-1], ground, others[-1]]


@dataclass(frozen=True)
class Ink:
    """One row of the ink table."""

    index: int
    hex: str
    lab: tuple[float, float, float]
    name: str
    pinyin: str
    name_hex: str
    name_delta_e2000: float
    print_order: int  # 1 prints first
    area_pct: float
    ground: bool
    plate: str | None = None

    def row(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "hex": self.hex,
            "L": round(self.lab[0], 2),
            "a": round(self.lab[1], 2),
            "b": round(self.lab[2], 2),
            "name": self.name,
            "pinyin": self.pinyin,
            "name_hex": self.name_hex,
            "name_delta_e2000": round(self.name_delta_e2000, 2),
            "print_order": self.print_order,
            "area_pct": round(self.area_pct, 4),
            "ground": self.ground,
            "plate": self.plate or "",
        }


@dataclass(frozen=True)
class InkTable:
    """The inks of one separation (or one colourway over the same plates).

    Parameters
    ----------
    inks : tuple of Ink
        By index.
    width_px, height_px : int
        Canvas size of the indexed image and plates.
    ppi : float
        Their true pixel density.
    contacts : tuple of (int, int, int)
        ``(i, j, edges)`` with ``i < j``: inks ``i`` and ``j`` meet along ``edges``
        pixel edges (4-neighbours) in the indexed image.
    trap_px : int
        Trap (spread) radius of the plates, in pixels.
    design_id : str, optional
        The design the inks were made for.
    colourway : str
        ``"original"``, or the colourway's id.
    extra : dict
        More JSON-able facts (the colourway's source, the seed...).
    """

    inks: tuple[Ink, ...]
    width_px: int
    height_px: int
    ppi: float
    contacts: tuple[tuple[int, int, int], ...] = ()
    trap_px: int = 0
    design_id: str | None = None
    colourway: str = "original"
    extra: dict = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        hexes: Sequence[str],
        areas: Sequence[float],
        *,
        ground: int | None = None,
        order: Sequence[int] | None = None,
        plates: Sequence[str] | None = None,
        **kw: Any,
    ) -> InkTable:
        """A table from ink colours and pixel counts (ground: most area, unless given)."""
        hexes = tuple(hexes)
        areas = np.asarray(areas, np.float64)
        lab = srgb_to_lab(hex_to_srgb(hexes))
        ground = int(np.argmax(areas)) if ground is None else int(ground)
        order = list(order) if order is not None else print_order(lab, ground)
        if sorted(order) != list(range(len(hexes))):
            raise FoulardError(f"print order {order} is not a permutation of the inks")
        position = {ink: k + 1 for k, ink in enumerate(order)}
        total = float(areas.sum()) or 1.0
        named = nearest_named(lab)
        inks = tuple(
            Ink(
                index=i,
                hex=hexes[i],
                lab=(float(lab[i, 0]), float(lab[i, 1]), float(lab[i, 2])),
                name=named[i][0],
                pinyin=named[i][1],
                name_hex=named[i][2],
                name_delta_e2000=named[i][3],
                print_order=position[i],
                area_pct=100.0 * float(areas[i]) / total,
                ground=i == ground,
                plate=plates[i] if plates is not None else None,
            )
            for i in range(len(hexes))
        )
        return cls(inks, **kw)

    # -- views ---------------------------------------------------------------------

    @property
    def hexes(self) -> tuple[str, ...]:
        return tuple(ink.hex for ink in self.inks)

    @property
    def lab(self) -> np.ndarray:
        return np.array([ink.lab for ink in self.inks], np.float64).reshape(-1, 3)

    @property
    def order(self) -> list[int]:
        """Ink indices in print order (first printed first)."""
        return sorted(range(len(self.inks)), key=lambda i: self.inks[i].print_order)

    @property
    def ground(self) -> int:
        return next(ink.index for ink in self.inks if ink.ground)

    def touching(self) -> np.ndarray:
        """``(n, n)`` bool: which inks share at least one pixel edge."""
        n = len(self.inks)
        out = np.zeros((n, n), bool)
        for i, j, edges in self.contacts:
            if edges > 0:
                out[i, j] = out[j, i] = True
        return out

    def recoloured(self, hexes: Sequence[str], colourway: str, **extra: Any) -> InkTable:
        """The same plates, order, areas and contacts with new colours (a colourway)."""
        if len(hexes) != len(self.inks):
            raise FoulardError(f"{len(hexes)} colours given for {len(self.inks)} inks")
        lab = srgb_to_lab(hex_to_srgb(hexes))
        named = nearest_named(lab)
        inks = tuple(
            replace(
                ink,
                hex=hexes[i],
                lab=(float(lab[i, 0]), float(lab[i, 1]), float(lab[i, 2])),
                name=named[i][0],
                pinyin=named[i][1],
                name_hex=named[i][2],
                name_delta_e2000=named[i][3],
            )
            for i, ink in enumerate(self.inks)
        )
        return replace(self, inks=inks, colourway=colourway, extra={**self.extra, **extra})

    # -- files ---------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "colourway": self.colourway,
            "design_id": self.design_id,
            "width_px": self.width_px,
            "height_px": self.height_px,
            "ppi": self.ppi,
            "trap_px": self.trap_px,
            "ink_count": len(self.inks),
            "print_order": self.order,
            "inks": [ink.row() | {"lab": list(ink.lab)} for ink in self.inks],
            "contacts": [list(c) for c in self.contacts],
            **({"extra": self.extra} if self.extra else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InkTable:
        try:
            inks = tuple(
                Ink(
                    index=int(r["index"]),
                    hex=str(r["hex"]),
                    lab=tuple(float(v) for v in r["lab"]),
                    name=str(r["name"]),
                    pinyin=str(r["pinyin"]),
                    name_hex=str(r["name_hex"]),
                    name_delta_e2000=float(r["name_delta_e2000"]),
                    print_order=int(r["print_order"]),
                    area_pct=float(r["area_pct"]),
                    ground=bool(r["ground"]),
                    plate=r.get("plate") or None,
                )
                for r in data["inks"]
            )
            return cls(
                inks,
                int(data["width_px"]),
                int(data["height_px"]),
                float(data["ppi"]),
                tuple(tuple(int(v) for v in c) for c in data.get("contacts", ())),
                int(data.get("trap_px", 0)),
                data.get("design_id"),
                str(data.get("colourway", "original")),
                dict(data.get("extra", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise FoulardError(f"not an ink table: {exc!r}") from None

    @classmethod
    def read(cls, path: str | Path) -> InkTable:
        """Read an ink table written by :meth:`write` (the JSON file)."""
        try:
            return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise FoulardError(f"cannot read ink table {path}: {exc}") from None

    def csv_text(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for ink in self.inks:
            writer.writerow(ink.row())
        return buf.getvalue()

    def write(self, json_path: str | Path, csv_path: str | Path | None = None) -> None:
        """Write the table as JSON (and CSV), each file atomically."""
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=False)
        atomic_write_bytes(json_path, (text + "\n").encode("utf-8"))
        if csv_path is not None:
            atomic_write_bytes(csv_path, self.csv_text().encode("utf-8"))
