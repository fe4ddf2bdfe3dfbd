"""What the face-tiling operators share: parameters, colourings, prepare and draw.

Each operator (square, hexagonal, the Archimedean and Laves tilings, parquet)
names its faces once (a builder returning :class:`Face` polygons in lattice units)
and its colouring rules; :class:`FaceTiling` turns that into the ``prepare``,
``periods`` and field function the registry wants.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.tiling._facedraw import Layout, Prepared, Style, class_table, draw_faces
from foulard.ops.tiling._facefield import Face, FaceGeometry

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "RANDOM",
    "SINGLE",
    "Coloring",
    "FaceTiling",
    "FaceTilingParams",
    "by_kind",
    "lattice_hex",
    "role_param",
    "tiling_tags",
]

_SQ3 = math.sqrt(3.0)


def role_param(default: int, doc: str) -> Any:
    """An int parameter naming a palette role (wrapping past the palette's end)."""
    return param(default, range=(0, 47), doc=f"{doc} (palette role; wraps past the end)")


@dataclass(frozen=True)
class FaceTilingParams(Params):
    """Parameters every face tiling takes (each operator adds its ``coloring``)."""

    repeats: int = param(
        8, range=(1, 96), doc="lattice cells across the unit square (sets the edge length)"
    )
    rotation: float = param(
        0.0,
        range=(-180.0, 180.0),
        doc="turn of the tiling about the design's centre",
        unit="degrees",
    )
    color_1: int = role_param(1, "fill of the first face class")
    color_2: int = role_param(2, "fill of the second face class")
    color_3: int = role_param(3, "fill of the third face class")
    line_width: float = param(
        0.003, range=(0.0, 0.05), doc="width of the lines along the edges", unit="design units"
    )
    line_color: int = role_param(0, "colour of the lines")
    corner_radius: float = param(
        0.0,
        range=(0.0, 0.05),
        doc="rounds each face's corners (the lines open into holes at the vertices)",
        unit="design units",
    )
    double_line: float = param(
        0.0,
        range=(0.0, 0.05),
        doc="gap to a second outline inside every face (kikko double line); 0 for none",
        unit="design units",
    )
    fill: str = param(
        "faces", choices=("faces", "none"), doc="paint the faces, or leave them clear (lines only)"
    )
    sideways: bool = param(
        False,
        doc="lay the lattice rows down the design, not across (a quarter turn that keeps "
        "the repeat exact; mirrors a chiral tiling)",
    )


@dataclass(frozen=True)
class Coloring:
    """A colouring rule: a class per face (``classify``, or random when None).

    ``classes`` is how many classes there are (an int or ``f(params)``); ``repeat``
    the basic cells over which the classes repeat (``(mx, my)`` or ``f(params)``);
    ``tones`` the colours of the classes (``f(params, palette)``), by default the
    roles ``color_1``, ``color_2``... in class order.
    """

    classify: Callable[[Face], int] | Callable[[Face, Any], int] | None
    classes: int | Callable[[Any], int] = 1
    repeat: tuple[int, int] | Callable[[Any], tuple[int, int]] = (1, 1)
    tones: Callable[[Any, Palette], Sequence[Sequence[float]]] | None = None
    uses_params: bool = False


# The colourings most tilings offer besides their own: every face the first role,
# or each face one of three roles at random.
SINGLE = Coloring(lambda f: 0)
RANDOM = Coloring(None, classes=3)


def by_kind(**classes: int) -> Coloring:
    """A colouring by face kind: ``by_kind(A=0, B=1)`` puts kind ``A`` faces in class 0.

    Kinds are the builders' names for the faces: ``A``, ``B``, ``C`` the corners of
    a Wythoff chamber, ``S`` snub triangles, or a builder's own letters.
    """
    k = max(classes.values()) + 1
    return Coloring(lambda f: classes[f.kind], classes=k)


def tiling_tags(kind: str, *words: str) -> tuple[str, ...]:
    """Search tags of a face tiling of ``kind`` ("archimedean", "laves"), then ``words``."""
    return ("tiling", "tessellation", kind, "geometric", "镶嵌", "几何", *words)


def _value(v, p):
    return v(p) if callable(v) else v


class FaceTiling:
    """One face tiling: its basic cell, its faces and its colouring rules.

    Parameters
    ----------
    cell : (float, float)
        The rectangular basic cell in lattice units.
    build : callable
        ``build(params) -> list of Face`` over a window at least one cell beyond
        the basic cell on every side.
    colorings : dict
        Colouring rules by the names the operator's ``coloring`` parameter takes.
    shape_key : callable, optional
        The parameters the faces depend on (the geometry is cached by them).
    """

    def __init__(
        self,
        cell: tuple[float, float] | Callable[[Any], tuple[float, float]],
        build: Callable[[Any], list[Face]],
        colorings: dict[str, Coloring],
        shape_key: Callable[[Any], Hashable] = lambda p: None,
    ):
        self._cell = cell
        self._build = build
        self.colorings = colorings
        self._shape_key = shape_key
        self._cache = functools.lru_cache(maxsize=32)(self._make_geometry)

    def cell(self, p) -> tuple[float, float]:
        return _value(self._cell, p)

    def _make_geometry(self, key: Hashable, p) -> FaceGeometry:
        return FaceGeometry(self.cell(p), self._build(p))

    def geometry(self, p) -> FaceGeometry:
        """The prepared faces (cached by the parameters the shape depends on)."""
        return self._cache(self._shape_key(p), _Frozen(p))

    def repeat(self, p) -> tuple[int, int]:
        """Basic cells per colour repeat: a random colouring spans the whole design."""
        rule = self.colorings[p.coloring]
        if rule.classify is None:
            cw, ch = self.cell(p)
            return p.repeats, max(1, math.ceil(p.repeats * cw / ch - 1e-9))
        return _value(rule.repeat, p)

    def layout(self, p) -> Layout:
        mx, my = self.repeat(p)
        return Layout(self.cell(p), p.repeats, p.rotation, mx, my, p.sideways)

    def periods(self, p) -> list[tuple[float, float]]:
        return self.layout(p).periods()

    def prepare(self, p, rng: np.random.Generator) -> Prepared:
        geo = self.geometry(p)
        lay = self.layout(p)
        rule = self.colorings[p.coloring]
        k = _value(rule.classes, p)
        if rule.classify is None:
            table = rng.integers(0, k, size=(len(geo.faces), lay.mx, lay.my))
        elif rule.uses_params:
            table = class_table(geo, lay.mx, lay.my, lambda f: rule.classify(f, p))
        else:
            table = class_table(geo, lay.mx, lay.my, rule.classify)
        style = Style(p.line_width, p.corner_radius, p.double_line, p.fill == "faces")
        return Prepared(geo, lay, table, style)

    def tones(self, p, palette: Palette) -> np.ndarray:
        rule = self.colorings[p.coloring]
        if rule.tones is not None:
            return np.asarray(rule.tones(p, palette), np.float64)
        roles = [p.color_1, p.color_2, p.color_3, getattr(p, "color_4", p.color_1)]
        k = _value(rule.classes, p)
        return np.array([palette.role(roles[c % len(roles)]) for c in range(k)], np.float64)

    def draw(self, p, call: Call) -> np.ndarray:
        return draw_faces(
            call, call.state, self.tones(p, call.palette), call.palette.role(p.line_color)
        )


class _Frozen:
    """Parameters passed through the geometry cache without taking part in its key."""

    __slots__ = ("p",)

    def __init__(self, p):
        self.p = p

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen)

    def __getattr__(self, name):
        return getattr(self.p, name)


def lattice_hex(point: np.ndarray) -> tuple[float, float]:
    """Coordinates ``(a, b)`` of a point on the hexagonal lattice ``(1, 0), (1/2, sqrt3/2)``."""
    b = point[1] * (2.0 / _SQ3)
    return float(point[0] - 0.5 * b), float(b)


def rounded(v: float) -> int:
    return math.floor(v + 0.5)
