"""Farris wheels: curves drawn by sums of turning wheels, p-fold symmetric by design."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops.curves._polyline import CurveDistance, sample_curve
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_MAX_VERTICES = 400_000


@dataclass(frozen=True)
class FarrisWheelsParams(Params):
    symmetry: int = param(5, range=(2, 24), doc="p: the figure repeats p times around")
    residue: int = param(1, range=(1, 23), doc="m: every wheel's frequency is m modulo p")
    k1: int = param(0, range=(-12, 12), doc="first wheel: frequency m + p k1")
    k2: int = param(1, range=(-12, 12), doc="second wheel: frequency m + p k2")
    k3: int = param(-3, range=(-12, 12), doc="third wheel: frequency m + p k3")
    a1: float = param(1.0, range=(0.0, 1.0), doc="radius of the first wheel, relative")
    a2: float = param(0.5, range=(0.0, 1.0), doc="radius of the second wheel, relative")
    a3: float = param(0.333, range=(0.0, 1.0), doc="radius of the third wheel, relative")
    phase2: float = param(
        0.0, range=(-360.0, 360.0), doc="phase of the second wheel", unit="degrees"
    )
    phase3: float = param(
        90.0, range=(-360.0, 360.0), doc="phase of the third wheel", unit="degrees"
    )
    radius: float = param(
        0.42, range=(0.005, 2.0), doc="largest reach of the figure", unit="design units"
    )
    line_width: float = param(
        0.002, range=(0.0002, 0.05), doc="width of the drawn line", unit="design units"
    )
    echoes: int = param(5, range=(0, 12), doc="copies drawn smaller inside, about the centre")
    echo_step: float = param(0.08, range=(0.01, 0.3), doc="size step between the copies, relative")
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the figure", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def wheels(p: FarrisWheelsParams) -> list[tuple[int, complex]]:
    """(frequency, complex amplitude) of each wheel with a radius above zero."""
    out = []
    for k, a, ph in ((p.k1, p.a1, 0.0), (p.k2, p.a2, p.phase2), (p.k3, p.a3, p.phase3)):
        if a > 0:
            turn = complex(math.cos(math.radians(ph)), math.sin(math.radians(ph)))
            out.append((p.residue + p.symmetry * k, a * turn))
    return out


def frequency_step(p: FarrisWheelsParams) -> int:
    """d: the gcd of the differences of the wheels' frequencies (0: one frequency).

    Every frequency is n_1 modulo d, so f(t + 2 pi / d) = e^(2 pi i n_1 / d) f(t).
    """
    freqs = [n for n, _ in wheels(p)]
    d = 0
    for n in freqs[1:]:
        d = math.gcd(d, abs(n - freqs[0]))
    return d


def symmetry_order(p: FarrisWheelsParams) -> int:
    """Order of the figure's rotational symmetry: d / gcd(n_1, d) (0: a circle).

    The turn by 2 pi n_1 / d maps the figure onto itself and generates the turns
    by 2 pi gcd(n_1, d) / d. With the default m = 1 and p = 5 it is 5.
    """
    d = frequency_step(p)
    if d == 0:
        return 0
    return d // math.gcd(wheels(p)[0][0], d)


def path(p: FarrisWheelsParams, t: np.ndarray) -> np.ndarray:
    """f(t) = sum of a_j e^(i n_j t), unscaled, as a complex array."""
    z = np.zeros(t.shape, complex)
    for n, a in wheels(p):
        z += a * np.exp(1j * n * t)
    return z


def _prepare(p: FarrisWheelsParams, rng: np.random.Generator) -> CurveDistance | None:
    if not wheels(p):
        return None
    reach = sum(abs(a) for _, a in wheels(p))
    turn = complex(math.cos(math.radians(p.rotation)), math.sin(math.radians(p.rotation)))
    # A vertex count that is a multiple of d maps the vertices onto themselves
    # under the shift t -> t + 2 pi / d, as the symmetry maps the curve.
    order = max(frequency_step(p), 1)
    lines = []
    for j in range(p.echoes + 1):
        scale = (1.0 - j * p.echo_step) * p.radius / reach
        if scale <= 0.02 * p.radius / reach:
            break

        def curve(t: np.ndarray, scale=scale):
            z = path(p, t) * turn * scale
            return p.cx + z.real, p.cy + z.imag

        lines.append(
            sample_curve(
                curve,
                0.0,
                2.0 * math.pi,
                max_segment=max(p.line_width, 3e-4),
                multiple_of=order,
                max_vertices=_MAX_VERTICES // (p.echoes + 1),
            )
        )
    return CurveDistance(lines)


@operator(
    "curves.farris_wheels",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius + p.line_width),
    tags=(
        "farris wheels",
        "wheels on wheels",
        "epicycles",
        "rosette",
        "symmetric curve",
        "mystery curve",
        "轮上轮",
        "对称曲线",
        "花环",
    ),
)
def farris_wheels(p: FarrisWheelsParams, call: Call) -> np.ndarray:
    """Farris wheels: f(t) = sum of a_j e^(i (n_j t + phase_j)) with every n_j = m mod p.

    Three wheels turn at integer frequencies n_j = m + p k_j, each carried on the
    rim of the last; the pen on the last rim draws a closed curve. Because every
    frequency is congruent to m modulo p, f(t + 2 pi / p) = e^(2 pi i m / p) f(t):
    the figure has p-fold rotational symmetry when gcd(m, p) = 1, whatever the
    radii and phases (:func:`symmetry_order` gives the exact order). That is
    what turns wheel sums from scribbles into rosettes, stars and "mystery
    curves". The figure is scaled so
    its largest possible reach (the sum of the radii) is ``radius``; ``echoes``
    draws shrunken copies inside. Values are line coverage from exact distances
    to the sampled curve, box-filtered over the pixel footprint.

    References
    ----------
    Farris 1996, "Wheels on wheels on wheels -- surprising symmetry",
    *Mathematics Magazine* 69(3), pp. 185-189.
    Farris 2015, *Creating Symmetry: The Artful Mathematics of Wallpaper
    Patterns*, Princeton University Press, ch. 2.
    """
    if call.state is None:
        return np.zeros(call.x.shape, np.float32)
    line = call.state.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint)
    return line.astype(np.float32)
