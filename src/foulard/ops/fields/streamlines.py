"""Evenly spaced streamlines of a flow (Jobard & Lefer): clean, even line art."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.fields._flow import FlowParams, make_flow
from foulard.ops.fields._strokes import polyline, tapered_outline
from foulard.ops.params import param
from foulard.ops.registry import operator

__all__ = ["evenly_spaced", "streamlines"]

BOUNDS = (-0.1, -0.1, 1.1, 1.1)  # the design and a hem band around it
_TABLE = 256  # velocity table cells across the unit square
_EXTRA_SEEDS = 400  # random seeds tried after the front runs out, to fill gaps


@dataclass(frozen=True)
class StreamlinesParams(FlowParams):
    separation: float = param(
        0.016,
        range=(0.01, 0.1),
        doc="distance between neighbouring streamlines (d_sep)",
        unit="design units",
    )
    test_ratio: float = param(
        0.5,
        range=(0.3, 0.9),
        doc="a line stops when closer than this share of the separation to another (d_test)",
    )
    width: float = param(0.0025, range=(0.0003, 0.02), doc="line width", unit="design units")
    taper: bool = param(True, doc="thin each line to a point over its last separations")
    first: int = param(1, range=(0, 47), doc="palette role of the first line colour")
    count: int = param(1, range=(1, 48), doc="palette roles used from 'first', at random per line")


class _Points:
    """Accepted samples in a grid of cells one separation wide (neighbour queries).

    The grid has a ring of empty cells around the bounds, so a query never
    needs a range check.
    """

    def __init__(self, cell: float):
        self.cell = cell
        self.inv = 1.0 / cell
        self.x0, self.y0 = BOUNDS[0] - cell, BOUNDS[1] - cell
        self.n = math.ceil((BOUNDS[2] - BOUNDS[0]) / cell) + 3
        self.cells: list[list[tuple[float, float, int, int]]] = [[] for _ in range(self.n**2)]

    def add(self, x: float, y: float, line: int, index: int) -> None:
        i = int((x - self.x0) * self.inv)
        j = int((y - self.y0) * self.inv)
        self.cells[j * self.n + i].append((x, y, line, index))

    def remove_line(self, pts, line: int) -> None:
        for x, y in pts:
            cell = self.cells[
                int((y - self.y0) * self.inv) * self.n + int((x - self.x0) * self.inv)
            ]
            cell[:] = [q for q in cell if q[2] != line]

    def near(self, x: float, y: float, r: float, line: int = -1, index: int = 0, gap: int = 0):
        """Whether a sample lies within r (at most a cell), bar ``line``'s near ``index``."""
        inv, x0, y0, n = self.inv, self.x0, self.y0, self.n
        i0, i1 = int((x - r - x0) * inv), int((x + r - x0) * inv)
        j0, j1 = int((y - r - y0) * inv), int((y + r - y0) * inv)
        r2 = r * r
        cells = self.cells
        for j in range(j0, j1 + 1):
            row = j * n
            for i in range(i0, i1 + 1):
                for qx, qy, ql, qi in cells[row + i]:
                    dx = qx - x
                    dy = qy - y
                    if dx * dx + dy * dy < r2 and (ql != line or abs(qi - index) > gap):
                        return True
        return False


def evenly_spaced(table: np.ndarray, p: StreamlinesParams, rng: np.random.Generator):
    """Jobard & Lefer: streamlines seeded one separation beside accepted ones.

    ``table`` is the flow's periodic velocity table ``(n, n, 2)``. Returns a list
    of ``(k, 2)`` arrays of points (design units).
    """
    n = table.shape[0]
    unit = table / np.maximum(np.linalg.norm(table, axis=-1, keepdims=True), 1e-12)
    tab = unit.reshape(-1).tolist()
    d_sep = p.separation
    d_test = p.test_ratio * d_sep
    step = 0.25 * d_sep
    gap = math.ceil(2.0 * d_sep / step)  # own samples this close in order are not "other"
    max_steps = math.ceil(6.0 / step)
    x0, y0, x1, y1 = BOUNDS

    def direction(x: float, y: float) -> tuple[float, float]:
        gx = (x % 1.0) * n - 0.5
        gy = (y % 1.0) * n - 0.5
        ix, iy = math.floor(gx), math.floor(gy)
        fx, fy = gx - ix, gy - iy
        i0, i1 = ix % n, (ix + 1) % n
        r0, r1 = (iy % n) * n, ((iy + 1) % n) * n
        a, b, c, d = 2 * (r0 + i0), 2 * (r0 + i1), 2 * (r1 + i0), 2 * (r1 + i1)
        wa, wb, wc, wd = (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy
        vx = wa * tab[a] + wb * tab[b] + wc * tab[c] + wd * tab[d]
        vy = wa * tab[a + 1] + wb * tab[b + 1] + wc * tab[c + 1] + wd * tab[d + 1]
        s = math.hypot(vx, vy)
        return (vx / s, vy / s) if s > 1e-6 else (0.0, 0.0)

    grid = _Points(d_sep)
    lines: list[np.ndarray] = []

    def trace(sx: float, sy: float, line: int) -> list[tuple[float, float]] | None:
        halves = []
        for sign in (1.0, -1.0):
            pts = []
            x, y = sx, sy
            idx = 0
            for _ in range(max_steps):
                ax, ay = direction(x, y)
                bx, by = direction(x + 0.5 * sign * step * ax, y + 0.5 * sign * step * ay)
                if bx == 0.0 and by == 0.0:
                    break  # a still point of the flow
                x, y = x + sign * step * bx, y + sign * step * by
                idx += 1 if sign > 0 else -1
                if not (x0 <= x <= x1 and y0 <= y <= y1):
                    break
                if grid.near(x, y, d_test, line, idx, gap):
                    break
                grid.add(x, y, line, idx)
                pts.append((x, y))
            halves.append(pts)
        pts = halves[1][::-1] + [(sx, sy)] + halves[0]
        if len(pts) < 4:
            grid.remove_line(halves[0] + halves[1], line)
            return None
        grid.add(sx, sy, line, 0)
        return pts

    def valid_seed(x: float, y: float) -> bool:
        return x0 <= x <= x1 and y0 <= y <= y1 and not grid.near(x, y, d_sep * 0.999)

    queue: deque[np.ndarray] = deque()
    extra = rng.uniform((x0, y0), (x1, y1), (_EXTRA_SEEDS + 1, 2)).tolist()
    start = extra.pop()
    first = trace(start[0], start[1], 0)
    if first is not None:
        lines.append(np.array(first))
        queue.append(lines[-1])
    while True:
        while queue:
            pts = queue.popleft()
            d = np.gradient(pts, axis=0)
            d /= np.maximum(np.linalg.norm(d, axis=-1, keepdims=True), 1e-12)
            # Seeds beside every few samples: about two per separation along the line.
            every = max(1, round(0.5 * d_sep / step))
            for (px, py), (dx, dy) in zip(pts[::every].tolist(), d[::every].tolist(), strict=True):
                for side in (1.0, -1.0):
                    cx, cy = px - side * d_sep * dy, py + side * d_sep * dx
                    if valid_seed(cx, cy):
                        new = trace(cx, cy, len(lines))
                        if new is not None:
                            lines.append(np.array(new))
                            queue.append(lines[-1])
        # The front ran out: try random seeds in the gaps it could not reach.
        while extra:
            sx, sy = extra.pop()
            if valid_seed(sx, sy):
                new = trace(sx, sy, len(lines))
                if new is not None:
                    lines.append(np.array(new))
                    queue.append(lines[-1])
                    break
        if not queue:
            return lines


@operator(
    "fields.streamlines",
    kind="vector",
    version=1,
    tags=(
        "streamlines",
        "flow lines",
        "line art",
        "topographic",
        "combed",
        "contour",
        "流线",
        "线描",
        "梳纹",
        "等距线",
    ),
)
def streamlines(p: StreamlinesParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Evenly spaced streamlines: lines that follow a flow and keep one distance apart.

    The algorithm of Jobard & Lefer: a first streamline is traced both ways
    from a random seed; every accepted line offers seeds one ``separation`` to
    either side of each of its samples, and a seed far enough from every
    sample starts a new line. A line stops when it comes closer than
    ``test_ratio * separation`` to another line (or to itself further along),
    leaves the design and its hem band, or meets a still point. Neighbour
    queries use a grid of cells one separation wide. When the front of seeds
    runs out, random seeds fill the gaps it could not reach. The flow is a
    periodic curl noise (swirls) or noise-angle field. Lines are drawn in
    palette roles, tapered to points at their ends if asked: combed, even line
    art, as in an engraving or a topographic map.

    References
    ----------
    Jobard & Lefer 1997, "Creating evenly-spaced streamlines of arbitrary
    density", Visualization in Scientific Computing '97 (Eurographics).
    """
    flow = make_flow(p, rng)
    lines = evenly_spaced(flow.table(_TABLE), p, rng)
    roles = rng.integers(0, p.count, len(lines))
    d = Drawing(BOUNDS)
    taper_len = 2.0 * p.separation
    for pts, role in zip(lines, roles, strict=True):
        color = palette.role(p.first + int(role))
        if not p.taper:
            d.stroke(polyline(pts), color, p.width)
            continue
        seg = np.linalg.norm(np.diff(pts, axis=0), axis=-1)
        s = np.concatenate([[0.0], np.cumsum(seg)])
        ends = np.minimum(s, s[-1] - s)
        widths = p.width * np.clip(ends / taper_len, 0.15, 1.0) ** 0.5
        d.fill(tapered_outline(pts, widths), color)
    return d
