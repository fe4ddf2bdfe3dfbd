"""Conformal maps: the source seen through a complex-analytic function (angles kept)."""

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

__all__ = ["FUNCTIONS", "conformal", "conformal_map"]

FUNCTIONS = ("power", "inverse", "mobius", "exp", "log", "joukowski", "sine")
_TINY = 1e-12
_BIG = 30.0  # |Re| or |Im| bound before exp/sin/cos (e^30 is far past any design)


@dataclass(frozen=True)
class ConformalParams(Params):
    function: str = param(
        "power",
        choices=FUNCTIONS,
        doc="power: z^n (n-fold kaleidoscope); inverse: 1/z (inside out); mobius: "
        "(z - a)/(z + a) (two poles); exp; log (log-polar spirals); joukowski: "
        "(z + 1/z)/2; sine",
    )
    order: int = param(
        3, range=(2, 12), doc="power: the exponent n; log: source periods round the centre"
    )
    pole: float = param(
        0.5, range=(0.05, 4.0), doc="mobius: distance of the poles from the centre (in z units)"
    )
    zoom: float = param(
        0.35, range=(0.02, 4.0), doc="design units per unit of z", unit="design units"
    )
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of z before the function", unit="degrees"
    )
    x: float = param(0.5, range=(-1.0, 2.0), doc="centre (z = 0), across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="centre (z = 0), down", unit="design units")


def _safe(z: np.ndarray) -> np.ndarray:
    """``z`` moved off the origin by a hair (poles and logarithms)."""
    return np.where(np.abs(z) < _TINY, _TINY + 0j, z)


def _clip(z: np.ndarray) -> np.ndarray:
    return np.clip(z.real, -_BIG, _BIG) + 1j * np.clip(z.imag, -_BIG, _BIG)


def conformal_map(p: ConformalParams, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``f(z)`` and ``|f'(z)|`` for the chosen function (complex arrays in, real stretch out).

    >>> w, d = conformal_map(ConformalParams(function="power", order=2), np.array([2j]))
    >>> complex(w[0]), float(d[0])
    ((-4+0j), 4.0)
    """
    f = p.function
    if f == "power":
        n = p.order
        return z**n, n * np.abs(z) ** (n - 1)
    if f == "inverse":
        z = _safe(z)
        return 1.0 / z, 1.0 / np.abs(z) ** 2
    if f == "mobius":
        a = p.pole
        den = _safe(z + a)
        return (z - a) / den, 2.0 * a / np.abs(den) ** 2
    if f == "exp":
        w = np.exp(_clip(z))
        return w, np.abs(w)
    if f == "log":
        z = _safe(z)
        k = p.order / (2.0 * math.pi * p.zoom)  # Im(log z) spans 2 pi: 'order' periods
        return k * np.log(z), k / np.abs(z)
    if f == "joukowski":
        z = _safe(z)
        return 0.5 * (z + 1.0 / z), 0.5 * np.abs(1.0 - 1.0 / (z * z))
    zc = _clip(z)
    return np.sin(zc), np.abs(np.cos(zc))


@operator(
    "transform.conformal",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the image to map (a repeating pattern makes a kaleidoscope)",
            "tiling.islamic_rosette",
        ),
    ),
    output="same",
    tags=(
        "conformal",
        "complex map",
        "kaleidoscope",
        "mobius",
        "inversion",
        "log spiral",
        "共形映射",
        "万花筒",
        "复变换",
        "反演",
    ),
)
def conformal(p: ConformalParams, call: Call) -> np.ndarray:
    """Conformal map: the source read at ``w = f(z)``, a complex-analytic function of the point.

    The point is written ``z = (p - centre) / zoom`` (turned by ``rotation``) and the
    source is read at ``centre + zoom * f(z)``. Analytic maps keep angles, so a
    repeating pattern is bent without shearing its motifs: ``z^n`` folds it into an
    n-fold kaleidoscope, ``1/z`` turns it inside out around a circle, a Mobius map
    gathers it round two poles, ``log`` rolls it into log-polar spirals (with
    ``order`` whole source periods round the centre, so a pattern repeating on the
    unit square closes without a seam), ``exp`` turns bands into rings, Joukowski's
    map bends it round an ellipse and ``sine`` fans it out in rows of lenses. The map
    is conformal, so its stretch is ``|f'(z)|`` in every direction: the source is read
    with the footprint scaled by it (averaged near singular points, sharp where
    magnified).

    References
    ----------
    Needham 1997, *Visual Complex Analysis*, Oxford University Press, ch. 2-3;
    Frederick & Schwartz 1990, "Conformal image warping", IEEE CG&A 10(2).
    """
    zx = (call.x - p.x) / p.zoom
    zy = (call.y - p.y) / p.zoom
    z = zx + 1j * zy
    if p.rotation != 0.0:
        z = z * complex(math.cos(math.radians(-p.rotation)), math.sin(math.radians(-p.rotation)))
    w, stretch = conformal_map(p, z)
    u = p.x + p.zoom * w.real
    v = p.y + p.zoom * w.imag
    return sample_stretched(call, "source", u, v, stretch)
