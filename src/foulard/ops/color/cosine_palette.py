"""Cosine palettes: colours along a + b cos(2 pi (c t + d)) (Inigo Quilez)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.color.space import srgb_to_hex, srgb_to_oklab
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

__all__ = ["PRESETS", "cosine_colors", "cosine_palette"]

# (a, b, c, d) per preset, each an RGB triple; the first five are Quilez's examples.
PRESETS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "rainbow": ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (1.0, 1.0, 1.0), (0.0, 0.33, 0.67)),
    "ember": ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (1.0, 1.0, 1.0), (0.0, 0.1, 0.2)),
    "orchid": ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (1.0, 1.0, 1.0), (0.3, 0.2, 0.2)),
    "lagoon": ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (1.0, 1.0, 0.5), (0.8, 0.9, 0.3)),
    "sunset": ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (1.0, 0.7, 0.4), (0.0, 0.15, 0.2)),
    "meadow": ((0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (2.0, 1.0, 0.0), (0.5, 0.2, 0.25)),
    "terracotta": ((0.8, 0.5, 0.4), (0.2, 0.4, 0.2), (2.0, 1.0, 1.0), (0.0, 0.25, 0.25)),
    "indigo_dye": ((0.45, 0.5, 0.6), (0.4, 0.35, 0.3), (0.5, 0.5, 0.5), (0.5, 0.52, 0.56)),
    "celadon": ((0.62, 0.72, 0.66), (0.3, 0.24, 0.26), (0.6, 0.6, 0.6), (0.55, 0.5, 0.5)),
}


def cosine_colors(
    a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray, t: np.ndarray
) -> np.ndarray:
    """sRGB ``clip(a + b cos(2 pi (c t + d)), 0, 1)`` at each ``t``, ``(len(t), 3)``.

    >>> one = np.ones(3) * 0.5
    >>> cosine_colors(one, one, np.ones(3), np.zeros(3), np.array([0.0, 0.5])).tolist()
    [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
    """
    t = np.asarray(t, np.float64)[:, None]
    rgb = a + b * np.cos(2.0 * np.pi * (c * t + d))
    return np.clip(rgb, 0.0, 1.0)


@dataclass(frozen=True)
class CosinePaletteParams(Params):
    preset: str = param(
        "terracotta",
        choices=(*PRESETS, "custom"),
        doc="named coefficient set; 'custom' uses the a, b, c, d parameters",
    )
    start: float = param(0.05, range=(-1.0, 2.0), doc="t of the first colour")
    end: float = param(0.85, range=(-1.0, 2.0), doc="t of the last colour")
    count: int = param(6, range=(2, 16), doc="colours sampled evenly from start to end")
    phase: float = param(
        0.0, range=(0.0, 1.0), doc="added to d of every channel (turns the whole cycle)"
    )
    random_phase: bool = param(False, doc="draw the phase from the node's generator instead")
    ground: str = param(
        "first",
        choices=("first", "light", "dark"),
        doc="ground (first colour): the colour at start, the lightest or the darkest",
    )
    a_r: float = param(0.5, range=(0.0, 1.0), doc="custom a (offset), red")
    a_g: float = param(0.5, range=(0.0, 1.0), doc="custom a (offset), green")
    a_b: float = param(0.5, range=(0.0, 1.0), doc="custom a (offset), blue")
    b_r: float = param(0.5, range=(0.0, 1.0), doc="custom b (amplitude), red")
    b_g: float = param(0.5, range=(0.0, 1.0), doc="custom b (amplitude), green")
    b_b: float = param(0.5, range=(0.0, 1.0), doc="custom b (amplitude), blue")
    c_r: float = param(1.0, range=(0.0, 4.0), doc="custom c (frequency), red")
    c_g: float = param(1.0, range=(0.0, 4.0), doc="custom c (frequency), green")
    c_b: float = param(1.0, range=(0.0, 4.0), doc="custom c (frequency), blue")
    d_r: float = param(0.0, range=(0.0, 1.0), doc="custom d (phase), red")
    d_g: float = param(0.33, range=(0.0, 1.0), doc="custom d (phase), green")
    d_b: float = param(0.67, range=(0.0, 1.0), doc="custom d (phase), blue")


def coefficients(p: CosinePaletteParams) -> tuple[np.ndarray, ...]:
    """``(a, b, c, d)`` of the params (preset or custom), each an RGB array."""
    if p.preset == "custom":
        rows = (
            (p.a_r, p.a_g, p.a_b),
            (p.b_r, p.b_g, p.b_b),
            (p.c_r, p.c_g, p.c_b),
            (p.d_r, p.d_g, p.d_b),
        )
    else:
        rows = PRESETS[p.preset]
    return tuple(np.array(r, np.float64) for r in rows)


@operator(
    "color.cosine_palette",
    kind="palette",
    version=1,
    tags=(
        "procedural palette",
        "cosine",
        "gradient",
        "rainbow",
        "余弦调色板",
        "渐变色",
        "程序配色",
    ),
)
def cosine_palette(p: CosinePaletteParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Cosine palette: colours sampled along ``a + b cos(2 pi (c t + d))`` per RGB channel.

    Four RGB vectors make a smooth, cyclic colour path: ``a`` its centre, ``b`` its
    amplitude, ``c`` how many cycles each channel runs per unit of ``t`` and ``d``
    each channel's phase; the phase offsets between channels give the hue sweep.
    ``count`` colours are taken at evenly spaced ``t`` from ``start`` to ``end``
    (clipped to sRGB). Presets: Quilez's ``rainbow``, ``ember``, ``orchid``,
    ``lagoon``, ``sunset``, ``meadow``, ``terracotta``, and the quieter
    ``indigo_dye`` and ``celadon``; ``custom`` takes the twelve coefficients. The
    colours come in ``t`` order (the one at ``start`` is the ground), or with the
    lightest or darkest moved first as the ground.

    References
    ----------
    Quilez 1999/2015, "Palettes" (iquilezles.org/articles/palettes), procedural
    colour palettes by cosine gradients.
    """
    a, b, c, d = coefficients(p)
    phase = float(rng.uniform(0.0, 1.0)) if p.random_phase else p.phase
    t = np.linspace(p.start, p.end, p.count)
    rgb = cosine_colors(a, b, c, d + phase, t)
    order = list(range(p.count))
    if p.ground != "first":
        light = srgb_to_oklab(rgb)[:, 0]
        g = int(np.argmax(light) if p.ground == "light" else np.argmin(light))
        order = [g, *[i for i in order if i != g]]
    return srgb_to_hex(rgb[order])
