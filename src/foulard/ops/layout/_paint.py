"""Painting helpers shared by the layout operators: colours, coverage and a front-to-back stack.

Layouts work on flat arrays of points. A :class:`Stack` takes layers *top first*
and composites each one under what is already there (premultiplied "under"), so a
layer is only evaluated at points that the layers above it leave partly
transparent: an opaque border band costs the ground nothing beneath it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import to_motif
from foulard.ops.layout._points import put_rows, take_rows

if TYPE_CHECKING:
    from foulard.ops._common.palette import Palette
    from foulard.render.evaluate import Call

__all__ = [
    "Stack",
    "edge_cover",
    "ink",
    "line_cover",
    "lines_cover",
    "optional_role",
    "paint",
    "place_motif",
    "rimmed",
    "role",
    "sample_motif",
]

Layer = Callable[[np.ndarray], np.ndarray | None]


def role(palette: Palette, index: int) -> np.ndarray:
    """The colour of palette role ``index`` as float32 RGB (wrapping past the end)."""
    return np.asarray(palette.role(index), np.float32)


def optional_role(palette: Palette, index: int) -> np.ndarray | None:
    """The colour of palette role ``index``, or ``None`` for a negative one (nothing painted)."""
    return role(palette, index) if index >= 0 else None


def paint(cover: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Premultiplied RGBA of a flat colour over ``cover`` (float32, ``cover.shape + (4,)``)."""
    out = np.empty((*cover.shape, 4), np.float32)
    c = cover.astype(np.float32, copy=False)
    out[..., 0] = c * rgb[0]
    out[..., 1] = c * rgb[1]
    out[..., 2] = c * rgb[2]
    out[..., 3] = c
    return out


def ink(values: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Premultiplied RGBA of an input: itself when RGBA, else its value as coverage of ``rgb``."""
    if values.shape[-1] == 4:
        return values
    return paint(np.clip(values[..., 0], 0.0, 1.0), rgb)


def edge_cover(d: np.ndarray, footprint: float) -> np.ndarray:
    """Anti-aliased coverage of a region at signed distance ``d`` (positive inside)."""
    return np.clip(d * (1.0 / footprint) + 0.5, 0.0, 1.0).astype(np.float32)


def line_cover(d: np.ndarray, half_width: float, footprint: float) -> np.ndarray:
    """Anti-aliased coverage of a line ``2 * half_width`` wide at distance ``d`` from its axis.

    A line thinner than a pixel keeps its ink (coverage times width) instead of
    vanishing, so previews and masters agree on average tone.
    """
    hw = max(half_width, 0.5 * footprint)
    cover = np.clip((hw - np.abs(d)) * (1.0 / footprint) + 0.5, 0.0, 1.0)
    if hw > half_width:
        cover *= half_width / hw
    return cover.astype(np.float32)


def lines_cover(d: np.ndarray, axes, width: float, footprint: float) -> np.ndarray:
    """Anti-aliased coverage of parallel lines ``width`` wide with their axes at ``d = a``
    for each ``a`` in ``axes`` (the most covering line wins)."""
    out = np.zeros(d.shape, np.float32)
    for a in axes:
        np.maximum(out, line_cover(d - a, 0.5 * width, footprint), out=out)
    return out


def rimmed(
    inside: np.ndarray, line_width: float, footprint: float, line_rgb, fill_rgb
) -> np.ndarray:
    """Premultiplied RGBA of a flat region with a fine line just inside its edge.

    ``inside`` is the signed distance to the edge (positive inside); the region is
    ``fill_rgb`` and the line, ``line_width`` wide, runs ``1.5 line_width`` in from
    the edge in ``line_rgb``, over the fill.
    """
    line = line_cover(1.5 * line_width - inside, 0.5 * line_width, footprint)
    fill = paint(edge_cover(inside, footprint), fill_rgb)
    return paint(line, line_rgb) + fill * (1.0 - line)[:, None]


class Stack:
    """Front-to-back compositing of layers over ``n`` points.

    ``add(layer)`` calls ``layer(idx)`` with the indices of the points not yet
    opaque; the layer returns their premultiplied RGBA (or ``None`` for nothing).
    """

    def __init__(self, n: int):
        self.rgba = np.zeros((n, 4), np.float32)
        self.opaque = np.zeros(n, bool)

    def add(self, layer: Layer) -> None:
        self._add(np.flatnonzero(~self.opaque), layer)

    def add_where(self, mask: np.ndarray, layer: Layer) -> None:
        """Like :meth:`add`, for a layer that is transparent wherever ``mask`` is false."""
        self._add(np.flatnonzero(mask & ~self.opaque), layer, mask)

    def _add(self, sel: np.ndarray, layer: Layer, mask: np.ndarray | None = None) -> None:
        if sel.size == 0:
            return
        if sel.size * 16 >= self.opaque.size * 15:
            # Nearly every point is open: evaluating the layer everywhere and weighting
            # by what is still open (zero where opaque) is the same result without the
            # gather and scatter. Below that, a layer costs more than its gather.
            top = layer(sel if sel.size == self.opaque.size else self._everything())
            if top is None:
                return
            acc = self.rgba
            weight = np.maximum(1.0 - acc[:, 3:4], 0.0)
            if mask is not None:
                # The layer is only promised transparent inside the mask.
                weight[~mask] = 0.0
            acc += weight * top
            self.opaque |= acc[:, 3] >= 1.0
            return
        top = layer(sel)
        if top is None:
            return
        acc = take_rows(self.rgba, sel)
        acc += (1.0 - acc[:, 3:4]) * top
        put_rows(self.rgba, sel, acc)
        full = acc[:, 3] >= 1.0
        if full.any():
            self.opaque[sel[full]] = True

    def _everything(self) -> np.ndarray:
        return np.arange(self.opaque.size)

    def result(self, shape: tuple[int, ...]) -> np.ndarray:
        np.clip(self.rgba, 0.0, 1.0, out=self.rgba)
        return self.rgba.reshape(*shape, 4)


def sample_motif(
    call: Call, slot: str, u: np.ndarray, v: np.ndarray, footprint: float, rgb: np.ndarray
) -> np.ndarray:
    """A motif slot at motif-box points, as premultiplied RGBA (values inked with ``rgb``).

    Outside the motif box the result is transparent, whatever the input is there,
    so field inputs placed as motifs are cut to their box.
    """
    inside = (u >= 0.0) & (u <= 1.0) & (v >= 0.0) & (v <= 1.0)
    out = np.zeros((*u.shape, 4), np.float32)
    if inside.any():
        put_rows(out, inside, ink(call.input(slot, u[inside], v[inside], footprint), rgb))
    return out


def place_motif(
    stack: Stack,
    call: Call,
    slot: str,
    x: np.ndarray,
    y: np.ndarray,
    box: tuple[float, float, float, float],
    rgb: np.ndarray,
    *,
    mirror: bool = False,
) -> None:
    """Add a motif slot placed by its box ``(cx, cy, size, rotation)``: centred on
    ``(cx, cy)``, ``size`` wide, turned clockwise by ``rotation`` degrees (``mirror``:
    flipped left to right in its box)."""
    cx, cy, size, rotation = box
    fp = call.footprint
    reach = 0.75 * size

    def layer(idx: np.ndarray) -> np.ndarray:
        u, v, inv = to_motif(x[idx], y[idx], cx=cx, cy=cy, size=size, rotation=rotation)
        if mirror:
            u = 1.0 - u
        return sample_motif(call, slot, u, v, fp * inv, rgb)

    stack.add_where((np.abs(x - cx) < reach) & (np.abs(y - cy) < reach), layer)
