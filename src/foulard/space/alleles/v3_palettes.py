"""Space version 3's palettes: version 2's inks, with a second hue family in role 3.

The version 2 audit's closest pairs were two scarves of one dominant hue: the large
areas of a design (ground, repeat, the layout's bands and discs) take palette roles
0 to 3, and in most palettes those roles hold one hue family, so two designs whose
grounds share a hue read alike at a glance whatever else differs. Version 3 puts the
ink farthest in hue from the ground (the accent of a tonal palette) in role 3, the
role of the layouts' tone and shadow fields and, in version 3, of their inner bands
and discs (:data:`foulard.space.alleles.v3.LARGE_AREAS`), and the ink that held
role 3 where that ink was: the same inks in another order.

The ground's hue is role 0's when the ground is tinted (OKLCH chroma above 0.01),
else the first ink's (a white or black ground has no hue of its own). An ink is
*chromatic* above chroma 0.04; a palette with no chromatic ink keeps its order.
"""

from __future__ import annotations

import numpy as np

from foulard.color.space import hex_to_srgb, srgb_to_oklch
from foulard.space.alleles.v2_palettes import PALETTES as V2_PALETTES

__all__ = ["PALETTES", "SECOND_ROLE", "far_ink", "second_family"]

SECOND_ROLE = 3  # the role of the layouts' fields, inner bands and discs
_TINTED = 0.01
_CHROMATIC = 0.04


def _hue_gap(a, b) -> np.ndarray:
    d = np.abs(np.asarray(a) - np.asarray(b)) % 360.0
    return np.minimum(d, 360.0 - d)


def far_ink(colors) -> int | None:
    """The role of the chromatic ink farthest in hue from the ground (None: no such ink)."""
    lch = srgb_to_oklch(hex_to_srgb(list(colors)))
    ref = lch[0, 2] if lch[0, 1] > _TINTED else lch[1, 2]
    roles = [r for r in range(1, len(colors)) if lch[r, 1] > _CHROMATIC]
    if not roles:
        return None
    gaps = _hue_gap(lch[roles, 2], ref)
    # The farthest hue; of two inks as far (within 5 degrees), the more colourful one.
    best = max(range(len(roles)), key=lambda k: (round(gaps[k] / 5.0), lch[roles[k], 1]))
    return roles[best]


def second_family(colors) -> tuple[str, ...]:
    """The palette with its farthest-hued ink in :data:`SECOND_ROLE` (a swap of two inks)."""
    colors = tuple(colors)
    far = far_ink(colors)
    if far is None or far == SECOND_ROLE or len(colors) <= SECOND_ROLE:
        return colors
    out = list(colors)
    out[far], out[SECOND_ROLE] = out[SECOND_ROLE], out[far]
    return tuple(out)


PALETTES = tuple((name, second_family(colors)) for name, colors in V2_PALETTES)
