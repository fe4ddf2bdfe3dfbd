"""Bamboo (竹): jointed culms, twigs and clusters of pointed leaves in ink tones."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix
from foulard.ops.motifs._cn import band, blade, fit, spline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class BambooParams(Params):
    culms: int = param(2, range=(1, 4), doc="stems (culms)")
    lean: float = param(0.15, range=(-0.6, 0.6), doc="lean of the stems (0: upright)")
    clusters: int = param(7, range=(0, 14), doc="clusters of leaves on the twigs")
    leaves: int = param(4, range=(2, 6), doc="leaves in a cluster (3: 个, 4: 介)")
    leaf_size: float = param(1.0, range=(0.5, 1.6), doc="leaf length relative to the default")
    droop: float = param(0.6, range=(0.0, 1.0), doc="how far the leaves hang down")
    culm_color: int = param(4, range=(0, 47), doc="palette role of the stems")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of the leaves")
    node_color: int = param(1, range=(0, 47), doc="palette role of the joints and twigs")


def tones(p: BambooParams, palette: Palette) -> dict[str, RGB]:
    """The colours of bamboo, in the ink painter's near and far tones.

    Stems are the culm role with a light side (mixed with white by 0.3); leaves in
    front the leaf role mixed with black by 0.3, behind it mixed with white by 0.3,
    in between the role itself; joints and twigs the node role.
    """
    culm = palette.role(p.culm_color)
    leaf = palette.role(p.leaf_color)
    return {
        "culm": culm,
        "culm_light": mix(culm, WHITE, 0.3),
        "leaf_near": mix(leaf, BLACK, 0.3),
        "leaf": leaf,
        "leaf_far": mix(leaf, WHITE, 0.3),
        "node": palette.role(p.node_color),
    }


def _culm(x0: float, lean: float, width: float, rng) -> tuple[np.ndarray, list[float]]:
    """A stem's spine from the ground up, and where its joints are (fractions of it).

    Joints are closer at the foot and the top, longest in the middle, as painters
    space them.
    """
    bow = 0.05 * rng.normal()
    spine = spline(
        [
            (x0, 1.05),
            (x0 + 0.35 * lean + bow, 0.6),
            (x0 + 0.7 * lean + 0.5 * bow, 0.2),
            (x0 + 0.85 * lean, -0.05),
        ],
        80,
    )
    count = int(rng.integers(6, 9))
    gaps = np.sin(np.linspace(0.25, math.pi - 0.25, count)) + 0.15 * rng.random(count)
    joints = np.cumsum(gaps) / gaps.sum()
    return spine, list(joints[:-1])


@operator(
    "motifs.bamboo",
    kind="vector",
    version=1,
    tags=(
        "bamboo",
        "leaves",
        "integrity",
        "three friends of winter",
        "竹",
        "竹子",
        "墨竹",
        "岁寒三友",
        "竹报平安",
        "节节高",
    ),
)
def bamboo(p: BambooParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Bamboo (竹): jointed stems with twigs and clusters of lanceolate leaves.

    Each stem is a tapering band along a gently bowed spine, cut into internodes by
    joints (short at the foot and the top, long in the middle) drawn as a dark
    ring with a small swelling, and lit along one side. Twigs leave from joints in
    the upper half, alternating sides, and end in clusters of 2 to 6 pointed leaves
    radiating from one point (the painters' 个 and 介 forms), drooping by
    ``droop``; clusters are painted far to near in three ink tones (浓淡), the
    farthest lightest. The generator spaces joints and sets every twig and leaf.

    Meaning: bamboo bends but does not break, and is hollow (虚心, modest) with
    joints (节, integrity): the gentleman's virtue, one of the Three Friends of
    Winter (岁寒三友) with pine and plum, and of the Four Gentlemen with plum,
    orchid and chrysanthemum. 竹 (*zhu*) sounds like 祝 (wish): 竹报平安, "bamboo
    brings news of peace"; 节节高, rising joint by joint. Pair with plum and
    rocks, or with the ice-ray lattice.

    References
    ----------
    Wang Gai et al. 1679, *Mustard Seed Garden Manual of Painting* (芥子园画传),
    book of bamboo (个 and 介 leaf clusters, joint spacing); Li Kan c. 1299,
    *Zhu pu* (竹谱, treatise on bamboo); Bartholomew 2006, *Hidden Meanings in
    Chinese Art*, s.v. bamboo.
    """
    t = tones(p, palette)
    d = Sketch()
    stems = []
    xs = np.linspace(0.5 - 0.12 * (p.culms - 1), 0.5 + 0.12 * (p.culms - 1), p.culms)
    for k, x in enumerate(xs):
        width = 0.034 * (1.0 - 0.12 * k) * (1.0 + 0.1 * rng.normal())
        lean = p.lean * (1.0 + 0.3 * rng.normal())
        spine, joints = _culm(float(x) - 0.4 * p.lean, lean, width, rng)
        stems.append((spine, joints, width))
    # Leaf clusters: on twigs from the upper joints, towards the outer side.
    clusters = []
    for c in range(p.clusters):
        k = c % len(stems)
        spine, joints, width = stems[k]
        upper = [j for j in joints if j > 0.35] or joints
        j = upper[int(rng.integers(len(upper)))]
        i = min(int(j * (len(spine) - 1)), len(spine) - 2)
        node = spine[i]
        if len(stems) == 1:
            side = 1.0 if (c % 2 == 0) else -1.0
        else:
            side = -1.0 if k < (len(stems) - 1) / 2 else 1.0
            if rng.random() < 0.3:
                side = -side
        ang = -math.pi / 2 + side * (0.55 + 0.3 * rng.random())
        reach = 0.06 + 0.08 * rng.random()
        end = node + reach * np.array([math.cos(ang), math.sin(ang)])
        depth = rng.random()  # 0: far, 1: near
        clusters.append((depth, node, end, ang, side))
    clusters.sort(key=lambda c: c[0])
    # Far leaves first, then stems, then near leaves: depth by painting order.
    for layer in ("far", "stems", "near"):
        if layer == "stems":
            for spine, joints, width in stems:
                _draw_stem(d, t, spine, joints, width)
            continue
        for depth, node, end, ang, side in clusters:
            near = depth >= 0.5
            if near != (layer == "near"):
                continue
            twig = skia.Path()
            twig.moveTo(*node)
            mid = 0.5 * (node + end) + 0.02 * side * np.array([1.0, 0.0])
            twig.quadTo(*mid, *end)
            d.stroke(twig, t["node"], 0.004)
            tone = (
                t["leaf_near"] if depth > 0.75 else (t["leaf"] if depth > 0.35 else t["leaf_far"])
            )
            _cluster(d, end, ang, side, p, rng, tone)
    fit(d)
    return d.finish(margin=0.01)


def _draw_stem(d: Sketch, t, spine: np.ndarray, joints, width: float) -> None:
    w = np.linspace(width, 0.55 * width, len(spine))
    stem = band(spine, w, cap="flat")
    d.fill(stem, t["culm"])
    light = band(spine + np.array([-0.35 * width, 0.0]), 0.25 * w, cap="flat")
    d.fill_clipped(stem, light, t["culm_light"])
    rings = skia.Path()
    for j in joints:
        i = min(int(j * (len(spine) - 1)), len(spine) - 2)
        (x, y), wj = spine[i], w[i]
        tan = spine[i + 1] - spine[i]
        tan /= np.hypot(*tan)
        nx, ny = -tan[1], tan[0]
        rings.moveTo(x - 1.25 * wj * nx, y - 1.25 * wj * ny)
        rings.quadTo(x + 0.012 * tan[0], y + 0.012 * tan[1], x + 1.25 * wj * nx, y + 1.25 * wj * ny)
    d.stroke(rings, t["node"], 0.35 * width)


def _cluster(d: Sketch, at, ang: float, side: float, p: BambooParams, rng, tone) -> None:
    """Leaves hanging from ``at``: a fan round a direction between outwards and down."""
    n = p.leaves
    # The fan's centre: straight out along the twig when ``droop`` is 0, hanging
    # down and out (y is down) when it is 1.
    out = 0.0 if side > 0 else math.pi
    down = math.pi / 2 - side * 0.35
    centre = out + p.droop * ((down - out + math.pi) % (2 * math.pi) - math.pi)
    spread = 0.35 + 0.22 * n
    for k in range(n):
        f = (k + 0.5) / n - 0.5 if n > 1 else 0.0
        a = centre + f * spread + 0.1 * rng.normal()
        length = 0.2 * p.leaf_size * (0.8 + 0.35 * rng.random())
        bend = side * 0.1 * (1.0 + rng.normal() * 0.5)
        shape, _ = blade(at, a, length, 0.03 * p.leaf_size, bend, n=20)
        d.fill(shape, tone)
