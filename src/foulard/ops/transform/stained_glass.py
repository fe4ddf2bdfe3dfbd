"""Stained glass: the source as Voronoi panes of flat colour held in dark leading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import on_ground

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["panes", "stained_glass"]


@dataclass(frozen=True)
class StainedGlassParams(Params):
    cells: int = param(18, range=(2, 120), doc="panes across the unit square (on average)")
    jitter: float = param(
        0.85, range=(0.0, 0.95), doc="how far each pane's seed strays from its grid cell"
    )
    leading: float = param(
        0.006, range=(0.0, 0.05), doc="width of the lead cames", unit="design units"
    )
    lead_color: int = param(1, range=(0, 47), doc="palette role of the leading")
    glow: float = param(
        0.0,
        range=(0.0, 0.5),
        doc="light through the glass: panes brighter at their middles (0: flat panes)",
    )


def _prepare(p: StainedGlassParams, rng: np.random.Generator) -> np.ndarray:
    return rng.random((p.cells, p.cells, 2))


def panes(p: StainedGlassParams, offsets: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Nearest seed ``(sx, sy)`` per point, its distance, and the distance to the
    nearest pane edge (the bisector with the next seed). Seeds repeat with the unit
    square, so the panes tile it."""
    n = p.cells
    gx = x * n
    gy = y * n
    i0 = np.floor(gx)
    j0 = np.floor(gy)
    best = np.full(x.shape, np.inf)
    sx = np.zeros(x.shape)
    sy = np.zeros(x.shape)
    cand = []
    for dj in (-1, 0, 1):
        for di in (-1, 0, 1):
            i = i0 + di
            j = j0 + dj
            ii = np.mod(i, n).astype(np.int64)
            jj = np.mod(j, n).astype(np.int64)
            off = offsets[jj, ii]
            cx = i + 0.5 + p.jitter * (off[..., 0] - 0.5)
            cy = j + 0.5 + p.jitter * (off[..., 1] - 0.5)
            d = np.hypot(gx - cx, gy - cy)
            cand.append((cx, cy))
            closer = d < best
            best = np.where(closer, d, best)
            sx = np.where(closer, cx, sx)
            sy = np.where(closer, cy, sy)
    edge = np.full(x.shape, np.inf)
    for cx, cy in cand:
        ex, ey = cx - sx, cy - sy
        length = np.hypot(ex, ey)
        same = length < 1e-12
        # Distance from the point to the bisector of the nearest seed and this one.
        proj = ((gx - 0.5 * (sx + cx)) * ex + (gy - 0.5 * (sy + cy)) * ey) / np.where(
            same, 1.0, length
        )
        edge = np.minimum(edge, np.where(same, np.inf, -proj))
    return sx / n, sy / n, best / n, edge / n


@operator(
    "transform.stained_glass",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to glaze", "motifs.peony"),),
    output="rgba",
    prepare=_prepare,
    tags=(
        "stained glass",
        "voronoi",
        "leadlight",
        "cathedral",
        "tiffany",
        "彩色玻璃",
        "彩绘玻璃",
        "镶嵌玻璃",
    ),
)
def stained_glass(p: StainedGlassParams, call: Call) -> np.ndarray:
    """Stained glass: Voronoi panes, each the source's colour at its seed, in lead cames.

    Seeds are jittered on a ``cells x cells`` grid that repeats with the unit square;
    each point belongs to its nearest seed's pane and takes the source's colour read
    at that seed (averaged over about half a pane). The leading is drawn where a
    point lies within half its width of the bisector with the next-nearest seed (an
    exact distance to the pane's edge), anti-aliased from the footprint. With
    ``glow`` the panes lighten towards their seeds, as light through uneven glass.

    References
    ----------
    Voronoi 1908, *J. reine angew. Math.* 134; Worley 1996, "A cellular texture basis
    function", SIGGRAPH; Mould 2003, "A stained glass image filter", EGSR.
    """
    sx, sy, dist, edge = panes(p, call.state, call.x, call.y)
    lead = np.asarray(call.palette.role(p.lead_color), np.float32)
    ground = call.palette.role(0)
    col = on_ground(call.input("source", sx, sy, 0.5 / p.cells), ground)
    if p.glow > 0.0:
        lift = (p.glow * np.exp(-((dist * p.cells / 0.6) ** 2))).astype(np.float32)[..., None]
        col = col + (1.0 - col) * lift
    fp = max(call.footprint, 1e-12)
    cov = np.clip(0.5 - (edge - 0.5 * p.leading) / fp, 0.0, 1.0) if p.leading > 0 else 0.0
    cov = np.asarray(cov, np.float32)[..., None]
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = lead * cov + col * (1.0 - cov)
    out[..., 3] = 1.0
    return out
