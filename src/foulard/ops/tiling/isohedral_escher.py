"""Escher-like isohedral tilings: one tile, its edges bent under the tiling's symmetry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import CellPattern, band
from foulard.ops.tiling._isohedral import (
    HEESCH_TYPES,
    Isohedral,
    _apply,
    _colouring,
    _inverse,
    _tying,
    _types,
    isohedral,
)

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["HEESCH_TYPES", "EscherParams", "Isohedral", "isohedral", "isohedral_escher"]


@dataclass(frozen=True)
class EscherParams(Params):
    heesch_type: str = param(
        "C3C3C3C3C3C3",
        choices=HEESCH_TYPES,
        doc="how the tile's edges are tied by the symmetry (Heesch): T translate, "
        "C half-turn, G glide, C3 C4 turns about corners",
    )
    tile_size: float = param(0.2, range=(0.04, 0.5), doc="size of a tile", unit="design units")
    amplitude: float = param(0.27, range=(0.0, 0.28), doc="how far the edges bend, in edge lengths")
    waviness: int = param(2, range=(1, 5), doc="harmonics in each edge's bend")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    colors: int = param(3, range=(2, 4), doc="colours for the tiles (neighbours always differ)")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first tile colour")
    line_width: float = param(
        0.003, range=(0.0, 0.015), doc="width of the outlines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the outlines")
    echo: int = param(
        1, range=(0, 3), doc="thin contour lines inside each tile, echoing its outline"
    )
    echo_gap: float = param(
        0.008, range=(0.002, 0.03), doc="spacing of the echo lines", unit="design units"
    )


def _prepare(p: EscherParams, rng: np.random.Generator) -> Isohedral:
    return isohedral(p, rng)


def _periods(p: EscherParams):
    _, e1, e2, _ = _types()[p.heesch_type]
    # The colouring may need a block of cells; it depends only on the type and count.
    _, m = _colouring(_tying(p.heesch_type)[1], p.colors)
    cell = CellPattern(
        np.multiply(e1, p.tile_size * m),
        np.multiply(e2, p.tile_size * m),
        [],
        [],
        np.zeros((0, 4)),
        reach=0.0,
        origin=(0.5, 0.5),
        rotation=p.rotation,
        bins=2,
    )
    return cell.periods()


@operator(
    "tiling.isohedral_escher",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=_periods,
    tags=(
        "escher",
        "isohedral",
        "tessellation",
        "heesch",
        "interlocking",
        "埃舍尔",
        "镶嵌",
        "变形拼图",
    ),
)
def isohedral_escher(p: EscherParams, call: Call) -> np.ndarray:
    """Escher-like tilings: one tile whose edges bend together, by Heesch type.

    An isohedral tiling by squares or hexagons is chosen by its Heesch type, which
    says how the symmetry ties each edge to another: translated (T), turned half
    round about its own midpoint (C: an S-shaped edge), glided (G) or turned about
    a corner by 90 or 120 degrees (C4, C3). Each free edge is bent by a random sum
    of sine waves (``amplitude``, ``waviness``) and its partner is bent to match,
    so every tile stays congruent and the tiles still fit: Escher's lizards are
    C3C3C3C3C3C3, his pinwheel tiles C4C4C4C4. Points are found in the straight
    tiling and moved across an edge when they lie beyond its bend. Neighbouring
    tiles always take different colours (a greedy colouring over a block of
    cells); ``echo`` thin lines inside each tile follow its outline. The pattern
    repeats exactly.

    References
    ----------
    Heesch & Kienzle 1963, *Flächenschluss*; Grünbaum & Shephard 1977, "The
    eighty-one types of isohedral tilings in the plane", *Math. Proc. Cambridge
    Phil. Soc.* 82; Kaplan 2009, *Introductory Tiling Theory for Computer Graphics*;
    Schattschneider 1990, *Visions of Symmetry* (Escher's notebooks).
    """
    iso: Isohedral = call.state
    cell = iso.cell
    poly = iso.polygon
    k = len(poly)
    fp = call.footprint
    s = p.tile_size
    lut = np.array([call.palette.role(p.first_color + c) for c in range(max(p.colors, 2))])
    line = np.asarray(call.palette.role(p.line_color), np.float64)
    inv_reps = [_inverse(r) for r in iso.reps]
    m = iso.block
    kk = np.arange(1, iso.coef.shape[1] + 1)

    def bend(i, t):
        arg = np.pi * t[:, None] * kk[None, :]
        h = np.sin(arg) @ iso.coef[i]
        dh = (np.pi * kk[None, :] * np.cos(arg)) @ iso.coef[i]
        return h, dh

    def kernel(x, y):
        f = cell.fold(x, y)
        reg = cell.region(f)
        rep = cell.region_class[reg]
        missing = rep < 0
        rep = np.where(missing, 0, rep)
        shift = cell.region_shift[reg]
        ta = f.cell_a + shift[:, 0]
        tb = f.cell_b + shift[:, 1]
        # The point in the prototile's frame (tile units).
        px = f.x / s - (shift[:, 0] * cell.basis[0, 0] + shift[:, 1] * cell.basis[0, 1]) / s
        py = f.y / s - (shift[:, 0] * cell.basis[1, 0] + shift[:, 1] * cell.basis[1, 1]) / s
        q = np.empty((len(x), 2))
        for r, ir in enumerate(inv_reps):
            sel = rep == r
            q[sel] = _apply(ir, np.stack([px[sel], py[sel]], axis=1))
        # Beyond which bent edge (if any), and how far from the nearest bend.
        worst = np.zeros(len(x))
        move = np.full(len(x), -1)
        dist = np.full(len(x), np.inf)
        reach = float(np.abs(iso.coef).sum(axis=1).max()) + 0.02 + (p.echo + 1) * p.echo_gap / s
        for i in range(k):
            a, b = poly[i], poly[(i + 1) % k]
            e = b - a
            length = float(np.hypot(*e))
            u = e / length
            nrm = np.array([u[1], -u[0]])  # outwards
            rel = q - a
            t = (rel @ u) / length
            sd = (rel @ nrm) / length
            near = np.flatnonzero((t > 0) & (t < 1) & (sd > -reach))
            if near.size:
                h, dh = bend(i, t[near])
                over = sd[near] - h
                take = over > worst[near]
                worst[near[take]] = over[take]
                move[near[take]] = i
                d = np.abs(over) * length / np.sqrt(1 + dh * dh) * s
                dist[near] = np.minimum(dist[near], d)
            dist = np.minimum(dist, np.hypot(q[:, 0] - a[0], q[:, 1] - a[1]) * s)
        moved = move >= 0
        nb = iso.across[rep[moved], move[moved]]
        rep = rep.copy()
        rep[moved] = nb[:, 0]
        ta = ta.copy()
        tb = tb.copy()
        ta[moved] += nb[:, 1]
        tb[moved] += nb[:, 2]
        colour = iso.colors[rep, ta % m, tb % m]
        rgb = lut[colour]
        if p.line_width > 0:
            rgb = rgb + (line - rgb) * band(dist, 0.5 * p.line_width, fp)[:, None]
            for e in range(1, p.echo + 1):
                ring = np.abs(dist - e * p.echo_gap)
                rgb = rgb + (line - rgb) * band(ring, 0.25 * p.line_width, fp)[:, None]
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
