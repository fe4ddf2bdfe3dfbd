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


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference of CIELAB colours (kL = kC = kH = 1).

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
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = 0.5 * (np.hypot(a1, b1) + np.hypot(a2, b2))
    c7 = c_mean**7
    g = 0.5 * (1.0 - np.sqrt(c7 / (c7 + 25.0**7)))
    a1p, a2p = (1.0 + g) * a1, (1.0 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360.0
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360.0
    zero = (c1p * c2p) == 0.0

    dLp = L2 - L1
    dCp = c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180.0, dh - 360.0, np.where(dh < -180.0, dh + 360.0, dh))
    dh = np.where(zero, 0.0, dh)
    dHp = 2.0 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2.0)

    Lp = 0.5 * (L1 + L2)
    Cp = 0.5 * (c1p + c2p)
    hsum = h1p + h2p
    hp = np.where(
        np.abs(h1p - h2p) <= 180.0,
        0.5 * hsum,
        np.where(hsum < 360.0, 0.5 * (hsum + 360.0), 0.5 * (hsum - 360.0)),
    )
    hp = np.where(zero, hsum, hp)
    t = (
        1.0
        - 0.17 * np.cos(np.radians(hp - 30.0))
        + 0.24 * np.cos(np.radians(2.0 * hp))
        + 0.32 * np.cos(np.radians(3.0 * hp + 6.0))
        - 0.20 * np.cos(np.radians(4.0 * hp - 63.0))
    )
    d_theta = 30.0 * np.exp(-(((hp - 275.0) / 25.0) ** 2))
    cp7 = Cp**7
    rc = 2.0 * np.sqrt(cp7 / (cp7 + 25.0**7))
    l50 = (Lp - 50.0) ** 2
    sl = 1.0 + 0.015 * l50 / np.sqrt(20.0 + l50)
    sc = 1.0 + 0.045 * Cp
    sh = 1.0 + 0.015 * Cp * t
    rt = -np.sin(np.radians(2.0 * d_theta)) * rc
    tl, tc, th = dLp / sl, dCp / sc, dHp / sh
    return np.sqrt(tl * tl + tc * tc + th * th + rt * tc * th)
