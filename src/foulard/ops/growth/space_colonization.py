"""Space colonisation: branches grown towards scattered attractors (trees, roots, vines)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia
from scipy.spatial import cKDTree

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, placed
from foulard.ops.growth.lsystem_plant import pointed_leaf
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

SHAPES = ("crown", "disc", "ring", "square")
ROOTS = ("trunk", "base", "centre")
_MAX_NODES = 30_000


@dataclass(frozen=True)
class SpaceColonizationParams(Params):
    shape: str = param(
        "crown",
        choices=SHAPES,
        doc="where attractors lie: a tree crown, a disc, a wreath ring or the whole square",
    )
    roots: str = param(
        "trunk",
        choices=ROOTS,
        doc="where growth starts: one trunk at the bottom, several along it, or the centre",
    )
    attractors: int = param(1500, range=(20, 4000), doc="attraction points scattered in the shape")
    influence: float = param(
        0.09, range=(0.02, 0.3), doc="how far an attractor pulls branches", unit="motif units"
    )
    kill: float = param(
        0.018,
        range=(0.004, 0.08),
        doc="an attractor is used up when a branch comes this close",
        unit="motif units",
    )
    step: float = param(
        0.007, range=(0.003, 0.03), doc="length of each new branch segment", unit="motif units"
    )
    trunk_width: float = param(
        0.02, range=(0.002, 0.06), doc="width of the thickest branch", unit="motif units"
    )
    tip_width: float = param(
        0.0015, range=(0.0005, 0.01), doc="width of the twigs", unit="motif units"
    )
    leaves: float = param(1.0, range=(0.0, 3.0), doc="size of leaves at the twig tips (0: none)")
    branch_role: int = param(1, range=(0, 47), doc="palette role of the branches")
    leaf_role: int = param(4, range=(0, 47), doc="palette role of the leaves")


def _inside(shape: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if shape == "crown":
        return ((x - 0.5) / 0.44) ** 2 + ((y - 0.4) / 0.36) ** 2 <= 1.0
    r = np.hypot(x - 0.5, y - 0.5)
    if shape == "disc":
        return r <= 0.46
    if shape == "ring":
        return (r <= 0.47) & (r >= 0.3)
    return (np.abs(x - 0.5) <= 0.47) & (np.abs(y - 0.5) <= 0.47)


def attractor_points(p: SpaceColonizationParams, rng: np.random.Generator) -> np.ndarray:
    """``attractors`` points uniformly inside the shape (rejection sampling)."""
    out = np.empty((0, 2))
    while len(out) < p.attractors:
        cand = rng.random((2 * p.attractors, 2))
        out = np.vstack([out, cand[_inside(p.shape, cand[:, 0], cand[:, 1])]])
    return out[: p.attractors]


def root_points(p: SpaceColonizationParams, rng: np.random.Generator) -> np.ndarray:
    if p.roots == "centre":
        return np.array([[0.5, 0.5]])
    if p.roots == "base":
        xs = 0.5 + (np.arange(5) - 2) * 0.18 + rng.normal(0, 0.02, 5)
        return np.stack([xs, np.full(5, 0.985)], -1)
    return np.array([[0.5, 0.985]])


def grow(p: SpaceColonizationParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Node positions ``(n, 2)`` and parent indices ``(n,)`` (-1 for roots).

    Runions et al.'s loop: every live attractor finds its nearest node within the
    influence radius; each node so chosen grows one step along the normalised sum of
    the unit vectors to its attractors; attractors within the kill distance of a
    node die. Before any attractor is in reach, the roots grow straight towards the
    nearest one (the trunk). A child is always stored after its parent.
    """
    attr = attractor_points(p, rng)
    roots = root_points(p, rng)
    nodes = [tuple(r) for r in roots]
    parent = [-1] * len(roots)
    pos = np.array(nodes)
    last = np.zeros_like(pos)  # direction each node last grew in
    alive = np.ones(len(attr), bool)
    best_d = np.full(len(attr), np.inf)
    best_i = np.full(len(attr), -1, np.int64)
    new_lo = 0  # nodes from new_lo on have not been compared with the attractors yet
    for _ in range(2000):
        fresh = pos[new_lo:]
        if len(fresh):
            d, i = cKDTree(fresh).query(attr[alive], k=1)
            idx = np.flatnonzero(alive)
            closer = d < best_d[idx]
            best_d[idx[closer]] = d[closer]
            best_i[idx[closer]] = i[closer] + new_lo
            # Attractors reached by a branch are used up.
            dead = idx[d <= p.kill]
            alive[dead] = False
        new_lo = len(pos)
        live = np.flatnonzero(alive)
        if live.size == 0 or len(pos) >= _MAX_NODES:
            break
        pulled = live[best_d[live] <= p.influence]
        if pulled.size == 0:
            # Trunk: every tip of the roots heads for its nearest attractor.
            tips = [k for k in range(len(pos)) if k >= len(pos) - len(roots)]
            tip_pos = pos[tips]
            _, near = cKDTree(attr[live]).query(tip_pos, k=1)
            vec = attr[live][near] - tip_pos
            dirs = vec / np.maximum(np.hypot(vec[:, 0], vec[:, 1]), 1e-12)[:, None]
            growers = np.array(tips)
        else:
            owner = best_i[pulled]
            vec = attr[pulled] - pos[owner]
            vec /= np.maximum(np.hypot(vec[:, 0], vec[:, 1]), 1e-12)[:, None]
            growers, inv = np.unique(owner, return_inverse=True)
            sx = np.bincount(inv, weights=vec[:, 0])
            sy = np.bincount(inv, weights=vec[:, 1])
            length = np.hypot(sx, sy)
            ok = length > 1e-9  # opposite pulls cancel: that node waits
            growers = growers[ok]
            dirs = np.stack([sx[ok], sy[ok]], -1) / length[ok][:, None]
            # A node whose pulls cancel out so that its new child brings it no closer
            # would grow the same child again and again: it may not repeat a direction.
            again = np.einsum("ij,ij->i", dirs, last[growers]) > 0.985
            growers, dirs = growers[~again], dirs[~again]
            if growers.size == 0:
                break
        new = pos[growers] + p.step * dirs
        last[growers] = dirs
        pos = np.vstack([pos, new])
        last = np.vstack([last, np.zeros_like(new)])
        parent.extend(int(g) for g in growers)
    return pos, np.array(parent, np.int64)


def widths(parent: np.ndarray, p: SpaceColonizationParams) -> np.ndarray:
    """Pipe-model width of the segment ending at each node (da Vinci's rule, power 2.5)."""
    n = len(parent)
    tips = np.ones(n)
    has_child = np.zeros(n, bool)
    has_child[parent[parent >= 0]] = True
    tips[has_child] = 0.0
    for k in range(n - 1, -1, -1):  # children come after parents
        if parent[k] >= 0:
            tips[parent[k]] += tips[k]
    w = p.tip_width * np.maximum(tips, 1.0) ** (1.0 / 2.5)
    return np.minimum(w, p.trunk_width)


@operator(
    "growth.space_colonization",
    kind="vector",
    version=1,
    tags=(
        "space colonization",
        "tree",
        "branches",
        "roots",
        "vine",
        "venation",
        "树枝",
        "根系",
        "藤蔓",
        "枝杈",
    ),
)
def space_colonization(
    p: SpaceColonizationParams, rng: np.random.Generator, palette: Palette
) -> Drawing:
    """Space colonisation: a branching network grown towards attraction points.

    Attractors are scattered in a shape (a tree crown, a disc, a wreath ring, the
    whole square); growth starts from a trunk, several roots along the base, or the
    centre. Each step every live attractor pulls its nearest branch node within
    ``influence``; a pulled node grows a segment of ``step`` along the mean
    direction of its pulls, and attractors closer than ``kill`` to a node are used
    up, so branches spread to fill the shape without crossing. Branch widths follow
    the pipe model (width^2.5 of a branch = sum over its children), from
    ``tip_width`` at the twigs up to ``trunk_width``; leaves mark the twig tips.

    References
    ----------
    Runions, Lane & Prusinkiewicz 2007, "Modeling trees with a space colonization
    algorithm", Eurographics Workshop on Natural Phenomena.
    Runions et al. 2005, "Modeling and visualization of leaf venation patterns",
    ACM Transactions on Graphics 24(3) (SIGGRAPH).
    """
    pos, parent = grow(p, rng)
    w = widths(parent, p)
    d = Sketch()
    color = palette.role(p.branch_role)
    # Segments in width bands (geometric steps), one stroked path per band.
    kids = np.flatnonzero(parent >= 0)
    if kids.size:
        band = np.floor(np.log(w[kids] / p.tip_width) / math.log(1.15)).astype(np.int64)
        for b in np.unique(band):
            sel = kids[band == b]
            path = skia.Path()
            for k in sel:
                a = parent[k]
                path.moveTo(pos[a, 0], pos[a, 1])
                path.lineTo(pos[k, 0], pos[k, 1])
            d.stroke(path, color, float(np.mean(w[sel])))
    if p.leaves > 0:
        has_child = np.zeros(len(parent), bool)
        has_child[parent[parent >= 0]] = True
        tips = np.flatnonzero(~has_child & (parent >= 0))
        leaves = skia.Path()
        length = 0.018 * p.leaves
        for k in tips:
            a = parent[k]
            ang = math.atan2(pos[k, 1] - pos[a, 1], pos[k, 0] - pos[a, 0])
            ang += float(rng.normal(0.0, 0.5))
            leaves.addPath(placed(pointed_leaf(length, 0.4), pos[k, 0], pos[k, 1], ang))
        d.fill(leaves, palette.role(p.leaf_role))
    return d.finish()
