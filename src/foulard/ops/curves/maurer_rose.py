"""Maurer roses: a polyline through points of a rose curve at a fixed angular step."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops.curves._polyline import CurveDistance, sample_curve, subdivide
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class MaurerRoseParams(Params):
    n: int = param(6, range=(1, 24), doc="petal parameter of the rose r = sin(n theta)")
    step: int = param(71, range=(1, 359), doc="angle between joined points", unit="degrees")
    radius: float = param(0.42, range=(0.005, 2.0), doc="petal length", unit="design units")
    line_width: float = param(
        0.0015, range=(0.0002, 0.02), doc="width of the chords", unit="design units"
    )
    rose_width: float = param(
        0.003,
        range=(0.0, 0.03),
        doc="width of the underlying rose drawn with the chords (0: chords only)",
        unit="design units",
    )
    rose_value: float = param(1.0, range=(0.0, 1.0), doc="value of the underlying rose")
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the rose", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def petals(n: int) -> int:
    """Petals of r = sin(n theta): n for odd n, 2n for even n."""
    return n if n % 2 else 2 * n


def vertices(p: MaurerRoseParams) -> np.ndarray:
    """The 360 points of the rose at angles k * step degrees (k = 0..359), ``(360, 2)``.

    The polyline through them in order, closed (360 steps make whole turns), is the
    Maurer rose.
    """
    theta = np.radians((np.arange(360) * p.step) % 360)
    r = p.radius * np.sin(p.n * theta)
    a = theta + math.radians(p.rotation)
    return np.stack([p.cx + r * np.cos(a), p.cy + r * np.sin(a)], axis=-1)


def _prepare(p: MaurerRoseParams, rng: np.random.Generator):
    # Chords meet in dense fans near the centre: short pieces keep every point's
    # nearest vertices on its nearest chord.
    piece = max(0.75 * p.line_width, 0.0008)
    chords = CurveDistance([subdivide(vertices(p), piece, closed=True)])
    rose = None
    if p.rose_width > 0:
        a0 = math.radians(p.rotation)

        def curve(t: np.ndarray):
            r = p.radius * np.sin(p.n * t)
            return p.cx + r * np.cos(t + a0), p.cy + r * np.sin(t + a0)

        # The rose closes after pi (odd n) or 2 pi (even n); a vertex count that is a
        # multiple of 2 * petals keeps its turn symmetry.
        period = math.pi if p.n % 2 else 2 * math.pi
        verts = sample_curve(
            curve, 0.0, period, max_segment=max(p.rose_width, 2e-4), multiple_of=2 * petals(p.n)
        )
        rose = CurveDistance([verts])
    return chords, rose


@operator(
    "curves.maurer_rose",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius + max(p.line_width, p.rose_width)),
    tags=("maurer rose", "rose", "string art", "web", "chords", "rosette", "毛雷尔玫瑰", "玫瑰线"),
)
def maurer_rose(p: MaurerRoseParams, call: Call) -> np.ndarray:
    """Maurer rose: chords joining the points of r = sin(n theta) at steps of d degrees.

    The 360 points at theta = k d degrees (k = 0..359) of the rose r = radius *
    sin(n theta) are joined in order by straight chords into one closed polyline,
    a web whose strands gather along the petals. The rose has n petals for odd n
    and 2n for even n. Whenever 360 / petals is a whole number of degrees the
    points of the web map onto one another under a turn by one petal, and the web
    is symmetric under that turn. The rose itself is drawn underneath at
    ``rose_value`` (``rose_width`` 0 hides it). Values are line coverage from exact
    distances, box-filtered over the pixel footprint.

    References
    ----------
    Maurer 1987, "A Rose is a Rose...", *The American Mathematical Monthly* 94(7),
    pp. 631-645.
    """
    chords, rose = call.state
    out = chords.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint)
    if rose is not None:
        line = rose.coverage(call.x, call.y, 0.5 * p.rose_width, call.footprint)
        out = np.maximum(out, p.rose_value * line)
    return out.astype(np.float32)
