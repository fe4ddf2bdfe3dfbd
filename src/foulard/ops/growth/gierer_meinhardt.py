"""Gierer-Meinhardt activator-inhibitor model: Turing spots, stripes and holes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.grid import GridSpec
from foulard.ops.growth._spectral import (
    Diffuser,
    fastest_wavelength,
    normalise,
    numeric_jacobian,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

DT = 0.5  # time step; the reaction is explicit and stable below about 1 / nu
CELLS_PER_WAVE = 9.0
NU = 2.0  # inhibitor turnover relative to the activator's


@dataclass(frozen=True)
class GiererMeinhardtParams(Params):
    wavelength: float = param(
        0.06,
        range=(0.03, 0.25),
        doc="distance between neighbouring spots or stripes",
        unit="design units",
    )
    saturation: float = param(
        0.06,
        range=(0.0, 0.4),
        doc="activator saturation kappa: 0 sharp spots, ~0.1 spots and stripes, "
        "~0.25 stripes, higher: holes",
    )
    ratio: float = param(
        40.0, range=(15.0, 100.0), doc="inhibitor diffusion over activator diffusion"
    )
    steps: int = param(400, range=(20, 1000), doc="time steps (dt = 0.5) simulated")


def _reaction(kappa: float):
    def f(a: float, h: float) -> tuple[float, float]:
        return a * a / (h * (1.0 + kappa * a * a)) - a, NU * (a * a - h)

    return f


def uniform_state(kappa: float) -> tuple[float, float]:
    """The uniform steady state: a (1 + kappa a^2) = 1, h = a^2."""
    a = 1.0
    for _ in range(60):  # Newton on kappa a^3 + a - 1 = 0 (one positive root)
        a -= (kappa * a**3 + a - 1.0) / (3.0 * kappa * a * a + 1.0)
    return a, a * a


def _layout(p: GiererMeinhardtParams) -> tuple[int, float]:
    """Grid cells across the unit square and the activator diffusion rate (cells^2/step)."""
    cells = int(np.clip(round(CELLS_PER_WAVE / p.wavelength), 32, 256))
    a, h = uniform_state(p.saturation)
    jac = numeric_jacobian(_reaction(p.saturation), a, h)
    base = fastest_wavelength(jac, 1.0, p.ratio)  # cells, at unit activator diffusion
    want = p.wavelength * cells
    return cells, (want / base) ** 2


def _grid(p: GiererMeinhardtParams) -> GridSpec:
    return GridSpec.unit(_layout(p)[0], periodic=True)


def simulate(
    p: GiererMeinhardtParams, rng: np.random.Generator, cells: int, da: float
) -> np.ndarray:
    """The activator after ``steps`` semi-implicit steps from a jittered uniform state."""
    f32 = np.float32
    a0, h0 = uniform_state(p.saturation)
    a = (a0 * (1.0 + 0.02 * rng.standard_normal((cells, cells)))).astype(f32)
    h = np.full((cells, cells), h0, f32)
    diffuse = Diffuser(cells, DT, {"a": da, "h": da * p.ratio})
    kappa, dt, nu = f32(p.saturation), f32(DT), f32(NU)
    tiny = f32(1e-4)
    for _ in range(p.steps):
        a2 = a * a
        fa = a2 / (h * (f32(1.0) + kappa * a2)) - a
        fh = nu * (a2 - h)
        a = diffuse("a", a + dt * fa)
        h = diffuse("h", h + dt * fh)
        np.maximum(a, f32(0.0), out=a)
        np.maximum(h, tiny, out=h)
    return a


@operator(
    "growth.gierer_meinhardt",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "turing pattern",
        "activator inhibitor",
        "spots",
        "stripes",
        "leopard",
        "fingerprint",
        "图灵斑图",
        "斑点",
        "条纹",
        "豹纹",
    ),
)
def gierer_meinhardt(p: GiererMeinhardtParams, call: GridCall) -> np.ndarray:
    """Gierer-Meinhardt reaction-diffusion: a short-range activator, a long-range inhibitor.

    ``da/dt = a^2 / (h (1 + kappa a^2)) - a + Da lap a`` and
    ``dh/dt = nu (a^2 - h) + Dh lap h`` (nu = 2). The activator makes more of itself
    and of its inhibitor, which diffuses ``ratio`` times faster: from a jittered
    uniform state (the node's generator) Turing's instability grows spots. Saturation
    ``kappa`` of the autocatalysis turns the spots into stripes (about 0.25) and then
    into holes. The activator's diffusion is set from the linear dispersion relation
    so that the fastest-growing mode has the requested ``wavelength``; the grid has
    about nine cells per wavelength (at most 256 across) and wraps, so the pattern
    tiles. Diffusion is solved implicitly in Fourier space (stable at any ratio).
    The output is the activator, scaled to span [0, 1].

    References
    ----------
    Gierer & Meinhardt 1972, "A theory of biological pattern formation", Kybernetik
    12(1).
    Meinhardt 1982, *Models of Biological Pattern Formation*, Academic Press.
    Koch & Meinhardt 1994, "Biological pattern formation: from basic mechanisms to
    complex structures", Reviews of Modern Physics 66(4).
    """
    cells = call.grid.width
    _, da = _layout(p)
    return normalise(simulate(p, call.rng, cells, da))
