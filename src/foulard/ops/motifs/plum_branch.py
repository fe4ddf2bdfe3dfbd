"""Plum branch (梅枝): an angular branch grown recursively, with blossoms, buds and stamens."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, smooth_path
from foulard.ops.motifs._cn import band, fit
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
_MAX_BRANCHES = 160  # a painter's branch stays legible (and quick to build)


@dataclass(frozen=True)
class PlumBranchParams(Params):
    depth: int = param(4, range=(2, 6), doc="levels of branching")
    angle: float = param(
        38.0, range=(15.0, 70.0), doc="angle between a branch and its twigs", unit="degrees"
    )
    crook: float = param(0.5, range=(0.0, 1.0), doc="how sharply the branches zigzag")
    blossoms: float = param(0.6, range=(0.0, 1.0), doc="density of blossoms along the twigs")
    buds: float = param(0.35, range=(0.0, 1.0), doc="share of flowers still in bud")
    entry: str = param(
        "left", choices=("left", "right", "bottom"), doc="side the branch grows in from"
    )
    branch_color: int = param(1, range=(0, 47), doc="palette role of the branch")
    blossom_color: int = param(2, range=(0, 47), doc="palette role of the blossoms")
    stamen_color: int = param(3, range=(0, 47), doc="palette role of the stamens")
    moss_color: int = param(4, range=(0, 47), doc="palette role of the moss dots")


def tones(p: PlumBranchParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a plum branch: its roles and fixed mixes.

    Petals are the blossom role mixed with white by 0.55, their hearts the blossom
    role mixed with white by 0.2, buds and calyces the blossom role mixed with black
    by 0.2; the branch is the branch role with a light side (mixed with white by
    0.25); moss dots the moss role.
    """
    blossom = palette.role(p.blossom_color)
    branch = palette.role(p.branch_color)
    return {
        "branch": branch,
        "branch_light": mix(branch, WHITE, 0.25),
        "petal": mix(blossom, WHITE, 0.55),
        "heart": mix(blossom, WHITE, 0.2),
        "calyx": mix(blossom, BLACK, 0.2),
        "stamen": palette.role(p.stamen_color),
        "moss": palette.role(p.moss_color),
    }


def _grow(p: PlumBranchParams, rng, start, angle, length, width, level, out) -> None:
    """One branch: a crooked polyline, children at its joints, flowers on the young wood.

    Plum wood is drawn in straight runs that change direction abruptly (the
    painters' 女 and 又 shapes), so each branch is three to five straight runs with
    turns of up to ``crook`` radians; children leave from the turns, alternating
    sides, shorter and thinner.
    """
    runs = int(rng.integers(3, 6))
    young = level >= p.depth
    crook = p.crook * (0.35 if young else 1.0)  # young shoots grow nearly straight
    pts = [np.asarray(start, np.float64)]
    a = angle
    for _ in range(runs):
        a += crook * rng.uniform(-0.6, 0.6)
        step = length / runs * rng.uniform(0.7, 1.3)
        pts.append(pts[-1] + step * np.array([math.cos(a), math.sin(a)]))
    pts = np.asarray(pts)
    out["branches"].append((pts, width, level))
    out["tips"].append((pts, level))
    if young or len(out["branches"]) >= _MAX_BRANCHES:
        return
    side = 1.0 if rng.random() < 0.5 else -1.0
    for k in range(1, runs + 1):
        if rng.random() < 0.12 + 0.06 * level:
            continue
        child = a if k == runs else angle + side * math.radians(p.angle) * rng.uniform(0.7, 1.3)
        side = -side
        scale = rng.uniform(0.55, 0.8) if k == runs else rng.uniform(0.4, 0.65)
        _grow(p, rng, pts[k], child, length * scale, width * 0.55, level + 1, out)


def _blossom(d: Sketch, t, x: float, y: float, r: float, turn: float, rng) -> None:
    """An open blossom: five round petals, a heart, a ring of stamens."""
    petals = skia.Path()
    for k in range(5):
        a = turn + 2.0 * math.pi * k / 5
        petals.addCircle(x + 0.62 * r * math.cos(a), y + 0.62 * r * math.sin(a), 0.52 * r)
    d.fill(petals, t["petal"])
    heart = skia.Path()
    heart.addCircle(x, y, 0.38 * r)
    d.fill(heart, t["heart"])
    stamens = skia.Path()
    dots = skia.Path()
    for k in range(9):
        a = 2.0 * math.pi * (k + 0.3 * rng.random()) / 9
        ex, ey = x + 0.55 * r * math.cos(a), y + 0.55 * r * math.sin(a)
        stamens.moveTo(x, y)
        stamens.lineTo(ex, ey)
        dots.addCircle(ex, ey, 0.07 * r)
    d.stroke(stamens, t["stamen"], 0.05 * r)
    d.fill(dots, t["stamen"])


def _bud(d: Sketch, t, x: float, y: float, r: float, a: float) -> None:
    """A bud: a round tip of petal colour held in a dark calyx, pointing along ``a``."""
    bud = skia.Path()
    bud.addCircle(x + 0.2 * r * math.cos(a), y + 0.2 * r * math.sin(a), 0.45 * r)
    d.fill(bud, t["petal"])
    calyx = smooth_path(
        [
            (x - 0.45 * r * math.cos(a), y - 0.45 * r * math.sin(a)),
            (x + 0.35 * r * math.cos(a + 1.6), y + 0.35 * r * math.sin(a + 1.6)),
            (x + 0.1 * r * math.cos(a), y + 0.1 * r * math.sin(a)),
            (x + 0.35 * r * math.cos(a - 1.6), y + 0.35 * r * math.sin(a - 1.6)),
        ],
        closed=True,
        tension=0.8,
    )
    d.fill(calyx, t["calyx"])


@operator(
    "motifs.plum_branch",
    kind="vector",
    version=1,
    tags=(
        "plum branch",
        "plum blossom",
        "blossoms",
        "winter",
        "梅",
        "梅花",
        "梅枝",
        "墨梅",
        "岁寒三友",
        "喜上眉梢",
    ),
)
def plum_branch(p: PlumBranchParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Plum branch (梅枝): old crooked wood, straight young twigs, blossoms and buds.

    The branch grows recursively from one side: each branch is a few straight runs
    turning abruptly (``crook``), with children from its turns at about ``angle``,
    alternating sides, each level shorter and thinner, to ``depth`` levels. Wood is
    a tapering band with a lit side and moss dots (苔点) on the old wood. Along the
    young twigs the generator sets open blossoms (five round petals, a heart, a
    ring of stamens), buds in their dark calyces (``buds``) and, at the tips,
    single buds: flowers cluster on new growth as on a real plum. The open blossom
    is drawn in the painters' manner after ``motifs.plum_blossom``.

    Meaning: the plum flowers on bare wood in the snow: perseverance, purity and
    renewal, the first of the Three Friends of Winter (岁寒三友) and of the Four
    Gentlemen; its five petals are the Five Blessings. With a magpie it is
    喜上眉梢, joy up to the eyebrows. Pair with bamboo, pine, the ice-ray lattice
    (冰梅) and a crescent moon.

    References
    ----------
    Song Boren 1238, *Meihua xishen pu* (梅花喜神谱, manual of plum blossoms);
    Wang Gai et al. 1679, *Mustard Seed Garden Manual of Painting*, book of plum
    (女 and 又 branch shapes); Prusinkiewicz & Lindenmayer 1990, *The Algorithmic
    Beauty of Plants*, ch. 2 (branching structures).
    """
    t = tones(p, palette)
    start, angle = {
        "left": ((0.0, 0.85), math.radians(-35.0)),
        "right": ((1.0, 0.85), math.radians(-145.0)),
        "bottom": ((0.45, 1.0), math.radians(-80.0)),
    }[p.entry]
    out: dict[str, list] = {"branches": [], "tips": []}
    _grow(p, rng, start, angle, 0.7, 0.026, 1, out)
    d = Sketch()
    # Wood, oldest first, so twigs grow out over their parents; the cut end of the
    # old wood is square (a branch cut for the vase, 折枝).
    moss = skia.Path()
    bark = skia.Path()
    for pts, width, level in out["branches"]:
        spine = _densify(pts)
        w = np.maximum(np.linspace(width, 0.6 * width, len(spine)), 0.0025)
        wood = band(spine, w, cap="flat" if level == 1 else "round", tension=0.3)
        d.fill(wood, t["branch"])
        if level <= 2:
            # Dry-brush streaks along the old wood and moss dots on it.
            for _ in range(int(2 + 3 * rng.random())):
                i = int(rng.integers(1, len(spine) - 3))
                j = min(len(spine) - 1, i + int(rng.integers(2, 5)))
                off = rng.uniform(-0.4, 0.4) * w[i]
                bark.moveTo(float(spine[i][0]), float(spine[i][1] + off))
                bark.lineTo(float(spine[j][0]), float(spine[j][1] + off))
            for _ in range(int(2 + 4 * rng.random())):
                i = int(rng.integers(len(spine)))
                x, y = spine[i]
                moss.addCircle(float(x), float(y - w[i] * rng.uniform(0.7, 1.1)), float(0.3 * w[i]))
    d.stroke(bark, t["branch_light"], 0.003)
    d.fill(moss, t["moss"])
    # Flowers along the young wood (evenly, with a little scatter) and buds at tips.
    for pts, level in out["tips"]:
        if level < max(2, p.depth - 1):
            continue
        spine = _densify(pts)
        count = round(p.blossoms * 1.5 * (len(pts) - 1))
        for k in range(count):
            f = (k + 0.5 + 0.6 * (rng.random() - 0.5)) / max(count, 1)
            i = min(len(spine) - 1, int((0.15 + 0.8 * f) * (len(spine) - 1)))
            x, y = spine[i]
            off = rng.normal(0.0, 0.008, 2)
            r = 0.03 * rng.uniform(0.8, 1.15)
            if rng.random() < p.buds:
                _bud(
                    d,
                    t,
                    float(x + off[0]),
                    float(y + off[1]),
                    0.5 * r,
                    float(rng.uniform(-math.pi, 0)),
                )
            else:
                _blossom(
                    d,
                    t,
                    float(x + off[0]),
                    float(y + off[1]),
                    r,
                    float(rng.uniform(0, 2 * math.pi)),
                    rng,
                )
        tip = spine[-1]
        direction = spine[-1] - spine[-2]
        _bud(d, t, float(tip[0]), float(tip[1]), 0.012, math.atan2(direction[1], direction[0]))
    fit(d)
    return d.finish(margin=0.01)


def _densify(pts: np.ndarray, per_run: int = 8) -> np.ndarray:
    """Points along a polyline, ``per_run`` to each straight run (turns stay sharp)."""
    out = [pts[0]]
    for a, b in itertools.pairwise(pts):
        for f in np.linspace(0.0, 1.0, per_run + 1)[1:]:
            out.append(a + (b - a) * f)
    return np.asarray(out)
