"""Displacement map: the source pushed around by the values of another image."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._warp import sample_anisotropic

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["displacement"]


@dataclass(frozen=True)
class DisplacementParams(Params):
    mode: str = param(
        "slope",
        choices=("direction", "channels", "slope"),
        doc="direction: the map's value pushes along one direction; channels: red pushes "
        "across and green down (a value map pushes both ways alike); slope: the map is a "
        "relief and points slide down its slopes (folds, refraction through glass)",
    )
    scale: float = param(
        0.03,
        range=(0.0, 0.5),
        doc="push for a full swing of the map (value 0 to 1)",
        unit="design units",
    )
    angle: float = param(
        45.0, range=(-180.0, 180.0), doc="direction: where value 1 pushes", unit="degrees"
    )
    reach: float = param(
        0.01,
        range=(0.001, 0.1),
        doc="slope: distance over which the relief's slope is measured (softens it)",
        unit="design units",
    )


def _value(call: Call, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return as_value(call.input("map", x, y))[..., 0].astype(np.float64)


def _channels(call: Call, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    m = call.input("map", x, y)
    if m.shape[-1] == 1:
        v = m[..., 0].astype(np.float64)
        return v, v
    a = np.maximum(m[..., 3].astype(np.float64), 1e-12)
    r = np.where(m[..., 3] > 0, m[..., 0] / a, 0.5)
    g = np.where(m[..., 3] > 0, m[..., 1] / a, 0.5)
    return r, g


@operator(
    "transform.displacement",
    kind="field",
    version=1,
    inputs=(
        Input("source", "the image to displace", "weave.stripes"),
        Input(
            "map",
            "what pushes it (values; or red and green in 'channels')",
            "fields.value_noise",
        ),
    ),
    output="same",
    example_params={"scale": 0.15},
    tags=(
        "displace",
        "displacement map",
        "folds",
        "drape",
        "refraction",
        "distort",
        "置换",
        "位移贴图",
        "褶皱",
        "扭曲",
    ),
)
def displacement(p: DisplacementParams, call: Call) -> np.ndarray:
    """Displacement map: the source read at points pushed by another image's values.

    ``direction``: each point moves by ``scale * (m - 0.5)`` along ``angle``, ``m``
    the map's value there (0.5 does not move). ``channels``: the map's red and
    green push across and down (Photoshop's displacement map). ``slope``: the map
    is a relief and each point moves down its slope by ``scale`` per unit of rise
    over ``reach`` on either side, so a smooth map bends the source as folds of
    cloth or a rippled glass would. The source is read over each pixel's image under
    the displacement, from its Jacobian (estimated from the map one pixel, or one
    reach, away). With scale 0 the output is the source unchanged.

    References
    ----------
    Cook 1984, "Shade trees", SIGGRAPH (displacement maps); Photoshop "Displace"
    filter; Blinn 1978, "Simulation of wrinkled surfaces", SIGGRAPH (reliefs).
    """
    if p.scale == 0.0:
        return call.input("source")
    x, y = call.x, call.y
    s = p.scale
    if p.mode == "slope":
        d = p.reach
        h0 = _value(call, x, y)
        hxp, hxm = _value(call, x + d, y), _value(call, x - d, y)
        hyp, hym = _value(call, x, y + d), _value(call, x, y - d)
        hxy = _value(call, x + d, y + d)
        dx = -0.5 * s * (hxp - hxm)
        dy = -0.5 * s * (hyp - hym)
        # Jacobian of the push from the relief's second differences (over 'reach').
        k = -s / d
        jxx = k * (hxp - 2.0 * h0 + hxm)
        jyy = k * (hyp - 2.0 * h0 + hym)
        jxy = k * (hxy - hxp - hyp + h0)
        jac = (1.0 + jxx, jxy, jxy, 1.0 + jyy)
    else:
        h = max(call.footprint, 1e-9)
        if p.mode == "direction":
            t = math.radians(p.angle)
            ex, ey = math.cos(t), math.sin(t)
            m0 = _value(call, x, y)
            mx, my = _value(call, x + h, y), _value(call, x, y + h)
            dx = s * (m0 - 0.5) * ex
            dy = s * (m0 - 0.5) * ey
            gx, gy = s * (mx - m0) / h, s * (my - m0) / h
            jac = (1.0 + ex * gx, ex * gy, ey * gx, 1.0 + ey * gy)
        else:
            r0, g0 = _channels(call, x, y)
            r1, g1 = _channels(call, x + h, y)
            r2, g2 = _channels(call, x, y + h)
            dx = s * (r0 - 0.5)
            dy = s * (g0 - 0.5)
            jac = (
                1.0 + s * (r1 - r0) / h,
                s * (r2 - r0) / h,
                s * (g1 - g0) / h,
                1.0 + s * (g2 - g0) / h,
            )
    return sample_anisotropic(call, "source", x + dx, y + dy, jac)
