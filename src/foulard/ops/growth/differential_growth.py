"""Differential growth: a closed line that grows, repels itself and folds (coral, brain)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, smooth_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator


@dataclass(frozen=True)
class DifferentialGrowthParams(Params):
    nodes: int = param(
        2500, range=(50, 3000), doc="grow until the line has this many nodes (more: finer folds)"
    )
    spacing: float = param(
        0.006,
        range=(0.003, 0.02),
        doc="rest length between nodes, before the grown shape is fitted to the box",
        unit="motif units",
    )
    repulsion: float = param(2.5, range=(1.5, 5.0), doc="reach of self-repulsion, in rest lengths")
    smoothing: float = param(
        0.4, range=(0.05, 0.9), doc="pull of each node towards its neighbours' midpoint"
    )
    growth: float = param(
        0.02, range=(0.002, 0.1), doc="share of segments that grow a new node per step"
    )
    style: str = param(
        "filled", choices=("filled", "line"), doc="fill the grown shape, or draw only its line"
    )
    line: float = param(0.003, range=(0.0005, 0.02), doc="width of the outline", unit="motif units")
    fill_role: int = param(2, range=(0, 47), doc="palette role of the filled shape")
    line_role: int = param(1, range=(0, 47), doc="palette role of the line")


def grow(p: DifferentialGrowthParams, rng: np.random.Generator) -> np.ndarray:
    """The closed polyline ``(n, 2)`` after growth (motif units, centred on 0.5, 0.5).

    Each step: every node is pushed away from nodes within ``repulsion`` rest lengths
    (found with a k-d tree), pulled towards the midpoint of its two neighbours, and
    neighbours are held near the rest length; edges longer than 1.5 rest lengths
    split, and a random share of edges splits anyway (growth). Force steps are
    limited to a fraction of the rest length, so the line never jumps across itself.
    """
    s = p.spacing
    count = 24
    t = np.linspace(0.0, 2 * math.pi, count, endpoint=False)
    r0 = s * count / (2 * math.pi)
    pts = np.stack([0.5 + r0 * np.cos(t), 0.5 + r0 * np.sin(t)], -1)
    pts += rng.normal(0.0, 0.05 * s, pts.shape)
    reach = p.repulsion * s
    for _ in range(4000):
        n = len(pts)
        prev = np.roll(pts, 1, axis=0)
        nxt = np.roll(pts, -1, axis=0)
        move = p.smoothing * (0.5 * (prev + nxt) - pts)
        # Repulsion from every node in reach except the two neighbours.
        pairs = cKDTree(pts).query_pairs(reach, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            gap = np.abs(i - j)
            far = (gap > 1) & (gap < n - 1)
            i, j = i[far], j[far]
            d = pts[i] - pts[j]
            dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
            push = (d / dist[:, None]) * ((reach - dist) / reach)[:, None] * (0.5 * s)
            np.add.at(move, i, push)
            np.add.at(move, j, -push)
        size = np.hypot(move[:, 0], move[:, 1])
        cap = 0.35 * s
        move *= np.minimum(1.0, cap / np.maximum(size, 1e-12))[:, None]
        pts = pts + move
        if n >= p.nodes:
            break
        # Split long edges, and a random share of the others (growth).
        seg = np.roll(pts, -1, axis=0) - pts
        length = np.hypot(seg[:, 0], seg[:, 1])
        split = (length > 1.5 * s) | (rng.random(n) < p.growth)
        room = p.nodes - n
        if split.sum() > room:
            split &= np.cumsum(split) <= room
        if split.any():
            mids = pts + 0.5 * seg
            out = np.empty((n + int(split.sum()), 2))
            idx = np.arange(n) + np.concatenate([[0], np.cumsum(split)[:-1]])
            out[idx] = pts
            out[idx[split] + 1] = mids[split]
            pts = out
    return pts


def fit(pts: np.ndarray, radius: float = 0.46) -> np.ndarray:
    """Scale about the centre of the bounding box so the shape fills a disc of ``radius``."""
    c = 0.5 * (pts.min(axis=0) + pts.max(axis=0))
    d = pts - c
    r = float(np.hypot(d[:, 0], d[:, 1]).max())
    return 0.5 + d * (radius / max(r, 1e-12))


@operator(
    "growth.differential_growth",
    kind="vector",
    version=1,
    tags=(
        "differential growth",
        "coral",
        "brain coral",
        "meander",
        "lettuce edge",
        "folds",
        "差异生长",
        "珊瑚",
        "迷宫纹",
        "褶皱",
    ),
)
def differential_growth(
    p: DifferentialGrowthParams, rng: np.random.Generator, palette: Palette
) -> Drawing:
    """Differential growth: a closed curve that grows, avoids itself and folds up.

    Nodes on a closed polyline feel three forces: repulsion from every node within
    ``repulsion`` rest lengths (except their neighbours), attraction towards the
    midpoint of their neighbours (``smoothing``), and the splitting of edges that
    grow too long. New nodes appear where edges stretch and at random
    (``growth``), so the line lengthens faster than it can spread and buckles into
    meanders: brain coral, lettuce edges, folded ribbons. The grown shape is scaled
    to fill a disc in the motif box and drawn as a smooth filled shape with an
    outline, or as a line alone.

    References
    ----------
    Hoff, "differential-line" (inconvergent.net, 2016), open-source generative
    algorithm.
    Lomas 2014, "Cellular forms: an artistic exploration of morphogenesis",
    SIGGRAPH Studio; Nervous System, *Floraform* (2014).
    """
    pts = fit(grow(p, rng), 0.46)
    d = Sketch()
    path = smooth_path(pts, closed=True)
    if p.style == "filled":
        d.fill(path, palette.role(p.fill_role))
    d.stroke(path, palette.role(p.line_role), p.line)
    return d.finish()
