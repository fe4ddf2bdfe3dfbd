"""Polar coordinates: a stripe or a band wrapped into a ring, or a ring unrolled."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._warp import sample_anisotropic

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["polar"]


@dataclass(frozen=True)
class PolarParams(Params):
    direction: str = param(
        "to_polar",
        choices=("to_polar", "to_cartesian"),
        doc="to_polar: the source's width goes round the centre and its height outwards "
        "(stripes become rings); to_cartesian: the inverse (rings unrolled into stripes)",
    )
    x: float = param(0.5, range=(-1.0, 2.0), doc="centre, across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="centre, down", unit="design units")
    radius: float = param(
        0.5,
        range=(0.01, 4.0),
        doc="distance from the centre that the source's full height spans",
        unit="design units",
    )
    repeats: int = param(1, range=(1, 64), doc="times the source's width goes round the circle")
    rotation: float = param(
        0.0, range=(-360.0, 360.0), doc="turn of the seam (where the width starts)", unit="degrees"
    )
    invert: bool = param(False, doc="the source's top edge at the rim, not at the centre")


@operator(
    "transform.polar",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the image to wrap (its width goes round, its height outwards)",
            "symmetry.frieze_p2mg",
            example_params={"repeats": 3, "height": 0.28, "y": 0.7},
        ),
    ),
    output="same",
    example_params={"repeats": 4},
    tags=(
        "polar",
        "ring",
        "wreath",
        "medallion",
        "radial",
        "circular",
        "极坐标",
        "环形",
        "圆环",
        "团花",
    ),
)
def polar(p: PolarParams, call: Call) -> np.ndarray:
    """Polar coordinates: rectangular to polar (a band becomes a ring) and back.

    ``to_polar`` reads, at a point at angle ``phi`` and distance ``r`` from the centre,
    the source at ``u = repeats * phi / 2 pi`` (wrapped into [0, 1), so the source's
    width goes round ``repeats`` times) and ``v = r / radius``: horizontal stripes
    become rings and a frieze becomes a wreath or a medallion. ``to_cartesian`` is
    the inverse: the unit square's x is the angle and y the distance, so a ring
    unrolls into a band, and applying one after the other gives the source back
    (with one repeat). The source is read over each pixel's image under the map
    (the angular stretch, ``repeats / (2 pi r)``, grows without bound at the
    centre, where the source is averaged instead of aliased).

    References
    ----------
    Photoshop "Polar Coordinates" filter; Wolberg 1990, *Digital Image Warping*,
    IEEE Computer Society Press, ch. 3 (polar remapping).
    """
    n = float(p.repeats)
    offset = p.rotation / 360.0
    if p.direction == "to_polar":
        dx = call.x - p.x
        dy = call.y - p.y
        r = np.hypot(dx, dy)
        phi = np.arctan2(dy, dx)
        u = wrap01(phi * (n / (2.0 * math.pi)) + offset)
        t = r / p.radius
        v = 1.0 - t if p.invert else t
        # du/dp = n / (2 pi r^2) (-dy, dx); dv/dp = +-(dx, dy) / (r radius).
        r = np.maximum(r, 1e-12)
        ku = n / (2.0 * math.pi * r * r)
        kv = (-1.0 if p.invert else 1.0) / (r * p.radius)
        return sample_anisotropic(call, "source", u, v, (-ku * dy, ku * dx, kv * dx, kv * dy))
    t = 1.0 - call.y if p.invert else call.y
    r = t * p.radius
    phi = (call.x - offset) * (2.0 * math.pi / n)
    u = p.x + r * np.cos(phi)
    v = p.y + r * np.sin(phi)
    w = 2.0 * math.pi / n
    k = -p.radius if p.invert else p.radius
    c, s = np.cos(phi), np.sin(phi)
    return sample_anisotropic(call, "source", u, v, (-r * w * s, k * c, r * w * c, k * s))
