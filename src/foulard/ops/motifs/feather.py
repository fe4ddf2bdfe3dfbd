"""Feather: a shaft, a vane of barbs with splits, down at the base; quill, barred, peacock."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, stroke_outline
from foulard.ops.motifs._west import fit, poly_path, ribbon
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class FeatherParams(Params):
    style: str = param(
        "quill",
        choices=("quill", "barred", "peacock"),
        doc="a plain flight feather, one with dark bars across it, or a peacock's eye feather",
    )
    curve: float = param(0.35, range=(-1.0, 1.0), doc="bend of the shaft (sign: which way)")
    width: float = param(0.5, range=(0.0, 1.0), doc="breadth of the vane")
    asymmetry: float = param(0.4, range=(0.0, 1.0), doc="how much narrower the leading vane is")
    splits: int = param(3, range=(0, 8), doc="splits in the vane where barbs part")
    barbs: int = param(60, range=(20, 140), doc="barb lines along each side")
    down: bool = param(True, doc="fluffy down at the base")
    rotation: float = param(-20.0, range=(-180.0, 180.0), doc="turn of the feather", unit="degrees")
    vane_color: int = param(4, range=(0, 47), doc="palette role of the vane")
    shaft_color: int = param(3, range=(0, 47), doc="palette role of the shaft and the eye's ring")
    accent_color: int = param(1, range=(0, 47), doc="palette role of bars and the eye's heart")


def tones(p: FeatherParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a feather paints: its three roles and three fixed mixes.

    Barb lines are the vane role mixed with black by 0.3 (and with white by 0.35 for
    the lit ones); the quill below the vane is the shaft role mixed with white by 0.4.
    """
    vane = palette.role(p.vane_color)
    shaft = palette.role(p.shaft_color)
    return {
        "vane": vane,
        "vane_dark": mix(vane, BLACK, 0.3),
        "vane_light": mix(vane, WHITE, 0.35),
        "shaft": shaft,
        "quill": mix(shaft, WHITE, 0.4),
        "accent": palette.role(p.accent_color),
    }


class _Feather:
    def __init__(self, p: FeatherParams, rng: np.random.Generator):
        self.p = p
        n = 400
        self.s = np.linspace(0.0, 1.0, n)
        s = self.s
        bend = 0.18 * p.curve
        # The rachis, base at the bottom, bending sideways as it rises.
        self.rachis = np.stack([0.5 + bend * s**2, 0.95 - 0.9 * s], axis=1)
        tan = np.gradient(self.rachis, axis=0)
        tan /= np.hypot(tan[:, 0], tan[:, 1])[:, None]
        self.tan = tan
        self.nrm = np.stack([-tan[:, 1], tan[:, 0]], axis=1)  # points right of the shaft
        self.start = 0.16
        v = np.clip((s - self.start) / (1.0 - self.start), 0.0, 1.0)
        # The vane: rising from the quill, full over the middle, rounding to the tip.
        env = np.sin(np.pi * np.clip(v, 0.0, 1.0) ** 0.75) ** 0.6
        env[s < self.start] = 0.0
        full = 0.1 + 0.12 * p.width
        # Barb tips lie 1.1 w / 0.9 further along than their roots: keep them on the shaft,
        # which rounds the tip off.
        cap = 0.75 * (1.0 - s) * 0.9 / 1.1
        right = np.minimum(full * env, cap)
        left = np.minimum(full * env * (1.0 - 0.5 * p.asymmetry), cap)
        self.width = {1.0: right, -1.0: left}
        self.splits = {
            side: np.sort(rng.uniform(0.3, 0.85, p.splits)) if p.splits else np.array([])
            for side in (1.0, -1.0)
        }

    def at(self, s, side, frac):
        """Point ``frac`` of the way across the vane on ``side``, for barb root ``s``.

        Barbs slant towards the tip and curve a little: the tip of a barb lies
        further along the shaft than its root, by more the wider the vane there.
        """
        s = np.asarray(s, float)
        j = np.clip((s * (len(self.s) - 1)).astype(int), 0, len(self.s) - 1)
        w = self.width[side][j]
        tip_s = np.clip(s + 1.1 * w / 0.9 * np.abs(frac) ** 1.3, 0.0, 1.0)
        i = np.clip((tip_s * (len(self.s) - 1)).astype(int), 0, len(self.s) - 1)
        return self.rachis[i] + self.nrm[i] * (side * w * frac)[..., None]

    def vane(self, side: float) -> np.ndarray:
        """One side's vane polygon: shaft, then the barb tips back down, with splits."""
        roots = np.linspace(self.start, 1.0, 240)
        edge = []
        for s in roots:
            edge.append(self.at(s, side, 1.0))
            for sp in self.splits[side]:
                if abs(s - sp) < 0.5 / 240:
                    # The split: a V following the barbs in towards the shaft.
                    edge.append(self.at(s + 0.002, side, 0.35))
                    edge.append(self.at(s + 0.014, side, 1.0))
        edge = np.array(edge)
        shaft = self.rachis[(self.s >= self.start)]
        return np.vstack([shaft, edge[::-1]])


@operator(
    "motifs.feather",
    kind="vector",
    version=1,
    tags=(
        "feather",
        "plume",
        "quill",
        "peacock",
        "bird",
        "boho",
        "羽毛",
        "孔雀羽",
        "翎毛",
        "羽",
    ),
)
def feather(p: FeatherParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Feather: a tapering shaft, a vane of slanted barbs with splits, down at the base.

    The rachis bends sideways as it rises (``curve``); each side of the vane is the
    envelope of barbs that leave the shaft slanting towards the tip, widest over
    the middle and rounding off at the tip, the leading side narrower
    (``asymmetry``). Where barbs part (``splits``, placed by the generator) the edge
    dives in a V along the barbs. Barb lines are drawn in a dark and a lit tone of
    the vane; the bare quill below the vane is lighter than the shaft, and wisps of
    down curl from the base. ``barred`` adds dark bars that follow the barbs across
    the vane (pheasant, owl); ``peacock`` sets an eye near the tip: a heart, a ring
    and a halo in the shaft, accent and vane tones. Colours: the roles and mixes
    listed by :func:`tones`.

    References
    ----------
    Prum & Brush 2002, "The evolutionary origin and diversification of feathers",
    *The Quarterly Review of Biology* 77(3) (rachis, barbs, vane); Streit, Heidrich
    & Kaplan 2005, "Feather reader: modeling of the feather's geometry" (NPH
    workshop) for barb-field construction; peacock-feather motifs of Art Nouveau.
    """
    d = Sketch()
    t = tones(p, palette)
    f = _Feather(p, rng)
    vanes = {side: poly_path(f.vane(side), closed=True) for side in (1.0, -1.0)}
    if p.down:
        wisps = skia.Path()
        for _k in range(26):
            side = 1.0 if rng.random() < 0.5 else -1.0
            s0 = rng.uniform(0.03, f.start + 0.02)
            i = int(s0 * (len(f.s) - 1))
            base = f.rachis[i]
            length = rng.uniform(0.05, 0.11)
            a0 = (
                math.atan2(side * f.nrm[i, 1], side * f.nrm[i, 0])
                + rng.normal(0.0, 0.3)
                - side * 0.4
            )
            curl = rng.normal(0.0, 4.0)
            u = np.linspace(0.0, 1.0, 12)
            ang = a0 + curl * u * length
            pts = base + np.cumsum(
                np.stack([np.cos(ang), np.sin(ang)], axis=1) * (length / 12), axis=0
            )
            wisps.addPath(poly_path(np.vstack([base, pts]), closed=False))
        d.stroke(wisps, t["vane_light"], 0.006)
    for side in (1.0, -1.0):
        d.fill(vanes[side], t["vane"])
    # Barb lines, clipped to the vane.
    for side in (1.0, -1.0):
        dark = skia.Path()
        light = skia.Path()
        roots = np.linspace(f.start, 0.99, p.barbs)
        for k, s in enumerate(roots):
            line = np.array([f.at(s, side, frac) for frac in np.linspace(0.03, 1.05, 10)])
            if k % 3 == 0:
                dark.addPath(poly_path(line, closed=False))
            elif k % 3 == 1:
                light.addPath(poly_path(line, closed=False))
        d.fill_clipped(vanes[side], stroke_outline(dark, 0.0035), t["vane_dark"])
        d.fill_clipped(vanes[side], stroke_outline(light, 0.002), t["vane_light"])
        if p.style == "barred":
            bars = skia.Path()
            for s0 in np.arange(f.start + 0.06, 0.95, 0.1):
                band = np.vstack(
                    [
                        np.array([f.at(s0, side, frac) for frac in np.linspace(-0.1, 1.1, 10)]),
                        np.array(
                            [f.at(s0 + 0.035, side, frac) for frac in np.linspace(1.1, -0.1, 10)]
                        ),
                    ]
                )
                bars.addPath(poly_path(band, closed=True))
            d.fill_clipped(vanes[side], bars, t["accent"])
    if p.style == "peacock":
        i = int(0.8 * (len(f.s) - 1))
        cx, cy = f.rachis[i]
        ang = math.degrees(math.atan2(f.tan[i, 1], f.tan[i, 0]))
        for scale, tone in ((1.0, "vane_light"), (0.72, "shaft"), (0.5, "accent"), (0.22, "vane")):
            eye = skia.Path()
            rx, ry = 0.085 * scale, 0.065 * scale
            eye.addOval(skia.Rect.MakeLTRB(-rx, -ry, rx, ry))
            m = skia.Matrix()
            m.setRotate(ang)
            m.postTranslate(float(cx), float(cy))
            eye.transform(m)
            d.fill(eye, t[tone])
    # The shaft over the vane, the bare quill below it.
    widths = 0.016 * (1.0 - 0.85 * f.s)
    shaft = poly_path(ribbon(f.rachis, widths), closed=True)
    d.fill(shaft, t["shaft"])
    quill = f.s < f.start
    d.fill(poly_path(ribbon(f.rachis[quill], widths[quill] * 1.05), closed=True), t["quill"])
    if p.rotation:
        m = skia.Matrix()
        m.setRotate(p.rotation, 0.5, 0.5)
        d.transform(m)
    fit(d, 0.03)
    return d.finish()
