"""Frieze bands: the geometry of a straight band or a mitred border, and parameters.

A frieze lives on a band of ``height``. Its coordinates are ``a`` along the band (in
periods) and ``b`` across it (in band heights, 0 on the centre line, positive
towards the bottom of a straight band and towards the inside of a border). Outside
the band the output is transparent.

``path="straight"`` runs the band across the design at ``y``; ``path="border"`` runs
it round the unit square at ``inset`` from the edge, reading clockwise, mitred along
the diagonals. Each side holds a whole number of periods, starting at a corner of
the band's centre line, so every side starts in the same phase.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.frieze import to_top_side
from foulard.ops._common.isometry import Op
from foulard.ops._common.orbit import build_plan, fold
from foulard.ops.params import Params, param
from foulard.ops.symmetry._motif import within

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["Frieze", "frieze_params"]


class Frieze:
    """A frieze group: band geometry, plans and sampling."""

    def __init__(self, ops: tuple[Op, ...]):
        self.ops = ops

    @staticmethod
    def period(p: Any) -> float:
        if p.path == "straight":
            return 1.0 / p.repeats
        return (1.0 - 2.0 * p.inset - p.height) / p.repeats

    def plan(self, p: Any):
        period = self.period(p)
        return build_plan(
            self.ops,
            (period, 0.0, 0.0, p.height),
            (p.motif_x, p.motif_y),
            size=p.motif_size * p.height,
            rotation=p.motif_rotation,
            periodic_b=False,
        )

    def prepare(self, p: Any, rng: np.random.Generator):
        return self.plan(p)  # nothing random: the orbit follows from the parameters

    def periods(self, p: Any) -> list[tuple[float, float]] | None:
        return [(self.period(p), 0.0)] if p.path == "straight" else None

    def sample(self, p: Any, call: Call) -> np.ndarray:
        x, y = call.x, call.y
        if p.path == "straight":
            centre = p.y
            along = x
        else:
            x, y = to_top_side(x, y)
            centre = p.inset + 0.5 * p.height
            along = x - centre  # the band's centre line starts at its top-left corner
        across = y - centre
        # Anti-aliased band edges: coverage of the pixel by the band.
        cover = (0.5 * p.height - np.abs(across)) / call.footprint + 0.5
        cover = np.clip(cover, 0.0, 1.0).astype(np.float32)
        return within(call, cover, self._inside(p, call), along, across)

    def _inside(self, p: Any, call: Call):
        def sample(along: np.ndarray, across: np.ndarray) -> np.ndarray:
            a = along * (1.0 / self.period(p))
            b = across * (1.0 / p.height)
            u, v = fold(call.state, a, b)
            return call.input("motif", u, v, call.footprint * call.state.scale)

        return sample


def frieze_params(
    name: str,
    repeats: int,
    placement: tuple[float, float, float, float],
    *,
    module: str = __name__,
) -> type[Params]:
    """A frozen parameter class for a frieze group.

    The defaults differ per group: ``repeats`` and the placement
    ``(motif_x, motif_y, motif_size, motif_rotation)``.
    """
    motif_x, motif_y, motif_size, motif_rotation = placement
    height = 0.12
    fields: list[tuple[str, type, Any]] = [
        (
            "path",
            str,
            param(
                "straight", choices=("straight", "border"), doc="a band across, or round the edge"
            ),
        ),
        (
            "repeats",
            int,
            param(repeats, range=(1, 128), doc="periods across the design (per side)"),
        ),
        (
            "height",
            float,
            param(height, range=(0.005, 0.4), doc="width of the band", unit="design units"),
        ),
        (
            "y",
            float,
            param(0.5, range=(0.0, 1.0), doc="centre line of a straight band", unit="design units"),
        ),
        (
            "inset",
            float,
            param(
                0.04, range=(0.0, 0.25), doc="border's distance from the edge", unit="design units"
            ),
        ),
        (
            "motif_x",
            float,
            param(
                motif_x,
                range=(0.0, 1.0),
                doc="motif centre along the band, as a fraction of the period",
            ),
        ),
        (
            "motif_y",
            float,
            param(motif_y, range=(-0.5, 0.5), doc="motif centre across the band, in band heights"),
        ),
        (
            "motif_size",
            float,
            param(motif_size, range=(0.01, 4.0), doc="motif box width, in band heights"),
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
    return dataclasses.make_dataclass(
        name,
        fields,
        bases=(Params,),
        frozen=True,
        namespace={"__module__": module, "__doc__": "Parameters of a frieze."},
    )
