"""Line integral convolution: white noise smeared along the streamlines of a flow."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import erf

from foulard.ops._common.grid import GridSpec
from foulard.ops.fields._flow import FlowParams, make_flow
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["lic", "line_integral_convolution"]

_STEPS = 12  # samples each way along the streamline


@dataclass(frozen=True)
class LicParams(FlowParams):
    length: float = param(
        0.05,
        range=(0.005, 0.25),
        doc="length of each streak, end to end",
        unit="design units",
    )
    grain: float = param(
        0.003,
        range=(0.002, 0.02),
        doc="size of one grain of the smeared noise (the grid cell)",
        unit="design units",
    )
    contrast: float = param(1.5, range=(0.25, 6.0), doc="steepness of the map to [0, 1]")


def _grid(p: LicParams) -> GridSpec:
    return GridSpec.unit(max(32, round(1.0 / p.grain)), periodic=True)


def lic(direction: np.ndarray, noise: np.ndarray, length_cells: float) -> np.ndarray:
    """LIC of ``noise`` (n, n) along unit ``direction`` (n, n, 2), both periodic.

    Each cell centre is traced ``length_cells / 2`` forward and back in
    :data:`_STEPS` Euler steps each way (the direction re-read at every step),
    and the noise is averaged along the trace with a Hann window. Direction and
    noise are packed into one table of 16-byte cells, so a step reads both with
    one gather per bilinear corner. Returns the convolved values (float32).
    """
    n = noise.shape[0]
    table = np.zeros((n + 1, n + 1, 4), np.float32)
    table[:n, :n, :2] = direction
    table[:n, :n, 2] = noise
    table[n, :] = table[0, :]  # one wrapped row and column: corner x + 1 needs no modulo
    table[:, n] = table[:, 0]
    packed = table.reshape(-1).view(np.complex128)
    stride = n + 1

    def sample(px: np.ndarray, py: np.ndarray) -> np.ndarray:
        fx0 = np.floor(px)
        fy0 = np.floor(py)
        fx = (px - fx0)[:, None]
        fy = (py - fy0)[:, None]
        i = fy0.astype(np.intp) * stride + fx0.astype(np.intp)

        def corner(k):
            return packed.take(k).view(np.float32).reshape(-1, 4)

        a, b = corner(i), corner(i + 1)
        top = a + (b - a) * fx
        a, b = corner(i + stride), corner(i + stride + 1)
        bottom = a + (b - a) * fx
        return top + (bottom - top) * fy

    c = np.arange(n, dtype=np.float32)
    gx, gy = (g.ravel() for g in np.meshgrid(c, c))
    h = np.float32(0.5 * length_cells / _STEPS)
    window = np.hanning(2 * _STEPS + 3)[1:-1].astype(np.float32)
    total = noise.ravel() * window[_STEPS]
    size = np.float32(n)
    for sign in (h, -h):
        px, py = gx.copy(), gy.copy()
        d = table[:n, :n, :2].reshape(-1, 2)
        for i in range(1, _STEPS + 1):
            px += sign * d[:, 0]
            py += sign * d[:, 1]
            np.remainder(px, size, out=px)
            np.remainder(py, size, out=py)
            # A tiny negative remainder rounds up to the size itself: that is 0.
            px[px >= size] = 0.0
            py[py >= size] = 0.0
            s = sample(px, py)
            total += window[_STEPS + i] * s[:, 2]
            d = s[:, :2]
    return (total / window.sum()).reshape(n, n)


@operator(
    "fields.line_integral_convolution",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "lic",
        "flow",
        "brushed",
        "hair",
        "fur",
        "silk fibre",
        "streaks",
        "流线",
        "拉丝",
        "毛发",
        "丝缕",
    ),
)
def line_integral_convolution(p: LicParams, call: GridCall) -> np.ndarray:
    """Line integral convolution: noise averaged along streamlines of a flow (brushed fibres).

    White noise on the node's own grid (one grain per cell) is averaged along
    each cell's streamline through the flow, ``length`` long, with a Hann
    window, so values stay alike along the flow and vary across it: brushed
    silk, fur, wind. The flow is curl noise (swirls, no sinks) or a noise angle
    field, both periodic, so the result tiles the unit square. The average
    has a small spread; it is divided by its RMS about 0.5 and mapped through
    the normal CDF, with ``contrast``.

    References
    ----------
    Cabral & Leedom 1993, "Imaging vector fields using line integral
    convolution", SIGGRAPH.
    Bridson, Hourihan & Nordenstam 2007, "Curl-noise for procedural fluid flow",
    SIGGRAPH (the curl flow).
    """
    n = call.grid.width
    flow = make_flow(p, call.rng)
    noise = call.rng.random((n, n)).astype(np.float32)
    gx, gy = call.grid.coords()
    vx, vy = flow.velocity(gx, gy)
    speed = np.maximum(np.hypot(vx, vy), 1e-12)
    direction = np.stack([vx / speed, vy / speed], axis=-1).astype(np.float32)
    conv = lic(direction, noise, p.length * n) - np.float32(0.5)
    rms = float(np.sqrt(np.mean(conv * conv)))
    z = conv * np.float32(p.contrast / max(rms, 1e-12) / math.sqrt(2.0))
    return (0.5 + 0.5 * erf(z)).astype(np.float32)
