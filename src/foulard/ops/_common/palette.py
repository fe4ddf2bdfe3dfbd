"""The resolved palette a render hands to every operator.

By convention ``palette[0]`` is the ground colour and the following entries are
accents in order of emphasis. Operators refer to palette *roles* by index, so a
colourway is a new palette over the same genome. An index past the end wraps
around (documented on every colour-role parameter).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["Palette", "hex_to_rgb", "rgb_to_hex"]


def hex_to_rgb(color: str) -> tuple[float, float, float]:
    """``'#rrggbb'`` to sRGB floats in [0, 1].

    >>> hex_to_rgb("#ff8000")
    (1.0, 0.5019607843137255, 0.0)
    """
    c = color.lstrip("#")
    return tuple(int(c[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def rgb_to_hex(rgb: Sequence[float]) -> str:
    """sRGB floats in [0, 1] to ``'#rrggbb'`` (rounded, clipped).

    >>> rgb_to_hex((1.0, 0.5, 0.0))
    '#ff8000'
    """
    vals = [min(255, max(0, int(float(v) * 255 + 0.5))) for v in rgb]
    return "#" + "".join(f"{v:02x}" for v in vals)


class Palette:
    """An ordered, immutable list of sRGB colours."""

    __slots__ = ("_rgb", "colors")

    def __init__(self, colors: Sequence[str]):
        if not colors:
            raise ValueError("a palette needs at least one colour")
        self.colors = tuple(c.lower() for c in colors)
        rgb = np.array([hex_to_rgb(c) for c in self.colors], dtype=np.float32)
        rgb.setflags(write=False)
        self._rgb = rgb

    def __len__(self) -> int:
        return len(self.colors)

    def __repr__(self) -> str:
        return f"Palette({list(self.colors)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Palette) and other.colors == self.colors

    def __hash__(self) -> int:
        return hash(self.colors)

    @property
    def rgb(self) -> np.ndarray:
        """``(n, 3)`` float32 sRGB values in [0, 1] (read-only)."""
        return self._rgb

    def role(self, index: int) -> tuple[float, float, float]:
        """The colour of role ``index`` (wrapping past the end)."""
        r, g, b = self._rgb[index % len(self.colors)]
        return float(r), float(g), float(b)

    @property
    def ground(self) -> tuple[float, float, float]:
        return self.role(0)
