"""Leaf generator: outlines by botanical shape class, margins, venation, and a bent midrib."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import (
    BLACK,
    WHITE,
    Sketch,
    catmull_rom_points,
    mix,
    stroke_outline,
)
from foulard.ops.motifs._west import fit, normals, poly_path, resample, ribbon
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
SHAPES = ("elliptic", "ovate", "obovate", "lanceolate", "cordate", "palmate", "oak")


@dataclass(frozen=True)
class LeafParams(Params):
    shape: str = param("ovate", choices=SHAPES, doc="botanical shape class of the blade")
    margin: str = param(
        "serrate",
        choices=("entire", "serrate", "dentate", "crenate"),
        doc="the edge: smooth, saw teeth leaning to the tip, outward teeth, or round scallops",
    )
    teeth: int = param(18, range=(4, 60), doc="teeth along each side (toothed margins)")
    lobes: int = param(5, range=(3, 9), doc="lobes of palmate and oak leaves")
    width: float = param(0.5, range=(0.0, 1.0), doc="breadth of the blade")
    bend: float = param(0.3, range=(-1.0, 1.0), doc="curve of the midrib")
    veins: int = param(7, range=(2, 14), doc="pairs of side veins")
    stalk: float = param(0.15, range=(0.0, 0.4), doc="petiole length over the blade length")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="natural irregularity")
    two_tone: bool = param(True, doc="the halves either side of the midrib in two tones")
    rotation: float = param(-30.0, range=(-180.0, 180.0), doc="turn of the leaf", unit="degrees")
    outline: float = param(0.004, range=(0.0, 0.015), doc="outline width", unit="motif units")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of the blade")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outline and stalk")


def tones(p: LeafParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a leaf paints: its two roles and two fixed mixes.

    The shaded half is the leaf role mixed with black by 0.25, the veins the leaf
    role mixed with white by 0.4.
    """
    leaf = palette.role(p.leaf_color)
    return {
        "leaf": leaf,
        "shade": mix(leaf, BLACK, 0.25),
        "vein": mix(leaf, WHITE, 0.4),
        "line": palette.role(p.line_color),
    }


def _half(p: LeafParams, rng: np.random.Generator) -> np.ndarray:
    """The upper half of the outline in leaf units, base (0, 0) to tip (1, 0), y >= 0."""
    w = 0.22 + 0.22 * p.width
    if p.shape in ("elliptic", "ovate", "obovate", "lanceolate"):
        peak, narrow = {
            "elliptic": (0.5, 1.0),
            "ovate": (0.36, 1.0),
            "obovate": (0.64, 1.0),
            "lanceolate": (0.3, 0.55),
        }[p.shape]
        t = np.linspace(0.0, 1.0, 200)
        a = peak / (1 - peak)
        prof = t**a * (1 - t)
        prof /= prof.max()
        h = w * narrow * prof**0.8
        return np.stack([t, h], axis=1)
    if p.shape == "cordate":
        ctrl = np.array(
            [
                (0.0, 0.0),
                (-0.1, 0.16),
                (-0.02, 0.36),
                (0.22, 0.46),
                (0.5, 0.38),
                (0.78, 0.18),
                (1.0, 0.0),
            ]
        ) * np.array([1.0, w / 0.44])
        return catmull_rom_points(ctrl, 200)
    if p.shape == "oak":
        t = np.linspace(0.0, 1.0, 400)
        env = np.sin(np.pi * t**0.85) ** 0.7
        k = p.lobes
        wave = 0.5 + 0.5 * np.abs(np.sin(math.pi * k * t**0.9 + 0.3)) ** 0.5
        h = w * 0.85 * env * wave
        return np.stack([t, h], axis=1)
    # palmate: lobes fanned round a centre on the midrib; phi = 0 at the tip.
    k = p.lobes
    c = np.array([0.38, 0.0])
    phi = np.linspace(0.0, math.pi, 600)
    spread = math.radians(70.0 + 12.0 * k)
    lobe_at = np.linspace(0.0, spread, (k + 1) // 2)
    base = 0.24
    r = np.full_like(phi, base)
    step = spread / max(len(lobe_at) - 1, 1) if len(lobe_at) > 1 else 1.2
    for i, a in enumerate(lobe_at):
        length = 0.62 * (1.0 - 0.3 * (i / max(len(lobe_at) - 1, 1)) ** 1.3)
        length *= 1 + 0.06 * p.jitter * rng.normal()
        # Broad lobes with pointed tips: a bump with a finite slope at its peak.
        bump = np.clip(1.0 - np.abs(phi - a) / (0.75 * step), 0.0, 1.0) ** 1.8
        r = np.maximum(r, base + (length - base) * bump)
    r *= 0.7 + 0.6 * p.width
    pts = c + np.stack([-np.cos(np.pi - phi) * r, np.sin(phi) * r], axis=1)
    pts = pts[::-1]  # base side first
    return pts


def _margin(p: LeafParams, half: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The margin's teeth on a half outline (offsets along its outward normal)."""
    if p.margin == "entire" or p.shape == "oak":
        return half
    pts = resample(half, 900)
    n = normals(pts)
    # Outward: away from the midrib (normals of a base-to-tip upper half point up).
    if np.mean(n[:, 1]) < 0:
        n = -n
    s = np.linspace(0.0, 1.0, len(pts))
    count = p.teeth
    phase = (s * count) % 1.0
    amp = 0.018 * (1.0 + 0.4 * p.jitter * rng.normal())
    fade = np.clip(np.minimum(s, 1.0 - s) / 0.08, 0.0, 1.0)
    if p.margin == "serrate":
        tooth = np.where(phase < 0.8, phase / 0.8, (1.0 - phase) / 0.2)
    elif p.margin == "dentate":
        tooth = 1.0 - np.abs(2.0 * phase - 1.0)
    else:  # crenate
        tooth = np.sqrt(np.clip(1.0 - (2.0 * phase - 1.0) ** 2, 0.0, 1.0))
    return pts + n * (amp * tooth * fade)[:, None]


def _bent(p: LeafParams, pts: np.ndarray) -> np.ndarray:
    """Leaf units along a bent midrib: x along it, y across it."""
    b = 0.35 * p.bend
    x, y = pts[:, 0], pts[:, 1]
    mid_y = b * x**2
    slope = 2 * b * x
    norm = np.sqrt(1 + slope**2)
    return np.stack([x - y * slope / norm, mid_y + y / norm], axis=1)


@operator(
    "motifs.leaf",
    kind="vector",
    version=1,
    tags=(
        "leaf",
        "foliage",
        "botanical",
        "maple",
        "oak",
        "heart leaf",
        "叶",
        "叶子",
        "树叶",
        "枫叶",
        "橡叶",
    ),
)
def leaf(p: LeafParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Leaf generator: a blade by botanical shape class, with margin, veins and stalk.

    The upper half of the blade is built in leaf units from base (0, 0) to tip (1, 0):
    a width profile ``t^a (1 - t)`` whose peak sits where the class puts its widest
    part (``elliptic``, ``ovate``, ``obovate``, ``lanceolate``), a Catmull-Rom heart
    with basal lobes behind the stalk (``cordate``), rounded pinnate lobes
    (``oak``), or lobes fanned round a centre (``palmate``, maple-like). The margin
    adds teeth along the outward normal by arc length: ``serrate`` saw teeth that
    lean to the tip, ``dentate`` outward teeth, ``crenate`` round scallops. The
    lower half is the upper one mirrored, each with its own jitter; the whole is
    laid along a bent midrib. Pinnate veins leave the midrib slanting to the tip
    (palmate leaves: a primary vein to each lobe), the halves are two-toned, and
    a stalk carries the blade. Colours: the roles and mixes listed by :func:`tones`.

    References
    ----------
    Ellis et al. 2009, *Manual of Leaf Architecture* (shape classes, margins,
    venation); Runions et al. 2005, "Modeling and visualization of leaf venation
    patterns", SIGGRAPH; Prusinkiewicz & Lindenmayer 1990, *The Algorithmic Beauty
    of Plants*, ch. 5.
    """
    d = Sketch()
    t = tones(p, palette)
    lw = p.outline
    half = _half(p, rng)
    upper = _margin(p, half, rng)
    lower = _margin(p, half, rng) * np.array([1.0, -1.0])
    if p.jitter:
        wob = 1.0 + 0.05 * p.jitter * np.sin(
            np.linspace(0, math.pi * rng.uniform(1, 3), len(lower))
        )
        lower = lower * np.stack([np.ones(len(lower)), wob], axis=1)
    outline = _bent(p, np.vstack([upper, lower[::-1]]))
    blade = poly_path(outline, closed=True)
    d.fill(blade, t["leaf"])
    tip_x = float(half[-1, 0]) if p.shape == "palmate" else 1.0
    mid = _bent(p, np.stack([np.linspace(0.0, tip_x, 60), np.zeros(60)], axis=1))
    if p.two_tone:
        shade = _bent(
            p,
            np.vstack(
                [
                    np.stack([np.linspace(-0.2, 1.2, 60), np.zeros(60)], axis=1),
                    [(1.2, -1.0), (-0.2, -1.0)],
                ]
            ),
        )
        d.fill_clipped(blade, poly_path(shade, closed=True), t["shade"])
    veins = skia.Path()
    if p.shape == "palmate":
        c = np.array([0.38, 0.0])
        tips = []
        for side in (1.0, -1.0):
            pts = half * np.array([1.0, side])
            r = np.hypot(pts[:, 0] - c[0], pts[:, 1] - c[1])
            peaks = [
                i
                for i in range(1, len(r) - 1)
                if r[i] >= r[i - 1] and r[i] > r[i + 1] and r[i] > 0.3
            ]
            tips.extend(pts[i] for i in peaks)
        for tip in tips:
            line = np.stack(
                [np.linspace(c[0] - 0.3, tip[0], 20), np.linspace(0.0, tip[1], 20)], axis=1
            )
            line[:, 0] = np.maximum(line[:, 0], 0.0)
            veins.addPath(poly_path(_bent(p, line * np.array([1.0, 0.92])), closed=False))
    else:
        for side in (1.0, -1.0):
            for k in range(p.veins):
                t0 = 0.08 + 0.8 * (k + 0.5) / p.veins
                reach = np.interp(t0 + 0.12, half[:, 0], half[:, 1]) * 0.85
                u = np.linspace(0.0, 1.0, 12)
                line = np.stack([t0 + 0.14 * u**1.3, side * reach * u], axis=1)
                veins.addPath(poly_path(_bent(p, line), closed=False))
    d.fill_clipped(blade, stroke_outline(veins, 0.006), t["vein"])
    d.fill(poly_path(ribbon(mid, np.linspace(0.018, 0.004, len(mid))), closed=True), t["vein"])
    if p.stalk > 0:
        u = np.linspace(0.0, 1.0, 20)
        stalk = _bent(p, np.stack([-p.stalk * u, np.zeros(20)], axis=1))
        d.fill(poly_path(ribbon(stalk, np.linspace(0.018, 0.012, 20)), closed=True), t["line"])
    if lw > 0:
        d.stroke(blade, t["line"], lw)
    # Point the leaf upwards, then turn it.
    m = skia.Matrix()
    m.setRotate(-90.0 + p.rotation)
    d.transform(m)
    fit(d, 0.04)
    return d.finish()
