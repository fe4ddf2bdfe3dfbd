"""Islamic star patterns: contact angles, rotational symmetry, weaving, girih tiles.

The patterns are checked through their cell geometry (regions and lines), which is
what the operators colour: the lines leave every edge midpoint at the contact
angle, the patterns have the n-fold symmetry of their centres (the whole
pattern: its lattice's; inside a large polygon: the polygon's), every crossing
of an interlace has one strand over, strands alternate, and the girih tiles and
their straps are what the girih rules say.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from foulard.ops.tiling._cell_pattern import polygon_area
from foulard.ops.tiling._islamic import (
    BASE_TILINGS,
    base_tiling,
    hankin,
    lee_rosette,
    regular_vertices,
)
from foulard.ops.tiling.girih import GIRIH_TILES, LAYOUTS, girih_layout, straps, tile
from foulard.ops.tiling.islamic_hankin import HankinParams, build_cell
from foulard.ops.tiling.islamic_interlace import InterlaceParams, weave
from foulard.ops.tiling.islamic_rosette import ROSETTE_BASES, RosetteParams, rosette_cell


def _angle_to_edge(seg: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    d = seg[2:] - seg[:2]
    e = b - a
    c = abs(d @ e) / (np.linalg.norm(d) * np.linalg.norm(e))
    return math.degrees(math.acos(min(1.0, c)))


@pytest.mark.parametrize("base", BASE_TILINGS)
@pytest.mark.parametrize("theta", [35.0, 54.0, 67.5])
def test_hankin_rays_leave_every_midpoint_at_the_contact_angle(base, theta):
    _, _, polys = base_tiling(base)
    for q in polys:
        v = regular_vertices(q)
        m = hankin(v, theta, 0)
        mids = 0.5 * (v + np.roll(v, -1, axis=0))
        for k, mid in enumerate(mids):
            from_here = [s for s in m.lines if np.allclose(s[:2], mid)]
            assert len(from_here) == 2
            for s in from_here:
                assert abs(_angle_to_edge(s, v[k], v[(k + 1) % len(v)]) - theta) < 1e-9


@pytest.mark.parametrize("base", BASE_TILINGS)
def test_base_tilings_fill_their_cells(base):
    e1, e2, polys = base_tiling(base)
    cell = abs(e1[0] * e2[1] - e1[1] * e2[0])
    assert math.isclose(sum(abs(polygon_area(regular_vertices(q))) for q in polys), cell)


def _symmetric(cell, order: int, radius: float, seed: int = 0, within: float = 0.0) -> None:
    """Regions and line distances are the same at p and at p turned about the centre.

    With ``within`` (the inradius of a polygon about the centre) only points whose
    nearest line is certainly the polygon's own are compared: nearer than the
    polygon's edges.
    """
    rng = np.random.default_rng(seed)
    r = radius * np.sqrt(rng.random(4000))
    a = 2 * np.pi * rng.random(4000)
    x, y = 0.5 + r * np.cos(a), 0.5 + r * np.sin(a)
    f0 = cell.fold(x, y)
    d0, _ = cell.nearest_line(f0)
    c0 = cell.region_class[cell.region(f0)]
    for k in range(1, order):
        t = 2 * np.pi * k / order
        xr = 0.5 + (x - 0.5) * math.cos(t) - (y - 0.5) * math.sin(t)
        yr = 0.5 + (x - 0.5) * math.sin(t) + (y - 0.5) * math.cos(t)
        f1 = cell.fold(xr, yr)
        d1, _ = cell.nearest_line(f1)
        c1 = cell.region_class[cell.region(f1)]
        # Folding snaps points to 2^-24 of a cell, a few 1e-8 design units. Distances
        # are exact within the reach the cell lists lines for (all the bands need).
        finite = (d0 < cell.reach) & (d1 < cell.reach)
        if within:
            finite &= (d0 < within - r) & (d1 < within - r)
        assert np.allclose(d0[finite], d1[finite], atol=1e-7)
        clear = (d0 > 1e-6) & (d1 > 1e-6)
        assert np.array_equal(c0[clear], c1[clear])


LATTICE_ORDER = {"4.4.4.4": 4, "4.8.8": 4}


@pytest.mark.parametrize("base", BASE_TILINGS)
def test_hankin_pattern_has_the_symmetry_of_its_centre(base):
    cell = build_cell(HankinParams(base=base, repeats=2))
    _, _, polys = base_tiling(base)
    big = max(polys, key=lambda q: q.n)
    # Everywhere: the lattice's rotations about the large polygon's centre.
    _symmetric(cell, LATTICE_ORDER.get(base, 6), 0.45)
    # Inside that polygon: all of its own n-fold symmetry.
    inner = 0.5 / math.tan(math.pi / big.n) / (2 * math.hypot(*base_tiling(base)[0]))
    _symmetric(cell, big.n, 0.95 * inner, within=inner)


@pytest.mark.parametrize("base", ROSETTE_BASES)
def test_rosettes_have_n_fold_symmetry_and_their_petals(base):
    p = RosetteParams(base=base, repeats=2)
    cell = rosette_cell(p)
    _, _, polys = base_tiling(base)
    big = max(polys, key=lambda q: q.n)
    inner = 0.5 / math.tan(math.pi / big.n) / (2 * math.hypot(*base_tiling(base)[0]))
    _symmetric(cell, big.n, 0.95 * inner, seed=1, within=inner)
    _symmetric(cell, LATTICE_ORDER.get(base, 6), 0.45, seed=2)
    # One star, n petals and n kites per rosette; petals are hexagons symmetric about
    # their corner's bisector, with the star's point and valley on the axes.
    m = lee_rosette(big, p.contact_angle, p.petal, 0)
    assert m.classes.count(0) == 1
    assert m.classes.count(1) == big.n
    assert m.classes.count(2) == big.n
    centre = np.array(big.centre)
    for petal in (r for r, c in zip(m.regions, m.classes, strict=True) if c == 1):
        assert len(petal) == 6
        axis = petal[3] - centre  # the outer tip lies on the bisector, as does the inner
        axis /= np.linalg.norm(axis)
        mirrored = 2 * ((petal - centre) @ axis)[:, None] * axis - (petal - centre) + centre
        assert np.allclose(np.sort(mirrored, axis=0), np.sort(petal, axis=0), atol=1e-9)


@pytest.mark.parametrize("base", ["4.8.8", "6.6.6", "3.12.12", "4.4.4.4"])
def test_interlace_alternates_over_and_under(base):
    wv = weave(InterlaceParams(base=base, repeats=2))
    over = wv.over
    assert not np.any(over & over.T), "a crossing with both strands over"
    n = len(wv.cell.lines) - 1
    cross = over[:n, :n] | over[:n, :n].T
    lines = wv.cell.lines[:-1]
    checked = 0
    for i in range(n):
        partners = np.flatnonzero(cross[i])
        if len(partners) != 1:
            continue  # crossings within one straight piece are checked below
        for slot in (0, 1):
            j = wv.joined[i, slot]
            if j >= n:
                continue
            pj = np.flatnonzero(cross[j])
            if len(pj) != 1:
                continue
            # Round a corner the strand goes from one crossing to the next: it must
            # swap between over and under.
            assert over[i, partners[0]] != over[j, pj[0]], f"lines {i} and {j}"
            checked += 1
    for i in range(n):
        partners = np.flatnonzero(cross[i])
        if len(partners) < 2:
            continue
        a, d = lines[i, :2], lines[i, 2:] - lines[i, :2]
        ts = []
        for j in partners:
            c, e = lines[j, :2], lines[j, 2:] - lines[j, :2]
            w = c - a
            ts.append((w[0] * e[1] - w[1] * e[0]) / (d[0] * e[1] - d[1] * e[0]))
        states = [bool(over[i, partners[k]]) for k in np.argsort(ts)]
        assert all(s != t for s, t in itertools.pairwise(states)), f"line {i}: {states}"
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("kind", GIRIH_TILES)
def test_girih_tiles_and_their_straps(kind):
    poly = tile(kind)
    assert np.allclose(np.linalg.norm(np.roll(poly, -1, axis=0) - poly, axis=1), 1.0)
    angles = GIRIH_TILES[kind]
    assert all(a % 36 == 0 for a in angles)
    assert sum(angles) == 180 * (len(angles) - 2)
    segs = straps(poly)
    mids = 0.5 * (poly + np.roll(poly, -1, axis=0))
    for k, mid in enumerate(mids):
        here = [s for s in segs if np.allclose(s[:2], mid)]
        assert len(here) == 2, f"{kind}: edge {k} does not send two straps"
        for s in here:
            angle = _angle_to_edge(s, poly[k], poly[(k + 1) % len(poly)])
            assert abs(angle - 54.0) < 1e-9
    # Straps pair up: every far end is shared by exactly two straps.
    ends = np.round(np.array([s[2:] for s in segs]) / 1e-9).astype(np.int64)
    _, counts = np.unique(ends, axis=0, return_counts=True)
    assert set(counts.tolist()) == {2}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_girih_layouts_fill_their_cells(layout):
    e1, e2, tiles = girih_layout(layout)
    cell = abs(e1[0] * e2[1] - e1[1] * e2[0])
    assert math.isclose(sum(abs(polygon_area(p)) for _, p in tiles), cell, rel_tol=1e-9)
    for kind, p in tiles:
        lengths = np.linalg.norm(np.roll(p, -1, axis=0) - p, axis=1)
        assert np.allclose(lengths, 1.0), kind
