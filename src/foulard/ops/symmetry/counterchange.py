"""Counterchange: two-colour symmetry, where some symmetries swap figure and ground."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import CHUNK
from foulard.ops._common.geometry import wrap01
from foulard.ops._common.isometry import IDENTITY, Op, group, op
from foulard.ops._common.orbit import fold
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.symmetry._lattice import Wallpaper
from foulard.ops.symmetry._motif import MOTIF

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["GROUPS", "CounterchangeParams", "TwoColourGroup", "counterchange"]

QUARTER = op(0, -1, 1, 0)
HALF = op(-1, 0, 0, -1)
MIRROR = op(-1, 0, 0, 1)
GLIDE = op(-1, 0, 0, 1, 0.0, 0.5)
TURN_60 = op(0, -1, 1, 1)
TURN_120 = op(-1, -1, 1, 0)
LONG_MIRROR = op(0, 1, 1, 0)


class TwoColourGroup:
    """A wallpaper group with a colour character: +1 keeps colours, -1 swaps them.

    ``generators`` are point operations with their sign; ``steps`` the signs of the
    unit translations. The character is closed over the group modulo doubled
    translations (on which it is always +1) and must be consistent, which makes the
    colour-keeping elements an index-2 subgroup.
    """

    def __init__(self, kind: str, generators: list[tuple[Op, int]], steps: tuple[int, int]):
        self.wallpaper = Wallpaper(kind, group(*(g for g, _ in generators)))
        self.matrices = sorted({(o.a00, o.a01, o.a10, o.a11) for o in self.wallpaper.ops})
        gens = [(g, s) for g, s in generators]
        gens += [(op(1, 0, 0, 1, 1.0, 0.0), steps[0]), (op(1, 0, 0, 1, 0.0, 1.0), steps[1])]
        sign: dict[tuple, int] = {self._key(IDENTITY): 1}
        todo = [(IDENTITY, 1)]
        while todo:
            g, s = todo.pop()
            for h, t in gens:
                comp = g.then(h)
                k = self._key(comp)
                if k in sign:
                    if sign[k] != s * t:
                        raise ValueError("colour character is not consistent on the group")
                    continue
                sign[k] = s * t
                todo.append((comp, s * t))
        table = np.zeros((len(self.matrices), 4, 4), np.int64)
        for (m, ta, tb), s in sign.items():
            table[self.matrices.index(m), ta, tb] = s
        if not (table != 0).any(axis=(1, 2)).all():
            raise ValueError("colour character misses part of the group")
        self.table = table

    @staticmethod
    def _key(o: Op) -> tuple:
        return (
            (o.a00, o.a01, o.a10, o.a11),
            round(2 * o.ta) % 4,
            round(2 * o.tb) % 4,
        )


# Two-colour groups (Belov/Shubnikov notation, primes mark the colour-reversing part).
GROUPS = {
    "p1_checker": TwoColourGroup("square", [], (-1, -1)),
    "p2_halfturn": TwoColourGroup("square", [(HALF, -1)], (1, 1)),
    "pm_mirror": TwoColourGroup("square", [(MIRROR, -1)], (1, 1)),
    "pg_glide": TwoColourGroup("square", [(GLIDE, -1)], (1, 1)),
    "p4_quarter": TwoColourGroup("square", [(QUARTER, -1)], (1, 1)),
    "p4m_diagonal": TwoColourGroup("square", [(QUARTER, -1), (MIRROR, 1)], (1, 1)),
    "p4m_checker": TwoColourGroup("square", [(QUARTER, 1), (MIRROR, 1)], (-1, -1)),
    "p6_sixfold": TwoColourGroup("hexagonal", [(TURN_60, -1)], (1, 1)),
    "p3m1_mirror": TwoColourGroup("hexagonal", [(TURN_120, 1), (LONG_MIRROR, -1)], (1, 1)),
}
_NAMES = {
    "p1_checker": "p_b'1 (checkerboard)",
    "p2_halfturn": "p2'",
    "pm_mirror": "pm'",
    "pg_glide": "pg'",
    "p4_quarter": "p4'",
    "p4m_diagonal": "p4'mm'",
    "p4m_checker": "p_c'4mm",
    "p6_sixfold": "p6'",
    "p3m1_mirror": "p3m'1",
}


@dataclass(frozen=True)
class CounterchangeParams(Params):
    group: str = param(
        "p4_quarter",
        choices=tuple(GROUPS),
        doc="the two-colour group: which symmetries swap figure and ground",
    )
    repeats: int = param(4, range=(1, 64), doc="lattice cells across the unit square")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the whole pattern", unit="degrees"
    )
    motif_x: float = param(0.25, range=(0.0, 1.0), doc="motif centre along e1, share of the cell")
    motif_y: float = param(0.25, range=(0.0, 1.0), doc="motif centre along e2, share of the cell")
    motif_size: float = param(
        0.56, range=(0.01, 4.0), doc="motif box width, as a share of the cell width"
    )
    motif_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the motif", unit="degrees"
    )
    figure_color: int = param(1, range=(0, 47), doc="palette role of the figure (where kept)")
    ground_color: int = param(0, range=(0, 47), doc="palette role of the ground (where kept)")


@dataclass(frozen=True)
class Prepared:
    """The group, its folding plan, and each bin's operation as (matrix index, shift)."""

    group: TwoColourGroup
    plan: object
    bin_matrix: np.ndarray
    bin_shift: np.ndarray  # (2, bins): translation part of the bin's operation


def _prepare(p: CounterchangeParams, rng: np.random.Generator) -> Prepared:
    g = GROUPS[p.group]
    plan = g.wallpaper.plan(p)
    ops = plan.bin_ops
    index = {m: k for k, m in enumerate(g.matrices)}
    mats = [
        index[(round(a), round(b), round(c), round(d))]
        for a, b, c, d in zip(ops[0], ops[1], ops[2], ops[3], strict=True)
    ]
    return Prepared(g, plan, np.array(mats, np.intp), np.asarray(ops[4:6]))


def _periods(p: CounterchangeParams):
    """The translations that keep colours: unit steps, doubled where a step swaps them."""
    g = GROUPS[p.group]
    lat = g.wallpaper.lattice(p)
    keep_a = g.table[g.matrices.index((1, 0, 0, 1)), 2, 0] == 1
    keep_b = g.table[g.matrices.index((1, 0, 0, 1)), 0, 2] == 1
    if keep_a and keep_b:
        return [lat.vector(1.0, 0.0), lat.vector(0.0, 1.0)]
    if not keep_a and not keep_b and g.table[g.matrices.index((1, 0, 0, 1)), 2, 2] == 1:
        return [lat.vector(1.0, 1.0), lat.vector(1.0, -1.0)]
    return [
        lat.vector(2.0 if not keep_a else 1.0, 0.0),
        lat.vector(0.0, 2.0 if not keep_b else 1.0),
    ]


def _search(g: TwoColourGroup, plan, a, b, u, v):
    """The sign of the operation that folded lattice points ``(a, b)`` to motif ``(u, v)``."""
    qa, qb = wrap01(a), wrap01(b)
    ia, ib = np.rint(a - qa), np.rint(b - qb)
    # Back from the motif box to the folded lattice point z = A q + t.
    inv = np.linalg.inv(plan.place)
    ca, cb = plan.centre
    za = ca + inv[0, 0] * (u - 0.5) + inv[0, 1] * (v - 0.5)
    zb = cb + inv[1, 0] * (u - 0.5) + inv[1, 1] * (v - 0.5)
    best = np.full(a.shape, np.inf)
    idx = np.zeros(a.shape, np.intp)
    ta = np.zeros(a.shape)
    tb = np.zeros(a.shape)
    for k, (m00, m01, m10, m11) in enumerate(g.matrices):
        sa = za - (m00 * qa + m01 * qb)
        sb = zb - (m10 * qa + m11 * qb)
        # The true operation leaves a translation in half-cells; others leave a remainder.
        err = np.abs(2 * sa - np.rint(2 * sa)) + np.abs(2 * sb - np.rint(2 * sb))
        better = err < best
        best = np.where(better, err, best)
        idx = np.where(better, k, idx)
        # Whole translation from the unwrapped point: t - A (ia, ib).
        ta = np.where(better, sa - (m00 * ia + m01 * ib), ta)
        tb = np.where(better, sb - (m10 * ia + m11 * ib), tb)
    return g.table[idx, np.rint(2 * ta).astype(np.int64) % 4, np.rint(2 * tb).astype(np.int64) % 4]


def signs(st: Prepared, a: np.ndarray, b: np.ndarray, uv=None) -> np.ndarray:
    """+1 where the symmetry carrying a point keeps colours, -1 where it swaps them.

    Most bins of the folding plan serve one operation throughout: its sign is read
    straight from the bin. Points of the other bins are folded and the operation
    recovered from where they landed.
    """
    plan, g = st.plan, st.group
    qa, qb = wrap01(a), wrap01(b)
    ga, gb = plan.bins
    bins = (qa * ga).astype(np.intp) * gb + (qb * gb).astype(np.intp)
    ia, ib = np.rint(a - qa), np.rint(b - qb)
    mi = st.bin_matrix[bins]
    m = np.asarray(g.matrices, np.float64)[mi]
    ta = st.bin_shift[0, bins] - (m[:, 0] * ia + m[:, 1] * ib)
    tb = st.bin_shift[1, bins] - (m[:, 2] * ia + m[:, 3] * ib)
    out = g.table[mi, np.rint(2 * ta).astype(np.int64) % 4, np.rint(2 * tb).astype(np.int64) % 4]
    unsure = np.flatnonzero(~plan.bin_sure[bins])
    if unsure.size:
        if uv is None:
            u, v = fold(plan, a[unsure], b[unsure])
        else:
            u, v = uv[0][unsure], uv[1][unsure]
        out[unsure] = _search(g, plan, a[unsure], b[unsure], u, v)
    return out


@operator(
    "symmetry.counterchange",
    kind="field",
    inputs=(MOTIF,),
    prepare=_prepare,
    periods=_periods,
    tags=(
        "counterchange",
        "two-colour",
        "escher",
        "figure ground",
        "ichimatsu",
        "反色对称",
        "图底互换",
        "双色对称",
    ),
)
def counterchange(p: CounterchangeParams, call: Call) -> np.ndarray:
    """Counterchange (two-colour symmetry): symmetries that swap figure and ground.

    A wallpaper group repeats the motif (its alpha, or its value, is the figure);
    a colour-reversing subgroup of index 2 splits the symmetries in two: the
    images made by colour-keeping symmetries show the figure in ``figure_color``
    on ``ground_color``, those made by colour-reversing ones show it the other way
    round. Groups (which symmetries reverse): the checkerboard translations
    (p_b'1, ichimatsu), half-turns (p2'), mirrors (pm'), glides (pg'), quarter
    turns (p4'), the diagonal mirrors and quarter turns (p4'mm'), a mirrored
    checkerboard (p_c'4mm), sixfold turns (p6') and the mirrors of p3m1 (p3m'1).
    Colour swaps are antialiased by sampling each pixel four times. The pattern
    repeats under the colour-keeping translations (doubled where a unit step
    swaps).

    References
    ----------
    Shubnikov & Koptsik 1974, *Symmetry in Science and Art*; Grünbaum & Shephard
    1987, *Tilings and Patterns*, ch. 8 (colored patterns); Washburn & Crowe 1988,
    *Symmetries of Culture*, ch. 4.
    """
    st: Prepared = call.state
    plan = st.plan
    lat = st.group.wallpaper.lattice(p)
    fig = np.asarray(call.palette.role(p.figure_color), np.float64)
    gnd = np.asarray(call.palette.role(p.ground_color), np.float64)
    fp = call.footprint
    shape = call.x.shape
    xf, yf = call.x.ravel(), call.y.ravel()
    out = np.empty((xf.size, 4), np.float32)
    for s in range(0, xf.size, CHUNK):
        x, y = xf[s : s + CHUNK], yf[s : s + CHUNK]
        a, b = lat.coords(x, y)
        u, v = fold(plan, a, b)
        # Share of the pixel where the colours are swapped (four samples).
        swapped = np.zeros(x.shape)
        for dx, dy in ((-0.25, -0.25), (0.25, -0.25), (-0.25, 0.25), (0.25, 0.25)):
            sa, sb = lat.coords(x + dx * fp, y + dy * fp)
            swapped += (signs(st, sa, sb) < 0) * 0.25
        mot = call.input("motif", u, v, fp * plan.scale)
        mask = (mot[..., 3] if mot.shape[-1] == 4 else mot[..., 0]).astype(np.float64)
        keep = gnd[None, :] + (fig - gnd)[None, :] * mask[:, None]
        swap = fig[None, :] + (gnd - fig)[None, :] * mask[:, None]
        rgb = keep + (swap - keep) * swapped[:, None]
        out[s : s + CHUNK, :3] = rgb
        out[s : s + CHUNK, 3] = 1.0
    return out.reshape(*shape, 4)
