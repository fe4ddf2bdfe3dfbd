"""Argyle: harlequin diamonds crossed by thin diagonal rakers (the intarsia-knit check)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import opaque
from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.weave._params import color_role_param

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["argyle", "band_cover"]


@dataclass(frozen=True)
class ArgyleParams(Params):
    diamonds: int = param(4, range=(1, 64), doc="diamonds across the unit square")
    aspect: float = param(1.4, range=(0.5, 3.0), doc="height of a diamond over its width")
    colors: str = param(
        "three",
        choices=("two", "three"),
        doc="two colours in a checker, or rows of a third colour between",
    )
    color_a: int = color_role_param(1, "first diamonds")
    color_b: int = color_role_param(4, "second diamonds")
    color_c: int = color_role_param(5, "third diamonds (rows alternating with the first)")
    rakers: str = param(
        "dashed", choices=("solid", "dashed", "none"), doc="the thin diagonal lines"
    )
    raker_color: int = color_role_param(0, "rakers")
    raker_width: float = param(
        0.035, range=(0.005, 0.2), doc="width of a raker, as a share of a diamond's width"
    )


def band_cover(d: np.ndarray, half: float, fp: float) -> np.ndarray:
    """Share of a box ``fp`` wide centred at distance ``d`` from a band's centre line that
    lies within the band (half-width ``half``): the exact 1-D box filter of a line."""
    lo = np.maximum(d - 0.5 * fp, -half)
    hi = np.minimum(d + 0.5 * fp, half)
    return np.clip(hi - lo, 0.0, None) / fp


def _edge_weight(t: np.ndarray, grad: float, fp: float) -> np.ndarray:
    """Share of a pixel on this side of the nearest cell edge (t: offset in cells from the
    cell's centre, in [-0.5, 0.5]; ``grad``: cells per design unit)."""
    dist = (0.5 - np.abs(t)) / grad  # design units to the nearest edge
    return np.clip(0.5 + dist / fp, 0.0, 1.0)


def _periods(p: ArgyleParams) -> list[tuple[float, float]]:
    w = 1.0 / p.diamonds
    h = p.aspect * w
    return [(w, 0.0), (0.0, h if p.colors == "two" else 2.0 * h)]


@operator(
    "weave.argyle",
    kind="field",
    version=1,
    periods=_periods,
    tags=(
        "argyle",
        "harlequin",
        "diamond check",
        "intarsia",
        "golf",
        "preppy",
        "菱格",
        "阿盖尔格",
        "菱形格",
        "苏格兰菱格",
    ),
)
def argyle(p: ArgyleParams, call: Call) -> np.ndarray:
    """Argyle: a harlequin of diamonds crossed by thin diagonal rakers.

    Diamonds ``aspect`` times as tall as wide tile the plane edge to edge; in
    lattice coordinates ``u = x / w + y / h`` and ``v = x / w - y / h`` each diamond is
    a unit cell, so colours follow the cell's indices (a two-colour checker, or rows
    of a third colour between rows of the first). The rakers run along the diamonds'
    edges through their centres (solid, or dashed like an intarsia overcheck).
    Diamond edges are box-filtered across the pixel in lattice coordinates and the
    rakers exactly as bands, so the pattern renders alike at every size.

    References
    ----------
    Knitwear convention (the Campbell tartan of Argyll worked as intarsia
    diamonds); Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (the
    rhombic "harlequin" tiling).
    """
    w = 1.0 / p.diamonds
    h = p.aspect * w
    py = h if p.colors == "two" else 2.0 * h
    grad = math.hypot(1.0 / w, 1.0 / h)  # |grad u| = |grad v|, cells per design unit
    fp = call.footprint
    pal = call.palette
    ca, cb, cc = (np.array(pal.role(r)) for r in (p.color_a, p.color_b, p.color_c))
    rk = np.array(pal.role(p.raker_color))
    half = 0.5 * p.raker_width * w

    def colour(a, b):
        even = (a + b) % 2 == 0
        if p.colors == "two":
            return np.where(even[:, None], ca, cb)
        row = ((a - b) // 2) % 2 == 0
        return np.where(even[:, None], np.where(row[:, None], ca, cc), cb)

    def kernel(x, y):
        xl = wrap01(x / w) * w
        yl = wrap01(y / py) * py
        u = xl / w + yl / h
        v = xl / w - yl / h
        a = np.floor(u + 0.5)
        b = np.floor(v + 0.5)
        tu, tv = u - a, v - b
        ai, bi = a.astype(np.int64), b.astype(np.int64)
        su = np.where(tu >= 0, 1, -1)
        sv = np.where(tv >= 0, 1, -1)
        wu = _edge_weight(tu, grad, fp)[:, None]
        wv = _edge_weight(tv, grad, fp)[:, None]
        out = wu * (wv * colour(ai, bi) + (1 - wv) * colour(ai, bi + sv))
        out += (1 - wu) * (wv * colour(ai + su, bi) + (1 - wv) * colour(ai + su, bi + sv))
        if p.rakers != "none":
            # Rakers on the lines u = k and v = k, through the diamonds' centres.
            cu = band_cover(np.abs(tu) / grad, half, fp)
            cv = band_cover(np.abs(tv) / grad, half, fp)
            if p.rakers == "dashed":  # four dashes along each diamond's side
                cu = cu * _dash(v, 4.0, fp * grad)
                cv = cv * _dash(u, 4.0, fp * grad)
            cover = (1.0 - (1.0 - cu) * (1.0 - cv))[:, None]
            out = out * (1.0 - cover) + rk * cover
        return opaque(out)

    return chunked(kernel, call.x, call.y)


def _dash(s: np.ndarray, per_cell: float, fp_cells: float) -> np.ndarray:
    """A square wave along a raker (on for half of each of ``per_cell`` periods per
    lattice cell), box-filtered over ``fp_cells`` cells."""

    def integral(t):  # integral of the wave from 0 to t (t in periods)
        k = np.floor(t)
        return 0.5 * k + np.minimum(t - k, 0.5)

    t = s * per_cell + 0.25  # dashes centred on the crossings
    wdt = max(fp_cells * per_cell, 1e-9)
    return (integral(t + 0.5 * wdt) - integral(t - 0.5 * wdt)) / wdt
