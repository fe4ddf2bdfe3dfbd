"""Stippling: the source drawn as scattered dots, more of them where it is darker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._dots import dot_lattice
from foulard.ops.transform._screen import darkness, ink_rgba

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["stippling"]


@dataclass(frozen=True)
class StipplingParams(Params):
    spacing: float = param(
        0.006, range=(0.002, 0.05), doc="distance between possible dots", unit="design units"
    )
    size: float = param(0.42, range=(0.1, 1.0), doc="dot radius as a share of the spacing")
    jitter: float = param(0.9, range=(0.0, 1.0), doc="how far dots stray from a regular lattice")
    ink: int = param(1, range=(0, 47), doc="palette role of the dots")
    ground: int = param(0, range=(0, 47), doc="palette role of the paper or cloth")
    invert: bool = param(False, doc="dots for the light parts instead of the dark")


def _prepare(p: StipplingParams, rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31))


@operator(
    "transform.stippling",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to stipple", "motifs.peony"),),
    output="rgba",
    prepare=_prepare,
    tags=("stippling", "stipple", "dots", "pointillé", "dotwork", "点画", "点描", "打点"),
)
def stippling(p: StipplingParams, call: Call) -> np.ndarray:
    """Stippling: equal dots on a jittered lattice, each inked where the tone outranks it.

    One possible dot per lattice cell (``spacing`` apart, jittered, repeating with
    the unit square) carries a random rank; a dot is drawn when the tone at its centre
    (the coverage of a value, or a colour's darkness between the ground and the ink)
    exceeds its rank, so the share of dots drawn is the tone and a darker area only
    ever gains dots. The dots and their ranks are fixed once (from the seed), so an
    animation of the tone keeps its dots in place. Dots are anti-aliased from the
    footprint; far out, where a pixel spans several dots, they fade to their mean ink.

    References
    ----------
    Secord 2002, "Weighted Voronoi stippling", NPAR; Ulichney 1988, "Dithering with
    blue noise", Proc. IEEE 76(1) (ranked dot masks); Cook 1986, "Stochastic sampling
    in computer graphics", ACM TOG 5(1) (jittered lattices).
    """
    n = max(1, round(1.0 / p.spacing))
    cell = 1.0 / n
    lat = dot_lattice(call.x, call.y, n, p.jitter, call.state)
    ground = call.palette.role(p.ground)
    ink = call.palette.role(p.ink)
    tone = darkness(lat.read(call, "source", cell), ground, p.invert, ink)
    on = lat.per_point(tone > lat.dots["rank"])
    cx, cy = lat.per_point(lat.dots["x"]), lat.per_point(lat.dots["y"])
    r = p.size * cell
    fp = max(call.footprint, 1e-12)
    dist = np.hypot(call.x[..., None] - cx, call.y[..., None] - cy)
    cov = np.where(on, np.clip(0.5 + (r - dist) / fp, 0.0, 1.0), 0.0).max(axis=-1)
    fade = float(np.clip((fp / cell - 0.3) / 0.4, 0.0, 1.0))
    if fade > 0.0:
        area = min(1.0, np.pi * p.size * p.size)
        flat = darkness(call.input("source"), ground, p.invert, ink) * area
        cov = (1.0 - fade) * cov + fade * flat
    return ink_rgba(cov, ground, ink)
