"""Vectorised colour-space conversions: sRGB, linear sRGB, OKLab, OKLCH, hex.

Shared by the colour operators and production (inks, separations, proofs), with
:mod:`foulard.color.cielab` (CIELAB, CIEDE2000) and :mod:`foulard.color.gamut`
(gamut mapping). Every function takes and returns
arrays whose last axis holds the three channels (float64, or float32 when given
float32: the image-speed path), so one call converts a single colour, a palette or
a whole band of pixels. sRGB values are
the encoded (gamma) values in [0, 1]; the transfer function is mirrored for negative
values, so out-of-gamut colours survive a round trip. OKLCH hue is in degrees,
[0, 360).

The matrices are derived here from the published primaries, white point and
Ottosson's OKLab matrices, so results agree with coloraide to about 1e-12.

Examples
--------
>>> import numpy as np
>>> lab = srgb_to_oklab(np.array([1.0, 1.0, 1.0]))
>>> np.round(lab, 6) + 0.0
array([1., 0., 0.])
>>> np.round(srgb_to_oklch(np.array([1.0, 0.0, 0.0])), 4)
array([ 0.628 ,  0.2577, 29.2339])
>>> rgb = np.array([[0.2, 0.5, 0.7], [0.9, 0.1, 0.3]])
>>> bool(np.allclose(oklab_to_srgb(srgb_to_oklab(rgb)), rgb, atol=1e-12))
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "delta_e_ok",
    "hex_to_srgb",
    "linear_srgb_to_oklab",
    "linear_to_srgb",
    "oklab_to_linear_srgb",
    "oklab_to_oklch",
    "oklab_to_srgb",
    "oklch_to_oklab",
    "oklch_to_srgb",
    "srgb_to_hex",
    "srgb_to_linear",
    "srgb_to_oklab",
    "srgb_to_oklch",
]


def _xy_to_xyz(x: float, y: float) -> np.ndarray:
    return np.array([x / y, 1.0, (1.0 - x - y) / y])


def _rgb_to_xyz_matrix(primaries: Sequence[tuple[float, float]], white: np.ndarray) -> np.ndarray:
    # Columns are the primaries' XYZ, scaled so that RGB (1, 1, 1) is the white point.
    cols = np.stack([_xy_to_xyz(x, y) for x, y in primaries], axis=1)
    return cols * np.linalg.solve(cols, white)


_D65 = _xy_to_xyz(0.31270, 0.32900)
_SRGB_TO_XYZ = _rgb_to_xyz_matrix([(0.64, 0.33), (0.30, 0.60), (0.15, 0.06)], _D65)

# Ottosson 2020: XYZ (D65) -> LMS, and cube-rooted LMS -> OKLab (64-bit precision values).
_XYZ_TO_LMS = np.array(
    [
        [0.819022437996703, 0.3619062600528904, -0.1288737815209879],
        [0.03298365393238847, 0.9292868615863434, 0.03614466635064236],
        [0.04817718935962421, 0.2642395317527308, 0.6335478284694309],
    ]
)
_LMS3_TO_OKLAB = np.array(
    [
        [0.21045426830931396, 0.7936177747023053, -0.0040720430116192585],
        [1.9779985324311686, -2.42859224204858, 0.450593709617411],
        [0.025904042465547734, 0.7827717124575297, -0.8086757549230774],
    ]
)
_LIN_TO_LMS = _XYZ_TO_LMS @ _SRGB_TO_XYZ
_LMS_TO_LIN = np.linalg.inv(_LIN_TO_LMS)
_OKLAB_TO_LMS3 = np.linalg.inv(_LMS3_TO_OKLAB)


def _float(v: np.ndarray) -> np.ndarray:
    """``v`` as float32 if it already is (images), else float64 (colour maths)."""
    v = np.asarray(v)
    return v if v.dtype == np.float32 else v.astype(np.float64, copy=False)


def _apply(m: np.ndarray, v: np.ndarray) -> np.ndarray:
    return v @ m.T.astype(v.dtype, copy=False)


# -- sRGB transfer --------------------------------------------------------------------


def srgb_to_linear(rgb: np.ndarray) -> np.ndarray:
    """Decode sRGB values to linear light (IEC 61966-2-1), mirrored below 0.

    float32 input is computed in float32 (images), anything else in float64.

    >>> srgb_to_linear(np.array([0.0, 0.5, 1.0])).round(6).tolist()
    [0.0, 0.214041, 1.0]
    """
    rgb = _float(rgb)
    a = np.abs(rgb)
    curve = a > 0.04045
    out = a * a.dtype.type(1.0 / 12.92)
    t = (a + a.dtype.type(0.055)) * a.dtype.type(1.0 / 1.055)
    np.power(t, a.dtype.type(2.4), out=out, where=curve)
    return np.copysign(out, rgb, out=out)


def linear_to_srgb(lin: np.ndarray) -> np.ndarray:
    """Encode linear light as sRGB values, mirrored below 0.

    >>> linear_to_srgb(np.array([0.0, 0.214041, 1.0])).round(4).tolist()
    [0.0, 0.5, 1.0]
    """
    lin = _float(lin)
    a = np.abs(lin)
    f = a.dtype.type
    curve = a > 0.0031308
    out = a * f(12.92)
    t = np.power(a, f(1.0 / 2.4), where=curve, out=np.zeros_like(a))
    np.multiply(t, f(1.055), out=out, where=curve)
    np.subtract(out, f(0.055), out=out, where=curve)
    return np.copysign(out, lin, out=out)


# -- OKLab / OKLCH ----------------------------------------------------------------------


def linear_srgb_to_oklab(lin: np.ndarray) -> np.ndarray:
    """Linear sRGB to OKLab (Ottosson 2020)."""
    return _apply(_LMS3_TO_OKLAB, np.cbrt(_apply(_LIN_TO_LMS, _float(lin))))


def oklab_to_linear_srgb(lab: np.ndarray) -> np.ndarray:
    """OKLab to linear sRGB (not clipped)."""
    lms = _apply(_OKLAB_TO_LMS3, _float(lab))
    return _apply(_LMS_TO_LIN, lms * lms * lms)


def srgb_to_oklab(rgb: np.ndarray) -> np.ndarray:
    """sRGB to OKLab.

    >>> srgb_to_oklab(np.array([0.0, 0.0, 1.0])).round(4)
    array([ 0.452 , -0.0325, -0.3115])
    """
    return linear_srgb_to_oklab(srgb_to_linear(rgb))


def oklab_to_srgb(lab: np.ndarray) -> np.ndarray:
    """OKLab to sRGB (not clipped: check :func:`in_srgb_gamut` or gamut-map first)."""
    return linear_to_srgb(oklab_to_linear_srgb(lab))


def oklab_to_oklch(lab: np.ndarray) -> np.ndarray:
    """OKLab to OKLCH (hue in degrees, [0, 360); 0 for greys).

    >>> oklab_to_oklch(np.array([0.5, 0.0, -0.1])).round(6).tolist()
    [0.5, 0.1, 270.0]
    """
    lab = _float(lab)
    out = np.empty_like(lab)
    out[..., 0] = lab[..., 0]
    out[..., 1] = np.hypot(lab[..., 1], lab[..., 2])
    h = np.degrees(np.arctan2(lab[..., 2], lab[..., 1]))
    out[..., 2] = np.where(h < 0.0, h + 360.0, h)
    return out


def oklch_to_oklab(lch: np.ndarray) -> np.ndarray:
    """OKLCH (hue in degrees) to OKLab."""
    lch = _float(lch)
    h = np.radians(lch[..., 2])
    out = np.empty_like(lch)
    out[..., 0] = lch[..., 0]
    out[..., 1] = lch[..., 1] * np.cos(h)
    out[..., 2] = lch[..., 1] * np.sin(h)
    return out


def srgb_to_oklch(rgb: np.ndarray) -> np.ndarray:
    """sRGB to OKLCH."""
    return oklab_to_oklch(srgb_to_oklab(rgb))


def oklch_to_srgb(lch: np.ndarray) -> np.ndarray:
    """OKLCH to sRGB (not clipped)."""
    return oklab_to_srgb(oklch_to_oklab(lch))


def delta_e_ok(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """Euclidean distance in OKLab (ΔE_OK; about 0.02 is a just-noticeable difference)."""
    d = _float(lab1) - _float(lab2)
    return np.sqrt(np.sum(d * d, axis=-1))


# -- hex ----------------------------------------------------------------------------------


def hex_to_srgb(colors: Sequence[str]) -> np.ndarray:
    """``'#rrggbb'`` strings to an ``(n, 3)`` array of sRGB values.

    >>> hex_to_srgb(["#ff8000"]).round(4).tolist()
    [[1.0, 0.502, 0.0]]
    """
    vals = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colors]
    return np.array(vals, np.float64).reshape(-1, 3) / 255.0


def srgb_to_hex(rgb: np.ndarray) -> tuple[str, ...]:
    """sRGB values (clipped to [0, 1], rounded) to ``'#rrggbb'`` strings.

    >>> srgb_to_hex(np.array([[1.0, 0.5, 0.0]]))
    ('#ff8000',)
    """
    v = np.clip(np.rint(np.asarray(rgb, np.float64).reshape(-1, 3) * 255.0), 0, 255)
    return tuple("#{:02x}{:02x}{:02x}".format(*(int(c) for c in row)) for row in v)
