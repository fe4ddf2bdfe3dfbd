"""The words the model knows: a fixed list of vocabulary ids, one slot each in ``c``.

The conditioning vector ``c`` of the model has one slot per *concept*: a basic colour
(``colour:red`` ...), a motif group (``group:flowers`` ...) or an operator
(``op:tiling.asanoha`` ...). Concepts are the prompt vocabulary's own ids, so a
Chinese and an English word for the same thing fill the same slot.

Colours are labelled from pixels (:func:`colour_words`), never from titles: the
OKLCh of each pixel is named by a fixed rule, and a basic colour is a word of a
picture when it covers at least ``MIN_SHARE`` of it. A named colour of the
vocabulary (``colour:zhusha``, vermilion) is mapped to the basic colour of its own
hex value by the same rule, so it conditions the model like its basic colour.
"""

from __future__ import annotations

import numpy as np

from foulard.color.space import srgb_to_oklab

__all__ = [
    "BASIC_COLOURS",
    "MIN_SHARE",
    "basic_colour_of_hex",
    "colour_words",
    "name_colours",
]

BASIC_COLOURS = (
    "red",
    "pink",
    "orange",
    "yellow",
    "green",
    "teal",
    "blue",
    "purple",
    "brown",
    "black",
    "white",
    "grey",
)
MIN_SHARE = 0.15


def name_colours(rgb: np.ndarray) -> np.ndarray:
    """Index into :data:`BASIC_COLOURS` of each sRGB colour (``(..., 3)`` in [0, 1])."""
    lab = srgb_to_oklab(np.clip(np.asarray(rgb, np.float64), 0.0, 1.0))
    L, a, b = lab[..., 0], lab[..., 1], lab[..., 2]
    C = np.hypot(a, b)
    h = np.degrees(np.arctan2(b, a)) % 360.0
    idx = {n: i for i, n in enumerate(BASIC_COLOURS)}
    out = np.full(L.shape, idx["grey"], np.int64)
    chroma = C >= 0.045
    out[~chroma & (L < 0.32)] = idx["black"]
    out[~chroma & (L > 0.86)] = idx["white"]
    # OKLCh hue angles: red ~ 20-30, orange ~ 55, yellow ~ 100, green ~ 140,
    # teal ~ 190, blue ~ 260, purple ~ 310, pink: light reds and magentas.
    hue = np.select(
        [
            (h < 40) | (h >= 350),
            h < 75,
            h < 115,
            h < 170,
            h < 215,
            h < 290,
            h < 350,
        ],
        [
            idx["red"],
            idx["orange"],
            idx["yellow"],
            idx["green"],
            idx["teal"],
            idx["blue"],
            idx["purple"],
        ],
    )
    warm = (hue == idx["red"]) | (hue == idx["orange"]) | (hue == idx["yellow"])
    hue = np.where(warm & (L < 0.5) & (C < 0.16), idx["brown"], hue)
    pinkish = ((hue == idx["red"]) | (hue == idx["purple"])) & (L > 0.72) & (h < 40) | (
        (h >= 330) & (L > 0.72)
    )
    hue = np.where(pinkish, idx["pink"], hue)
    hue = np.where((L < 0.2), idx["black"], hue)
    out[chroma] = hue[chroma]
    return out


def colour_words(rgb: np.ndarray, min_share: float = MIN_SHARE) -> list[str]:
    """Vocabulary ids of the basic colours covering at least ``min_share`` of a picture."""
    names = name_colours(np.asarray(rgb).reshape(-1, 3))
    share = np.bincount(names, minlength=len(BASIC_COLOURS)) / max(names.size, 1)
    return [f"colour:{BASIC_COLOURS[i]}" for i in np.flatnonzero(share >= min_share)]


def basic_colour_of_hex(hex_colour: str) -> str:
    """The basic colour id (``colour:red``) a ``#rrggbb`` colour is named by."""
    h = hex_colour.lstrip("#")
    rgb = np.array([int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])
    return f"colour:{BASIC_COLOURS[int(name_colours(rgb[None])[0])]}"
