"""The hat: an aperiodic monotile, built by the H, T, P, F metatile substitution."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import (
    Patch,
    cover_radius,
    disc_offset,
    patch_drawing,
    place_copies,
)

__all__ = ["HAT", "HatParams", "hat_monotile", "hat_patch", "metatiles"]

R3 = math.sqrt(3.0) / 2.0
IDENT = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def _hex(x: float, y: float) -> np.ndarray:
    """A point of the hexagonal grid the hat lives on."""
    return np.array([x + 0.5 * y, R3 * y])


# The hat: eight kites of the hexagonal grid, thirteen corners.
HAT = np.array(
    [
        _hex(0, 0), _hex(-1, -1), _hex(0, -2), _hex(2, -2), _hex(2, -1), _hex(4, -2),
        _hex(5, -1), _hex(4, 0), _hex(3, 0), _hex(2, 2), _hex(0, 3), _hex(0, 2), _hex(-1, 2),
    ]
)  # fmt: skip

LABELS = ("H", "H1", "T", "P", "F")  # H1: the reflected hat at the heart of each H


def mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Compose affine maps (2x3): ``a`` after ``b``."""
    return np.hstack([a[:, :2] @ b[:, :2], (a[:, :2] @ b[:, 2] + a[:, 2])[:, None]])


def apply(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    return p @ t[:, :2].T + t[:, 2]


def translation(x: float, y: float) -> np.ndarray:
    return np.array([[1.0, 0.0, x], [0.0, 1.0, y]])


def turn(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s, 0.0], [s, c, 0.0]])


def turn_about(p: np.ndarray, angle: float) -> np.ndarray:
    return mul(translation(*p), mul(turn(angle), translation(-p[0], -p[1])))


def _segment_frame(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The similarity taking (0, 0) to ``p`` and (1, 0) to ``q``."""
    d = q - p
    return np.array([[d[0], -d[1], p[0]], [d[1], d[0], p[1]]])


def _inverse(t: np.ndarray) -> np.ndarray:
    a = np.linalg.inv(t[:, :2])
    return np.hstack([a, (-a @ t[:, 2])[:, None]])


def match_two(p1, q1, p2, q2) -> np.ndarray:
    """The similarity taking segment ``p1 q1`` onto ``p2 q2``."""
    return mul(_segment_frame(p2, q2), _inverse(_segment_frame(p1, q1)))


def _intersect(p1, q1, p2, q2) -> np.ndarray:
    d = (q2[1] - p2[1]) * (q1[0] - p1[0]) - (q2[0] - p2[0]) * (q1[1] - p1[1])
    u = ((q2[0] - p2[0]) * (p1[1] - p2[1]) - (q2[1] - p2[1]) * (p1[0] - p2[0])) / d
    return p1 + u * (q1 - p1)


@dataclass
class Meta:
    """A metatile: its outline and its children (maps and shapes); a str is a hat."""

    outline: np.ndarray
    children: list[tuple[np.ndarray, Meta | str]] = field(default_factory=list)

    def corner(self, n: int, i: int) -> np.ndarray:
        """Corner ``i`` of child ``n``'s outline, in this metatile's frame."""
        t, shape = self.children[n]
        return apply(t, shape.outline[i])

    def recentre(self) -> None:
        c = self.outline.mean(axis=0)
        self.outline = self.outline - c
        m = translation(-c[0], -c[1])
        self.children = [(mul(m, t), s) for t, s in self.children]


def _first_metatiles() -> dict[str, Meta]:
    h_out = np.array([[0, 0], [4, 0], [4.5, R3], [2.5, 5 * R3], [1.5, 5 * R3], [-0.5, R3]])
    h = Meta(h_out)
    h.children.append((match_two(HAT[5], HAT[7], h_out[5], h_out[0]), "H"))
    h.children.append((match_two(HAT[9], HAT[11], h_out[1], h_out[2]), "H"))
    h.children.append((match_two(HAT[5], HAT[7], h_out[3], h_out[4]), "H"))
    flip = mul(np.array([[-0.5, -R3, 0], [R3, -0.5, 0]]), np.array([[0.5, 0, 0], [0, -0.5, 0]]))
    h.children.append((mul(translation(2.5, R3), flip), "H1"))
    t = Meta(np.array([[0, 0], [3, 0], [1.5, 3 * R3]]))
    t.children.append((np.array([[0.5, 0, 0.5], [0, 0.5, R3]]), "T"))
    half_turn = mul(np.array([[0.5, R3, 0], [-R3, 0.5, 0]]), np.array([[0.5, 0, 0], [0, 0.5, 0]]))
    out = {"H": h, "T": t}
    for name, outline in (
        ("P", [[0, 0], [4, 0], [3, 2 * R3], [-1, 2 * R3]]),
        ("F", [[0, 0], [3, 0], [3.5, R3], [3, 2 * R3], [-1, 2 * R3]]),
    ):
        m = Meta(np.array(outline, np.float64))
        m.children.append((np.array([[0.5, 0, 1.5], [0, 0.5, R3]]), name))
        m.children.append((mul(translation(0, 2 * R3), half_turn), name))
        out[name] = m
    return out


# How 29 metatiles are glued into a patch: ``[shape]`` starts it; ``[child, edge,
# shape, edge']`` glues edge' of a new metatile to an edge of a placed one;
# ``[child, corner, child2, corner2, shape, edge']`` spans two placed corners.
_PATCH_RULES = (
    ("H",), (0, 0, "P", 2), (1, 0, "H", 2), (2, 0, "P", 2), (3, 0, "H", 2), (4, 4, "P", 2),
    (0, 4, "F", 3), (2, 4, "F", 3), (4, 1, 3, 2, "F", 0), (8, 3, "H", 0), (9, 2, "P", 0),
    (10, 2, "H", 0), (11, 4, "P", 2), (12, 0, "H", 2), (13, 0, "F", 3), (14, 2, "F", 1),
    (15, 3, "H", 4), (8, 2, "F", 1), (17, 3, "H", 0), (18, 2, "P", 0), (19, 2, "H", 2),
    (20, 4, "F", 3), (20, 0, "P", 2), (22, 0, "H", 2), (23, 4, "F", 3), (23, 0, "F", 3),
    (16, 0, "P", 2), (9, 4, 0, 2, "T", 2), (4, 0, "F", 3),
)  # fmt: skip


def _patch(shapes: dict[str, Meta]) -> Meta:
    patch = Meta(np.zeros((0, 2)))
    for rule in _PATCH_RULES:
        if len(rule) == 1:
            patch.children.append((IDENT.copy(), shapes[rule[0]]))
            continue
        if len(rule) == 4:
            n, e, name, f = rule
            t, shape = patch.children[n]
            k = len(shape.outline)
            p = apply(t, shape.outline[(e + 1) % k])
            q = apply(t, shape.outline[e])
        else:
            n, e, n2, e2, name, f = rule
            p = patch.corner(n2, e2)
            q = patch.corner(n, e)
        new = shapes[name]
        k = len(new.outline)
        patch.children.append((match_two(new.outline[f], new.outline[(f + 1) % k], p, q), new))
    return patch


def _supertiles(patch: Meta) -> dict[str, Meta]:
    """The four metatiles of the next level, read off the patch."""
    bps1 = patch.corner(8, 2)
    bps2 = patch.corner(21, 2)
    rbps = apply(turn_about(bps1, -2.0 * math.pi / 3.0), bps2)
    p72 = patch.corner(7, 2)
    p252 = patch.corner(25, 2)
    llc = _intersect(bps1, rbps, patch.corner(6, 2), p72)
    w = patch.corner(6, 2) - llc
    h_out = [llc, bps1]
    w = apply(turn(-math.pi / 3.0), w)
    h_out.append(h_out[1] + w)
    h_out.append(patch.corner(14, 2))
    w = apply(turn(-math.pi / 3.0), w)
    h_out.append(h_out[3] - w)
    h_out.append(patch.corner(6, 2))

    def meta(outline, members):
        m = Meta(np.array(outline), [patch.children[i] for i in members])
        m.recentre()
        return m

    a = h_out[2]
    b = h_out[1] + (h_out[4] - h_out[5])
    c = apply(turn_about(b, -math.pi / 3.0), a)
    return {
        "H": meta(h_out, [0, 9, 16, 27, 26, 6, 1, 8, 10, 15]),
        "T": meta([b, c, a], [11]),
        "P": meta([p72, p72 + (bps1 - llc), bps1, llc], [7, 2, 3, 4, 28]),
        "F": meta(
            [bps2, patch.corner(24, 2), patch.corner(25, 0), p252, p252 + (llc - bps1)],
            [21, 20, 22, 23, 24, 25],
        ),
    }


def metatiles(levels: int) -> dict[str, Meta]:
    """The H, T, P, F metatiles after ``levels`` substitutions."""
    shapes = _first_metatiles()
    for _ in range(levels):
        shapes = _supertiles(_patch(shapes))
    return shapes


def _inradius(outline: np.ndarray) -> float:
    """Distance from the origin to the nearest edge line of a polygon about it."""
    d = np.inf
    for p, q in zip(outline, np.roll(outline, -1, axis=0), strict=True):
        e = q - p
        d = min(d, abs(e[0] * p[1] - e[1] * p[0]) / math.hypot(*e))
    return d


def _compose(ts: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Each map of ``ts`` (``(n, 2, 3)``) after ``t``."""
    out = np.empty_like(ts)
    out[:, :, :2] = ts[:, :, :2] @ t[:, :2]
    out[:, :, 2] = ts[:, :, :2] @ t[:, 2] + ts[:, :, 2]
    return out


def hats(top: Meta, origin: np.ndarray, reach: float) -> tuple[np.ndarray, list[str]]:
    """Every hat of ``top`` within ``reach`` of ``origin``: its map and label.

    The tree is walked level by level with all copies of one metatile as one array
    of maps, so the work is a few array operations per metatile kind and level.
    """
    hat_r = float(np.max(np.linalg.norm(HAT, axis=1)))
    frontier: list[tuple[Meta | str, np.ndarray]] = [(top, IDENT[None].copy())]
    maps, labels = [], []
    while frontier:
        groups: dict[int, tuple[Meta | str, list[np.ndarray]]] = {}
        for shape, maps_in in frontier:
            if isinstance(shape, str):
                maps.append(maps_in)
                labels += [shape] * len(maps_in)
                continue
            ts = maps_in
            pts = np.einsum("nij,kj->nki", ts[:, :, :2], shape.outline) + ts[:, None, :, 2]
            mid = pts.mean(axis=1)
            size = np.linalg.norm(pts - mid[:, None], axis=2).max(axis=1) + 2.0 * hat_r
            ts = ts[np.linalg.norm(mid - origin, axis=1) - size <= reach]
            if not len(ts):
                continue
            for ct, cs in shape.children:
                groups.setdefault(id(cs), (cs, []))[1].append(_compose(ts, ct))
        frontier = [(cs, np.concatenate(parts)) for cs, parts in groups.values()]
    return np.concatenate(maps) if maps else np.zeros((0, 2, 3)), labels


@dataclass(frozen=True)
class HatParams(Params):
    tile_size: float = param(0.07, range=(0.015, 0.2), doc="width of a hat", unit="design units")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    coloring: str = param(
        "metatile",
        choices=("metatile", "reflected", "random"),
        doc="by metatile (H, T, P, F), mirrored hats apart; only mirrored hats apart; random",
    )
    colors: int = param(4, range=(1, 8), doc="palette roles used (reflected and random colourings)")
    first_color: int = param(2, range=(0, 47), doc="palette role of the first colour class")
    reflected_color: int = param(1, range=(0, 47), doc="palette role of the mirrored hats")
    line_width: float = param(
        0.003, range=(0.0, 0.012), doc="width of the grout lines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")


def hat_patch(p: HatParams, rng: np.random.Generator) -> tuple[Patch, np.ndarray]:
    """Hats (design units) covering the design, their labels and colour classes.

    Also returns each hat's map (``(n, 2, 3)``, tile units), for the tests.
    """
    scale = p.tile_size / 2.0  # hats are drawn at half the outline's size: about 2 units wide
    reach = cover_radius(p.line_width) / scale + 6.0
    wander = 2.0 * reach
    levels = 0
    shapes = _first_metatiles()
    while _inradius(shapes["H"].outline) < reach + wander and levels < 12:
        shapes = _supertiles(_patch(shapes))
        levels += 1
    origin = disc_offset(rng, wander)
    m, labels = hats(shapes["H"], origin, reach)
    pts, keep = place_copies(m, HAT, p.line_width, scale=scale, rotation=p.rotation, origin=origin)
    m = m[keep]
    kinds = np.array([LABELS.index(labels[i]) for i in keep], np.int64)
    if p.coloring == "metatile":
        classes = np.where(kinds == 1, -1, kinds - (kinds > 1))  # H, T, P, F: 0 .. 3
    elif p.coloring == "reflected":
        classes = np.where(kinds == 1, -1, rng.integers(0, max(p.colors, 1), size=len(kinds)))
    else:
        classes = rng.integers(0, max(p.colors, 1), size=len(kinds))
    return Patch(pts, kinds, classes), m


@operator(
    "tiling.hat_monotile",
    kind="vector",
    version=1,
    tags=("hat", "einstein", "monotile", "aperiodic", "polykite", "帽子", "单瓷砖", "非周期"),
)
def hat_monotile(p: HatParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """The hat: one shape (a 13-sided polykite) that tiles the plane, never periodically.

    Smith, Myers, Kaplan & Goodman-Strauss's metatiles H, T, P and F are built,
    glued into a 29-metatile patch and read off as the next, larger H, T, P, F,
    level after level until an H covers the design; the hats inside are its
    leaves. Every hat is congruent; about one in seven is mirrored (the one at the
    heart of each H). The seed picks the window. Colourings: by the metatile a hat
    belongs to (H, T, P, F take roles ``first_color`` to ``first_color + 3``,
    mirrored hats ``reflected_color``); mirrored hats apart and the others at random
    over ``colors`` roles from ``first_color``; or all at random.

    References
    ----------
    Smith, Myers, Kaplan & Goodman-Strauss 2023, "An aperiodic monotile",
    arXiv:2303.10798 (*Combinatorial Theory* 4(1), 2024).
    """
    patch, _ = hat_patch(p, rng)
    if p.coloring == "metatile":
        roles = np.where(patch.classes < 0, p.reflected_color, p.first_color + patch.classes)
    else:
        roles = np.where(
            patch.classes < 0, p.reflected_color, p.first_color + patch.classes % p.colors
        )
    return patch_drawing(patch, roles, palette, line_role=p.line_color, line_width=p.line_width)
