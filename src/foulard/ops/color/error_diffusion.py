"""Error diffusion: Floyd-Steinberg and its kin, to palette roles, on a grid in design units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.space import linear_srgb_to_oklab, srgb_to_linear
from foulard.ops.color._sampled import Lazy, box_cells, roles_rgb, sample_grid_rgb, summed_area
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["KERNELS", "diffuse", "error_diffusion"]

# (rows down, columns right, weight) and the divisor; Atkinson passes on only 6/8.
KERNELS: dict[str, tuple[tuple[tuple[int, int, float], ...], float]] = {
    "floyd_steinberg": (((0, 1, 7), (1, -1, 3), (1, 0, 5), (1, 1, 1)), 16.0),
    "jarvis_judice_ninke": (
        (
            (0, 1, 7),
            (0, 2, 5),
            (1, -2, 3),
            (1, -1, 5),
            (1, 0, 7),
            (1, 1, 5),
            (1, 2, 3),
            (2, -2, 1),
            (2, -1, 3),
            (2, 0, 5),
            (2, 1, 3),
            (2, 2, 1),
        ),
        48.0,
    ),
    "stucki": (
        (
            (0, 1, 8),
            (0, 2, 4),
            (1, -2, 2),
            (1, -1, 4),
            (1, 0, 8),
            (1, 1, 4),
            (1, 2, 2),
            (2, -2, 1),
            (2, -1, 2),
            (2, 0, 4),
            (2, 1, 2),
            (2, 2, 1),
        ),
        42.0,
    ),
    "burkes": (
        ((0, 1, 8), (0, 2, 4), (1, -2, 2), (1, -1, 4), (1, 0, 8), (1, 1, 4), (1, 2, 2)),
        32.0,
    ),
    "sierra_lite": (((0, 1, 2), (1, -1, 1), (1, 0, 1)), 4.0),
    "atkinson": (((0, 1, 1), (0, 2, 1), (1, -1, 1), (1, 0, 1), (1, 1, 1), (2, 0, 1)), 8.0),
}


def diffuse(lin: np.ndarray, pal_lin: np.ndarray, kernel: str, amount: float = 1.0) -> np.ndarray:
    """Indices into ``pal_lin`` of an error-diffused ``(h, w, 3)`` linear-light image.

    Raster order, left to right and top to bottom, exactly; computed by wavefronts:
    with ``a`` larger than every leftward reach per row of the kernel, pixel
    ``(i, j)`` only receives error from pixels of smaller ``a i + j``, so all pixels
    of one ``a i + j`` are done at once. The nearest palette colour is chosen in
    OKLab; the error (in linear light, what the eye averages) goes to the kernel's
    neighbours, scaled by ``amount``; error leaving the grid is dropped.

    >>> lin = np.full((32, 32, 3), 0.5)
    >>> idx = diffuse(lin, np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]), "floyd_steinberg")
    >>> round(float(idx.mean()), 1)  # half the pixels white
    0.5
    """
    taps, divisor = KERNELS[kernel]
    h, w, _ = lin.shape
    a = 1 + max(int(np.floor(-dx / dy)) for dy, dx, _ in taps if dy > 0)
    pad = 2
    buf = np.zeros((h + pad, w + 2 * pad, 3), np.float64)
    buf[:h, pad : pad + w] = lin
    pal_lab = linear_srgb_to_oklab(pal_lin.astype(np.float64))
    pal_lin = pal_lin.astype(np.float64)
    scale = amount / divisor
    weights = [(dy, dx, wt * scale) for dy, dx, wt in taps]
    out = np.zeros((h, w), np.int64)
    rows = np.arange(h)
    for t in range(a * (h - 1) + w):
        i = rows[max(0, -(-(t - w + 1) // a)) : min(h - 1, t // a) + 1]
        j = t - a * i
        jj = j + pad
        vals = buf[i, jj]
        lab = linear_srgb_to_oklab(np.clip(vals, 0.0, 1.0))
        d = np.sum((lab[:, None, :] - pal_lab[None, :, :]) ** 2, axis=-1)
        best = np.argmin(d, axis=1)
        out[i, j] = best
        err = vals - pal_lin[best]
        for dy, dx, wt in weights:
            buf[i + dy, jj + dx] += wt * err
    return out


@dataclass(frozen=True)
class ErrorDiffusionParams(Params):
    kernel: str = param(
        "floyd_steinberg",
        choices=tuple(KERNELS),
        doc="error filter (Atkinson passes on only 3/4 of the error: crisper, more contrast)",
    )
    first: int = param(0, range=(0, 47), doc="first palette role used (wraps past the end)")
    count: int = param(0, range=(0, 48), doc="palette roles used from 'first' (0: all)")
    cell: float = param(
        0.004, range=(0.002, 0.05), unit="design unit", doc="size of one dot (a grid cell)"
    )
    amount: float = param(
        1.0, range=(0.3, 1.0), doc="share of each dot's error passed on (below 1: less grain)"
    )


def _prepare(p: ErrorDiffusionParams, rng: np.random.Generator) -> Lazy:
    return Lazy()


def _build(p: ErrorDiffusionParams, call: Call) -> tuple[np.ndarray, np.ndarray]:
    m = max(1, round(1.0 / p.cell))
    rgb = roles_rgb(call.palette, p.first, p.count)
    src = sample_grid_rgb(call, "source", m)
    idx = diffuse(srgb_to_linear(src.astype(np.float64)), srgb_to_linear(rgb), p.kernel, p.amount)
    colors = rgb[idx]
    colors.setflags(write=False)
    return colors, summed_area(colors)


@operator(
    "color.error_diffusion",
    kind="image",
    version=1,
    inputs=(Input("source", "the image to dither", "color.gradient_map"),),
    output="rgba",
    prepare=_prepare,
    tags=(
        "dither",
        "error diffusion",
        "floyd-steinberg",
        "atkinson",
        "grain",
        "误差扩散",
        "抖动",
        "颗粒",
    ),
    example_params={"count": 5},
)
def error_diffusion(p: ErrorDiffusionParams, call: Call) -> np.ndarray:
    """Error diffusion: each dot takes the nearest palette role and passes its error on.

    The source (laid over the ground) is read once at the centres of its own grid
    of ``cell``-sized dots over the unit square (never the output's pixels, so a
    preview and a master hold the same dots), then dithered in raster order:
    each dot takes the palette role nearest in OKLab, and the difference, in linear
    light, is spread to the dots not yet done by the chosen filter (Floyd-Steinberg,
    Jarvis-Judice-Ninke, Stucki, Burkes, Sierra Lite, Atkinson). Flat areas of
    in-between colour become fine, irregular mixtures of two or three inks. Output
    holds only palette colours wherever a pixel lies inside one dot; a pixel takes
    the exact mean of the dots it covers, and the dots repeat past the unit square.

    References
    ----------
    Floyd & Steinberg 1976, "An adaptive algorithm for spatial greyscale", Proc.
    SID 17(2); Jarvis, Judice & Ninke 1976, *Computer Graphics and Image Processing*
    5(1); Stucki 1981, IBM Research RZ1060; Ulichney 1987, *Digital Halftoning*.
    """
    colors, sat = call.state.get(call.mm_per_unit, _build, p, call)
    m = colors.shape[0]
    rgb = box_cells(colors, call.x * m, call.y * m, call.footprint * m, sat)
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = rgb
    out[..., 3] = 1.0
    return out
