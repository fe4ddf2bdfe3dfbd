"""Droste spiral: a ring of the source repeated inwards for ever, twisted into a spiral."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._warp import sample_stretched

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["droste", "droste_map"]


@dataclass(frozen=True)
class DrosteParams(Params):
    outer: float = param(
        0.5,
        range=(0.01, 2.0),
        doc="outer radius of the ring of the source that repeats",
        unit="design units",
    )
    ratio: float = param(
        3.0,
        range=(1.2, 64.0),
        doc="outer radius over inner radius: each copy is this many times smaller",
    )
    strands: int = param(
        1,
        range=(-4, 4),
        doc="spiral arms (Escher's Print Gallery: 1; negative: the other hand; 0: plain "
        "nested copies, no twist)",
    )
    zoom: float = param(
        0.0, range=(0.0, 1.0), doc="slide along the infinite zoom, as a share of one copy"
    )
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the result", unit="degrees")
    x: float = param(0.5, range=(-1.0, 2.0), doc="centre, across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="centre, down", unit="design units")


def droste_map(p: DrosteParams, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Source offset (complex, inside the ring) and stretch for output offsets ``z``.

    In log space ``zeta = log z`` the ring ``inner <= |q| < outer`` repeats with
    period ``ln s`` (``s = ratio``) and ``2 pi i``. Multiplying by
    ``alpha = 1 - i * strands * ln s / (2 pi)`` turns one output turn (``2 pi i``) into
    one turn plus ``strands`` scalings, so the result is single valued and spirals;
    the real part is then reduced into the ring.

    >>> q, _ = droste_map(DrosteParams(strands=0, ratio=4.0), np.array([0.04 + 0j]))
    >>> round(abs(complex(q[0])), 6)
    0.16
    """
    log_s = math.log(p.ratio)
    alpha = complex(1.0, -p.strands * log_s / (2.0 * math.pi))
    r = np.maximum(np.abs(z), 1e-300)
    zeta = np.log(r) + 1j * np.angle(z)
    if p.rotation != 0.0:
        zeta = zeta - 1j * math.radians(p.rotation)
    eta = alpha * zeta + p.zoom * log_s
    lo = math.log(p.outer / p.ratio)
    k = np.floor((eta.real - lo) / log_s)
    eta = eta - k * log_s
    q = np.exp(eta)
    return q, np.exp(eta.real) * abs(alpha) / r


@operator(
    "transform.droste",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the image whose ring repeats (centred on the same point)",
            "tiling.islamic_rosette",
        ),
    ),
    output="same",
    tags=(
        "droste",
        "escher",
        "print gallery",
        "spiral",
        "infinite zoom",
        "recursive",
        "德罗斯特",
        "无限循环",
        "螺旋",
        "埃舍尔",
    ),
)
def droste(p: DrosteParams, call: Call) -> np.ndarray:
    """Droste spiral: the ring between two radii repeated inwards, twisted as in Escher's gallery.

    The ring of the source between ``outer / ratio`` and ``outer`` (about the centre)
    is all that is read: every smaller ring of the output is a copy scaled by
    ``ratio^-k``, so the picture contains itself without end (the Droste
    effect). With ``strands`` not 0 the copies are joined in log-polar space by the
    complex factor of de Smit and Lenstra's analysis of Escher's *Print Gallery*,
    so each turn round the centre walks one copy inwards: a seamless conformal
    spiral. The map is conformal, so the source is read with the footprint scaled
    by ``|dq/dz|`` (averaged towards the vanishing centre).

    References
    ----------
    de Smit & Lenstra 2003, "The mathematical structure of Escher's Print Gallery",
    *Notices of the AMS* 50(4); Escher 1956, *Prentententoonstelling* (Print Gallery).
    """
    zx = call.x - p.x
    zy = call.y - p.y
    q, stretch = droste_map(p, zx + 1j * zy)
    return sample_stretched(call, "source", p.x + q.real, p.y + q.imag, stretch)
