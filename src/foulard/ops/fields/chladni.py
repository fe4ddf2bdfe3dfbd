"""Chladni figures: the nodal lines of a vibrating square or round plate."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import jnp_zeros, jv, jvp

from foulard.ops._common.chunks import in_chunks
from foulard.ops._common.geometry import wrap01
from foulard.ops.fields._lines import line_coverage
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["chladni", "mode_function"]


@dataclass(frozen=True)
class ChladniParams(Params):
    plate: str = param(
        "square",
        choices=("square", "disc"),
        doc="a square plate over the unit square, or a round one inscribed in it",
    )
    n: int = param(4, range=(0, 24), doc="square: first wave number; disc: nodal diameters")
    m: int = param(9, range=(1, 24), doc="square: second wave number; disc: nodal circles")
    mix: float = param(
        -1.0,
        range=(-1.0, 1.0),
        doc="weight of the mode with n and m swapped (square: -1 and 1 give the classic figures)",
    )
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="disc: turn of the figure", unit="degrees"
    )
    view: str = param(
        "lines",
        choices=("lines", "mode"),
        doc="the nodal lines where sand gathers, or the plate's displacement (0.5: at rest)",
    )
    width: float = param(
        0.006, range=(0.0005, 0.05), doc="width of a nodal line", unit="design units"
    )


def _disc_k(n: int, m: int) -> float:
    # Free edge: the radial derivative vanishes at the rim (r = 1).
    return float(jnp_zeros(n, m)[-1])


_TABLE_R = 2.0  # plate radii covered by the radial tables (the hem reaches r = 1.7)
_TABLE_N = 8192


class _Radial:
    """J_n(k r) and its r-derivative, tabulated on [0, 2] (Bessel calls are slow)."""

    def __init__(self, n: int, m: int):
        self.n = n
        k = _disc_k(n, m)
        self.r = np.linspace(0.0, _TABLE_R, _TABLE_N)
        self.value = jv(n, k * self.r)
        self.slope = k * jvp(n, k * self.r)
        inside = self.r <= 1.0
        self.peak = float(np.abs(self.value[inside]).max())


def _prepare(p: ChladniParams, rng: np.random.Generator):
    if p.plate == "square":
        return None
    # The second mode swaps the counts: m diameters, n circles (at least one).
    return _Radial(p.n, p.m), _Radial(p.m, max(p.n, 1))


def mode_function(p: ChladniParams, x: np.ndarray, y: np.ndarray, state=None):
    """Plate displacement u and its gradient (design units) at points, float64.

    Square: ``cos(n pi x) cos(m pi y) + mix cos(m pi x) cos(n pi y)`` over the unit
    square (it continues by mirroring, with period 2). Disc, on the disc of
    radius 0.5 about (0.5, 0.5): ``J_n(k r) cos(n theta)`` (k the m-th zero of
    J_n') plus ``mix`` times the mode with the counts swapped, each divided by
    its peak. ``state`` is the operator's prepared state (built when omitted).
    """
    if p.plate == "square":
        # Period 2 in both axes; wrapping first makes p and p + 2 give the same bits.
        u = wrap01(np.asarray(x, np.float64) * 0.5) * 2.0
        v = wrap01(np.asarray(y, np.float64) * 0.5) * 2.0
        pi = math.pi
        cnx, snx = np.cos(p.n * pi * u), np.sin(p.n * pi * u)
        cmx, smx = np.cos(p.m * pi * u), np.sin(p.m * pi * u)
        cny, sny = np.cos(p.n * pi * v), np.sin(p.n * pi * v)
        cmy, smy = np.cos(p.m * pi * v), np.sin(p.m * pi * v)
        val = cnx * cmy + p.mix * cmx * cny
        gx = -p.n * pi * snx * cmy - p.mix * p.m * pi * smx * cny
        gy = -p.m * pi * cnx * smy - p.mix * p.n * pi * cmx * sny
        return val, gx, gy
    if state is None:
        state = _prepare(p, None)
    dx = (np.asarray(x, np.float64) - 0.5) * 2.0
    dy = (np.asarray(y, np.float64) - 0.5) * 2.0
    r = np.hypot(dx, dy)
    rs = np.maximum(r, 1e-12)
    ct, st = dx / rs, dy / rs
    theta = np.arctan2(dy, dx) - math.radians(p.rotation)
    val = np.zeros(r.shape)
    gx = np.zeros(r.shape)
    gy = np.zeros(r.shape)
    for radial, weight in zip(state, (1.0, p.mix), strict=True):
        if weight == 0.0:
            continue
        w = weight / radial.peak
        rv = np.interp(r, radial.r, radial.value)
        dr = np.interp(r, radial.r, radial.slope)
        ang = np.cos(radial.n * theta)
        dang = -radial.n * np.sin(radial.n * theta)
        tang = np.where(r > 1e-12, rv * dang / rs, 0.0)
        val += w * rv * ang
        # d/dx = cos(t) d/dr - sin(t) / r d/dt; the plate radius is 0.5 (factor 2).
        gx += (2.0 * w) * (ct * dr * ang - st * tang)
        gy += (2.0 * w) * (st * dr * ang + ct * tang)
    return val, gx, gy


def _peak(p: ChladniParams) -> float:
    return 1.0 + abs(p.mix)


@operator(
    "fields.chladni",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(2.0, 0.0), (0.0, 2.0)] if p.plate == "square" else None,
    tags=(
        "chladni",
        "cymatics",
        "sand",
        "vibration",
        "nodal lines",
        "克拉尼图形",
        "声纹",
        "振动",
        "沙画",
    ),
)
def chladni(p: ChladniParams, call: Call) -> np.ndarray:
    """Chladni figures: where sand gathers on a plate vibrating in one mode.

    The square plate uses the classic approximation ``cos(n pi x) cos(m pi y) +
    mix cos(m pi x) cos(n pi y)`` (mix -1 or 1 for the figures Chladni drew); the
    round plate free-edge modes ``J_n(k r) cos(n theta)``, with n nodal diameters
    and m nodal circles (k the m-th zero of J_n'), plus ``mix`` times the mode with
    the counts swapped (a pure mode is only circles and diameters; mixed modes
    give the figures seen on real plates). ``lines`` draws the nodal
    lines (u = 0) with a width in design units, anti-aliased by the distance
    estimate |u| / |grad u| against the footprint; ``mode`` shows the
    displacement, 0.5 at rest. Outside the round plate the value is 0.

    References
    ----------
    Chladni 1787, *Entdeckungen über die Theorie des Klanges*.
    Rayleigh 1894, *The Theory of Sound*, vol. I, ch. X (plates; Bessel modes of a
    disc).
    """
    return in_chunks(_value, call.x, call.y, p, call.state, call.footprint)


def _value(x, y, p: ChladniParams, state, footprint: float) -> np.ndarray:
    u, gx, gy = mode_function(p, x, y, state)
    peak = _peak(p)
    if p.view == "mode":
        out = 0.5 + 0.5 * u / peak
    else:
        dist = np.abs(u) / np.maximum(np.hypot(gx, gy), 1e-9)
        out = line_coverage(dist, p.width, footprint)
    if p.plate == "disc":
        r = np.hypot(x - 0.5, y - 0.5)
        inside = np.clip(0.5 + (0.5 - r) / footprint, 0.0, 1.0)
        out = out * inside if p.view == "lines" else 0.5 + (out - 0.5) * inside
    return out
