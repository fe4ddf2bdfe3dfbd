"""Pointillism: the source rebuilt from overlapping dabs of broken colour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.space import oklab_to_srgb, srgb_to_oklab
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._dots import dot_lattice
from foulard.ops.transform._screen import cell_hash, on_ground

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["pointillism"]


@dataclass(frozen=True)
class PointillismParams(Params):
    spacing: float = param(
        0.01, range=(0.003, 0.06), doc="distance between dabs", unit="design units"
    )
    size: float = param(0.75, range=(0.3, 1.0), doc="dab radius as a share of the spacing")
    jitter: float = param(1.0, range=(0.0, 1.0), doc="how far dabs stray from a regular lattice")
    lightness: float = param(
        0.08, range=(0.0, 0.3), doc="random lightness change per dab (OKLab L)"
    )
    chroma: float = param(
        0.05, range=(0.0, 0.2), doc="random colour change per dab (OKLab a and b)"
    )
    ground: int = param(0, range=(0, 47), doc="palette role showing between the dabs")


def _prepare(p: PointillismParams, rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31))


@operator(
    "transform.pointillism",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to paint", "motifs.peony"),),
    output="rgba",
    prepare=_prepare,
    tags=(
        "pointillism",
        "divisionism",
        "seurat",
        "dabs",
        "impressionist",
        "点彩",
        "点彩派",
        "印象派",
    ),
)
def pointillism(p: PointillismParams, call: Call) -> np.ndarray:
    """Pointillism: round dabs, each the source's colour at its centre, broken and overlapping.

    One dab per cell of a jittered lattice (``spacing`` apart, repeating with the unit
    square), ``size`` of the spacing in radius so neighbours overlap; each takes the
    source's colour at its centre, shifted at random in OKLab lightness and in a and
    b (``lightness``, ``chroma``), so that flat areas break into touches of nearby
    colours that the eye mixes back, as in Seurat's divisionism. Dabs are laid in a
    fixed random order (later ones over earlier), anti-aliased from the footprint;
    the ground shows in the gaps.

    References
    ----------
    Hertzmann 1998, "Painterly rendering with curved brush strokes of multiple
    sizes", SIGGRAPH; Haeberli 1990, "Paint by numbers: abstract image
    representations", SIGGRAPH; Seurat 1884-86, *A Sunday on La Grande Jatte*.
    """
    n = max(1, round(1.0 / p.spacing))
    cell = 1.0 / n
    lat = dot_lattice(call.x, call.y, n, p.jitter, call.state)
    ground = np.asarray(call.palette.role(p.ground), np.float32)
    col = on_ground(lat.read(call, "source", 0.5 * cell), ground).astype(np.float64)
    if p.lightness > 0.0 or p.chroma > 0.0:
        lab = srgb_to_oklab(col)
        for k, amount in enumerate((p.lightness, p.chroma, p.chroma)):
            if amount > 0.0:
                h = cell_hash(lat.dots["i"], lat.dots["j"], call.state + 7919 * (k + 1))
                lab[..., k] += amount * (2.0 * h - 1.0)
        col = np.clip(oklab_to_srgb(lab), 0.0, 1.0)
    r = p.size * cell
    fp = max(call.footprint, 1e-12)
    cx, cy = lat.per_point(lat.dots["x"]), lat.per_point(lat.dots["y"])
    cov = np.clip(0.5 + (r - np.hypot(call.x[..., None] - cx, call.y[..., None] - cy)) / fp, 0, 1)
    # Dabs laid in rank order: later (higher rank) over earlier.
    order = np.argsort(lat.per_point(lat.dots["rank"]), axis=-1)
    index = np.take_along_axis(lat.index, order, axis=-1)
    cov = np.take_along_axis(cov, order, axis=-1)
    rgb = np.broadcast_to(ground.astype(np.float64), (*call.x.shape, 3)).copy()
    for k in range(9):
        a = cov[..., k : k + 1]
        rgb = rgb * (1.0 - a) + col[index[..., k]] * a
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = rgb
    out[..., 3] = 1.0
    return out
