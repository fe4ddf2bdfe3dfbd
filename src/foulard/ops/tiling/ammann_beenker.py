"""Ammann-Beenker tiling: eight-fold squares and 45-degree rhombs by substitution."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import (
    Patch,
    cover_radius,
    cull,
    inflation_steps,
    patch_drawing,
    place_complex,
    window_origin,
)

__all__ = ["AmmannBeenkerParams", "ammann_beenker", "ammann_beenker_patch", "substitute"]

SQRT2 = math.sqrt(2.0)
SILVER = 1.0 + SQRT2  # the inflation factor
# Prototiles: half-squares of both hands (right angle at b, hypotenuse ac) and the
# rhomb (acute corner a, corners a b c d).
TRI_L, TRI_R, RHOMB = 0, 1, 2
SQUARE = 3  # two half-squares joined along their hypotenuse


def _lerp(p, q, t):
    return p + (q - p) * t


def _triangles(kind, a, b, c, hand):
    """Children of half-squares ``(a, b, c)`` of one hand (five each)."""
    s = SQRT2 / SILVER
    ab = _lerp(a, b, s)
    bc = _lerp(b, c, s)
    ac1 = _lerp(a, c, 1.0 / (2.0 + SQRT2))
    ac2 = _lerp(a, c, SILVER / (2.0 + SQRT2))
    x = bc - (c - a) / (2.0 + SQRT2)
    if hand == TRI_L:
        return [
            (TRI_L, (ab, ac1, a)),
            (TRI_L, (bc, x, b)),
            (TRI_R, (ac2, x, ac1)),
            (RHOMB, (ac1, ab, b, x)),
            (RHOMB, (x, bc, c, ac2)),
        ]
    return [
        (TRI_L, (ac2, x, ac1)),
        (TRI_R, (ab, ac1, a)),
        (TRI_R, (bc, x, b)),
        (RHOMB, (ac1, x, b, ab)),
        (RHOMB, (x, ac2, c, bc)),
    ]


def _rhombs(a, b, c, d):
    """Children of rhombs ``(a, b, c, d)``, acute corner ``a`` (seven each)."""
    ab = _lerp(a, b, 1.0 / SILVER)
    bc = _lerp(b, c, SQRT2 / SILVER)
    cd = _lerp(d, c, SQRT2 / SILVER)
    ad = _lerp(a, d, 1.0 / SILVER)
    xa = ad + (ab - a)
    xc = bc - (c - cd)
    return [
        (TRI_L, (ad, xa, d)),
        (TRI_L, (bc, xc, b)),
        (TRI_R, (ab, xa, b)),
        (TRI_R, (cd, xc, d)),
        (RHOMB, (a, ab, xa, ad)),
        (RHOMB, (xc, bc, c, cd)),
        (RHOMB, (b, xc, d, xa)),
    ]


def substitute(
    tiles: dict[int, np.ndarray], centre: complex, reach: float
) -> dict[int, np.ndarray]:
    """One substitution step of every tile; tiles are ``kind -> (n, corners)`` complex.

    Tiles farther than ``reach`` from ``centre`` (after the step) are dropped; children
    lie inside their parent, so this never loses a tile that could show.
    """
    parts: dict[int, list[np.ndarray]] = {TRI_L: [], TRI_R: [], RHOMB: []}
    for hand in (TRI_L, TRI_R):
        t = tiles.get(hand)
        if t is not None and len(t):
            for kind, pts in _triangles(hand, t[:, 0], t[:, 1], t[:, 2], hand):
                parts[kind].append(np.stack(pts, axis=1))
    r = tiles.get(RHOMB)
    if r is not None and len(r):
        for kind, pts in _rhombs(r[:, 0], r[:, 1], r[:, 2], r[:, 3]):
            parts[kind].append(np.stack(pts, axis=1))
    out = {}
    for kind, arrs in parts.items():
        arr = np.concatenate(arrs) if arrs else np.zeros((0, 3 if kind != RHOMB else 4), complex)
        mid = arr.mean(axis=1)
        size = np.abs(arr - mid[:, None]).max(axis=1) if len(arr) else np.zeros(0)
        out[kind] = arr[np.abs(mid - centre) - size <= reach]
    return out


def _star(radius: float) -> dict[int, np.ndarray]:
    """Eight rhombs round the origin, acute corners at the centre (the eight-fold star)."""
    k = np.arange(8)
    b = radius * np.exp(1j * np.radians(45.0 * k))
    d = radius * np.exp(1j * np.radians(45.0 * k - 45.0))
    a = np.zeros(8, complex)
    rh = np.stack([a, b, b + d, d], axis=1)
    return {TRI_L: np.zeros((0, 3), complex), TRI_R: np.zeros((0, 3), complex), RHOMB: rh}


def _squares(tiles: dict[int, np.ndarray]) -> np.ndarray:
    """Join half-squares of opposite hands along their hypotenuse ``ac`` into squares."""
    left, right = tiles[TRI_L], tiles[TRI_R]

    def keys(t):
        a = np.round(np.stack([t[:, 0].real, t[:, 0].imag], 1) * 1e6).astype(np.int64)
        c = np.round(np.stack([t[:, 2].real, t[:, 2].imag], 1) * 1e6).astype(np.int64)
        swap = (a[:, 0] > c[:, 0]) | ((a[:, 0] == c[:, 0]) & (a[:, 1] > c[:, 1]))
        lo = np.where(swap[:, None], c, a)
        hi = np.where(swap[:, None], a, c)
        return {tuple(r): i for i, r in enumerate(np.concatenate([lo, hi], 1).tolist())}

    kl, kr = keys(left), keys(right)
    out = []
    for key, i in kl.items():
        j = kr.get(key)
        if j is not None:
            out.append([left[i, 0], left[i, 1], left[i, 2], right[j, 1]])
    return np.array(out, complex).reshape(-1, 4)


@dataclass(frozen=True)
class AmmannBeenkerParams(Params):
    tile_size: float = param(
        0.08, range=(0.02, 0.3), doc="edge length of a tile", unit="design units"
    )
    rotation: float = param(
        22.5, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    centred: bool = param(True, doc="put the eight-fold star on the middle of the design")
    coloring: str = param(
        "type",
        choices=("type", "orientation", "random"),
        doc="squares and rhombs apart; rhombs by direction (four colours); or at random",
    )
    line_width: float = param(
        0.004, range=(0.0, 0.02), doc="width of the grout lines", unit="design units"
    )
    square_color: int = param(3, range=(0, 47), doc="palette role of the squares")
    rhomb_color: int = param(1, range=(0, 47), doc="palette role of the rhombs (first colour)")
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")


def ammann_beenker_patch(p: AmmannBeenkerParams, rng: np.random.Generator) -> Patch:
    """Squares and rhombs (design units) covering the design, with colour classes."""
    scale = p.tile_size
    reach = cover_radius(p.line_width) / scale + 2.0
    origin = window_origin(rng, 5.0 * reach, p.centred)
    # The star of eight rhombs holds a disc of radius edge * sin(45 deg) about its centre.
    steps = inflation_steps((abs(origin) + reach) / math.sin(math.pi / 4), SILVER)
    tiles = _star(SILVER**steps)
    for _ in range(steps):
        tiles = substitute(tiles, origin, reach)
    squares = _squares(tiles)
    rhombs = tiles[RHOMB]
    poly = np.concatenate([squares, rhombs])
    kind = np.concatenate([np.full(len(squares), SQUARE), np.full(len(rhombs), RHOMB)])
    pts = place_complex(poly, scale=scale, rotation=p.rotation, origin=origin)
    keep = cull(pts, p.line_width)
    pts, kind, poly = pts[keep], kind[keep], poly[keep]
    if p.coloring == "type":
        classes = np.where(kind == SQUARE, 0, 1)
    elif p.coloring == "orientation":
        # Rhombs: direction of the long diagonal (four classes); squares: two classes.
        diag = poly[:, 2] - poly[:, 0]
        ang = np.degrees(np.angle(diag)) % 180.0
        k4 = np.rint(ang / 45.0).astype(np.int64) % 4
        classes = np.where(kind == RHOMB, k4, -1)
    else:
        classes = rng.integers(0, 3, size=len(kind))
    return Patch(pts, kind, classes)


@operator(
    "tiling.ammann_beenker",
    kind="vector",
    version=1,
    tags=(
        "ammann-beenker",
        "octagonal",
        "eight-fold",
        "quasicrystal",
        "aperiodic",
        "八重准晶",
        "八角",
    ),
)
def ammann_beenker(p: AmmannBeenkerParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Ammann-Beenker tiling: squares and 45-degree rhombs with eight-fold order.

    The rhomb-and-half-square substitution (inflation by the silver ratio
    ``1 + sqrt 2``) is applied to an eight-fold star of rhombs until the edge is
    ``tile_size``; half-squares are then joined into squares. ``centred`` keeps the
    star on the middle of the design (an octagonal medallion), otherwise the seed
    picks a window elsewhere. Colourings: squares and rhombs apart; by direction
    (the four rhomb directions from ``rhomb_color`` on, squares in ``square_color``);
    or random (three classes from ``rhomb_color``).

    References
    ----------
    Beenker 1982, "Algebraic theory of non-periodic tilings of the plane by two
    simple building blocks: a square and a rhombus", TH-Report 82-WSK-04,
    Eindhoven; Grünbaum & Shephard 1987, *Tilings and Patterns*, §10.4; Baake &
    Grimm 2013, *Aperiodic Order* vol. 1, §6.1 (the rhomb-triangle substitution).
    """
    patch = ammann_beenker_patch(p, rng)
    if p.coloring == "type":
        roles = np.where(patch.classes == 0, p.square_color, p.rhomb_color)
    elif p.coloring == "orientation":
        roles = np.where(patch.classes < 0, p.square_color, patch.classes + p.rhomb_color)
    else:
        roles = patch.classes + p.rhomb_color
    return patch_drawing(patch, roles, palette, line_role=p.line_color, line_width=p.line_width)
