"""Crack network: cracks that branch off cracks and stop at the next one (craquelure)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

_FRAME = (-0.06, -0.06, 1.06, 1.06)  # cracks run into the hem band of a master


@dataclass(frozen=True)
class CrackNetworkParams(Params):
    cracks: int = param(500, range=(1, 2500), doc="cracks after the first ones")
    first: int = param(4, range=(1, 40), doc="long cracks across the whole field to start from")
    angle: float = param(
        90.0, range=(0.0, 90.0), doc="angle of a branch to the crack it leaves", unit="degrees"
    )
    jitter: float = param(
        12.0, range=(0.0, 45.0), doc="random spread of the branching angle", unit="degrees"
    )
    min_length: float = param(
        0.004, range=(0.0, 0.05), doc="shorter cracks are dropped", unit="design units"
    )
    width: float = param(
        0.003, range=(0.0005, 0.02), doc="width of the first cracks", unit="design units"
    )
    taper: float = param(
        0.5, range=(0.1, 1.0), doc="width of the finest cracks relative to the first"
    )
    shade: float = param(
        0.35,
        range=(0.0, 1.0),
        doc="strength of a soft stain along one side of each crack (0: clean lines)",
    )
    line_role: int = param(1, range=(0, 47), doc="palette role of the cracks")
    shade_role: int = param(3, range=(0, 47), doc="palette role of the stain")


def _cross(ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray) -> np.ndarray:
    return ax * by - ay * bx


def _ray_hit(o: np.ndarray, d: np.ndarray, a: np.ndarray, b: np.ndarray, skip: int) -> float:
    """Distance along the ray o + t d (|d| = 1) to the first segment a-b it meets."""
    e = b - a
    den = _cross(d[0], d[1], e[:, 0], e[:, 1])
    w = a - o
    with np.errstate(divide="ignore", invalid="ignore"):
        t = _cross(w[:, 0], w[:, 1], e[:, 0], e[:, 1]) / den
        u = _cross(w[:, 0], w[:, 1], d[0], d[1]) / den
    ok = (np.abs(den) > 1e-15) & (t > 1e-9) & (u >= 0.0) & (u <= 1.0)
    if skip >= 0:
        ok[skip] = False
    return float(t[ok].min()) if ok.any() else math.inf


def crack(p: CrackNetworkParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Crack segments ``(n, 4)`` and their generation (0 for the first cracks).

    The first cracks cross the field from a random point in both directions until
    they meet the frame or an earlier crack. Each later crack starts at a random
    point of an existing crack (chosen by length), leaves it at ``angle`` (plus
    jitter) to either side, and runs straight until it meets another crack: every
    junction is a T, as in drying mud, crackle glaze and Tarbell's *Substrate*.
    """
    x0, y0, x1, y1 = _FRAME
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    a = list(corners)
    b = list(np.roll(corners, -1, axis=0))
    gen = [-1] * 4
    for _ in range(p.first):
        o = rng.uniform(0.05, 0.95, 2)
        th = rng.uniform(0.0, math.pi)
        d = np.array([math.cos(th), math.sin(th)])
        A, B = np.array(a), np.array(b)
        t1 = _ray_hit(o, d, A, B, -1)
        t2 = _ray_hit(o, -d, A, B, -1)
        a.append(o - t2 * d)
        b.append(o + t1 * d)
        gen.append(0)
    A, B = np.array(a), np.array(b)
    tries = 0
    made = 0
    while made < p.cracks and tries < 6 * p.cracks + 50:
        tries += 1
        real = np.array(gen) >= 0
        length = np.hypot(*(B - A).T) * real
        k = int(rng.choice(len(A), p=length / length.sum()))
        t = rng.uniform(0.05, 0.95)
        o = A[k] + t * (B[k] - A[k])
        base = math.atan2(B[k, 1] - A[k, 1], B[k, 0] - A[k, 0])
        side = 1.0 if rng.random() < 0.5 else -1.0
        th = base + side * math.radians(p.angle + rng.normal(0.0, p.jitter))
        d = np.array([math.cos(th), math.sin(th)])
        hit = _ray_hit(o, d, A, B, k)
        if not math.isfinite(hit) or hit < max(p.min_length, 1e-6):
            continue
        A = np.vstack([A, o])
        B = np.vstack([B, o + hit * d])
        gen.append(gen[k] + 1 if gen[k] >= 0 else 0)
        made += 1
    g = np.array(gen)
    keep = g >= 0
    return np.hstack([A[keep], B[keep]]), g[keep]


@operator(
    "growth.crack_network",
    kind="vector",
    version=1,
    tags=(
        "cracks",
        "craquelure",
        "crackle glaze",
        "dried mud",
        "substrate",
        "ice crack",
        "冰裂纹",
        "开片",
        "龟裂",
        "裂纹",
    ),
)
def crack_network(p: CrackNetworkParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Crack network: sequential cracks with T-junctions (craquelure, drying mud).

    A few first cracks cross the whole field; every later crack branches off a
    random point of an existing one at ``angle`` (90 degrees for drying mud and
    crackle glaze, lower for shattered ice) and runs straight until it meets
    another crack, so the field is cut into ever smaller polygons with T-shaped
    junctions, the hierarchy seen in craquelure and in Tarbell's *Substrate*.
    Intersections are exact (ray against every segment). Cracks thin from
    ``width`` (first) to ``taper`` times it (latest); an optional soft stain
    along one side of each crack recalls the glaze seeping into it. The field
    reaches into the hem band.

    References
    ----------
    Tarbell 2003, "Substrate", complexification.net (generative algorithm).
    Bohn, Pauchard & Couder 2005, "Hierarchical crack pattern as formed by
    successive domain divisions", Physical Review E 71(4).
    """
    seg, gen = crack(p, rng)
    out = Drawing(_FRAME)
    top = max(1, int(gen.max(initial=0)))
    frac = np.minimum(gen / top, 1.0)
    widths = p.width * (1.0 - (1.0 - p.taper) * frac)
    if p.shade > 0:
        # The stain: a wide, faint band beside each crack, on the side it turned to.
        band = skia.Path()
        for (ax, ay, bx, by), w in zip(seg, widths, strict=True):
            nx, ny = -(by - ay), bx - ax
            off = 1.5 * w / (math.hypot(nx, ny) or 1.0)
            band.moveTo(ax + nx * off, ay + ny * off)
            band.lineTo(bx + nx * off, by + ny * off)
        out.stroke(band, palette.role(p.shade_role), 3.0 * p.width, 0.6 * p.shade, cap="butt")
    line = palette.role(p.line_role)
    levels = 6
    level = np.minimum((frac * levels).astype(np.int64), levels - 1)
    for lvl in range(levels):
        sel = level == lvl
        if not sel.any():
            continue
        path = skia.Path()
        for ax, ay, bx, by in seg[sel]:
            path.moveTo(ax, ay)
            path.lineTo(bx, by)
        out.stroke(path, line, float(widths[sel].mean()))
    return out
