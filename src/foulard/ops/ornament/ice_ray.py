"""Ice-ray lattice (冰裂纹): convex cells split by straight sticks, as a periodic field."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.spatial import Voronoi

from foulard.ops._common.geometry import wrap01
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, mix
from foulard.ops.ornament._cn import ConvexCells, cover, over, paint
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class IceRayParams(Params):
    seeds: int = param(5, range=(2, 24), doc="irregular frame cells per unit square, split further")
    cell_size: float = param(
        0.16,
        range=(0.03, 0.3),
        doc="cells smaller than about this are not split",
        unit="design units",
    )
    max_sides: int = param(
        5, range=(4, 6), doc="most sides a cell may have (Stiny's ice-ray: 3 to 5)"
    )
    bar_width: float = param(
        0.007, range=(0.001, 0.03), doc="width of the sticks", unit="design units"
    )
    tone_share: float = param(
        0.45, range=(0.0, 1.0), doc="share of panes in a lighter or darker tone of the pane role"
    )
    bar_color: int = param(0, range=(0, 47), doc="palette role of the sticks")
    pane_color: int = param(1, range=(-1, 47), doc="palette role of the panes (-1: transparent)")


def tones(p: IceRayParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the lattice: stick and pane roles, and two pane mixes.

    Panes are the pane role, or it mixed with white by 0.16 or black by 0.18.
    """
    out = {"bar": palette.role(p.bar_color)}
    if p.pane_color >= 0:
        pane = palette.role(p.pane_color)
        out |= {
            "pane": pane,
            "pane_light": mix(pane, WHITE, 0.16),
            "pane_dark": mix(pane, BLACK, 0.18),
        }
    return out


def _frame(p: IceRayParams, rng: np.random.Generator) -> list[np.ndarray]:
    """Convex cells of a periodic Voronoi diagram of jittered seeds (one period)."""
    k = max(1, round(math.sqrt(p.seeds)))
    base = []
    for i in range(p.seeds):
        gx, gy = (i % k + 0.5) / k, ((i // k) % k + 0.5) / k
        base.append((gx + rng.uniform(-0.45, 0.45) / k, gy + rng.uniform(-0.45, 0.45) / k))
    pts = np.mod(np.asarray(base), 1.0)
    tiles = np.concatenate([pts + np.array([dx, dy]) for dx in (-1, 0, 1) for dy in (-1, 0, 1)])
    vor = Voronoi(tiles)
    centre = 4 * len(pts)  # the copy shifted by (0, 0)
    cells = []
    for q in range(len(pts)):
        region = vor.regions[vor.point_region[centre + q]]
        cells.append(vor.vertices[region])
    return cells


def _split(poly: list, rng: np.random.Generator, p: IceRayParams, strict: bool = True) -> list:
    """Stiny's rule: cut a convex cell by one straight stick, edge to edge.

    Of a few random sticks, the one giving the most compact, most even halves wins;
    halves may not have more sides than the rule allows (a cell with more sides than
    that, a frame cell, must lose at least one), nor a corner sharper than 24 degrees.
    Cells are short lists of ``(x, y)``: plain floats beat arrays at this size.
    """
    m = len(poly)
    sides = max(p.max_sides, m - 1)
    best = None
    tries = 24 if m > 5 else 14
    picks = rng.integers(0, m, size=(tries, 2))
    ts = rng.uniform(0.3, 0.7, size=(tries, 2))
    jitter = rng.random(tries)
    for (i, j), (ta, tb), jit in zip(picks.tolist(), ts.tolist(), jitter.tolist(), strict=True):
        if i == j:
            continue
        a, b = min(i, j), max(i, j)
        (ax, ay), (ax1, ay1) = poly[a], poly[(a + 1) % m]
        (bx, by), (bx1, by1) = poly[b], poly[(b + 1) % m]
        pa = (ax + ta * (ax1 - ax), ay + ta * (ay1 - ay))
        pb = (bx + tb * (bx1 - bx), by + tb * (by1 - by))
        one = [pa, *poly[a + 1 : b + 1], pb]
        two = [pb, *poly[b + 1 :], *poly[: a + 1], pa]
        if len(one) > sides or len(two) > sides:
            continue
        # The cut makes new corners only where it meets the two edges; the corner on
        # one side of it is 180 degrees less the corner on the other.
        limit = _COS_MIN if strict else _COS_LOOSE
        if abs(_cos_corner(pa, pb, poly[(a + 1) % m])) > limit:
            continue
        if abs(_cos_corner(pb, pa, poly[b])) > limit:
            continue
        qa, ra = _measure(one)
        qb, rb = _measure(two)
        if min(qa, qb) < (0.32 if strict else 0.18):
            continue
        score = min(ra, rb) / max(ra, rb) + 1.5 * min(qa, qb) + 0.25 * jit
        if best is None or score > best[0]:
            best = (score, one, two)
    return [] if best is None else [best[1], best[2]]


_COS_MIN = math.cos(math.radians(24.0))
_COS_LOOSE = math.cos(math.radians(14.0))


def _cos_corner(at, p, q) -> float:
    """Cosine of the corner at ``at`` between the directions to ``p`` and to ``q``."""
    ux, uy = p[0] - at[0], p[1] - at[1]
    vx, vy = q[0] - at[0], q[1] - at[1]
    return (ux * vx + uy * vy) / (math.hypot(ux, uy) * math.hypot(vx, vy) + 1e-300)


def _measure(poly: list) -> tuple[float, float]:
    """Compactness (4 pi area / perimeter^2: 1 for a disc) and area."""
    area = 0.0
    perimeter = 0.0
    m = len(poly)
    for i in range(m):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % m]
        area += x0 * y1 - x1 * y0
        perimeter += math.hypot(x1 - x0, y1 - y0)
    area = abs(0.5 * area)
    return 4.0 * math.pi * area / max(perimeter * perimeter, 1e-300), area


def _prepare(p: IceRayParams, rng: np.random.Generator):
    todo = [[(float(x), float(y)) for x, y in cell] for cell in _frame(p, rng)]
    leaves = []
    limit = p.cell_size**2
    while todo:
        poly = todo.pop()
        area = _measure(poly)[1]
        # Cells with too many sides are always split; others until they are small,
        # each stopping at its own threshold so sizes vary like real cracks.
        if len(poly) <= p.max_sides and area < limit * rng.uniform(0.6, 1.6):
            leaves.append(poly)
            continue
        parts = _split(poly, rng, p) or _split(poly, rng, p, strict=False)
        if not parts or area < 0.05 * limit:
            leaves.append(poly)
        else:
            todo.extend(parts)
    shade = rng.random(len(leaves))
    tone = np.where(shade < 0.5 * p.tone_share, 1, np.where(shade < p.tone_share, 2, 0))
    return ConvexCells([np.asarray(c) for c in leaves]), tone.astype(np.int64)


@operator(
    "ornament.ice_ray",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "ice-ray",
        "ice crack",
        "cracked ice",
        "crackle",
        "lattice",
        "冰裂纹",
        "冰纹",
        "冰梅",
        "开片",
        "窗棂",
    ),
)
def ice_ray(p: IceRayParams, call: Call) -> np.ndarray:
    """Ice-ray lattice (冰裂纹): cells split again and again by straight sticks.

    Stiny's shape grammar: a convex frame is cut by a straight stick from one edge
    to another, and each part is cut again, so that every stick ends on another
    (T-joints, never crossings) and the cells stay triangles, quadrilaterals and
    pentagons. Here the frames are the cells of a periodic Voronoi diagram of
    jittered seeds (so no square frame shows), every cut keeps angles above 24
    degrees and prefers halves of like area, and cutting stops at a random size near
    ``cell_size``. Each point finds its cell through a coarse index and, inside a
    convex cell, its distance to the sticks is the least distance to the lines of
    the cell's edges: sticks are exact and anti-aliased at any resolution. Panes
    take the pane role in three tones, drawn by the generator; the field repeats
    with period 1.

    Meaning: cracked ice (冰裂) is the thaw at winter's end, coming spring and
    purity; with plum blossoms (冰梅) it is the scholar's emblem of integrity in
    hardship, the classic Kangxi blue-and-white ginger jar. Pair with
    ``motifs.plum_branch`` or ``motifs.plum_blossom`` scattered over it.

    References
    ----------
    Stiny 1977, "Ice-ray: a note on the generation of Chinese lattice designs",
    *Environment and Planning B* 4, 89-98; Dye 1937, *A Grammar of Chinese Lattice*;
    Aurenhammer 1991, "Voronoi diagrams", *ACM Computing Surveys* 23 (the frames).
    """
    t = tones(p, call.palette)
    cells, tone = call.state
    cell, depth = cells.locate(wrap01(call.x), wrap01(call.y))
    fp = call.footprint
    bar = cover(0.5 * p.bar_width - depth, fp)
    out = paint(bar, t["bar"])
    if p.pane_color >= 0:
        table = np.array([t["pane"], t["pane_light"], t["pane_dark"]], np.float32)
        rgb = table[tone[cell]]
        pane = np.empty((*np.shape(call.x), 4), np.float32)
        pane[..., :3] = rgb
        pane[..., 3] = 1.0
        out = over(out, pane)
    return out
