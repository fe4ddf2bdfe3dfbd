"""Papercut (剪纸): a disc of paper folded n times and cut, as a field with exact symmetry."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.palette import Palette
from foulard.ops.ornament._cn import cover, paint
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]
KINDS = ("dot", "leaf", "crescent", "tooth", "drop")
_SIDE_LEAF = 5  # a leaf lying across its ring (symmetric about both of its axes)


@dataclass(frozen=True)
class PapercutParams(Params):
    folds: int = param(8, range=(1, 12), doc="times the paper is folded round (the order n)")
    mirror: bool = param(
        True, doc="fold as well as turn: symmetry D_n (mirrors); off: C_n (turns only)"
    )
    rings: int = param(4, range=(1, 7), doc="rings of cuts between the heart and the edge")
    vocabulary: str = param(
        "mixed",
        choices=("mixed", "crescents", "leaves", "teeth", "dots"),
        doc="the cut shapes: all of them, or mostly crescents (月牙), leaves (柳叶), "
        "sawteeth (锯齿) or round holes",
    )
    density: float = param(0.9, range=(0.3, 1.0), doc="how much of each ring is cut away")
    edge: str = param(
        "scalloped",
        choices=("scalloped", "zigzag", "lobed", "round"),
        doc="the outline cut round the folded paper",
    )
    bridge: float = param(
        0.012,
        range=(0.004, 0.05),
        doc="narrowest paper left between cuts (keeps the piece whole)",
        unit="design units",
    )
    radius: float = param(0.46, range=(0.1, 0.5), doc="radius of the paper", unit="design units")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the cut", unit="degrees")
    paper_color: int = param(2, range=(0, 47), doc="palette role of the paper")


def tones(p: PapercutParams, palette: Palette) -> dict[str, RGB]:
    """One colour: the paper role (the cuts are holes)."""
    return {"paper": palette.role(p.paper_color)}


def _sector(p: PapercutParams) -> float:
    """Angle of the fundamental sector: pi / n with mirrors, 2 pi / n without."""
    return (math.pi if p.mirror else 2.0 * math.pi) / p.folds


def _group(p: PapercutParams, x: float, y: float) -> list[tuple[float, float]]:
    """The orbit of a point under the fold group (about the origin)."""
    out = []
    r, a = math.hypot(x, y), math.atan2(y, x)
    for k in range(p.folds):
        t = 2.0 * math.pi * k / p.folds
        out.append((r * math.cos(a + t), r * math.sin(a + t)))
        if p.mirror:
            out.append((r * math.cos(-a + t), r * math.sin(-a + t)))
    return out


def _outline(p: PapercutParams, phi: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, float]:
    """Signed distance to the cut outline in folded polar coordinates; its inner radius."""
    alpha = _sector(p)
    big = p.radius
    if p.edge == "round":
        return r - big, big
    m = max(1, round(2.0 * alpha / (math.pi / 12.0)))  # scallops about 15 degrees apart
    if p.edge == "lobed":
        m, depth = 1, 0.07
    else:
        depth = 0.04 if p.edge == "scalloped" else 0.035
    t = phi * (m / alpha)  # whole scallops per sector: continuous across the folds
    if p.edge == "zigzag":
        w = 2.0 * np.abs(t - np.floor(t) - 0.5)  # triangle wave, 1 at the teeth's tips
        slope = 2.0 * depth * big * m / alpha
    else:
        w = np.abs(np.cos(math.pi * t))
        slope = depth * big * m * math.pi / alpha
    edge = big * (1.0 - depth * (1.0 - w))
    # Divide by the gradient's length so the distance is right on slanted edges.
    grad = np.sqrt(1.0 + (slope / np.maximum(r, 1e-9)) ** 2)
    return (r - edge) / grad, big * (1.0 - depth)


def _prepare(p: PapercutParams, rng: np.random.Generator) -> np.ndarray:
    """The cuts of one fundamental sector: rows of (kind, x, y, angle, size, shape)."""
    alpha = _sector(p)
    margin = p.bridge
    inner = _outline(p, np.zeros(1), np.ones(1))[1] - 1.5 * margin
    vocab = {
        "mixed": ("dot", "leaf", "leaf", "leaf", "crescent", "crescent", "tooth", "drop", "drop"),
        "crescents": ("crescent", "crescent", "dot"),
        "leaves": ("leaf", "leaf", "dot"),
        "teeth": ("tooth", "tooth", "dot"),
        "dots": ("dot",),
    }[p.vocabulary]
    cuts: list[tuple] = []
    placed: list[tuple[float, float, float]] = []  # bounding discs of every cut's orbit

    def fits(x: float, y: float, rho: float) -> bool:
        if math.hypot(x, y) + rho > inner:
            return False
        mine = _group(p, x, y)
        for ox, oy in mine:
            for qx, qy, qr in placed:
                if math.hypot(ox - qx, oy - qy) < rho + qr + margin:
                    return False
        # Images of the cut itself: the same cut (an image onto itself) or apart.
        for a in range(len(mine)):
            for b in range(a + 1, len(mine)):
                dd = math.hypot(mine[a][0] - mine[b][0], mine[a][1] - mine[b][1])
                if 1e-9 < dd < 2.0 * rho + margin:
                    return False
        return True

    # The heart: a round hole or a rosette of leaves on the fold lines.
    r = 0.0
    heart = 0.06 * p.radius * (1.0 + rng.random())
    if rng.random() < 0.5:
        cuts.append((0, 0.0, 0.0, 0.0, heart, 0.0))
        placed.append((0.0, 0.0, heart))
        r = heart
    else:
        r = 0.25 * heart
    # The rings: widths drawn at random (wider further out, where there is more
    # room round the ring), then each filled with one kind of cut.
    widths = rng.uniform(0.7, 1.3, p.rings) * np.linspace(0.8, 1.2, p.rings)
    widths *= (inner - r - margin) / widths.sum()
    for k in range(p.rings):
        band = widths[k]
        kind = str(vocab[int(rng.integers(len(vocab)))])
        mid = r + margin + 0.5 * band
        rho = 0.5 * band * (0.6 + 0.4 * p.density) * (0.75 if kind == "dot" else 1.0)
        on_fold = bool(rng.random() < 0.5)
        # As many cuts per sector as fit round the ring at this size (fewer when sparse).
        room = mid * alpha
        count = max(1, int(room / (2.0 * rho + margin) * (0.55 + 0.45 * p.density)))
        if k == 0 and r < 0.5 * heart:
            # No round heart: the first ring is a rosette of radial petals.
            kind = "drop" if "drop" in vocab or p.vocabulary == "mixed" else "leaf"
            count = 1
        code = _SIDE_LEAF if kind == "leaf" and k > 0 and rng.random() < 0.4 else KINDS.index(kind)
        shape = float(rng.uniform(0.3, 0.55)) if kind in ("leaf", "drop") else 0.0
        if kind == "crescent":
            shape = float(rng.choice((-1.0, 1.0)))  # horns out or in
        if kind == "tooth":
            shape = float(rng.choice((-1.0, 1.0)))  # pointing out or in
        # Turn-only folds cut every shape at a slant (a pinwheel); mirror folds cut
        # them along the radius, so that a cut on a fold line is its own mirror image.
        swirl = 0.0 if p.mirror else float(rng.choice((-1.0, 1.0)) * rng.uniform(0.35, 0.8))
        for i in range(count + (1 if on_fold and p.mirror else 0)):
            phi = (i + (0.0 if on_fold else 0.5)) * alpha / count
            if phi > alpha + 1e-12:
                continue
            x, y = mid * math.cos(phi), mid * math.sin(phi)
            size = rho
            for _ in range(6):
                if fits(x, y, size):
                    break
                size *= 0.8
            else:
                continue
            cuts.append((code, x, y, phi + swirl, size, shape))
            placed.extend((ox, oy, size) for ox, oy in _group(p, x, y))
        r += band
    if not p.mirror:
        # Turn-only folds: a cut reaching over a sector's edge is met again from the
        # other side; keep a copy turned by one sector for each such cut.
        extra = []
        for c in cuts:
            code, x, y, phi, size, shape = c
            rr = math.hypot(x, y)
            for turn in (-alpha, alpha):
                a = math.atan2(y, x) + turn
                extra.append((code, rr * math.cos(a), rr * math.sin(a), phi + turn, size, shape))
        cuts += extra
    return np.asarray(cuts, np.float64).reshape(-1, 6)


def _cut_distance(code: int, a: np.ndarray, b: np.ndarray, size: float, shape: float):
    """Signed distance to one cut in its own frame (``a`` outwards, ``b`` across)."""
    if code == 0:  # dot
        return np.hypot(a, b) - size
    if code in (1, _SIDE_LEAF):  # leaf: a lens, pointed both ends
        if code == _SIDE_LEAF:
            a, b = b, a
        half = size * shape
        rr = (size * size + half * half) / (2.0 * half)
        c = rr - half
        return np.maximum(np.hypot(a, b + c), np.hypot(a, b - c)) - rr
    if code == 2:  # crescent: a disc less an offset disc
        inner = 0.82 * size
        off = shape * 0.38 * size
        return np.maximum(np.hypot(a, b) - size, inner - np.hypot(a - off, b))
    if code == 3:  # tooth: a triangle pointing out (shape 1) or in (-1)
        a = a * shape
        tip, base, hw = size, -0.55 * size, 0.5 * size
        s = math.hypot(tip - base, hw)
        d1 = base - a
        d2 = ((a - tip) * hw + np.abs(b) * (tip - base)) / s
        return np.maximum(d1, d2)
    # drop: a round head and a pointed tip, outwards
    head = np.hypot(a + 0.35 * size, b) - 0.55 * size
    s = math.hypot(1.35 * size, 0.5 * size)
    tri = np.maximum(-0.35 * size - a, ((a - size) * 0.5 * size + np.abs(b) * 1.35 * size) / s)
    return np.minimum(head, tri)


@operator(
    "ornament.papercut",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    bounds=lambda p: (0.5 - p.radius, 0.5 - p.radius, 0.5 + p.radius, 0.5 + p.radius),
    tags=(
        "papercut",
        "paper cut",
        "cut paper",
        "window flower",
        "rosette",
        "folk art",
        "剪纸",
        "窗花",
        "团花",
        "剪花",
    ),
)
def papercut(p: PapercutParams, call: Call) -> np.ndarray:
    """Papercut (剪纸): a disc of paper folded into a wedge, cut, and opened out.

    The paper is folded ``folds`` times round its centre (with ``mirror``, each fold
    also flips it: the dihedral group D_n; without, the cyclic group C_n, and the
    cuts are made at a slant so the rosette turns like a pinwheel), and every
    cut is made once, through all layers, in the fundamental wedge. Evaluation does
    exactly that: each point is folded into the wedge (its angle taken modulo the
    sector, mirrored in the sector's far half) and tested against the wedge's cuts,
    so the result is symmetric under the fold group by construction. The cuts are
    drawn by the generator ring by ring from the folk vocabulary: crescents (月牙),
    willow leaves (柳叶), sawteeth (锯齿), drops and round holes, either on the fold
    lines or between them, and the outline is scalloped, zigzag or lobed. Every cut
    is a simply connected hole kept ``bridge`` clear of every other cut (all images
    under the group included) and of the edge, so the paper stays in one piece.
    Edges are exact distances, anti-aliased over the pixel footprint.

    Meaning: window flowers (窗花) are pasted up for the Spring Festival to welcome
    the new year; round 团花 stand for reunion and completeness (团圆). Red paper
    for joy; pair with the 福 character, bats, fish (年年有余) and plum blossoms.

    References
    ----------
    Xu, Kaplan & Mi 2007, "Computer-generated papercutting", *Pacific Graphics*
    (symmetric cut-paper design with connectivity); Liu, Hays, Xu & Shum 2005,
    "Paper-cutting" (SIGGRAPH sketch); UNESCO 2009, *Chinese paper-cut*
    (Representative List of the Intangible Cultural Heritage).
    """
    t = tones(p, call.palette)
    cuts = call.state
    shape = np.shape(call.x)
    x = np.ravel(call.x) - 0.5
    y = np.ravel(call.y) - 0.5
    fp = call.footprint
    r = np.hypot(x, y)
    theta = np.arctan2(y, x) - math.radians(p.rotation)
    alpha = _sector(p)
    if p.mirror:
        phi = np.mod(theta, 2.0 * alpha)
        phi = np.where(phi > alpha, 2.0 * alpha - phi, phi)
    else:
        phi = np.mod(theta, alpha)
    paper, _ = _outline(p, phi, r)
    fx, fy = r * np.cos(phi), r * np.sin(phi)
    holes = np.full(x.size, np.inf)
    for code, cx, cy, ang, size, form in cuts:
        reach = size + fp
        near = np.flatnonzero((np.abs(fx - cx) < reach) & (np.abs(fy - cy) < reach))
        if near.size == 0:
            continue
        dx, dy = fx[near] - cx, fy[near] - cy
        c, s = math.cos(ang), math.sin(ang)
        d = _cut_distance(int(code), c * dx + s * dy, -s * dx + c * dy, size, form)
        holes[near] = np.minimum(holes[near], d)
    sdf = np.maximum(paper, -holes)
    return paint(cover(-sdf, fp), t["paper"]).reshape(*shape, 4)
