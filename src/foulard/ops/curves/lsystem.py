"""L-system curves: Koch, dragon, Levy C, arrowhead and space-filling meanders."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import rotate
from foulard.ops.curves._polyline import CurveDistance, subdivide
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class Rules:
    """An edge-rewriting L-system read by a turtle."""

    axiom: str
    rules: dict[str, str]
    angle: int  # degrees; divides 360
    depth: int  # the usual depth
    draw: str = "F"  # symbols that step forward drawing
    closed: bool = False  # the path ends where it starts
    fills: int = 0  # space-filling: side of the square lattice it visits (as base**depth)


#: Curves of *The Algorithmic Beauty of Plants* (ch. 1) and Sagan's *Space-Filling Curves*.
PRESETS: dict[str, Rules] = {
    "koch_snowflake": Rules("F--F--F", {"F": "F+F--F+F"}, 60, 4, closed=True),
    "quadratic_koch": Rules("F+F+F+F", {"F": "F+F-F-FF+F+F-F"}, 90, 2, closed=True),
    "dragon": Rules("FX", {"X": "X+YF+", "Y": "-FX-Y"}, 90, 11),
    "levy_c": Rules("F", {"F": "+F--F+"}, 45, 11),
    "sierpinski_arrowhead": Rules("A", {"A": "B-A-B", "B": "A+B+A"}, 60, 6, draw="AB"),
    "sierpinski_curve": Rules("F+XF+F+XF", {"X": "XF-F+F-XF+F+XF-F+F-X"}, 90, 4, closed=True),
    "hilbert": Rules("A", {"A": "+BF-AFA-FB+", "B": "-AF+BFB+FA-"}, 90, 5, fills=2),
    "moore": Rules(
        "LFL+F+LFL", {"L": "-RF+LFL+FR-", "R": "+LF-RFR-FL+"}, 90, 4, closed=True, fills=2
    ),
    "peano": Rules(
        "X", {"X": "XFYFX+F+YFXFY-F-XFYFX", "Y": "YFXFY-F-XFYFX+F+YFXFY"}, 90, 3, fills=3
    ),
    "gosper": Rules("A", {"A": "A-B--B+A++AA+B-", "B": "+A-BB--B-A++A+B"}, 60, 4, draw="AB"),
}
MAX_SEGMENTS = 120_000


@dataclass(frozen=True)
class LSystemCurveParams(Params):
    preset: str = param("hilbert", choices=tuple(PRESETS), doc="the curve's rewriting rules")
    depth: int = param(
        0,
        range=(0, 12),
        doc="rewriting steps (0: the preset's usual depth; stops before 120,000 segments)",
    )
    size: float = param(
        0.84, range=(0.01, 2.0), doc="width of the square the curve fits in", unit="design units"
    )
    weight: float = param(
        0.35,
        range=(0.02, 1.0),
        doc="width of the line as a share of one turtle step (1: neighbouring lines touch)",
    )
    rounding: float = param(
        0.5,
        range=(0.0, 0.5),
        doc="corners replaced by curves reaching this share of each step (0.5: smooth meander)",
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the curve", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def _counts(text: str, rules: Rules) -> dict[str, int]:
    return {c: text.count(c) for c in set(text) | set("".join(rules.rules.values()))}


def effective_depth(p: LSystemCurveParams) -> int:
    """The depth drawn: the asked (or usual) depth, less while it would pass MAX_SEGMENTS."""
    rules = PRESETS[p.preset]
    counts = _counts(rules.axiom, rules)
    want = p.depth or rules.depth
    for depth in range(want):
        nxt: dict[str, int] = dict.fromkeys(counts, 0)
        for c, k in counts.items():
            for d in rules.rules.get(c, c):
                nxt[d] = nxt.get(d, 0) + k
        if sum(nxt.get(c, 0) for c in rules.draw) > MAX_SEGMENTS:
            return depth
        counts = nxt
    return want


def expand(preset: str, depth: int) -> str:
    """The axiom rewritten ``depth`` times (every symbol in parallel)."""
    rules = PRESETS[preset]
    table = str.maketrans(rules.rules)
    text = rules.axiom
    for _ in range(depth):
        text = text.translate(table)
    return text


def turtle(preset: str, depth: int) -> np.ndarray:
    """Vertices of the turtle's path in steps of 1 (exact lattice points for 90 degrees)."""
    rules = PRESETS[preset]
    code = np.frombuffer(expand(preset, depth).encode("ascii"), np.uint8)
    turn = (code == ord("+")).astype(np.int64) - (code == ord("-"))
    heading = np.cumsum(turn)
    steps = np.isin(code, np.frombuffer(rules.draw.encode("ascii"), np.uint8))
    k = 360 // rules.angle
    table = np.exp(2j * np.pi * np.arange(k) / k)
    table.real[np.abs(table.real) < 1e-12] = 0.0  # exact zeros on the lattice
    table.imag[np.abs(table.imag) < 1e-12] = 0.0
    moves = table[heading[steps] % k]
    path = np.concatenate([[0.0], np.cumsum(moves)])
    return np.stack([path.real, path.imag], axis=-1)


def _round_corners(pts: np.ndarray, share: float, closed: bool) -> np.ndarray:
    """Each turning corner replaced by a quadratic Bezier from ``share`` before to after."""
    if share <= 0 or len(pts) < 3:
        return pts
    if closed:
        ring = pts[:-1] if np.allclose(pts[0], pts[-1]) else pts
        prev, here, nxt = np.roll(ring, 1, 0), ring, np.roll(ring, -1, 0)
    else:
        prev, here, nxt = pts[:-2], pts[1:-1], pts[2:]
    a = here + share * (prev - here)
    b = here + share * (nxt - here)
    u = np.linspace(0.0, 1.0, 9)[:, None, None]
    arc = (1 - u) ** 2 * a + 2 * u * (1 - u) * here + u * u * b  # (9, corners, 2)
    body = arc.transpose(1, 0, 2).reshape(-1, 2)
    if closed:
        return body
    return np.vstack([pts[:1], body, pts[-1:]])


@functools.lru_cache(maxsize=64)
def _extent(preset: str, depth: int) -> float:
    """Width of the turtle's path in steps (the larger side of its box)."""
    pts = turtle(preset, depth)
    return max(float((pts.max(axis=0) - pts.min(axis=0)).max()), 1e-12)


def step_length(p: LSystemCurveParams) -> float:
    """One turtle step in design units (the path fitted into the ``size`` square)."""
    return p.size / _extent(p.preset, effective_depth(p))


def line_width(p: LSystemCurveParams) -> float:
    """Width of the drawn line in design units: ``weight`` of a step."""
    return p.weight * step_length(p)


def curve_points(p: LSystemCurveParams) -> np.ndarray:
    """The curve in design units: fitted into the ``size`` square, turned, rounded."""
    rules = PRESETS[p.preset]
    pts = turtle(p.preset, effective_depth(p))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    scale = p.size / max(float((hi - lo).max()), 1e-12)
    pts = (pts - 0.5 * (lo + hi)) * scale
    pts = _round_corners(pts, p.rounding, rules.closed)
    x, y = rotate(pts[:, 0], pts[:, 1], p.rotation)
    return np.stack([x + p.cx, y + p.cy], axis=-1)


def _prepare(p: LSystemCurveParams, rng: np.random.Generator) -> tuple[CurveDistance, float]:
    rules = PRESETS[p.preset]
    pts = curve_points(p)
    if rules.closed and len(pts) > 1 and np.allclose(pts[0], pts[-1]):
        pts = pts[:-1]
    width = line_width(p)
    pts = subdivide(pts, max(1.5 * width, 1e-3), closed=rules.closed)
    return CurveDistance([pts], closed=rules.closed), width


def _bounds(p: LSystemCurveParams) -> tuple[float, float, float, float]:
    r = 0.5 * p.size * math.sqrt(2.0) + line_width(p)
    return (p.cx - r, p.cy - r, p.cx + r, p.cy + r)


@operator(
    "curves.lsystem",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=_bounds,
    tags=(
        "l-system",
        "koch snowflake",
        "dragon curve",
        "hilbert curve",
        "space-filling",
        "meander",
        "fractal curve",
        "分形曲线",
        "科赫雪花",
        "龙形曲线",
        "希尔伯特曲线",
    ),
)
def lsystem(p: LSystemCurveParams, call: Call) -> np.ndarray:
    """L-system curve: edge-rewriting rules read by a turtle, as a line field.

    Every symbol of the axiom is rewritten in parallel ``depth`` times; the
    turtle then steps forward on F (A and B in the arrowhead and Gosper curves)
    and turns by the preset's angle on + and -. Presets: the Koch snowflake and
    quadratic Koch island, Heighway's dragon, the Levy C curve, the Sierpinski
    arrowhead and Sierpinski curve, and the space-filling Hilbert, Moore, Peano
    and Gosper (flowsnake) curves, whose one continuous line visits every cell of
    a lattice: a meander that fills the square. The path is fitted into a
    ``size`` square; ``rounding`` replaces corners by quadratic arcs (at 0.5 a
    space-filling curve becomes a smooth, Truchet-like meander). The line is
    ``weight`` of a turtle step wide, so every preset and depth keeps its
    balance of line and ground. Deeper rewriting stops before 120,000 segments.
    Values are line coverage from exact distances, box-filtered over the pixel
    footprint.

    References
    ----------
    Prusinkiewicz & Lindenmayer 1990, *The Algorithmic Beauty of Plants*,
    Springer, ch. 1.
    Sagan 1994, *Space-Filling Curves*, Springer.
    """
    lines, width = call.state
    return lines.coverage(call.x, call.y, 0.5 * width, call.footprint).astype(np.float32)
