"""Domain warping: sample any field at points pushed around by another field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class DomainWarpParams(Params):
    strength: float = param(
        0.1,
        range=(0.0, 2.0),
        doc="how far the warp pushes points (a warp value of 1 moves by strength / 2)",
        unit="design units",
    )
    levels: int = param(
        2, range=(1, 4), doc="nested warps: each level warps the points the previous one moved"
    )


def _prepare(p: DomainWarpParams, rng: np.random.Generator) -> np.ndarray:
    # Where the warp field is read for each displacement component: (levels, 2, 2).
    # Component x of level 0 reads the warp at p itself, as in Quilez's article.
    offsets = rng.random((p.levels, 2, 2)) * 8.0
    offsets[0, 0] = 0.0
    return offsets


@operator(
    "fields.domain_warp",
    kind="field",
    version=1,
    inputs=(
        Input("source", "the field or image that is warped", "fields.sine_grating"),
        Input(
            "warp", "the field that pushes points (values in [0, 1], 0.5: no push)", "fields.fbm"
        ),
    ),
    output="same",
    prepare=_prepare,
    tags=("warp", "distort", "marble", "swirl", "smoke", "扭曲", "大理石纹"),
)
def domain_warp(p: DomainWarpParams, call: Call) -> np.ndarray:
    """Domain warp: ``source(p + strength * (w(p) - 0.5, w(p + o) - 0.5))``, nestable.

    The warp field ``w`` is read twice per level (the second time at a shifted
    point, so the two components differ) and moves the point where the source is
    sampled. With ``levels`` > 1 each level reads the warp at the point the
    previous level produced, as in Quilez's ``f(p + 4 r)``, ``r = w(p + 4 q)``,
    ``q = w(p)``: swirls within swirls, marbled and smoky. With strength 0 the
    output is the source unchanged. The output has the source's channels.

    References
    ----------
    Quilez 2002, "Domain warping", https://iquilezles.org/articles/warp/.
    Ebert, Musgrave, Peachey, Perlin & Worley 2003, *Texturing & Modeling*, ch. 2
    (turbulence-perturbed marble).
    """
    x, y = call.x, call.y
    s = p.strength
    dx = dy = None
    for level in range(p.levels):
        (ax, ay), (bx, by) = call.state[level]
        qx, qy = (x, y) if dx is None else (x + dx, y + dy)
        u = as_value(call.input("warp", qx + ax, qy + ay))[..., 0].astype(np.float64)
        v = as_value(call.input("warp", qx + bx, qy + by))[..., 0].astype(np.float64)
        dx = s * (u - 0.5)
        dy = s * (v - 0.5)
    return call.input("source", x + dx, y + dy)
