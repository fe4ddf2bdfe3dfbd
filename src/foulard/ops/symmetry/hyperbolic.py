"""Hyperbolic {p, q} tilings in the Poincaré disc: a round medallion (Escher's Circle Limit)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.errors import ParameterError
from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import disc_bounds, rotate
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["HyperbolicParams", "Mirrors", "fold", "hyperbolic", "mirrors"]

MOTIF = Input(
    "motif",
    "a motif drawn in every tile (optional: without it, only the tiling)",
    "motifs.plum_blossom",
    optional=True,
)
ITERATIONS = 80


@dataclass(frozen=True)
class HyperbolicParams(Params):
    p: int = param(7, range=(3, 12), doc="sides of each tile")
    q: int = param(3, range=(3, 12), doc="tiles round each corner ((p - 2)(q - 2) > 4)")
    cx: float = param(0.5, range=(-1.0, 2.0), doc="centre of the disc, across", unit="design units")
    cy: float = param(0.5, range=(-1.0, 2.0), doc="centre of the disc, down", unit="design units")
    radius: float = param(0.48, range=(0.05, 2.0), doc="radius of the disc", unit="design units")
    rotation: float = param(
        -90.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    coloring: str = param(
        "triangles",
        choices=("triangles", "tiles", "plain"),
        doc="two colours by mirror triangle (kaleidoscope); by tile (even q); or one colour",
    )
    lines: str = param(
        "tiles",
        choices=("tiles", "mirrors", "none"),
        doc="draw the tile edges, every mirror, or none",
    )
    line_width: float = param(
        0.004,
        range=(0.0, 0.02),
        doc="line width at the centre (thinning outwards)",
        unit="design units",
    )
    fold: str = param(
        "rotation",
        choices=("rotation", "reflection"),
        doc="motif copies turned only (chiral, Circle Limit III) or also mirrored (kaleidoscope)",
    )
    motif_size: float = param(
        0.9, range=(0.1, 3.0), doc="motif box width, as a share of the central tile's width"
    )
    color_a: int = param(1, range=(0, 47), doc="palette role of the first colour")
    color_b: int = param(5, range=(0, 47), doc="palette role of the second colour")
    line_color: int = param(3, range=(0, 47), doc="palette role of the lines")

    def __post_init__(self) -> None:
        super().__post_init__()
        if (self.p - 2) * (self.q - 2) <= 4:
            raise ParameterError(
                f"{{{self.p},{self.q}}} is not hyperbolic: need (p - 2)(q - 2) > 4 "
                "(e.g. {7,3}, {5,4}, {4,5}, {6,4}, {8,3})",
                "params.q",
            )


@dataclass(frozen=True)
class Mirrors:
    """The fundamental triangle's mirrors: the x axis, the line at pi/p, and a circle."""

    p: int
    q: int
    c: float  # centre of the circle mirror (on the x axis)
    r: float  # its radius
    tile_radius: float  # Euclidean distance from the centre to a corner of the central tile


def mirrors(p: int, q: int) -> Mirrors:
    """The mirrors of the {p, q} triangle group (angles pi/p, pi/q, pi/2) in the unit disc.

    The central tile's edge crosses the x axis at its midpoint M, at hyperbolic distance
    ``arccosh(cos(pi/q) / sin(pi/p))`` from the centre; the edge is the geodesic through M
    at right angles to the axis: a circle centred on the axis, orthogonal to the unit circle.
    """
    ch = math.cos(math.pi / q) / math.sin(math.pi / p)
    m = math.tanh(math.acosh(ch) / 2.0)  # Euclidean distance of M
    c = (1.0 + m * m) / (2.0 * m)
    r = c - m
    # The tile's corner: where the circle meets the line at angle pi/p.
    a = math.pi / p
    # |t e^{ia} - c| = r  ->  t^2 - 2 t c cos a + c^2 - r^2 = 0 (smaller root)
    b = c * math.cos(a)
    t = b - math.sqrt(b * b - (c * c - r * r))
    return Mirrors(p, q, c, r, t)


def fold(m: Mirrors, x: np.ndarray, y: np.ndarray):
    """Reflect points of the unit disc into the fundamental triangle.

    Returns the folded point, the number of reflections (all, and circle inversions
    alone), the factor by which the folding map stretches lengths there, and which
    points settled within the iteration budget.
    """
    x = x.astype(np.float64, copy=True)
    y = y.astype(np.float64, copy=True)
    flips = np.zeros(x.shape, np.int64)
    inversions = np.zeros(x.shape, np.int64)
    stretch = np.ones(x.shape)
    done = np.zeros(x.shape, bool)
    a = math.pi / m.p
    ca, sa = math.cos(2 * a), math.sin(2 * a)
    nx, ny = -math.sin(a), math.cos(a)  # normal of the line at angle a (pointing beyond it)
    rr = m.r * m.r
    act = np.arange(x.size)  # points still moving
    px, py = x[act], y[act]
    pf, pi, ps = flips[act], inversions[act], stretch[act]
    for _ in range(ITERATIONS):
        # The two lines through the centre: fold by the dihedral group D_p at once.
        below = py < 0
        py = np.abs(py)
        beyond = px * nx + py * ny > 0
        rx = ca * px + sa * py
        ry = sa * px - ca * py
        px = np.where(beyond, rx, px)
        py = np.where(beyond, ry, py)
        dx = px - m.c
        d2 = dx * dx + py * py
        inside = d2 < rr
        k = np.where(inside, rr / np.where(inside, d2, 1.0), 1.0)
        px = np.where(inside, m.c + dx * k, px)
        py = py * k
        ps = ps * k
        pf = pf + below + beyond + inside
        pi = pi + inside
        moving = below | beyond | inside
        if not moving.all():
            settled = ~moving
            idx = act[settled]
            x[idx], y[idx] = px[settled], py[settled]
            flips[idx], inversions[idx], stretch[idx] = pf[settled], pi[settled], ps[settled]
            done[idx] = True
            act = act[moving]
            px, py, pf, pi, ps = px[moving], py[moving], pf[moving], pi[moving], ps[moving]
            if not act.size:
                break
    if act.size:  # not settled within the budget (at the very rim)
        x[act], y[act] = px, py
        flips[act], inversions[act], stretch[act] = pf, pi, ps
    return x, y, flips, inversions, stretch, done


def _prepare(p: HyperbolicParams, rng: np.random.Generator) -> Mirrors:
    return mirrors(p.p, p.q)


@operator(
    "symmetry.hyperbolic",
    kind="field",
    version=1,
    inputs=(MOTIF,),
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius),
    tags=(
        "hyperbolic",
        "poincare disk",
        "circle limit",
        "escher",
        "medallion",
        "双曲",
        "庞加莱圆盘",
        "圆形极限",
    ),
)
def hyperbolic(p: HyperbolicParams, call: Call) -> np.ndarray:
    """Regular hyperbolic tiling {p, q} in the Poincaré disc: a round medallion.

    The disc is tiled by p-gons, q round each corner; towards the rim the tiles
    shrink without end, as in Escher's *Circle Limit* prints. Every point is
    reflected into one triangle of the tiling's reflection group (angles pi/p,
    pi/q and pi/2): the two mirrors through the centre, then inversion in the
    circle of the central tile's edge, repeated until it stays. The number of
    reflections colours the triangles in two (``triangles``); the number of
    inversions colours whole tiles (``tiles``: alternating when q is even). Lines
    are the tile edges or every mirror, as thick in the hyperbolic plane as
    ``line_width`` at the centre, so they thin towards the rim. A ``motif``, if
    given, is drawn in every tile: the motif box sits on the central tile and each
    point is carried there by the folding (``rotation``: copies only turned, each
    tile holding p of them; ``reflection``: mirrored too). Where tiles fall below
    a pixel the colours merge to their average, so the rim stays calm at any size.

    References
    ----------
    Coxeter 1957, "Crystal symmetry and its generalizations", *Trans. Roy. Soc.
    Canada* 51; Dunham 1986, "Hyperbolic symmetry", *Computers & Mathematics with
    Applications* 12B; Escher's *Circle Limit I-IV* (1958-1960).
    """
    m: Mirrors = call.state
    fp = call.footprint / p.radius  # a pixel, in disc units
    ca = np.asarray(call.palette.role(p.color_a), np.float64)
    cb = np.asarray(call.palette.role(p.color_b), np.float64)
    cl = np.asarray(call.palette.role(p.line_color), np.float64)
    half = 0.5 * p.line_width / p.radius
    has_motif = call.has_input("motif")
    mbox = p.motif_size * 2.0 * m.tile_radius  # motif box width in disc units
    return chunked(
        lambda x, y: _kernel(p, m, call, x, y, fp, half, ca, cb, cl, has_motif, mbox),
        call.x, call.y,
    )  # fmt: skip


def _kernel(p, m, call, x, y, fp, half, ca, cb, cl, has_motif, mbox):
    u, v = rotate((x - p.cx) / p.radius, (y - p.cy) / p.radius, -p.rotation)
    rho = np.hypot(u, v)
    disc = np.clip((1.0 - rho) / fp + 0.5, 0.0, 1.0)  # anti-aliased rim
    inside = rho < 1.0
    u = np.where(inside, u, 0.0)
    v = np.where(inside, v, 0.0)
    fx, fy, flips, inversions, stretch, done = fold(m, u, v)
    local = fp * stretch  # a pixel, measured where the point was folded to
    if p.coloring == "triangles":
        odd = flips % 2 == 1
        rgb = np.where(odd[:, None], cb, ca)
        mean = 0.5 * (ca + cb)
    elif p.coloring == "tiles":
        odd = inversions % 2 == 1
        rgb = np.where(odd[:, None], cb, ca)
        mean = 0.5 * (ca + cb)
    else:
        rgb = np.broadcast_to(ca, (len(x), 3)).copy()
        mean = ca
    if has_motif:
        mx, my = fx, fy
        if p.fold == "rotation":
            my = np.where(flips % 2 == 1, -my, my)  # undo the odd mirror: copies only turn
        mu = 0.5 + mx / mbox
        mv = 0.5 + my / mbox
        # One footprint for every point (that of the centre), so bands agree exactly;
        # where tiles get small the colours fade to their mean anyway.
        mot = call.input("motif", mu, mv, fp / mbox)
        if mot.shape[-1] == 1:
            mot = np.concatenate([mot, mot, mot, np.ones_like(mot)], axis=-1)
        a = mot[:, 3:4].astype(np.float64)
        rgb = mot[:, :3] + (1.0 - a) * rgb
    if p.lines != "none" and half > 0:
        dist = np.abs(np.hypot(fx - m.c, fy) - m.r)  # to the tile edge
        if p.lines == "mirrors":
            a = math.pi / m.p
            dist = np.minimum(dist, np.abs(fy))
            dist = np.minimum(dist, np.abs(-math.sin(a) * fx + math.cos(a) * fy))
        cover = np.clip((half - dist) / local + 0.5, 0.0, 1.0)
        rgb = rgb + (cl - rgb) * cover[:, None]
        line_share = min(1.0, 2.0 * half / max(m.tile_radius, 1e-9))
        mean = mean + (cl - mean) * line_share
    # Below a pixel the tiling is noise: fade to the mean colour there (and where the
    # folding did not settle, right at the rim).
    fine = np.clip((local - 0.02) / 0.06, 0.0, 1.0)
    fine = np.where(done, fine, 1.0)[:, None]
    rgb = rgb + (mean - rgb) * fine
    rgb = np.clip(rgb, 0.0, 1.0) * disc[:, None]
    return np.concatenate([rgb, disc[:, None]], axis=1)
