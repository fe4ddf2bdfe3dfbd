"""Lattices and the parameter classes of the wallpaper samplers.

A wallpaper group lives on a lattice of one of five kinds (oblique, rectangular,
centred rectangular, square, hexagonal). The first lattice vector is always
``(1 / repeats, 0)``, so ``repeats`` whole cells span the unit square across. Down
it, whole rows fit when ``repeats / aspect`` is a whole number (always on the square
lattice, never on the hexagonal one, whose rows are sqrt(3)/2 apart). The whole
pattern may then be turned about the centre of the design.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.geometry import rotate
from foulard.ops._common.isometry import Op
from foulard.ops._common.orbit import Plan, build_plan, fold_sample
from foulard.ops.params import Params, param

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["KINDS", "Lattice", "Wallpaper", "wallpaper_params"]

KINDS = ("oblique", "rectangular", "centred", "square", "hexagonal")
CENTRE = 0.5  # the pattern turns about the middle of the design
_SQRT3 = math.sqrt(3.0)


@dataclass(frozen=True)
class Lattice:
    """Lattice vectors ``e1``, ``e2`` (design units, before the turn) and the turn.

    ``inverse`` maps design units to lattice coordinates; it is given exactly (as
    ``repeats`` and ``repeats / aspect``) for rectangular lattices, so that points on
    a dyadic grid get exact lattice coordinates.
    """

    e1: tuple[float, float]
    e2: tuple[float, float]
    inverse: tuple[float, float, float, float]
    rotation: float = 0.0

    @classmethod
    def make(cls, kind: str, repeats: int, *, aspect=1.0, angle=90.0, rotation=0.0) -> Lattice:
        n = float(repeats)
        w = 1.0 / n
        if kind in ("rectangular", "centred", "square"):
            if kind == "square":
                aspect = 1.0
            return cls((w, 0.0), (0.0, aspect * w), (n, 0.0, 0.0, n / aspect), rotation)
        if kind == "hexagonal":
            e2 = (0.5 * w, 0.5 * _SQRT3 * w)
            return cls((w, 0.0), e2, (n, -n / _SQRT3, 0.0, 2.0 * n / _SQRT3), rotation)
        if kind == "oblique":
            g = math.radians(angle)
            e2 = (aspect * w * math.cos(g), aspect * w * math.sin(g))
            return cls.from_vectors((w, 0.0), e2, rotation)
        raise ValueError(f"unknown lattice kind {kind!r}; valid: {', '.join(KINDS)}")

    @classmethod
    def from_vectors(cls, e1, e2, rotation: float = 0.0) -> Lattice:
        inv = np.linalg.inv(np.array([[e1[0], e2[0]], [e1[1], e2[1]]], np.float64))
        return cls(tuple(e1), tuple(e2), tuple(float(v) for v in inv.ravel()), rotation)

    @property
    def basis(self) -> tuple[float, float, float, float]:
        """``(e1x, e2x, e1y, e2y)``: the matrix taking lattice to design coordinates."""
        return (self.e1[0], self.e2[0], self.e1[1], self.e2[1])

    def coords(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Lattice coordinates ``(a, b)`` of design points."""
        if self.rotation:
            x, y = rotate(x - CENTRE, y - CENTRE, -self.rotation)
            x, y = x + CENTRE, y + CENTRE
        i00, i01, i10, i11 = self.inverse
        a = x * i00 if i01 == 0.0 else x * i00 + y * i01
        b = y * i11 if i10 == 0.0 else x * i10 + y * i11
        return a, b

    def vector(self, a: float, b: float) -> tuple[float, float]:
        """The design-space translation ``a e1 + b e2``, turned with the pattern."""
        vx = a * self.e1[0] + b * self.e2[0]
        vy = a * self.e1[1] + b * self.e2[1]
        if self.rotation:
            rx, ry = rotate(np.array([vx]), np.array([vy]), self.rotation)
            return float(rx[0]), float(ry[0])
        return vx, vy


class Wallpaper:
    """A wallpaper group on a lattice kind: builds plans, samples, reports periods.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    ops : tuple of Op
        Coset representatives of the group modulo the lattice (identity first). For
        the centred kind they include the centring translation ``(1/2, 1/2)``.
    """

    def __init__(self, kind: str, ops: tuple[Op, ...]):
        if kind not in KINDS:
            raise ValueError(f"unknown lattice kind {kind!r}")
        self.kind = kind
        self.ops = ops

    def lattice(self, p: Any) -> Lattice:
        return Lattice.make(
            self.kind,
            p.repeats,
            aspect=getattr(p, "aspect", 1.0),
            angle=getattr(p, "angle", 90.0),
            rotation=p.rotation,
        )

    def plan(self, p: Any) -> Plan:
        lat = self.lattice(p)
        return build_plan(
            self.ops,
            lat.basis,
            (p.motif_x, p.motif_y),
            size=p.motif_size * math.hypot(*lat.e1),
            rotation=p.motif_rotation,
        )

    def prepare(self, p: Any, rng: np.random.Generator) -> Plan:
        return self.plan(p)  # nothing random: the orbit follows from the parameters

    def periods(self, p: Any) -> list[tuple[float, float]]:
        """A basis of the translations (turned with the pattern)."""
        lat = self.lattice(p)
        if self.kind == "centred":
            return [lat.vector(0.5, 0.5), lat.vector(0.5, -0.5)]
        return [lat.vector(1.0, 0.0), lat.vector(0.0, 1.0)]

    def sample(self, p: Any, call: Call) -> np.ndarray:
        a, b = self.lattice(p).coords(call.x, call.y)
        return fold_sample(call.state, call, a, b)


def wallpaper_params(
    name: str,
    kind: str,
    repeats: int,
    placement: tuple[float, float, float, float],
    *,
    aspect: float = 1.0,
    angle: float = 75.0,
    module: str = __name__,
) -> type[Params]:
    """A frozen parameter class for a wallpaper group on a lattice ``kind``.

    Every group shares the field names; the defaults differ (the placement above
    all: ``(motif_x, motif_y, motif_size, motif_rotation)``), so each group gets its
    own class.
    """
    motif_x, motif_y, motif_size, motif_rotation = placement
    fields: list[tuple[str, type, Any]] = [
        ("repeats", int, param(repeats, range=(1, 64), doc="lattice cells across the unit square")),
    ]
    if kind in ("oblique", "rectangular", "centred"):
        doc = "cell height over cell width"
        if kind == "centred":
            doc = "height over width of the centred (diamond) cell"
        fields.append(("aspect", float, param(aspect, range=(0.25, 4.0), doc=doc)))
    if kind == "oblique":
        fields.append(
            (
                "angle",
                float,
                param(
                    angle,
                    range=(30.0, 150.0),
                    doc="angle between the lattice vectors",
                    unit="degrees",
                ),
            )
        )
    fields += [
        (
            "rotation",
            float,
            param(
                0.0,
                range=(-180.0, 180.0),
                doc="clockwise turn of the whole pattern",
                unit="degrees",
            ),
        ),
        (
            "motif_x",
            float,
            param(
                motif_x, range=(0.0, 1.0), doc="motif centre along e1, as a fraction of the cell"
            ),
        ),
        (
            "motif_y",
            float,
            param(
                motif_y, range=(0.0, 1.0), doc="motif centre along e2, as a fraction of the cell"
            ),
        ),
        (
            "motif_size",
            float,
            param(
                motif_size,
                range=(0.01, 4.0),
                doc="motif box width, as a fraction of the cell width",
            ),
        ),
        (
            "motif_rotation",
            float,
            param(
                motif_rotation,
                range=(-180.0, 180.0),
                doc="clockwise turn of the motif",
                unit="degrees",
            ),
        ),
    ]
    cls = dataclasses.make_dataclass(
        name,
        fields,
        bases=(Params,),
        frozen=True,
        namespace={"__module__": module, "__doc__": f"Parameters of a {kind}-lattice wallpaper."},
    )
    return cls
