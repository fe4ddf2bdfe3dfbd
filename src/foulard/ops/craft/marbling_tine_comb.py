"""Marbling tine comb: a comb drawn through the floating ink (gel-git, nonpareil, bouquet)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._marbling import Jac, sample_through
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

LN2 = math.log(2.0)


@dataclass(frozen=True)
class TineCombParams(Params):
    path: str = param(
        "straight",
        choices=("straight", "serpentine"),
        doc="tines drawn straight, or along a sine wave (bouquet, peacock)",
    )
    angle: float = param(
        90.0,
        range=(-180.0, 180.0),
        doc="direction of the stroke (0: right, 90: down)",
        unit="degrees",
    )
    spacing: float = param(
        0.06, range=(0.005, 0.5), doc="distance between tines", unit="design units"
    )
    shift: float = param(
        0.12, range=(-0.5, 0.5), doc="how far ink on a tine's line is dragged", unit="design units"
    )
    sharpness: float = param(
        0.012,
        range=(0.001, 0.2),
        doc="distance from a tine at which the drag halves (small: sharp chevrons)",
        unit="design units",
    )
    passes: int = param(
        2,
        range=(1, 4),
        doc="strokes: each further pass goes back the other way, tines offset between the last",
    )
    amplitude: float = param(
        0.03, range=(0.0, 0.2), doc="serpentine: sideways swing of the tines", unit="design units"
    )
    wavelength: float = param(
        0.2, range=(0.02, 1.0), doc="serpentine: length of one swing", unit="design units"
    )
    offset: float = param(
        0.0, range=(0.0, 1.0), doc="where the first tine sits, as a share of the spacing"
    )


def _strokes(p: TineCombParams) -> list[tuple[float, float]]:
    """``(shift, tine offset)`` of each pass, in the order they are drawn."""
    return [(p.shift * (-1.0) ** i, (p.offset + i / p.passes) * p.spacing) for i in range(p.passes)]


def comb_inverse(p: TineCombParams, x: np.ndarray, y: np.ndarray, jac: Jac | None = None):
    """Points before the comb for points after it, with the Jacobian carried along.

    A straight stroke along ``m`` moves a point by ``shift * 2^(-d / sharpness)``
    along ``m``, d being its distance to the nearest tine: a shear (area kept,
    exactly invertible, since d does not change). A serpentine stroke first
    straightens its sine-shaped tine lines (another shear, across), strokes, and
    bends them back: ink is dragged along the wavy path. With ``jac``, the
    Jacobian of this inverse is multiplied into it (tests check that its
    determinant is 1).
    """
    a = math.radians(p.angle)
    mx, my = math.cos(a), math.sin(a)
    t = x * mx + y * my  # along the stroke
    s = y * mx - x * my  # across it
    k = 2.0 * math.pi / p.wavelength
    wavy = p.path == "serpentine" and p.amplitude > 0
    # Jacobian of (t, s) w.r.t. the output point, in the stroke's frame.
    track = jac is not None
    j00, j01, j10, j11 = (jac.a, jac.b, jac.c, jac.d) if track else (1.0, 0.0, 0.0, 1.0)
    # Rotate J into the (t, s) frame: R J with R = [[mx, my], [-my, mx]].
    ja, jb = mx * j00 + my * j10, mx * j01 + my * j11
    jc, jd = -my * j00 + mx * j10, -my * j01 + mx * j11
    for shift, off in reversed(_strokes(p)):
        if wavy:  # straighten: s~ = s - A sin(k t)
            slope = -p.amplitude * k * np.cos(k * t)
            s = s - p.amplitude * np.sin(k * t)
            if track:
                jc, jd = jc + slope * ja, jd + slope * jb
        e = (s - off) / p.spacing
        frac = e - np.rint(e)
        d = np.abs(frac) * p.spacing
        drag = shift * np.exp2(-d / p.sharpness)
        # d(drag)/ds = -drag ln2 / sharpness * sign(frac)
        slope = drag * (LN2 / p.sharpness) * np.sign(frac)
        t = t - drag
        if track:
            ja, jb = ja + slope * jc, jb + slope * jd
        if wavy:  # bend back: s = s~ + A sin(k t)
            slope = p.amplitude * k * np.cos(k * t)
            s = s + p.amplitude * np.sin(k * t)
            if track:
                jc, jd = jc + slope * ja, jd + slope * jb
    x = t * mx - s * my
    y = t * my + s * mx
    if not track:
        return x, y
    jac.a, jac.b = mx * ja - my * jc, mx * jb - my * jd
    jac.c, jac.d = my * ja + mx * jc, my * jb + mx * jd
    return x, y


@operator(
    "craft.marbling_tine_comb",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the marbled bath the comb is drawn through",
            "craft.marbling_ink_drop",
        ),
    ),
    output="same",
    tags=(
        "marbling",
        "comb",
        "gel-git",
        "nonpareil",
        "bouquet",
        "chevron",
        "marbled paper",
        "梳纹",
        "大理石纹",
        "流水纹",
    ),
)
def marbling_tine_comb(p: TineCombParams, call: Call) -> np.ndarray:
    """Marbling tine comb: tines drawn through the bath drag the ink along their path.

    Each tine moves the ink on its line by ``shift`` and ink beside it by
    ``shift * 2^(-d / sharpness)`` (Jaffer's tine line, with d the distance to the
    nearest tine). The map is an area-preserving shear, inverted exactly: the
    output at a point is the source at the point's position before the stroke, so
    the source stays exact at any resolution; the footprint asked of it follows the
    stroke's local stretch. Further ``passes`` go back the other way between the
    tines of the last.

    Presets as parameter values: a straight comb with two passes over stone is
    *gel-git*; a fine comb (spacing about 0.01) after that is *nonpareil*; a
    ``serpentine`` path gives *bouquet* and, across a gel-git, *peacock*; a single
    wide pass gives *chevron*.

    References
    ----------
    Lu, Jaffer, Jin, Zhao & Mao 2012, "Mathematical Marbling", IEEE Computer
    Graphics and Applications 32(6).
    Jaffer, "The Mathematics of Marbling" (people.csail.mit.edu/jaffer/Marbling).
    Wolfe 1990, *Mysterious Marbling*.
    """
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    px, py = comb_inverse(p, x, y)
    out = sample_through(call, "source", px, py)
    return out.reshape(*np.shape(call.x), out.shape[-1])
