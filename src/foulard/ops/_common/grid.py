"""GridSpec: the grid a grid operator computes on (defined in design units)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["GridSpec"]


@dataclass(frozen=True)
class GridSpec:
    """A grid operator's own grid: a rectangle of design space and its cell counts."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: int
    height: int
    periodic: bool = False

    @classmethod
    def unit(cls, cells: int, *, periodic: bool = True) -> GridSpec:
        """``cells x cells`` over the unit square."""
        return cls(0.0, 0.0, 1.0, 1.0, int(cells), int(cells), periodic)

    @property
    def cell(self) -> float:
        return (self.x1 - self.x0) / self.width

    def coords(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell-centre coordinates, two ``(height, width)`` float64 arrays."""
        xs = self.x0 + (np.arange(self.width) + 0.5) * ((self.x1 - self.x0) / self.width)
        ys = self.y0 + (np.arange(self.height) + 0.5) * ((self.y1 - self.y0) / self.height)
        return np.meshgrid(xs, ys)
