"""Line screen: the source printed as parallel lines whose width follows its tone."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import darkness, ink_rgba

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["line_screen"]


@dataclass(frozen=True)
class LineScreenParams(Params):
    pitch: float = param(
        0.01, range=(0.002, 0.1), doc="distance between line centres", unit="design units"
    )
    angle: float = param(30.0, range=(-90.0, 90.0), doc="direction of the lines", unit="degrees")
    wave: float = param(
        0.0, range=(0.0, 2.0), doc="wave of the lines across themselves, in pitches (0: straight)"
    )
    wavelength: float = param(
        0.08, range=(0.01, 1.0), doc="length of one wave along the lines", unit="design units"
    )
    ink: int = param(1, range=(0, 47), doc="palette role of the lines")
    ground: int = param(0, range=(0, 47), doc="palette role of the paper or cloth")
    invert: bool = param(False, doc="lines for the light parts instead of the dark")


@operator(
    "transform.line_screen",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to screen", "motifs.peony"),),
    output="rgba",
    example_params={"wave": 0.6},
    tags=("line screen", "lines", "engraving", "mezzotint", "woodcut", "线网", "线条", "版画"),
)
def line_screen(p: LineScreenParams, call: Call) -> np.ndarray:
    """Line screen: parallel (optionally wavy) lines, each as wide as the tone asks.

    Across the lines the design is cut into strips ``pitch`` wide; a point reads the
    source where the strip's centre line passes it (averaged over half a pitch), and
    the line is inked over the share of the strip that tone asks for (the coverage of
    a value; for a colour, where its luma lies between the ground's and the ink's),
    so the mean ink across a strip equals the tone. ``wave`` bends the lines into a
    sine along their length, like the swelling lines of banknote engraving. Edges
    are anti-aliased from the footprint, and fade to the flat tone where a pixel
    spans several lines.

    References
    ----------
    Ulichney 1987, *Digital Halftoning*, MIT Press (line screens); Ostromoukhov 1999,
    "Digital facial engraving", SIGGRAPH (tone by line width).
    """
    t = math.radians(p.angle)
    ux, uy = math.cos(t), math.sin(t)
    along = ux * call.x + uy * call.y
    bend = p.wave * p.pitch * np.sin(2.0 * math.pi * along / p.wavelength) if p.wave else 0.0
    s = (-uy * call.x + ux * call.y - bend) / p.pitch
    line = np.floor(s) + 0.5
    off = s - line  # in [-0.5, 0.5): across the strip, in pitches
    # The strip's centre line at this point.
    back = (line - s) * p.pitch
    cx, cy = call.x - uy * back, call.y + ux * back
    ground = call.palette.role(p.ground)
    ink_rgb = call.palette.role(p.ink)
    d = darkness(call.input("source", cx, cy, 0.5 * p.pitch), ground, p.invert, ink_rgb)
    fp = max(call.footprint, 1e-12)
    edge = (0.5 * d - np.abs(off)) * p.pitch / fp
    cov = np.where(d >= 1.0, 1.0, np.where(d <= 0.0, 0.0, np.clip(0.5 + edge, 0.0, 1.0)))
    fade = float(np.clip((fp / p.pitch - 0.3) / 0.4, 0.0, 1.0))
    if fade > 0.0:
        flat = darkness(call.input("source"), ground, p.invert, ink_rgb)
        cov = (1.0 - fade) * cov + fade * flat
    return ink_rgba(cov, ground, ink_rgb)
