"""Contour lines: isolines of any field, even in width wherever the field is steep or flat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops.fields._lines import line_coverage
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["contour_lines"]


@dataclass(frozen=True)
class ContourLinesParams(Params):
    levels: int = param(16, range=(1, 200), doc="lines across the value range [0, 1]")
    offset: float = param(
        0.5, range=(0.0, 1.0), doc="shift of the levels, in line spacings", unit="spacings"
    )
    weight: float = param(0.003, range=(0.0003, 0.03), doc="line width", unit="design units")
    index_every: int = param(
        5, range=(0, 50), doc="every n-th line is an index line, drawn heavier (0: none)"
    )
    index_weight: float = param(2.0, range=(1.0, 5.0), doc="width of index lines over the others")


@operator(
    "fields.contour_lines",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the field whose isolines are drawn (values in [0, 1])",
            "fields.simplex_noise",
            example_params={"scale": 0.5},
        ),
    ),
    output="value",
    tags=(
        "contour",
        "isolines",
        "topographic",
        "map",
        "echo",
        "等高线",
        "地形图",
        "等值线",
        "轮廓线",
    ),
)
def contour_lines(p: ContourLinesParams, call: Call) -> np.ndarray:
    """Contour lines: isolines of the source field at evenly spaced levels.

    Level i lies at value ``(i + offset) / levels``. The distance from a point
    to the nearest isoline is estimated to first order as ``|v - level| /
    |grad v|``, with the gradient from forward differences half a pixel long (at least
    5e-5 units: float32 sources make shorter differences noisy).
    So a line is ``weight`` wide in design units everywhere, where the field is
    steep and where it is flat alike, and is box-filtered over the pixel from
    that distance. Every ``index_every``-th level is drawn ``index_weight``
    times heavier, as on a topographic map. Where levels pass closer together
    than a pixel they merge into the grey of their ink share instead of
    aliasing. Value 1 is ink.

    References
    ----------
    Lorensen & Cline 1987, "Marching cubes", SIGGRAPH (isosurfaces; marching
    squares is its 2-D form).
    Imhof 1982, *Cartographic Relief Presentation* (index contours).
    """
    fp = call.footprint
    # Half a pixel, but not so short that float32 sources make the slope noisy.
    h = max(0.5 * fp, 5e-5)
    x, y = call.x, call.y
    # The point and two neighbours half a pixel away, in one request.
    px = np.stack([x, x + h, x])
    py = np.stack([y, y, y + h])
    v, vx, vy = as_value(call.input("source", px, py))[..., 0].astype(np.float64)
    grad = np.hypot(vx - v, vy - v) / h
    k = v * p.levels - p.offset
    nearest = np.round(k)
    dist = np.abs(k - nearest) / (p.levels * np.maximum(grad, 1e-9))
    width = np.full(dist.shape, p.weight)
    if p.index_every:
        index = np.mod(nearest, p.index_every) == 0
        width[index] *= p.index_weight
    lines = line_coverage(dist, width, fp)
    # Where the levels pass closer than the pixel, lines merge into a grey of
    # their ink share: the mean coverage of lines `spacing` apart.
    spacing = 1.0 / (p.levels * np.maximum(grad, 1e-9))
    crowd = np.clip(spacing / fp, 0.0, 1.0)
    mean = np.minimum(width / spacing, 1.0)
    return (crowd * lines + (1.0 - crowd) * mean).astype(np.float32)
