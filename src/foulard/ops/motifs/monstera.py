"""Tropical leaves: monstera with splits and holes, the palm fan, and the torn banana leaf."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, catmull_rom_points, mix, stroke_outline
from foulard.ops.motifs._west import fit, poly_path, resample, ribbon
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class MonsteraParams(Params):
    leaf_type: str = param(
        "monstera",
        choices=("monstera", "palm_fan", "banana"),
        doc="split-leaf monstera, a fan palm, or a long banana leaf torn along its veins",
    )
    splits: int = param(6, range=(0, 10), doc="splits (monstera, banana) or segments / 4 (palm)")
    depth: float = param(0.6, range=(0.2, 0.95), doc="how far the splits reach towards the midrib")
    holes: float = param(
        0.6, range=(0.0, 1.0), doc="how many holes open near the midrib (monstera)"
    )
    bend: float = param(0.2, range=(-1.0, 1.0), doc="curve of the midrib")
    stalk: float = param(0.35, range=(0.0, 0.8), doc="petiole length over the blade length")
    jitter: float = param(0.4, range=(0.0, 1.0), doc="natural irregularity")
    rotation: float = param(-25.0, range=(-180.0, 180.0), doc="turn of the leaf", unit="degrees")
    outline: float = param(0.0, range=(0.0, 0.015), doc="outline width", unit="motif units")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of the leaf")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outline")


def tones(p: MonsteraParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a tropical leaf paints: its two roles and two fixed mixes.

    The shaded half (and every other palm fold) is the leaf role mixed with black by
    0.25, the veins the leaf role mixed with white by 0.35.
    """
    leaf = palette.role(p.leaf_color)
    return {
        "leaf": leaf,
        "shade": mix(leaf, BLACK, 0.25),
        "vein": mix(leaf, WHITE, 0.35),
        "line": palette.role(p.line_color),
    }


def _bent(p: MonsteraParams, pts: np.ndarray) -> np.ndarray:
    b = 0.3 * p.bend
    x, y = pts[..., 0], pts[..., 1]
    slope = 2 * b * x
    norm = np.sqrt(1 + slope**2)
    return np.stack([x - y * slope / norm, b * x**2 + y / norm], axis=-1)


def _heart(width: float) -> np.ndarray:
    """Upper half of a broad heart-shaped blade, sinus (0, 0) to tip (1, 0)."""
    ctrl = np.array(
        [
            (0.0, 0.0),
            (-0.14, 0.2),
            (-0.06, 0.44),
            (0.18, 0.56),
            (0.48, 0.5),
            (0.76, 0.3),
            (1.0, 0.0),
        ]
    ) * np.array([1.0, width / 0.56])
    return resample(catmull_rom_points(ctrl, 300), 400)


def _monstera(p: MonsteraParams, rng: np.random.Generator):
    """Blade outline with splits (both halves), holes, and vein lines, in leaf units."""
    jit = p.jitter
    half = _heart(0.5)
    sides = []
    veins = []
    holes = []
    n = p.splits
    for side in (1.0, -1.0):
        pts = half * np.array([1.0, side])
        s = np.linspace(0.0, 1.0, len(pts))
        out = []
        # Split positions along the margin, between the basal lobe and the tip.
        at = np.sort(np.linspace(0.34, 0.88, n) + rng.normal(0.0, 0.015 * jit, n)) if n else []
        j = 0
        for i in range(len(pts)):
            out.append(pts[i])
            if j < len(at) and s[i] >= at[j]:
                m = pts[i]
                # The split runs from the margin towards the midrib and the base.
                inner = np.array([m[0] - 0.12 - 0.05 * jit * rng.random(), m[1] * (1.0 - p.depth)])
                direction = inner - m
                length = np.hypot(*direction)
                direction /= length
                nrm = np.array([-direction[1], direction[0]])
                w_out = 0.035 + 0.02 * jit * rng.random()
                w_in = 0.012
                line = np.array([m + direction * length * u for u in np.linspace(0.0, 1.0, 12)])
                wid = np.linspace(w_out, w_in, 12)
                left = line + nrm * (0.5 * wid)[:, None]
                right = line - nrm * (0.5 * wid)[:, None]
                a = np.linspace(0.0, math.pi, 9)
                cap = (
                    inner
                    + np.outer(np.cos(a), nrm) * (0.5 * w_in)
                    + np.outer(np.sin(a), direction) * (0.5 * w_in)
                )
                first, second = (
                    (left, right)
                    if np.dot(nrm, pts[min(i + 1, len(pts) - 1)] - m) < 0
                    else (right, left)
                )
                out.extend(first)
                out.extend(
                    cap
                    if np.dot(cap[0] - first[-1], cap[0] - first[-1])
                    < np.dot(cap[-1] - first[-1], cap[-1] - first[-1])
                    else cap[::-1]
                )
                out.extend(second[::-1])
                # The vein runs between this split and the next, from the midrib out.
                vein_t = m[0] + 0.06
                veins.append(
                    np.array(
                        [
                            [vein_t - 0.14, 0.0],
                            [vein_t, side * 0.8 * abs(np.interp(vein_t, half[:, 0], half[:, 1]))],
                        ]
                    )
                )
                # A hole between the midrib and the split's inner end, where there is room.
                room = abs(m[1]) * (1.0 - p.depth)
                draw = rng.random()
                if p.holes > 0 and draw < p.holes and room > 0.07:
                    ry = min(0.02, 0.3 * room)
                    rx = min(0.05, 2.2 * ry)
                    cx = inner[0] + 0.045
                    cy = side * 0.5 * room
                    holes.append((cx, cy, rx, ry, -side * 0.5))
                j += 1
        sides.append(np.array(out))
    outline = np.vstack([sides[0], sides[1][::-1]])
    return outline, veins, holes


def _banana(p: MonsteraParams, rng: np.random.Generator):
    """A long oblong blade torn from margin to midrib along its parallel veins."""
    t = np.linspace(0.0, 1.0, 300)
    h = 0.16 * np.sin(np.pi * t**0.8) ** 0.35 * (1.0 - t**6)
    sides = []
    veins = []
    for side in (1.0, -1.0):
        pts = np.stack([t, side * h], axis=1)
        tears = np.sort(rng.uniform(0.1, 0.92, p.splits)) if p.splits else np.array([])
        out = []
        j = 0
        for i in range(len(pts)):
            out.append(pts[i])
            if j < len(tears) and t[i] >= tears[j]:
                # A tear: in along the vein almost to the midrib, and straight back out.
                depth = p.depth * (0.7 + 0.3 * rng.random())
                x = t[i]
                out.append(np.array([x - 0.03 - 0.04 * depth, side * h[i] * (1.0 - depth)]))
                out.append(np.array([x + 0.012, side * np.interp(x + 0.012, t, h)]))
                j += 1
        sides.append(np.array(out))
        for x in np.linspace(0.05, 0.95, 30):
            hx = np.interp(x, t, h)
            veins.append(np.array([[x - 0.06, 0.0], [x, side * 0.95 * hx]]))
    return np.vstack([sides[0], sides[1][::-1]]), veins, []


@operator(
    "motifs.monstera",
    kind="vector",
    version=1,
    tags=(
        "monstera",
        "tropical",
        "palm",
        "banana leaf",
        "jungle",
        "split leaf",
        "龟背竹",
        "热带叶",
        "棕榈",
        "芭蕉叶",
    ),
)
def monstera(p: MonsteraParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Tropical leaf: a monstera with splits and holes, a fan palm, or a torn banana leaf.

    ``monstera``: a broad heart-shaped blade (a Catmull-Rom outline with basal lobes
    round the sinus) whose margin is cut by ``splits`` slits on each side, each a
    narrow tapering channel running in towards the midrib and the base (``depth``)
    with a round inner end, built into the outline itself so no path boolean is
    needed; oval holes open near the midrib between splits (``holes``, even-odd),
    and a light vein runs between each pair of splits. ``palm_fan``: ``4 * splits``
    pleated segments fanned from the top of the stalk, alternately lit and shaded
    (the folds), each split at its tip. ``banana``: a long oblong blade torn from the
    margin along its parallel veins. The generator places the splits and holes;
    the midrib bends (``bend``) and the halves are two-toned. Colours: the roles and
    mixes listed by :func:`tones`.

    References
    ----------
    Gunawardena, Greenwood & Dengler 2004, "Programmed cell death remodels lace plant
    leaf shape", *American Journal of Botany* 91 (leaf perforation); Madison 1977,
    "A revision of Monstera (Araceae)", *Contributions from the Gray Herbarium* 207;
    Ellis et al. 2009, *Manual of Leaf Architecture*.
    """
    d = Sketch()
    t = tones(p, palette)
    lw = p.outline
    if p.leaf_type == "palm_fan":
        _palm(d, p, rng, t)
    else:
        outline, veins, holes = (_monstera if p.leaf_type == "monstera" else _banana)(p, rng)
        blade = poly_path(_bent(p, outline), closed=True)
        for cx, cy, rx, ry, ang in holes:
            a = np.linspace(0.0, 2 * math.pi, 40, endpoint=False)
            ca, sa = math.cos(ang), math.sin(ang)
            ex, ey = rx * np.cos(a), ry * np.sin(a)
            ring = np.stack([cx + ex * ca - ey * sa, cy + ex * sa + ey * ca], axis=1)
            blade.addPath(poly_path(_bent(p, ring), closed=True))
        blade.setFillType(skia.PathFillType.kEvenOdd)
        d.fill(blade, t["leaf"])
        shade = np.array([(-0.3, 0.0), (1.3, 0.0), (1.3, -1.0), (-0.3, -1.0)])
        shade = _bent(
            p, np.vstack([np.stack([np.linspace(-0.3, 1.3, 40), np.zeros(40)], axis=1), shade[2:]])
        )
        d.fill_clipped(blade, poly_path(shade, closed=True), t["shade"])
        vein_path = skia.Path()
        for v in veins:
            line = np.stack(
                [np.linspace(v[0, 0], v[1, 0], 10), np.linspace(v[0, 1], v[1, 1], 10)], axis=1
            )
            vein_path.addPath(poly_path(_bent(p, line), closed=False))
        d.fill_clipped(blade, stroke_outline(vein_path, 0.006), t["vein"])
        mid = _bent(p, np.stack([np.linspace(0.0, 0.97, 60), np.zeros(60)], axis=1))
        d.fill_clipped(
            blade, poly_path(ribbon(mid, np.linspace(0.022, 0.006, 60)), closed=True), t["vein"]
        )
        if p.stalk > 0:
            u = np.linspace(0.0, 1.0, 30)
            stalk = _bent(p, np.stack([-p.stalk * u, 0.03 * np.sin(np.pi * u) * p.bend], axis=1))
            d.fill(poly_path(ribbon(stalk, np.linspace(0.024, 0.018, 30)), closed=True), t["shade"])
        if lw > 0:
            d.stroke(blade, t["line"], lw)
    m = skia.Matrix()
    m.setRotate(-90.0 + p.rotation)
    d.transform(m)
    fit(d, 0.03)
    return d.finish()


def _palm(d: Sketch, p: MonsteraParams, rng: np.random.Generator, t: dict) -> None:
    """A fan palm: pleated segments fanned from the top of the stalk (+x is up the leaf)."""
    count = max(8, 4 * p.splits)
    spread = math.radians(200.0)
    hub = np.array([0.0, 0.0])
    lw = p.outline
    for k in range(count):
        a = -0.5 * spread + spread * (k + 0.5) / count + 0.03 * p.jitter * rng.normal()
        length = (
            0.75 * (1.0 - 0.25 * abs(a) / (0.5 * spread)) * (1.0 + 0.05 * p.jitter * rng.normal())
        )
        width = 2.0 * length * math.sin(0.5 * spread / count) * 0.95
        u = np.linspace(0.0, 1.0, 40)
        droop = 0.15 * p.bend * u**2
        pts = np.stack([u * length, droop], axis=1)
        w = width * np.sin(np.pi * np.clip(u, 0.02, 1.0) ** 0.6) ** 0.7
        poly = ribbon(pts, np.maximum(w, 1e-3))
        # The split tip: two points with a V between them.
        tip_depth = 0.12 + 0.1 * p.depth
        cut = np.array([[length * (1.0 - tip_depth), droop[-1]]])
        half = len(poly) // 2
        poly = np.vstack([poly[:half], cut, poly[half:]])
        ca, sa = math.cos(a), math.sin(a)
        rot = np.array([[ca, -sa], [sa, ca]])
        seg = poly @ rot.T + hub
        path = poly_path(seg, closed=True)
        d.fill(path, t["leaf"] if k % 2 == 0 else t["shade"])
        rib = (pts[:-4] @ rot.T) + hub
        d.stroke(poly_path(rib, closed=False), t["vein"], 0.004)
        if lw > 0:
            d.stroke(path, t["line"], lw)
    if p.stalk > 0:
        stalk = np.stack([np.linspace(-p.stalk * 0.9, 0.02, 20), np.zeros(20)], axis=1)
        d.fill(poly_path(ribbon(stalk, 0.03), closed=True), t["shade"])
    cap = skia.Path()
    cap.addCircle(0.0, 0.0, 0.04)
    d.fill(cap, t["shade"])
