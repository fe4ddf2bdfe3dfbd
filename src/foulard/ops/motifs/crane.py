"""Crane (鹤): the red-crowned crane in flight or standing, built from feathers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, Sketch, mix, smooth_path
from foulard.ops.motifs._cn import Transformed, band, blade, fit, spline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class CraneParams(Params):
    pose: str = param("flying", choices=("flying", "standing"), doc="in flight, or standing")
    wing_angle: float = param(0.6, range=(0.0, 1.0), doc="how high the wings are raised (flying)")
    neck: float = param(0.5, range=(0.0, 1.0), doc="curve of the neck (0: straight)")
    feathers: int = param(11, range=(7, 16), doc="flight feathers in each wing")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="variation of feathers drawn by the generator")
    facing: str = param("left", choices=("left", "right"), doc="which way the crane faces")
    line_width: float = param(0.004, range=(0.001, 0.012), doc="line width", unit="motif units")
    plumage_color: int = param(0, range=(0, 47), doc="palette role of the white plumage")
    feather_color: int = param(
        1, range=(0, 47), doc="palette role of the neck, flight feathers and lines"
    )
    crown_color: int = param(2, range=(0, 47), doc="palette role of the red crown")
    beak_color: int = param(3, range=(0, 47), doc="palette role of the beak")


def tones(p: CraneParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a crane: its roles and one fixed mix.

    The far wing's plumage is the plumage role mixed with black by 0.1.
    """
    plumage = palette.role(p.plumage_color)
    return {
        "plumage": plumage,
        "far": mix(plumage, BLACK, 0.1),
        "dark": palette.role(p.feather_color),
        "crown": palette.role(p.crown_color),
        "beak": palette.role(p.beak_color),
    }


def _feather(base, angle, length, width, dark_from: float) -> tuple[skia.Path, skia.Path]:
    """A flight feather: a long rounded blade and the clip of its dark tip."""
    shape, mid = blade(base, angle, length, width, 0.05, n=14)
    k = int(dark_from * (len(mid) - 1))
    tip = band(mid[k:], np.full(len(mid) - k, 1.6 * width), cap="round")
    return shape, tip


def _wing(d, t, lw, rng, p, shoulder, span, lift, far: bool) -> None:
    """A spread wing from ``shoulder``: a fan of feathers under a band of coverts."""
    n = p.feathers
    plumage = t["far"] if far else t["plumage"]
    # The wing's bone: shoulder, wrist, hand (in the crane's units, y up negative).
    wrist = (shoulder[0] + 0.12 * span, shoulder[1] - 0.42 * span * lift - 0.05)
    hand = (shoulder[0] + 0.42 * span, shoulder[1] - 0.75 * span * lift - 0.02)
    bone = spline([shoulder, wrist, hand], 40)
    feathers = []
    for k in range(n):
        f = k / (n - 1)  # 0: next to the body; 1: the outermost primary
        pos = bone[min(int(f * (len(bone) - 1)), len(bone) - 1)]
        # Secondaries point back, primaries fan up towards the tip (y is down).
        ang = math.radians(10.0 - 85.0 * f * lift)
        length = (0.3 + 0.34 * f**1.3) * span * (1.0 + 0.08 * p.jitter * rng.normal())
        width = 0.075 * span
        dark_from = 0.62 if f > 0.55 else 0.7
        feathers.append(
            _feather(pos, ang + 0.05 * p.jitter * rng.normal(), length, width, dark_from)
        )
    # Outer feathers first: each one nearer the body laps over the next one out.
    for shape, tip in reversed(feathers):
        d.fill(shape, plumage)
        d.fill_clipped(shape, tip, t["dark"])
        d.stroke(shape, t["dark"], 0.7 * lw)
    # Coverts: a white band along the bone, its trailing edge scalloped.
    cover_w = np.linspace(0.09, 0.04, len(bone)) * span
    coverts = band(bone, cover_w, cap="round")
    d.fill(coverts, plumage)
    d.stroke(coverts, t["dark"], 0.7 * lw)


def _flying(p: CraneParams, rng, t, d, lw: float) -> None:
    """A crane in flight, heading left, in crane units (about 2 long)."""
    lift = 0.35 + 0.65 * p.wing_angle
    span = 1.15
    # Far wing, behind everything (set back, a little higher and smaller).
    _wing(d, t, lw, rng, p, (0.1, -0.12), 0.85 * span, min(1.1, lift * 1.15), far=True)
    # Legs trailing behind, feet together.
    legs = skia.Path()
    for dy in (0.0, 0.03):
        legs.moveTo(0.2, 0.06 + dy)
        legs.cubicTo(0.4, 0.12 + dy, 0.6, 0.16 + dy, 0.92, 0.2 + dy)
        legs.moveTo(0.92, 0.2 + dy)
        legs.lineTo(1.0, 0.18 + dy)
        legs.moveTo(0.92, 0.2 + dy)
        legs.lineTo(0.99, 0.24 + dy)
    d.stroke(legs, t["dark"], 2.0 * lw)
    # Tail and the black tertial plumes over it.
    tail = smooth_path(
        [(0.18, -0.04), (0.42, 0.0), (0.46, 0.05), (0.2, 0.07)], closed=True, tension=0.7
    )
    d.fill(tail, t["plumage"])
    d.stroke(tail, t["dark"], 0.7 * lw)
    for k in range(4):
        shape, _ = blade((0.12, 0.0 + 0.012 * k), math.radians(8 + 6 * k), 0.3, 0.035, 0.15, n=12)
        d.fill(shape, t["dark"])
    # Body: a teardrop from breast to tail.
    body = smooth_path(
        [(-0.28, -0.02), (-0.12, -0.11), (0.12, -0.09), (0.3, -0.02), (0.12, 0.08), (-0.14, 0.08)],
        closed=True,
        tension=0.9,
    )
    d.fill(body, t["plumage"])
    d.stroke(body, t["dark"], 0.8 * lw)
    # Neck: stretched forward, gently waved; black, white at the nape.
    bend = 0.08 * p.neck
    neck_pts = spline(
        [(-0.22, -0.04), (-0.45, -0.1 - bend), (-0.7, -0.12 + bend), (-0.88, -0.2)], 40
    )
    neck = band(neck_pts, np.linspace(0.05, 0.028, len(neck_pts)), cap="round")
    d.fill(neck, t["dark"])
    _head(d, t, lw, (-0.9, -0.21), -0.2)
    # Near wing, in front of the body.
    _wing(d, t, lw, rng, p, (-0.05, -0.06), span, lift, far=False)


def _head(d, t, lw: float, at, tilt: float) -> None:
    """Head with its red crown, eye and long beak, facing left, at ``at``."""
    x, y = at
    head = skia.Path()
    head.addOval(skia.Rect.MakeLTRB(x - 0.06, y - 0.04, x + 0.04, y + 0.035))
    c, s = math.cos(tilt), math.sin(tilt)
    tip = (x - 0.06 - 0.2 * c, y - 0.2 * s + 0.01)
    beak = smooth_path(
        [(x - 0.04, y - 0.018), tip, (x - 0.04, y + 0.016)], closed=True, tension=0.2
    )
    d.fill(beak, t["beak"])
    d.stroke(beak, t["dark"], 0.6 * lw)
    d.fill(head, t["dark"])
    crown = skia.Path()
    crown.addOval(skia.Rect.MakeLTRB(x - 0.045, y - 0.045, x + 0.015, y - 0.005))
    d.fill(crown, t["crown"])
    cheek = skia.Path()
    cheek.addOval(skia.Rect.MakeLTRB(x - 0.005, y - 0.03, x + 0.05, y + 0.03))
    d.fill(cheek, t["plumage"])
    eye = skia.Path()
    eye.addCircle(x - 0.028, y - 0.004, 0.008)
    d.fill(eye, t["plumage"])


def _standing(p: CraneParams, rng, t, d, lw: float) -> None:
    """A standing crane facing left, in crane units (feet at y = 0.95)."""
    # Legs: long and thin, one standing, one slightly bent.
    legs = skia.Path()
    legs.moveTo(0.02, 0.2)
    legs.lineTo(0.04, 0.55)
    legs.lineTo(0.02, 0.95)
    legs.moveTo(0.1, 0.2)
    legs.lineTo(0.18, 0.55)
    legs.lineTo(0.14, 0.95)
    for fx in (0.02, 0.14):
        legs.moveTo(fx, 0.95)
        legs.lineTo(fx - 0.09, 0.97)
        legs.moveTo(fx, 0.95)
        legs.lineTo(fx + 0.06, 0.97)
    d.stroke(legs, t["dark"], 2.2 * lw)
    body = smooth_path(
        [
            (-0.22, -0.02),
            (-0.05, -0.12),
            (0.22, -0.06),
            (0.42, 0.1),
            (0.3, 0.22),
            (0.0, 0.24),
            (-0.2, 0.12),
        ],
        closed=True,
        tension=0.9,
    )
    d.fill(body, t["plumage"])
    d.stroke(body, t["dark"], 0.8 * lw)
    # Folded wing: layered feathers along the body, the black plumes drooping at the tail.
    for k in range(p.feathers // 2):
        f = k / max(1, p.feathers // 2 - 1)
        base = (-0.08 + 0.2 * f, -0.02 + 0.04 * f)
        shape, tip = _feather(base, math.radians(18 + 12 * f), 0.3 + 0.1 * f, 0.05, 0.7)
        d.fill(shape, t["plumage"])
        d.fill_clipped(shape, tip, t["dark"])
        d.stroke(shape, t["dark"], 0.6 * lw)
    for k in range(5):
        shape, _ = blade(
            (0.22, 0.02 + 0.02 * k),
            math.radians(25 + 8 * k + 4 * p.jitter * rng.normal()),
            0.32,
            0.04,
            0.3,
            n=12,
        )
        d.fill(shape, t["dark"])
    # Neck rising in an S from the breast to the head.
    s = 0.12 * p.neck
    neck_pts = spline([(-0.16, 0.0), (-0.22 - s, -0.25), (-0.14 + s, -0.5), (-0.2, -0.72)], 40)
    neck = band(neck_pts, np.linspace(0.05, 0.028, len(neck_pts)), cap="round")
    d.fill(neck, t["dark"])
    _head(d, t, lw, (-0.22, -0.74), 0.15)


@operator(
    "motifs.crane",
    kind="vector",
    version=1,
    tags=(
        "crane",
        "red-crowned crane",
        "longevity",
        "bird",
        "仙鹤",
        "鹤",
        "丹顶鹤",
        "松鹤延年",
        "鹤寿",
        "团鹤",
    ),
)
def crane(p: CraneParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Crane (鹤): the red-crowned crane, wings spread in flight or standing, from feathers.

    Each wing is a fan of lanceolate flight feathers rooted along a curved bone
    (secondaries near the body pointing back, primaries fanning towards the tip and
    lengthening), white with dark tips clipped to each feather, under a band of
    white coverts; the far wing is drawn behind the body in a shaded white, the
    near wing in front. The long neck is a tapering band, the head carries the red
    crown, a white cheek and a long beak; black tertial plumes droop over the tail
    and the legs trail behind in flight or stand long and thin. The generator
    varies the feathers' lengths and angles.

    Meaning: the crane (鹤) lives a thousand years: longevity and immortality,
    the mount of the immortals (仙鹤); it was the rank badge of first-rank civil
    officials (一品). Pair with pines (松鹤延年, "long life like pine and crane"),
    clouds (``ornament.xiangyun``), the sun and the sea (``ornament.haishui``).

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. crane (鹤);
    Cammann 1944, "The development of the mandarin square", *Harvard Journal of
    Asiatic Studies* 8 (the crane badge); Qing embroidered crane roundels (photo:
    jacket with crane roundels, in the ornament-photos set).
    """
    t = tones(p, palette)
    d = Sketch()
    size = 0.42
    m = skia.Matrix()
    m.setScale(size if p.facing == "left" else -size, size)
    m.postTranslate(0.5, 0.5 if p.pose == "flying" else 0.42)
    view = Transformed(d, m)
    if p.pose == "flying":
        _flying(p, rng, t, view, p.line_width / size)
    else:
        _standing(p, rng, t, view, p.line_width / size)
    fit(d)
    return d.finish(margin=0.01)
