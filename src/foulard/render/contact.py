"""Contact sheets: many small pictures with captions on one PNG."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pyvips

from foulard.render.atomic import atomic_path

__all__ = ["contact_sheet"]

_PAPER = (246, 243, 236)
_INK = (40, 40, 40)


def _font_file() -> str | None:
    """The bundled font (Chinese and Latin), so captions never show empty boxes."""
    path = resources.files("foulard").joinpath("data", "fonts", "FoulardKai-Regular.ttf")
    return str(path) if path.is_file() else None


def _caption(text: str, width: int) -> pyvips.Image:
    font = _font_file()
    options = {"fontfile": font, "font": "Foulard Kai 13"} if font else {"font": "sans 13"}
    try:
        mask = pyvips.Image.text(text, width=width - 8, dpi=72, wrap="word-char", **options)
    except pyvips.Error:  # no text support in this libvips: captions are a nicety
        return pyvips.Image.black(width, 20, bands=3).new_from_image(list(_PAPER))
    label = mask.new_from_image(list(_INK)).bandjoin(mask).copy(interpretation="srgb")
    box = pyvips.Image.black(width, mask.height + 10, bands=3).new_from_image(list(_PAPER))
    return box.composite2(label.cast("uchar"), "over", x=4, y=5).flatten().cast("uchar")


def contact_sheet(
    tiles: Sequence[tuple[np.ndarray, str]],
    path: str | Path,
    *,
    columns: int = 4,
    gap: int = 16,
) -> Path:
    """Write ``tiles`` (uint8 RGB arrays with captions) as a captioned grid PNG."""
    if not tiles:
        raise ValueError("a contact sheet needs at least one picture")
    width = max(t[0].shape[1] for t in tiles)
    cells = []
    for arr, text in tiles:
        img = pyvips.Image.new_from_array(np.ascontiguousarray(arr[..., :3])).copy(
            interpretation="srgb"
        )
        img = img.gravity("north", width, img.height, extend="background", background=list(_PAPER))
        cells.append(img.join(_caption(text, width), "vertical", background=list(_PAPER)))
    height = max(c.height for c in cells)
    cells = [
        c.gravity("north", width, height, extend="background", background=list(_PAPER))
        for c in cells
    ]
    across = min(columns, len(cells))
    sheet = pyvips.Image.arrayjoin(cells, across=across, shim=gap, background=list(_PAPER))
    sheet = sheet.embed(
        gap,
        gap,
        sheet.width + 2 * gap,
        sheet.height + 2 * gap,
        extend="background",
        background=list(_PAPER),
    )
    p = Path(path)
    with atomic_path(p) as tmp:
        sheet.cast("uchar").pngsave(str(tmp))
    return p
