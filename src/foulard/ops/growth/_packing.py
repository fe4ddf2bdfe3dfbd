"""Shapes that must not overlap, on the unit torus: placement and exact rendering.

Packings (circles, Shier's fractal fill) and dot sets (Poisson-disc, stippling) are
balls of one *norm*: a circle (Euclidean), a square (max norm), a diamond or a
hexagon. Two balls of one norm overlap exactly when the norm of the difference of
their centres is below the sum of their radii (the Minkowski sum of two balls of a
norm is a ball of that norm), which makes placement tests exact.

:class:`FreeSpace` keeps, for the centre of every cell of a fine periodic grid, the
room left there (norm distance to the nearest placed ball, capped), updated around
each new ball; a new ball is put at a cell centre with enough room, so no two balls
ever overlap. :class:`Balls` renders a finished set pointwise: a bucket grid lists
the balls near each bucket, and each point is covered by a box-filtered edge.
"""

from __future__ import annotations

import math

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.growth._buckets import Buckets

__all__ = ["SHAPES", "Balls", "FreeSpace", "area", "norm", "reach"]

SHAPES = ("circle", "square", "diamond", "hexagon")
_R3 = math.sqrt(3.0) / 2.0
_R2 = 1.0 / math.sqrt(2.0)


def norm(dx: np.ndarray, dy: np.ndarray, shape: str) -> np.ndarray:
    """The norm whose unit ball is ``shape``; its radius is the inradius (apothem).

    Every norm here has a gradient of length 1 away from the centre, so ``norm - r``
    is a distance to the outline in design units (used for anti-aliasing).
    """
    if shape == "circle":
        return np.hypot(dx, dy)
    ax, ay = np.abs(dx), np.abs(dy)
    if shape == "square":
        return np.maximum(ax, ay)
    if shape == "diamond":
        return (ax + ay) * _R2
    # A hexagon with flat top and bottom: three pairs of parallel sides.
    return np.maximum(ay, _R3 * ax + 0.5 * ay)


def reach(shape: str) -> float:
    """Circumradius of the unit ball of ``shape`` (how far it extends from its centre)."""
    return {
        "circle": 1.0,
        "square": math.sqrt(2.0),
        "diamond": math.sqrt(2.0),
        "hexagon": 1.0 / _R3,
    }[shape]


def area(shape: str) -> float:
    """Area of the unit ball of ``shape`` (inradius 1)."""
    return {"circle": math.pi, "square": 4.0, "diamond": 4.0, "hexagon": 4.0 * _R3}[shape]


def _wrapped(d: np.ndarray) -> np.ndarray:
    """Shortest periodic offset on the unit torus."""
    return d - np.rint(d)


class FreeSpace:
    """Room left at the centres of an ``n x n`` periodic grid over the unit square.

    ``room[j, i]`` is the norm distance from cell centre ``((i + 0.5) / n, (j + 0.5) / n)``
    to the nearest placed ball, never more than ``cap``: exact wherever it is below
    ``cap``, which is all a placement of a ball up to ``cap - gap`` needs.
    """

    def __init__(self, n: int, cap: float, shape: str = "circle"):
        self.n = int(n)
        self.cap = float(cap)
        self.shape = shape
        self.room = np.full((self.n, self.n), self.cap, np.float64)
        self._centres = (np.arange(self.n) + 0.5) / self.n

    def place(self, cx: float, cy: float, r: float, cap: float | None = None) -> None:
        """Record a ball at ``(cx, cy)`` with radius ``r``.

        ``cap`` (at most the current one) narrows the update to cells whose room may
        fall below it: right when every later request needs at most ``cap``.
        """
        if cap is not None:
            self.cap = min(self.cap, float(cap))
        n = self.n
        k = min(n // 2, math.ceil((r + self.cap) * reach(self.shape) * n) + 1)
        i0 = math.floor(cx * n)
        j0 = math.floor(cy * n)
        cols = np.arange(i0 - k, i0 + k + 1) % n
        rows = np.arange(j0 - k, j0 + k + 1) % n
        cols = np.unique(cols)
        rows = np.unique(rows)
        dx = _wrapped(self._centres[cols] - cx)
        dy = _wrapped(self._centres[rows] - cy)
        d = norm(dx[None, :], dy[:, None], self.shape) - r
        block = np.ix_(rows, cols)
        self.room[block] = np.minimum(self.room[block], d)

    def pick(self, rng: np.random.Generator, need: float) -> tuple[float, float, float] | None:
        """A random cell centre with room at least ``need``: ``(x, y, room)`` or None."""
        flat = self.room.ravel()
        tries = rng.integers(0, flat.size, 48)
        ok = tries[flat[tries] >= need]
        if ok.size:
            idx = int(ok[0])
        else:
            free = np.flatnonzero(flat >= need)
            if free.size == 0:
                return None
            idx = int(free[rng.integers(free.size)])
        j, i = divmod(idx, self.n)
        return float(self._centres[i]), float(self._centres[j]), float(flat[idx])


class Balls:
    """A set of balls of one norm on the unit torus (geometry only; colours per call).

    Parameters
    ----------
    centres : (n, 2) array
        Centres in [0, 1).
    radii : (n,) array
        Inradii (design units).
    shape : str
        One of :data:`SHAPES`.
    ring : float or (n,) array
        0 for filled balls, else the width of an outline ring (design units).
    target : bool
        Concentric rings of width ``ring`` (alternately inked and clear) instead.
    margin : float
        Anti-aliasing reach kept around each ball in the bucket lists.
    """

    def __init__(
        self,
        centres: np.ndarray,
        radii: np.ndarray,
        shape: str = "circle",
        *,
        ring: float | np.ndarray = 0.0,
        target: bool = False,
        margin: float = 1.0 / 128.0,
    ):
        self.centres = np.asarray(centres, np.float64).reshape(-1, 2)
        self.radii = np.asarray(radii, np.float64).ravel()
        self.shape = shape
        count = len(self.radii)
        self.ring = np.broadcast_to(np.asarray(ring, np.float64), (count,)).copy()
        self.target = bool(target)
        b = int(np.clip(math.ceil(math.sqrt(max(count, 1) * 6.0)), 1, 256))
        ext = self.radii * reach(shape) + margin
        c = self.centres
        boxes = np.column_stack([c[:, 0] - ext, c[:, 1] - ext, c[:, 0] + ext, c[:, 1] + ext])
        self.buckets = Buckets(boxes, b)
        # One extra ball with a negative radius fills the empty slots.
        self._c = np.vstack([self.centres, [[0.5, 0.5]]])
        self._r = np.append(self.radii, -1.0)
        self._w = np.append(self.ring, 0.0)

    def __len__(self) -> int:
        return len(self.radii)

    def sample(
        self, x: np.ndarray, y: np.ndarray, footprint: float, colors: np.ndarray
    ) -> np.ndarray:
        """Premultiplied RGBA at points; ``colors`` (n, 4) is each ball's colour."""
        shape = np.shape(x)
        u = wrap01(np.ravel(np.asarray(x, np.float64)))
        v = wrap01(np.ravel(np.asarray(y, np.float64)))
        rgba = np.vstack([np.asarray(colors, np.float64).reshape(-1, 4), np.zeros((1, 4))])
        out = np.empty((u.size, 4), np.float32)
        step = 8192
        for s in range(0, u.size, step):
            out[s : s + step] = self._chunk(u[s : s + step], v[s : s + step], footprint, rgba)
        return out.reshape(*shape, 4)

    def coverage(self, x: np.ndarray, y: np.ndarray, footprint: float) -> np.ndarray:
        """Share of each point's pixel covered by ink (any ball)."""
        white = np.ones((len(self), 4))
        return self.sample(x, y, footprint, white)[..., 3]

    def _chunk(self, u: np.ndarray, v: np.ndarray, fp: float, rgba: np.ndarray) -> np.ndarray:
        cand = self.buckets.rows(u, v)  # (m, K)
        c = self._c[cand]
        r = self._r[cand]
        d = norm(_wrapped(u[:, None] - c[..., 0]), _wrapped(v[:, None] - c[..., 1]), self.shape)
        inside = r - d  # distance inside the outline
        cov = _cover(inside, fp)
        w = self._w[cand]
        if self.target:
            # Concentric bands of width w from the outline in: inked, clear, inked...
            ws = np.where(w > 0, w, 1.0)
            t = np.mod(inside, 2.0 * ws)
            signed = np.where(t < ws, np.minimum(t, ws - t), -np.minimum(t - ws, 2.0 * ws - t))
            cov = np.where(w > 0, np.minimum(cov, _cover(signed, fp)), cov)
        elif self.ring.any():
            cov -= np.where(w > 0, _cover(inside - w, fp), 0.0)
        cov[r < 0] = 0.0
        out = np.einsum("mk,mkc->mc", cov, rgba[cand])
        alpha = out[:, 3:4]
        if (alpha > 1.0).any():
            out = out / np.maximum(alpha, 1.0)
        return out


def _cover(inside: np.ndarray, footprint: float) -> np.ndarray:
    """Pixel coverage of ink at signed distance ``inside`` (positive in the ink)."""
    if footprint <= 0:
        return (inside >= 0).astype(np.float64)
    return np.clip(0.5 + inside / footprint, 0.0, 1.0)
