"""Cross stitch: the source counted onto Aida cloth, one palette colour per cross."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.space import srgb_to_oklab
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import on_ground

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["cross_stitch", "nearest_roles"]


@dataclass(frozen=True)
class CrossStitchParams(Params):
    stitch: float = param(
        0.012, range=(0.003, 0.08), doc="size of one cross (one Aida square)", unit="design units"
    )
    thickness: float = param(
        0.3, range=(0.1, 0.6), doc="thread thickness as a share of the cross size"
    )
    colors: int = param(
        6, range=(2, 48), doc="palette roles used as threads (role 0 is the bare cloth)"
    )
    holes: float = param(
        0.35, range=(0.0, 1.0), doc="darkness of the Aida holes at the square corners"
    )


def nearest_roles(rgb: np.ndarray, palette_rgb: np.ndarray) -> np.ndarray:
    """Index of the nearest palette colour (OKLab distance) for each straight sRGB colour.

    >>> nearest_roles(np.array([[0.9, 0.1, 0.1]]), np.array([[0, 0, 0], [1, 0, 0.0]])).tolist()
    [1]
    """
    lab = srgb_to_oklab(np.asarray(rgb, np.float64))
    pal = srgb_to_oklab(np.asarray(palette_rgb, np.float64))
    d = ((lab[..., None, :] - pal) ** 2).sum(axis=-1)
    return np.argmin(d, axis=-1)


def _capsule(fu, fv, sign, reach):
    """Distance (cell units) to the diagonal of the cell from corner to corner, shortened
    by ``reach`` at each end; ``sign`` +1 for '\\', -1 for '/'."""
    t = np.clip((fu + sign * fv) * 0.5, -0.5 + reach, 0.5 - reach)
    return np.hypot(fu - t, fv - sign * t), t


@operator(
    "transform.cross_stitch",
    kind="field",
    version=1,
    inputs=(Input("source", "the chart to stitch", "motifs.peony"),),
    output="rgba",
    example_params={"stitch": 0.014},
    tags=(
        "cross stitch",
        "embroidery",
        "needlepoint",
        "sampler",
        "aida",
        "十字绣",
        "刺绣",
        "绣花",
    ),
)
def cross_stitch(p: CrossStitchParams, call: Call) -> np.ndarray:
    """Cross stitch: each square of the cloth takes the nearest palette thread and a cross.

    The design is counted onto squares of side ``stitch`` (Aida cloth). Each square
    reads the source at its centre (averaged over the square), picks the nearest of
    the first ``colors`` palette roles in OKLab, and, unless that is role 0 (the
    cloth), is worked as a cross: the under stitch '\\' and the top stitch '/', each
    a thread ``thickness`` of the square thick, slightly shaded along its length and
    the under one darker where the top one crosses it. The bare cloth shows the holes
    at the square corners. Only palette colours (and their shading) appear.

    References
    ----------
    Thomas 1934, *Mary Thomas's Dictionary of Embroidery Stitches*, Hodder & Stoughton
    ("cross stitch"); Caulfeild & Saward 1882, *The Dictionary of Needlework*
    (counted cross stitch on canvas).
    """
    n = min(p.colors, len(call.palette.colors)) if len(call.palette.colors) > 1 else 1
    roles = np.array([call.palette.role(k) for k in range(max(n, 2))], np.float64)
    s = p.stitch
    i = np.floor(call.x / s)
    j = np.floor(call.y / s)
    fu = call.x / s - i - 0.5
    fv = call.y / s - j - 0.5
    cloth = roles[0].astype(np.float32)
    col = on_ground(call.input("source", (i + 0.5) * s, (j + 0.5) * s, 0.5 * s), roles[0])
    k = nearest_roles(col, roles)
    thread = roles[k].astype(np.float32)
    half = 0.5 * p.thickness
    fp = max(call.footprint, 1e-12) / s
    reach = 0.5 * half
    d_under, t_under = _capsule(fu, fv, 1.0, reach)
    d_top, t_top = _capsule(fu, fv, -1.0, reach)
    c_under = np.clip(0.5 - (d_under - half) / fp, 0.0, 1.0)
    c_top = np.clip(0.5 - (d_top - half) / fp, 0.0, 1.0)
    # Thread shading: rounder in the middle of a stitch, a little darker towards the holes.
    shade_top = 1.0 - 0.18 * (2.0 * np.abs(t_top)) ** 2 - 0.12 * np.clip(d_top / half, 0, 1) ** 2
    shade_under = 0.85 * (1.0 - 0.18 * (2.0 * np.abs(t_under)) ** 2)
    # Holes of the Aida cloth at the square corners.
    corner = np.hypot(0.5 - np.abs(fu), 0.5 - np.abs(fv))
    hole = p.holes * np.clip(1.0 - corner / 0.12, 0.0, 1.0)
    bare = cloth * (1.0 - 0.5 * hole[..., None]).astype(np.float32)
    worked = (k != 0)[..., None]
    under = thread * shade_under[..., None].astype(np.float32)
    top = thread * shade_top[..., None].astype(np.float32)
    rgb = bare * (1.0 - c_under[..., None]) + under * c_under[..., None]
    rgb = rgb * (1.0 - c_top[..., None]) + top * c_top[..., None]
    rgb = np.where(worked, rgb, bare)
    # Far out (a pixel spanning several squares) the cross reads as its mean colour.
    fade = float(np.clip((fp - 0.3) / 0.4, 0.0, 1.0))
    if fade > 0.0:
        cover = 0.6  # about the share of a square the cross covers
        mean = np.where(worked, thread * cover + cloth * (1 - cover), cloth)
        rgb = (1.0 - fade) * rgb + fade * mean
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = np.clip(rgb, 0.0, 1.0)
    out[..., 3] = 1.0
    return out
