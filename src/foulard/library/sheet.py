"""Contact sheets of search results: thumbnails with score and title."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from foulard.library.library import Library
from foulard.library.search import Hit
from foulard.render.contact import contact_sheet

__all__ = ["results_sheet"]

_CELL = 200


def _thumb(lib: Library, pattern_id: str) -> np.ndarray:
    from PIL import Image

    path = lib.store.thumb_path(pattern_id)
    cell = np.full((_CELL, _CELL, 3), 235, np.uint8)
    try:
        with Image.open(path) as src:
            im = src.convert("RGB")
        im.thumbnail((_CELL, _CELL), Image.Resampling.LANCZOS)
        arr = np.asarray(im)
    except OSError:
        return cell  # a generated record, or a thumbnail not made: a plain cell
    h, w = arr.shape[:2]
    y, x = (_CELL - h) // 2, (_CELL - w) // 2
    cell[y : y + h, x : x + w] = arr
    return cell


def results_sheet(
    lib: Library, hits: list[Hit], path: str | Path, *, query: np.ndarray | None = None
) -> Path:
    """Write the hits as a captioned PNG grid (the query picture first, if given)."""
    tiles = []
    if query is not None:
        tiles.append((query, "query"))
    for rank, h in enumerate(hits, 1):
        title = h.pattern.title
        if len(title) > 40:
            title = title[:39] + "…"
        tiles.append((_thumb(lib, h.pattern.id), f"{rank}. {h.score:.3f} {title}"))
    if not tiles:
        from foulard.library.errors import LibraryError

        raise LibraryError("no results to put on a contact sheet")
    return contact_sheet(tiles, path, columns=min(6, max(3, int(len(tiles) ** 0.5 + 0.999))))
