"""CIELAB (D50) and the CIEDE2000 colour difference, vectorised.

Private to the colour family: tolerance checks for inks, dyes and separations
(print work quotes ΔE00 in CIELAB D50, as ICC profiles do). sRGB is adapted from
D65 to D50 with the Bradford transform; results agree with coloraide's ``lab`` and
``delta_e(method="2000", space="lab")`` to about 1e-12.

Examples
--------
>>> import numpy as np
>>> (srgb_to_lab(np.array([1.0, 0.0, 0.0])).round(2) + 0.0).tolist()
[54.29, 80.8, 69.89]
"""

from __future__ import annotations

import numpy as np

from foulard.color.space import (
    _D65,
    _SRGB_TO_XYZ,
    _apply,
    _xy_to_xyz,
    linear_to_srgb,
    srgb_to_linear,
)

__all__ = ["ciede2000", "lab_to_srgb", "srgb_to_lab"]

_D50 = _xy_to_xyz(0.34570, 0.35850)
# Bradford chromatic adaptation D65 -> D50 (Lam 1985), for CIELAB D50.
_BRADFORD = np.array(
    [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]
)
_D65_TO_D50 = (
    np.linalg.inv(_BRADFORD) @ np.diag((_BRADFORD @ _D50) / (_BRADFORD @ _D65)) @ _BRADFORD
)
_LIN_TO_XYZ50 = _D65_TO_D50 @ _SRGB_TO_XYZ
_XYZ50_TO_LIN = np.linalg.inv(_LIN_TO_XYZ50)
_LAB_EPS = 216.0 / 24389.0
_LAB_KAPPA = 24389.0 / 27.0


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB to CIELAB D50 (Bradford adaptation, as in ICC workflows).

    >>> srgb_to_lab(np.array([1.0, 1.0, 1.0])).round(6) + 0.0
    array([100.,   0.,   0.])
    """
    xyz = _apply(_LIN_TO_XYZ50, srgb_to_linear(rgb)) / _D50
    f = np.where(xyz > _LAB_EPS, np.cbrt(xyz), (_LAB_KAPPA * xyz + 16.0) / 116.0)
    out = np.empty_like(f)
    out[..., 0] = 116.0 * f[..., 1] - 16.0
    out[..., 1] = 500.0 * (f[..., 0] - f[..., 1])
    out[..., 2] = 200.0 * (f[..., 1] - f[..., 2])
    return out


def lab_to_srgb(lab: np.ndarray) -> np.ndarray:
    """CIELAB D50 to sRGB (not clipped)."""
    lab = np.asarray(lab, np.float64)
    fy = (lab[..., 0] + 16.0) / 116.0
    f = np.stack([fy + lab[..., 1] / 500.0, fy, fy - lab[..., 2] / 200.0], axis=-1)
    xyz = np.where(f > np.cbrt(_LAB_EPS), f**3, (116.0 * f - 16.0) / _LAB_KAPPA)
    # Y below the linear break is read from L directly (exact inverse of the forward map).
    y_lin = lab[..., 0] / _LAB_KAPPA
    xyz[..., 1] = np.where(lab[..., 0] > _LAB_KAPPA * _LAB_EPS, fy**3, y_lin)
    return linear_to_srgb(_apply(_XYZ50_TO_LIN, xyz * _D50))


_POW25_7 = 25.0**7
# cos and sin of the angles of T's terms (30, 6 and 63 degrees).
_C30, _S30 = np.cos(np.radians(30.0)), np.sin(np.radians(30.0))
_C6, _S6 = np.cos(np.radians(6.0)), np.sin(np.radians(6.0))
_C63, _S63 = np.cos(np.radians(63.0)), np.sin(np.radians(63.0))
_H275, _H25, _D30 = np.radians(275.0), np.radians(25.0), np.radians(30.0)
_TWO_PI = 2.0 * np.pi
# Pairs per block: 64 KB temporaries that the allocator reuses (those of 2,000 palettes
# against 3 colours at once, 400 KB each, cost more in page faults than in arithmetic).
_BLOCK = 8192
_TIE = 1e-3  # hue pairs this close to a branch of the formula (radians) take the degree path


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference of CIELAB colours (kL = kC = kH = 1).

    ``lab1`` and ``lab2`` (``(..., 3)`` each) broadcast against each other; large
    broadcasts are computed in blocks of :data:`_BLOCK` pairs along their first
    axis, so that N palettes against m query colours is one call.

    >>> round(float(ciede2000(np.array([50.0, 2.6772, -79.7751]),
    ...                       np.array([50.0, 0.0, -82.7485]))), 4)
    2.0425

    References
    ----------
    Sharma, Wu & Dalal 2005, "The CIEDE2000 color-difference formula: implementation
    notes, supplementary test data, and mathematical observations", *Color Res. Appl.* 30(1).
    """
    lab1 = np.asarray(lab1, np.float64)
    lab2 = np.asarray(lab2, np.float64)
    if lab1.shape[-1:] != (3,) or lab2.shape[-1:] != (3,):
        raise ValueError(f"CIELAB colours have 3 values, got shapes {lab1.shape} and {lab2.shape}")
    shape = np.broadcast_shapes(lab1.shape[:-1], lab2.shape[:-1])
    size = int(np.prod(shape))
    if size <= 2 * _BLOCK or shape[0] < 2:
        return _ciede2000(lab1, lab2)
    nd = len(shape) + 1
    lab1 = lab1.reshape((1,) * (nd - lab1.ndim) + lab1.shape)
    lab2 = lab2.reshape((1,) * (nd - lab2.ndim) + lab2.shape)
    step = max(1, _BLOCK * shape[0] // size)
    out = np.empty(shape)
    for lo in range(0, shape[0], step):
        part1 = lab1[lo : lo + step] if lab1.shape[0] > 1 else lab1
        part2 = lab2[lo : lo + step] if lab2.shape[0] > 1 else lab2
        out[lo : lo + step] = _ciede2000(part1, part2)
    return out


def _hues_in_degrees(a1, b1, a2, b2, zero):
    """The hue difference and mean hue computed as the formula is written (degrees,
    ``hypot``, ``**7``), returned in radians: for the pairs at a branch of it (hues
    half a turn apart, or summing to a full turn), where the last bit of rounding
    decides the branch."""
    c7 = (0.5 * (np.hypot(a1, b1) + np.hypot(a2, b2))) ** 7
    g = 0.5 * (1.0 - np.sqrt(c7 / (c7 + _POW25_7)))
    h1 = np.degrees(np.arctan2(b1, (1.0 + g) * a1)) % 360.0
    h2 = np.degrees(np.arctan2(b2, (1.0 + g) * a2)) % 360.0
    dh = h2 - h1
    dh = np.where(dh > 180.0, dh - 360.0, np.where(dh < -180.0, dh + 360.0, dh))
    hsum = h1 + h2
    hp = np.where(
        np.abs(h1 - h2) <= 180.0,
        0.5 * hsum,
        np.where(hsum < 360.0, 0.5 * (hsum + 360.0), 0.5 * (hsum - 360.0)),
    )
    return np.radians(np.where(zero, 0.0, dh)), np.radians(np.where(zero, hsum, hp))


def _ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 of one block, with the hue angles taken from the (a', b') vectors.

    The hue difference's half-angle sine comes from their dot and cross products,
    the mean hue's cosine and sine from the direction of the sum of the unit
    vectors (the bisector of the shorter arc, which is what the formula's branches
    pick), T's four cosines from those by the multiple-angle formulas: one
    arctangent, one sine and one exponential a pair instead of nine calls, and the
    same values as the formula in degrees to about 1e-11. Hues half a turn apart,
    or with their mean at 0 = 360 degrees, where the formula's branch is decided by
    rounding, take the formula in degrees.
    """
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = 0.5 * (np.sqrt(a1 * a1 + b1 * b1) + np.sqrt(a2 * a2 + b2 * b2))
    c7 = c_mean * c_mean
    c7 = c7 * c7 * c7 * c_mean
    f = 1.5 - 0.5 * np.sqrt(c7 / (c7 + _POW25_7))  # 1 + G
    a1p, a2p = f * a1, f * a2
    c1p = np.sqrt(a1p * a1p + b1 * b1)
    c2p = np.sqrt(a2p * a2p + b2 * b2)
    c12 = c1p * c2p
    # 2 sqrt(C1' C2') sin(dh'/2), dh' the hue difference in [-pi, pi] (0 when a chroma
    # is 0): by the half-angle formula that cancels nothing on either side of pi/2.
    dot = a1p * a2p + b1 * b2
    cross = a1p * b2 - a2p * b1
    dHp = np.where(
        dot >= 0.0,
        cross * np.sqrt(2.0 / np.maximum(c12 + dot, 1e-300)),
        np.sign(cross) * np.sqrt(np.maximum(2.0 * (c12 - dot), 0.0)),
    )
    # The mean hue: the direction of u1 + u2 (when a chroma is 0, H' is 0 and the
    # mean hue drops out of the result: any direction does).
    inv1 = 1.0 / np.where(c1p > 0.0, c1p, 1.0)
    inv2 = 1.0 / np.where(c2p > 0.0, c2p, 1.0)
    wx = a1p * inv1 + a2p * inv2
    wy = b1 * inv1 + b2 * inv2
    norm = np.sqrt(wx * wx + wy * wy)
    hp = np.arctan2(wy, wx)
    hp = hp + (hp < 0.0) * _TWO_PI
    tie = (c12 > 0.0) & ((norm < _TIE) | (hp < _TIE) | (hp > _TWO_PI - _TIE))
    safe = np.where(norm > 0.0, norm, 1.0)
    ch, sh_ = np.where(norm > 0.0, wx / safe, 1.0), wy / safe
    if np.any(tie):
        dHp, hp, ch, sh_ = (np.array(v, np.float64) for v in (dHp, hp, ch, sh_))

        def at(v):
            return np.broadcast_to(v, tie.shape)[tie]

        dh_deg, hp_deg = _hues_in_degrees(at(a1), at(b1), at(a2), at(b2), False)
        dHp[tie] = 2.0 * np.sqrt(at(c12)) * np.sin(0.5 * dh_deg)
        hp[tie], ch[tie], sh_[tie] = hp_deg, np.cos(hp_deg), np.sin(hp_deg)

    c2h = 2.0 * ch * ch - 1.0
    s2h = 2.0 * sh_ * ch
    c3h = ch * (2.0 * c2h - 1.0)
    s3h = sh_ * (2.0 * c2h + 1.0)
    t = (
        1.0
        - 0.17 * (ch * _C30 + sh_ * _S30)  # cos(hp - 30)
        + 0.24 * c2h  # cos(2 hp)
        + 0.32 * (c3h * _C6 - s3h * _S6)  # cos(3 hp + 6)
        - 0.20 * ((2.0 * c2h * c2h - 1.0) * _C63 + 2.0 * s2h * c2h * _S63)  # cos(4 hp - 63)
    )
    x = (hp - _H275) / _H25
    d_theta = _D30 * np.exp(-(x * x))

    Cp = 0.5 * (c1p + c2p)
    cp7 = Cp * Cp
    cp7 = cp7 * cp7 * cp7 * Cp
    rc = 2.0 * np.sqrt(cp7 / (cp7 + _POW25_7))
    l50 = 0.5 * (L1 + L2) - 50.0
    l50 = l50 * l50
    sl = 1.0 + 0.015 * l50 / np.sqrt(20.0 + l50)
    sc = 1.0 + 0.045 * Cp
    sh = 1.0 + 0.015 * Cp * t
    rt = -np.sin(2.0 * d_theta) * rc
    tl, tc, th = (L2 - L1) / sl, (c2p - c1p) / sc, dHp / sh
    return np.sqrt(tl * tl + tc * tc + th * th + rt * tc * th)
