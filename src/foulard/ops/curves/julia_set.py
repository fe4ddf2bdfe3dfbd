"""Julia sets: the boundary of the points whose orbits stay bounded, as lace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.curves._escape import FORMULAS, STYLES, View, escape_field
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class JuliaSetParams(Params):
    c_re: float = param(-0.8, range=(-2.0, 2.0), doc="real part of the constant c")
    c_im: float = param(0.2, range=(-2.0, 2.0), doc="imaginary part of the constant c")
    formula: str = param(
        "standard",
        choices=FORMULAS,
        doc="z^d + c, or folded first: burning ship (|x| + i|y|) or tricorn (conjugate)",
    )
    power: int = param(2, range=(2, 8), doc="d: the power of z (d-fold symmetry)")
    style: str = param(
        "lace",
        choices=STYLES,
        doc="the boundary as a line over a glow, the smooth escape time, or the filled set",
    )
    line_width: float = param(
        0.0025, range=(0.0, 0.05), doc="width of the boundary line (lace)", unit="design units"
    )
    glow: float = param(0.35, range=(0.0, 1.0), doc="strength of the escape-time glow (lace)")
    inside: float = param(0.0, range=(0.0, 1.0), doc="value inside the set (lace, escape)")
    iterations: int = param(150, range=(8, 500), doc="iteration cap")
    span: float = param(
        3.2, range=(0.001, 8.0), doc="width of the complex plane shown across the unit square"
    )
    center_re: float = param(0.0, range=(-4.0, 4.0), doc="real part at the centre of the square")
    center_im: float = param(
        0.0, range=(-4.0, 4.0), doc="imaginary part at the centre of the square"
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the view", unit="degrees")


@operator(
    "curves.julia_set",
    kind="field",
    version=1,
    output="value",
    tags=(
        "julia set",
        "fractal",
        "lace",
        "dendrite",
        "filigree",
        "朱利亚集",
        "分形",
        "蕾丝",
        "树枝纹",
    ),
)
def julia_set(p: JuliaSetParams, call: Call) -> np.ndarray:
    """Julia set of z -> z^d + c: lace and dendrite ornaments, by escape time.

    Each point z0 of the view is iterated under z -> f(z) + c for the fixed
    constant c (``formula``: f(z) = z^d, or z^d after folding to |x| + i|y|
    (burning ship) or to the conjugate (tricorn)). The Julia set is the boundary
    between orbits that escape and orbits that stay bounded: for c outside the
    Mandelbrot set it is a dust, on its edge a lace (c = -0.8 + 0.156 i) or a
    dendrite (c = i), inside it a filled shape with a fractal rim (the Douady
    rabbit, c = -0.123 + 0.745 i). ``style``: ``lace`` draws the set as a line
    ``line_width`` wide, by the Milnor-Thurston distance estimate
    0.5 |z| ln|z| / |dz/dz0|, over a ``glow`` that fades with that distance;
    ``escape`` is the smooth iteration count n - log_d(ln|z_n| / ln R) itself;
    ``filled`` is the filled set with an anti-aliased edge. For the standard
    formula f(z) = z^d the set is symmetric under z -> e^(2 pi i / d) z (z -> -z
    for d = 2). Orbits that settle on a cycle stop early (Brent's test).

    References
    ----------
    Julia 1918, "Mémoire sur l'itération des fonctions rationnelles", *Journal
    de mathématiques pures et appliquées* 8, pp. 47-245.
    Peitgen & Richter 1986, *The Beauty of Fractals*, Springer.
    Milnor 2006, *Dynamics in One Complex Variable*, 3rd ed., Princeton, app. G
    (distance estimates).
    """
    view = View(p.center_re, p.center_im, p.span, p.rotation)
    return escape_field(call, view, p, formula=p.formula, power=p.power, c=(p.c_re, p.c_im))
