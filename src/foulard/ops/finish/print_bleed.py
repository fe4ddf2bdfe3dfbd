"""Print bleed: inkjet dot gain and capillary spread along warp and weft, on its own grid."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import fft as sfft

from foulard.ops._common.grid import GridSpec
from foulard.ops.finish._optics import finish_output, flat_source, from_linear, to_linear
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["bleed_kernel", "dot_gain", "print_bleed"]

_FLOOR = 1e-3  # least reflectance: the deepest ink (density about 6.9)
_TAIL = 2.5  # wicking tail length, in spreads
_CORE = 0.3  # width of a wicking tail across its thread, in spreads


def dot_gain(coverage: np.ndarray, gain: float) -> np.ndarray:
    """Ink coverage after dot gain: ``a + 4 g a (1 - a)`` (``g`` is the gain at 50%).

    >>> dot_gain(np.array([0.0, 0.5, 1.0]), 0.15).tolist()
    [0.0, 0.65, 1.0]
    """
    return coverage + 4.0 * gain * coverage * (1.0 - coverage)


def bleed_kernel(
    shape: tuple[int, int], cell: float, weft: float, warp: float, wicking: float
) -> np.ndarray:
    """The spread's transfer function on an ``rfft2`` grid (design-unit spreads).

    A Gaussian of standard deviation ``weft`` across (x) and ``warp`` down (y),
    mixed with ``wicking`` of exponential tails running along the threads (ink drawn
    along the weft and the warp by capillarity), each narrow across its thread.
    The kernel sums to 1: ink is moved, not made.
    """
    h, w = shape
    fy = np.fft.fftfreq(h, d=cell)[:, None]
    fx = np.fft.rfftfreq(w, d=cell)[None, :]

    def gauss(f, s):
        return np.exp(-2.0 * (math.pi * s * f) ** 2)

    def tail(f, s):
        return 1.0 / (1.0 + (2.0 * math.pi * _TAIL * s * f) ** 2)

    core = gauss(fx, weft) * gauss(fy, warp)
    along_weft = tail(fx, weft) * gauss(fy, _CORE * warp)
    along_warp = tail(fy, warp) * gauss(fx, _CORE * weft)
    return (1.0 - wicking) * core + 0.5 * wicking * (along_weft + along_warp)


@dataclass(frozen=True)
class PrintBleedParams(Params):
    weft: float = param(
        0.0035,
        range=(0.0015, 0.02),
        unit="design unit",
        doc="spread across the cloth, along the weft (x); 0.0035 is about 3 mm on 90 cm",
    )
    warp: float = param(
        0.002,
        range=(0.0015, 0.02),
        unit="design unit",
        doc="spread down the cloth, along the warp (y)",
    )
    gain: float = param(0.08, range=(0.0, 0.25), doc="dot gain: extra ink coverage at 50% tint")
    wicking: float = param(
        0.35, range=(0.0, 1.0), doc="share of the ink drawn along the threads (feathered edges)"
    )
    strength: float = param(1.0, range=(0.0, 1.0), doc="0: the source unchanged; 1: full bleed")
    wrap: bool = param(True, doc="treat the source as tiling the unit square (seamless)")


def _grid(p: PrintBleedParams) -> GridSpec:
    # 1.25 cells per spread resolve it; the cap keeps a preview under a second.
    cells = min(1024, max(128, math.ceil(1.25 / min(p.weft, p.warp))))
    return GridSpec.unit(sfft.next_fast_len(cells, real=True), periodic=p.wrap)


@operator(
    "finish.print_bleed",
    kind="grid",
    version=1,
    inputs=(Input("source", "the design to print", "tiling.truchet_arcs"),),
    output="same",
    grid=_grid,
    tags=(
        "print preview",
        "bleed",
        "ink spread",
        "dot gain",
        "inkjet",
        "fine lines",
        "渗色",
        "洇色",
        "数码印花",
        "网点扩大",
    ),
)
def print_bleed(p: PrintBleedParams, call: GridCall) -> np.ndarray:
    """Print bleed: how inkjet ink on silk gains and spreads, and which fine lines it fills.

    The design (over its ground) becomes ink coverage per channel against white
    silk; dot gain raises mid-tone coverage (``a + 4 g a (1 - a)``), then the ink's
    optical density is spread (the dye moves, its amount stays) by an anisotropic
    Gaussian, ``weft`` wide across the cloth and ``warp`` down it, mixed with
    exponential tails along the threads where capillarity wicks the ink. Pale lines
    and gaps narrower than the spread fill in, dark hairlines soften and widen, and
    edges feather along the weave: a preview of fine-line loss before sampling.
    Computed on its own grid of 1.25 cells per spread over the unit square
    (up to 1024 cells), never the output's pixels; ``strength`` 0 returns the source
    as sampled on that grid.

    References
    ----------
    Yule & Nielsen 1951, "The penetration of light into paper and its effect on
    halftone reproduction", TAGA Proc.; Murray 1936 (dot area), J. Franklin Inst.
    221; Kang 1999, *Digital Color Halftoning*, SPIE, ch. 13 (dot gain models).
    """
    src = call.input("source")
    if p.strength == 0.0:
        return src
    grid = call.grid
    rgb = flat_source(src, call.palette.ground)
    reflect = np.clip(to_linear(rgb), np.float32(_FLOOR), np.float32(1.0))
    coverage = dot_gain(1.0 - reflect, p.gain)
    density = -np.log(np.clip(1.0 - coverage, _FLOOR, 1.0))
    h, w = density.shape[:2]
    pad = 0 if grid.periodic else math.ceil(4.0 * _TAIL * max(p.weft, p.warp) / grid.cell)
    if pad:
        density = np.pad(density, ((pad, pad), (pad, pad), (0, 0)), mode="reflect")
    kernel = bleed_kernel(density.shape[:2], grid.cell, p.weft, p.warp, p.wicking)
    kernel = kernel.astype(np.float32)
    spec = sfft.rfft2(density, axes=(0, 1), workers=-1) * kernel[..., None]
    spread = sfft.irfft2(spec, s=density.shape[:2], axes=(0, 1), workers=-1)
    if pad:
        spread = spread[pad : pad + h, pad : pad + w]
    # Back from density; strength blends the densities (ink amounts), not colours.
    base = -np.log(reflect)
    mixed = base + np.float32(p.strength) * (np.maximum(spread, 0.0) - base)
    out = from_linear(np.exp(-mixed))
    return finish_output(src.shape[-1], out)
