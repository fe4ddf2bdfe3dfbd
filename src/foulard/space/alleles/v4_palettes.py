"""Space version 4's palettes: version 3's inks, the strongest contrast in role 1.

Role 1 is the ink of the layouts' largest solid areas (the carré's and the
all-over's border band, the outer frames) and of most motifs' main ink. Version 3
left there whatever ink the palette listed second, which in 35 palettes was within
0.3 of the ground in OKLab lightness (0.01 in the closest): a border barely set off
from the ground, so designs of those palettes read as one even colour at a glance.
Version 4 swaps into role 1 the ink farthest in lightness from the ground, leaving
the ground (role 0) and version 3's second hue family (role 3) where they are: the
same inks, in another order in 121 of them. 20 palettes, whose inks are all close
in lightness, still have role 1 within 0.3 of the ground (the closest: 0.12).
"""

from __future__ import annotations

from foulard.color.space import hex_to_srgb, srgb_to_oklab
from foulard.space.alleles.v3_palettes import PALETTES as V3_PALETTES
from foulard.space.alleles.v3_palettes import SECOND_ROLE

__all__ = ["CONTRAST_ROLE", "PALETTES", "contrast_first"]

CONTRAST_ROLE = 1


def contrast_first(colors) -> tuple[str, ...]:
    """The palette with its ink farthest in lightness from the ground in role 1."""
    colors = list(colors)
    lightness = srgb_to_oklab(hex_to_srgb(colors))[:, 0]
    roles = [r for r in range(1, len(colors)) if r != SECOND_ROLE]
    # max() keeps the first of equals: a palette already in order stays as it is.
    best = max(roles, key=lambda r: abs(lightness[r] - lightness[0]))
    colors[CONTRAST_ROLE], colors[best] = colors[best], colors[CONTRAST_ROLE]
    return tuple(colors)


PALETTES = tuple((name, contrast_first(colors)) for name, colors in V3_PALETTES)
