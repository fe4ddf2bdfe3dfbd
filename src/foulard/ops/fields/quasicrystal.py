"""Quasicrystal: the sum of n plane waves at equal angles (n-fold quasiperiodic rosettes)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import in_chunks
from foulard.ops.fields.sine_grating import profile_value
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["quasicrystal", "wave_sum"]

_TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class QuasicrystalParams(Params):
    waves: int = param(7, range=(2, 24), doc="plane waves, at 360 / waves degrees apart")
    frequency: float = param(
        18.0, range=(1.0, 256.0), doc="crests of each wave per design unit", unit="1/design unit"
    )
    phase: float = param(
        0.0,
        range=(0.0, 1.0),
        doc="shift of every wave at the centre (0 or 0.5 add a mirror symmetry)",
        unit="cycles",
    )
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the rosette", unit="degrees")
    view: str = param(
        "folded",
        choices=("folded", "sum"),
        doc="'folded': the summed crests folded into bands (full contrast); 'sum': the plain mean",
    )
    profile: str = param(
        "triangle", choices=("sine", "square", "triangle"), doc="'folded': shape of one band"
    )
    bands: float = param(
        1.0, range=(0.25, 4.0), doc="'folded': bands per wave of the sum (more: busier)"
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre of symmetry, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre of symmetry, down", unit="design units")


def wave_sum(p: QuasicrystalParams, x: np.ndarray, y: np.ndarray):
    """Sum of ``(1 + cos)/2`` over the waves, in [0, waves], and its gradient (float64)."""
    dx = np.asarray(x, np.float64) - p.cx
    dy = np.asarray(y, np.float64) - p.cy
    total = np.zeros(dx.shape)
    gx = np.zeros(dx.shape)
    gy = np.zeros(dx.shape)
    for j in range(p.waves):
        a = _TWO_PI * j / p.waves + math.radians(p.rotation)
        kx, ky = p.frequency * math.cos(a), p.frequency * math.sin(a)
        c = kx * dx + ky * dy + p.phase
        t = (c - np.floor(c)).astype(np.float32) * np.float32(_TWO_PI)
        total += 0.5 + 0.5 * np.cos(t)
        s = np.sin(t)
        gx -= (math.pi * kx) * s
        gy -= (math.pi * ky) * s
    return total, gx, gy


@operator(
    "fields.quasicrystal",
    kind="field",
    version=1,
    output="value",
    tags=(
        "quasicrystal",
        "rosette",
        "kaleidoscope",
        "interference",
        "penrose",
        "准晶",
        "万花筒",
        "花窗",
        "干涉纹",
    ),
)
def quasicrystal(p: QuasicrystalParams, call: Call) -> np.ndarray:
    """Quasicrystal waves: n plane waves at 360/n degree steps, summed into a rosette field.

    Wave j runs along angle ``2 pi j / n + rotation`` with the same frequency and
    phase at the centre, so turning the field by 360/n degrees about the centre
    maps each wave onto the next: the field has exact n-fold rotational
    symmetry (2n-fold when n is odd and the phase is 0 or 0.5, as cosines are
    even). For n = 5, 7, 8 and more it never repeats: a quasiperiodic
    density-wave picture of quasicrystals, the look of Penrose and Islamic
    rosettes. ``sum`` shows the mean wave, box-filtered per wave (each cosine
    times sinc of its frequency over the pixel); ``folded`` folds the sum of
    crests into bands with a periodic profile (the well-known full-contrast
    rendering), box-filtered along the sum's exact gradient.

    References
    ----------
    Levine & Steinhardt 1984, "Quasicrystals: a new class of ordered
    structures", Phys. Rev. Lett. 53 (density-wave description).
    Epler 2011, "Quasicrystals as sums of waves in the plane" (the folded
    rendering), https://mainisusuallyafunction.blogspot.com.
    """
    return in_chunks(_value, call.x, call.y, p, call.footprint)


def _value(x, y, p: QuasicrystalParams, footprint: float) -> np.ndarray:
    total, gx, gy = wave_sum(p, x, y)
    if p.view == "sum":
        # Every wave has the same frequency: one sinc damps them all alike.
        damp = np.sinc(p.frequency * footprint)
        return 0.5 + damp * (total / p.waves - 0.5)
    cycles = 0.5 * p.bands
    width = np.hypot(gx, gy) * (cycles * footprint)
    # The filter differences an integral: clip its last-bit overshoot.
    return np.clip(profile_value(p.profile, 0.5, total * cycles, width), 0.0, 1.0)
