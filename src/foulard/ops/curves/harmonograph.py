"""Harmonograph figures: sums of damped pendulum swings (Lissajous figures undamped)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops.curves._polyline import CurveDistance, sample_open_curve
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_MAX_VERTICES = 600_000


@dataclass(frozen=True)
class HarmonographParams(Params):
    freq_x: float = param(2.0, range=(0.5, 12.0), doc="swings across per unit time")
    freq_y: float = param(3.0, range=(0.5, 12.0), doc="swings down per unit time")
    phase_x: float = param(
        90.0, range=(-360.0, 360.0), doc="phase of the swing across", unit="degrees"
    )
    phase_y: float = param(
        0.0, range=(-360.0, 360.0), doc="phase of the swing down", unit="degrees"
    )
    second: float = param(
        0.5, range=(0.0, 1.0), doc="amplitude of the second pendulum pair, relative (0: none)"
    )
    detune: float = param(
        0.012,
        range=(-0.25, 0.25),
        doc="frequency offset of the second pendulum pair (slow turning of the figure)",
    )
    phase2: float = param(
        45.0, range=(-360.0, 360.0), doc="phase of the second pair", unit="degrees"
    )
    rotary: float = param(
        0.0, range=(0.0, 1.0), doc="amplitude of the rotary table's circling, relative"
    )
    rotary_freq: float = param(
        1.0, range=(0.0, 12.0), doc="circles of the rotary table per unit time"
    )
    damping: float = param(
        0.025, range=(0.0, 0.5), doc="decay of every swing per unit time (0: a Lissajous figure)"
    )
    duration: float = param(40.0, range=(1.0, 120.0), doc="how long the pen draws, in unit times")
    radius: float = param(
        0.42, range=(0.005, 2.0), doc="half the width of the figure", unit="design units"
    )
    line_width: float = param(
        0.0012, range=(0.0002, 0.02), doc="width of the pen line", unit="design units"
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the figure", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def pen(p: HarmonographParams, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pen's offset from the centre at times ``t`` (unit amplitudes, not yet scaled).

    x = e^(-k t) [sin(2 pi fx t + px) + s sin(2 pi (fx + e) t + p2) + r sin(2 pi fr t)],
    y likewise with fy, py and cos for the rotary table.
    """
    decay = np.exp(-p.damping * t)
    w = 2.0 * math.pi * t
    x = np.sin(p.freq_x * w + math.radians(p.phase_x))
    y = np.sin(p.freq_y * w + math.radians(p.phase_y))
    if p.second > 0:
        ph2 = math.radians(p.phase2)
        x = x + p.second * np.sin((p.freq_x + p.detune) * w + ph2)
        y = y + p.second * np.sin((p.freq_y + p.detune) * w + ph2)
    if p.rotary > 0:
        x = x + p.rotary * np.sin(p.rotary_freq * w)
        y = y + p.rotary * np.cos(p.rotary_freq * w)
    return x * decay, y * decay


def extent(p: HarmonographParams) -> float:
    """Largest possible offset of the unscaled pen: the sum of the amplitudes."""
    return 1.0 + p.second + p.rotary


def figure(p: HarmonographParams, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pen in design units: scaled so the amplitudes fill ``radius``, turned, placed."""
    x, y = pen(p, t)
    s = p.radius / extent(p)
    c, sn = math.cos(math.radians(p.rotation)), math.sin(math.radians(p.rotation))
    return p.cx + s * (c * x - sn * y), p.cy + s * (sn * x + c * y)


def _prepare(p: HarmonographParams, rng: np.random.Generator) -> CurveDistance:
    verts = sample_open_curve(
        lambda t: figure(p, t),
        0.0,
        p.duration,
        max_segment=max(p.line_width, 5e-4),
        max_vertices=_MAX_VERTICES,
    )
    return CurveDistance([verts], closed=False)


@operator(
    "curves.harmonograph",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, math.sqrt(2.0) * p.radius + p.line_width),
    tags=(
        "harmonograph",
        "lissajous",
        "pendulum",
        "spirograph",
        "line art",
        "谐振图",
        "李萨如",
        "摆线图",
    ),
)
def harmonograph(p: HarmonographParams, call: Call) -> np.ndarray:
    """Harmonograph: the trace of a pen moved by damped pendulums (Lissajous undamped).

    Two pendulums swing the pen across and down at frequencies fx and fy; a
    second pair (amplitude ``second``) swings a little out of tune (``detune``),
    so the figure slowly turns and breathes; a rotary table (``rotary``) adds
    circling. Every swing decays as e^(-damping t), so the line spirals inwards
    over ``duration`` into the dense, silky figures of Victorian harmonographs.
    With ``damping`` 0, ``second`` 0 and ``rotary`` 0 the trace is the Lissajous
    figure (sin(2 pi fx t + px), sin(2 pi fy t + py)), closed when fx / fy is
    rational. The amplitudes are scaled so their sum reaches ``radius``. Values
    are line coverage from exact distances to the sampled trace, box-filtered
    over the pixel footprint.

    References
    ----------
    Ashton 2003, *Harmonograph: A Visual Guide to the Mathematics of Music*,
    Wooden Books.
    Lissajous 1857, "Mémoire sur l'étude optique des mouvements vibratoires",
    *Annales de chimie et de physique* 51, pp. 147-231.
    """
    line = call.state.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint)
    return line.astype(np.float32)
