"""Flow-field trails: particles carried through a noise flow, drawn as tapered strokes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.fields._flow import FlowParams, FourierFlow, make_flow
from foulard.ops.fields._strokes import tapered_outline
from foulard.ops.params import param
from foulard.ops.registry import operator

__all__ = ["flow_field_trails", "trace"]

BOUNDS = (-0.1, -0.1, 1.1, 1.1)  # the design and a hem band around it
_POINTS = 40  # vertices along each trail


@dataclass(frozen=True)
class FlowTrailsParams(FlowParams):
    flow: str = param(
        "angle",
        choices=("curl", "angle"),
        doc="'angle': a noise value turned into a direction (Hobbs); 'curl': swirls, no sinks",
    )
    particles: int = param(700, range=(10, 3000), doc="trails drawn")
    seeding: str = param(
        "jittered",
        choices=("jittered", "random"),
        doc="start points on a jittered grid (even cover) or uniformly at random",
    )
    length: float = param(0.22, range=(0.01, 1.0), doc="length of each trail", unit="design units")
    length_jitter: float = param(
        0.5, range=(0.0, 0.9), doc="random shortening of trails (share of the length)"
    )
    width: float = param(
        0.005, range=(0.0005, 0.03), doc="width of a trail at its thickest", unit="design units"
    )
    taper: str = param(
        "both",
        choices=("both", "tail", "none"),
        doc="thin to a point at both ends, only at the end, or not at all",
    )
    first: int = param(1, range=(0, 47), doc="palette role of the first trail colour")
    count: int = param(4, range=(1, 48), doc="palette roles used from 'first', at random")
    opacity: float = param(0.9, range=(0.05, 1.0), doc="opacity of each trail")


def trace(flow: FourierFlow, seeds: np.ndarray, length: np.ndarray, steps: int) -> np.ndarray:
    """Trails ``(n, steps + 1, 2)`` through the flow, centred on their seeds.

    Each trail runs half its length backwards and half forwards from its seed
    (midpoint Runge-Kutta steps along the unit direction of the flow), so trails
    are arc-length parametrised and the seed sits in the middle.
    """
    half = steps // 2
    out = np.empty((len(seeds), steps + 1, 2))
    out[:, half] = seeds
    h = (length / steps)[:, None]
    for sign, order in ((1.0, range(half + 1, steps + 1)), (-1.0, range(half - 1, -1, -1))):
        p = seeds.copy()
        for j in order:
            k1 = _unit(flow, p)
            k2 = _unit(flow, p + 0.5 * sign * h * k1)
            p = p + sign * h * k2
            out[:, j] = p
    return out


def _unit(flow: FourierFlow, p: np.ndarray) -> np.ndarray:
    vx, vy = flow.velocity(p[:, 0], p[:, 1])
    v = np.stack([vx, vy], axis=-1).astype(np.float64)
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


def _seeds(p: FlowTrailsParams, rng: np.random.Generator) -> np.ndarray:
    x0, y0, x1, y1 = BOUNDS
    n = p.particles
    if p.seeding == "random":
        return rng.uniform((x0, y0), (x1, y1), (n, 2))
    side = math.ceil(math.sqrt(n))
    cell = (x1 - x0) / side
    idx = rng.permutation(side * side)[:n]
    iy, ix = np.divmod(idx, side)
    jitter = rng.random((n, 2))
    return np.stack([x0 + (ix + jitter[:, 0]) * cell, y0 + (iy + jitter[:, 1]) * cell], axis=-1)


@operator(
    "fields.flow_field_trails",
    kind="vector",
    version=1,
    tags=(
        "flow field",
        "trails",
        "hair",
        "silk fibres",
        "smoke",
        "strokes",
        "generative",
        "流场",
        "发丝",
        "烟缕",
        "笔触",
    ),
)
def flow_field_trails(p: FlowTrailsParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Flow-field trails: particles carried through a noise flow, drawn as tapered strokes.

    Start points (a jittered grid for an even cover, or uniform) are traced
    half a trail back and half forward through a periodic noise flow (the
    noise-angle field of Hobbs's essays, or divergence-free curl noise) with
    midpoint steps along the unit direction, so trails of equal length have
    equal arc length. Each trail is a filled outline whose width follows a
    sine taper (both ends, or the tail only), in a palette role drawn at random
    from ``count`` roles after ``first``: hair, silk fibres, smoke, brushwork.
    Trails cover the design and its hem band.

    References
    ----------
    Hobbs 2020, "Flow fields", https://tylerxhobbs.com/essays/2020/flow-fields.
    Bridson, Hourihan & Nordenstam 2007, "Curl-noise for procedural fluid flow",
    SIGGRAPH (the curl flow).
    """
    flow = make_flow(p, rng)
    seeds = _seeds(p, rng)
    length = p.length * (1.0 - p.length_jitter * rng.random(p.particles))
    roles = rng.integers(0, p.count, p.particles)
    trails = trace(flow, seeds, length, _POINTS - 1)
    t = np.linspace(0.0, 1.0, _POINTS)
    if p.taper == "both":
        profile = np.sin(np.pi * t) ** 0.6
    elif p.taper == "tail":
        profile = np.cos(0.5 * np.pi * t) ** 0.6
    else:
        profile = np.ones(_POINTS)
    profile = np.maximum(profile, 0.02)
    d = Drawing(BOUNDS)
    for trail, role in zip(trails, roles, strict=True):
        d.fill(
            tapered_outline(trail, p.width * profile), palette.role(p.first + int(role)), p.opacity
        )
    return d
