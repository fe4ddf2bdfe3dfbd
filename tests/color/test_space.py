"""Colour conversions, CIEDE2000 and gamut mapping agree with coloraide; doctests run."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from coloraide import Color

from foulard.color import cielab as _cielab
from foulard.color import gamut as _gamut
from foulard.color import space as _space
from foulard.ops.color import _select
from foulard.ops.color import palette_map as palette_map_module

RNG = np.random.default_rng(20240611)
RGB = RNG.random((400, 3))
RGB[:8] = [
    [0, 0, 0],
    [1, 1, 1],
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0.5, 0.5, 0.5],
    [0.02, 0, 0],
    [1, 1, 0],
]


def _ref(space: str, rgb=RGB) -> np.ndarray:
    return np.array([Color("srgb", list(c)).convert(space).coords(nans=False) for c in rgb])


def test_srgb_to_oklab_matches_coloraide():
    assert np.abs(_space.srgb_to_oklab(RGB) - _ref("oklab")).max() < 1e-6


def test_srgb_to_oklch_matches_coloraide_where_hue_is_defined():
    ours = _space.srgb_to_oklch(RGB)
    ref = _ref("oklch")
    assert np.abs(ours[:, :2] - ref[:, :2]).max() < 1e-6
    chromatic = ref[:, 1] > 1e-4
    dh = (ours[chromatic, 2] - ref[chromatic, 2] + 180.0) % 360.0 - 180.0
    assert np.abs(dh).max() < 1e-6
    assert ((ours[:, 2] >= 0) & (ours[:, 2] < 360)).all()


def test_srgb_to_cielab_d50_matches_coloraide():
    assert np.abs(_cielab.srgb_to_lab(RGB) - _ref("lab")).max() < 1e-6


def test_linear_srgb_matches_coloraide():
    assert np.abs(_space.srgb_to_linear(RGB) - _ref("srgb-linear")).max() < 1e-6


@pytest.mark.parametrize(
    ("forward", "backward"),
    [
        (_space.srgb_to_oklab, _space.oklab_to_srgb),
        (_space.srgb_to_oklch, _space.oklch_to_srgb),
        (_cielab.srgb_to_lab, _cielab.lab_to_srgb),
        (_space.srgb_to_linear, _space.linear_to_srgb),
    ],
)
def test_round_trips_are_exact(forward, backward):
    assert np.abs(backward(forward(RGB)) - RGB).max() < 1e-9


def test_out_of_gamut_values_survive_a_round_trip():
    rgb = np.array([[-0.2, 0.5, 1.3], [1.1, -0.05, 0.0]])
    assert np.abs(_space.oklab_to_srgb(_space.srgb_to_oklab(rgb)) - rgb).max() < 1e-9


def test_float32_path_stays_float32_and_close():
    lab32 = _space.srgb_to_oklab(RGB.astype(np.float32))
    assert lab32.dtype == np.float32
    assert np.abs(lab32 - _space.srgb_to_oklab(RGB)).max() < 1e-5


def test_shapes_broadcast_over_leading_axes():
    img = RGB[:24].reshape(2, 3, 4, 3)
    lab = _space.srgb_to_oklab(img)
    assert lab.shape == img.shape
    assert np.allclose(lab.reshape(-1, 3), _space.srgb_to_oklab(RGB[:24]))


def test_ciede2000_matches_coloraide_and_sharma_data():
    a, b = RGB[:200], RGB[200:]
    ours = _cielab.ciede2000(_cielab.srgb_to_lab(a), _cielab.srgb_to_lab(b))
    ref = [
        Color("srgb", list(x)).delta_e(Color("srgb", list(y)), method="2000", space="lab")
        for x, y in zip(a, b, strict=True)
    ]
    assert np.abs(ours - ref).max() < 1e-6
    # Pairs from Sharma, Wu & Dalal 2005, table 1 (including the hue-wrap cases).
    pairs = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, -1.0, 2.0), (50.0, 0.0, 0.0), 2.3669),
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ]
    for lab1, lab2, expected in pairs:
        assert abs(float(_cielab.ciede2000(np.array(lab1), np.array(lab2))) - expected) < 1e-4
        assert abs(float(_cielab.ciede2000(np.array(lab2), np.array(lab1))) - expected) < 1e-4


def test_gamut_map_matches_coloraide_css_algorithm():
    rng = np.random.default_rng(7)
    lch = np.column_stack(
        [rng.uniform(0.0, 1.0, 600), rng.uniform(0.0, 0.45, 600), rng.uniform(0.0, 360.0, 600)]
    )
    ours = _gamut.gamut_map_oklch(lch)
    ref = np.array(
        [Color("oklch", list(c)).convert("srgb").fit(method="oklch-chroma").coords() for c in lch]
    )
    assert ((ours >= 0.0) & (ours <= 1.0)).all()
    assert np.abs(ours - np.clip(ref, 0.0, 1.0)).max() < 1e-6


def test_pure_chroma_reduction_keeps_lightness_and_hue_exactly():
    rng = np.random.default_rng(8)
    lch = np.column_stack(
        [rng.uniform(0.01, 0.99, 600), rng.uniform(0.0, 0.5, 600), rng.uniform(0.0, 360.0, 600)]
    )
    ours = _gamut.gamut_map_oklch(lch, jnd=0.0)
    assert ((ours >= 0.0) & (ours <= 1.0)).all()
    back = _space.srgb_to_oklch(ours)
    assert np.abs(back[:, 0] - lch[:, 0]).max() < 1e-9
    assert (back[:, 1] <= lch[:, 1] + 1e-9).all()
    coloured = back[:, 1] > 1e-3
    dh = (back[coloured, 2] - lch[coloured, 2] + 180.0) % 360.0 - 180.0
    assert np.abs(dh).max() < 1e-6
    # The same answer as coloraide's search without its JND shortcut (which stops
    # when the chroma interval is below 1e-4, hence the tolerance).
    ref = np.array(
        [
            Color("oklch", list(c)).convert("srgb").fit(method="oklch-chroma", jnd=0.0).coords()
            for c in lch
        ]
    )
    assert np.abs(ours - np.clip(ref, 0.0, 1.0)).max() < 2e-3
    # Reduced colours sit on the gamut boundary: a little more chroma leaves sRGB.
    reduced = back[:, 1] < lch[:, 1] - 1e-3
    assert reduced.sum() > 100
    more = back[reduced] + [0.0, 1e-3, 0.0]
    assert not _gamut.in_srgb_gamut(_space.oklab_to_linear_srgb(_space.oklch_to_oklab(more))).any()
    ours32 = _gamut.gamut_map_oklch(lch.astype(np.float32), jnd=0.0)
    assert ours32.dtype == np.float32 and np.abs(ours32 - ours).max() < 1e-3


def test_gamut_map_keeps_in_gamut_colours_and_lightness():
    lch = _space.srgb_to_oklch(RGB)
    assert np.abs(_gamut.gamut_map_oklch(lch) - RGB).max() < 1e-9
    vivid = np.column_stack([np.linspace(0.3, 0.9, 50), np.full(50, 0.4), np.linspace(0, 359, 50)])
    mapped = _space.srgb_to_oklch(_gamut.gamut_map_oklch(vivid))
    assert np.abs(mapped[:, 0] - vivid[:, 0]).max() < 0.02  # within the JND
    assert (mapped[:, 1] < 0.4).all()


def test_hex_round_trip():
    hexes = _space.srgb_to_hex(RGB)
    assert all(len(h) == 7 and h.startswith("#") and h == h.lower() for h in hexes)
    again = _space.srgb_to_hex(_space.hex_to_srgb(hexes))
    assert again == hexes
    assert np.abs(_space.hex_to_srgb(hexes) - RGB).max() <= 0.5 / 255 + 1e-12


@pytest.mark.parametrize("module", [_space, _cielab, _gamut, _select, palette_map_module])
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
