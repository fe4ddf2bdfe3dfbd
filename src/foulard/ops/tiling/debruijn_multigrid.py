"""De Bruijn's multigrid: n-fold rhomb tilings dual to n families of parallel lines."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import Patch, cover_radius, cull, patch_drawing, place

__all__ = ["MultigridParams", "de_bruijn_multigrid", "multigrid_rhombs", "offsets"]


@dataclass(frozen=True)
class MultigridParams(Params):
    n: int = param(
        7, range=(4, 13), doc="families of grid lines (5: Penrose; 7: heptagonal; 8: octagonal)"
    )
    tile_size: float = param(0.05, range=(0.015, 0.3), doc="edge of a rhomb", unit="design units")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    centred: bool = param(
        True,
        doc="equal grid offsets: a 2n-fold medallion at the middle; else offsets from the seed",
    )
    coloring: str = param(
        "type",
        choices=("type", "direction", "random"),
        doc="by rhomb angle (n/2 types); by the pair of line families; or at random",
    )
    colors: int = param(5, range=(1, 8), doc="palette roles used, from first_color on")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first colour class")
    line_width: float = param(
        0.003, range=(0.0, 0.012), doc="width of the grout lines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")


def directions(n: int, centred: bool) -> np.ndarray:
    """Unit normals of the families.

    ``pi j / n`` when centred or n is even (with offsets one half the grid is
    symmetric under the turn by ``pi / n``); otherwise ``2 pi j / n``, the pentagrid
    convention under which offsets summing to zero give Penrose's tiling for n = 5.
    """
    theta = (2.0 if (n % 2 and not centred) else 1.0) * math.pi * np.arange(n) / n
    return np.stack([np.cos(theta), np.sin(theta)], axis=1)


def offsets(n: int, centred: bool, rng: np.random.Generator) -> np.ndarray:
    """Grid offsets gamma_j: all one half (centred), else random summing to zero.

    A tiny distinct nudge keeps three lines from ever meeting in one point (which
    would leave the dual ambiguous) without any visible loss of symmetry.
    """
    nudge = 1e-7 * (np.arange(n) - (n - 1) / 2.0)
    if centred:
        return 0.5 + nudge
    g = rng.random(n)
    return g - g.mean() + nudge


def multigrid_rhombs(n: int, gamma: np.ndarray, radius: float, e: np.ndarray):
    """Rhombs (tile units, edge 1) dual to the grid, within ``radius`` of the origin.

    Returns ``(corners (m, 4, 2), pair (m, 2))``: each rhomb comes from the crossing
    of a line of family ``r`` with one of family ``s``; its corners are
    ``sum_j K_j e_j`` with ``K_j = ceil(z . e_j + gamma_j)`` off the two lines and
    the four choices on them.
    """
    # The dual map stretches grid space by about n/2, give or take n edges.
    zr = 2.0 * (radius + n) / n + 1.0
    corners, pairs = [], []
    for r in range(n):
        for s in range(r + 1, n):
            kr = np.arange(math.floor(-zr - gamma[r]), math.ceil(zr - gamma[r]) + 1)
            ks = np.arange(math.floor(-zr - gamma[s]), math.ceil(zr - gamma[s]) + 1)
            kr, ks = np.meshgrid(kr, ks, indexing="ij")
            kr, ks = kr.ravel(), ks.ravel()
            m = np.stack([e[r], e[s]])  # rows: normals
            rhs = np.stack([kr - gamma[r], ks - gamma[s]], axis=1)
            z = rhs @ np.linalg.inv(m).T
            ok = np.hypot(z[:, 0], z[:, 1]) <= zr
            z, kr, ks = z[ok], kr[ok], ks[ok]
            k = np.ceil(z @ e.T + gamma)
            base = k @ e - k[:, r, None] * e[r] - k[:, s, None] * e[s]
            v = [
                base + kr[:, None] * e[r] + ks[:, None] * e[s],
                base + (kr + 1)[:, None] * e[r] + ks[:, None] * e[s],
                base + (kr + 1)[:, None] * e[r] + (ks + 1)[:, None] * e[s],
                base + kr[:, None] * e[r] + (ks + 1)[:, None] * e[s],
            ]
            corners.append(np.stack(v, axis=1))
            pairs.append(np.tile([r, s], (len(z), 1)))
    return np.concatenate(corners), np.concatenate(pairs)


def multigrid_patch(p: MultigridParams, rng: np.random.Generator) -> Patch:
    """The rhombs (design units) covering the design, with colour classes."""
    gamma = offsets(p.n, p.centred, rng)
    radius = cover_radius(p.line_width) / p.tile_size + 2.0
    e = directions(p.n, p.centred)
    corners, pairs = multigrid_rhombs(p.n, gamma, radius, e)
    # The dual of the origin's mesh goes to the design centre.
    origin = np.ceil(gamma) @ e
    pts = place(corners, scale=p.tile_size, rotation=p.rotation, origin=origin)
    keep = cull(pts, p.line_width)
    pts, pairs = pts[keep], pairs[keep]
    gap = pairs[:, 1] - pairs[:, 0]
    kind = np.minimum(gap, p.n - gap)  # 1 .. n // 2: the rhomb's angle is kind * 180 / n
    if p.coloring == "type":
        classes = kind - 1
    elif p.coloring == "direction":
        classes = (pairs[:, 0] + pairs[:, 1]) % p.n
    else:
        classes = rng.integers(0, max(p.colors, 1), size=len(pts))
    return Patch(pts, kind, classes)


@operator(
    "tiling.de_bruijn_multigrid",
    kind="vector",
    version=1,
    tags=(
        "multigrid",
        "de bruijn",
        "quasicrystal",
        "rhombs",
        "n-fold",
        "aperiodic",
        "多重网格",
        "准晶",
    ),
)
def de_bruijn_multigrid(p: MultigridParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """De Bruijn multigrid: n-fold quasiperiodic rhomb tilings (5, 7, 8, 12-fold ...).

    ``n`` families of parallel lines, shifted by offsets gamma_j, are drawn; every
    crossing of two lines becomes a rhomb whose edges are the two families'
    directions, placed by the dual map
    ``sum_j ceil(z . e_j + gamma_j) e_j``. The rhombs fit edge to edge with no gap.
    7, 9, 11 ... give heptagonal and higher quasicrystals. ``centred`` turns the
    families ``180/n`` degrees apart with every offset one half: the tiling is then
    2n-fold symmetric about the middle (a medallion; for n = 5 a ten-fold
    generalised Penrose tiling). Otherwise the seed draws offsets summing to zero,
    with odd n turned ``360/n`` apart, so n = 5 gives Penrose's rhomb tiling itself.
    Colourings: by rhomb angle (``n // 2`` types), by the pair of families (``n``
    directions) or at random; class ``k`` takes palette role
    ``first_color + k mod colors``.

    References
    ----------
    de Bruijn 1981, "Algebraic theory of Penrose's non-periodic tilings of the
    plane", *Indag. Math.* 43; Gähler & Rhyner 1986, "Equivalence of the generalised
    grid and projection methods for the construction of quasiperiodic tilings",
    *J. Phys. A* 19.
    """
    patch = multigrid_patch(p, rng)
    roles = p.first_color + (patch.classes % p.colors)
    return patch_drawing(patch, roles, palette, line_role=p.line_color, line_width=p.line_width)
