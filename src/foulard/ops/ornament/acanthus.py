"""Acanthus: the classical scrolling leaf, deeply cut into lobes of pointed fingers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix
from foulard.ops.ornament._west import fit, normals, poly_path, resample, scroll_line
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class AcanthusParams(Params):
    leaves: int = param(
        3, range=(1, 5), doc="leaves fanned from one base (odd: one stands upright)"
    )
    lobes: int = param(4, range=(2, 7), doc="lobes on each side of a leaf")
    fingers: int = param(3, range=(2, 6), doc="pointed fingers on each lobe")
    curl: float = param(0.6, range=(0.0, 1.2), doc="how far the tip rolls over", unit="turns")
    cut: float = param(0.6, range=(0.1, 0.95), doc="depth of the notches between lobes")
    spread: float = param(
        48.0, range=(10.0, 80.0), doc="angle between fanned leaves", unit="degrees"
    )
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the motif", unit="degrees")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="hand-carved irregularity")
    outline: float = param(0.005, range=(0.0, 0.02), doc="outline width", unit="motif units")
    leaf_color: int = param(3, range=(0, 47), doc="palette role of the leaves")
    line_color: int = param(1, range=(0, 47), doc="palette role of outlines, eyes and grooves")


def tones(p: AcanthusParams, palette: Palette) -> dict[str, RGB]:
    """Every colour an acanthus paints: the leaf and line roles and two fixed mixes.

    The lit half of each leaf is the leaf role mixed with white by 0.35, the shaded
    half the leaf role mixed with black by 0.28; grooves, eyes and outlines are the
    line role, the midrib the leaf role itself.
    """
    leaf = palette.role(p.leaf_color)
    return {
        "leaf": leaf,
        "light": mix(leaf, WHITE, 0.35),
        "shade": mix(leaf, BLACK, 0.28),
        "line": palette.role(p.line_color),
    }


class _Leaf:
    """One leaf: a spine that rolls over at the tip, edged by lobes of fingers.

    The edge is built in spine coordinates ``(s, offset)`` (``s`` in [0, 1] along the
    spine, ``offset`` along its normal) and mapped to the plane at the end.
    """

    def __init__(self, p: AcanthusParams, rng: np.random.Generator, length: float, turn: float):
        self.length = length
        spine = scroll_line(0.0, 0.0, -0.5 * math.pi, length, p.curl, turn=turn, straight=0.35)
        self.spine = resample(spine, 500)
        self.normal = normals(self.spine)
        self.turn = turn
        self.s = np.linspace(0.0, 1.0, len(self.spine))
        s = self.s
        # Full width over the lower middle, a narrow stalk at the base, a point at the tip.
        env = 0.3 * length * np.sin(np.pi * np.clip(s, 0, 1) ** 0.8) ** 0.7
        self.env = np.maximum(env, 0.03 * length * (1.0 - s))
        jit = p.jitter
        k = p.lobes
        edges = np.linspace(0.08, 0.8, k + 1)
        edges[1:-1] += rng.normal(0.0, 0.1 * jit / k, k - 1)
        self.eye_r = 0.01 * length
        # Radius of curvature along the spine: on the side the leaf rolls towards, the
        # edge must stay inside it, or the outline would fold over itself.
        tan = np.gradient(self.spine, axis=0)
        heading = np.unwrap(np.arctan2(tan[:, 1], tan[:, 0]))
        ds = length / (len(self.spine) - 1)
        kappa = np.abs(np.gradient(heading)) / ds
        self.room = 0.75 / np.maximum(kappa, 1e-6)
        # Normals point right of the direction of travel: towards the centre of a
        # clockwise roll (turn +1).
        self.inner = 1.0 if turn > 0 else -1.0
        self.sides = [self._side(p, rng, edges, side) for side in (1.0, -1.0)]

    def at(self, s, offset) -> np.ndarray:
        """Points at spine parameter ``s`` moved ``offset`` along the normal."""
        x = np.interp(s, self.s, self.spine[:, 0])
        y = np.interp(s, self.s, self.spine[:, 1])
        nx = np.interp(s, self.s, self.normal[:, 0])
        ny = np.interp(s, self.s, self.normal[:, 1])
        return np.stack([x + nx * offset, y + ny * offset], axis=-1)

    def width(self, s):
        return np.interp(s, self.s, self.env)

    def _side(self, p, rng, edges, side):
        """One side's edge (base to tip) in the plane, its finger tips and its eyes."""
        jit = p.jitter
        tau = np.linspace(0.0, 1.0, 12)
        ss = [np.array([0.0])]
        ww = [np.array([0.03 * self.length])]
        tips, eyes = [], []
        f = p.fingers
        for j in range(len(edges) - 1):
            a, b = edges[j], edges[j + 1]
            depth = p.cut * (0.9 + 0.2 * jit * (rng.random() - 0.5))
            wv = self.width(a) * (1.0 - depth)
            if j > 0:
                eyes.append((a, wv))
            # Down into the notch, then each finger: a concave rise to a point that
            # leans towards the tip and a short cut back.
            prev_s, prev_w = a, wv
            for i in range(f):
                frac = (i + 1.0) / f
                st = a + (b - a) * (0.2 + 0.8 * frac) - 0.015 * (b - a) * jit * rng.random()
                lift = 0.55 + 0.45 * math.sin(0.5 * math.pi * frac) if f > 1 else 1.0
                wt = self.width(st) * (0.8 + 0.3 * lift) * (1.0 + 0.08 * jit * rng.normal())
                ss.append(prev_s + (st - prev_s) * tau[1:])
                ww.append(prev_w + (wt - prev_w) * tau[1:] ** 1.6)
                tips.append((st, wt))
                if i < f - 1:
                    vs = st + 0.12 * (b - a) / f
                    vw = wt * (0.84 - 0.08 * jit * rng.random())
                else:  # the last finger falls into the next notch
                    vs = b
                    vw = self.width(b) * (1.0 - p.cut) if j < len(edges) - 2 else 0.4 * wt
                ss.append(st + (vs - st) * tau[1:])
                ww.append(wt + (vw - wt) * (1.0 - (1.0 - tau[1:]) ** 2))
                prev_s, prev_w = vs, vw
        # The rolled tip: the edge narrows into the volute.
        tail = np.linspace(edges[-1], 1.0, 80)[1:]
        ss.append(tail)
        ww.append(prev_w * np.linspace(1.0, 0.0, 80)[1:] ** 0.8)
        s_all = np.concatenate(ss)
        w_all = np.concatenate(ww)
        if side == self.inner:
            # The inner side is narrower, and never wider than the roll allows.
            w_all = np.minimum(0.72 * w_all, np.interp(s_all, self.s, self.room))
            tips = [
                (st, min(0.72 * wt, float(np.interp(st, self.s, self.room)))) for st, wt in tips
            ]
            eyes = [
                (es, min(0.72 * ew, float(np.interp(es, self.s, self.room)))) for es, ew in eyes
            ]
        return self.at(s_all, w_all * side), tips, eyes

    def half(self, index: int) -> np.ndarray:
        """The polygon between the spine and one side's edge."""
        edge = self.sides[index][0]
        return np.vstack([edge, self.spine[::-1]])

    def outline(self) -> np.ndarray:
        return np.vstack([self.sides[0][0], self.sides[1][0][::-1]])

    def eye_paths(self) -> skia.Path:
        path = skia.Path()
        for index, sign in ((0, 1.0), (1, -1.0)):
            for s, w in self.sides[index][2]:
                c = self.at(s, sign * w)
                path.addCircle(float(c[0]), float(c[1]), self.eye_r)
        return path


def _draw_leaf(d: Sketch, leaf: _Leaf, m: skia.Matrix, p: AcanthusParams, t: dict) -> None:
    lw = p.outline
    eyes = leaf.eye_paths()
    shape = poly_path(leaf.outline(), closed=True)
    shape.addPath(eyes)
    shape.setFillType(skia.PathFillType.kEvenOdd)
    shape.transform(m)
    # The half on the side the tip rolls towards is in shade.
    dark = 0 if leaf.turn > 0 else 1
    for index in (0, 1):
        half = poly_path(leaf.half(index), closed=True)
        half.transform(m)
        d.fill_clipped(shape, half, t["shade"] if index == dark else t["light"])
    # Grooves: from near the midrib to each finger tip, fanning along each lobe.
    grooves = skia.Path()
    for index, sign in ((0, 1.0), (1, -1.0)):
        for st, wt in leaf.sides[index][1]:
            root = max(0.0, st - 0.06)
            line = np.array([leaf.at(root, sign * 0.2 * wt), leaf.at(st - 0.004, sign * 0.78 * wt)])
            grooves.addPath(poly_path(line, closed=False))
    grooves.transform(m)
    d.stroke(grooves, t["line"], 0.5 * lw if lw > 0 else 0.0015)
    rib = poly_path(leaf.spine[: int(0.93 * len(leaf.spine))], closed=False)
    rib.transform(m)
    d.stroke(rib, t["line"], 0.026 * leaf.length + 1.6 * lw)
    d.stroke(rib, t["leaf"], 0.026 * leaf.length)
    if lw > 0:
        d.stroke(shape, t["line"], lw)


@operator(
    "ornament.acanthus",
    kind="vector",
    version=1,
    tags=(
        "acanthus",
        "leaf",
        "baroque",
        "classical",
        "corinthian",
        "scroll",
        "茛苕叶",
        "卷草",
        "叶饰",
        "巴洛克",
    ),
)
def acanthus(p: AcanthusParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Acanthus leaf: lobes of pointed fingers along a spine that rolls over at the tip.

    Each leaf is a spine whose curvature grows towards the tip (so it rolls over into
    a volute) swept with a width envelope; each side is cut into ``lobes`` lobes by
    notches of depth ``cut``, and each lobe into ``fingers`` pointed fingers that
    lean towards the tip. Where lobes overlap, an eye (a small dark oval) sits at the
    bottom of the notch; grooves run from the midrib to every finger tip, as on the
    carved leaves of a Corinthian capital. One half of the leaf (the side it rolls
    towards) is in shade. ``leaves`` leaves fan out from one base, the outer ones
    rolling outwards, as in a capital or a baroque spray. Colours: the roles and
    mixes listed by :func:`tones`.

    References
    ----------
    Vitruvius, *De architectura* IV.1 (the Corinthian capital); Owen Jones 1856,
    *The Grammar of Ornament*, pl. XXIV-XXV (Roman acanthus); Meyer 1888,
    *Handbook of Ornament*, "The acanthus"; Riegl 1893, *Stilfragen*.
    """
    d = Sketch()
    t = tones(p, palette)
    n = p.leaves
    base = (0.5, 0.86)
    spread = math.radians(p.spread)
    order = sorted(range(n), key=lambda i: -abs(i - (n - 1) / 2))  # outer leaves first
    for i in order:
        k = i - (n - 1) / 2
        angle = k * spread * (1.0 if n <= 3 else 0.6)
        angle += math.radians(8.0 * p.jitter * rng.normal())
        length = 0.62 * (1.0 - 0.16 * abs(k)) * (1.0 + 0.04 * p.jitter * rng.normal())
        turn = 1.0 if k > 0 or (k == 0 and rng.random() < 0.5) else -1.0
        leaf = _Leaf(p, rng, length, turn)
        m = skia.Matrix()
        m.setRotate(math.degrees(angle))
        m.postTranslate(*base)
        _draw_leaf(d, leaf, m, p, t)
    # The sheath that binds the stalks.
    knot = skia.Path()
    knot.addOval(
        skia.Rect.MakeLTRB(base[0] - 0.05, base[1] - 0.03, base[0] + 0.05, base[1] + 0.035)
    )
    d.fill(knot, t["shade"])
    if p.outline > 0:
        d.stroke(knot, t["line"], p.outline)
    if p.rotation:
        m = skia.Matrix()
        m.setRotate(p.rotation, 0.5, 0.5)
        d.transform(m)
    fit(d)
    return d.finish()
