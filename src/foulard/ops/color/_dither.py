"""Threshold dithering between palette roles, shared by the ordered and blue-noise dithers.

A threshold dither decides, at each point, between two palette roles: a *low* one
and a *high* one, with the point's *share* of the high one in [0, 1]. Two ways to
find them:

``tone``
    The roles are sorted by OKLab lightness into a ladder; the point's lightness
    (a value field is stretched onto the ladder's range, 0 the darkest role and 1
    the lightest) falls between two neighbouring rungs, and its share is its place
    between them.
``colour``
    The point's nearest role in OKLab, and the partner whose segment from it passes
    closest to the point (Yliluoma's two-colour mixing plan), as ``color.palette_map``.

The high role wins where the threshold of the point's cell is below the share.
Cells are squares of ``cell`` design units (turned by ``angle``), and a pixel takes
the exact box-filter mean over the cells its footprint covers, so the dots stay flat
palette colours when magnified and average correctly when minified.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.color.space import srgb_to_oklab
from foulard.ops._common.geometry import rotate
from foulard.ops.color._sampled import axis_overlaps, over_ground, roles_rgb
from foulard.ops.color.palette_map import _dither_partner
from foulard.ops.params import Params, param
from foulard.ops.registry import Input

__all__ = ["MODES", "SOURCE", "Choice", "DitherParams", "choose", "threshold_mix"]

MODES = ("tone", "colour")

SOURCE = Input(
    "source",
    "the image or value field to dither",
    "fields.value_noise",
    example_params={"frequency": 5},
)


@dataclass(frozen=True)
class DitherParams(Params):
    """How a threshold dither picks its two roles (each dither adds its screen's fields)."""

    mode: str = param(
        "tone",
        choices=MODES,
        doc="tone: a lightness ladder of the roles; colour: the nearest two roles in OKLab",
    )
    first: int = param(0, range=(0, 47), doc="first palette role used (wraps past the end)")
    count: int = param(0, range=(0, 48), doc="palette roles used from 'first' (0: all)")


@dataclass(frozen=True)
class Choice:
    """Per point: the two candidate roles (indices into ``rgb``) and the high share."""

    rgb: np.ndarray  # (n, 3) sRGB of the roles used
    low: np.ndarray
    high: np.ndarray
    share: np.ndarray


def choose(call, mode: str, first: int, count: int) -> Choice:
    """The two roles and the share at each of the call's points."""
    rgb = roles_rgb(call.palette, first, count)
    src = call.input("source")
    lab_roles = srgb_to_oklab(rgb)
    if len(rgb) == 1:
        zero = np.zeros(call.x.shape, np.int64)
        return Choice(rgb, zero, zero, np.zeros(call.x.shape, np.float32))
    if mode == "colour":
        lab = srgb_to_oklab(over_ground(src, call.palette.ground))
        d = lab @ (-2.0 * lab_roles.T) + np.sum(lab_roles * lab_roles, axis=1)
        best = np.argmin(d, axis=-1)
        partner, share = _dither_partner(lab, lab_roles, best)
        return Choice(rgb, best, partner, share.astype(np.float32))
    order = np.argsort(lab_roles[:, 0], kind="stable")
    rungs = lab_roles[order, 0].astype(np.float32)
    if src.shape[-1] == 1:
        v = np.clip(src[..., 0], 0.0, 1.0)
        light = rungs[0] + v * (rungs[-1] - rungs[0])
    else:
        light = srgb_to_oklab(over_ground(src, call.palette.ground))[..., 0]
    # Rung below the point (clamped to the ladder) and the share of the rung above.
    i = np.clip(np.searchsorted(rungs, light, side="right") - 1, 0, len(rungs) - 2)
    lo, hi = rungs[i], rungs[i + 1]
    gap = hi - lo
    share = np.where(gap > 0.0, (light - lo) / np.where(gap > 0.0, gap, 1.0), 0.0)
    share = np.clip(share, 0.0, 1.0).astype(np.float32)
    return Choice(rgb, order[i], order[i + 1], share)


def threshold_mix(
    call, thresholds: np.ndarray, cell: float, angle: float, choice: Choice
) -> np.ndarray:
    """Opaque premultiplied RGBA: the low or high role per cell, box-filtered per pixel.

    ``thresholds`` is an ``(n, n)`` table in (0, 1), repeating every ``n`` cells.
    """
    n = thresholds.shape[0]
    u, v = rotate(call.x, call.y, -angle)
    u = u * (1.0 / cell)
    v = v * (1.0 / cell)
    f = call.footprint / cell
    share = choice.share
    flat = np.ascontiguousarray(thresholds, np.float32).reshape(-1)
    if f > 3.0:
        # Many cells under one pixel: what the eye sees is the mixture itself.
        w_high = share
    elif f <= 1.0:
        # The usual case: a pixel overlaps at most two cells each way.
        iu = np.floor(u - 0.5 * f)
        iv = np.floor(v - 0.5 * f)
        wu = np.clip((iu + 1.0 - (u - 0.5 * f)) / f, 0.0, 1.0).astype(np.float32)
        wv = np.clip((iv + 1.0 - (v - 0.5 * f)) / f, 0.0, 1.0).astype(np.float32)
        c0 = np.mod(iu, n).astype(np.int32)
        c1 = np.where(c0 == n - 1, 0, c0 + 1)
        r0 = np.mod(iv, n).astype(np.int32) * n
        r1 = np.where(r0 == (n - 1) * n, 0, r0 + n)
        one = np.float32(1.0)
        w_high = (flat[r0 + c0] < share) * (wu * wv)
        w_high += (flat[r0 + c1] < share) * ((one - wu) * wv)
        w_high += (flat[r1 + c0] < share) * (wu * (one - wv))
        w_high += (flat[r1 + c1] < share) * ((one - wu) * (one - wv))
    else:
        k = math.ceil(f) + 1
        w_high = np.zeros(u.shape, np.float32)
        vs = list(axis_overlaps(v, f, k))
        for iu, wu in axis_overlaps(u, f, k):
            col = iu % n
            for iv, wv in vs:
                w_high += (flat[(iv % n) * n + col] < share) * (wu * wv).astype(np.float32)
    rgb = choice.rgb
    w = w_high[..., None]
    out = np.empty((*u.shape, 4), np.float32)
    out[..., :3] = rgb[choice.low] * (1.0 - w) + rgb[choice.high] * w
    out[..., 3] = 1.0
    return out
