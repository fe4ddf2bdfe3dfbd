"""A scan made exactly periodic with the least visible change.

How each axis's wrap is repaired depends on how the tile meets itself there
(:func:`~foulard.ops.learned._wrap.classify_wrap`): a wrap already like the edges
inside is left alone, a smooth jump (shading across a near-repeat scan) is
removed by Moisan's periodic-plus-smooth decomposition, a jump between different
contents is repaired locally by minimum-error cuts near the wrap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.library.store import SAMPLE_BROCADE, check_pattern_param
from foulard.ops._common.grid import GridSpec
from foulard.ops.learned._wrap import classify_wrap, cut_wrap
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall


@dataclass(frozen=True)
class MakeSeamlessParams(Params):
    pattern: str = text_param(
        SAMPLE_BROCADE,
        doc="library id (SHA-256) of the tile to make seamless (a scanned repeat)",
        max_length=64,
    )
    tile: float = param(
        0.5, range=(0.02, 1.0), doc="width of one repeat on the design", unit="design units"
    )
    detail: int = param(
        384, range=(32, 1024), doc="cells across the tile's longer side (resolution kept)"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        check_pattern_param(self.pattern)


def _shape(p: MakeSeamlessParams) -> tuple[int, int]:
    """Cells (width, height) of the tile: the scan's aspect, ``detail`` on the longer side."""
    from foulard.library.patterns import pattern_size, require_id

    w, h = pattern_size(require_id(p.pattern, "learned.make_seamless"))
    k = p.detail / max(w, h)
    return max(4, round(w * k)), max(4, round(h * k))


def _grid(p: MakeSeamlessParams) -> GridSpec:
    w, h = _shape(p)
    return GridSpec(0.0, 0.0, p.tile, p.tile * h / w, w, h, periodic=True)


def _periods(p: MakeSeamlessParams) -> list[tuple[float, float]]:
    w, h = _shape(p)
    return [(p.tile, 0.0), (0.0, p.tile * h / w)]


def periodic_component(u: np.ndarray, axes: tuple[int, ...] = (0, 1)) -> np.ndarray:
    """Moisan's periodic component of an image ``(h, w, C)``: the image less the
    smooth image whose Laplacian is the jump across its opposite edges.

    The result tiles with no jump at its edges, and differs from ``u`` only by a
    smooth field (no edge, no detail is touched): the least visible change that
    makes the image periodic when the jump is shading, in the sense of Moisan
    (2011). ``axes``: the wraps to remove the jump of (0: top-bottom, 1:
    left-right); the other wrap keeps its jump, changed only by the smooth field.
    """
    u = np.asarray(u, np.float64)
    h, w = u.shape[:2]
    v = np.zeros_like(u)
    if 0 in axes:
        jump_y = u[-1] - u[0]
        v[0] += jump_y
        v[-1] -= jump_y
    if 1 in axes:
        jump_x = u[:, -1] - u[:, 0]
        v[:, 0] += jump_x
        v[:, -1] -= jump_x
    q = np.arange(h)[:, None]
    r = np.arange(w)[None, :]
    denom = 2.0 * np.cos(2 * np.pi * q / h) + 2.0 * np.cos(2 * np.pi * r / w) - 4.0
    denom[0, 0] = 1.0
    spec = np.fft.fft2(v, axes=(0, 1)) / denom[..., None]
    spec[0, 0] = 0.0
    smooth = np.real(np.fft.ifft2(spec, axes=(0, 1)))
    return u - smooth


def seamless_tile(u: np.ndarray) -> tuple[np.ndarray, dict[str, str]]:
    """The tile ``u`` ``(h, w, C)`` made seamless, and what was done to each wrap.

    Returns the new tile (float64, not clipped) and ``{'x': kind, 'y': kind}``
    with each wrap's kind (:func:`~foulard.ops.learned._wrap.classify_wrap`):
    ``'natural'``: left as it was; ``'shading'``: Moisan's smooth component
    removed; ``'content'``: a band near the wrap replaced by the tile's inside
    (:func:`~foulard.ops.learned._wrap.cut_wrap`).
    """
    u = np.asarray(u, np.float64)
    kinds = {axis: classify_wrap(u, axis) for axis in (1, 0)}
    out = u
    shading = tuple(axis for axis, kind in kinds.items() if kind == "shading")
    if shading:
        out = periodic_component(out, shading)
    for axis, kind in kinds.items():
        if kind == "content":
            out = cut_wrap(out, axis)
    return out, {"x": kinds[1], "y": kinds[0]}


@operator(
    "learned.make_seamless",
    kind="grid",
    version=1,
    grid=_grid,
    periods=_periods,
    tags=("seamless", "repeat", "tile", "scan", "periodic", "无缝", "循环", "四方连续"),
)
def make_seamless(p: MakeSeamlessParams, call: GridCall) -> np.ndarray:
    """Make a scan seamless with the least visible change.

    A scanned repeat seldom meets itself: light falls off, the cloth is not cut
    exactly on the repeat. The scan (a library pattern, by id) repeats exactly
    every ``tile`` design units (its grid wraps); each wrap is repaired as it
    needs (:func:`seamless_tile`). Where the jump across it is shading, the
    smooth part of a periodic-plus-smooth decomposition (solved exactly with one
    FFT), which carries the jump and nothing else, is removed: drawing, edges and
    texture untouched. Where the edges show different things, a band near the
    wrap is replaced by the tile's own inside between two minimum-error cuts, as
    in image quilting: the rest of the tile is untouched. A wrap that is already
    like the edges inside the tile (a tile cut on a joint) is left as it is.

    References
    ----------
    Moisan 2011, "Periodic plus smooth image decomposition", *J. Math. Imaging
    Vis.* 39(2), pp. 161-179; Efros & Freeman 2001, "Image quilting for texture
    synthesis and transfer", SIGGRAPH.
    """
    from foulard.library.patterns import pattern_picture

    w, h = call.grid.width, call.grid.height
    picture = pattern_picture(p.pattern, max(w, h))
    if picture.shape[:2] != (h, w):  # rounding of the aspect: take the grid's shape
        from scipy import ndimage

        picture = ndimage.zoom(
            picture, (h / picture.shape[0], w / picture.shape[1], 1), order=1, mode="nearest"
        )
    out = np.ones((h, w, 4), np.float32)
    out[..., :3] = np.clip(seamless_tile(picture)[0], 0.0, 1.0)
    return out
