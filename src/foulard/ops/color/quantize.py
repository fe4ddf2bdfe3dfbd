"""Colour quantisation: the image's own k colours, by k-means in OKLab."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.gamut import gamut_map_oklch
from foulard.color.space import oklab_to_oklch, srgb_to_oklab
from foulard.ops.color._sampled import Lazy, over_ground, sample_grid_rgb
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["kmeans_oklab", "quantize"]

_SAMPLES = 72  # the fixed sample grid: 72 x 72 points over the unit square
_ITERATIONS = 30


def kmeans_oklab(lab: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """``k`` cluster centres of OKLab points: k-means++ seeding, then Lloyd iterations.

    A centre left without points moves to the point farthest from every centre.
    Centres come sorted by lightness, darkest first. Fewer distinct points than
    ``k`` give repeated centres.

    >>> pts = np.array([[0.2, 0.0, 0.0]] * 5 + [[0.8, 0.1, 0.0]] * 5)
    >>> kmeans_oklab(pts, 2, np.random.default_rng(0)).round(2).tolist()
    [[0.2, 0.0, 0.0], [0.8, 0.1, 0.0]]
    """
    lab = np.asarray(lab, np.float64).reshape(-1, 3)
    n = len(lab)
    centres = np.empty((k, 3))
    centres[0] = lab[int(rng.integers(n))]
    dist = np.sum((lab - centres[0]) ** 2, axis=1)
    for c in range(1, k):
        total = dist.sum()
        i = int(rng.choice(n, p=dist / total)) if total > 0 else int(rng.integers(n))
        centres[c] = lab[i]
        dist = np.minimum(dist, np.sum((lab - centres[c]) ** 2, axis=1))
    for _ in range(_ITERATIONS):
        d = np.sum((lab[:, None, :] - centres[None, :, :]) ** 2, axis=-1)
        label = np.argmin(d, axis=1)
        nearest = d[np.arange(n), label]
        moved = centres.copy()
        for c in range(k):
            members = label == c
            if members.any():
                moved[c] = lab[members].mean(axis=0)
            else:
                far = int(np.argmax(nearest))
                moved[c] = lab[far]
                nearest[far] = 0.0
        if np.allclose(moved, centres, atol=1e-9, rtol=0.0):
            break
        centres = moved
    return centres[np.lexsort((centres[:, 2], centres[:, 1], centres[:, 0]))]


@dataclass(frozen=True)
class QuantizeParams(Params):
    colors: int = param(6, range=(2, 24), doc="colours kept")


def _prepare(p: QuantizeParams, rng: np.random.Generator) -> tuple[Lazy, int]:
    return Lazy(), int(rng.integers(2**31))


def _build(p: QuantizeParams, seed: int, call: Call) -> tuple[np.ndarray, np.ndarray]:
    lab = srgb_to_oklab(sample_grid_rgb(call, "source", _SAMPLES).astype(np.float64))
    centres = kmeans_oklab(lab, p.colors, np.random.default_rng(seed))
    rgb = gamut_map_oklch(oklab_to_oklch(centres), jnd=0.0).astype(np.float32)
    # The centres as the colours actually shown, so that the nearest is measured to them.
    return srgb_to_oklab(rgb).astype(np.float32), rgb


@operator(
    "color.quantize",
    kind="image",
    version=1,
    inputs=(Input("source", "the image to reduce", "color.gradient_map"),),
    output="rgba",
    prepare=_prepare,
    tags=(
        "quantize",
        "reduce colours",
        "k-means",
        "posterize",
        "flat colour",
        "减色",
        "色彩量化",
        "聚类",
    ),
)
def quantize(p: QuantizeParams, call: Call) -> np.ndarray:
    """Colour quantisation: the image reduced to its own ``colors`` most representative colours.

    The source, laid over the ground, is read at a fixed 72 x 72 grid of the unit
    square (never the output's pixels, so every band and resolution sees the same
    colours); k-means in OKLab (k-means++ seeding from the node's generator, Lloyd
    iterations) finds the centres, which are brought into sRGB by chroma reduction.
    Each point then takes the centre nearest in OKLab: flat regions of the design's
    own colours, ready for screens. Unlike ``color.palette_map`` the colours come
    from the image, not the palette. Output holds only the centres.

    References
    ----------
    Lloyd 1982, "Least squares quantization in PCM", IEEE Trans. IT 28(2);
    Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful seeding",
    SODA; Heckbert 1982, "Color image quantization for frame buffer display",
    SIGGRAPH; Ottosson 2020 (OKLab).
    """
    lazy, seed = call.state
    centres, rgb = lazy.get(call.mm_per_unit, _build, p, seed, call)
    lab = srgb_to_oklab(over_ground(call.input("source"), call.palette.ground))
    d = lab @ (-2.0 * centres.T) + np.sum(centres * centres, axis=1)
    best = np.argmin(d, axis=-1)
    out = np.empty((*best.shape, 4), np.float32)
    out[..., :3] = rgb[best]
    out[..., 3] = 1.0
    return out
