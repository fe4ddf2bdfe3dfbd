"""Truchet tiles on hexagons: three paths per tile joining the six edge midpoints."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import opaque
from foulard.ops._common.chunks import chunked
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._facedraw import Layout, Prepared, Style, locate_faces
from foulard.ops.tiling._facefield import FaceGeometry
from foulard.ops.tiling._facetiling import role_param
from foulard.ops.tiling._wythoff import GROUPS, uniform_faces, wythoff_point

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_SQ3 = math.sqrt(3.0)
CELL = GROUPS["p6m"].cell

# Pairings of the edge midpoints 0..5 (edge k faces the direction 60k degrees).
SMALL = (((0, 1), (2, 3), (4, 5)), ((1, 2), (3, 4), (5, 0)))
STRAIGHT = tuple(((k, k + 3), (k + 1, k + 2), ((k + 4) % 6, (k + 5) % 6)) for k in range(3))
# Crossing tiles: two wide arcs and the straight path over them (drawn last, on top).
CROSSING = tuple(((k, k + 2), (k + 3, (k + 5) % 6), (k + 1, (k + 4) % 6)) for k in range(3))
VARIANTS = SMALL + STRAIGHT + CROSSING


def path(a: int, b: int) -> tuple[float, float, float, float]:
    """``(kind, x, y, r)`` of the path from midpoint ``a`` to ``b`` (lattice units).

    Adjacent midpoints: an arc of radius sqrt(3)/6 about the vertex between them
    (kind 0). Two apart: an arc of radius sqrt(3)/2 about the next hexagon's centre
    (kind 1). Opposite: the straight line through the centre, ``(x, y)`` its
    direction (kind 2). Each meets the edges at right angles at their midpoints.
    """
    gap = (b - a) % 6
    if gap in (1, 5):
        v = a if gap == 1 else b  # the vertex between edges v and v + 1
        t = math.radians(60 * v + 30)
        return (0.0, math.cos(t) / _SQ3, math.sin(t) / _SQ3, 0.5 / _SQ3)
    if gap in (2, 4):
        m = (a + 1) % 6 if gap == 2 else (b + 1) % 6
        t = math.radians(60 * m)
        return (1.0, math.cos(t), math.sin(t), 0.5 * _SQ3)
    t = math.radians(60 * a)
    return (2.0, math.cos(t), math.sin(t), 0.0)


PATHS = np.array([[path(a, b) for a, b in v] for v in VARIANTS])  # (variants, 3, 4)


def _tags(*words: str) -> tuple[str, ...]:
    return ("truchet", "hexagon", "tiles", "特鲁谢", "六边形", *words)


@dataclass(frozen=True)
class TruchetHexagonalParams(Params):
    repeats: int = param(8, range=(1, 96), doc="hexagons across the unit square")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the grid about the design's centre", unit="degrees"
    )
    sideways: bool = param(False, doc="lay the hexagon rows down the design, not across")
    arc_set: str = param(
        "mixed",
        choices=("small", "mixed", "woven"),
        doc="small: three short arcs per tile; mixed: also tiles with a straight path; "
        "woven: also tiles where paths cross (drawn over and under)",
    )
    mix: float = param(
        0.35,
        range=(0.0, 1.0),
        doc="share of tiles with a straight path (mixed) or crossing paths (woven)",
    )
    style: str = param(
        "ribbons",
        choices=("ribbons", "lines", "fill"),
        doc="ribbons: bands with outlines; lines: the paths as lines; fill: the two "
        "domains between the paths (the woven set, whose paths cross, draws ribbons)",
    )
    band_width: float = param(
        0.014, range=(0.001, 0.05), doc="width of the ribbons", unit="design units"
    )
    line_width: float = param(
        0.002, range=(0.0, 0.02), doc="width of lines and ribbon outlines", unit="design units"
    )
    line_color: int = role_param(1, "colour of lines and outlines")
    color_1: int = role_param(0, "the ground, or the first domain colour")
    color_2: int = role_param(2, "the ribbons, or the second domain colour")


@functools.lru_cache(maxsize=1)
def _hex_geometry() -> FaceGeometry:
    return FaceGeometry(CELL, uniform_faces("p6m", wythoff_point("p6m", "AB,BC")))


def _layout(p: TruchetHexagonalParams) -> Layout:
    my = max(1, math.ceil(p.repeats * CELL[0] / CELL[1] - 1e-9))
    return Layout(CELL, p.repeats, p.rotation, p.repeats, my, p.sideways)


def _prepare(p: TruchetHexagonalParams, rng: np.random.Generator) -> Prepared:
    geo, lay = _hex_geometry(), _layout(p)
    shape = (len(geo.faces), lay.mx, lay.my)
    small = rng.integers(0, 2, shape)
    other = rng.integers(0, 3, shape)
    odd = rng.random(shape) < p.mix
    extra = 2 if p.arc_set == "mixed" else 5
    table = small if p.arc_set == "small" else np.where(odd, extra + other, small)
    return Prepared(geo, lay, table, Style())


def _distances(variant: np.ndarray, lx: np.ndarray, ly: np.ndarray) -> np.ndarray:
    """Distance (lattice units) from each point to each of its tile's three paths."""
    pa = PATHS[variant]  # (n, 3, 4)
    kind, px, py, r = pa[..., 0], pa[..., 1], pa[..., 2], pa[..., 3]
    x, y = lx[:, None], ly[:, None]
    arc = np.abs(np.hypot(x - px, y - py) - r)
    line = np.abs(x * py - y * px)
    return np.where(kind == 2.0, line, arc)


def _domain(variant: np.ndarray, lx: np.ndarray, ly: np.ndarray) -> np.ndarray:
    """Colour class (0 or 1) of the domain holding each point (non-crossing tiles).

    The paths separate the hexagon's corners of one parity from the other's (the
    two kinds of 3-fold centre), so a domain's class is the parity of its corners.
    """
    pa = PATHS[variant]
    inside = np.hypot(lx[:, None] - pa[..., 1], ly[:, None] - pa[..., 2]) < pa[..., 3]
    cap = (pa[..., 0] == 0.0) & inside
    # A small arc's centre is the corner at 60v + 30 degrees: its parity is v's.
    ang = np.degrees(np.arctan2(pa[..., 2], pa[..., 1]))
    v = np.rint((ang - 30.0) / 60.0).astype(np.int64) % 2
    in_cap = cap.any(axis=1)
    cap_cls = (v * cap).sum(axis=1) % 2
    # Outside the caps: the three small-arc tiles hold the other parity in the middle;
    # a straight tile's halves hold the corners beside the straight path's start.
    small_first = variant == 0
    k = np.where(variant >= 2, variant - 2, 0)
    t = np.radians(60.0 * k)
    side = lx * np.sin(t) - ly * np.cos(t) < 0  # the side holding corner k (at 60k + 30)
    middle = np.where(variant < 2, np.where(small_first, 1, 0), np.where(side, k % 2, (k + 1) % 2))
    return np.where(in_cap, cap_cls, middle)


@operator(
    "tiling.truchet_hexagonal",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: _layout(p).periods(),
    tags=_tags("hexagonal truchet", "ribbons", "woven", "knot", "丝带", "编织"),
    example_params={"repeats": 8},
)
def truchet_hexagonal(p: TruchetHexagonalParams, call: Call) -> np.ndarray:
    """Hexagonal Truchet tiles: three paths per hexagon join its edge midpoints.

    Each hexagon pairs its six edge midpoints with three paths that cross the edges
    at right angles, so paths continue from tile to tile into loops and ribbons.
    Tiles are drawn at random from the arc set: three short arcs about alternate
    corners (two turns); with ``mixed``, a straight path and two short arcs (three
    turns); with ``woven``, two wide arcs crossed by a straight path drawn over them.
    ``ribbons`` draws outlined bands, ``lines`` thin lines, ``fill`` two-colours the
    domains (each holds hexagon corners of one parity). Repeats across the unit
    square; down it every ``ceil(repeats / sqrt 3)`` double rows.

    References
    ----------
    Smith & Boucher 1987, "The tiling patterns of Sebastien Truchet and the topology
    of structural hierarchy", *Leonardo* 20(4), 373-385 (generalised to hexagons).
    Browne 2008, "Truchet curves and surfaces", *Computers & Graphics* 32(2), 268-281.
    """
    prep = call.state
    s = prep.layout.scale
    fp = max(call.footprint, 1e-12)
    ground = np.array(call.palette.role(p.color_1))
    band = np.array(call.palette.role(p.color_2))
    ink = np.array(call.palette.role(p.line_color))
    half_band, lw = 0.5 * p.band_width, p.line_width
    # Crossing paths have no two-colouring: with the woven set, ribbons throughout.
    style = "ribbons" if (p.style == "fill" and p.arc_set == "woven") else p.style

    def kernel(x, y):
        variant, lx, ly = locate_faces(prep, x, y)
        d = _distances(variant, lx, ly) * s
        rgb = np.empty((variant.size, 3))
        rgb[:] = ground
        if style == "fill":
            t = d.min(axis=1)
            cls = _domain(variant, lx, ly)
            own = np.clip(0.5 + t / fp, 0.0, 1.0)[:, None]
            fills = np.array([ground, band])
            rgb = own * fills[cls] + (1.0 - own) * fills[1 - cls]
            if lw > 0.0:
                line = np.clip(0.5 - (t - 0.5 * lw) / fp, 0.0, 1.0)[:, None]
                rgb = (1.0 - line) * rgb + line * ink
        for m in range(3):
            dm = d[:, m]
            if style == "lines":
                a = np.clip(0.5 - (dm - 0.5 * lw) / fp, 0.0, 1.0)[:, None]
                rgb = (1.0 - a) * rgb + a * ink
            elif style == "ribbons":
                edge = np.clip(0.5 - (dm - half_band) / fp, 0.0, 1.0)[:, None]
                inner = np.clip(0.5 - (dm - max(half_band - lw, 0.0)) / fp, 0.0, 1.0)[:, None]
                rgb = (1.0 - edge) * rgb + edge * ink
                rgb = (1.0 - inner) * rgb + inner * band
        return opaque(rgb)

    return chunked(kernel, call.x, call.y, 4)
