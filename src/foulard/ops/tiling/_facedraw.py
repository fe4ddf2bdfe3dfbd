"""Drawing periodic face tilings: layout in the design, colour classes, box-filtered edges.

Colours come from *classes*: a table over the faces of the basic cell and the
cells of a larger repeat (a 3-colouring of hexagons repeats every 3 cells, a random
colouring over the whole design), looked up per point. Drawing box-filters every
boundary over the pixel footprint: face over face (no line), face over line
(stroke), rounded and inset faces, and a second outline inside each face.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.tiling._common import turned_vectors, unturned
from foulard.ops.tiling._facefield import Face, FaceGeometry

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["Layout", "Prepared", "Style", "class_table", "draw_faces", "locate_faces"]


@dataclass(frozen=True)
class Layout:
    """Where the tiling sits in the design.

    ``repeats`` basic cells span the unit square across (down, when ``sideways``
    swaps the two directions); the pattern is turned by ``rotation`` degrees about
    the centre of the design. Colours repeat over ``mx x my`` basic cells (a
    *super-cell*).
    """

    cell: tuple[float, float]
    repeats: int
    rotation: float = 0.0
    mx: int = 1
    my: int = 1
    sideways: bool = False

    @property
    def scale(self) -> float:
        """Design units per lattice unit."""
        return 1.0 / (self.repeats * self.cell[0])

    def periods(self) -> list[tuple[float, float]]:
        """The super-cell's sides in design units, turned with the pattern."""
        s = self.scale
        sides = [(self.mx * self.cell[0] * s, 0.0), (0.0, self.my * self.cell[1] * s)]
        if self.sideways:
            sides = [(b, a) for a, b in sides]
        return turned_vectors(sides, self.rotation)

    def local(self, x: np.ndarray, y: np.ndarray):
        """Cell indices ``(i, j)`` in the super-cell and lattice coordinates ``(u, v)``."""
        x, y = unturned(x, y, self.rotation)
        if self.sideways:
            x, y = y, x
        cw, ch = self.cell
        s = self.scale
        big_u = wrap01(x * (1.0 / (self.mx * cw * s))) * self.mx
        big_v = wrap01(y * (1.0 / (self.my * ch * s))) * self.my
        i = np.floor(big_u)
        j = np.floor(big_v)
        return i.astype(np.int64), j.astype(np.int64), (big_u - i) * cw, (big_v - j) * ch


@dataclass(frozen=True)
class Style:
    """How faces are drawn (lengths in design units)."""

    line_width: float = 0.0
    corner_radius: float = 0.0
    double_gap: float = 0.0
    fill: bool = True


class Prepared:
    """Geometry, layout, class table and inset shapes of one operator node."""

    def __init__(self, geo: FaceGeometry, layout: Layout, table: np.ndarray, style: Style):
        self.geo = geo
        self.layout = layout
        self.table = table
        self.style = style
        s = layout.scale
        self.inset = None
        if style.corner_radius > 0.0:
            self.inset = geo.inset_polygons((0.5 * style.line_width + style.corner_radius) / s)
        # How far from an edge lines, outlines and rounded corners reach (design
        # units): deeper than ``line/2 + radius`` a rounded face is the plain inset one.
        reach = style.corner_radius
        if style.double_gap > 0.0:
            reach = max(reach, style.double_gap + style.line_width)
        self.margin = 0.5 * style.line_width + reach


def locate_faces(prep: Prepared, x: np.ndarray, y: np.ndarray):
    """For 1-D points: each one's face class and its offset from the face's centre.

    The offset is in lattice units (the tiling's own frame, before the turn), for
    operators that draw a motif inside every face (Truchet tiles on hexagons).
    """
    geo, lay = prep.geo, prep.layout
    i, j, u, v = lay.local(x, y)
    fc = geo.locate(u, v)
    sh = geo.copy_shift[fc]
    cls = prep.table[geo.copy_face[fc], (i + sh[:, 0]) % lay.mx, (j + sh[:, 1]) % lay.my]
    cw, ch = geo.cell
    centre = geo.face_centres[geo.copy_face[fc]] + sh * np.array([cw, ch])
    return cls, u - centre[:, 0], v - centre[:, 1]


def class_table(
    geo: FaceGeometry,
    mx: int,
    my: int,
    classify: Callable[[Face], int],
) -> np.ndarray:
    """``(faces, mx, my)`` classes: ``classify`` of each face moved to each cell."""
    cw, ch = geo.cell
    out = np.empty((len(geo.faces), mx, my), np.int64)
    for f, face in enumerate(geo.faces):
        for i in range(mx):
            for j in range(my):
                out[f, i, j] = classify(face.moved(i * cw, j * ch))
    return out


def draw_faces(
    call: Call,
    prep: Prepared,
    colors: np.ndarray,
    line_rgb: Sequence[float],
) -> np.ndarray:
    """Premultiplied RGBA of the tiling at the call's points (``colors[class]`` fills)."""
    colors = np.asarray(colors, np.float64)
    line = np.asarray(line_rgb, np.float64)
    return chunked(
        lambda x, y: _kernel(x, y, call.footprint, prep, colors, line), call.x, call.y, 4
    )


def _cov(sd: np.ndarray, fp: float) -> np.ndarray:
    """Box-filtered coverage of the region ``sd < 0`` (sd in design units)."""
    return np.clip(0.5 - sd / fp, 0.0, 1.0)


def _kernel(x, y, footprint, prep: Prepared, colors, line) -> np.ndarray:
    geo, lay, st = prep.geo, prep.layout, prep.style
    fp = max(float(footprint), 1e-9)
    s = lay.scale
    i, j, u, v = lay.local(x, y)
    b = geo.bin_of(u, v)
    fc = geo.locate(u, v, b)
    sh = geo.copy_shift[fc]
    cls = prep.table[geo.copy_face[fc], (i + sh[:, 0]) % lay.mx, (j + sh[:, 1]) % lay.my]
    out = np.empty((x.size, 4), np.float32)
    if st.fill:
        out[:, :3] = colors[cls]
        out[:, 3] = 1.0
    else:
        out[:] = 0.0
    # Points deeper inside their face than any line or outline reaches keep the fill.
    near = np.flatnonzero(geo.bin_depth[b] * s < prep.margin + 0.5 * fp)
    if near.size == 0:
        return out
    u, v, i, j, fc = u[near], v[near], i[near], j[near], fc[near]
    pl = geo.planes[fc]
    d = pl[..., 0] * u[:, None] + pl[..., 1] * v[:, None] - pl[..., 2]
    e = d.argmax(axis=1)
    t = -d[np.arange(d.shape[0]), e] * s  # distance to the nearest edge, design units
    half = 0.5 * st.line_width
    sd_tile = half - t
    if prep.inset is not None:
        r = st.corner_radius / s
        k = np.flatnonzero(t < half + st.corner_radius + fp)  # where rounding can show
        sd_tile[k] = (_rounded_sd(prep.inset, fc[k], d[k], u[k], v[k], half / s + r) - r) * s
    tile = _cov(sd_tile, fp)
    other = np.clip((0.5 * fp - t - half) / fp, 0.0, 1.0)
    if st.double_gap > 0.0:
        g = st.double_gap
        tile = tile - (_cov(sd_tile + g, fp) - _cov(sd_tile + g + st.line_width, fp))
    ink = np.clip(1.0 - tile - other, 0.0, 1.0)
    if st.fill:
        rgb = tile[:, None] * colors[cls[near]] + ink[:, None] * line
        seen = np.flatnonzero(other > 0.0)
        if seen.size:
            # The face across the nearest edge shows in the pixel: find it at the
            # point's mirror image in that edge.
            k = e[seen]
            nrm = pl[seen, k, :2]
            step = 2.0 * (t[seen] / s)
            us, vs = u[seen], v[seen]
            ncls, nfc, du, dv = _class_at(
                prep, i[seen], j[seen], us + step * nrm[:, 0], vs + step * nrm[:, 1]
            )
            if prep.inset is not None:
                # The neighbour's face is rounded too: its own distance from the point.
                r = st.corner_radius / s
                un, vn = us - du, vs - dv
                npl = geo.planes[nfc]
                nd = npl[..., 0] * un[:, None] + npl[..., 1] * vn[:, None] - npl[..., 2]
                nsd = (_rounded_sd(prep.inset, nfc, nd, un, vn, half / s + r) - r) * s
                other[seen] = _cov(nsd, fp)
                ink = np.clip(1.0 - tile - other, 0.0, 1.0)
                rgb = tile[:, None] * colors[cls[near]] + ink[:, None] * line
            rgb[seen] += other[seen, None] * colors[ncls]
        out[near, :3] = rgb
    else:
        out[near, :3] = ink[:, None] * line
        out[near, 3] = ink
    return out


def _class_at(prep: Prepared, i, j, u, v):
    """Classes at lattice points ``(u, v)`` given from cell ``(i, j)`` (may leave it).

    Also returns the face copies found and the shifts ``(du, dv)`` (lattice units)
    that brought the points back into the basic cell.
    """
    geo, lay = prep.geo, prep.layout
    cw, ch = geo.cell
    di, dj = np.floor(u / cw), np.floor(v / ch)
    uu = np.clip(u - di * cw, 0.0, np.nextafter(cw, 0.0))
    vv = np.clip(v - dj * ch, 0.0, np.nextafter(ch, 0.0))
    i = i + di.astype(np.int64)
    j = j + dj.astype(np.int64)
    fc = geo.locate(uu, vv)
    sh = geo.copy_shift[fc]
    cls = prep.table[geo.copy_face[fc], (i + sh[:, 0]) % lay.mx, (j + sh[:, 1]) % lay.my]
    return cls, fc, di * cw, dj * ch


def _rounded_sd(inset, fc, d, u, v, offset) -> np.ndarray:
    """Signed distance (lattice units) to each point's face shrunk by ``offset``."""
    sd = d.max(axis=1) + offset  # exact inside the shrunk face
    out = np.flatnonzero(sd >= 0.0)
    if out.size:
        start, step, inv = (a[fc[out]] for a in inset)
        px = u[out, None] - start[..., 0]
        py = v[out, None] - start[..., 1]
        tt = np.clip((px * step[..., 0] + py * step[..., 1]) * inv, 0.0, 1.0)
        dx = px - tt * step[..., 0]
        dy = py - tt * step[..., 1]
        sd[out] = np.sqrt((dx * dx + dy * dy).min(axis=1))
    return sd
