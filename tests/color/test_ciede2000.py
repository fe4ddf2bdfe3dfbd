"""CIEDE2000: the fast form gives the formula's values, in one call over many pairs."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.color import cielab


def _reference(lab1, lab2) -> np.ndarray:
    """Sharma, Wu & Dalal (2005), equations (1)-(22), as written: degrees, hypot, **7."""
    lab1, lab2 = np.broadcast_arrays(np.asarray(lab1, float), np.asarray(lab2, float))
    L1, a1, b1 = np.moveaxis(lab1, -1, 0)
    L2, a2, b2 = np.moveaxis(lab2, -1, 0)
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    zero = c1p * c2p == 0
    dhp = h2p - h1p
    dhp = np.where(dhp > 180, dhp - 360, np.where(dhp < -180, dhp + 360, dhp))
    dhp = np.where(zero, 0.0, dhp)
    d_hp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dhp / 2))
    h_bar = np.where(
        np.abs(h1p - h2p) <= 180,
        (h1p + h2p) / 2,
        np.where(h1p + h2p < 360, (h1p + h2p + 360) / 2, (h1p + h2p - 360) / 2),
    )
    h_bar = np.where(zero, h1p + h2p, h_bar)
    t = (
        1
        - 0.17 * np.cos(np.radians(h_bar - 30))
        + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6))
        - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )
    l_bar, c_barp = (L1 + L2) / 2, (c1p + c2p) / 2
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_barp, 1 + 0.015 * c_barp * t
    r_t = (
        -2
        * np.sqrt(c_barp**7 / (c_barp**7 + 25.0**7))
        * np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    dl, dc, dh = (L2 - L1) / s_l, (c2p - c1p) / s_c, d_hp / s_h
    return np.sqrt(dl**2 + dc**2 + dh**2 + r_t * dc * dh)


def _random_lab(rng, n):
    return np.column_stack(
        [rng.uniform(0, 100, n), rng.uniform(-110, 110, n), rng.uniform(-110, 110, n)]
    )


def test_equals_the_formula_as_written():
    rng = np.random.default_rng(11)
    a, b = _random_lab(rng, 20_000), _random_lab(rng, 20_000)
    near = a + rng.normal(0, 0.3, a.shape)
    greys = a.copy()
    greys[::2, 1:] = 0.0  # zero chroma: the hue terms drop out
    for x, y in ((a, b), (a, near), (greys, b), (greys, greys[::-1]), (a, a)):
        np.testing.assert_allclose(cielab.ciede2000(x, y), _reference(x, y), rtol=0, atol=1e-9)


def test_hue_pairs_at_a_branch_of_the_formula_take_its_branch():
    rng = np.random.default_rng(12)
    a = _random_lab(rng, 5000)
    opposite = a * np.array([1.0, -1.0, -1.0])  # hues half a turn apart (up to rounding)
    b = a.copy()  # hues summing to a full turn, more than half a turn apart
    b[:, 2] *= -1.0
    for x, y in ((a, opposite), (opposite, a), (a, b)):
        np.testing.assert_allclose(cielab.ciede2000(x, y), _reference(x, y), rtol=0, atol=1e-9)


def test_sharma_pairs():
    pairs = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
        ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ]
    for lab1, lab2, expected in pairs:
        assert float(cielab.ciede2000(np.array(lab1), np.array(lab2))) == pytest.approx(
            expected, abs=1e-4
        )


def test_one_call_over_palettes_and_query_colours_in_blocks():
    rng = np.random.default_rng(13)
    palettes = _random_lab(rng, 3000 * 8).reshape(3000, 8, 3)
    queries = _random_lab(rng, 3)
    d = cielab.ciede2000(palettes[:, None, :, :], queries[None, :, None, :])
    assert d.shape == (3000, 3, 8)
    assert d.size > 2 * cielab._BLOCK  # computed in blocks
    whole = cielab._ciede2000(palettes[:, None, :, :], queries[None, :, None, :])
    np.testing.assert_allclose(d, whole, rtol=0, atol=1e-12)  # blocks change nothing
    np.testing.assert_allclose(d, _reference(palettes[:, None], queries[None, :, None]), atol=1e-9)
    # Either side may be the large one, and the result is symmetric.
    np.testing.assert_allclose(
        cielab.ciede2000(queries[None, :, None, :], palettes[:, None, :, :]), d, atol=1e-9
    )


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="3 values"):
        cielab.ciede2000(np.zeros((4, 2)), np.zeros((4, 3)))
