"""Gamut mapping into sRGB by chroma reduction in OKLCH, vectorised.

Private to the colour family (palettes, recolouring, later inks). Two policies:
the CSS Color 4 search with its just-noticeable-difference shortcut (the default,
as coloraide's ``fit(method="oklch-chroma")``), and pure chroma reduction
(``jnd=0``), which keeps lightness and hue exact and is fast enough for images.
"""

from __future__ import annotations

import numpy as np

from foulard.color.space import (
    _LMS_TO_LIN,
    _OKLAB_TO_LMS3,
    _float,
    delta_e_ok,
    linear_srgb_to_oklab,
    linear_to_srgb,
    oklab_to_linear_srgb,
)

__all__ = ["gamut_map_oklch", "in_srgb_gamut"]


def in_srgb_gamut(lin: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Whether linear sRGB values lie in the sRGB cube (per colour, last axis reduced)."""
    r, g, b = lin[..., 0], lin[..., 1], lin[..., 2]
    lo, hi = -tol, 1.0 + tol
    return (r >= lo) & (r <= hi) & (g >= lo) & (g <= hi) & (b >= lo) & (b <= hi)


def gamut_map_oklch(lch: np.ndarray, *, jnd: float = 0.02) -> np.ndarray:
    """Map OKLCH colours into sRGB by reducing chroma at constant lightness and hue.

    The CSS Color 4 binary search: a colour whose plain clip lies within ``jnd``
    (ΔE_OK) of it is clipped; otherwise chroma is bisected, and the answer is the clip
    of the first reduced colour whose clip lies just under ``jnd`` from it (or of the
    last one tried once the chroma interval is below 1e-4). Lightness at or beyond
    white or black gives white or black. With ``jnd=0`` chroma alone is reduced, to
    the gamut boundary found on the cubic that linear sRGB is along a line of
    constant lightness and hue (exact hue and lightness; fast enough for images).
    Returns sRGB values in [0, 1] (float32 for float32 input, else float64).

    >>> import numpy as np
    >>> rgb = gamut_map_oklch(np.array([0.7, 0.4, 140.0]))
    >>> bool(np.all((rgb >= 0) & (rgb <= 1)))
    True
    >>> from foulard.color.space import srgb_to_oklch
    >>> lch = srgb_to_oklch(rgb)
    >>> round(float(lch[0]), 2), round(float(lch[2]))  # hue within the JND
    (0.7, 142)

    References
    ----------
    CSS Color Module Level 4, section 13.2 (binary search gamut mapping with local MINDE).
    """
    lch = _float(lch)
    if jnd <= 0.0:
        return _reduce_chroma(lch)
    shape = lch.shape
    flat = lch.reshape(-1, 3)
    L = np.clip(flat[:, 0], 0.0, 1.0)
    C = np.maximum(flat[:, 1], 0.0)
    h = np.radians(flat[:, 2])
    cos_h, sin_h = np.cos(h), np.sin(h)
    lin = oklab_to_linear_srgb(np.stack([L, C * cos_h, C * sin_h], axis=-1))
    out = np.clip(lin, 0.0, 1.0)
    bad = np.flatnonzero(~in_srgb_gamut(lin) & (L > 0.0) & (L < 1.0))
    if bad.size:
        lab = np.stack([L[bad], C[bad] * cos_h[bad], C[bad] * sin_h[bad]], axis=-1)
        far = delta_e_ok(linear_srgb_to_oklab(out[bad]), lab) > jnd
        todo = bad[far]
        lab = lab[far]
        cos_t, sin_t = cos_h[todo, None], sin_h[todo, None]
        lab_l = lab[:, :1]
        result = out[todo]
        lo = np.zeros_like(lab_l)
        hi = C[todo, None].copy()
        lower_in = np.ones_like(lab_l, bool)
        done = np.zeros_like(lab_l, bool)
        eps = 10.0 ** (np.floor(np.log10(jnd)) - 2) if jnd > 0 else 0.0
        while True:
            done |= (hi - lo) <= 1e-4
            if done.all():
                break
            mid = 0.5 * (lo + hi)
            lab = np.concatenate([lab_l, mid * cos_t, mid * sin_t], axis=-1)
            lin = oklab_to_linear_srgb(lab)
            inside = in_srgb_gamut(lin, 0.0)[:, None] & lower_in & ~done
            lo = np.where(inside, mid, lo)
            outside = ~inside & ~done
            clipped = np.clip(lin, 0.0, 1.0)
            result = np.where(outside, clipped, result)
            de = delta_e_ok(linear_srgb_to_oklab(clipped), lab)[:, None]
            near = outside & (de < jnd)
            done |= near & (jnd - de < eps)
            moving = near & ~done
            lo = np.where(moving, mid, lo)
            lower_in &= ~moving
            hi = np.where(outside & ~near, mid, hi)
        out[todo] = result
    out = linear_to_srgb(out)
    return np.clip(out, 0.0, 1.0).reshape(shape)


def _reduce_chroma(lch: np.ndarray, steps: int = 16) -> np.ndarray:
    # Along constant L and hue, OKLab -> cube-root LMS is affine in chroma c, so linear
    # sRGB is a cubic in c per channel: lin(c) = A0 + A1 c + A2 c^2 + A3 c^3. Bisecting
    # on the cubic needs no colour conversion per step. Arrays are channel-first here.
    shape = lch.shape
    flat = lch.reshape(-1, 3)
    L = np.clip(flat[:, 0], 0.0, 1.0)
    C = np.maximum(flat[:, 1], 0.0)
    h = np.radians(flat[:, 2])
    m = _OKLAB_TO_LMS3.astype(lch.dtype)
    a = m[:, :1] * L  # (3, n): cube-root LMS at c = 0, then its slope in c
    b = m[:, 1:2] * np.cos(h) + m[:, 2:3] * np.sin(h)
    to_lin = _LMS_TO_LIN.astype(lch.dtype)
    coef = [to_lin @ (a * a * a), to_lin @ (3 * a * a * b), to_lin @ (3 * a * b * b)]
    coef.append(to_lin @ (b * b * b))

    def lin_at(c, k0, k1, k2, k3):
        return k0 + c * (k1 + c * (k2 + c * k3))

    def inside(v):
        return ((v[0] >= 0.0) & (v[0] <= 1.0) & (v[1] >= 0.0) & (v[1] <= 1.0) & (v[2] >= 0.0)) & (
            v[2] <= 1.0
        )

    lin = lin_at(C, *coef)
    bad = np.flatnonzero(~inside(lin) & (L > 0.0) & (L < 1.0))
    if bad.size:
        sub = [k[:, bad] for k in coef]
        lo = np.zeros(bad.size, lch.dtype)
        hi = C[bad]
        for _ in range(steps):
            mid = 0.5 * (lo + hi)
            ok = inside(lin_at(mid, *sub))
            lo = np.where(ok, mid, lo)
            hi = np.where(ok, hi, mid)
        lin[:, bad] = lin_at(lo, *sub)
    out = linear_to_srgb(np.clip(lin.T, 0.0, 1.0))
    return np.clip(out, 0.0, 1.0).reshape(shape)
