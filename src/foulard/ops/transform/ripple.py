"""Ripple: the source displaced by a sine wave, in parallel fronts or rings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._warp import radial_jacobian, sample_anisotropic

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["ripple"]


@dataclass(frozen=True)
class RippleParams(Params):
    mode: str = param(
        "linear",
        choices=("linear", "radial"),
        doc="linear: parallel wave fronts; radial: rings spreading from a centre",
    )
    amplitude: float = param(
        0.012, range=(0.0, 0.1), doc="largest displacement", unit="design units"
    )
    wavelength: float = param(
        0.08, range=(0.005, 1.0), doc="distance between wave crests", unit="design units"
    )
    angle: float = param(
        90.0,
        range=(-180.0, 180.0),
        doc="linear: direction the waves travel (0: across, 90: down)",
        unit="degrees",
    )
    transverse: bool = param(
        True,
        doc="displace across the travel direction (lines wiggle); off: along it "
        "(bands crowd and thin out)",
    )
    phase: float = param(0.0, range=(-360.0, 360.0), doc="shift of the wave", unit="degrees")
    x: float = param(0.5, range=(-1.0, 2.0), doc="radial: centre, across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="radial: centre, down", unit="design units")
    decay: float = param(
        0.0,
        range=(0.0, 20.0),
        doc="radial: fading of the rings with distance (per design unit; 0: none)",
    )


@operator(
    "transform.ripple",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to ripple", "ornament.seigaiha"),),
    output="same",
    tags=("ripple", "wave", "wavy", "water", "moire", "波纹", "水波", "涟漪", "波浪"),
)
def ripple(p: RippleParams, call: Call) -> np.ndarray:
    """Ripple: a sinusoidal displacement, along parallel fronts or in rings.

    ``linear``: a point is moved by ``amplitude * sin(2 pi s / wavelength + phase)``,
    where ``s`` is its distance along the travel direction, across that direction
    (``transverse``: straight lines across the fronts wiggle) or along it (bands
    crowd together and spread apart, like moire). ``radial``: rings from a centre,
    the displacement pointing outwards, eased in near the centre (no tear) and
    optionally fading with distance. The source is read over each pixel's image
    under the displacement (from its Jacobian). With amplitude 0 the output is the
    source unchanged.

    References
    ----------
    Wolberg 1990, *Digital Image Warping*, IEEE Computer Society Press, ch. 3;
    Photoshop "Ripple" and "ZigZag" distortion filters.
    """
    if p.amplitude == 0.0:
        return call.input("source")
    k = 2.0 * math.pi / p.wavelength
    ph = math.radians(p.phase)
    a = p.amplitude
    if p.mode == "linear":
        t = math.radians(p.angle)
        ex, ey = math.cos(t), math.sin(t)  # travel direction
        dx, dy = (-ey, ex) if p.transverse else (ex, ey)  # displacement direction
        s = call.x * ex + call.y * ey
        arg = k * s + ph
        d = a * np.sin(arg)
        g = a * k * np.cos(arg)  # d(displacement)/ds
        jac = (1.0 + g * dx * ex, g * dx * ey, g * dy * ex, 1.0 + g * dy * ey)
        return sample_anisotropic(call, "source", call.x + d * dx, call.y + d * dy, jac)
    rx = call.x - p.x
    ry = call.y - p.y
    r = np.hypot(rx, ry)
    safe = np.maximum(r, 1e-12)
    # Eased in over the first wavelength, so the centre is not torn open.
    ease = 1.0 - np.exp(-((r / p.wavelength) ** 2))
    dease = 2.0 * r / p.wavelength**2 * (1.0 - ease)
    fade = np.exp(-p.decay * r) if p.decay > 0.0 else 1.0
    dfade = -p.decay * fade
    arg = k * r + ph
    amp = a * ease * fade
    d = amp * np.sin(arg)
    dd = a * (dease * fade + ease * dfade) * np.sin(arg) + amp * k * np.cos(arg)
    ux, uy = rx / safe, ry / safe
    # Radial map r -> r + d(r): stretch 1 + d' outwards, 1 + d / r round.
    jac = radial_jacobian(ux, uy, 1.0 + dd, 1.0 + d / safe)
    return sample_anisotropic(call, "source", call.x + d * ux, call.y + d * uy, jac)
