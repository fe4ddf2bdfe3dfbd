"""Marbling vortex: a circular tine or a stylus swirl turns the floating ink about a centre."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._marbling import Jac, sample_through
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

LN2 = math.log(2.0)


@dataclass(frozen=True)
class VortexParams(Params):
    x: float = param(0.5, range=(-0.5, 1.5), doc="centre, across", unit="design units")
    y: float = param(0.5, range=(-0.5, 1.5), doc="centre, down", unit="design units")
    turn: float = param(
        540.0,
        range=(-1440.0, 1440.0),
        doc="turn of the ink on the tine's circle (positive: clockwise on screen)",
        unit="degrees",
    )
    radius: float = param(
        0.0,
        range=(0.0, 1.0),
        doc="radius of the circular tine (0: a stylus turned at the centre, a whirlpool)",
        unit="design units",
    )
    sharpness: float = param(
        0.15,
        range=(0.005, 1.0),
        doc="distance from the tine at which the turn halves",
        unit="design units",
    )
    reach: float = param(
        0.7,
        range=(0.02, 2.0),
        doc="radius beyond which the ink does not move at all",
        unit="design units",
    )
    lattice: int = param(
        1,
        range=(1, 6),
        doc="1: one vortex; n: n x n vortices over the square, turning in alternate senses",
    )


def _turn(p: VortexParams, rho: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Angle (radians) the ink at radius rho is turned by, and its derivative in rho.

    Jaffer's circular tine ``turn * 2^(-|rho - radius| / sharpness)``, faded to zero at
    ``reach`` by ``(1 - (rho / reach)^2)^3`` so the swirl has edges (and vortices of a
    lattice never overlap).
    """
    base = math.radians(p.turn)
    gap = rho - p.radius
    fall = np.exp2(-np.abs(gap) / p.sharpness)
    q = np.clip(rho / reach, 0.0, 1.0)
    win = (1.0 - q * q) ** 3
    dwin = np.where(q < 1.0, -6.0 * q * (1.0 - q * q) ** 2 / reach, 0.0)
    theta = base * fall * win
    dtheta = base * (fall * dwin - fall * (LN2 / p.sharpness) * np.sign(gap) * win)
    return theta, dtheta


def vortex_inverse(p: VortexParams, x: np.ndarray, y: np.ndarray, jac: Jac | None = None):
    """Points before the swirl for points after it (the turn is undone exactly).

    With ``jac``, the Jacobian of this inverse is multiplied into it (tests check
    that its determinant is 1: the swirl keeps area).
    """
    if p.lattice == 1:
        cx = np.full_like(x, p.x)
        cy = np.full_like(y, p.y)
        sense = np.ones_like(x)
        reach = p.reach
    else:
        # Cell centres of an n x n lattice over the square; each vortex stays in its cell.
        n = p.lattice
        i = np.floor(x * n)
        j = np.floor(y * n)
        cx = (i + 0.5) / n
        cy = (j + 0.5) / n
        sense = np.where((i + j) % 2 == 0, 1.0, -1.0)
        reach = min(p.reach, 0.5 / n)
    vx = x - cx
    vy = y - cy
    rho = np.sqrt(vx * vx + vy * vy)
    theta, dtheta = _turn(p, rho, reach)
    theta = -theta * sense  # undo the turn
    dtheta = -dtheta * sense
    c, s = np.cos(theta), np.sin(theta)
    ux = c * vx - s * vy
    uy = s * vx + c * vy
    # Beyond the reach nothing turns: give back the very same points (no rounding).
    still = theta == 0.0
    px = np.where(still, x, cx + ux)
    py = np.where(still, y, cy + uy)
    if jac is None:
        return px, py
    # d(u)/d(v) = R(theta) + (R'(theta) v) (d theta / d rho) (v / rho)^T; R' v = (-uy, ux).
    inv = np.where(rho > 0, 1.0 / np.maximum(rho, 1e-300), 0.0)
    gx = dtheta * vx * inv
    gy = dtheta * vy * inv
    jac.left(c - uy * gx, -s - uy * gy, s + ux * gx, c + ux * gy)
    return px, py


@operator(
    "craft.marbling_vortex",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the marbled bath the vortex turns",
            "craft.marbling_ink_drop",
            example_params={"preset": "stone", "drops": 60, "radius": 0.12, "colors": 4},
        ),
    ),
    output="same",
    tags=(
        "marbling",
        "swirl",
        "vortex",
        "whirlpool",
        "turkish ebru",
        "旋涡",
        "漩涡纹",
        "大理石纹",
    ),
)
def marbling_vortex(p: VortexParams, call: Call) -> np.ndarray:
    """Marbling vortex: the ink is turned about a centre, less and less away from the tine.

    A circular tine of radius ``radius`` (0: a stylus turned on the spot) turns the
    ink at distance rho from the centre by ``turn * 2^(-|rho - radius| / sharpness)``,
    faded smoothly to nothing at ``reach``. Turning every circle about the centre
    by an angle that depends only on its radius keeps area and is undone exactly,
    so the source is sampled where each point was before the swirl (the footprint
    follows the local stretch). ``lattice`` n > 1 puts n x n vortices in the cells
    of a grid, turning in alternate senses (a field of swirls; each stays in its
    cell). Swirled stone, *ebru* whirls and turned rings come from this over
    ``craft.marbling_ink_drop``.

    References
    ----------
    Lu, Jaffer, Jin, Zhao & Mao 2012, "Mathematical Marbling", IEEE Computer
    Graphics and Applications 32(6) (circular and vortex strokes).
    Jaffer, "The Mathematics of Marbling" (people.csail.mit.edu/jaffer/Marbling).
    """
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    px, py = vortex_inverse(p, x, y)
    out = sample_through(call, "source", px, py)
    return out.reshape(*np.shape(call.x), out.shape[-1])
