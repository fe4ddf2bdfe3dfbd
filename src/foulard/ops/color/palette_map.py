"""Palette map: every colour becomes its nearest palette colour (in OKLab)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.space import srgb_to_oklab
from foulard.ops._common.channels import as_rgba
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["bayer_matrix", "palette_map"]


def bayer_matrix(n: int) -> np.ndarray:
    """The ``n x n`` Bayer index matrix (n a power of two), values 0 .. n*n - 1.

    >>> bayer_matrix(2).tolist()
    [[0, 2], [3, 1]]
    """
    m = np.zeros((1, 1), np.int64)
    while m.shape[0] < n:
        m = np.block([[4 * m, 4 * m + 2], [4 * m + 3, 4 * m + 1]])
    return m


def _dither_partner(
    lab: np.ndarray, pal: np.ndarray, best: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each point, the palette colour that with its nearest one best explains it.

    The partner is the colour whose segment from the nearest colour passes closest
    to the point; ``share`` is the point's position along that segment (0 at the
    nearest colour), i.e. the fraction of the partner ink in a two-ink mixture.
    """
    rel = lab - pal[best]
    # Along the segment best -> k: dot = rel . (pal_k - pal_best), length2 = |pal_k - pal_best|^2.
    proj = rel @ pal.T
    dot = proj - np.take_along_axis(proj, best[..., None], axis=-1)
    diff = pal[:, None, :] - pal[None, :, :]
    length2 = np.sum(diff * diff, axis=-1)[best]
    f = np.clip(dot / np.maximum(length2, np.float32(1e-12)), 0.0, 1.0)
    miss = np.sum(rel * rel, axis=-1)[..., None] - 2.0 * f * dot + f * f * length2
    miss = np.where(length2 > 0.0, miss, np.inf)
    partner = np.argmin(miss, axis=-1)
    share = np.take_along_axis(f, partner[..., None], axis=-1)[..., 0]
    return partner, share


_DITHERS = {"none": 0, "bayer2": 2, "bayer4": 4, "bayer8": 8}


@dataclass(frozen=True)
class PaletteMapParams(Params):
    first: int = param(0, range=(0, 47), doc="first palette role used (wraps past the end)")
    count: int = param(0, range=(0, 48), doc="palette roles used from 'first' (0: all)")
    dither: str = param(
        "none",
        choices=tuple(_DITHERS),
        doc="ordered dithering between the two nearest colours, by a Bayer matrix",
    )
    cell: float = param(
        0.02,
        range=(0.01, 0.2),
        unit="design unit",
        doc="size of one dither dot (a Bayer matrix element)",
    )


def _roles(p: PaletteMapParams, palette) -> np.ndarray:
    n = len(palette) if p.count == 0 else p.count
    return palette.rgb[[(p.first + i) % len(palette) for i in range(n)]]


@operator(
    "color.palette_map",
    kind="image",
    version=1,
    inputs=(Input("source", "the image whose colours are replaced", "color.gradient_map"),),
    output="rgba",
    tags=("posterize", "indexed colour", "inks", "ordered dither", "色彩映射", "分色"),
    example_params={"count": 5},
)
def palette_map(p: PaletteMapParams, call: Call) -> np.ndarray:
    """Palette map: each colour replaced by the nearest palette colour in OKLab.

    The source is first laid over the ground (palette role 0), so the output is
    opaque and holds only palette colours: one flat ink per region, ready for
    separation. With a Bayer dither, each point is seen as a mixture of its nearest
    colour and the partner whose segment from it passes closest to the point; the
    point takes the partner where the Bayer threshold (fixed in design units, one
    matrix element per ``cell``) is below the partner's share of the mixture. In-between
    colours become a regular pattern of dots of the two inks. The dots are
    design-sized (at least 1% of the design), so the pattern is the same at every
    resolution.

    References
    ----------
    Ottosson 2020, "A perceptual color space for image processing" (OKLab); Bayer
    1973, "An optimum method for two-level rendition of continuous-tone pictures",
    IEEE ICC; Yliluoma, "Arbitrary-palette positional dithering algorithm" (web article).
    """
    stops = _roles(p, call.palette).astype(np.float32)
    src = as_rgba(call.input("source"))
    ground = call.palette.rgb[0].astype(np.float32)
    rgb = src[..., :3] + (1.0 - src[..., 3:4]) * ground  # premultiplied over the ground
    lab = srgb_to_oklab(np.clip(rgb, 0.0, 1.0))
    pal = srgb_to_oklab(stops)
    # Squared distances up to the per-point constant |lab|^2: lab . (-2 pal) + |pal|^2.
    d = lab @ (-2.0 * pal.T) + np.sum(pal * pal, axis=1)
    best = np.argmin(d, axis=-1)
    if _DITHERS[p.dither] and len(stops) > 1:
        partner, share = _dither_partner(lab, pal, best)
        n = _DITHERS[p.dither]
        ix = np.floor(call.x / p.cell).astype(np.int64) % n
        iy = np.floor(call.y / p.cell).astype(np.int64) % n
        threshold = (bayer_matrix(n)[iy, ix] + 0.5) / (n * n)
        best = np.where(threshold < share, partner, best)
    out = np.empty((*best.shape, 4), np.float32)
    out[..., :3] = stops[best]
    out[..., 3] = 1.0
    return out
