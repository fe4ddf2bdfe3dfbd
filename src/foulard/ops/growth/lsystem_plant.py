"""L-system plants: bracketed, stochastic rewriting read by a turtle (herbs, bushes, sprigs)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, mix, placed
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

#: Plants of *The Algorithmic Beauty of Plants* (fig. 1.24 and 1.27), as
#: (axiom, {symbol: [(weight, successor), ...]}, angle in degrees, usual depth).
#: ``X`` is a bud: where one is left at the end, a leaf (or a flower) grows.
PRESETS: dict[str, tuple[str, dict[str, list[tuple[float, str]]], float, int]] = {
    "bush": ("F", {"F": [(1.0, "F[+F]F[-F]F")]}, 25.7, 5),
    "twig": ("F", {"F": [(1.0, "F[+F]F[-F][F]")]}, 20.0, 5),
    "shrub": ("F", {"F": [(1.0, "FF-[-F+F+F]+[+F-F-F]")]}, 22.5, 4),
    "sprig": ("X", {"X": [(1.0, "F[+X]F[-X]+X")], "F": [(1.0, "FF")]}, 20.0, 7),
    "herb": ("X", {"X": [(1.0, "F[+X][-X]FX")], "F": [(1.0, "FF")]}, 25.7, 7),
    "weed": ("X", {"X": [(1.0, "F-[[X]+X]+F[+FX]-X")], "F": [(1.0, "FF")]}, 22.5, 5),
    "meadow": (
        "F",
        {"F": [(1.0, "F[+F]F[-F]F"), (1.0, "F[+F]F"), (1.0, "F[-F]F")]},
        25.7,
        5,
    ),
    "fern": (
        "X",
        {"X": [(1.0, "F[+X]F[-X]X"), (1.0, "F[-X]F[+X]X")], "F": [(1.0, "FF")]},
        30.0,
        6,
    ),
}
_MAX_SYMBOLS = 150_000


@dataclass(frozen=True)
class LSystemParams(Params):
    preset: str = param("weed", choices=tuple(PRESETS), doc="the plant's rewriting rules")
    depth: int = param(
        0,
        range=(0, 8),
        doc="rewriting steps (0: the preset's usual depth; long strings stop early)",
    )
    angle: float = param(
        0.0, range=(-15.0, 15.0), doc="added to the preset's branching angle", unit="degrees"
    )
    jitter: float = param(6.0, range=(0.0, 30.0), doc="random spread of every turn", unit="degrees")
    tropism: float = param(
        0.15, range=(-1.0, 1.0), doc="bending of growth: > 0 droops under gravity, < 0 lifts"
    )
    lean: float = param(0.0, range=(-45.0, 45.0), doc="tilt of the main stem", unit="degrees")
    stem_width: float = param(
        0.008, range=(0.001, 0.03), doc="width of the base of the stem", unit="motif units"
    )
    leaf_size: float = param(
        1.0, range=(0.0, 3.0), doc="size of leaves at the buds (0: none), relative"
    )
    flowers: float = param(0.08, range=(0.0, 1.0), doc="share of buds that flower")
    stem_role: int = param(1, range=(0, 47), doc="palette role of stems")
    leaf_role: int = param(4, range=(0, 47), doc="palette role of leaves")
    flower_role: int = param(2, range=(0, 47), doc="palette role of flowers")
    heart_role: int = param(3, range=(0, 47), doc="palette role of the flowers' hearts")


def expand(p: LSystemParams, rng: np.random.Generator) -> str:
    """The rewritten string (stochastic rules draw from ``rng``), cut at a length limit."""
    axiom, rules, _angle, usual = PRESETS[p.preset]
    depth = p.depth or usual
    tables = {
        k: ([s for _, s in v], np.array([w for w, _ in v]) / sum(w for w, _ in v))
        for k, v in rules.items()
    }
    text = axiom
    for _ in range(depth):
        out = []
        for ch in text:
            rule = tables.get(ch)
            if rule is None:
                out.append(ch)
            elif len(rule[0]) == 1:
                out.append(rule[0][0])
            else:
                out.append(rule[0][int(rng.choice(len(rule[0]), p=rule[1]))])
        new = "".join(out)
        if len(new) > _MAX_SYMBOLS:
            break
        text = new
    return text


def interpret(
    p: LSystemParams, text: str, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, list[tuple[float, float, float]]]:
    """Turtle reading: segments ``(k, 4)``, their branch orders ``(k,)``, buds (x, y, heading).

    The turtle starts at the origin heading up (``-y``). ``F`` draws a unit step,
    ``+``/``-`` turn, ``[``/``]`` push and pop a branch (one order deeper), a bud ``X``
    left in the string is a leaf or flower site (for plants without buds: the tip of
    every branch). Tropism turns the heading towards
    gravity after each step, in proportion to the sine of the angle between them.
    """
    base = math.radians(PRESETS[p.preset][2] + p.angle)
    spread = math.radians(p.jitter)
    x, y = 0.0, 0.0
    heading = math.radians(-90.0 + p.lean)
    order = 0
    stack: list[tuple[float, float, float, int]] = []
    segs: list[tuple[float, float, float, float]] = []
    orders: list[int] = []
    buds: list[tuple[float, float, float]] = []
    jit = rng.normal(0.0, 1.0, text.count("+") + text.count("-") + 1) * spread
    ji = 0
    # Plants without buds carry their leaves at the tips of their branches.
    tips = "X" not in text
    e = 0.25 * p.tropism
    for ch in text:
        if ch == "F":
            nx, ny = x + math.cos(heading), y + math.sin(heading)
            segs.append((x, y, nx, ny))
            orders.append(order)
            x, y = nx, ny
            # Gravity points down (+y): turn by e * sin(angle from heading to gravity).
            heading += e * math.cos(heading)
        elif ch in "+-":
            turn = base if ch == "+" else -base
            heading += turn + jit[ji]
            ji += 1
        elif ch == "[":
            stack.append((x, y, heading, order))
            order += 1
        elif ch == "]":
            if tips:
                buds.append((x, y, heading))
            if stack:
                x, y, heading, order = stack.pop()
        elif ch == "X":
            buds.append((x, y, heading))
    if tips:
        buds.append((x, y, heading))
    return np.array(segs).reshape(-1, 4), np.array(orders, np.int64), buds


def pointed_leaf(length: float, breadth: float = 0.38) -> skia.Path:
    """A pointed leaf ``length`` long from the origin along +x, wider with ``breadth``."""
    w = breadth * length
    path = skia.Path()
    path.moveTo(0.0, 0.0)
    path.cubicTo(0.3 * length, w, 0.75 * length, 0.6 * w, length, 0.0)
    path.cubicTo(0.75 * length, -0.6 * w, 0.3 * length, -w, 0.0, 0.0)
    path.close()
    return path


def _flower(r: float) -> skia.Path:
    path = skia.Path()
    for i in range(5):
        a = 2 * math.pi * i / 5
        path.addCircle(0.55 * r * math.cos(a), 0.55 * r * math.sin(a), 0.5 * r)
    return path


@operator(
    "growth.lsystem_plant",
    kind="vector",
    version=1,
    tags=(
        "l-system",
        "plant",
        "branch",
        "herb",
        "fern",
        "sprig",
        "botanical",
        "植物",
        "枝叶",
        "折枝",
        "草本",
    ),
)
def lsystem_plant(p: LSystemParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """L-system plant: a bracketed, stochastic Lindenmayer system read by a turtle.

    Rewriting rules (``PRESETS``, from *The Algorithmic Beauty of Plants*: bush, twig,
    shrub, sprig, herb, weed, the stochastic meadow plant and a fern) are applied
    ``depth`` times to an axiom; the string is then read by a turtle that draws a
    step for ``F``, turns for ``+``/``-`` (by the preset's angle plus ``angle``, with
    random ``jitter``), and branches at ``[``/``]``. Stochastic rules choose a
    successor per symbol from the node's generator. Tropism bends every step
    towards gravity (droop) or away from it (lift). Stems taper with branch order;
    buds left at the tips become leaves, some of them flowers. The plant is scaled
    to stand in the motif box, base at the bottom centre.

    References
    ----------
    Lindenmayer 1968, "Mathematical models for cellular interactions in
    development", Journal of Theoretical Biology 18(3).
    Prusinkiewicz & Lindenmayer 1990, *The Algorithmic Beauty of Plants*, Springer,
    ch. 1 (bracketed, stochastic L-systems; tropism in section 2.2).
    """
    text = expand(p, rng)
    segs, orders, buds = interpret(p, text, rng)
    if len(segs) == 0:
        segs = np.array([[0.0, 0.0, 0.0, -1.0]])
        orders = np.zeros(1, np.int64)
    # Fit: uniform scale so the plant fills the box, base at the bottom centre.
    xs = np.concatenate([segs[:, 0], segs[:, 2]])
    ys = np.concatenate([segs[:, 1], segs[:, 3]])
    w = max(xs.max() - xs.min(), 1e-9)
    h = max(ys.max() - ys.min(), 1e-9)
    k = min(0.9 / w, 0.9 / h)
    ox = 0.5 - k * 0.5 * (xs.max() + xs.min())
    oy = 0.95 - k * ys.max()
    seg = segs * k + np.array([ox, oy, ox, oy])
    step = k  # one turtle step, in motif units
    d = Sketch()
    stem = palette.role(p.stem_role)
    leaf = palette.role(p.leaf_role)
    flower = palette.role(p.flower_role)
    top = int(orders.max())
    for o in range(top + 1):
        sel = seg[orders == o]
        if not len(sel):
            continue
        path = skia.Path()
        for x0, y0, x1, y1 in sel:
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
        width = max(p.stem_width * 0.62**o, 0.0006)
        d.stroke(path, stem, width)
    if buds and p.leaf_size > 0:
        length = min(0.05, max(0.01, 3.0 * step)) * p.leaf_size
        bloom = rng.random(len(buds)) < p.flowers
        leaves = skia.Path()
        flowers = skia.Path()
        hearts = skia.Path()
        for (bx, by, hd), fl in zip(buds, bloom, strict=True):
            x, y = bx * k + ox, by * k + oy
            if fl:
                flowers.addPath(placed(_flower(0.3 * length), x, y, hd))
                hearts.addCircle(x, y, 0.08 * length)
            else:
                leaves.addPath(placed(pointed_leaf(length), x, y, hd + rng.normal(0.0, 0.35)))
        d.fill(leaves, leaf)
        d.stroke(leaves, mix(leaf, stem, 0.5), 0.08 * length)
        d.fill(flowers, flower)
        d.fill(hearts, palette.role(p.heart_role))
    return d.finish()
