"""Carp (鲤): a scaled fish along a bent spine, with flowing fins and barbels; or a pair."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix, smooth_path, stroke_outline
from foulard.ops.motifs._cn import Transformed, band, blade
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class CarpParams(Params):
    pair: bool = param(False, doc="two carp circling head to tail (双鱼)")
    bend: float = param(0.45, range=(-1.0, 1.0), doc="curve of the body (0: straight)")
    tail: float = param(1.0, range=(0.5, 1.6), doc="size of the flowing tail fin")
    scale_rows: int = param(5, range=(3, 9), doc="rows of scales across the body")
    barbels: bool = param(True, doc="whiskers at the mouth (the carp's mark)")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="sway of the fins drawn by the generator")
    rotation: float = param(30.0, range=(-180.0, 180.0), doc="turn of the fish", unit="degrees")
    line_width: float = param(0.004, range=(0.0, 0.012), doc="line width", unit="motif units")
    body_color: int = param(2, range=(0, 47), doc="palette role of the body")
    fin_color: int = param(3, range=(0, 47), doc="palette role of the fins")
    line_color: int = param(1, range=(0, 47), doc="palette role of lines, scales and eye")


def tones(p: CarpParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a carp: body, fin and line roles and fixed mixes.

    The belly is the body role mixed with white by 0.4, the fins' tips the fin role
    mixed with the body role by 0.45, the eye's white the fin role mixed with white
    by 0.7.
    """
    body = palette.role(p.body_color)
    fin = palette.role(p.fin_color)
    return {
        "body": body,
        "belly": mix(body, WHITE, 0.4),
        "fin": fin,
        "fin_tip": mix(fin, body, 0.45),
        "line": palette.role(p.line_color),
        "eye": mix(fin, WHITE, 0.7),
    }


class _Spine:
    """The fish's midline: positions, tangents and dorsal normals along s in [0, 1]."""

    def __init__(self, length: float, bend: float, n: int = 80):
        s = np.linspace(0.0, 1.0, n)
        k = 2.2 * bend / length  # curvature of a circular arc
        if abs(k) < 1e-6:
            pts = np.stack([(s - 0.5) * length, np.zeros(n)], axis=1)
        else:
            a = (s - 0.5) * length * k
            pts = np.stack([np.sin(a) / k, (1.0 - np.cos(a)) / k], axis=1)
            pts[:, 1] -= pts[:, 1].mean()
        self.s = s
        self.p = pts
        tan = np.gradient(pts, axis=0)
        self.t = tan / np.hypot(tan[:, 0], tan[:, 1])[:, None]
        self.n = np.stack([self.t[:, 1], -self.t[:, 0]], axis=1)  # dorsal side (up)
        self.length = length

    def at(self, s: float, v: float = 0.0) -> np.ndarray:
        """The point at ``s`` along the spine, ``v`` towards the back."""
        i = float(np.clip(s, 0.0, 1.0)) * (len(self.s) - 1)
        i0 = min(int(i), len(self.s) - 2)
        f = i - i0
        p = self.p[i0] * (1 - f) + self.p[i0 + 1] * f
        nrm = self.n[i0] * (1 - f) + self.n[i0 + 1] * f
        return p + v * nrm

    def frame(self, s: float) -> tuple[np.ndarray, np.ndarray]:
        i = min(int(float(np.clip(s, 0.0, 1.0)) * (len(self.s) - 1)), len(self.s) - 1)
        return self.t[i], self.n[i]


_PROFILE_S = (0.0, 0.04, 0.14, 0.3, 0.5, 0.68, 0.82, 0.88)
_PROFILE_W = (0.4, 0.66, 0.9, 1.0, 0.9, 0.6, 0.32, 0.28)


def _fish(p: CarpParams, rng: np.random.Generator, t, d, lw: float) -> None:
    """Draw one carp, head at the left, in fish units (about 1 long), into ``d``."""
    length = 1.0
    sp = _Spine(length, p.bend)
    half = 0.13 * length
    s_body = sp.s[sp.s <= 0.88]
    w = half * np.interp(s_body, _PROFILE_S, _PROFILE_W)
    body = band(sp.p[: len(s_body)], w, cap="round", tension=0.8)
    # Tail: a forked fan from the narrow peduncle.
    tt, tn = sp.frame(0.88)
    root = sp.at(0.88)
    we = w[-1]
    spread = 0.22 * p.tail
    reach = 0.3 * p.tail
    sway = p.jitter * rng.normal(0.0, 0.04)
    up_tip = root + tt * reach + tn * (spread + sway)
    lo_tip = root + tt * reach * 1.05 - tn * (spread - sway)
    notch = root + tt * reach * 0.45
    tail = smooth_path(
        [
            root + tn * we,
            root + tt * 0.4 * reach + tn * 0.7 * spread,
            up_tip,
            up_tip - tt * 0.1 * reach - tn * 0.1 * spread,
            notch,
            lo_tip + tn * 0.1 * spread - tt * 0.1 * reach,
            lo_tip,
            root + tt * 0.4 * reach - tn * 0.7 * spread,
            root - tn * we,
            root - tt * 0.05,
        ],
        closed=True,
        tension=0.75,
    )
    rays = skia.Path()
    for f in np.linspace(-0.9, 0.9, 9):
        end = root + tt * reach * (0.75 + 0.2 * (1 - abs(f))) + tn * spread * f
        rays.moveTo(*root)
        rays.lineTo(*end)
    # Dorsal fin along the back, pectoral, pelvic and anal fins below.
    dorsal_pts = [sp.at(s, half * np.interp(s, _PROFILE_S, _PROFILE_W) * 0.9) for s in (0.26, 0.6)]
    crest = [
        sp.at(0.3, half * 1.9 + 0.02 * p.jitter * rng.normal()),
        sp.at(0.45, half * 1.55),
        sp.at(0.62, half * 0.95),
    ]
    dorsal = smooth_path([dorsal_pts[0], *crest, dorsal_pts[1]], closed=True, tension=0.7)
    dorsal_rays = skia.Path()
    for s in np.linspace(0.29, 0.58, 7):
        wb = half * np.interp(s, _PROFILE_S, _PROFILE_W) * 0.9
        top = 1.9 - (s - 0.29) / 0.33 * 1.0
        dorsal_rays.moveTo(*sp.at(s, wb))
        dorsal_rays.lineTo(*sp.at(s + 0.03, half * top))
    fins = []
    for s, size, ang in ((0.2, 0.2, 0.7), (0.46, 0.14, 0.55), (0.7, 0.12, 0.4)):
        ft, fn = sp.frame(s)
        base = sp.at(s, -half * np.interp(s, _PROFILE_S, _PROFILE_W) * 0.8)
        direction = ft * math.cos(ang) - fn * math.sin(ang)
        a = math.atan2(direction[1], direction[0]) + p.jitter * rng.normal(0.0, 0.08)
        shape, mid = blade(base, a, size * length, 0.35 * size * length, 0.15, n=16)
        fins.append((shape, mid))
    # Paint: fins behind the body, then the body with its belly, scales and head.
    for shape, _ in fins:
        d.fill(shape, t["fin"])
        if lw > 0:
            d.stroke(shape, t["line"], 0.8 * lw)
    d.fill(dorsal, t["fin"])
    d.fill_clipped(dorsal, _tip_band(dorsal, sp.at(0.45, half * 1.9), 0.5 * half), t["fin_tip"])
    d.fill(tail, t["fin"])
    d.fill_clipped(tail, _tip_band(tail, root + tt * reach, 0.7 * reach), t["fin_tip"])
    if lw > 0:
        d.fill_clipped(dorsal, stroke_outline(dorsal_rays, 0.6 * lw), t["line"])
        d.fill_clipped(tail, stroke_outline(rays, 0.6 * lw), t["line"])
        d.stroke(dorsal, t["line"], 0.8 * lw)
        d.stroke(tail, t["line"], 0.8 * lw)
    d.fill(body, t["body"])
    belly = band(sp.p[: len(s_body)] - sp.n[: len(s_body)] * (0.55 * w)[:, None], 0.5 * w)
    d.fill_clipped(body, belly, t["belly"])
    if lw > 0:
        scales = skia.Path()
        rows = p.scale_rows
        for col, s in enumerate(np.arange(0.24, 0.84, 0.9 / (rows * 2.2))):
            ws = half * np.interp(s, _PROFILE_S, _PROFILE_W)
            step = 2.0 * ws / rows
            odd = col % 2
            for j in range(rows + 1):
                v = -ws + (j + 0.5 * odd) * step
                c = sp.at(s, v)
                ft, _fn = sp.frame(s)
                ang = math.degrees(math.atan2(ft[1], ft[0]))
                r = 0.55 * step
                scales.addArc(
                    skia.Rect.MakeLTRB(c[0] - r, c[1] - r, c[0] + r, c[1] + r), ang - 80, 160
                )
        d.fill_clipped(body, stroke_outline(scales, 0.7 * lw), t["line"])
        gill = skia.Path()
        g0, g1, g2 = sp.at(0.17, 0.75 * half), sp.at(0.22, 0.0), sp.at(0.17, -0.75 * half)
        gill.moveTo(*g0)
        gill.quadTo(*g1, *g2)
        d.stroke(gill, t["line"], lw)
        d.stroke(body, t["line"], lw)
    eye_c = sp.at(0.07, 0.3 * half)
    eye = skia.Path()
    eye.addCircle(*eye_c, 0.024 * length)
    pupil = skia.Path()
    pupil.addCircle(*eye_c, 0.013 * length)
    d.fill(eye, t["eye"])
    d.fill(pupil, t["line"])
    if p.barbels:
        ht, hn = sp.frame(0.0)
        mouth = sp.at(0.0, -0.1 * half) - ht * 0.02
        whisk = skia.Path()
        for k, droop in enumerate((0.9, 1.3)):
            curl = (0.5 + 0.5 * k) * (1 + 0.2 * p.jitter * rng.normal())
            a = mouth
            b = mouth - ht * 0.06 - hn * 0.04 * droop
            c = mouth + ht * 0.02 * curl - hn * 0.12 * droop
            whisk.moveTo(*a)
            whisk.quadTo(*b, *c)
        d.stroke(whisk, t["line"], max(lw, 0.006))


def _tip_band(shape: skia.Path, centre: np.ndarray, radius: float) -> skia.Path:
    """A disc round a fin's far edge: clipped to the fin it tints its tips."""
    out = skia.Path()
    out.addCircle(float(centre[0]), float(centre[1]), float(radius))
    return out


@operator(
    "motifs.carp",
    kind="vector",
    version=1,
    tags=(
        "carp",
        "koi",
        "fish",
        "abundance",
        "鲤鱼",
        "鲤",
        "锦鲤",
        "鱼",
        "年年有余",
        "鲤鱼跳龙门",
    ),
)
def carp(p: CarpParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Carp (鲤): a scaled fish on a bent spine, with flowing fins, barbels and a forked tail.

    The body is a band round a circular-arc spine (``bend``) with a carp's width
    profile (round snout, deep shoulder, narrow peduncle); a light belly, rows of
    scale arcs laid out in the spine's own frame (their free edges towards the tail)
    and the gill line are clipped to it. The dorsal fin rises along the back, the
    pectoral, pelvic and anal fins are lanceolate blades below, the forked tail fans
    from the peduncle; every fin has rays and tips tinted towards the body colour.
    ``pair`` sets two carp circling head to tail. The generator sways the fins and
    the barbels.

    Meaning: 鲤 (*li*) sounds like 利 (profit); 鱼 (*yu*) like 余 (surplus):
    年年有余, "abundance year after year". The carp that leaps the Dragon Gate
    becomes a dragon (鲤鱼跳龙门): success in the examinations and in life. A pair
    of fish is marital harmony, one of the Eight Buddhist Treasures. Pair with lotus
    (连年有余), waves and the dragon-scale ground.

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. carp (鲤), fish (鱼);
    Eberhard 1986, *A Dictionary of Chinese Symbols*, s.v. carp; Wang Zhenpeng
    et al., Yuan and Ming fish-and-waterweed (鱼藻) porcelain painting.
    """
    t = tones(p, palette)
    d = Sketch()
    if p.pair:
        # Each fish bent round one circle (radius 1 / (2.2 bend) fish lengths), on
        # opposite sides of it: head to tail, a ring of two.
        size = 0.55
        bend = 1.0
        ring = 1.0 / (2.2 * bend)
        for k in range(2):
            m = skia.Matrix()
            m.setScale(size, size)
            m.postTranslate(0.0, -0.85 * ring * size)
            m.postRotate(p.rotation + 180.0 * k)
            m.postTranslate(0.5, 0.5)
            pair_params = p.replace(bend=bend)
            _fish(pair_params, rng, t, Transformed(d, m), p.line_width / size)
    else:
        size = 0.62
        m = skia.Matrix()
        m.setScale(size, size)
        m.postTranslate(0.5, 0.5)
        m.postRotate(p.rotation, 0.5, 0.5)
        _fish(p, rng, t, Transformed(d, m), p.line_width / size)
    return d.finish(margin=0.01)
