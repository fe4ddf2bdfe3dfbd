"""Excitable medium (Barkley model): rotating spiral waves, the Belousov-Zhabotinsky look."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage

from foulard.ops._common.grid import GridSpec
from foulard.ops.growth._stencil import periodic_laplacian
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

A = 0.75  # Barkley's a: the recovery variable's scale
EPSILON = 0.04  # time scale of the fast variable
SPACING = 1.0  # grid spacing in model units (the front is resolved at this spacing)
WAVE = 37.0  # distance between successive arms, in model units (measured, b = 0.02)


@dataclass(frozen=True)
class ExcitableSpiralsParams(Params):
    wavelength: float = param(
        0.17,
        range=(0.15, 0.5),
        doc="distance between successive arms of a spiral",
        unit="design units",
    )
    spirals: int = param(12, range=(1, 24), doc="about how many spiral cores are seeded")
    threshold: float = param(
        0.02,
        range=(0.005, 0.04),
        doc="Barkley's b: higher makes the medium harder to excite (thinner, sparser waves)",
    )
    time: float = param(
        40.0, range=(5.0, 80.0), doc="model time simulated (waves travel ~1 unit per unit)"
    )
    field: str = param(
        "wave",
        choices=("wave", "recovery"),
        doc="the sharp excited fronts, or the soft recovery variable behind them",
    )


def _cells(p: ExcitableSpiralsParams) -> int:
    return int(np.clip(round(WAVE / p.wavelength / SPACING), 64, 256))


def _grid(p: ExcitableSpiralsParams) -> GridSpec:
    return GridSpec.unit(_cells(p), periodic=True)


def initial_state(
    p: ExcitableSpiralsParams, rng: np.random.Generator, n: int, density: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Broken waves around the phase singularities of a smooth random complex field.

    The phase of a smoothed complex noise winds by a full turn around each of its
    zeros; exciting a band of phase and grading the recovery variable behind it
    gives a wave that ends at every zero, and each end curls into a spiral.
    """
    sigma = n / (2.5 * math.sqrt(p.spirals * density))
    re = ndimage.gaussian_filter(rng.standard_normal((n, n)), sigma, mode="wrap")
    im = ndimage.gaussian_filter(rng.standard_normal((n, n)), sigma, mode="wrap")
    phase = np.mod(np.arctan2(im, re) / (2.0 * math.pi), 1.0)
    u = (phase < 0.15).astype(np.float32)
    v = (0.8 * A * phase).astype(np.float32)
    return u, v


def simulate(
    p: ExcitableSpiralsParams, u: np.ndarray, v: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Explicit Euler steps of Barkley's model on a torus, in place."""
    f32 = np.float32
    h = SPACING
    dt = min(0.8 * EPSILON, 0.2 * h * h)
    steps = math.ceil(p.time / dt)
    lap = np.empty_like(u)
    k = f32(dt / (h * h))
    rate = f32(dt / EPSILON)
    inv_a, b_a = f32(1.0 / A), f32(p.threshold / A)
    dtf = f32(dt)
    tmp = np.empty_like(u)
    for _ in range(steps):
        periodic_laplacian(u, lap)
        # du = u (1 - u) (u - (v + b) / a) / eps + lap u
        np.multiply(v, inv_a, out=tmp)
        tmp += b_a
        np.subtract(u, tmp, out=tmp)
        tmp *= u
        tmp *= f32(1.0) - u
        tmp *= rate
        tmp += k * lap
        # dv = u - v
        v += dtf * (u - v)
        u += tmp
        np.clip(u, f32(0.0), f32(1.0), out=u)
    return u, v


@operator(
    "growth.excitable_spirals",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "spiral waves",
        "belousov zhabotinsky",
        "bz reaction",
        "excitable medium",
        "swirl",
        "螺旋波",
        "漩涡纹",
        "旋涡",
    ),
)
def excitable_spirals(p: ExcitableSpiralsParams, call: GridCall) -> np.ndarray:
    """Excitable medium: rotating spiral waves (Barkley's model of the BZ reaction).

    ``du/dt = u (1 - u) (u - (v + b) / a) / eps + lap u`` and ``dv/dt = u - v``
    (a = 0.75, eps = 0.04). A cell fires when its neighbours fire, then stays
    refractory while ``v`` recovers, so waves travel and annihilate when they meet;
    a broken wave end curls into a rotating spiral. The start is a set of broken
    waves ending at the phase singularities of a smooth random field (about
    ``spirals`` of them, from the node's generator; if their waves all annihilate,
    the start is drawn again with more of them). The grid resolves the wave
    fronts (one model unit per cell) and is sized so that arms lie ``wavelength``
    apart in the design; it wraps, so the pattern tiles. ``threshold`` is Barkley's
    b. The output is the excited fronts (``wave``, u in [0, 1]) or the recovery
    variable (``recovery``, v / a: softer bands).

    References
    ----------
    Barkley 1991, "A model for fast computer simulation of waves in excitable
    media", Physica D 49(1-2).
    FitzHugh 1961, "Impulses and physiological states in theoretical models of
    nerve membrane", Biophysical Journal 1(6).
    Winfree 1972, "Spiral waves of chemical activity", Science 175(4022).
    """
    n = call.grid.width
    for attempt in range(3):
        # Few cores of opposite turn can annihilate and leave a dead medium: then
        # start again with more of them.
        u, v = initial_state(p, call.rng, n, 2.0**attempt)
        u, v = simulate(p, u, v)
        if u.max() > 0.5:
            break
    out = u if p.field == "wave" else v * np.float32(1.0 / A)
    return np.clip(out, 0.0, 1.0)
