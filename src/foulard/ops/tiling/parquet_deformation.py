"""Parquet deformations: a tiling whose tiles change shape step by step across the design."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import band

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["ParquetParams", "edge_profile", "parquet_deformation", "schedule"]


@dataclass(frozen=True)
class ParquetParams(Params):
    cells: int = param(12, range=(4, 40), doc="tiles across the design")
    profile: str = param(
        "zigzag",
        choices=("zigzag", "wave", "key", "arc"),
        doc="the shape the straight edges grow into",
    )
    amplitude: float = param(0.32, range=(0.0, 0.42), doc="full bend of an edge, in tile widths")
    schedule: str = param(
        "there_and_back",
        choices=("there_and_back", "ramp"),
        doc="squares to full bend and back (repeats across), or squares to full bend once",
    )
    direction: str = param("across", choices=("across", "down"), doc="the way the change runs")
    color_a: int = param(1, range=(0, 47), doc="palette role of one set of tiles")
    color_b: int = param(3, range=(0, 47), doc="palette role of the other set of tiles")
    line_width: float = param(
        0.002, range=(0.0, 0.01), doc="width of the tile outlines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the outlines")


def edge_profile(kind: str, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A closed edge shape over one tile (``u`` in [0, 1), zero at both ends) and its slope."""
    if kind == "zigzag":  # a triangle wave: 0, up to 1, down to -1, back to 0
        f = np.where(u < 0.25, 4 * u, np.where(u < 0.75, 2 - 4 * u, 4 * u - 4))
        return f, np.where((u < 0.25) | (u >= 0.75), 4.0, -4.0)
    if kind == "wave":
        return np.sin(2 * np.pi * u), 2 * np.pi * np.cos(2 * np.pi * u)
    if kind == "key":
        # A rounded step: up across the first half, down across the second.
        s = np.sin(2 * np.pi * u)
        f = np.tanh(3.0 * s) / np.tanh(3.0)
        return f, 3.0 * (1 - np.tanh(3.0 * s) ** 2) * 2 * np.pi * np.cos(2 * np.pi * u) / np.tanh(
            3.0
        )
    return np.sin(np.pi * u), np.pi * np.cos(np.pi * u)  # arc: a single bump


def schedule(kind: str, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bend of the edges across and along the change at position ``t`` in [0, 1)."""
    s = 1.0 - np.abs(2.0 * t - 1.0) if kind == "there_and_back" else t
    first = np.clip(2.0 * s, 0.0, 1.0)
    second = np.clip(2.0 * s - 1.0, 0.0, 1.0)
    ease = lambda z: z * z * (3.0 - 2.0 * z)  # noqa: E731
    return ease(first), ease(second)


def _periods(p: ParquetParams):
    along = (1.0, 0.0) if p.schedule == "there_and_back" else None
    out = [(0.0, 2.0 / p.cells)]
    if along is not None:
        out.append(along)
    if p.direction == "down":
        out = [(b, a) for a, b in out]
    return out


@operator(
    "tiling.parquet_deformation",
    kind="field",
    version=1,
    periods=_periods,
    tags=(
        "parquet deformation",
        "metamorphosis",
        "escher",
        "morph",
        "渐变镶嵌",
        "变形",
        "形变拼图",
    ),
)
def parquet_deformation(p: ParquetParams, call: Call) -> np.ndarray:
    """Parquet deformation: square tiles that change shape step by step across the design.

    The tiles of a square grid keep fitting while their edges bend: along the
    change (``direction``) the edges crossing it grow into the chosen ``profile``
    first, then the edges along it, so squares turn into interlocking zigzag,
    wave, key or arc tiles (Huff's and Escher's metamorphoses). Every vertical
    edge has one bend (set by where it stands) and every horizontal edge bends
    with the position along it, so neighbouring tiles always share their edges.
    ``there_and_back`` grows and relaxes again, so the design repeats across (long
    stoles); ``ramp`` changes once. Tiles alternate two colours like a chequer.

    References
    ----------
    Hofstadter 1985, *Metamagical Themas*, ch. 10 "Parquet deformations: a subtle,
    intricate art form"; Kaplan 2008, "Metamorphosis in Escher's art", *Bridges*.
    """
    n = p.cells
    s = 1.0 / n
    amp = p.amplitude * s
    fp = call.footprint
    ca = np.asarray(call.palette.role(p.color_a), np.float64)
    cb = np.asarray(call.palette.role(p.color_b), np.float64)
    line = np.asarray(call.palette.role(p.line_color), np.float64)
    there = p.schedule == "there_and_back"

    def kernel(x, y):
        if p.direction == "down":
            x, y = y, x
        # Along the change: the exact fraction of the design (repeating), or x itself.
        t = wrap01(x) if there else x
        v = wrap01(y * (n / 2.0)) * 2.0  # rows, exact over two rows
        col_f = t * n
        i0 = np.floor(col_f)
        # Vertical edges near the point: x = k s + amp * A(k s) f(frac(y / s)).
        f_v, df_v = edge_profile(p.profile, v - np.floor(v))
        best = np.full(len(x), np.inf)
        col = i0 - 2
        for dk in (-1, 0, 1, 2):
            k = i0 + dk
            edge_t = wrap01(k / n) if there else np.clip(k / n, 0.0, 1.0)
            bend_v, _ = schedule(p.schedule, edge_t)
            xk = k / n + amp * bend_v * f_v
            col = np.where(t >= xk, k, col)
            d = np.abs(t - xk) / np.sqrt(1.0 + (amp * bend_v * df_v / s) ** 2)
            best = np.minimum(best, d)
        # Horizontal edges: y = j s + amp * B(x) g(frac(x / s)).
        _, bend_h = schedule(p.schedule, t if there else np.clip(t, 0.0, 1.0))
        f_h, df_h = edge_profile(p.profile, col_f - i0)
        row_f = v
        j0 = np.floor(row_f)
        row = j0.copy()
        for dj in (-1, 0, 1, 2):
            j = j0 + dj
            yj = j + p.amplitude * bend_h * f_h
            row = np.where(row_f >= yj, j, row)
            d = np.abs(row_f - yj) * s / np.sqrt(1.0 + (p.amplitude * bend_h * df_h) ** 2)
            best = np.minimum(best, d)
        chequer = ((col + row) % 2 == 0)[:, None]
        rgb = np.where(chequer, ca, cb)
        if p.line_width > 0:
            rgb = rgb + (line - rgb) * band(best, 0.5 * p.line_width, fp)[:, None]
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
