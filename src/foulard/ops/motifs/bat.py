"""Bat (蝠): the scalloped-winged bat of blessing, alone or five round the 寿 character."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, smooth_path, union
from foulard.ops._common.text import set_line
from foulard.ops.motifs._cn import Transformed, mirrored, spiral, spline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class BatParams(Params):
    bats: int = param(1, range=(1, 5), doc="bats: one, or several flying round a centre")
    medallion: bool = param(
        True, doc="with several bats, the 寿 character in a roundel at the centre (五福捧寿)"
    )
    fingers: int = param(4, range=(3, 5), doc="wing fingers (scallops along each wing's edge)")
    span: float = param(1.0, range=(0.7, 1.3), doc="wing span relative to the body")
    lift: float = param(0.25, range=(-0.4, 0.8), doc="how high the wings are raised")
    curls: bool = param(True, doc="cloud scrolls at the wing tips (云蝠)")
    jitter: float = param(0.2, range=(0.0, 1.0), doc="irregularity of the scallops")
    line_width: float = param(0.006, range=(0.0, 0.02), doc="line width", unit="motif units")
    bat_color: int = param(2, range=(0, 47), doc="palette role of the bat")
    line_color: int = param(3, range=(0, 47), doc="palette role of lines and eyes")
    medallion_color: int = param(3, range=(0, 47), doc="palette role of the 寿 roundel")


def tones(p: BatParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a bat: its roles and fixed mixes.

    Wing panels alternate the bat role and it mixed with white by 0.22; the body is
    the bat role mixed with black by 0.2.
    """
    bat = palette.role(p.bat_color)
    return {
        "bat": bat,
        "panel": mix(bat, WHITE, 0.22),
        "body": mix(bat, BLACK, 0.2),
        "line": palette.role(p.line_color),
        "medallion": palette.role(p.medallion_color),
    }


def _wing(p: BatParams, rng: np.random.Generator) -> tuple[skia.Path, list[skia.Path], skia.Path]:
    """The right wing in bat units (body at the origin, span about 1).

    Returns the wing's outline, its membrane panels (between fingers, for the
    alternating tones) and the finger lines and scrolls. The trailing edge runs
    from finger end to finger end: scallops bowing in (a natural bat) or, with
    ``curls``, round cloud lobes bowing out, each with a scroll inside.
    """
    s = p.span
    lift = p.lift
    wrist = (0.38 * s, -0.2 - 0.2 * lift)
    shoulder = (0.1, -0.12)
    tip = (1.0 * s, -0.3 - 0.3 * lift)
    root = (0.12, 0.14)
    # Finger ends spaced along a sagging curve from the tip back to the body.
    trail = spline([tip, (0.72 * s, 0.02 - 0.1 * lift), (0.4 * s, 0.16), root], 64)
    n = p.fingers
    idx = [round(k * (len(trail) - 1) / n) for k in range(n)]
    tips = [tip]
    for i in idx[1:]:
        x, y = trail[i]
        tips.append((x, y + 0.03 * p.jitter * rng.normal()))
    # The leading edge arches up from the shoulder over the wrist to the tip.
    lead = [
        shoulder,
        (0.3 * s, -0.36 - 0.25 * lift),
        (0.68 * s, -0.42 - 0.32 * lift),
        tip,
    ]
    pts = list(lead)
    edge = [*tips, root]
    bulge = -0.22 if p.curls else 0.3  # negative: lobes bowing outwards
    lobes = []
    for k, (a, b) in enumerate(itertools.pairwise(edge)):
        last = k == len(edge) - 2  # the short edge back to the body
        mx, my = 0.5 * (a[0] + b[0]), 0.5 * (a[1] + b[1])
        dx, dy = b[0] - a[0], b[1] - a[1]
        ln = math.hypot(dx, dy)
        depth = (bulge * (0.4 if last else 1.0) + 0.08 * p.jitter * rng.normal()) * ln
        nx, ny = -dy / ln, dx / ln  # made to point inwards (towards the wrist)
        if (wrist[0] - mx) * nx + (wrist[1] - my) * ny < 0:
            nx, ny = -nx, -ny
        pts.append((mx + depth * nx, my + depth * ny))
        pts.append(b)
        lobes.append((mx, my, nx, ny, ln))
    outline = _scalloped(pts, len(lead))
    panels = []
    for k, (mx, my, nx, ny, ln) in enumerate(lobes):
        # The fan from the wrist between two fingers, out past its lobe.
        panel = skia.Path()
        panel.moveTo(*wrist)
        panel.lineTo(*edge[k])
        panel.lineTo(mx - 0.6 * ln * nx, my - 0.6 * ln * ny)
        panel.lineTo(*edge[k + 1])
        panel.close()
        panels.append(panel)
    bones = skia.Path()
    for tp in tips[1:]:
        bones.moveTo(*wrist)
        bones.quadTo(0.5 * (wrist[0] + tp[0]) + 0.03, 0.5 * (wrist[1] + tp[1]) - 0.03, tp[0], tp[1])
    bones.moveTo(*shoulder)
    bones.lineTo(*wrist)
    if p.curls:
        # A scroll in every cloud lobe, coiling towards the wrist.
        for mx, my, nx, ny, ln in lobes[:-1]:
            r = 0.2 * ln
            cx, cy = mx - 0.05 * ln * nx, my - 0.05 * ln * ny
            ang = math.atan2(-ny, -nx)
            bones.addPath(smooth_path(spiral(cx, cy, r, ang + 1.2, 1.2, 1.0), closed=False))
    return outline, panels, bones


def _scalloped(pts: list, lead: int) -> skia.Path:
    """Leading edge as a smooth curve, then scallops as arcs through their middles."""
    path = skia.Path()
    path.moveTo(*pts[0])
    lead_path = smooth_path(pts[:lead], closed=False, tension=1.0)
    path.addPath(lead_path, skia.Path.AddPathMode.kExtend_AddPathMode)
    i = lead
    while i + 1 < len(pts):
        mid, end = pts[i], pts[i + 1]
        path.quadTo(
            2 * mid[0] - 0.5 * (pts[i - 1][0] + end[0]),
            2 * mid[1] - 0.5 * (pts[i - 1][1] + end[1]),
            end[0],
            end[1],
        )
        i += 2
    path.close()
    return path


def _one_bat(p: BatParams, rng: np.random.Generator, t, lw: float, d) -> None:
    """Draw one bat in bat units (about 2.2 wide), head up, body on the origin.

    ``d`` is a :class:`Sketch` or a :class:`Transformed` view of one; ``lw`` is in
    bat units.
    """
    wing, panels, bones = _wing(p, rng)
    body = skia.Path()
    body.addOval(skia.Rect.MakeLTRB(-0.15, -0.2, 0.15, 0.3))
    tail = smooth_path([(-0.08, 0.22), (0.08, 0.22), (0.0, 0.42)], closed=True, tension=0.4)
    head = skia.Path()
    head.addOval(skia.Rect.MakeLTRB(-0.11, -0.34, 0.11, -0.15))
    ears = skia.Path()
    for sgn in (-1.0, 1.0):
        ears.addPath(
            smooth_path(
                [(sgn * 0.03, -0.3), (sgn * 0.1, -0.3), (sgn * 0.11, -0.4)],
                closed=True,
                tension=0.3,
            )
        )
    for part in (wing, mirrored(wing, 0.0)):
        d.fill(part, t["bat"])
    for k, panel in enumerate(panels):
        if k % 2 == 1:
            d.fill_clipped(wing, panel, t["panel"])
            d.fill_clipped(mirrored(wing, 0.0), mirrored(panel, 0.0), t["panel"])
    bones_both = skia.Path(bones)
    bones_both.addPath(mirrored(bones, 0.0))
    wings = union([wing, mirrored(wing, 0.0)])
    if lw > 0:
        d.stroke(bones_both, t["line"], 0.8 * lw)
        d.stroke(wings, t["line"], lw)
    figure = union([body, tail, head, ears])
    d.fill(figure, t["body"])
    if lw > 0:
        d.stroke(figure, t["line"], lw)
    eyes = skia.Path()
    eyes.addCircle(-0.045, -0.255, 0.018)
    eyes.addCircle(0.045, -0.255, 0.018)
    d.fill(eyes, t["line"])
    # A curl on the belly: the bat's body is drawn as a little cloud scroll too.
    belly = spiral(0.0, 0.06, 0.07, math.pi / 2, 1.2, 1.0)
    if lw > 0:
        d.stroke(smooth_path(belly, closed=False), t["line"], 0.8 * lw)


@operator(
    "motifs.bat",
    kind="vector",
    version=1,
    tags=(
        "bat",
        "blessing",
        "good fortune",
        "five blessings",
        "蝙蝠",
        "蝠",
        "福",
        "五福捧寿",
        "洪福",
        "云蝠",
    ),
)
def bat(p: BatParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Bat (蝠, *fu*): spread scalloped wings with cloud-scroll tips, exactly symmetric.

    Each wing is a smooth leading edge from the shoulder to the tip and a trailing
    edge of scallops bowing in between the finger ends; its membrane panels
    alternate two tones and the fingers fan out from the wrist as fine lines, each
    ending (with ``curls``) in a small scroll, the 云蝠 cloud-bat of Qing design. The
    right wing is drawn, the left is its mirror image, so the bat is exactly
    symmetric. Several bats fly round a centre, heads inwards; five of them round a
    roundel bearing 寿 (set in the bundled Kai font) make 五福捧寿, "the five
    blessings surround longevity". The generator varies the scallops and fingers.

    Meaning: 蝠 (*fu*, bat) sounds like 福 (*fu*, blessing); a red bat (红蝠) is
    洪福, vast blessing, and five bats the Five Blessings: long life, wealth,
    health, virtue and a peaceful end. Pair with coins (福在眼前), peaches and the
    寿 character, clouds, and the 卍 fret (万福, ten thousand blessings).

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. bat (蝠), five
    blessings (五福); Eberhard 1986, *A Dictionary of Chinese Symbols*, s.v. bat;
    Qing window carving with bats round 寿 (photo: window screen, Fayu Temple, in
    the ornament-photos set).
    """
    t = tones(p, palette)
    lw = p.line_width
    out = Sketch()
    if p.bats == 1:
        m = skia.Matrix()
        m.setScale(0.42, 0.42)
        m.postTranslate(0.5, 0.5)
        _one_bat(p, rng, t, lw / 0.42, Transformed(out, m))
        return out.finish(margin=0.01)
    n = p.bats
    radius = 0.32
    # Bats about 2.2 of their units wide, spaced round the ring with room between.
    size = min(0.2, 0.8 * (2.0 * math.pi * radius / n) / 2.2)
    if p.medallion:
        disc = skia.Path()
        disc.addCircle(0.5, 0.5, 0.15)
        out.fill(disc, t["medallion"])
        glyph = set_line("寿", size=0.2, anchor=(0.0, 0.0))
        x0, y0, x1, y1 = glyph.bounds
        g = skia.Path(glyph.path)
        gm = skia.Matrix()
        gm.setTranslate(0.5 - 0.5 * (x0 + x1), 0.5 - 0.5 * (y0 + y1))
        g.transform(gm)
        out.fill(g, t["bat"])
        out.stroke(g, t["bat"], 0.006)
        ring = skia.Path()
        ring.addCircle(0.5, 0.5, 0.13)
        out.stroke(ring, t["bat"], 0.006)
        if lw > 0:
            out.stroke(disc, t["line"], lw)
    for i in range(n):
        m = skia.Matrix()
        m.setScale(size, size)
        m.postRotate(180.0)  # head towards the centre
        m.postTranslate(0.0, -radius)
        m.postRotate(360.0 * i / n)
        m.postTranslate(0.5, 0.5)
        _one_bat(p, rng, t, lw / size, Transformed(out, m))
    return out.finish(margin=0.01)
