"""Curl noise: a divergence-free flow from a noise potential, shown by its streamlines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import erf

from foulard.ops._common.chunks import in_chunks
from foulard.ops.fields._flow import FlowParams, make_flow
from foulard.ops.fields.sine_grating import profile_value
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["curl_noise"]


@dataclass(frozen=True)
class CurlNoiseParams(Params):
    scale: float = param(
        0.3,
        range=(0.08, 1.0),
        doc="size of the swirls (wavelength of the potential)",
        unit="design units",
    )
    modes: int = param(24, range=(4, 64), doc="Fourier modes in the potential (more: less regular)")
    view: str = param(
        "streamlines",
        choices=("streamlines", "stream", "speed"),
        doc="streamlines as bands, the stream function itself, or the flow's speed",
    )
    spacing: float = param(
        0.02,
        range=(0.003, 0.2),
        doc="distance between streamlines where the flow runs at its typical speed",
        unit="design units",
    )
    profile: str = param(
        "sine", choices=("sine", "square", "triangle"), doc="cross-section of a streamline band"
    )
    duty: float = param(0.35, range=(0.05, 0.95), doc="share of each band that is bright")


def _prepare(p: CurlNoiseParams, rng: np.random.Generator):
    return make_flow(FlowParams(flow="curl", scale=p.scale, modes=p.modes), rng)


@operator(
    "fields.curl_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "curl noise",
        "flow",
        "swirl",
        "streamlines",
        "marbled",
        "liquid",
        "旋涡",
        "流线",
        "流动",
        "水纹",
    ),
    example_params={"profile": "square", "duty": 0.3},
)
def curl_noise(p: CurlNoiseParams, call: Call) -> np.ndarray:
    """Curl noise: the divergence-free flow of a noise potential, drawn as its streamlines.

    The potential psi is a random Fourier series with whole-number wave vectors
    (so it tiles the unit square), about ``scale`` per swirl. The flow
    ``v = (d psi / dy, -d psi / dx)`` has zero divergence: it swirls but never
    sinks, and its streamlines are exactly the level sets of psi. ``streamlines``
    draws those as bands, evenly spaced in psi: where the flow runs fast the
    lines crowd together, where it slows they part, as in stirred ink. Each band
    is box-filtered over the pixel along the gradient of psi (which is the
    speed), so lines stay smooth at any resolution. ``stream`` shows psi itself
    through the normal CDF of its RMS (0.5 is the mean, values spread evenly),
    ``speed`` the flow's speed (0 still, 0.5 at the typical speed, towards 1
    faster).

    References
    ----------
    Bridson, Hourihan & Nordenstam 2007, "Curl-noise for procedural fluid flow",
    SIGGRAPH.
    """
    return in_chunks(_value, call.x, call.y, p, call.state, call.footprint)


def _value(x, y, p: CurlNoiseParams, flow, footprint: float) -> np.ndarray:
    psi, gx, gy = flow.stream(x, y)
    grad = np.hypot(gx, gy)
    if p.view == "stream":
        return 0.5 + 0.5 * erf(psi * np.float32(1.0 / (flow.psi_rms * math.sqrt(2.0))))
    if p.view == "speed":
        return grad / (grad + flow.speed_rms)  # 0.5 at the typical speed
    cycles_per_psi = 1.0 / (flow.speed_rms * p.spacing)
    phase = psi.astype(np.float64) * cycles_per_psi
    width = grad.astype(np.float64) * (cycles_per_psi * footprint)
    # The filter differences an integral: clip its last-bit overshoot.
    return np.clip(profile_value(p.profile, p.duty, phase, width), 0.0, 1.0)
