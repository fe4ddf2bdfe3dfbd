"""Engraving: swelling lines along a guide (straight, rings or the source's own tones)."""

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

__all__ = ["engraving", "guide_phase"]


@dataclass(frozen=True)
class EngravingParams(Params):
    guide: str = param(
        "contour",
        choices=("straight", "rings", "contour"),
        doc="what the lines follow: straight at an angle, rings round a centre, or straight "
        "lines bent by the source's smoothed tones (they swerve round its shapes)",
    )
    pitch: float = param(
        0.006, range=(0.002, 0.05), doc="distance between engraved lines", unit="design units"
    )
    angle: float = param(
        20.0, range=(-90.0, 90.0), doc="straight, contour: line direction", unit="degrees"
    )
    bend: float = param(
        0.03,
        range=(0.0, 0.2),
        doc="contour: how far a full tone step pushes the lines sideways",
        unit="design units",
    )
    smoothing: float = param(
        0.02,
        range=(0.002, 0.1),
        doc="contour: blur of the tones that bend the lines",
        unit="design units",
    )
    x: float = param(0.5, range=(-1.0, 2.0), doc="rings: centre, across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="rings: centre, down", unit="design units")
    cross: float = param(
        0.6,
        range=(0.0, 1.0),
        doc="tone past which a second set of lines crosses the first at 60 degrees (1: never)",
    )
    ink: int = param(1, range=(0, 47), doc="palette role of the lines")
    ground: int = param(0, range=(0, 47), doc="palette role of the paper or cloth")


def _tone_slope(p: EngravingParams, call: Call):
    """The smoothed tone and its gradient (``contour`` guides only; else None)."""
    if p.guide != "contour" or p.bend == 0.0:
        return None
    s, h = p.smoothing, 0.5 * p.smoothing
    ground = call.palette.role(p.ground)

    def tone(dx, dy):
        return darkness(call.input("source", call.x + dx, call.y + dy, s), ground)

    t0 = tone(0.0, 0.0)
    return t0, (tone(h, 0.0) - t0) / h, (tone(0.0, h) - t0) / h


def guide_phase(p: EngravingParams, call: Call, angle: float, slope=None):
    """The guide's phase (design units across the lines) and its gradient's length;
    ``slope`` is the smoothed tone and its gradient for ``contour`` guides."""
    if p.guide == "rings":
        return np.hypot(call.x - p.x, call.y - p.y), np.ones(call.x.shape)
    t = math.radians(angle)
    nx, ny = -math.sin(t), math.cos(t)
    phase = nx * call.x + ny * call.y
    if slope is None:
        return phase, np.ones(call.x.shape)
    t0, gx, gy = slope
    return phase + p.bend * t0, np.hypot(nx + p.bend * gx, ny + p.bend * gy)


@operator(
    "transform.engraving",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to engrave", "motifs.peony"),),
    output="rgba",
    tags=(
        "engraving",
        "banknote",
        "intaglio",
        "burin",
        "line portrait",
        "雕刻",
        "铜版画",
        "钞票纹",
    ),
)
def engraving(p: EngravingParams, call: Call) -> np.ndarray:
    """Engraving: lines that swell with the tone and follow a guide, crossed in the darks.

    The lines are level sets of a guide ``pitch`` apart: straight at ``angle``, rings
    round a centre, or (``contour``) straight lines pushed sideways by the source's
    tones blurred over ``smoothing``, so they swerve round its shapes like a burin
    following a form. Each line is as wide as the tone at that point asks (a share of
    the local spacing, which the guide's gradient gives, so the mean ink is the tone);
    past ``cross`` a second set at 60 degrees grows in for the deepest shadows, as in
    cross-engraving. Edges are anti-aliased from the footprint and fade to the flat
    tone where a pixel spans several lines.

    References
    ----------
    Ostromoukhov 1999, "Digital facial engraving", SIGGRAPH; Hind 1923, *A History of
    Engraving and Etching*, Houghton Mifflin (line and cross engraving with the burin).
    """
    ground = call.palette.role(p.ground)
    ink = call.palette.role(p.ink)
    d = darkness(call.input("source", None, None, 0.5 * p.pitch), ground, False, ink)
    fp = max(call.footprint, 1e-12)
    paper = np.ones(d.shape)
    sets = [(p.angle, d)]
    if p.cross < 1.0:
        sets.append((p.angle + 60.0, np.clip((d - p.cross) / (1.0 - p.cross), 0.0, 1.0)))
    slope = _tone_slope(p, call)
    for angle, share in sets:
        phase, grad = guide_phase(p, call, angle, slope)
        s = phase / p.pitch
        off = np.abs(s - np.rint(s))  # in pitches of the guide
        # Across the line, one pitch of the guide is pitch / |grad| of design units.
        width_px = p.pitch / np.maximum(grad, 1e-6) / fp
        c = np.clip(0.5 + (0.5 * share - off) * width_px, 0.0, 1.0)
        c = np.where(share >= 1.0, 1.0, np.where(share <= 0.0, 0.0, c))
        fade = np.clip((1.0 / width_px - 0.3) / 0.4, 0.0, 1.0)
        c = (1.0 - fade) * c + fade * share
        paper *= 1.0 - c
    return ink_rgba(1.0 - paper, ground, ink)
