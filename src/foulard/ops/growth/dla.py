"""Diffusion-limited aggregation: random walkers that stick (coral, frost, lightning)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia
from scipy.spatial import cKDTree

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

SEEDS = ("point", "line", "ring")
_WALKERS = 64


@dataclass(frozen=True)
class DLAParams(Params):
    seed: str = param(
        "point",
        choices=SEEDS,
        doc="what grows: from a centre point, up from the bottom edge (coral), or inward "
        "from a ring (frost)",
    )
    particles: int = param(
        3500,
        range=(50, 6000),
        doc="particles to stick (fewer if the cluster reaches the edge first)",
    )
    size: float = param(0.0035, range=(0.002, 0.02), doc="particle radius", unit="motif units")
    sticking: float = param(
        1.0, range=(0.05, 1.0), doc="chance to stick on touching (low: denser, bushier)"
    )
    width: float = param(
        1.0, range=(0.2, 2.0), doc="branch width relative to the particle diameter"
    )
    first_role: int = param(1, range=(0, 47), doc="palette role of the oldest particles")
    last_role: int = param(4, range=(0, 47), doc="palette role of the youngest particles")


class _Cluster:
    """Stuck particles, with a k-d tree rebuilt every so often and a short recent list."""

    def __init__(self, pts: np.ndarray, box: np.ndarray | None):
        self.pts = [tuple(p) for p in pts]
        self.box = box
        self._tree_n = 0
        self._tree = None
        self.rebuild()

    def rebuild(self) -> None:
        arr = np.array(self.pts)
        self._tree = cKDTree(arr, boxsize=self.box) if self.box is not None else cKDTree(arr)
        self._tree_n = len(arr)

    def nearest(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d, i = self._tree.query(w, k=1)
        if len(self.pts) > self._tree_n:
            rec = np.array(self.pts[self._tree_n :])
            diff = w[:, None, :] - rec[None, :, :]
            if self.box is not None:
                diff[..., 0] -= np.rint(diff[..., 0])
            dd = np.hypot(diff[..., 0], diff[..., 1])
            k = np.argmin(dd, axis=1)
            best = dd[np.arange(len(w)), k]
            better = best < d
            d = np.where(better, best, d)
            i = np.where(better, k + self._tree_n, i)
        return d, i


def aggregate(p: DLAParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Particle centres ``(n, 2)`` and the particle each one stuck to (-1: a seed).

    Off-lattice DLA with many walkers at once. A walker with free distance ``d`` to
    the cluster jumps ``d`` in a random direction (it cannot meet a particle on the
    way), so far walkers cross the void in a few jumps; on touching it sticks with
    probability ``sticking`` (placed exactly in contact), else it steps away.
    """
    r = p.size
    contact = 2.0 * r
    box = None
    if p.seed == "point":
        seeds = np.array([[0.5, 0.5]])
    elif p.seed == "line":
        xs = (np.arange(int(1.0 / contact)) + 0.5) * contact
        seeds = np.stack([xs, np.full(len(xs), 0.985)], -1)
        box = np.array([1.0, 4.0])  # wraps in x only (y never reaches 4)
    else:
        n = int(2 * math.pi * 0.46 / contact)
        t = 2 * math.pi * np.arange(n) / n
        seeds = np.stack([0.5 + 0.46 * np.cos(t), 0.5 + 0.46 * np.sin(t)], -1)
    cl = _Cluster(seeds, box)
    parent = [-1] * len(seeds)
    n_seed = len(seeds)
    target = n_seed + p.particles
    # The cluster's reach: the radius (point), the top (line) or the hole (ring).
    reach = 0.0 if p.seed == "point" else (0.985 if p.seed == "line" else 0.46)

    def launch(k: int) -> np.ndarray:
        if p.seed == "point":
            a = rng.random(k) * 2 * math.pi
            rad = reach + 0.04
            return np.stack([0.5 + rad * np.cos(a), 0.5 + rad * np.sin(a)], -1)
        if p.seed == "line":
            return np.stack([rng.random(k), np.full(k, reach - 0.04)], -1)
        a = rng.random(k) * 2 * math.pi
        rad = 0.02 * np.sqrt(rng.random(k))
        return np.stack([0.5 + rad * np.cos(a), 0.5 + rad * np.sin(a)], -1)

    walkers = launch(_WALKERS)
    done = False
    for _ in range(20000):
        if done or len(cl.pts) >= target:
            break
        # Cheap bound first: walkers far outside the cluster jump to its edge zone.
        if p.seed == "point":
            far = np.hypot(walkers[:, 0] - 0.5, walkers[:, 1] - 0.5) - reach - contact
        elif p.seed == "line":
            far = (reach - walkers[:, 1]) - contact
        else:
            far = reach - contact - np.hypot(walkers[:, 0] - 0.5, walkers[:, 1] - 0.5)
        d, i = cl.nearest(walkers)
        free = np.maximum(d - contact, far)
        touch = free <= 0.1 * r
        stick = touch & (rng.random(len(walkers)) < p.sticking)
        if stick.any():
            for w in np.flatnonzero(stick):
                if len(cl.pts) >= target:
                    done = True
                    break
                q = np.array(cl.pts[int(i[w])])
                v = walkers[w] - q
                if box is not None:
                    v[0] -= round(v[0])
                v /= max(math.hypot(v[0], v[1]), 1e-12)
                new = q + contact * v
                if box is not None:
                    new[0] %= 1.0
                # In contact with its neighbour, it must not overlap another particle
                # (one stuck earlier in this same step, or one round a corner).
                gap, _ = cl.nearest(new[None])
                if gap[0] < contact * (1.0 - 0.05):
                    continue
                cl.pts.append((float(new[0]), float(new[1])))
                parent.append(int(i[w]))
                if p.seed == "point":
                    reach = max(reach, math.hypot(new[0] - 0.5, new[1] - 0.5))
                elif p.seed == "line":
                    reach = min(reach, float(new[1]))
                else:
                    reach = min(reach, math.hypot(new[0] - 0.5, new[1] - 0.5))
            if len(cl.pts) - cl._tree_n > 48:
                cl.rebuild()
            walkers[stick] = launch(int(stick.sum()))
            if _at_edge(p.seed, reach):
                break
        step = np.where(touch & ~stick, r, np.maximum(free, 0.25 * r))
        a = rng.random(len(walkers)) * 2 * math.pi
        walkers = walkers + step[:, None] * np.stack([np.cos(a), np.sin(a)], -1)
        if box is not None:
            walkers[:, 0] %= 1.0
        # Walkers that wander too far start again.
        if p.seed == "point":
            lost = np.hypot(walkers[:, 0] - 0.5, walkers[:, 1] - 0.5) > reach + 0.25
        elif p.seed == "line":
            lost = walkers[:, 1] < reach - 0.25
        else:
            lost = np.zeros(len(walkers), bool)
        if lost.any():
            walkers[lost] = launch(int(lost.sum()))
    return np.array(cl.pts), np.array(parent, np.int64)


def _at_edge(seed: str, reach: float) -> bool:
    if seed == "point":
        return reach > 0.47
    if seed == "line":
        return reach < 0.03
    return reach < 0.02


@operator(
    "growth.dla",
    kind="vector",
    version=1,
    tags=(
        "dla",
        "diffusion limited aggregation",
        "coral",
        "frost",
        "lightning",
        "lichtenberg",
        "扩散限制凝聚",
        "珊瑚",
        "冰花",
        "闪电纹",
    ),
)
def dla(p: DLAParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Diffusion-limited aggregation: walkers wander at random and stick where they touch.

    Witten & Sander's model, off-lattice: particles of radius ``size`` do random
    walks until they touch the cluster, then stick (with probability ``sticking``),
    so the tips that stick out catch most walkers and the cluster grows into
    branching, fractal fronds (dimension about 1.7). Growth starts from a point
    (a frost star), from the bottom edge (coral, a forest of fronds; the edge wraps
    left to right) or inward from a ring. Many walkers move at once; each jumps its
    free distance to the cluster, which keeps the walk exact and fast. Every
    particle is joined to the one it stuck to, and the branches are drawn as lines
    whose colour runs from ``first_role`` (oldest) to ``last_role`` (youngest).

    References
    ----------
    Witten & Sander 1981, "Diffusion-limited aggregation, a kinetic critical
    phenomenon", Physical Review Letters 47(19).
    Meakin 1983, "Formation of fractal clusters and networks by irreversible
    diffusion-limited aggregation", Physical Review Letters 51(13).
    """
    pts, parent = aggregate(p, rng)
    d = Sketch()
    kids = np.flatnonzero(parent >= 0)
    c0 = palette.role(p.first_role)
    c1 = palette.role(p.last_role)
    width = 2.0 * p.size * p.width
    bands = 8
    if kids.size:
        age = (kids - kids.min()) / max(1, kids.max() - kids.min())
        band = np.minimum((age * bands).astype(np.int64), bands - 1)
        for b in range(bands):
            sel = kids[band == b]
            if not sel.size:
                continue
            path = skia.Path()
            for k in sel:
                a = pts[parent[k]]
                q = pts[k]
                if abs(q[0] - a[0]) > 0.5:  # a bond across the wrapped edge: draw both ends
                    shift = 1.0 if a[0] > q[0] else -1.0
                    path.moveTo(a[0], a[1])
                    path.lineTo(q[0] + shift, q[1])
                    path.moveTo(a[0] - shift, a[1])
                    path.lineTo(q[0], q[1])
                else:
                    path.moveTo(a[0], a[1])
                    path.lineTo(q[0], q[1])
            d.stroke(path, mix(c0, c1, b / (bands - 1)), width * (1.0 - 0.4 * b / bands))
    base = skia.Path()
    if p.seed == "point":
        base.addCircle(0.5, 0.5, 1.5 * p.size)
        d.fill(base, c0)
    elif p.seed == "line":
        base.moveTo(-0.01, 0.985)
        base.lineTo(1.01, 0.985)
        d.stroke(base, c0, width)
    else:
        base.addCircle(0.5, 0.5, 0.46)
        d.stroke(base, c0, width)
    return d.finish(margin=0.0)
