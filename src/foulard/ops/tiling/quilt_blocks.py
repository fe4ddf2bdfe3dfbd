"""Pieced quilt blocks on a grid: nine-patch, Ohio star, pinwheel, flying geese, log cabin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import band

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["BLOCKS", "QuiltParams", "block_cells", "quilt_blocks"]

# A block is a k x k grid of cells; each cell is one of:
#   ("solid", colour)                       one piece
#   ("hst", diagonal, colour_a, colour_b)   half-square triangles; diagonal 0 runs from the
#                                           top-left corner (a: above-right of it), 1 from
#                                           the top-right corner (a: above-left)
#   ("qst", top, right, bottom, left)       quarter-square triangles
#   ("bar", axis, colour_a, colour_b)       two rectangles; axis 0: left | right, 1: top / bottom
# Colours: 0 background, 1 primary, 2 secondary, 3 accent.


def _nine_patch():
    return [[("solid", 1 if (i + j) % 2 == 0 else 0) for i in range(3)] for j in range(3)]


def _ohio_star():
    s = [[None] * 3 for _ in range(3)]
    for i, j in ((0, 0), (2, 0), (0, 2), (2, 2)):
        s[j][i] = ("solid", 0)
    s[1][1] = ("solid", 2)
    s[0][1] = ("qst", 0, 1, 3, 1)  # top unit: points left and right, accent inside
    s[2][1] = ("qst", 3, 1, 0, 1)
    s[1][0] = ("qst", 1, 3, 1, 0)
    s[1][2] = ("qst", 1, 0, 1, 3)
    return s


def _pinwheel():
    # Each dark triangle runs from the block's centre to the middle of one side,
    # turned a quarter from the last: the four blades of the pinwheel.
    return [
        [("hst", 0, 1, 0), ("hst", 1, 0, 1)],
        [("hst", 1, 1, 0), ("hst", 0, 0, 1)],
    ]


def _flying_geese():
    rows = []
    for j in range(4):
        goose = 1 if j % 2 == 0 else 2
        rows.append([("hst", 1, 0, goose), ("hst", 0, 0, goose)] * 2)
    return rows


def _churn_dash():
    return [
        [("hst", 1, 1, 0), ("bar", 1, 1, 0), ("hst", 0, 1, 0)],
        [("bar", 0, 1, 0), ("solid", 0), ("bar", 0, 0, 1)],
        [("hst", 0, 0, 1), ("bar", 1, 0, 1), ("hst", 1, 0, 1)],
    ]


def _log_cabin():
    """Seven by seven: a red centre and three rounds of logs, light above-left, dark below-right."""
    k, c = 7, 3
    s = [[None] * k for _ in range(k)]
    for j in range(k):
        for i in range(k):
            r = max(abs(i - c), abs(j - c))
            if r == 0:
                s[j][i] = ("solid", 3)
                continue
            light = (j == c - r and i < c + r) or (i == c - r and j > c - r)
            s[j][i] = ("solid", 0 if light else (1 if r % 2 else 2))
    return s


BLOCKS = {
    "nine_patch": _nine_patch,
    "ohio_star": _ohio_star,
    "pinwheel": _pinwheel,
    "flying_geese": _flying_geese,
    "churn_dash": _churn_dash,
    "log_cabin": _log_cabin,
}


def _log_piece(i: int, j: int, c: int = 3) -> int:
    """Which log of a log-cabin block a cell belongs to (the logs spiral round the centre)."""
    r = max(abs(i - c), abs(j - c))
    if r == 0:
        return 0
    if j == c - r and i < c + r:
        side = 0
    elif i == c + r and j < c + r:
        side = 1
    elif j == c + r and i > c - r:
        side = 2
    else:
        side = 3
    return 1 + 4 * (r - 1) + side


def block_cells(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per cell: kind and diagonal/axis ``(k, k, 2)``, the colours of its four parts
    ``(k, k, 4)`` and the pieces they belong to ``(k, k, 4)`` (parts: top, right,
    bottom, left quarters of the cell, so every kind reads the same way)."""
    spec = BLOCKS[name]()
    k = len(spec)
    kind = np.zeros((k, k, 2), np.int64)
    colour = np.zeros((k, k, 4), np.int64)
    piece = np.zeros((k, k, 4), np.int64)
    for j in range(k):
        for i in range(k):
            s = spec[j][i]
            base = (j * k + i) * 4 + 1000
            if s[0] == "solid":
                colour[j, i] = s[1]
                pid = _log_piece(i, j) if name == "log_cabin" else base
                piece[j, i] = pid
            elif s[0] == "hst":
                _, diag, a, b = s
                kind[j, i] = (1, diag)
                # Quarters above-right of diagonal 0 are top and right; of diagonal 1 top, left.
                sides_a = (0, 1) if diag == 0 else (0, 3)
                for q in range(4):
                    colour[j, i, q] = a if q in sides_a else b
                    piece[j, i, q] = base + (0 if q in sides_a else 1)
            elif s[0] == "qst":
                kind[j, i] = (2, 0)
                colour[j, i] = s[1:]
                piece[j, i] = base + np.arange(4)
            else:  # bar
                _, axis, a, b = s
                kind[j, i] = (3, axis)
                first = (3,) if axis == 0 else (0,)
                for q in range(4):
                    side_a = q in first
                    colour[j, i, q] = a if side_a else b
                    piece[j, i, q] = base + (0 if side_a else 1)
    if name == "flying_geese":
        # A goose spans two cells: its right half is the same piece as its left.
        for j in range(k):
            for i in range(1, k, 2):
                goose = colour[j, i] != 0
                piece[j, i][goose] = piece[j, i - 1][colour[j, i - 1] != 0][0]
    return kind, colour, piece


@dataclass(frozen=True)
class QuiltParams(Params):
    block: str = param("ohio_star", choices=tuple(BLOCKS), doc="the pieced block (data, not code)")
    blocks: int = param(4, range=(1, 16), doc="blocks across the design")
    sashing: float = param(
        0.08, range=(0.0, 0.3), doc="strips between blocks, as a share of the block"
    )
    scrappy: bool = param(True, doc="each block draws its own colours from the palette")
    background_color: int = param(0, range=(0, 47), doc="palette role of the background pieces")
    primary_color: int = param(2, range=(0, 47), doc="palette role of the main pieces")
    secondary_color: int = param(1, range=(0, 47), doc="palette role of the second pieces")
    accent_color: int = param(3, range=(0, 47), doc="palette role of the accents (centres)")
    sashing_color: int = param(1, range=(0, 47), doc="palette role of the sashing strips")
    seam_width: float = param(
        0.0015, range=(0.0008, 0.006), doc="width of the seam lines", unit="design units"
    )
    seam_color: int = param(1, range=(0, 47), doc="palette role of the seams")


@dataclass(frozen=True)
class QuiltState:
    kind: np.ndarray
    colour: np.ndarray
    piece: np.ndarray
    seam: np.ndarray  # (k, k, 4, 4): part q of a cell meets a different piece across edge e
    roles: np.ndarray  # (blocks, blocks, 4) palette roles of the four colours in each block


def _prepare(p: QuiltParams, rng: np.random.Generator) -> QuiltState:
    kind, colour, piece = block_cells(p.block)
    k = kind.shape[0]
    seam = np.zeros((k, k, 4), bool)  # across edges top, right, bottom, left
    for j in range(k):
        for i in range(k):
            for e, (di, dj, opposite) in enumerate(((0, -1, 2), (1, 0, 3), (0, 1, 0), (-1, 0, 1))):
                ii, jj = i + di, j + dj
                if not (0 <= ii < k and 0 <= jj < k):
                    seam[j, i, e] = True  # the block's own edge
                else:
                    seam[j, i, e] = piece[j, i, e] != piece[jj, ii, opposite]
    base = np.array([p.background_color, p.primary_color, p.secondary_color, p.accent_color])
    roles = np.broadcast_to(base, (p.blocks, p.blocks, 4)).copy()
    if p.scrappy:
        # Keep the background; shuffle the three others per block.
        for bj in range(p.blocks):
            for bi in range(p.blocks):
                roles[bj, bi, 1:] = base[1:][rng.permutation(3)]
    return QuiltState(kind, colour, piece, seam, roles)


def _periods(p: QuiltParams):
    if p.scrappy:  # every block its own colours: the design repeats, not the block
        return [(1.0, 0.0), (0.0, 1.0)]
    return [(1.0 / p.blocks, 0.0), (0.0, 1.0 / p.blocks)]


@operator(
    "tiling.quilt_blocks",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=_periods,
    tags=("quilt", "patchwork", "ohio star", "log cabin", "nine patch", "拼布", "百衲被", "拼花"),
)  # fmt: skip
def quilt_blocks(p: QuiltParams, call: Call) -> np.ndarray:
    """Pieced quilt blocks: squares, half- and quarter-square triangles on a block grid.

    A block is a small grid of cells, each a plain square, two half-square
    triangles, four quarter-square triangles or two bars: nine-patch, Ohio star,
    pinwheel, flying geese, churn dash and log cabin are data over those four
    kinds, not separate code. Blocks repeat ``blocks`` times across, optionally
    framed by sashing strips; seams are drawn wherever two pieces meet. With
    ``scrappy`` each block shuffles its three non-background colours (the seed
    decides), as in a scrap quilt; the whole design then repeats, otherwise every
    block does.

    References
    ----------
    Brackman 1993, *Encyclopedia of Pieced Quilt Patterns*; Beyer 1980, *The
    Quilter's Album of Blocks and Borders*.
    """
    st: QuiltState = call.state
    k = st.kind.shape[0]
    nb = p.blocks
    fp = call.footprint
    pal = np.array([call.palette.role(r) for r in range(len(call.palette))], np.float64)
    seam_c = np.asarray(call.palette.role(p.seam_color), np.float64)
    sash_c = np.asarray(call.palette.role(p.sashing_color), np.float64)
    block = 1.0 / nb
    inner = block * (1.0 - p.sashing)
    cell = inner / k

    def kernel(x, y):
        u = wrap01(x) * nb
        v = wrap01(y) * nb
        bi = np.minimum(u.astype(np.intp), nb - 1)
        bj = np.minimum(v.astype(np.intp), nb - 1)
        # Position inside the block (design units), the sashing split over both sides.
        lx = (u - bi) * block - 0.5 * (block - inner)
        ly = (v - bj) * block - 0.5 * (block - inner)
        out_x = np.maximum(-lx, lx - inner)
        out_y = np.maximum(-ly, ly - inner)
        outside = np.maximum(out_x, out_y)  # > 0 in the sashing
        ci = np.clip((lx / cell).astype(np.intp), 0, k - 1)
        cj = np.clip((ly / cell).astype(np.intp), 0, k - 1)
        fu = np.clip(lx / cell - ci, 0.0, 1.0)
        fv = np.clip(ly / cell - cj, 0.0, 1.0)
        # Which quarter of the cell (top, right, bottom, left) the point lies in.
        dist_edges = np.stack([fv, 1 - fu, 1 - fv, fu], axis=1)
        q = np.argmin(dist_edges, axis=1)
        kind = st.kind[cj, ci, 0]
        axis = st.kind[cj, ci, 1]
        # Half-square and bar cells: the part follows the diagonal or the midline.
        above0 = fu > fv  # above-right of diagonal 0
        above1 = fu + fv < 1  # above-left of diagonal 1
        q = np.where((kind == 1) & (axis == 0), np.where(above0, 0, 2), q)
        q = np.where((kind == 1) & (axis == 1), np.where(above1, 0, 2), q)
        q = np.where((kind == 3) & (axis == 0), np.where(fu < 0.5, 3, 1), q)
        q = np.where((kind == 3) & (axis == 1), np.where(fv < 0.5, 0, 2), q)
        colour = st.colour[cj, ci, q]
        role = st.roles[bj, bi, colour]
        rgb = pal[role % len(pal)]
        # Seams: inside the cell along the split, and on cell edges between pieces.
        d = np.full(len(x), np.inf)
        diag0 = np.abs(fu - fv) / np.sqrt(2.0)
        diag1 = np.abs(fu + fv - 1.0) / np.sqrt(2.0)
        d = np.where(kind == 1, np.where(axis == 0, diag0, diag1), d)
        d = np.where(kind == 2, np.minimum(diag0, diag1), d)
        d = np.where(kind == 3, np.where(axis == 0, np.abs(fu - 0.5), np.abs(fv - 0.5)), d)
        for e in range(4):
            flagged = st.seam[cj, ci, e]
            d = np.where(flagged, np.minimum(d, dist_edges[:, e]), d)
        d = d * cell
        rgb = rgb + (seam_c - rgb) * band(d, 0.5 * p.seam_width, fp)[:, None]
        if p.sashing > 0:
            w = band(-outside, 0.0, fp)[:, None]  # share of the sashing
            rgb = rgb + (sash_c - rgb) * w
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
