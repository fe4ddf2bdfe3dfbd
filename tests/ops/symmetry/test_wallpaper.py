"""The 17 wallpaper groups commute with their generators, and with nothing more.

Each group is sampled over value noise (which has no symmetry of its own) at points
``p`` and ``g(p)``. Transforms are written in lattice coordinates, where they are
integer maps; on square and rectangular lattices with power-of-two cells the
conversion to design units is exact too, so invariance must be bit-exact there.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache, render

REPEATS = 4


def T(ta, tb):
    return (1, 0, 0, 1, ta, tb)


# Named transforms, (a00, a01, a10, a11, ta, tb) in lattice coordinates.
MIRROR_0 = (-1, 0, 0, 1, 0, 0)  # across a = 0
MIRROR_HALF = (-1, 0, 0, 1, 1, 0)  # across a = 1/2
MIRROR_QUARTER = (-1, 0, 0, 1, 0.5, 0)  # across a = 1/4
ACROSS_0 = (1, 0, 0, -1, 0, 0)  # across b = 0
ACROSS_HALF = (1, 0, 0, -1, 0, 1)  # across b = 1/2
HALF_TURN = (-1, 0, 0, -1, 0, 0)
HALF_TURN_A = (-1, 0, 0, -1, 1, 0)  # about (1/2, 0)
HALF_TURN_B = (-1, 0, 0, -1, 0, 1)  # about (0, 1/2)
HALF_TURN_AB = (-1, 0, 0, -1, 1, 1)  # about (1/2, 1/2)
QUARTER_TURN = (0, -1, 1, 0, 0, 0)
QUARTER_TURN_CENTRE = (0, -1, 1, 0, 1, 0)  # about (1/2, 1/2)
DIAGONAL = (0, 1, 1, 0, 0, 0)
TURN_60 = (0, -1, 1, 1, 0, 0)
TURN_120 = (-1, -1, 1, 0, 0, 0)
TURN_120_THIRD = (-1, -1, 1, 0, 1, 0)  # about (1/3, 1/3)
LONG_MIRROR = (0, 1, 1, 0, 0, 0)
SHORT_MIRROR = (0, -1, -1, 0, 0, 0)

# group -> (lattice kind, test params, generators, operations it must NOT have)
GROUPS = {
    "p1": ("oblique", {"angle": 70.0, "aspect": 0.8}, [T(1, 0), T(0, 1)], [HALF_TURN, T(0.5, 0)]),
    "p2": (
        "oblique",
        {"angle": 70.0, "aspect": 0.8},
        [HALF_TURN, HALF_TURN_A, HALF_TURN_B, HALF_TURN_AB, T(1, 0)],
        [T(0.5, 0), T(0, 0.5), T(0.5, 0.5)],
    ),
    "pm": (
        "rectangular",
        {"aspect": 0.5},
        [MIRROR_0, MIRROR_HALF, T(1, 0), T(0, 1)],
        [ACROSS_0, HALF_TURN, (-1, 0, 0, 1, 0, 0.5), T(0.5, 0), MIRROR_QUARTER],
    ),
    "pg": (
        "rectangular",
        {"aspect": 2.0},
        [(-1, 0, 0, 1, 0, 0.5), (-1, 0, 0, 1, 1, 0.5)],
        [MIRROR_0, MIRROR_QUARTER, HALF_TURN, ACROSS_0, T(0, 0.5)],
    ),
    "cm": (
        "centred",
        {"aspect": 2.0},
        [MIRROR_0, MIRROR_HALF, T(0.5, 0.5), (-1, 0, 0, 1, 0.5, 0.5)],
        [ACROSS_0, HALF_TURN, T(0.5, 0), MIRROR_QUARTER],
    ),
    "pmm": (
        "rectangular",
        {"aspect": 1.0},
        [MIRROR_0, MIRROR_HALF, ACROSS_0, ACROSS_HALF, HALF_TURN],
        [QUARTER_TURN, DIAGONAL, T(0.5, 0.5), T(0.5, 0), (-1, 0, 0, 1, 0, 0.5)],
    ),
    "pmg": (
        "rectangular",
        {"aspect": 0.5},
        [HALF_TURN, HALF_TURN_A, MIRROR_QUARTER, (1, 0, 0, -1, 0.5, 0)],
        [MIRROR_0, ACROSS_0, T(0.5, 0), T(0.5, 0.5)],
    ),
    "pgg": (
        "rectangular",
        {"aspect": 1.0},
        [HALF_TURN, (-1, 0, 0, 1, 0.5, 0.5), (1, 0, 0, -1, 0.5, 0.5)],
        [MIRROR_0, MIRROR_QUARTER, ACROSS_0, T(0.5, 0.5), QUARTER_TURN],
    ),
    "cmm": (
        "centred",
        {"aspect": 1.0},
        [MIRROR_0, ACROSS_0, T(0.5, 0.5), (-1, 0, 0, -1, 0.5, 0.5)],
        [QUARTER_TURN, DIAGONAL, T(0.5, 0), MIRROR_QUARTER],
    ),
    "p4": (
        "square",
        {},
        [QUARTER_TURN, QUARTER_TURN_CENTRE, HALF_TURN_A],
        [MIRROR_0, DIAGONAL, (0, 1, 1, 0, 0.5, 0.5), T(0.5, 0.5), MIRROR_QUARTER],
    ),
    "p4m": (
        "square",
        {},
        [QUARTER_TURN, MIRROR_0, DIAGONAL, MIRROR_HALF],
        [T(0.5, 0.5), (-1, 0, 0, 1, 0.5, 0.5), MIRROR_QUARTER],
    ),
    "p4g": (
        "square",
        {},
        [QUARTER_TURN, (-1, 0, 0, 1, 0.5, 0.5), (0, 1, 1, 0, 0.5, 0.5)],
        [MIRROR_0, DIAGONAL, T(0.5, 0.5), MIRROR_QUARTER],
    ),
    "p3": (
        "hexagonal",
        {},
        [TURN_120, TURN_120_THIRD, T(1, 0)],
        [TURN_60, HALF_TURN, LONG_MIRROR, SHORT_MIRROR],
    ),
    "p3m1": (
        "hexagonal",
        {},
        [TURN_120, LONG_MIRROR, TURN_120_THIRD],
        [TURN_60, HALF_TURN, SHORT_MIRROR],
    ),
    "p31m": (
        "hexagonal",
        {},
        [TURN_120, SHORT_MIRROR, TURN_120_THIRD],
        [TURN_60, HALF_TURN, LONG_MIRROR],
    ),
    "p6": (
        "hexagonal",
        {},
        [TURN_60, TURN_120_THIRD, HALF_TURN_A],
        [LONG_MIRROR, SHORT_MIRROR, T(1 / 3, 1 / 3)],
    ),
    "p6m": (
        "hexagonal",
        {},
        [TURN_60, LONG_MIRROR, SHORT_MIRROR, TURN_120_THIRD],
        [T(1 / 3, 1 / 3), T(0.5, 0)],
    ),
}
EXACT = ("rectangular", "centred", "square")
# A placement off every symmetry element, and each group's own default.
GENERIC = {"motif_x": 0.31, "motif_y": 0.17, "motif_size": 0.7, "motif_rotation": 23.0}


def basis(kind: str, params: dict) -> np.ndarray:
    w = 1.0 / REPEATS
    if kind in EXACT:
        return np.array([[w, 0.0], [0.0, params.get("aspect", 1.0) * w]])
    if kind == "hexagonal":
        return np.array([[w, 0.5 * w], [0.0, 0.5 * math.sqrt(3.0) * w]])
    g = math.radians(params["angle"])
    h = params["aspect"] * w
    return np.array([[w, h * math.cos(g)], [0.0, h * math.sin(g)]])


def transform(kind: str, params: dict, op, x, y, rotation: float = 0.0):
    """Apply a lattice-coordinate op to design points (exact on power-of-two cells)."""
    B = basis(kind, params)
    if rotation:
        c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
        x, y = 0.5 + c * (x - 0.5) + s * (y - 0.5), 0.5 - s * (x - 0.5) + c * (y - 0.5)
    if kind in EXACT:
        a, b = x / B[0, 0], y / B[1, 1]
    else:
        a, b = np.linalg.solve(B, np.stack([x.ravel(), y.ravel()]))
    a00, a01, a10, a11, ta, tb = op
    a, b = a00 * a + a01 * b + ta, a10 * a + a11 * b + tb
    if kind in EXACT:
        x, y = a * B[0, 0], b * B[1, 1]
    else:
        x, y = B @ np.stack([a, b])
    if rotation:
        x, y = 0.5 + c * (x - 0.5) - s * (y - 0.5), 0.5 + s * (x - 0.5) + c * (y - 0.5)
    return x, y


CASES = [
    pytest.param(name, place, id=f"{name}-{label}")
    for name in GROUPS
    for label, place in (("default", {}), ("generic", GENERIC))
]


@pytest.mark.parametrize(("name", "place"), CASES)
def test_invariant_under_generators(name, place, sampler, dyadic):
    kind, params, gens, _ = GROUPS[name]
    f = sampler(f"symmetry.{name}", repeats=REPEATS, **params, **place)
    x, y = dyadic()
    base = f(x, y)
    assert np.ptp(base) > 0.2  # the motif shows: a constant would pass every test
    for op in gens:
        gx, gy = transform(kind, params, op, x, y)
        moved = f(gx, gy)
        if kind in EXACT:
            assert np.array_equal(base, moved), f"{name} not exactly invariant under {op}"
        else:
            err = float(np.abs(base - moved).max())
            assert err <= 1e-5, f"{name}: {op} changes values by {err}"


@pytest.mark.parametrize(("name", "place"), CASES)
def test_no_symmetry_beyond_the_group(name, place, sampler, dyadic):
    kind, params, _, extra = GROUPS[name]
    f = sampler(f"symmetry.{name}", repeats=REPEATS, **params, **place)
    x, y = dyadic(seed=1)
    base = f(x, y)
    for op in extra:
        gx, gy = transform(kind, params, op, x, y)
        differs = np.abs(base - f(gx, gy)) > 1e-3
        assert differs.mean() > 0.25, f"{name} is also invariant under {op}"


def test_turned_pattern_keeps_its_symmetry(sampler, dyadic):
    params = {"rotation": 30.0}
    f = sampler("symmetry.p4m", repeats=REPEATS, **params, **GENERIC)
    x, y = dyadic(seed=2)
    base = f(x, y)
    for op in (QUARTER_TURN, MIRROR_0, DIAGONAL, T(1, 0)):
        gx, gy = transform("square", {}, op, x, y, rotation=30.0)
        assert np.abs(base - f(gx, gy)).max() <= 1e-5
    # ...and is really turned: the unturned mirror is no symmetry.
    gx, gy = transform("square", {}, MIRROR_0, x, y)
    assert (np.abs(base - f(gx, gy)) > 1e-3).mean() > 0.25


@pytest.mark.parametrize("place", [{}, {"motif_x": 0.3, "motif_y": 0.12, "motif_size": 0.5}])
def test_p4m_render_equals_its_quarter_turn_and_mirror(place):
    root = Node.make(
        "symmetry.p4m",
        inputs={"motif": Node.make("motifs.plum_blossom", rotation=17.0)},
        repeats=4,
        **place,
    )
    genome = Genome.make(root, Node.make("color.palette", colors=EXAMPLE_PALETTE), seed=3)
    img = render(genome, 256, cache=TileCache())
    assert img.std() > 10  # motifs were drawn
    assert np.array_equal(img, np.rot90(img))
    assert np.array_equal(img, img[:, ::-1])


def test_motif_centred_on_a_mirror_is_mirrored(sampler, dyadic):
    """On a mirror the motif becomes symmetric (the kaleidoscope case) ..."""
    f = sampler("symmetry.pm", repeats=REPEATS, aspect=1.0, motif_x=0.5, motif_y=0.5)
    x, y = dyadic(seed=3)
    x = 0.625 + (x - 0.5) / 16  # near the motif centre, (0.625, 0.625)
    y = 0.625 + (y - 0.5) / 16
    assert np.array_equal(f(x, y), f(1.25 - x, y))


def test_motif_off_the_mirrors_is_whole(sampler, dyadic):
    """... off the mirrors, each copy is the whole motif, unmirrored and uncut."""
    motif = Node.make("fields.value_noise", frequency=5)
    # Cell (1, 1) of 4 across; motif centre at (0.3, 0.2) of the cell, box 0.1 wide.
    f = sampler(
        "symmetry.pmm",
        motif=motif,
        repeats=4,
        motif_x=0.3,
        motif_y=0.2,
        motif_size=0.4,
        motif_rotation=-30.0,
    )
    g = sampler("layout.place", motif=motif, x=1.3 / 4, y=1.2 / 4, size=0.1, rotation=-30.0)
    x, y = dyadic(seed=4)
    x = 0.325 + (x - 0.5) * 0.03  # within 0.03 of the centre: nearer it than any image
    y = 0.3 + (y - 0.5) * 0.03
    assert np.abs(f(x, y)[..., 0] - g(x, y)[..., 0]).max() <= 1e-6  # place gives grey RGBA
