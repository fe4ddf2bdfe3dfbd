"""Placed pieces of a square scarf: the centre medallion, corner pieces, a crossing motif.

Each piece is sampled from coordinates the layout hands it. A symmetric layout
hands them *folded* coordinates (see :mod:`foulard.ops._common.square`), so a
piece that obeys the layout's group is computed once and is exactly the same in
every copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.geometry import to_motif
from foulard.ops._common.rosette import RosetteFold
from foulard.ops.layout._paint import Stack, edge_cover, lines_cover, paint, role, sample_motif
from foulard.ops.layout._points import once_each, put_rows

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "CROSSINGS",
    "MEDALLION_GROUPS",
    "Corners",
    "Medallion",
    "crossing_point",
    "paint_medallion",
]

MEDALLION_GROUPS = ("dihedral", "cyclic", "single")
CROSSINGS = (
    "top_left",
    "top",
    "top_right",
    "right",
    "bottom_right",
    "bottom",
    "bottom_left",
    "left",
)


@dataclass(frozen=True)
class Medallion:
    """A medallion: the motif under a rosette group C_n or D_n, or placed once.

    Lengths in design units; ``motif_r`` and ``motif_size`` are fractions of the
    radius (for ``single``, the motif box is ``2 * radius * motif_size`` wide).
    """

    group: str
    n: int
    radius: float
    motif_r: float
    motif_size: float
    rotation: float = 0.0
    motif_rotation: float = 0.0

    def obeys(self, symmetry: str) -> bool:
        """Whether the medallion has the square's group ``'d4'`` or ``'c4'``.

        Only then may it be computed from folded coordinates: folding first leaves
        it unchanged and makes its symmetry exact.
        """
        if self.group == "single" or self.n % 4:
            return False
        if symmetry == "c4":
            return True
        if self.group != "dihedral":
            return False
        steps = self.rotation * self.n / 180.0  # mirrors every 180/n degrees
        return abs(steps - round(steps)) < 1e-9

    def add(
        self,
        stack: Stack,
        call: Call,
        slot: str,
        du: np.ndarray,
        dv: np.ndarray,
        rgb,
        r: np.ndarray | None = None,
    ) -> None:
        """Add the medallion of motif ``slot`` to ``stack``, if the slot is given.

        Points are given relative to its centre; ``r`` is their distance from it
        (``hypot(du, dv)`` unless the layout measures it otherwise).
        """
        if not call.has_input(slot) or not self.radius > 0:
            return
        fp = call.footprint
        if r is None:
            r = np.hypot(du, dv)
        stack.add_where(
            r < max(self.reach(), self.radius) + fp,
            lambda idx: self.sample(call, slot, du[idx], dv[idx], fp, rgb),
        )

    def sample(
        self, call: Call, slot: str, du: np.ndarray, dv: np.ndarray, footprint: float, rgb
    ) -> np.ndarray:
        """The medallion at points given relative to its centre (premultiplied RGBA)."""
        return once_each(
            lambda u, v: self._sample(call, slot, u, v, footprint, rgb), du, dv, footprint
        )

    def _sample(
        self, call: Call, slot: str, du: np.ndarray, dv: np.ndarray, footprint: float, rgb
    ) -> np.ndarray:
        if self.group == "single":
            size = 2.0 * self.radius * self.motif_size
            u, v, inv = to_motif(du, dv, cx=0.0, cy=0.0, size=size, rotation=self.motif_rotation)
            return sample_motif(call, slot, u, v, footprint * inv, rgb)
        geo = RosetteFold(
            n=self.n,
            mirror=self.group == "dihedral",
            rotation=self.rotation,
            r=self.motif_r * self.radius,
            size=self.motif_size * self.radius,
            motif_rotation=self.motif_rotation,
        )
        cover = edge_cover(self.radius - np.hypot(du, dv), footprint)
        out = np.zeros((*du.shape, 4), np.float32)
        inside = cover > 0
        if inside.any():
            u, v = geo.motif_coords(du[inside], dv[inside])
            values = sample_motif(call, slot, u, v, footprint * geo.scale, rgb)
            values *= cover[inside][:, None]
            put_rows(out, inside, values)
        return out

    def reach(self) -> float:
        """Radius of the disc the medallion's motifs stay within."""
        if self.group == "single":
            return self.radius * self.motif_size * math.sqrt(2.0)
        return self.radius


@dataclass(frozen=True)
class Corners:
    """A corner piece centred ``distance`` in from both edges of the top-left corner.

    The motif's "up" points to the centre of the square, turned by ``rotation``; the
    other corners are its images under the layout's group.
    """

    distance: float
    size: float
    rotation: float = 0.0

    def sample(
        self, call: Call, slot: str, x: np.ndarray, y: np.ndarray, footprint: float, rgb
    ) -> np.ndarray:
        """At points folded into the top-left quadrant (design units)."""
        d = self.distance

        def values_at(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            u, v, inv = to_motif(x, y, cx=d, cy=d, size=self.size, rotation=135.0 + self.rotation)
            return sample_motif(call, slot, u, v, footprint * inv, rgb)

        return once_each(values_at, x, y, footprint)


def crossing_point(where: str, inset: float, width: float = 1.0, height: float = 1.0):
    """A point ``inset`` in from the edges at ``where``, and the motif's upright turn.

    Motifs by the top edge are turned half round, so they read from that edge;
    the others stand upright.
    """
    xs = {"left": inset, "right": width - inset}
    ys = {"top": inset, "bottom": height - inset}
    if where in ("left", "right"):
        return xs[where], 0.5 * height, 0.0
    if where in ("top", "bottom"):
        return 0.5 * width, ys[where], 180.0 if where == "top" else 0.0
    vert, _, horiz = where.partition("_")
    return xs[horiz], ys[vert], 180.0 if vert == "top" else 0.0


def paint_medallion(
    stack: Stack,
    call: Call,
    med: Medallion,
    u: np.ndarray,
    v: np.ndarray,
    p: Any,
    ink: np.ndarray,
    slot: str = "medallion",
) -> None:
    """Add a medallion centred on ``u = v = 0`` (top first): its motif slot, then
    ``p.medallion_rings`` ring lines round it (frame lines' width, gap and ``ink``),
    then a disc of palette role ``p.medallion_color`` behind it (-1: none)."""
    fp = call.footprint
    r = np.hypot(u, v)
    med.add(stack, call, slot, u, v, ink, r)
    if p.medallion_rings:
        # Ring lines just outside the medallion, the frame lines' width and gap apart.
        w, gap = p.frame_width, p.frame_gap
        axes = [med.radius + gap * k + w * (k + 0.5) for k in range(p.medallion_rings)]
        ring_reach = med.radius + p.medallion_rings * (gap + w) + fp
        stack.add_where(
            (r < ring_reach) & (r > med.radius - fp),
            lambda idx: paint(lines_cover(r[idx], axes, w, fp), ink),
        )
    if p.medallion_color >= 0:
        disc = role(call.palette, p.medallion_color)
        stack.add_where(
            r < med.radius + fp, lambda idx: paint(edge_cover(med.radius - r[idx], fp), disc)
        )
