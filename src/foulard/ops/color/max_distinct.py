"""Maximally distinct palette: colours as far apart as possible in OKLab."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.color.gamut import gamut_map_oklch, in_srgb_gamut
from foulard.color.space import (
    hex_to_srgb,
    oklab_to_linear_srgb,
    oklab_to_srgb,
    srgb_to_hex,
    srgb_to_oklab,
)
from foulard.errors import ParameterError
from foulard.ops.params import Params, colors_param, param
from foulard.ops.registry import operator

__all__ = ["candidates_oklab", "max_distinct", "min_pairwise", "spread_colors"]

_CANDIDATES = 3000
_PASSES = 40
_GROUNDS = {"light": (0.96, 0.015), "dark": (0.22, 0.03)}  # OKLCH lightness, chroma


def min_pairwise(lab: np.ndarray) -> float:
    """The smallest OKLab distance between two of the colours."""
    d = np.sqrt(np.sum((lab[:, None, :] - lab[None, :, :]) ** 2, axis=-1))
    d[np.arange(len(lab)), np.arange(len(lab))] = np.inf
    return float(d.min())


def candidates_oklab(
    rng: np.random.Generator, lightness: tuple[float, float], chroma: float, n: int = _CANDIDATES
) -> np.ndarray:
    """About ``n`` OKLab colours, uniform in the slab of lightness and chroma, inside sRGB."""
    out = []
    have = 0
    for _ in range(64):
        m = 4 * n
        light = rng.uniform(*lightness, m)
        r = chroma * np.sqrt(rng.uniform(0.0, 1.0, m))
        h = rng.uniform(0.0, 2.0 * np.pi, m)
        lab = np.stack([light, r * np.cos(h), r * np.sin(h)], axis=-1)
        lab = lab[in_srgb_gamut(oklab_to_linear_srgb(lab), 1e-9)]
        out.append(lab)
        have += len(lab)
        if have >= n:
            break
    lab = np.concatenate(out)[:n]
    if not len(lab):  # a slab with no sRGB colour at all: its greys
        lab = np.stack([np.linspace(*lightness, n), np.zeros(n), np.zeros(n)], axis=-1)
    return lab


def spread_colors(cand: np.ndarray, fixed: np.ndarray, k: int) -> np.ndarray:
    """``k`` of the candidates that, with ``fixed``, have the largest smallest distance.

    Greedy farthest-point selection, then coordinate ascent: each chosen colour in
    turn moves to the candidate farthest from all the others while that widens its
    own nearest gap, until no move helps. Returned in farthest-point order from
    ``fixed`` (order of emphasis).
    """
    chosen: list[int] = []
    if len(fixed):
        near = np.min(np.sum((cand[:, None] - fixed[None]) ** 2, axis=-1), axis=1)
    else:
        near = np.full(len(cand), np.inf)
        chosen.append(int(np.argmax(cand[:, 0])))
        near = np.sum((cand - cand[chosen[0]]) ** 2, axis=-1)
    while len(chosen) < k:
        i = int(np.argmax(near))
        chosen.append(i)
        near = np.minimum(near, np.sum((cand - cand[i]) ** 2, axis=-1))
    # Squared distances of every candidate to the fixed colours and to each chosen one.
    to_fixed = (
        np.min(np.sum((cand[:, None] - fixed[None]) ** 2, axis=-1), axis=1)
        if len(fixed)
        else np.full(len(cand), np.inf)
    )
    to_chosen = np.stack([np.sum((cand - cand[c]) ** 2, axis=-1) for c in chosen], axis=1)
    for _ in range(_PASSES):
        moved = False
        for s in range(k):
            rest = np.delete(to_chosen, s, axis=1)
            gap = np.minimum(to_fixed, rest.min(axis=1)) if rest.shape[1] else to_fixed
            best = int(np.argmax(gap))
            if np.isfinite(gap[best]) and gap[best] > gap[chosen[s]] + 1e-12:
                chosen[s] = best
                to_chosen[:, s] = np.sum((cand - cand[best]) ** 2, axis=-1)
                moved = True
        if not moved:
            break
    picked = cand[chosen]
    if not len(fixed):
        return picked
    order: list[int] = []
    near = np.min(np.sum((picked[:, None] - fixed[None]) ** 2, axis=-1), axis=1)
    for _ in range(k):
        i = int(np.argmax(np.where(np.isin(np.arange(k), order), -1.0, near)))
        order.append(i)
        near = np.minimum(near, np.sum((picked - picked[i]) ** 2, axis=-1))
    return picked[order]


@dataclass(frozen=True)
class MaxDistinctParams(Params):
    count: int = param(6, range=(2, 16), doc="colours in the palette, ground and locked included")
    lightness_min: float = param(0.3, range=(0.0, 0.9), doc="least OKLab lightness of a colour")
    lightness_max: float = param(0.9, range=(0.1, 1.0), doc="most OKLab lightness of a colour")
    chroma_max: float = param(0.17, range=(0.0, 0.37), doc="most OKLab chroma of a colour")
    locked: tuple[str, ...] = colors_param(
        (),
        doc="colours that must be in the palette, first (the first is the ground)",
        length=(0, 8),
    )
    ground: str = param(
        "light",
        choices=("light", "dark"),
        doc="without locked colours: a pale or a deep quiet ground, outside the limits",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.lightness_max - self.lightness_min < 0.05:
            raise ParameterError(
                f"lightness_max must exceed lightness_min by 0.05, got {self.lightness_min:g} "
                f"to {self.lightness_max:g}",
                "params.lightness_max",
            )


@operator(
    "color.max_distinct",
    kind="palette",
    version=1,
    tags=("distinct", "categorical", "contrast", "multicolour", "区分色", "高对比配色", "多色"),
)
def max_distinct(p: MaxDistinctParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Maximally distinct palette: colours whose closest pair is as far apart as possible.

    Candidates are drawn by the node's generator, evenly over the slab of OKLab
    within the lightness and chroma limits that lies inside sRGB. After the ground
    (a quiet near-white or near-black of random tint, or the locked colours),
    colours are picked by farthest-point search and then improved by coordinate
    ascent (each moves to the candidate farthest from the others while that widens
    its nearest gap), which maximises the smallest pairwise OKLab distance: colours
    that stay apart for multi-colour prints, separations and categorical motifs.
    They follow in order of emphasis (each the farthest from those before it).

    References
    ----------
    Glasbey, van der Heijden, Toh & Gray 2007, "Colour displays for categorical
    images", *Color Res. Appl.* 32(4); Jacomy, médialab Sciences Po, "I want hue"
    (web tool); Ottosson 2020 (OKLab).
    """
    lightness = (p.lightness_min, p.lightness_max)
    if p.locked:
        fixed = srgb_to_oklab(hex_to_srgb(p.locked))
    else:
        level, tint = _GROUNDS[p.ground]
        lch = np.array([[level, min(p.chroma_max, tint), float(rng.uniform(0.0, 360.0))]])
        fixed = srgb_to_oklab(gamut_map_oklch(lch, jnd=0.0))
    k = p.count - len(fixed)
    if k <= 0:
        lab = fixed[: p.count]
    else:
        cand = candidates_oklab(rng, lightness, p.chroma_max)
        lab = np.concatenate([fixed, spread_colors(cand, fixed, k)])
    rgb = np.clip(oklab_to_srgb(lab), 0.0, 1.0)
    if p.locked:  # locked colours exactly as given
        rgb[: min(len(p.locked), p.count)] = hex_to_srgb(p.locked)[: p.count]
    return srgb_to_hex(rgb)
