"""Parquet and paving: herringbone and chevron planks, Pythagorean squares."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import param
from foulard.ops.registry import operator
from foulard.ops.tiling._facefield import Face
from foulard.ops.tiling._facetiling import RANDOM, SINGLE, Coloring, FaceTiling, FaceTilingParams

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_SQ2 = math.sqrt(2.0)


def _rect(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def _face(poly: np.ndarray, kind: str) -> Face:
    return Face(poly, poly.mean(axis=0), kind)


# -- herringbone and chevron ----------------------------------------------------------------


@dataclass(frozen=True)
class HerringboneParams(FaceTilingParams):
    repeats: int = param(
        14,
        range=(1, 96),
        doc="repeat cells across the unit square, each a plank width x sqrt 2 wide "
        "(herringbone) or two plank columns (chevron)",
    )
    coloring: str = param(
        "two",
        choices=("two", "random", "single"),
        doc="two: planks of the two directions in color_1 and color_2; random: each plank "
        "one of color_1..3 (wood tones); single: all color_1",
    )
    mode: str = param(
        "herringbone",
        choices=("herringbone", "chevron"),
        doc="herringbone: rectangles meeting at right angles; chevron: planks mitred to "
        "meet on a straight line",
    )
    ratio: float = param(4.0, range=(1.5, 10.0), doc="plank length over width")
    angle: float = param(
        45.0,
        range=(20.0, 70.0),
        doc="slope of chevron planks (herringbone is always 45)",
        unit="degrees",
    )
    line_width: float = param(
        0.002, range=(0.0, 0.05), doc="width of the joints between planks", unit="design units"
    )


def herringbone_cell(p) -> tuple[float, float]:
    if p.mode == "herringbone":
        return (_SQ2, _SQ2 * p.ratio)
    t = math.radians(p.angle)
    return (2.0 * p.ratio * math.cos(t), 1.0 / math.cos(t))


def herringbone_faces(p) -> list[Face]:
    """Planks of width 1 over a window of cells.

    Herringbone: with planks axis-parallel, the planks ``[0, L] x [0, 1]`` and
    ``[L, L + 1] x [1 - L, 1]`` repeat by ``(1, 1)`` and ``(L, -L)``; turned by 45
    degrees that lattice is the rectangle ``sqrt2 x sqrt2 L``. Chevron: two columns
    of parallelograms sloping up and down at ``angle``, stacked by their height.
    """
    cw, ch = herringbone_cell(p)
    faces = []
    if p.mode == "herringbone":
        length = p.ratio
        c = 1.0 / _SQ2
        turn = np.array([[c, -c], [c, c]])  # (x, y) -> ((x + y), (y - x)) / sqrt 2
        base = [
            (_rect(0.0, 0.0, length, 1.0), "H"),
            (_rect(length, 1.0 - length, length + 1.0, 1.0), "V"),
        ]
        reach = math.ceil(0.5 * length) + 2  # a turned plank spans length / 2 cells across
        for poly, kind in base:
            q = poly @ turn
            for j in range(-3, 4):
                for i in range(-reach, reach + 1):
                    faces.append(_face(q + np.array([i * cw, j * ch]), kind))
        return faces
    t = math.radians(p.angle)
    half = 0.5 * cw
    rise = half * math.tan(t)
    up = np.array([[0.0, 0.0], [half, -rise], [half, -rise + ch], [0.0, ch]])
    down = np.array([[half, -rise], [cw, 0.0], [cw, ch], [half, -rise + ch]])
    reach = math.ceil(rise / ch) + 3
    for poly, kind in ((up, "H"), (down, "V")):
        for j in range(-reach, reach + 1):
            for i in range(-3, 4):
                faces.append(_face(poly + np.array([i * cw, j * ch]), kind))
    return faces


HERRINGBONE = FaceTiling(
    herringbone_cell,
    herringbone_faces,
    {
        "two": Coloring(lambda f: 0 if f.kind == "H" else 1, classes=2),
        "random": RANDOM,
        "single": SINGLE,
    },
    shape_key=lambda p: (p.mode, p.ratio, p.angle if p.mode == "chevron" else None),
)


@operator(
    "tiling.herringbone_parquet",
    kind="field",
    version=1,
    prepare=HERRINGBONE.prepare,
    periods=HERRINGBONE.periods,
    tags=(
        "herringbone",
        "chevron",
        "parquet",
        "planks",
        "floor",
        "zigzag",
        "人字纹",
        "人字拼",
        "鱼骨拼",
        "拼花地板",
    ),
    example_params={
        "repeats": 14,
        "ratio": 4.0,
        "coloring": "random",
        "color_1": 3,
        "color_2": 2,
        "color_3": 0,
        "line_color": 1,
    },
)
def herringbone_parquet(p: HerringboneParams, call: Call) -> np.ndarray:
    """Herringbone and chevron parquet: planks in a 90-degree zigzag, or mitred.

    Herringbone lays ``ratio : 1`` rectangles at plus and minus 45 degrees, each
    plank's end against the next one's side, in zigzag columns; chevron cuts the
    plank ends parallel to the columns so the planks meet on a straight line at
    ``angle``. ``repeats`` repeat cells span the unit square across (for
    herringbone a cell is a plank's width times sqrt 2 across and its length times
    sqrt 2 down); colour by plank direction or at random among three roles (wood
    tones).

    References
    ----------
    Phillips & Bunce 1993, *Parquet Floors: Their History and Craft* (†).
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §1.2 (tilings by rectangles).
    """
    return HERRINGBONE.draw(p, call)


# -- Pythagorean tiling -------------------------------------------------------------------------


RATIOS = {"2:1": (2, 1), "3:2": (3, 2), "3:1": (3, 1), "4:3": (4, 3), "5:2": (5, 2)}


@dataclass(frozen=True)
class PythagoreanParams(FaceTilingParams):
    repeats: int = param(
        2, range=(1, 48), doc="repeat cells across the unit square (see ratio and layout)"
    )
    coloring: str = param(
        "two",
        choices=("two", "three", "random", "single"),
        doc="two: large squares color_1, small color_2; three: large squares alternate "
        "color_1 and color_3 along their rows; random: one of three roles; single",
    )
    ratio: str = param("2:1", choices=tuple(RATIOS), doc="side of the large square : small")
    layout: str = param(
        "upright",
        choices=("upright", "turned"),
        doc="upright: squares square to the design (a cell holds p^2 + q^2 pairs); turned: "
        "the repeat square to the design, squares tilted (a cell holds one pair)",
    )


def pythagorean_cell(p) -> tuple[float, float]:
    a, b = RATIOS[p.ratio]
    side = float(a * a + b * b) if p.layout == "upright" else math.hypot(a, b)
    return (side, side)


def pythagorean_faces(p) -> list[Face]:
    """Squares of sides ``a`` and ``b`` repeating by ``(a, b)`` and ``(-b, a)``.

    The large square ``[0, a]^2`` and the small one ``[a, a + b] x [0, b]`` fill one
    lattice cell (area ``a^2 + b^2``). ``upright`` keeps them square to the design
    (the lattice repeats every ``a^2 + b^2`` across and down); ``turned`` turns
    everything by ``-atan(b / a)`` so the lattice itself is square to the design.
    """
    a, b = RATIOS[p.ratio]
    cw, _ = pythagorean_cell(p)
    big, small = _rect(0.0, 0.0, a, a), _rect(a, 0.0, a + b, b)
    if p.layout == "upright":
        reach = math.ceil(3.0 * cw / math.hypot(a, b)) + 2
        e1, e2 = np.array([a, b], float), np.array([-b, a], float)
        turn = np.eye(2)
    else:
        reach = 3
        ang = math.atan2(b, a)
        c, s = math.cos(ang), math.sin(ang)
        turn = np.array([[c, -s], [s, c]])  # row vectors: rotate by -ang
        e1, e2 = np.array([cw, 0.0]), np.array([0.0, cw])
    faces = []
    for m in range(-reach, reach + 1):
        for n in range(-reach, reach + 1):
            shift = m * e1 + n * e2
            for poly, kind in ((big, "L"), (small, "S")):
                q = poly @ turn + shift
                centre = q.mean(axis=0)
                if -cw <= centre[0] <= 2 * cw and -cw <= centre[1] <= 2 * cw:
                    faces.append(Face(q, centre, kind))
    return faces


def _pyth_three(f: Face, p) -> int:
    """Small squares 1; large ones 0 or 2 by the parity of their step along ``(a, b)``."""
    if f.kind == "S":
        return 1
    a, b = RATIOS[p.ratio]
    x, y = f.poly[0]  # the large square's corner: its lattice point
    upright = p.layout == "upright"
    m = (a * x + b * y) / (a * a + b * b) if upright else x / pythagorean_cell(p)[0]
    return 2 * (round(m) % 2)


def _pyth_repeat(p) -> tuple[int, int]:
    """Cells over which the ``three`` colouring repeats.

    An upright cell spans ``a`` steps of ``(a, b)`` across and ``b`` down; a turned
    cell one step across and none down.
    """
    a, b = RATIOS[p.ratio]
    if p.layout == "turned":
        return (2, 1)
    return (2 if a % 2 else 1, 2 if b % 2 else 1)


PYTHAGOREAN = FaceTiling(
    pythagorean_cell,
    pythagorean_faces,
    {
        "two": Coloring(lambda f: 0 if f.kind == "L" else 1, classes=2),
        "three": Coloring(_pyth_three, classes=3, repeat=_pyth_repeat, uses_params=True),
        "random": RANDOM,
        "single": SINGLE,
    },
    shape_key=lambda p: (p.ratio, p.layout),
)


@operator(
    "tiling.pythagorean",
    kind="field",
    version=1,
    prepare=PYTHAGOREAN.prepare,
    periods=PYTHAGOREAN.periods,
    tags=(
        "pythagorean",
        "pinwheel",
        "paving",
        "hopscotch",
        "two squares",
        "毕达哥拉斯",
        "风车",
        "地砖",
        "方块",
    ),
    example_params={"repeats": 2, "line_width": 0.003, "color_1": 1, "color_2": 3},
)
def pythagorean(p: PythagoreanParams, call: Call) -> np.ndarray:
    """Pythagorean tiling: squares of two sizes in a pinwheel ("hopscotch" paving).

    Large squares of side ``a`` and small ones of side ``b`` (``ratio`` a : b),
    each small square at a corner of four large ones; the lattice of large squares
    is ``(a, b), (-b, a)``, so each cell's area ``a^2 + b^2`` is Pythagoras' sum.
    Upright, a cell square to the design holds ``a^2 + b^2`` pairs; turned, the
    squares tilt by ``atan(b / a)`` and the lattice is square to the design.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.9 (two-size square tilings).
    Nelsen 2003, "Paintings, plane tilings, and proofs", *Math Horizons* 11(2), 5-8.
    """
    return PYTHAGOREAN.draw(p, call)
