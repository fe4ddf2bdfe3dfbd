"""Arabesque (islimi): spiral scrolls with split-leaf terminals, repeated in a kaleidoscope."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix, placed, stroke_outline
from foulard.ops.ornament._west import leaf_blade, poly_path, ribbon, volute_line
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class ArabesqueParams(Params):
    symmetry: int = param(4, range=(2, 8), doc="mirror lines of the kaleidoscope (D_n)")
    depth: int = param(2, range=(0, 3), doc="generations of offshoot scrolls")
    curl: float = param(1.2, range=(0.5, 2.0), doc="turns of each scroll", unit="turns")
    leafiness: float = param(0.7, range=(0.0, 1.0), doc="how many split leaves sit on the scrolls")
    frame: str = param("circle", choices=("circle", "square"), doc="the medallion's outline")
    ground: bool = param(True, doc="fill the medallion with the ground role")
    stem_width: float = param(0.014, range=(0.004, 0.03), doc="stem width", unit="motif units")
    outline: float = param(0.003, range=(0.0, 0.01), doc="outline width", unit="motif units")
    stem_color: int = param(3, range=(0, 47), doc="palette role of the scrolls")
    leaf_color: int = param(2, range=(0, 47), doc="palette role of the split leaves")
    flower_color: int = param(4, range=(0, 47), doc="palette role of the flowers")
    ground_color: int = param(1, range=(0, 47), doc="palette role of the medallion ground")
    line_color: int = param(0, range=(0, 47), doc="palette role of the outlines")


def tones(p: ArabesqueParams, palette: Palette) -> dict[str, RGB]:
    """Every colour an arabesque paints: its five roles and one fixed mix.

    Leaves carry an inner vein of the leaf role mixed with white by 0.45.
    """
    leaf = palette.role(p.leaf_color)
    return {
        "stem": palette.role(p.stem_color),
        "leaf": leaf,
        "leaf_light": mix(leaf, WHITE, 0.45),
        "flower": palette.role(p.flower_color),
        "ground": palette.role(p.ground_color),
        "line": palette.role(p.line_color),
    }


def _rumi(x: float, y: float, heading: float, size: float) -> tuple[skia.Path, skia.Path]:
    """A split leaf (rumi): two hooked lobes opening from a stalk, and its inner vein."""
    shape = skia.Path()
    vein = skia.Path()
    for side in (-1.0, 1.0):
        lobe = skia.Path()
        lobe.moveTo(0.0, 0.0)
        lobe.cubicTo(
            0.35 * size,
            side * 0.5 * size,
            0.9 * size,
            side * 0.55 * size,
            1.1 * size,
            side * 0.15 * size,
        )
        lobe.cubicTo(
            0.95 * size,
            side * 0.3 * size,
            0.7 * size,
            side * 0.2 * size,
            0.55 * size,
            side * 0.05 * size,
        )
        lobe.cubicTo(0.4 * size, side * 0.02 * size, 0.2 * size, side * 0.02 * size, 0.0, 0.0)
        lobe.close()
        shape.addPath(placed(lobe, x, y, heading + side * 0.25))
        inner = skia.Path()
        inner.moveTo(0.15 * size, side * 0.06 * size)
        inner.quadTo(0.6 * size, side * 0.32 * size, 0.95 * size, side * 0.2 * size)
        vein.addPath(placed(inner, x, y, heading + side * 0.25))
    return shape, vein


def _hatayi(x: float, y: float, size: float, petals: int) -> skia.Path:
    """A small palmette flower seen from above (hatayi)."""
    path = skia.Path()
    for i in range(petals):
        a = 2 * math.pi * i / petals
        path.addPath(placed(leaf_blade(size, 0.7 * size, point=0.2), x, y, a))
    return path


class _Growth:
    """Scrolls grown recursively inside one wedge of the kaleidoscope."""

    def __init__(self, p: ArabesqueParams, rng: np.random.Generator):
        self.p, self.rng = p, rng
        self.stems: list[np.ndarray] = []
        self.widths: list[np.ndarray] = []
        self.leaves: list[tuple[float, float, float, float]] = []
        self.flowers: list[tuple[float, float, float]] = []

    def grow(self, x, y, heading, rho, depth, turn, width) -> None:
        p, rng = self.p, self.rng
        curl = p.curl * (0.8 + 0.4 * rng.random())
        line = volute_line(x, y, heading, rho, curl, 0.35**curl, turn, samples=120)
        self.stems.append(line)
        self.widths.append(width * np.linspace(1.0, 0.55, len(line)))
        end = line[-1]
        d = line[-1] - line[-6]
        if depth == 0 or rng.random() < 0.35:
            self.flowers.append((float(end[0]), float(end[1]), 1.3 * rho * 0.35**curl + 0.01))
        else:
            self.leaves.append((float(end[0]), float(end[1]), math.atan2(d[1], d[0]), 0.9 * rho))
        if depth > 0:
            for frac in (0.25, 0.55):
                i = int(frac * (len(line) - 1))
                t = line[i + 1] - line[i - 1]
                h = math.atan2(t[1], t[0]) - turn * (0.5 + 0.3 * rng.random())
                self.grow(line[i, 0], line[i, 1], h, 0.55 * rho, depth - 1, -turn, 0.75 * width)
        # Split leaves along the scroll, on its outer side.
        for frac in (0.15, 0.4, 0.7):
            if rng.random() < p.leafiness:
                i = int(frac * (len(line) - 1))
                t = line[i + 1] - line[i - 1]
                h = math.atan2(t[1], t[0]) - turn * 1.0
                self.leaves.append((float(line[i, 0]), float(line[i, 1]), h, 0.5 * rho))


@operator(
    "ornament.arabesque",
    kind="vector",
    version=1,
    tags=(
        "arabesque",
        "islimi",
        "moresque",
        "persian",
        "scroll",
        "kaleidoscope",
        "阿拉伯花纹",
        "蔓藤花纹",
        "波斯纹样",
        "卷草",
    ),
)
def arabesque(p: ArabesqueParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Arabesque (islimi): spiral scrolls ending in split leaves, in a D_n kaleidoscope.

    In one wedge of the medallion (angle ``pi / symmetry``) two scrolls spring from
    near the centre; each is a volute (its curvature grows as it winds ``curl``
    turns) and throws two counter-winding offshoots, for ``depth`` generations, as
    in the islimi of Persian and Ottoman ornament. Scrolls end in a split leaf
    (rumi, two hooked lobes) or a small palmette flower (hatayi), and split leaves
    also sit along the scrolls (``leafiness``). The wedge is clipped and repeated by
    the dihedral group D_n (rotations by 2 pi / n and mirrors), so shapes cut at a
    mirror continue into their reflection: a kaleidoscope that joins without
    seams. A round or square frame and an optional ground close the medallion.
    Colours: the roles and mix listed by :func:`tones`.

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament*, pl. XXXI-XLIII (Arabian, Moresque
    and Persian ornament); Riegl 1893, *Stilfragen*, ch. 4 (the arabesque);
    Wong, Zongker & Salesin 1998, "Computer-generated floral ornament", SIGGRAPH.
    """
    t = tones(p, palette)
    n = p.symmetry
    wedge_angle = math.pi / n
    c = 0.5
    radius = 0.47
    grow = _Growth(p, rng)
    mid = 0.5 * wedge_angle
    for k in range(2):
        a = mid + (0.3 * k - 0.15) * wedge_angle
        r0 = 0.07 + 0.17 * k
        x, y = c + r0 * math.cos(a), c + r0 * math.sin(a)
        heading = a + (0.35 if k == 0 else -0.5) + 0.2 * rng.normal()
        rho = (0.16 - 0.03 * k) * (1.0 + 0.1 * rng.normal())
        grow.grow(x, y, heading, rho, p.depth, 1.0 if k == 0 else -1.0, p.stem_width)
    # The wedge, and everything drawn in it.
    wedge = skia.Path()
    wedge.moveTo(c, c)
    big = 2.0
    for a in np.linspace(0.0, wedge_angle, 16):
        wedge.lineTo(c + big * math.cos(a), c + big * math.sin(a))
    wedge.close()
    lw = p.outline
    stems = skia.Path()
    for line, w in zip(grow.stems, grow.widths, strict=True):
        stems.addPath(poly_path(ribbon(line, w), closed=True))
    leaves = skia.Path()
    veins = skia.Path()
    for x, y, h, s in grow.leaves:
        shape, vein = _rumi(x, y, h, s)
        leaves.addPath(shape)
        veins.addPath(vein)
    flowers = skia.Path()
    for x, y, s in grow.flowers:
        flowers.addPath(_hatayi(x, y, s, 6))
    frame = skia.Path()
    if p.frame == "circle":
        frame.addCircle(c, c, radius)
    else:
        frame.addRect(c - radius, c - radius, c + radius, c + radius)
    # Clip each layer to the wedge once (a path boolean), then lay out its 2n images:
    # the kaleidoscope is plain geometry, cheap to rasterise at any resolution.
    veins_fill = stroke_outline(veins, max(lw, 0.002))
    copies = []
    for i in range(n):
        for mirror in (False, True):
            m = skia.Matrix()
            if mirror:
                m.setScale(1.0, -1.0, c, c)
            m.postRotate(math.degrees(2 * wedge_angle * i), c, c)
            copies.append(m)
    d = Sketch()
    if p.ground:
        d.fill(frame, t["ground"])
    for path, tone, outlined in (
        (stems, "stem", True),
        (leaves, "leaf", True),
        (veins_fill, "leaf_light", False),
        (flowers, "flower", True),
    ):
        piece = _clip(path, wedge)
        whole = skia.Path()
        for m in copies:
            copy = skia.Path(piece)
            copy.transform(m)
            whole.addPath(copy)
        whole = _clip(whole, frame)
        if outlined and lw > 0:
            d.stroke(whole, t["line"], 2 * lw)
        d.fill(whole, t[tone])
    d.stroke(frame, t["stem"], 0.012)
    if lw > 0:
        for off in (-0.006, 0.006):
            edge = skia.Path()
            r = radius + off
            if p.frame == "circle":
                edge.addCircle(c, c, r)
            else:
                edge.addRect(c - r, c - r, c + r, c + r)
            d.stroke(edge, t["line"], lw)
    return d.finish(margin=0.005)


def _clip(path: skia.Path, clip: skia.Path) -> skia.Path:
    """``path`` intersected with ``clip``, contour by contour.

    A contour whose boolean fails (a tight spiral's ribbon can cross itself) is
    first simplified; if that fails too it is kept only when it lies inside ``clip``.
    """
    out = skia.Path()
    box = clip.computeTightBounds()
    for contour in _contours(path):
        bounds = contour.computeTightBounds()
        if clip.conservativelyContainsRect(bounds):
            out.addPath(contour)  # wholly inside: nothing to cut
            continue
        if not skia.Rect.Intersects(box, bounds):
            continue  # wholly outside
        for attempt in (contour, None):
            try:
                src = contour if attempt is not None else skia.Simplify(contour)
                out.addPath(skia.Op(src, clip, skia.PathOp.kIntersect_PathOp))
                break
            except RuntimeError:
                continue
        else:
            if clip.contains(*_centre(contour)) and clip.conservativelyContainsRect(
                contour.computeTightBounds()
            ):
                out.addPath(contour)
    return out


def _contours(path: skia.Path) -> list[skia.Path]:
    out = []
    it = skia.Path.Iter(path, False)
    current = None
    while True:
        verb, pts = it.next()
        if verb == skia.Path.Verb.kDone_Verb:
            break
        if verb == skia.Path.Verb.kMove_Verb:
            current = skia.Path()
            out.append(current)
            current.moveTo(pts[0])
        elif verb == skia.Path.Verb.kLine_Verb:
            current.lineTo(pts[1])
        elif verb == skia.Path.Verb.kQuad_Verb:
            current.quadTo(pts[1], pts[2])
        elif verb == skia.Path.Verb.kConic_Verb:
            current.conicTo(pts[1], pts[2], it.conicWeight())
        elif verb == skia.Path.Verb.kCubic_Verb:
            current.cubicTo(pts[1], pts[2], pts[3])
        elif verb == skia.Path.Verb.kClose_Verb:
            current.close()
    return out


def _centre(path: skia.Path) -> tuple[float, float]:
    b = path.computeTightBounds()
    return b.centerX(), b.centerY()
