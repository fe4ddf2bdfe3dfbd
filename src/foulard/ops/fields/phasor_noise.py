"""Phasor noise: the phase of a complex Gabor noise, drawn with a stripe profile."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.fields._flow import FlowParams, make_flow
from foulard.ops.fields._sparse_gabor import build, convolve
from foulard.ops.fields.sine_grating import profile_value
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["phasor_noise"]

# Kernels reach further than Gabor noise's (envelope 0.01 at the cut, not 0.05):
# where few kernels overlap, their edges would show as seams in the phase.
_TRUNCATE = 0.01


@dataclass(frozen=True)
class PhasorNoiseParams(Params):
    frequency: float = param(
        30.0,
        range=(4.0, 256.0),
        doc="stripes per design unit",
        unit="cycles per design unit",
    )
    bandwidth: float = param(
        0.5,
        range=(0.25, 1.0),
        doc="kernel envelope width a over frequency: small gives long smooth stripes",
    )
    orientation: str = param(
        "noise",
        choices=("fixed", "noise", "random", "concentric", "radial"),
        doc="stripe directions: one angle, a smooth noise field (fingerprint), random "
        "per kernel (labyrinth), rings or spokes about the centre of the square",
    )
    angle: float = param(
        0.0, range=(-180.0, 180.0), doc="'fixed': direction the stripes run", unit="degrees"
    )
    spread: float = param(
        10.0,
        range=(0.0, 180.0),
        doc="random turn of each kernel about its direction",
        unit="degrees",
    )
    scale: float = param(
        0.5,
        range=(0.08, 1.0),
        doc="'noise': size of the regions of one stripe direction",
        unit="design units",
    )
    profile: str = param(
        "sine", choices=("sine", "square", "triangle"), doc="cross-section of a stripe"
    )
    duty: float = param(0.5, range=(0.05, 0.95), doc="share of each period that is bright")
    density: float = param(
        3.0, range=(0.5, 8.0), doc="kernels per square the size of a kernel's radius"
    )


def _prepare(p: PhasorNoiseParams, rng: np.random.Generator):
    half = math.radians(p.spread) / 2.0
    mode = p.orientation
    flow = make_flow(FlowParams(scale=p.scale), rng) if mode == "noise" else None

    def orientation(gx, gy, rng):
        jitter = rng.uniform(-half, half, gx.shape)
        if mode == "fixed":
            # Stripes run along the angle: the wave vector is perpendicular to it.
            base = math.radians(p.angle + 90.0)
        elif mode == "random":
            base = rng.uniform(0.0, math.pi, gx.shape)
        elif mode == "noise":
            psi, _, _ = flow.stream(gx, gy, gradient=False)
            # One standard deviation of the noise turns the stripes a quarter turn.
            base = psi.astype(np.float64) * (0.5 * math.pi / flow.psi_rms)
        else:
            # About the centre of the square (with the lattice's period 1).
            dx = wrap01(gx + 0.5) - 0.5
            dy = wrap01(gy + 0.5) - 0.5
            base = np.arctan2(dy, dx) + (0.0 if mode == "concentric" else 0.5 * math.pi)
        return base + jitter

    return build(
        rng,
        a=p.bandwidth * p.frequency,
        frequency=p.frequency,
        density=p.density,
        orientation=orientation,
        truncate=_TRUNCATE,
    )


@operator(
    "fields.phasor_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "phasor noise",
        "fingerprint",
        "labyrinth",
        "maze",
        "zebra",
        "stripes",
        "指纹",
        "迷宫纹",
        "斑马纹",
        "条纹",
    ),
)
def phasor_noise(p: PhasorNoiseParams, call: Call) -> np.ndarray:
    """Phasor noise: stripes of full contrast along a noisy phase (fingerprints, mazes).

    A complex Gabor noise ``G = sum w exp(-pi a^2 |d|^2) exp(i (k . d + phi))`` is
    summed from random kernels; its phase arg(G) runs along the kernels' wave
    vectors almost like a plane wave's, but bends and forks where kernels of
    different direction meet. A periodic profile of the phase (sine, square,
    triangle, with ``duty``) gives stripes of constant contrast everywhere,
    which plain Gabor noise cannot. The kernels' directions come from
    ``orientation``: one angle (wavy parallel stripes), a smooth periodic noise
    (fingerprint whorls), random per kernel (a labyrinth), or rings and spokes
    about the centre. The lattice of impulses wraps, so the field tiles the unit
    square. The profile is box-filtered over the pixel along the phase, whose
    rate is the kernels' frequency, so stripes finer than a pixel fade to their
    mean.

    References
    ----------
    Tricard, Efremov, Zanni, Neyret, Martínez & Lefebvre 2019, "Procedural phasor
    noise", ACM TOG 38(4) (SIGGRAPH).
    Lagae, Lefebvre, Drettakis & Dutré 2009, "Procedural noise using sparse Gabor
    convolution", SIGGRAPH.
    """
    re, im = convolve(call.state, call.x, call.y)
    phase = np.arctan2(im, re).astype(np.float64) * (1.0 / (2.0 * math.pi))
    width = np.full(phase.shape, p.frequency * call.footprint)
    # The filter differences an integral: clip its last-bit overshoot.
    return np.clip(profile_value(p.profile, p.duty, phase, width), 0.0, 1.0).astype(np.float32)
