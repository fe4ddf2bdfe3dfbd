"""Bands round a square or along a strip: friezes, band fills and frame lines.

A band is described on one side, running left to right along the top edge of its
rectangle: ``along`` is measured on the band's centre line from where the mitre
(the diagonal at the corner) crosses it, ``across`` from the centre line, positive
inwards. Each side holds a whole number of frieze periods, so every side starts
in the same phase and the corners meet cleanly; groups with a mirror across the
band put one on each mitre, and the corners join without a seam.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.frieze import FRIEZE_GROUPS, fit_repeats
from foulard.ops._common.orbit import Plan, build_plan, fold
from foulard.ops.layout._paint import Stack, line_cover, lines_cover, paint, sample_motif
from foulard.ops.layout._points import once_each

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "GROUPS",
    "FrameLines",
    "Frieze",
    "corner_block_coords",
    "paint_band",
    "rect_sides",
]

GROUPS = tuple(FRIEZE_GROUPS)
# Groups with a mirror across the band at every half period: any whole count of
# periods puts a mirror at the middle of a side as well as on the mitres.
_ACROSS_MIRRORS = ("p1m1", "p2mg", "p2mm")


@dataclass(frozen=True)
class Frieze:
    """A motif repeated along a band of ``width`` under a frieze group.

    ``length`` is the band's centre line from mitre to mitre. With ``repeats`` 0
    the count is fitted so the period is nearest ``spacing`` band widths; with
    ``halves`` the fitted count is even for groups without mirrors across the band,
    so a side folded at its middle (D4) meets a period boundary there.
    """

    group: str
    width: float
    length: float
    repeats: int = 0
    spacing: float = 1.0
    motif_size: float = 1.0
    motif_x: float = 0.5
    motif_y: float = 0.0
    motif_rotation: float = 0.0
    halves: bool = False

    @property
    def count(self) -> int:
        if self.repeats:
            return self.repeats
        multiple = 2 if self.halves and self.group not in _ACROSS_MIRRORS else 1
        return fit_repeats(self.length, self.spacing * self.width, multiple=multiple)

    @property
    def period(self) -> float:
        return self.length / self.count

    @property
    def plan(self) -> Plan:
        return build_plan(
            FRIEZE_GROUPS[self.group],
            (self.period, 0.0, 0.0, self.width),
            (self.motif_x, self.motif_y),
            size=self.motif_size * self.width,
            rotation=self.motif_rotation,
            periodic_b=False,
        )

    def sample(
        self,
        call: Call,
        slot: str,
        along: np.ndarray,
        across: np.ndarray,
        footprint: float,
        rgb: np.ndarray,
    ) -> np.ndarray:
        """The slot's motif repeated along the band, at band points (premultiplied RGBA)."""
        plan = self.plan

        def values_at(along: np.ndarray, across: np.ndarray) -> np.ndarray:
            u, v = fold(plan, along * (1.0 / self.period), across * (1.0 / self.width))
            return sample_motif(call, slot, u, v, footprint * plan.scale, rgb)

        return once_each(values_at, along, across, footprint)


@dataclass(frozen=True)
class FrameLines:
    """Thin lines along both edges of a band: ``count`` a side, ``gap`` apart."""

    count: int
    width: float
    gap: float

    @classmethod
    def of(cls, p: Any) -> FrameLines:
        """A layout's frame lines: ``p.frame_lines`` a side, ``p.frame_width`` wide,
        ``p.frame_gap`` apart."""
        return cls(p.frame_lines, p.frame_width, p.frame_gap)

    @property
    def reach(self) -> float:
        """How far the lines reach beyond the band's edge."""
        return self.count * (self.gap + self.width)

    def offsets(self, half_band: float) -> np.ndarray:
        """Distances of the line axes from the band's centre line (both sides)."""
        k = np.arange(self.count)
        d = half_band + self.gap * (k + 1) + self.width * (k + 0.5)
        return np.concatenate([-d, d])

    def cover(self, across: np.ndarray, half_band: float, footprint: float) -> np.ndarray:
        """Coverage of the lines at ``across`` (distance from the band's centre line)."""
        return lines_cover(across, self.offsets(half_band), self.width, footprint)


def rect_sides(
    x: np.ndarray, y: np.ndarray, width: float, height: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a border round ``[0, width] x [0, height]``: side, position along it, depth.

    Returns ``side`` (0 top, 1 right, 2 bottom, 3 left: the nearest edge, ties to the
    earlier side), ``t`` (distance along that side, clockwise from its start
    corner) and ``depth`` (distance in from that edge). Bands at depth ``c`` run
    ``t - c`` from their mitre.
    """
    d = np.stack([y, width - x, height - y, x])
    side = np.argmin(d, axis=0)
    depth = np.take_along_axis(d, side[None], axis=0)[0]
    t = np.choose(side, [x, y, width - x, height - y])
    return side, t, depth


def paint_band(
    stack: Stack,
    call: Call,
    along: np.ndarray,
    across: np.ndarray,
    half: float,
    *,
    frieze: Frieze | None,
    slot: str,
    lines: FrameLines | None,
    band_rgb: np.ndarray | None,
    ink_rgb: np.ndarray,
) -> None:
    """Add a band (frame lines, frieze motif, band colour; top first) to ``stack``.

    ``along`` and ``across`` are the band coordinates of every point (design units;
    ``across`` from the centre line), ``half`` the band's half width.
    """
    fp = call.footprint
    if lines is not None and lines.count:
        reach = half + lines.reach + fp
        a = np.abs(across)
        stack.add_where(
            (a < reach) & (a > half - fp),
            lambda idx: paint(lines.cover(across[idx], half, fp), ink_rgb),
        )
    band = np.abs(across) < half + fp
    if frieze is not None and call.has_input(slot):
        stack.add_where(
            band,
            lambda idx: (
                frieze.sample(call, slot, along[idx], across[idx], fp, ink_rgb)
                * line_cover(across[idx], half, fp)[:, None]
            ),
        )
    if band_rgb is not None:
        stack.add_where(band, lambda idx: paint(line_cover(across[idx], half, fp), band_rgb))


def corner_block_coords(
    bx: np.ndarray, by: np.ndarray, centre: float
) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates about the top-left corner block's centre, from top-side coordinates.

    ``bx, by`` are points folded onto the top side (C4 sector or D4 octant). Under
    C4 the top-left block is split by the mitre: its lower half arrives at the top
    side's right end, turned a quarter; it is turned back here, so the block is
    whole and identical at every corner.
    """
    right = bx > 0.5
    lx = np.where(right, by - centre, bx - centre)
    ly = np.where(right, (1.0 - centre) - bx, by - centre)
    return lx, ly
