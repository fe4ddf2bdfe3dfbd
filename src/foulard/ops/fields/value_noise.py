"""Value noise: random values on a lattice, smoothly interpolated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class ValueNoiseParams(Params):
    frequency: int = param(8, range=(1, 512), doc="lattice cells across the unit square")
    interpolation: str = param(
        "quintic", choices=("linear", "cubic", "quintic"), doc="how cells blend"
    )


def _prepare(p: ValueNoiseParams, rng: np.random.Generator) -> np.ndarray:
    return rng.random((p.frequency, p.frequency))


def _fade(t: np.ndarray, how: str) -> np.ndarray:
    if how == "linear":
        return t
    if how == "cubic":
        return t * t * (3.0 - 2.0 * t)
    return t * t * t * (t * (t * 6.0 - 15.0) + 10.0)


@operator(
    "fields.value_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=("noise", "clouds", "soft", "噪声"),
)
def value_noise(p: ValueNoiseParams, call: Call) -> np.ndarray:
    """Value noise: random lattice values, smoothly interpolated (soft, blobby).

    The lattice wraps around the unit square, so the field tiles with period 1.

    References
    ----------
    Ebert, Musgrave, Peachey, Perlin & Worley 2003, *Texturing & Modeling*, ch. 2.
    """
    table = call.state
    n = p.frequency
    gx = wrap01(call.x) * n
    gy = wrap01(call.y) * n
    ix = np.floor(gx).astype(np.int64)
    iy = np.floor(gy).astype(np.int64)
    fx = _fade(gx - ix, p.interpolation)
    fy = _fade(gy - iy, p.interpolation)
    x0, y0 = ix % n, iy % n
    x1, y1 = (ix + 1) % n, (iy + 1) % n
    top = table[y0, x0] * (1 - fx) + table[y0, x1] * fx
    bottom = table[y1, x0] * (1 - fx) + table[y1, x1] * fx
    return (top * (1 - fy) + bottom * fy).astype(np.float32)
