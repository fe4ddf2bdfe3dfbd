"""The Mandelbrot set and its kin (multibrot, burning ship, tricorn) by escape time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.curves._escape import FORMULAS, STYLES, View, escape_field
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

#: Named views: (formula, power, view). The burning ship is shown with the
#: imaginary axis down the page, as usual, so the ship sails upright.
PRESETS: dict[str, tuple[str, int, View]] = {
    "mandelbrot": ("standard", 2, View(-0.6, 0.0, 3.0, 0.0)),
    "seahorse_valley": ("standard", 2, View(-0.7445, 0.1245, 0.06, 0.0)),
    "multibrot": ("standard", 3, View(0.0, 0.0, 2.8, 90.0)),
    "burning_ship": ("burning_ship", 2, View(-0.45, -0.5, 3.4, 0.0, flip=True)),
    "burning_ship_armada": ("burning_ship", 2, View(-1.762, -0.028, 0.09, 0.0, flip=True)),
    "tricorn": ("tricorn", 2, View(-0.3, 0.0, 3.6, 0.0)),
}


@dataclass(frozen=True)
class MandelbrotParams(Params):
    preset: str = param(
        "mandelbrot",
        choices=(*PRESETS, "custom"),
        doc="a named formula and view; 'custom' uses formula, power and the view below",
    )
    formula: str = param(
        "standard",
        choices=FORMULAS,
        doc="z^d + c, or folded first: burning ship (|x| + i|y|) or tricorn (conjugate) (custom)",
    )
    power: int = param(2, range=(2, 8), doc="d: the power of z; d > 2 is a multibrot (custom)")
    span: float = param(
        3.0, range=(0.0005, 8.0), doc="width of the c-plane shown across the square (custom)"
    )
    center_re: float = param(-0.6, range=(-4.0, 4.0), doc="real part at the centre (custom)")
    center_im: float = param(0.0, range=(-4.0, 4.0), doc="imaginary part at the centre (custom)")
    rotation: float = param(
        0.0, range=(-360.0, 360.0), doc="turn of the view (custom)", unit="degrees"
    )
    flip: bool = param(False, doc="imaginary axis down the page instead of up (custom)")
    style: str = param(
        "lace",
        choices=STYLES,
        doc="the boundary as a line over a glow, the smooth escape time, or the filled set",
    )
    line_width: float = param(
        0.0015, range=(0.0, 0.05), doc="width of the boundary line (lace)", unit="design units"
    )
    glow: float = param(0.5, range=(0.0, 1.0), doc="strength of the escape-time glow (lace)")
    inside: float = param(0.0, range=(0.0, 1.0), doc="value inside the set (lace, escape)")
    iterations: int = param(200, range=(8, 500), doc="iteration cap")


def resolved(p: MandelbrotParams) -> tuple[str, int, View]:
    """The formula, power and view the parameters name (a preset, or the custom ones)."""
    if p.preset == "custom":
        return p.formula, p.power, View(p.center_re, p.center_im, p.span, p.rotation, p.flip)
    return PRESETS[p.preset]


@operator(
    "curves.mandelbrot",
    kind="field",
    version=1,
    output="value",
    tags=(
        "mandelbrot",
        "multibrot",
        "burning ship",
        "tricorn",
        "fractal",
        "escape time",
        "曼德博集",
        "分形",
        "燃烧船",
    ),
)
def mandelbrot(p: MandelbrotParams, call: Call) -> np.ndarray:
    """Mandelbrot set and kin: points c whose orbit of 0 under z -> f(z) + c stays bounded.

    Escape time over the parameter plane: each point c is iterated from z0 = 0
    under z -> f(z) + c with f(z) = z^d (d = 2: the Mandelbrot set, d > 2: the
    (d - 1)-fold multibrots), z^2 after folding to |x| + i|y| (the burning ship)
    or after conjugation (the tricorn, or mandelbar). Presets name formulas and
    views (seahorse valley, the burning ship's armada); ``custom`` takes them
    from the parameters. ``style`` as for the Julia set: ``lace`` draws the set's
    boundary as a line by the distance estimate 0.5 |z| ln|z| / |dz/dc| over a
    glow that fades with that distance, ``escape`` is the smooth iteration count,
    ``filled`` the set with an anti-aliased edge. Orbits that settle on a cycle
    stop early (Brent's test), so the cardioid and bulbs cost little.

    References
    ----------
    Mandelbrot 1980, "Fractal aspects of the iteration of z -> lambda z(1 - z)
    for complex lambda and z", *Annals of the New York Academy of Sciences* 357.
    Peitgen & Richter 1986, *The Beauty of Fractals*, Springer.
    Michelitsch & Rössler 1992, "The 'burning ship' and its quasi-Julia sets",
    *Computers & Graphics* 16(4), pp. 435-438.
    """
    formula, power, view = resolved(p)
    return escape_field(call, view, p, formula=formula, power=power, c=None)
