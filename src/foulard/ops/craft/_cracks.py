"""Crack networks in a brittle layer (batik wax), and the distance to them per point.

Cracks in a sheet that shrinks or is crumpled start from flaws, run roughly
straight with small wanders and stop where they meet an earlier crack, at about
a right angle (the earlier crack relieved the stress across it): T-junctions.
:func:`crack_network` grows such a network generation by generation: first a
few long cracks, then cracks that branch off existing ones at right angles and
run until they meet another. Older cracks are opened wider by later flexing.

:class:`Segments` files the cracks' segments under the cells of a grid so the
distance from any point to the nearest crack is found among a few segments.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

__all__ = ["Segments", "crack_network"]


def crack_network(
    rng: np.random.Generator,
    box: tuple[float, float, float, float],
    *,
    first: int,
    branches: int,
    generations: int,
    step: float,
    wander: float,
    widths: tuple[float, ...],
) -> list[tuple[np.ndarray, float]]:
    """Polylines ``(points (n, 2), width)`` of a crack network inside ``box``.

    ``first`` cracks cross the box from random flaws; each later generation adds
    ``branches`` cracks starting on a random existing crack, at right angles to it,
    each running until it meets another crack or leaves the box. ``widths[g]`` is
    the width of generation g.
    """
    x0, y0, x1, y1 = box
    res = step * 0.75
    gw = math.ceil((x1 - x0) / res) + 1
    gh = math.ceil((y1 - y0) / res) + 1
    owner = np.full((gh, gw), -1, np.int64)  # which crack occupies each cell
    cracks: list[tuple[np.ndarray, float]] = []
    seg_owner: list[tuple[int, int]] = []  # (crack, segment) of every segment so far
    max_steps = int(4.0 * max(x1 - x0, y1 - y0) / step)

    def cell(px: float, py: float) -> tuple[int, int]:
        return int((py - y0) / res), int((px - x0) / res)

    def inside(px: float, py: float) -> bool:
        return x0 <= px < x1 and y0 <= py < y1

    def mark(pts: list[tuple[float, float]], cid: int) -> None:
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            n = max(1, int(math.hypot(bx - ax, by - ay) / (0.5 * res)))
            for k in range(n + 1):
                t = k / n
                px, py = ax + (bx - ax) * t, ay + (by - ay) * t
                if inside(px, py):
                    j, i = cell(px, py)
                    owner[j, i] = cid

    def grow(px: float, py: float, angle: float, cid: int, parent: int) -> list:
        """Run from (px, py) along ``angle`` until another crack or the edge."""
        pts = [(px, py)]
        heading = angle
        bend = 0.0
        for k in range(max_steps):
            bend = 0.7 * bend + wander * float(rng.standard_normal())
            heading += bend * 0.3
            nx, ny = px + step * math.cos(heading), py + step * math.sin(heading)
            if not inside(nx, ny):
                pts.append((nx, ny))
                break
            j, i = cell(nx, ny)
            hit = owner[max(0, j - 1) : j + 2, max(0, i - 1) : i + 2]
            # Leaving its parent, a branch ignores the cracks at its root for two steps.
            others = hit[(hit >= 0) & (hit != cid)]
            if others.size and (k >= 2 or parent < 0):
                pts.append((nx, ny))  # meets an earlier crack: a T-junction
                break
            pts.append((nx, ny))
            px, py = nx, ny
        return pts

    for g in range(generations):
        count = first if g == 0 else branches
        width = widths[min(g, len(widths) - 1)]
        for _ in range(count):
            cid = len(cracks)
            if g == 0 or not seg_owner:
                sx = x0 + (x1 - x0) * float(rng.random())
                sy = y0 + (y1 - y0) * float(rng.random())
                angle = float(rng.uniform(0.0, 2.0 * math.pi))
                parent = -1
                back = grow(sx, sy, angle + math.pi, cid, parent)
                ahead = grow(sx, sy, angle, cid, parent)
                pts = back[::-1] + ahead[1:]
            else:
                # A random place along all cracks so far (long cracks get more
                # branches), not too near a crack's ends, where junctions crowd.
                s = int(rng.integers(len(seg_owner)))
                parent, k = seg_owner[s]
                line = cracks[parent][0]
                if min(k, len(line) - 2 - k) < 2:
                    continue
                t = float(rng.random())
                ax, ay = line[k]
                bx, by = line[k + 1]
                sx, sy = ax + (bx - ax) * t, ay + (by - ay) * t
                if not inside(sx, sy):
                    continue
                side = 0.5 if rng.random() < 0.5 else -0.5
                normal = math.atan2(by - ay, bx - ax) + side * math.pi
                pts = grow(sx, sy, normal + 0.25 * float(rng.standard_normal()), cid, parent)
            if len(pts) < 2:
                continue
            mark(pts, cid)
            seg_owner.extend((cid, k) for k in range(len(pts) - 1))
            cracks.append((np.asarray(pts, float), width))
    return cracks


class Segments:
    """Line segments with half-widths, filed under the cells of a grid over ``box``."""

    def __init__(
        self,
        cracks: list[tuple[np.ndarray, float]],
        box: tuple[float, float, float, float],
        *,
        cells: int = 128,
        margin: float = 0.004,
    ):
        ax, ay, bx, by, hw = [], [], [], [], []
        for pts, width in cracks:
            ax.append(pts[:-1, 0])
            ay.append(pts[:-1, 1])
            bx.append(pts[1:, 0])
            by.append(pts[1:, 1])
            hw.append(np.full(len(pts) - 1, 0.5 * width))
        # One dummy segment far away pads the cell lists.
        self.ax = np.concatenate([*ax, [1e3]])
        self.ay = np.concatenate([*ay, [1e3]])
        self.bx = np.concatenate([*bx, [1e3]])
        self.by = np.concatenate([*by, [1e3]])
        self.hw = np.concatenate([*hw, [0.0]])
        self.box = box
        x0, y0, x1, y1 = box
        self.cells = cells
        self.cw = (x1 - x0) / cells
        self.ch = (y1 - y0) / cells
        lists: list[list[int]] = [[] for _ in range(cells * cells)]
        n = len(self.hw) - 1
        for s in range(n):
            pad = self.hw[s] + margin
            i0 = max(0, int((min(self.ax[s], self.bx[s]) - pad - x0) / self.cw))
            i1 = min(cells - 1, int((max(self.ax[s], self.bx[s]) + pad - x0) / self.cw))
            j0 = max(0, int((min(self.ay[s], self.by[s]) - pad - y0) / self.ch))
            j1 = min(cells - 1, int((max(self.ay[s], self.by[s]) + pad - y0) / self.ch))
            for j in range(j0, j1 + 1):
                for i in range(i0, i1 + 1):
                    lists[j * cells + i].append(s)
        depth = max(1, *(len(c) for c in lists))
        table = np.full((cells * cells, depth), n, np.int64)
        for c, items in enumerate(lists):
            table[c, : len(items)] = items
        self.table = table
        self.counts = np.array([len(c) for c in lists], np.int64)

    def distance(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per 1-D point: distance to the nearest crack's middle line, and that crack's half-width.

        "Nearest" counts the width: the crack whose edge is closest wins. Points are
        grouped by how many segments their cell holds, so a few crowded cells do not
        make every point test as many.
        """
        x0, y0, _, _ = self.box
        i = np.clip(((x - x0) / self.cw).astype(np.int64), 0, self.cells - 1)
        j = np.clip(((y - y0) / self.ch).astype(np.int64), 0, self.cells - 1)
        cell = j * self.cells + i
        count = self.counts[cell]
        d_out = np.full(len(x), 1e3)
        hw_out = np.zeros(len(x))
        lo = 0
        for hi in (2, 4, 8, 16, 32, self.table.shape[1]):
            sel = np.flatnonzero((count > lo) & (count <= hi))
            lo = hi
            if not sel.size:
                continue
            seg = self.table[cell[sel], :hi]
            ax = self.ax[seg]
            ay = self.ay[seg]
            ex = self.bx[seg] - ax
            ey = self.by[seg] - ay
            px = x[sel, None] - ax
            py = y[sel, None] - ay
            t = np.clip((px * ex + py * ey) / np.maximum(ex * ex + ey * ey, 1e-30), 0.0, 1.0)
            dx = px - t * ex
            dy = py - t * ey
            d = np.sqrt(dx * dx + dy * dy)
            hw = self.hw[seg]
            k = np.argmin(d - hw, axis=1)
            rows = np.arange(len(sel))
            d_out[sel] = d[rows, k]
            hw_out[sel] = hw[rows, k]
        return d_out, hw_out
