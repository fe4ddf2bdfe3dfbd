"""The Spectre: a chiral aperiodic monotile, built by its nine-cluster substitution."""

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

__all__ = ["SPECTRE", "SpectreParams", "spectre_monotile", "spectre_patch", "supertiles"]

_S3 = math.sqrt(3.0) / 2.0

# Tile(1, 1): fourteen unit edges whose directions are multiples of 30 degrees.
SPECTRE = np.array(
    [
        (0.0, 0.0), (1.0, 0.0), (1.5, -_S3), (1.5 + _S3, 0.5 - _S3), (1.5 + _S3, 1.5 - _S3),
        (2.5 + _S3, 1.5 - _S3), (3.0 + _S3, 1.5), (3.0, 2.0), (3.0 - _S3, 1.5),
        (2.5 - _S3, 1.5 + _S3), (1.5 - _S3, 1.5 + _S3), (0.5 - _S3, 1.5 + _S3), (-_S3, 1.5),
        (0.0, 1.0),
    ]
)  # fmt: skip
LABELS = ("Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi")
IDENT = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])

# Which cluster goes in each of the eight places of a supertile (None: left empty).
_SUPER_RULES = {
    "Gamma": ("Pi", "Delta", None, "Theta", "Sigma", "Xi", "Phi", "Gamma"),
    "Delta": ("Xi", "Delta", "Xi", "Phi", "Sigma", "Pi", "Phi", "Gamma"),
    "Theta": ("Psi", "Delta", "Pi", "Phi", "Sigma", "Pi", "Phi", "Gamma"),
    "Lambda": ("Psi", "Delta", "Xi", "Phi", "Sigma", "Pi", "Phi", "Gamma"),
    "Xi": ("Psi", "Delta", "Pi", "Phi", "Sigma", "Psi", "Phi", "Gamma"),
    "Pi": ("Psi", "Delta", "Xi", "Phi", "Sigma", "Psi", "Phi", "Gamma"),
    "Sigma": ("Xi", "Delta", "Xi", "Phi", "Sigma", "Pi", "Lambda", "Gamma"),
    "Phi": ("Psi", "Delta", "Psi", "Phi", "Sigma", "Pi", "Phi", "Gamma"),
    "Psi": ("Psi", "Delta", "Psi", "Phi", "Sigma", "Psi", "Phi", "Gamma"),
}
# (turn in degrees, quad corner of the previous place, quad corner of this place).
_PLACE_RULES = ((60, 3, 1), (0, 2, 0), (60, 3, 1), (60, 3, 1), (0, 2, 0), (60, 3, 1), (-120, 3, 3))


def _mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.hstack([a[:, :2] @ b[:, :2], (a[:, :2] @ b[:, 2] + a[:, 2])[:, None]])


def _apply(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    return p @ t[:, :2].T + t[:, 2]


def _turn(deg: float) -> np.ndarray:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return np.array([[c, -s, 0.0], [s, c, 0.0]])


def _shift(d: np.ndarray) -> np.ndarray:
    return np.array([[1.0, 0.0, d[0]], [0.0, 1.0, d[1]]])


@dataclass
class Cluster:
    """A spectre (``label`` set, no children) or a cluster of placed sub-clusters."""

    quad: np.ndarray
    label: str = ""
    children: list[tuple[np.ndarray, Cluster]] = field(default_factory=list)
    centre: np.ndarray = field(default_factory=lambda: np.zeros(2))
    radius: float = 0.0

    def bound(self) -> None:
        """Bounding circle of every spectre below (children are bounded already)."""
        if not self.children:
            self.centre = SPECTRE.mean(axis=0)
            self.radius = float(np.max(np.linalg.norm(SPECTRE - self.centre, axis=1)))
            return
        mids = np.array([_apply(t, c.centre) for t, c in self.children])
        self.centre = mids.mean(axis=0)
        self.radius = max(
            float(np.linalg.norm(m - self.centre)) + c.radius
            for m, (_, c) in zip(mids, self.children, strict=True)
        )


def _base() -> dict[str, Cluster]:
    quad = SPECTRE[[3, 5, 7, 11]]
    out = {}
    for name in LABELS[1:]:
        tile = Cluster(quad, name)
        tile.bound()
        out[name] = tile
    g1, g2 = Cluster(quad, "Gamma1"), Cluster(quad, "Gamma2")
    g1.bound()
    g2.bound()
    # The "mystic": two spectres, the second turned 30 degrees about corner 8.
    mystic = Cluster(quad, "", [(IDENT.copy(), g1), (_mul(_shift(SPECTRE[8]), _turn(30.0)), g2)])
    mystic.bound()
    out["Gamma"] = mystic
    return out


def supertiles(system: dict[str, Cluster]) -> dict[str, Cluster]:
    """The nine clusters of the next level (each mirrored, as the rule has it)."""
    quad = system["Delta"].quad
    maps = [IDENT.copy()]
    total = 0.0
    turn = IDENT.copy()
    turned = quad.copy()
    for angle, src, dst in _PLACE_RULES:
        total += angle
        if angle:
            turn = _turn(total)
            turned = _apply(turn, quad)
        shift = _shift(_apply(maps[-1], quad[src]) - turned[dst])
        maps.append(_mul(shift, turn))
    mirror = np.array([[-1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    maps = [_mul(mirror, m) for m in maps]
    super_quad = np.array(
        [
            _apply(maps[6], quad[2]),
            _apply(maps[5], quad[1]),
            _apply(maps[3], quad[2]),
            _apply(maps[0], quad[1]),
        ]
    )
    out = {}
    for name, subs in _SUPER_RULES.items():
        c = Cluster(super_quad, "", [(m, system[s]) for m, s in zip(maps, subs, strict=True) if s])
        c.bound()
        out[name] = c
    return out


def spectres(top: Cluster, origin: np.ndarray, reach: float) -> tuple[np.ndarray, list[str]]:
    """Every spectre of ``top`` within ``reach`` of ``origin``: its map and label."""
    frontier: list[tuple[Cluster, np.ndarray]] = [(top, IDENT[None].copy())]
    maps, labels = [], []
    while frontier:
        groups: dict[int, tuple[Cluster, list[np.ndarray]]] = {}
        for c, maps_in in frontier:
            mid = np.einsum("nij,j->ni", maps_in[:, :, :2], c.centre) + maps_in[:, :, 2]
            scale = np.sqrt(np.abs(np.linalg.det(maps_in[:, :, :2])))
            ts = maps_in[np.linalg.norm(mid - origin, axis=1) - c.radius * scale <= reach]
            if not len(ts):
                continue
            if not c.children:
                maps.append(ts)
                labels += [c.label] * len(ts)
                continue
            for ct, cc in c.children:
                new = np.empty_like(ts)
                new[:, :, :2] = ts[:, :, :2] @ ct[:, :2]
                new[:, :, 2] = ts[:, :, :2] @ ct[:, 2] + ts[:, :, 2]
                groups.setdefault(id(cc), (cc, []))[1].append(new)
        frontier = [(c, np.concatenate(parts)) for c, parts in groups.values()]
    return np.concatenate(maps) if maps else np.zeros((0, 2, 3)), labels


def outline(curve: float, samples: int = 6) -> np.ndarray:
    """The spectre's corners, each edge bent into an S by ``curve`` (0: straight).

    The S is odd about the edge's midpoint, so it reads the same from the tile on
    either side of the edge: curved spectres still fit, and no longer fit their
    mirror image (the "strictly chiral" Spectre).
    """
    if curve <= 0:
        return SPECTRE
    pts = []
    t = np.arange(samples) / samples
    for p, q in zip(SPECTRE, np.roll(SPECTRE, -1, axis=0), strict=True):
        d = q - p
        n = np.array([-d[1], d[0]])
        pts.append(p + t[:, None] * d + (curve * np.sin(2.0 * math.pi * t))[:, None] * n)
    return np.concatenate(pts)


@dataclass(frozen=True)
class SpectreParams(Params):
    tile_size: float = param(0.1, range=(0.04, 0.35), doc="width of a spectre", unit="design units")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    edge_curve: float = param(
        0.12, range=(0.0, 0.2), doc="S-bend of every edge (0: straight polygon)", unit="edges"
    )
    coloring: str = param(
        "orientation",
        choices=("orientation", "cluster", "random"),
        doc="by the tile's direction (twelve); by its cluster label (nine); or at random",
    )
    colors: int = param(5, range=(1, 8), doc="palette roles used, from first_color on")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first colour class")
    line_width: float = param(
        0.003, range=(0.0, 0.012), doc="width of the grout lines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")


def spectre_patch(p: SpectreParams, rng: np.random.Generator) -> tuple[Patch, np.ndarray]:
    """Spectres (design units) covering the design, with colour classes and their maps."""
    scale = p.tile_size / 4.0  # a spectre spans about four edges
    reach = cover_radius(p.line_width) / scale + 6.0
    wander = 2.0 * reach
    system = _base()
    levels = 0
    while levels < 12:
        top = system["Delta"]
        if top.radius > 3.0 * (reach + wander) and levels >= 2:
            break
        system = supertiles(system)
        levels += 1
    top = system["Delta"]
    origin = top.centre + disc_offset(rng, wander)
    m, labels = spectres(top, origin, reach)
    pts, keep = place_copies(
        m, outline(p.edge_curve), p.line_width, scale=scale, rotation=p.rotation, origin=origin
    )
    m = m[keep]
    names = [labels[i].rstrip("12") for i in keep]
    kinds = np.array([LABELS.index(n) for n in names], np.int64)
    if p.coloring == "orientation":
        ang = np.degrees(np.arctan2(m[:, 1, 0], m[:, 0, 0]))
        classes = np.rint(ang / 30.0).astype(np.int64) % 12
    elif p.coloring == "cluster":
        classes = kinds
    else:
        classes = rng.integers(0, max(p.colors, 1), size=len(kinds))
    return Patch(pts, kinds, classes), m


@operator(
    "tiling.spectre_monotile",
    kind="vector",
    version=1,
    tags=("spectre", "monotile", "aperiodic", "chiral", "einstein", "幽灵", "单瓷砖", "非周期"),
)
def spectre_monotile(p: SpectreParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """The Spectre: one 14-sided shape that tiles the plane, never periodically and unmirrored.

    Smith, Myers, Kaplan & Goodman-Strauss's substitution: nine clusters (Gamma is
    the two-spectre "mystic") are each built from eight clusters of the level
    below, placed by a fixed chain of turns along their key corners and then
    mirrored, level after level until a cluster covers the design. All spectres of
    one patch have the same hand. ``edge_curve`` bends every edge into the same
    S, the curved variant that cannot tile with its mirror image at all. The seed
    picks the window. Colourings: by direction (twelve classes), by cluster
    (nine), or random; class ``k`` takes palette role ``first_color + k mod colors``.

    References
    ----------
    Smith, Myers, Kaplan & Goodman-Strauss 2023, "A chiral aperiodic monotile",
    arXiv:2305.17743 (*Combinatorial Theory* 4(2), 2024).
    """
    patch, _ = spectre_patch(p, rng)
    roles = p.first_color + patch.classes % p.colors
    return patch_drawing(patch, roles, palette, line_role=p.line_color, line_width=p.line_width)
