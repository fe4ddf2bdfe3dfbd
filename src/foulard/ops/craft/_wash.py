"""A wet-in-wet wash of silk dyes: the ground that salt, alcohol and serti work on.

Two or three dyes brushed onto wet silk run into each other in soft, cloudy
fronts. The wash gives each dye role a concentration field: the first dye
everywhere with a gentle cloudy variation, the others in large soft patches
where low-frequency noise passes a threshold, so they flow into the first and
mix as dyes do.
"""

from __future__ import annotations

import numpy as np

from foulard.ops._common.palette import Palette
from foulard.ops.craft._dye import dye_rgba, smoothstep
from foulard.ops.craft._noise import Noise

__all__ = ["Wash"]


class Wash:
    """Noise for a wash of ``colors`` dyes over the unit square (tiles the square)."""

    def __init__(self, rng: np.random.Generator, colors: int):
        self.clouds = Noise(rng, 4, 5, gain=0.55)
        self.patches = [Noise(rng, 3, 4, gain=0.5) for _ in range(max(0, colors - 1))]

    def concentrations(
        self, x: np.ndarray, y: np.ndarray, roles: list[int], depth: float
    ) -> list[tuple[int, np.ndarray]]:
        """``(role, concentration)`` of every dye of the wash at points."""
        cloud = self.clouds(x, y)
        out = [(roles[0], depth * (0.55 + 0.6 * cloud))]
        for role, patch in zip(roles[1:], self.patches, strict=False):
            v = patch(x, y)
            out.append((role, depth * 0.9 * smoothstep(0.45, 0.7, v)))
        return out

    def rgba(self, palette: Palette, p, x: np.ndarray, y: np.ndarray, keep) -> np.ndarray:
        """Opaque RGBA of the wash of ``p.dye_color`` and ``p.second_color`` (none where
        it is ``p.ground_color``) at points, every dye's concentration times ``keep``."""
        roles = [p.dye_color]
        if p.second_color != p.ground_color:
            roles.append(p.second_color)
        dyes = [(role, c * keep) for role, c in self.concentrations(x, y, roles, p.depth)]
        return dye_rgba(palette, p.ground_color, dyes)
