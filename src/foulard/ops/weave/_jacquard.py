"""Figured cloth: a motif input decides, cell by cell, what the loom does (jacquard).

A jacquard loom lifts every end on its own, so a figure is woven by choosing, for
each crossing, the structure of the figure or of the ground. Here the motif input is
sampled at the centre of every thread cell (with the cell as footprint) and
thresholded, so the figure is drawn in whole threads as on the loom. The cells a
pixel needs, and their neighbours (for the float ends), are sampled once per chunk
of points: on the lattice of cells around the chunk when it is compact, else cell
by cell.

When a pixel spans many cells the weave is averaged away: the cloth is then the
mean of the ground cloth and the figure cloth, mixed by the share of the pixel that
is figure (the motif thresholded at 2 x 2 points of the pixel).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from foulard.ops._common.channels import as_value, opaque
from foulard.ops._common.chunks import chunked
from foulard.ops.weave._cloth import (
    DB,
    DL,
    DR,
    DT,
    UP,
    Cells,
    Look,
    filter_cells,
    look_of,
    tone_tables,
)
from foulard.ops.weave._repeat import SAT_CELLS, PeriodicCloth

__all__ = [
    "FIGURE",
    "READS",
    "Loom",
    "figured_render",
    "figured_states",
    "motif_coverage",
    "weave_figured",
]

FIGURE = 2  # state bit: the cell is in the figure
_LATTICE_SLACK = 4  # lattice used while it has at most this many cells per point (+ 64k)


READS = ("alpha", "lightness")


def motif_coverage(call: Any, name: str, x, y, footprint: float, read: str = "alpha") -> np.ndarray:
    """Coverage of a motif input in [0, 1].

    ``alpha``: the coverage of a colour input (a value input is its own coverage);
    ``lightness``: its luminance, so the light parts of an opaque pattern are figure.
    """
    v = call.input(name, x, y, footprint)
    if v.shape[-1] == 4 and read == "alpha":
        return np.clip(v[..., 3], 0.0, 1.0)
    return np.clip(as_value(v)[..., 0], 0.0, 1.0)


StateFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


class _FiguredCells(Cells):
    """Cells whose states (``UP`` and ``FIGURE`` bits) come from a lookup."""

    def __init__(self, lookup, warp_rgb, weft_rgb, figure_weft_rgb):
        self.lookup = lookup
        self.warp_rgb = warp_rgb
        self.weft_rgb = weft_rgb
        self.figure_weft_rgb = figure_weft_rgb

    def cell(self, col, row):
        i, j = col, row
        s = self.lookup(i, j)
        up = (s & UP) != 0
        code = up.astype(np.uint8) * UP
        code |= (up & ((self.lookup(i, j - 1) & UP) == 0)).astype(np.uint8) * DT
        code |= (up & ((self.lookup(i, j + 1) & UP) == 0)).astype(np.uint8) * DB
        code |= (~up & ((self.lookup(i - 1, j) & UP) != 0)).astype(np.uint8) * DL
        code |= (~up & ((self.lookup(i + 1, j) & UP) != 0)).astype(np.uint8) * DR
        return code, None

    def warp(self, col, row):
        return self.warp_rgb

    def weft(self, col, row):
        if self.figure_weft_rgb is None:
            return self.weft_rgb
        fig = (self.lookup(col, row) & FIGURE) != 0
        return np.where(fig[:, None], self.figure_weft_rgb, self.weft_rgb)


def _lattice_lookup(ilo: int, jlo: int, states: np.ndarray):
    w = states.shape[1]
    flat = states.ravel()

    def lookup(i, j):
        return flat.take((j - jlo) * w + (i - ilo))

    return lookup


def _unique_lookup(i_all: np.ndarray, j_all: np.ndarray, state_fn: StateFn):
    keys = np.unique(np.stack([j_all, i_all], axis=1), axis=0)
    states = state_fn(keys[:, 1], keys[:, 0])
    # One int64 key per cell, sorted as the rows of ``keys`` are.
    shift = int(i_all.min()) - 1
    span = int(i_all.max()) - shift + 2
    packed = keys[:, 0] * span + (keys[:, 1] - shift)

    def lookup(i, j):
        return states[np.searchsorted(packed, j * span + (i - shift))]

    return lookup


def cell_lookup(i0: np.ndarray, j0: np.ndarray, nx: int, ny: int, state_fn: StateFn):
    """A lookup of cell states for the boxes starting at cells ``(i0, j0)``.

    Covers every cell ``i0 - 1 .. i0 + nx`` by ``j0 - 1 .. j0 + ny`` (the cells of the
    boxes and their neighbours). ``state_fn(i, j)`` gives the states of cells.
    """
    ilo, ihi = int(i0.min()) - 1, int(i0.max()) + nx
    jlo, jhi = int(j0.min()) - 1, int(j0.max()) + ny
    w, h = ihi - ilo + 1, jhi - jlo + 1
    if w * h <= _LATTICE_SLACK * i0.size + 65536:
        jj, ii = np.meshgrid(np.arange(jlo, jhi + 1), np.arange(ilo, ihi + 1), indexing="ij")
        states = state_fn(ii.ravel(), jj.ravel()).reshape(h, w)
        return _lattice_lookup(ilo, jlo, states)
    di = np.arange(-1, nx + 1)
    dj = np.arange(-1, ny + 1)
    i_all = (i0[:, None, None] + di[None, None, :] + 0 * dj[None, :, None]).ravel()
    j_all = (j0[:, None, None] + dj[None, :, None] + 0 * di[None, None, :]).ravel()
    return _unique_lookup(i_all, j_all, state_fn)


def figured_render(
    call: Any,
    *,
    threads: float,
    look: Look,
    state_fn: Callable[[Any, np.ndarray, np.ndarray], np.ndarray],
    warp_rgb: np.ndarray,
    weft_rgb: np.ndarray,
    figure_weft_rgb: np.ndarray | None,
    ground: PeriodicCloth,
    figure: PeriodicCloth,
    threshold: float = 0.5,
    motif: str = "motif",
    read: str = "alpha",
) -> np.ndarray:
    """Premultiplied RGBA of a figured cloth at the call's points.

    ``state_fn(call, i, j)`` gives the states of cells (``UP`` and ``FIGURE`` bits);
    ``ground`` and ``figure`` are the two cloths averaged when cells are sub-pixel,
    mixed by the share of the pixel where the motif's coverage passes ``threshold``.
    """
    fc = call.footprint * threads
    h = 0.5 * max(fc, 1e-6)
    if fc > SAT_CELLS:
        sat_g = ground.summed_area(call.palette)
        sat_f = figure.summed_area(call.palette)
        fp = call.footprint

        def far(x, y):
            # The share of the pixel that is figure: the motif thresholded as the
            # loom does (at the cell's footprint), at 2 x 2 points of the pixel.
            q = 0.25 * fp
            m = np.zeros(x.size)
            for ox, oy in ((-q, -q), (q, -q), (-q, q), (q, q)):
                cover = motif_coverage(call, motif, x + ox, y + oy, 1.0 / threads, read)
                m += cover >= threshold
            m = (0.25 * m)[:, None]
            g = sat_g.box(x * threads, y * threads, h, h)
            f = sat_f.box(x * threads, y * threads, h, h)
            return opaque(g + m * (f - g))

        return chunked(far, call.x, call.y)
    nx = 2 if fc <= 1.0 else 3

    def near(x, y):
        xc = x * threads
        yc = y * threads
        i0 = np.floor(xc - h).astype(np.int64)
        j0 = np.floor(yc - h).astype(np.int64)
        lookup = cell_lookup(i0, j0, nx, nx, lambda i, j: state_fn(call, i, j))
        cells = _FiguredCells(lookup, warp_rgb, weft_rgb, figure_weft_rgb)
        return opaque(filter_cells(xc, yc, h, h, cells, look))

    return chunked(near, call.x, call.y)


class Loom:
    """What a figured operator prepares: the ground's and the figure's interlacements
    (``ground_up``, ``figure_up``), the look, and the two cloths a coarse pixel mixes.

    The figure is woven with the ground's warp and the ``figure_weft`` palette role
    (the ground's weft in a damask, a supplementary weft in a brocade).
    """

    def __init__(self, p: Any, ground_up: np.ndarray, figure_up: np.ndarray, figure_weft: int):
        self.ground_up = ground_up
        self.figure_up = figure_up
        self.look = look_of(p)
        warp = [p.warp_color]
        self.ground = PeriodicCloth(ground_up, warp, [p.weft_color], p.threads, self.look)
        self.figure = PeriodicCloth(figure_up, warp, [figure_weft], p.threads, self.look)


def figured_states(p: Any, call: Any, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """States of cells ``(i, j)`` of a :class:`Loom` (``call.state``): the figure's
    interlacement and the ``FIGURE`` bit where the motif input (read at the cell's
    centre) passes ``p.threshold``, the ground's elsewhere."""
    st = call.state
    cell = 1.0 / p.threads
    cover = motif_coverage(call, "motif", (i + 0.5) * cell, (j + 0.5) * cell, cell, p.motif_read)
    fig = cover >= p.threshold
    gy, gx = st.ground_up.shape
    fy, fx = st.figure_up.shape
    ground = st.ground_up.ravel().take((j % gy) * gx + (i % gx))
    figure = st.figure_up.ravel().take((j % fy) * fx + (i % fx))
    up = np.where(fig, figure, ground)
    return up.astype(np.uint8) * UP | fig.astype(np.uint8) * FIGURE


def weave_figured(p: Any, call: Any, figure_weft: int | None = None) -> np.ndarray:
    """Premultiplied RGBA of a figured cloth woven on a :class:`Loom` (``call.state``).

    ``figure_weft`` is the palette role of a supplementary weft floating in the
    figure; None when the figure is woven with the ground's weft.
    """
    st = call.state
    pal = call.palette
    warp = tone_tables(np.array(pal.role(p.warp_color)), st.look, warp=True)
    weft = tone_tables(np.array(pal.role(p.weft_color)), st.look, warp=False)
    extra = None
    if figure_weft is not None:
        extra = tone_tables(np.array(pal.role(figure_weft)), st.look, warp=False)
    return figured_render(
        call,
        threads=p.threads,
        look=st.look,
        state_fn=lambda c, i, j: figured_states(p, c, i, j),
        warp_rgb=warp,
        weft_rgb=weft,
        figure_weft_rgb=extra,
        ground=st.ground,
        figure=st.figure,
        threshold=p.threshold,
        read=p.motif_read,
    )
