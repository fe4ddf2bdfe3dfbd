"""Estimating a repeat's seam from the image alone.

Stepped as a repeat, the file's last column meets its first (and its last row its
first). Where the repeat is seamless, those pairs differ like any two neighbouring
pixels of the image; where it is broken, they differ more. We compare, in CIEDE2000,
the pairs across each wrap-around edge with the image's own neighbour pairs (next to
the edges and at columns and rows sampled across it): the seam is visible where a
good part of an edge, or of a stretch of it, differs more than the 99th percentile of
the image's neighbours (and more than 2 dE2000, below which a step barely shows).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from foulard.color.cielab import ciede2000 as delta_e2000
from foulard.color.cielab import srgb_to_lab

__all__ = ["seam_estimate"]

FLOOR_DE = 2.0
EDGE_SHARE = 0.05  # of a whole edge above the neighbours' 99th percentile
WINDOW = 64
WINDOW_SHARE = 0.5  # of a stretch of WINDOW pixels


def _de(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return delta_e2000(srgb_to_lab(a), srgb_to_lab(b))


def seam_estimate(s, kind: str, shift: int) -> dict[str, Any]:
    """Seam measures of a scanned image stepped as ``kind`` (block, half-drop, brick).

    ``shift`` is the drop in pixels (down for half-drop, across for brick).
    """
    # Across the vertical edge: last column against the first, dropped for half-drop.
    first_col = s.left[:, 0]
    if kind == "half-drop":
        first_col = np.roll(first_col, shift, axis=0)  # row y meets row (y - shift) mod h
    across = _de(s.right[:, -1], first_col)
    # Across the horizontal edge: last row against the first, stepped for brick.
    first_row = s.top[0]
    if kind == "brick":
        first_row = np.roll(first_row, shift, axis=0)
    down = _de(s.bottom[-1], first_row)
    neighbours = [
        _de(s.right[:, -2], s.right[:, -1]),
        _de(s.left[:, 0], s.left[:, 1]),
        _de(s.bottom[-2], s.bottom[-1]),
        _de(s.top[0], s.top[1]),
        _de(s.col_pairs[:, :, 0], s.col_pairs[:, :, 1]).ravel(),
    ]
    neighbours += [_de(pair[0], pair[1]) for pair in s.row_pairs]
    ref = np.concatenate([np.ravel(n) for n in neighbours])
    q99 = float(np.percentile(ref, 99)) if ref.size else 0.0
    limit = max(q99, FLOOR_DE)
    edges = {"vertical": across, "horizontal": down}
    out: dict[str, Any] = {
        "type": kind,
        "shift_px": shift,
        "neighbour_mean_de2000": round(float(ref.mean()), 3) if ref.size else 0.0,
        "neighbour_p99_de2000": round(q99, 3),
        "limit_de2000": round(limit, 3),
    }
    worst = None
    visible = False
    for name, d in edges.items():
        over = d > limit
        share = float(over.mean()) if d.size else 0.0
        local = 0.0
        if d.size >= WINDOW:
            c = np.concatenate([[0], np.cumsum(over)])
            local = float(((c[WINDOW:] - c[:-WINDOW]) / WINDOW).max())
        edge_visible = share > EDGE_SHARE or local > WINDOW_SHARE
        out[name] = {
            "mean_de2000": round(float(d.mean()), 3),
            "max_de2000": round(float(d.max()), 3),
            "exceeding": round(share, 4),
            "worst_stretch": round(local, 4),
            "visible": edge_visible,
        }
        if worst is None or d.mean() > out[worst]["mean_de2000"]:
            worst = name
        visible |= edge_visible
    out["visible"] = visible
    out["worst_edge"] = worst
    out["mean_de2000"] = out[worst]["mean_de2000"]
    out["exceeding"] = out[worst]["exceeding"]
    return out
