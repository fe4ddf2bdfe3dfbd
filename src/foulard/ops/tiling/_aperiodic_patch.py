"""Patches of non-periodic tilings: polygons in design units, drawn as one vector drawing.

Aperiodic tilings (Penrose, Ammann-Beenker, pinwheel, hat, spectre, multigrid) are
built once per node as a finite patch that covers :data:`BOUNDS` (the unit square
and a hem margin). Builders work in their own tile units and hand over polygons;
:func:`place` maps them into design units (scale, turn, position), :func:`cull`
drops what cannot show, and :func:`patch_drawing` paints them.

Painting is built for thousands of tiles: the grout is the ground (the line colour
fills the bounds) and each tile is filled *inset* by half the line width, so no
stroke is ever computed; fills are grouped by colour and by a coarse grid of
buckets, one skia path each, recorded as a picture. A rasterised tile then replays
only the buckets that meet it (skia rejects the others by their bounds).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette

__all__ = [
    "BOUNDS",
    "Arcs",
    "Lines",
    "Patch",
    "cover_radius",
    "cull",
    "disc_offset",
    "inflation_steps",
    "inset",
    "patch_drawing",
    "place",
    "place_complex",
    "place_copies",
    "polygon_areas",
    "window_origin",
]

BOUNDS = (-0.1, -0.1, 1.1, 1.1)
CENTRE = (0.5, 0.5)
_BUCKETS = 8


def cover_radius(margin: float = 0.0) -> float:
    """Radius about the design centre that holds :data:`BOUNDS` (plus ``margin``)."""
    x0, y0, x1, y1 = BOUNDS
    dx = max(CENTRE[0] - x0, x1 - CENTRE[0])
    dy = max(CENTRE[1] - y0, y1 - CENTRE[1])
    return math.hypot(dx, dy) + margin


def polygon_areas(polys: np.ndarray) -> np.ndarray:
    """Signed areas of polygons ``(n, k, 2)`` (positive when counter-clockwise, y up)."""
    x, y = polys[..., 0], polys[..., 1]
    return 0.5 * np.sum(x * np.roll(y, -1, axis=-1) - y * np.roll(x, -1, axis=-1), axis=-1)


@dataclass
class Arcs:
    """Circular arcs: class, centre ``(n, 2)``, radius, start and sweep (degrees)."""

    classes: np.ndarray
    centres: np.ndarray
    radii: np.ndarray
    starts: np.ndarray
    sweeps: np.ndarray

    @classmethod
    def through(cls, classes, centres, starts, ends) -> Arcs:
        """Arcs about ``centres`` from ``starts`` to ``ends`` (the shorter way round)."""
        d0 = starts - centres
        d1 = ends - centres
        a0 = np.degrees(np.arctan2(d0[:, 1], d0[:, 0]))
        a1 = np.degrees(np.arctan2(d1[:, 1], d1[:, 0]))
        sweep = (a1 - a0 + 180.0) % 360.0 - 180.0
        return cls(np.asarray(classes), centres, np.hypot(d0[:, 0], d0[:, 1]), a0, sweep)


@dataclass
class Lines:
    """Straight segments: class and end points ``(n, 2)`` each."""

    classes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


@dataclass
class Patch:
    """Tiles of a patch: polygons ``(n, k, 2)`` (design units), kinds and colour classes.

    ``arcs`` are decorations drawn as bands along circular arcs (matching arcs),
    ``lines`` decorations drawn along straight segments (Ammann bars).
    """

    polygons: np.ndarray
    kinds: np.ndarray
    classes: np.ndarray
    arcs: Arcs | None = None
    lines: Lines | None = None

    def __len__(self) -> int:
        return len(self.polygons)


def place(
    points: np.ndarray, *, scale: float, rotation: float, origin: Sequence[float]
) -> np.ndarray:
    """Tile units to design units: ``CENTRE + R(rotation) (scale * (p - origin))``.

    ``origin`` is the tile-unit point that lands on the design centre; ``rotation``
    turns clockwise on screen (y down), in degrees.
    """
    a = math.radians(rotation)
    c, s = math.cos(a), math.sin(a)
    q = (np.asarray(points, np.float64) - np.asarray(origin, np.float64)) * scale
    out = np.empty_like(q)
    out[..., 0] = c * q[..., 0] - s * q[..., 1] + CENTRE[0]
    out[..., 1] = s * q[..., 0] + c * q[..., 1] + CENTRE[1]
    return out


def cull(polys: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """Indices of the polygons ``(n, k, 2)`` whose box meets :data:`BOUNDS` + ``margin``."""
    x0, y0, x1, y1 = BOUNDS
    lo = polys.min(axis=1)
    hi = polys.max(axis=1)
    ok = (lo[:, 0] <= x1 + margin) & (hi[:, 0] >= x0 - margin)
    ok &= (lo[:, 1] <= y1 + margin) & (hi[:, 1] >= y0 - margin)
    return np.flatnonzero(ok)


def place_complex(z: np.ndarray, *, scale: float, rotation: float, origin: complex) -> np.ndarray:
    """:func:`place` for tile-unit points given as complex numbers."""
    return place(
        np.stack([z.real, z.imag], axis=-1),
        scale=scale,
        rotation=rotation,
        origin=(origin.real, origin.imag),
    )


def place_copies(
    maps: np.ndarray,
    outline: np.ndarray,
    line_width: float,
    *,
    scale: float,
    rotation: float,
    origin: Sequence[float],
) -> tuple[np.ndarray, np.ndarray]:
    """Copies of ``outline`` ``(k, 2)`` by the affine maps ``maps`` ``(n, 2, 3)``, placed.

    Returns the polygons that can show (design units) and their indices in ``maps``.
    """
    polys = np.einsum("nij,kj->nki", maps[:, :, :2], outline) + maps[:, None, :, 2]
    pts = place(polys, scale=scale, rotation=rotation, origin=origin)
    keep = cull(pts, line_width)
    return pts[keep], keep


def disc_offset(rng: np.random.Generator, radius: float) -> np.ndarray:
    """A random point of the disc of ``radius`` about the origin (uniform over its area)."""
    angle = 2.0 * math.pi * rng.random()
    return radius * math.sqrt(rng.random()) * np.array([math.cos(angle), math.sin(angle)])


def window_origin(rng: np.random.Generator, radius: float, centred: bool) -> complex:
    """The tile-unit point that lands on the design centre: 0 when ``centred``.

    Otherwise random: a distance up to ``radius`` is drawn first, then the cosine and
    the sine of two separate turns (so not quite on one circle; the Penrose and
    Ammann-Beenker windows have always been drawn so).
    """
    if centred:
        return 0j
    r = radius * math.sqrt(rng.random())
    return r * complex(math.cos(2 * math.pi * rng.random()), math.sin(2 * math.pi * rng.random()))


def inflation_steps(radius: float, inflation: float) -> int:
    """Inflations (one at least) that grow a unit-sized patch to ``radius``."""
    return max(1, math.ceil(math.log(radius) / math.log(inflation)))


def inset(polys: np.ndarray, d: float) -> np.ndarray:
    """Polygons ``(n, k, 2)`` with every edge moved ``d`` inwards (mitred corners).

    Works for convex and for mildly concave polygons (darts, hats) as long as ``d``
    is small against the edges, which the callers' ranges keep.
    """
    if d <= 0:
        return polys
    sign = np.sign(polygon_areas(polys))[:, None, None]
    e_next = np.roll(polys, -1, axis=1) - polys
    e_next /= np.linalg.norm(e_next, axis=-1, keepdims=True)
    # Inward normal of each edge: left of the edge for counter-clockwise polygons.
    n_next = np.stack([-e_next[..., 1], e_next[..., 0]], axis=-1) * sign
    n_prev = np.roll(n_next, 1, axis=1)
    denom = 1.0 + np.sum(n_prev * n_next, axis=-1, keepdims=True)
    return polys + d * (n_prev + n_next) / np.maximum(denom, 1e-3)


def _buckets(points: np.ndarray) -> np.ndarray:
    """Bucket index of points ``(n, 2)`` on a coarse grid over the bounds."""
    x0, y0, x1, y1 = BOUNDS
    bx = np.clip(((points[:, 0] - x0) / (x1 - x0) * _BUCKETS).astype(np.int64), 0, _BUCKETS - 1)
    by = np.clip(((points[:, 1] - y0) / (y1 - y0) * _BUCKETS).astype(np.int64), 0, _BUCKETS - 1)
    return by * _BUCKETS + bx


def _polygon_path(polys: np.ndarray) -> skia.Path:
    path = skia.Path()
    for poly in polys.tolist():
        path.moveTo(*poly[0])
        for x, y in poly[1:]:
            path.lineTo(x, y)
        path.close()
    return path


def patch_drawing(
    patch: Patch,
    roles: np.ndarray,
    palette: Palette,
    *,
    line_role: int,
    line_width: float,
    decoration_roles: Sequence[int] = (),
    decoration_width: float = 0.0,
) -> Drawing:
    """The patch painted: grout as ground, inset fills by palette role, then decorations.

    Without grout the ground is the most common fill colour, so the hairline where
    two anti-aliased fills meet shows a tile colour, not the transparent ground.
    """
    recorder = skia.PictureRecorder()
    x0, y0, x1, y1 = BOUNDS
    canvas = recorder.beginRecording(skia.Rect.MakeLTRB(x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5))
    roles = np.asarray(roles, np.int64)
    if line_width > 0 or not len(roles):
        ground = line_role
    else:
        values, counts = np.unique(roles, return_counts=True)
        ground = int(values[np.argmax(counts)])
    canvas.drawRect(skia.Rect.MakeLTRB(x0, y0, x1, y1), Drawing.paint(palette.role(ground)))
    if len(patch):
        polys = inset(patch.polygons, 0.5 * line_width)
        bucket = _buckets(patch.polygons.mean(axis=1))
        for role in np.unique(roles):
            paint = Drawing.paint(palette.role(int(role)))
            mine = roles == role
            for b in np.unique(bucket[mine]):
                canvas.drawPath(_polygon_path(polys[mine & (bucket == b)]), paint)
    if decoration_width > 0 and patch.arcs is not None and len(patch.arcs.radii):
        _draw_arcs(canvas, patch.arcs, palette, decoration_roles, decoration_width)
    if decoration_width > 0 and patch.lines is not None and len(patch.lines.classes):
        _draw_lines(canvas, patch.lines, palette, decoration_roles, decoration_width)
    picture = recorder.finishRecordingAsPicture()
    d = Drawing(BOUNDS)
    d.custom(lambda c: c.drawPicture(picture))
    return d


def _draw_arcs(canvas, arcs: Arcs, palette, roles, width: float) -> None:
    """Each arc as a filled annular sector ``width`` wide (no stroker at raster time)."""
    h = 0.5 * width
    mid = arcs.centres + arcs.radii[:, None] * np.stack(
        [
            np.cos(np.radians(arcs.starts + 0.5 * arcs.sweeps)),
            np.sin(np.radians(arcs.starts + 0.5 * arcs.sweeps)),
        ],
        axis=1,
    )
    bucket = _buckets(mid)
    cls = np.asarray(arcs.classes) % len(roles)
    for c in np.unique(cls):
        paint = Drawing.paint(palette.role(roles[int(c)]))
        for b in np.unique(bucket[cls == c]):
            path = skia.Path()
            sel = np.flatnonzero((cls == c) & (bucket == b))
            for (cx, cy), r, a0, sw in zip(
                arcs.centres[sel].tolist(),
                arcs.radii[sel].tolist(),
                arcs.starts[sel].tolist(),
                arcs.sweeps[sel].tolist(),
                strict=True,
            ):
                ro, ri = r + h, max(r - h, 0.0)
                path.arcTo(skia.Rect.MakeLTRB(cx - ro, cy - ro, cx + ro, cy + ro), a0, sw, True)
                path.arcTo(
                    skia.Rect.MakeLTRB(cx - ri, cy - ri, cx + ri, cy + ri), a0 + sw, -sw, False
                )
                path.close()
            canvas.drawPath(path, paint)


def _draw_lines(canvas, lines: Lines, palette, roles, width: float) -> None:
    """Each segment as a filled rectangle ``width`` wide."""
    d = lines.ends - lines.starts
    n = np.stack([-d[:, 1], d[:, 0]], axis=1)
    n *= (0.5 * width) / np.maximum(np.hypot(n[:, 0], n[:, 1]), 1e-12)[:, None]
    quads = np.stack([lines.starts + n, lines.ends + n, lines.ends - n, lines.starts - n], axis=1)
    bucket = _buckets(0.5 * (lines.starts + lines.ends))
    cls = np.asarray(lines.classes) % len(roles)
    for c in np.unique(cls):
        paint = Drawing.paint(palette.role(roles[int(c)]))
        for b in np.unique(bucket[cls == c]):
            canvas.drawPath(_polygon_path(quads[(cls == c) & (bucket == b)]), paint)
