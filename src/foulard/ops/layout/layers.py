"""Stacking and placing: the composition operators every design uses."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_rgba, over
from foulard.ops._common.geometry import to_motif
from foulard.ops.layout._points import put_rows, take_rows
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class LayersParams(Params):
    blend: str = param(
        "over",
        choices=("over", "multiply", "screen"),
        doc="how each layer meets the ones below it",
    )
    opacity: float = param(1.0, range=(0.0, 1.0), doc="opacity of every layer above the first")


@operator(
    "layout.layers",
    kind="field",
    version=1,
    inputs=(Input("layers", "bottom to top", "fields.value_noise", variadic=True, min_count=1),),
    output="rgba",
    bounds_from="layers",
    tags=("compose", "stack", "叠加"),
)
def layers(p: LayersParams, call: Call) -> np.ndarray:
    """Stack layers bottom to top (Porter-Duff *over*, or multiply/screen).

    Layers with one channel are taken as opaque grey.

    References
    ----------
    Porter & Duff 1984, "Compositing digital images", SIGGRAPH.
    """
    if p.blend != "over":
        return _blend(p, call)
    if call.x.size <= _CHUNK:
        return _over(p, call, call.x, call.y)
    x, y = call.x.ravel(), call.y.ravel()
    out = np.empty((x.size, 4), np.float32)
    for s in range(0, x.size, _CHUNK):
        part = slice(s, s + _CHUNK)
        out[part] = _over(p, call, x[part], y[part])
    return out.reshape(*call.x.shape, 4)


# Points composited at once: the layers of a chunk are all held until the lowest is in.
_CHUNK = 1 << 17


def _over(p: LayersParams, call: Call, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The layers stacked *over* each other at points ``(x, y)``.

    Each layer is evaluated only where it can be non-zero (its declared bounds) and
    where no layer above it is opaque: there, ``over`` multiplies what lies below by
    exactly zero, so leaving it out changes no bit of the result. The layers are
    evaluated top first, then composited bottom up as always.
    """
    xf, yf = x.reshape(-1), y.reshape(-1)
    op = np.float32(p.opacity)
    hidden: np.ndarray | None = None  # under an opaque layer
    parts: list[tuple[np.ndarray | None, np.ndarray]] = []  # (points or all, RGBA), top first
    for i in range(call.input_count("layers") - 1, -1, -1):
        where = call.input_support("layers", x, y, index=i)
        if hidden is not None:
            where = ~hidden if where is None else where.reshape(-1) & ~hidden
        idx = None if where is None else np.flatnonzero(where)
        if idx is not None and idx.size == xf.size:
            idx = None
        if idx is None:
            values = as_rgba(call.input("layers", x, y, index=i)).reshape(-1, 4)
        elif idx.size:
            values = as_rgba(call.input("layers", xf[idx], yf[idx], index=i))
        else:
            continue
        if i and op != 1.0:
            values = values * op
        parts.append((idx, values))
        opaque = values[:, 3] == 1.0
        if i and np.count_nonzero(opaque) * 16 >= xf.size:
            if hidden is None:
                hidden = np.zeros(xf.size, bool)
            hidden[opaque if idx is None else idx[opaque]] = True
    out = np.zeros((xf.size, 4), np.float32)  # nothing, where the lowest layer is left out
    for n, (idx, values) in enumerate(reversed(parts)):
        if n == 0:  # over nothing: the layer itself
            out[slice(None) if idx is None else idx] = values
        elif idx is None:
            over(values, out, into_bottom=True)
        else:
            put_rows(out, idx, over(values, take_rows(out, idx), into_bottom=True))
    return out.reshape(*x.shape, 4)


def _blend(p: LayersParams, call: Call) -> np.ndarray:
    """Multiply or screen each layer into the ones below it, bottom up."""
    out = as_rgba(call.input("layers", index=0)).copy()
    op = np.float32(p.opacity)
    for i in range(1, call.input_count("layers")):
        top = as_rgba(call.input("layers", index=i))
        if op != 1.0:
            top = top * op
        a = top[..., 3:4]
        # Blend on colour where the top layer is present, then composite.
        base = out[..., :3]
        top_c = np.divide(top[..., :3], a, out=np.zeros_like(top[..., :3]), where=a > 0)
        mixed = base * top_c if p.blend == "multiply" else base + top_c - base * top_c
        out[..., :3] = base * (1 - a) + mixed * a
        out[..., 3:4] = a + out[..., 3:4] * (1 - a)
    return out


def _place_bounds(p: PlaceParams) -> tuple[float, float, float, float]:
    a = math.radians(p.rotation)
    h = 0.5 * p.size * (abs(math.cos(a)) + abs(math.sin(a)))
    return (p.x - h, p.y - h, p.x + h, p.y + h)


@dataclass(frozen=True)
class PlaceParams(Params):
    x: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    y: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")
    size: float = param(0.5, range=(0.001, 10.0), doc="width of the motif box", unit="design units")
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="clockwise turn", unit="degrees")
    mirror: bool = param(False, doc="flip left to right")


@operator(
    "layout.place",
    kind="field",
    version=1,
    inputs=(Input("motif", "what to place (its unit box)", "motifs.plum_blossom"),),
    output="rgba",
    bounds=_place_bounds,
    tags=("placement", "position", "scale", "rotate", "定位"),
)
def place(p: PlaceParams, call: Call) -> np.ndarray:
    """Placement: one motif, moved, scaled, turned and optionally mirrored.

    The motif's unit box is centred on ``(x, y)`` and made ``size`` wide; outside
    the box the result is transparent (a field motif is cut to its box).

    References
    ----------
    Affine transforms of the plane (Foley, van Dam et al. 1990, ch. 5).
    """
    u, v, inv = to_motif(call.x, call.y, cx=p.x, cy=p.y, size=p.size, rotation=p.rotation)
    if p.mirror:
        u = 1.0 - u
    fp = call.footprint * inv
    # Coverage of the box edge, anti-aliased over one output pixel.
    edge = np.minimum(np.minimum(u, 1.0 - u), np.minimum(v, 1.0 - v))
    cover = np.clip(edge / fp + 0.5, 0.0, 1.0).astype(np.float32)
    out = np.zeros((*u.shape, 4), np.float32)
    inside = cover > 0
    if inside.any():
        values = as_rgba(call.input("motif", u[inside], v[inside], fp))
        put_rows(out, inside, values * cover[inside][:, None])
    return out
