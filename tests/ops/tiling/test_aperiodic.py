"""Aperiodic and substitution tilings: the tile set is what it claims, and it covers.

Every builder returns its polygons in design units. The invariants: tiles are
congruent to the claimed prototiles (angles, edge lengths, handedness), the
statistics follow the theory (thick : thin and kite : dart tend to the golden
ratio), the patch covers the unit square with no gap and no overlap (every sample
point lies in exactly one tile) and the drawing paints every pixel of its bounds.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.registry import get
from foulard.ops.tiling._aperiodic_patch import BOUNDS, polygon_areas
from foulard.ops.tiling.ammann_beenker import AmmannBeenkerParams, ammann_beenker_patch
from foulard.ops.tiling.debruijn_multigrid import MultigridParams, multigrid_patch
from foulard.ops.tiling.hat_monotile import HAT, HatParams, hat_patch
from foulard.ops.tiling.penrose_kites_darts import (
    KitesDartsParams,
    kites_darts_patch,
    penrose_kites_darts,
)
from foulard.ops.tiling.penrose_rhombs import PenroseRhombsParams, penrose_patch, penrose_rhombs
from foulard.ops.tiling.pinwheel import PinwheelParams, pinwheel_patch
from foulard.ops.tiling.spectre_monotile import SPECTRE, SpectreParams, spectre_patch
from foulard.ops.tiling.substitution_tiling import RULES, SubstitutionParams, substitution_patch

PHI = (1 + math.sqrt(5)) / 2


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def inside_counts(polys: np.ndarray, n: int = 300, lo: float = 0.0, hi: float = 1.0) -> np.ndarray:
    """How many polygons hold each point of an n x n grid over [lo, hi]^2 (even-odd rule)."""
    xs = lo + (np.arange(n) + 0.5) / n * (hi - lo)
    counts = np.zeros((n, n), np.int64)
    for poly in polys:
        (x0, y0), (x1, y1) = poly.min(axis=0), poly.max(axis=0)
        i0 = max(0, int(np.floor((x0 - lo) / (hi - lo) * n - 0.5)))
        i1 = min(n, int(np.ceil((x1 - lo) / (hi - lo) * n + 0.5)))
        j0 = max(0, int(np.floor((y0 - lo) / (hi - lo) * n - 0.5)))
        j1 = min(n, int(np.ceil((y1 - lo) / (hi - lo) * n + 0.5)))
        if i0 >= i1 or j0 >= j1:
            continue
        gx, gy = np.meshgrid(xs[i0:i1], xs[j0:j1])
        inside = np.zeros(gx.shape, bool)
        for (ax, ay), (bx, by) in zip(poly, np.roll(poly, -1, axis=0), strict=True):
            crosses = (ay > gy) != (by > gy)
            xi = ax + (gy - ay) * (bx - ax) / np.where(by == ay, 1.0, by - ay)
            inside ^= crosses & (xi > gx)
        counts[j0:j1, i0:i1] += inside
    return counts


def corner_angles(poly: np.ndarray) -> np.ndarray:
    """Interior angles (degrees) of a simple polygon, reflex ones above 180."""
    sign = np.sign(polygon_areas(poly[None])[0])
    a = np.roll(poly, 1, axis=0) - poly  # to the previous corner
    b = np.roll(poly, -1, axis=0) - poly  # to the next
    cross = b[:, 0] * a[:, 1] - b[:, 1] * a[:, 0]
    return np.degrees(np.arctan2(sign * cross, (a * b).sum(axis=1))) % 360.0


def edge_lengths(poly: np.ndarray) -> np.ndarray:
    return np.linalg.norm(np.roll(poly, -1, axis=0) - poly, axis=1)


COVERING = [
    ("penrose_rhombs", lambda: penrose_patch(PenroseRhombsParams(), rng())),
    ("penrose_rhombs_window", lambda: penrose_patch(PenroseRhombsParams(centred=False), rng(5))),
    ("kites_darts", lambda: kites_darts_patch(KitesDartsParams(), rng())),
    ("ammann_beenker", lambda: ammann_beenker_patch(AmmannBeenkerParams(), rng())),
    (
        "ammann_beenker_window",
        lambda: ammann_beenker_patch(AmmannBeenkerParams(centred=False), rng(2)),
    ),
    ("multigrid_7", lambda: multigrid_patch(MultigridParams(), rng())),
    ("multigrid_5", lambda: multigrid_patch(MultigridParams(n=5, centred=False), rng(1))),
    ("multigrid_12", lambda: multigrid_patch(MultigridParams(n=12, tile_size=0.08), rng())),
    ("pinwheel", lambda: pinwheel_patch(PinwheelParams(), rng())[0]),
    ("hat", lambda: hat_patch(HatParams(), rng())[0]),
    ("spectre", lambda: spectre_patch(SpectreParams(), rng())[0]),
    ("spectre_straight", lambda: spectre_patch(SpectreParams(edge_curve=0.0), rng(4))[0]),
] + [
    (f"substitution_{r}", lambda r=r: substitution_patch(SubstitutionParams(rule=r), rng())[0])
    for r in RULES
]  # fmt: skip


@pytest.mark.parametrize(("name", "build"), COVERING, ids=[c[0] for c in COVERING])
def test_patch_covers_the_design_once(name, build):
    patch = build()
    # Whole design plus the hem margin: every point in exactly one tile.
    counts = inside_counts(patch.polygons, n=240, lo=BOUNDS[0] + 1e-3, hi=BOUNDS[2] - 1e-3)
    assert counts.min() == 1, f"{name}: a gap"
    assert counts.max() == 1, f"{name}: an overlap"


def test_penrose_rhombs_have_the_two_shapes_in_golden_proportion():
    patch = penrose_patch(PenroseRhombsParams(tile_size=0.02), rng())
    angles = np.sort(np.array([corner_angles(p) for p in patch.polygons]), axis=1)
    thick = np.all(np.abs(angles - [72, 72, 108, 108]) < 1e-6, axis=1)
    thin = np.all(np.abs(angles - [36, 36, 144, 144]) < 1e-6, axis=1)
    assert (thick | thin).all(), "a tile that is neither rhomb"
    assert np.array_equal(thick, patch.kinds == 1)
    lengths = np.array([edge_lengths(p) for p in patch.polygons])
    assert np.allclose(lengths, 0.02, rtol=1e-9)
    ratio = thick.sum() / thin.sum()
    assert abs(ratio - PHI) < 0.05, ratio


def test_penrose_arcs_run_on_across_edges():
    """Each arc meets its tile's edge at a point another tile's arc meets too."""
    patch = penrose_patch(PenroseRhombsParams(tile_size=0.05), rng())
    arcs = patch.arcs
    ends = []
    for c, r, a0, sw in zip(arcs.centres, arcs.radii, arcs.starts, arcs.sweeps, strict=True):
        for a in (a0, a0 + sw):
            ends.append(c + r * np.array([math.cos(math.radians(a)), math.sin(math.radians(a))]))
    keys = np.round(np.array(ends) / 1e-7).astype(np.int64)
    inner = np.all((np.array(ends) > 0.05) & (np.array(ends) < 0.95), axis=1)
    _, counts = np.unique(keys[inner], axis=0, return_counts=True)
    assert np.all(counts % 2 == 0), "an arc ends where no other arc continues it"


def test_kites_and_darts():
    patch = kites_darts_patch(KitesDartsParams(tile_size=0.04), rng())
    kinds = patch.kinds
    for poly, kind in zip(patch.polygons, kinds, strict=True):
        angles = np.sort(corner_angles(poly))
        want = [72, 72, 72, 144] if kind == 0 else [36, 36, 72, 216]
        assert np.allclose(angles, want, atol=1e-6)
        lengths = np.sort(edge_lengths(poly))
        assert np.allclose(lengths, [0.04 / PHI] * 2 + [0.04] * 2, rtol=1e-9)
    ratio = (kinds == 0).sum() / (kinds == 1).sum()
    assert abs(ratio - PHI) < 0.08, ratio


def test_ammann_beenker_squares_and_45_degree_rhombs():
    patch = ammann_beenker_patch(AmmannBeenkerParams(tile_size=0.05), rng())
    for poly in patch.polygons:
        angles = np.sort(corner_angles(poly))
        square = np.allclose(angles, 90, atol=1e-6)
        rhomb = np.allclose(angles, [45, 45, 135, 135], atol=1e-6)
        assert square or rhomb
        assert np.allclose(edge_lengths(poly), 0.05, rtol=1e-9)


def test_multigrid_rhombs_and_their_symmetry():
    n = 7
    patch = multigrid_patch(MultigridParams(n=n, tile_size=0.06), rng())
    for poly in patch.polygons:
        assert np.allclose(edge_lengths(poly), 0.06, rtol=1e-9)
        a = corner_angles(poly)
        assert np.allclose((a * n / 180.0) % 1.0 * (1 - (a * n / 180.0) % 1.0), 0, atol=1e-6)
    # Centred: the tiling is 2n-fold symmetric about the middle of the design.
    cents = patch.polygons.mean(axis=1) - 0.5
    near = np.hypot(cents[:, 0], cents[:, 1]) < 0.35
    turn = math.radians(180.0 / n)
    rot = cents[near] @ np.array(
        [[math.cos(turn), math.sin(turn)], [-math.sin(turn), math.cos(turn)]]
    )
    a = {tuple(k) for k in np.round(cents[near] / 1e-6).astype(np.int64)}
    b = {tuple(k) for k in np.round(rot / 1e-6).astype(np.int64)}
    inner = {k for k in b if math.hypot(*k) < 0.3e6}
    assert inner <= a


def test_pinwheel_triangles_turn_every_which_way():
    def directions(size):
        patch, _ = pinwheel_patch(PinwheelParams(tile_size=size), rng())
        for poly in patch.polygons:
            lengths = np.sort(edge_lengths(poly))
            assert np.allclose(lengths, [size, 2 * size, size * math.sqrt(5)], rtol=1e-9)
        hyp = patch.polygons[:, 2] - patch.polygons[:, 1]
        return len(np.unique(np.round(np.degrees(np.arctan2(hyp[:, 1], hyp[:, 0])) % 180.0, 4)))

    # Each level of substitution adds directions (turns by arctan 1/2): no periodic
    # tiling by one triangle could keep doing that.
    coarse, fine = directions(0.12), directions(0.015)
    assert fine > coarse >= 4


def _congruent(poly: np.ndarray, proto: np.ndarray) -> tuple[bool, bool]:
    """Whether ``poly`` is ``proto`` moved (rigidly) and whether it is mirrored."""
    k = len(proto)
    lp, lq = edge_lengths(poly), edge_lengths(proto)
    ap, aq = corner_angles(poly), corner_angles(proto)
    for shift in range(k):
        for flip in (False, True):
            ll = lp[::-1] if flip else lp
            aa = np.roll(ap[::-1], 1) if flip else ap
            if np.allclose(np.roll(ll, shift), lq, atol=1e-6) and np.allclose(
                np.roll(aa, shift), aq, atol=1e-4
            ):
                return True, bool(
                    np.sign(polygon_areas(poly[None])[0]) != np.sign(polygon_areas(proto[None])[0])
                )
    return False, False


def test_hats_are_all_congruent_some_mirrored():
    patch, maps = hat_patch(HatParams(tile_size=0.1), rng())
    scale = 0.1 / 2.0  # the metatiles hold hats at half the outline's size
    mirrored = 0
    for poly in patch.polygons:
        ok, flip = _congruent(poly / scale, HAT / 2.0)
        assert ok, "a tile is not a hat"
        mirrored += flip
    # The mirrored hats are the H1 hats: about one in seven, never a majority.
    share = mirrored / len(patch.polygons)
    assert 0.08 < share < 0.2, share
    assert np.array_equal(np.linalg.det(maps[:, :, :2]) < 0, patch.kinds == 1)


def test_spectres_are_congruent_and_never_mirrored():
    patch, _ = spectre_patch(SpectreParams(tile_size=0.12, edge_curve=0.0), rng())
    scale = 0.12 / 4.0
    hands = set()
    for poly in patch.polygons:
        ok, flip = _congruent(poly / scale, SPECTRE)
        assert ok, "a tile is not a spectre"
        hands.add(flip)
    assert len(hands) == 1, "spectres of both hands in one patch"


def test_substitution_rules_tile_their_doubles():
    """Each rule's four children fill the doubled prototile exactly."""
    for name, (rule, _) in RULES.items():
        polys = np.array([rule.polygon @ a.T + t for a, t in rule.maps])
        area = abs(polygon_areas(rule.polygon[None])[0])
        assert np.allclose(np.abs(polygon_areas(polys)), area / 4.0), name
        lo, hi = rule.polygon.min(axis=0), rule.polygon.max(axis=0)
        counts = inside_counts(polys, n=160, lo=min(lo) - 0.01, hi=max(hi) + 0.01)
        whole = inside_counts(rule.polygon[None], n=160, lo=min(lo) - 0.01, hi=max(hi) + 0.01)
        assert np.array_equal(counts, whole), name


def test_chair_tiles_point_four_ways():
    patch, _ = substitution_patch(SubstitutionParams(rule="chair"), rng())
    assert set(np.unique(patch.classes)) == {0, 1, 2, 3}


@pytest.mark.parametrize(
    "draw", [(penrose_rhombs, PenroseRhombsParams()), (penrose_kites_darts, KitesDartsParams())]
)
def test_drawing_paints_every_pixel_of_its_bounds(draw):
    fn, params = draw
    d = fn(params, rng(), Palette(EXAMPLE_PALETTE))
    img = d.rasterize(200)
    assert d.bounds == BOUNDS
    assert img[..., 3].min() == 1.0


def test_different_seeds_show_different_windows():
    a = penrose_patch(PenroseRhombsParams(centred=False), rng(1))
    b = penrose_patch(PenroseRhombsParams(centred=False), rng(2))
    assert not np.allclose(np.sort(a.polygons[:, 0, 0])[:20], np.sort(b.polygons[:, 0, 0])[:20])


APERIODIC = [
    "tiling.penrose_rhombs",
    "tiling.penrose_kites_darts",
    "tiling.ammann_beenker",
    "tiling.hat_monotile",
    "tiling.spectre_monotile",
    "tiling.de_bruijn_multigrid",
    "tiling.pinwheel",
]


@pytest.mark.parametrize("op_id", APERIODIC)
def test_aperiodic_tilings_claim_no_period(op_id):
    assert get(op_id).periods is None
