"""Reiter's snowflakes: a hexagonal automaton of vapour diffusion and freezing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops._common.shapes import mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_R3 = math.sqrt(3.0) / 2.0
RADIUS = 90  # lattice cells from the centre to the edge of the hexagonal domain
_MARGIN = 24  # cells of vapour simulated round the crystal


@dataclass(frozen=True)
class SnowflakeParams(Params):
    beta: float = param(
        0.6, range=(0.35, 0.95), doc="background vapour level (low: thin dendrites, high: plates)"
    )
    gamma: float = param(0.001, range=(0.001, 0.01), doc="vapour added to boundary cells each step")
    alpha: float = param(2.0, range=(0.5, 2.0), doc="diffusion rate of the vapour")
    steps: int = param(
        2500, range=(10, 2500), doc="most steps run (growth stops earlier at the domain edge)"
    )
    size: float = param(0.9, range=(0.1, 1.2), doc="width of the snowflake", unit="design units")
    shading: float = param(
        0.6, range=(0.0, 1.0), doc="how much the ice's thickness shades it towards the second role"
    )
    ice_role: int = param(1, range=(0, 47), doc="palette role of the ice")
    shade_role: int = param(0, range=(0, 47), doc="palette role the thickest ice shades to")


def _neighbour_sum(a: np.ndarray) -> np.ndarray:
    """Sum over the six hexagonal neighbours (axial coordinates, rows r, columns q)."""
    s = np.zeros_like(a)
    s[:, 1:] += a[:, :-1]
    s[:, :-1] += a[:, 1:]
    s[1:, :] += a[:-1, :]
    s[:-1, :] += a[1:, :]
    s[1:, :-1] += a[:-1, 1:]
    s[:-1, 1:] += a[1:, :-1]
    return s


def grow(p: SnowflakeParams) -> np.ndarray:
    """Reiter's automaton on a hexagon of ``RADIUS`` cells; returns the state s.

    Cells with s >= 1 are ice. A cell is receptive if it is ice or touches ice;
    receptive cells keep their water and gain ``gamma``, the others' water diffuses
    (each moves ``alpha / 2`` of the way to its neighbours' mean). Water is held at
    ``beta`` beyond a margin of ``_MARGIN`` cells round the crystal (and at the edge
    of the domain), and only that window is updated, which is what keeps the
    simulation fast. Deterministic: the flake is exactly 6-fold symmetric.
    """
    r = RADIUS
    n = 2 * r + 1
    q, rr = np.meshgrid(np.arange(n) - r, np.arange(n) - r)
    ring = np.maximum(np.maximum(np.abs(q), np.abs(rr)), np.abs(q + rr))
    s = np.full((n, n), p.beta, np.float32)
    s[r, r] = 1.0
    k = np.float32(p.alpha / 12.0)
    gamma = np.float32(p.gamma)
    reach = 0
    for t in range(p.steps):
        w = min(r, reach + _MARGIN)
        win = s[r - w : r + w + 1, r - w : r + w + 1]
        ice = win >= 1.0
        receptive = ice | (_neighbour_sum(ice.astype(np.float32)) > 0)
        u = np.where(receptive, np.float32(0.0), win)
        v = np.where(receptive, win + gamma, np.float32(0.0))
        u += k * (_neighbour_sum(u) - np.float32(6.0) * u)
        # Only cells within hexagonal distance w - 1 change: the rest is held (beta
        # beyond the margin), on a hexagon, so the flake stays 6-fold symmetric.
        live = ring[r - w : r + w + 1, r - w : r + w + 1] < min(w, r)
        win[live] = (u + v)[live]
        if t % 10 == 0:
            reach = int(ring[r - w : r + w + 1, r - w : r + w + 1][win >= 1.0].max())
            if reach >= r - 4:
                break
    return s


def _prepare(p: SnowflakeParams, rng: np.random.Generator):
    s = grow(p)
    r = RADIUS
    n = 2 * r + 1
    q, rr = np.meshgrid(np.arange(n) - r, np.arange(n) - r)
    ice = s >= 1.0
    # Scale so that the tips of the flake span ``size`` (tip = farthest ice cell).
    x = q + 0.5 * rr
    y = _R3 * rr
    reach = float(np.hypot(x, y)[ice].max()) + 0.5
    top = float(s[ice].max())
    return s, 0.5 * p.size / reach, top


@operator(
    "growth.snowflake",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(0.5, 0.5, 0.5 * p.size),
    tags=(
        "snowflake",
        "ice crystal",
        "frost",
        "winter",
        "six-fold",
        "雪花",
        "冰晶",
        "六角",
        "冬季",
    ),
)
def snowflake(p: SnowflakeParams, call: Call) -> np.ndarray:
    """Reiter snowflake: a hexagonal cellular model of vapour diffusing onto ice.

    Each hexagonal cell holds water s; s >= 1 is ice. Cells that are ice or touch
    it are receptive: they keep their water and gain ``gamma`` each step; the water
    of all other cells diffuses (``alpha``), and the far field is held at the
    background level ``beta`` (a hexagonal margin of cells round the crystal is
    simulated). From one frozen cell the crystal grows into a six-fold flake whose
    habit depends on (beta, gamma, alpha): dendrites and stellar plates, ferny
    branches, sectored plates. The state is interpolated linearly
    over the triangles of the hexagonal lattice and cut at s = 1 with an exact
    anti-aliased edge, so the outline is smooth at any resolution; inside, thicker
    ice (higher s) shades from ``ice_role`` towards ``shade_role``. The flake is
    scaled to ``size`` across, centred. Deterministic (no randomness).

    References
    ----------
    Reiter 2005, "A local cellular model for snow crystal growth", Chaos, Solitons
    & Fractals 23(4).
    Libbrecht 2005, "The physics of snow crystals", Reports on Progress in Physics
    68(4).
    """
    s, cell, top = call.state
    r = RADIUS
    n = 2 * r + 1
    x = (np.asarray(call.x, np.float64) - 0.5) / cell
    y = (np.asarray(call.y, np.float64) - 0.5) / cell
    rr = y / _R3
    q = x - 0.5 * rr
    q0 = np.floor(q)
    r0 = np.floor(rr)
    fq = q - q0
    fr = rr - r0
    i = np.clip(q0.astype(np.int64) + r, 0, n - 2)
    j = np.clip(r0.astype(np.int64) + r, 0, n - 2)
    far = (q0 + r < 0) | (q0 + r > n - 2) | (r0 + r < 0) | (r0 + r > n - 2)
    s00 = s[j, i]
    s10 = s[j, i + 1]
    s01 = s[j + 1, i]
    s11 = s[j + 1, i + 1]
    lower = fq + fr <= 1.0
    # Linear on each lattice triangle: value and slope in lattice coordinates.
    gq = np.where(lower, s10 - s00, s11 - s01)
    gr = np.where(lower, s01 - s00, s11 - s10)
    val = np.where(lower, s00 + fq * gq + fr * gr, s11 - (1 - fq) * gq - (1 - fr) * gr)
    val = np.where(far, p.beta, val)
    # Slope in design units: d/dx = gq, d/dy = (2 gr - gq) / sqrt(3), per cell.
    slope = np.hypot(gq, (2.0 * gr - gq) / math.sqrt(3.0)) / cell
    fp = call.footprint
    with np.errstate(divide="ignore", invalid="ignore"):
        edge = np.where(slope > 0, (val - 1.0) / (slope * max(fp, 1e-12)), np.sign(val - 1.0) * 1e9)
    cover = np.clip(0.5 + edge, 0.0, 1.0) if fp > 0 else (val >= 1.0).astype(np.float64)
    cover = np.where(far, 0.0, cover)
    ice = np.asarray(call.palette.role(p.ice_role))
    deep = np.asarray(mix(ice, call.palette.role(p.shade_role), p.shading))
    t = np.clip((val - 1.0) / max(top - 1.0, 1e-9), 0.0, 1.0)[..., None]
    out = np.empty((*np.shape(x), 4), np.float32)
    out[..., :3] = (ice + t * (deep - ice)) * cover[..., None]
    out[..., 3] = cover
    return out
