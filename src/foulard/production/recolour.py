"""Recoloured previews of an indexed image, and the files of each colourway.

An indexed image plus an ink table is the whole design for the screen route; a
preview maps every index to its ink colour through a 256-entry lookup table and
shrinks the result, all inside libvips, streaming (a 10866 px order previews in
about a second, in tens of MB).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyvips

from foulard.color.space import hex_to_srgb
from foulard.errors import FoulardError, OutputError
from foulard.production.inktable import InkTable
from foulard.render.atomic import atomic_path
from foulard.render.writers import PNG_KEY, srgb_profile

__all__ = ["ColourwayFiles", "indexed_preview", "write_colourways"]

PREVIEW_PX = 2048


def indexed_preview(
    indexed: str | Path,
    hexes: Sequence[str],
    path: str | Path,
    *,
    max_px: int | None = PREVIEW_PX,
    description: str | None = None,
) -> Path:
    """Write a PNG of ``indexed`` with ink ``k`` drawn in ``hexes[k]``.

    ``max_px`` is the long side (``None``: full size). The PNG has the sRGB profile
    and ``description`` as its ``foulard`` text chunk; it appears atomically.
    """
    try:
        image = pyvips.Image.new_from_file(str(indexed), access="sequential")
    except pyvips.Error:
        raise FoulardError(f"cannot read the indexed image {indexed}") from None
    if image.bands != 1 or image.format != "uchar":
        raise FoulardError(f"{indexed} is not an indexed image (one 8-bit channel)")
    lut = np.zeros((1, 256, 3), np.uint8)
    lut[0, : len(hexes)] = np.rint(hex_to_srgb(hexes) * 255.0).astype(np.uint8)
    rgb = image.maplut(pyvips.Image.new_from_array(lut, interpretation="srgb"))
    longest = max(image.width, image.height)
    if max_px is not None and longest > max_px:
        rgb = rgb.resize(max_px / longest, kernel="linear")
    rgb = rgb.cast("uchar").copy(interpretation="srgb")
    rgb.set_type(pyvips.GValue.blob_type, "icc-profile-data", srgb_profile())
    if description is not None:
        rgb.set_type(pyvips.GValue.gstr_type, f"png-comment-0-{PNG_KEY}", description)
    p = Path(path)
    with atomic_path(p) as tmp:
        try:
            rgb.pngsave(str(tmp), compression=6, strip=False)
        except pyvips.Error as exc:
            raise OutputError(f"cannot write {p}: {str(exc).strip().splitlines()[0]}") from None
    return p


@dataclass(frozen=True)
class ColourwayFiles:
    """The files of one colourway: its ink table (JSON, CSV) and its preview."""

    table: InkTable
    json: Path
    csv: Path
    preview: Path


def write_colourways(
    colourways: Sequence[InkTable],
    indexed: str | Path,
    out_dir: str | Path,
    *,
    max_px: int | None = PREVIEW_PX,
) -> list[ColourwayFiles]:
    """Write ``NAME.json``, ``NAME.csv`` and ``NAME.png`` for each colourway."""
    out = Path(out_dir)
    files = []
    for cw in colourways:
        stem = out / cw.colourway
        cw.write(stem.with_suffix(".json"), stem.with_suffix(".csv"))
        meta = {
            "colourway": cw.colourway,
            "design_id": cw.design_id,
            "inks": list(cw.hexes),
            **cw.extra,
        }
        indexed_preview(
            indexed,
            cw.hexes,
            stem.with_suffix(".png"),
            max_px=max_px,
            description=json.dumps(meta, sort_keys=True, ensure_ascii=True),
        )
        files.append(
            ColourwayFiles(
                cw, stem.with_suffix(".json"), stem.with_suffix(".csv"), stem.with_suffix(".png")
            )
        )
    return files
