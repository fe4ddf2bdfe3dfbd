"""Contrasting accent inks for tonal palettes (how space version 2's palettes were made).

The version 1 audit's closest pairs were designs that shared one dominant hue and
tone: tonal palettes (many Chinese traditional themes and solar terms are tonal by
nature) leave the eye nothing but that hue at a glance. Version 2 pairs every tonal
palette with an accent ink on the far side of the hue circle, as a silk designer
would (a coral accent on a jade scarf). The version 2 tables hold the resulting
colours as data (``v2_palettes.py``), so a later change to a palette operator never
moves the designs of the space; :func:`main` rebuilds that data from version 1's
palette operators and says which palettes took an accent.

A palette is *tonal* when the hues of its chromatic colours (OKLCH chroma above
0.04, ground included) span less than 60 degrees, or when fewer than two of its
colours are chromatic. The accent's hue is opposite the palette's chroma-weighted
mean hue, its chroma 0.15 (reduced into sRGB), its lightness well away from the
ground's. It replaces the ink nearest another ink (the one the palette can best
spare); a palette of fewer than six colours gains it as a sixth.

References
----------
Itten, J. (1961). *Kunst der Farbe*: the contrast of complementaries.
Ottosson, B. (2020). *A perceptual color space for image processing* (OKLab).
"""

from __future__ import annotations

import numpy as np

from foulard.color.gamut import gamut_map_oklch
from foulard.color.space import hex_to_srgb, srgb_to_hex, srgb_to_oklch

__all__ = ["COLOURS", "is_tonal", "with_accent"]

COLOURS = 6  # colours of every version 2 palette, ground first
_CHROMATIC = 0.04
_SPAN = 60.0
_ACCENT_CHROMA = 0.15


def _hue_span(hues: np.ndarray) -> float:
    """Smallest arc (degrees) holding every hue."""
    if hues.size < 2:
        return 0.0
    h = np.sort(np.mod(hues, 360.0))
    gaps = np.diff(np.concatenate([h, h[:1] + 360.0]))
    return float(360.0 - gaps.max())


def is_tonal(colors) -> bool:
    """Whether a palette's chromatic colours all lie within a narrow arc of hue."""
    lch = srgb_to_oklch(hex_to_srgb(colors))
    chromatic = lch[lch[:, 1] > _CHROMATIC]
    return chromatic.shape[0] < 2 or _hue_span(chromatic[:, 2]) < _SPAN


def with_accent(colors) -> tuple[tuple[str, ...], bool]:
    """The palette with a contrasting accent ink if it is tonal; and whether it took one."""
    colors = tuple(colors)
    if not is_tonal(colors):
        return colors, False
    lch = srgb_to_oklch(hex_to_srgb(colors))
    rad = np.radians(lch[:, 2])
    w = lch[:, 1] + 1e-6
    mean = np.degrees(np.arctan2((w * np.sin(rad)).sum(), (w * np.cos(rad)).sum()))
    ground_l = lch[0, 0]
    light = 0.5 if ground_l > 0.6 else 0.78
    rgb = gamut_map_oklch(np.array([[light, _ACCENT_CHROMA, (mean + 180.0) % 360.0]]))
    hexa = srgb_to_hex(rgb)[0]
    if len(colors) < COLOURS:
        return (*colors, hexa), True
    lab_inks = lch[1:, 0:1]
    ab = np.stack([lch[1:, 1] * np.cos(rad[1:]), lch[1:, 1] * np.sin(rad[1:])], axis=1)
    pts = np.concatenate([lab_inks, ab], axis=1)
    d = np.linalg.norm(pts[:, None] - pts[None], axis=2)
    np.fill_diagonal(d, np.inf)
    spare = 1 + int(np.argmin(d.min(axis=1)))
    out = list(colors)
    out[spare] = hexa
    return tuple(out), True


def main() -> None:  # pragma: no cover - run by hand to rebuild v2_palettes.py
    """Print version 2's palette table (from version 1's palette operators)."""
    from foulard.ops import registry
    from foulard.space.alleles import v1

    rows = []
    for o in v1.PALETTE.factors[0].options:
        spec = registry.get(o.data["op"])
        colors = spec.func(spec.params.from_json(o.data["params"]), np.random.default_rng(0))
        colors, accented = with_accent(colors)
        name = o.name + (" with an accent" if accented else "")
        rows.append(f"    ({name!r}, {tuple(colors)!r}),")
    print("\n".join(rows))


if __name__ == "__main__":  # pragma: no cover
    main()
