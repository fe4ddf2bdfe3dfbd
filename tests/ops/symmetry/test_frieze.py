"""The seven frieze groups: their band symmetries hold, the others do not; the border path."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Node

REPEATS = 8  # period 1/8 of the unit square
HEIGHT = 0.125
Y = 0.5

# Band symmetries in frieze coordinates (a in periods, b in band heights).
OPS = {
    "shift": lambda a, b: (a + 1, b),
    "half_shift": lambda a, b: (a + 0.5, b),
    "glide": lambda a, b: (a + 0.5, -b),
    "across_0": lambda a, b: (-a, b),
    "across_half": lambda a, b: (1 - a, b),
    "across_quarter": lambda a, b: (0.5 - a, b),
    "along": lambda a, b: (a, -b),
    "turn_0": lambda a, b: (-a, -b),
    "turn_half": lambda a, b: (1 - a, -b),
    "turn_quarter": lambda a, b: (0.5 - a, -b),
}
# group -> symmetries it has; every other op in OPS must fail.
GROUPS = {
    "frieze_p1": {"shift"},
    "frieze_p11g": {"shift", "glide"},
    "frieze_p1m1": {"shift", "across_0", "across_half"},
    "frieze_p2": {"shift", "turn_0", "turn_half"},
    "frieze_p2mg": {"shift", "across_0", "across_half", "glide", "turn_quarter"},
    "frieze_p11m": {"shift", "along"},
    "frieze_p2mm": {"shift", "across_0", "across_half", "along", "turn_0", "turn_half"},
}
GENERIC = {"motif_x": 0.31, "motif_y": 0.17, "motif_size": 0.9, "motif_rotation": 23.0}
CASES = [
    pytest.param(name, place, id=f"{name}-{label}")
    for name in GROUPS
    for label, place in (("default", {}), ("generic", GENERIC))
]


def band_points(dyadic, seed=0):
    x, y = dyadic(seed=seed)
    # Across the band, kept a little inside its edges (dyadic, so exact).
    return x, Y + (y - 0.5) * (HEIGHT * 0.75)


def apply(op, x, y):
    a, b = OPS[op](x * REPEATS, (y - Y) / HEIGHT)
    return a / REPEATS, Y + b * HEIGHT


@pytest.mark.parametrize(("name", "place"), CASES)
def test_band_symmetries_hold_and_no_others(name, place, sampler, dyadic):
    f = sampler(f"symmetry.{name}", repeats=REPEATS, height=HEIGHT, y=Y, **place)
    x, y = band_points(dyadic)
    base = f(x, y)
    assert np.ptp(base) > 0.2
    for op in OPS:
        moved = f(*apply(op, x, y))
        if op in GROUPS[name]:
            assert np.array_equal(base, moved), f"{name} not invariant under {op}"
        else:
            differs = np.abs(base - moved) > 1e-3
            assert differs.mean() > 0.25, f"{name} is also invariant under {op}"


@pytest.mark.parametrize("name", list(GROUPS))
def test_straight_band_is_transparent_outside(name, sampler, dyadic):
    f = sampler(f"symmetry.{name}", repeats=REPEATS, height=HEIGHT, y=Y)
    x, y = dyadic()
    fp = 1.0 / 2048
    outside = np.abs(y - Y) > HEIGHT / 2 + fp
    assert outside.any() and (~outside).any()
    assert np.all(f(x, y)[outside] == 0)


def opaque_motif():
    return Node.make("color.gradient_map", inputs={"source": Node.make("fields.value_noise")})


BORDER = {"path": "border", "inset": 0.0625, "height": HEIGHT, "repeats": 6}


@pytest.mark.parametrize("name", list(GROUPS))
def test_border_covers_its_frame_without_gaps(name, sampler, dyadic):
    f = sampler(f"symmetry.{name}", motif=opaque_motif(), **BORDER)
    x, y = dyadic(16384, lo=-0.5, seed=5)
    x, y = (x + 0.5) / 2, (y + 0.5) / 2  # the unit square, corners included
    edge = np.minimum(np.minimum(x, 1 - x), np.minimum(y, 1 - y))
    fp = 1.0 / 2048
    alpha = f(x, y)[..., 3]
    inside = (edge > BORDER["inset"] + fp) & (edge < BORDER["inset"] + HEIGHT - fp)
    outside = (edge < BORDER["inset"] - fp) | (edge > BORDER["inset"] + HEIGHT + fp)
    corners = inside & (np.minimum(x, 1 - x) < BORDER["inset"] + HEIGHT)
    corners &= np.minimum(y, 1 - y) < BORDER["inset"] + HEIGHT
    assert corners.sum() > 50  # the test does look at the mitred corners
    assert np.all(alpha[inside] == 1.0)
    assert np.all(alpha[outside] == 0.0)


@pytest.mark.parametrize("name", list(GROUPS))
def test_border_repeats_along_each_side(name, sampler, dyadic):
    f = sampler(f"symmetry.{name}", **BORDER)
    period = (1 - 2 * BORDER["inset"] - HEIGHT) / BORDER["repeats"]
    x, y = dyadic(seed=6)
    s = 0.3 + (x + 0.5) * 0.2  # well away from the corners
    t = BORDER["inset"] + HEIGHT * (0.1 + 0.8 * (y + 0.5) / 2)
    sides = {
        "top": ((s, t), (period, 0.0)),
        "right": ((1 - t, s), (0.0, period)),
        "bottom": ((s, 1 - t), (-period, 0.0)),
        "left": ((t, s), (0.0, -period)),
    }
    for side, ((px, py), (dx, dy)) in sides.items():
        base = f(px, py)
        assert np.ptp(base) > 0.1, side
        assert np.abs(base - f(px + dx, py + dy)).max() <= 1e-6, f"{name}: {side} side"


def test_border_sides_are_the_same_frieze_turned(sampler, dyadic):
    f = sampler("symmetry.frieze_p1", **BORDER)
    x, y = dyadic(seed=7)
    x, y = (x + 0.5) / 2, (y + 0.5) / 2
    # A quarter turn clockwise about the centre takes the top side onto the right one.
    assert np.abs(f(x, y) - f(1 - y, x)).max() <= 1e-6
    # The frieze has no mirror, so the border has none either.
    assert (np.abs(f(x, y) - f(1 - x, y)) > 1e-3).mean() > 0.1


@pytest.mark.parametrize("name", ["frieze_p1m1", "frieze_p2mg", "frieze_p2mm"])
def test_mirrored_friezes_join_seamlessly_at_the_mitres(name, sampler, dyadic):
    """A mirror across the band sits on each mitre, so the corner is symmetric."""
    f = sampler(f"symmetry.{name}", **BORDER)
    x, y = dyadic(seed=8)
    near = BORDER["inset"] + HEIGHT
    x, y = (x + 0.5) / 2 * near, (y + 0.5) / 2 * near  # the top-left corner square
    assert np.abs(f(x, y) - f(y, x)).max() <= 1e-6
