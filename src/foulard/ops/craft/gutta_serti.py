"""Serti silk painting: gutta outlines hold the dyes; each field flooded, pooling at its edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage

from foulard.ops._common.grid import GridSpec
from foulard.ops.craft._dye import linear, role_param, srgb
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

MARGIN = 0.1  # the grid covers the design and its hem band
_FLOOR = 1.0e-3


@dataclass(frozen=True)
class SertiParams(Params):
    cells: int = param(
        512, range=(128, 768), doc="grid cells across the design (more: finer gutta, slower)"
    )
    line_width: float = param(
        0.0035, range=(0.001, 0.02), doc="width of the gutta lines", unit="design units"
    )
    threshold: float = param(
        0.08, range=(0.01, 0.5), doc="colour step in the outline image that becomes a gutta line"
    )
    pooling: float = param(
        0.45, range=(0.0, 1.5), doc="extra dye pooled along the gutta as each field dried"
    )
    pool_width: float = param(
        0.012, range=(0.002, 0.08), doc="how far the pooled edge reaches", unit="design units"
    )
    wet_blend: float = param(
        0.35, range=(0.0, 1.0), doc="cloudy unevenness of each flooded field (wet in wet)"
    )
    depth: float = param(1.0, range=(0.3, 1.6), doc="dye concentration of the fields")
    background_color: int = role_param(1, "the dye flooded round the motif (0: left bare)")
    background_depth: float = param(
        0.75, range=(0.0, 1.5), doc="concentration of the background dye"
    )
    gutta_color: int = role_param(0, "the gutta (0: clear gutta, the silk shows)")
    ground_color: int = role_param(0, "the undyed silk")


def _grid(p: SertiParams) -> GridSpec:
    n = p.cells
    return GridSpec(-MARGIN, -MARGIN, 1.0 + MARGIN, 1.0 + MARGIN, n, n, periodic=False)


def gutta_and_fields(p: SertiParams, image: np.ndarray, cell: float):
    """Gutta mask and labelled fields from an opaque outline image ``(n, n, 3)``.

    Gutta runs wherever the image changes colour by more than ``threshold``
    between neighbouring cells, widened to ``line_width``; the fields are the
    connected parts of the rest (4-connected, so a diagonal gap in the gutta does
    not join two fields). Fields of a few cells are filled with gutta.
    """
    step_x = np.abs(np.diff(image, axis=1)).max(axis=2) > p.threshold
    step_y = np.abs(np.diff(image, axis=0)).max(axis=2) > p.threshold
    edge = np.zeros(image.shape[:2], bool)
    edge[:, :-1] |= step_x
    edge[:, 1:] |= step_x
    edge[:-1] |= step_y
    edge[1:] |= step_y
    radius = max(0.0, 0.5 * p.line_width / cell - 0.5)
    if radius > 0.25:
        dist = ndimage.distance_transform_edt(~edge)
        gutta = dist <= radius
    else:
        gutta = edge
    labels, count = ndimage.label(~gutta)
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    tiny = sizes < 6
    tiny[0] = False
    gutta |= tiny[labels]
    labels[gutta] = 0
    return gutta, labels, count


@operator(
    "craft.gutta_serti",
    kind="grid",
    version=1,
    inputs=(
        Input(
            "outline",
            "the design to paint: its colour edges become gutta, its colours the dyes",
            "motifs.peony",
        ),
    ),
    output="rgba",
    grid=_grid,
    tags=(
        "silk painting",
        "serti",
        "gutta",
        "hand painted",
        "outline",
        "真丝手绘",
        "勾线",
        "丝绸彩绘",
    ),
)
def gutta_serti(p: SertiParams, call: GridCall) -> np.ndarray:
    """Serti silk painting: gutta outlines hold each dye in its field; dye pools at the lines.

    The outline image's colour edges become lines of gutta (a resist drawn on the
    silk, ``line_width`` wide). Each field between lines is flooded with dye: the
    field's mean colour in the image (or ``background_color`` round the motif).
    Wet silk carries dye to the gutta as it dries, so each field darkens towards
    its edges (``pooling`` over ``pool_width``: edge darkening) and varies in a
    soft cloud inside (``wet_blend``). Dyes mix as dyes do (in linear light, by
    absorbance relative to the silk). Computed on its own grid over the design and
    its hem band, ``cells`` across, and cached.

    References
    ----------
    Silk-painting practice (serti / gutta resist): Kennedy & Varrall 1998, *Silk
    Painting: New Ideas and Textures*.
    Curtis, Anderson, Seims, Fleischer & Salesin 1997, "Computer-generated
    watercolor", SIGGRAPH (edge darkening).
    """
    pal = call.palette
    ground = linear(pal.role(p.ground_color))
    src = call.input("outline").astype(np.float64)
    n = src.shape[0]
    if src.shape[-1] == 4:
        alpha = src[..., 3]
        image = src[..., :3] + (1.0 - alpha)[..., None] * np.asarray(pal.role(p.ground_color))
    else:
        alpha = src[..., 0]
        image = np.repeat(src, 3, axis=2)
    cell = call.grid.cell
    gutta, labels, count = gutta_and_fields(p, image, cell)
    # Each field's dye: its mean colour, as absorbance against the silk.
    flat = labels.ravel()
    size = np.maximum(np.bincount(flat, minlength=count + 1), 1).astype(np.float64)

    def mean(values: np.ndarray) -> np.ndarray:
        return (np.bincount(flat, weights=values.ravel(), minlength=count + 1) / size)[1:]

    means = np.stack([mean(image[..., c]) for c in range(3)], axis=1)
    cover = mean(alpha)
    absorb = np.maximum(-np.log(np.maximum(linear(means), _FLOOR) / ground), 0.0) * p.depth
    bg_dye = linear(pal.role(p.background_color))
    bg = np.maximum(-np.log(np.maximum(bg_dye, _FLOOR) / ground), 0.0) * p.background_depth
    absorb[cover < 0.5] = bg
    table = np.vstack([np.zeros(3), absorb])
    a = table[labels]
    # Edge darkening: dye carried to the gutta as the field dried.
    dist = ndimage.distance_transform_edt(~gutta) * cell
    pool = 1.0 + p.pooling * np.exp(-dist / p.pool_width)
    # Wet in wet: a soft cloud of more and less dye inside each field.
    cloud = ndimage.gaussian_filter(call.rng.standard_normal((n, n)), n / 24.0, mode="wrap")
    cloud /= max(float(cloud.std()), 1e-9)
    wet = np.exp(0.35 * p.wet_blend * cloud)
    a *= (pool * wet)[..., None]
    lin = ground * np.exp(-a)
    if p.gutta_color != p.ground_color:
        lin[gutta] = linear(pal.role(p.gutta_color))
    out = np.empty((n, n, 4), np.float32)
    out[..., :3] = srgb(lin)
    out[..., 3] = 1.0
    return out
