"""Colourways: new ink colours over the same plates, keeping the design's values.

A colourway is a new ink table for the same separations (PRINT.md: about 15 are
drawn per design and 10 kept). Its colours come from a *source*: one of the 60
named Chinese traditional palettes, one of the 24 solar terms, a colour harmony
(``color.harmony`` schemes, around a hue), or explicit colours. Two ways to fit:

- ``tone`` (default): each ink takes hue and chroma from the source colour at the
  same relative lightness, and a lightness that is the design's own, moved a
  little (``value_shift``) towards the source's lightness range by one increasing
  linear map. The map's slope is kept high enough that every pair of touching inks
  keeps ``min(min_contrast_l, its original ΔL*)`` of contrast, so the design's value
  structure (the lightness order of the inks, and the contrast between inks that
  touch) reads as before. Colours outside sRGB lose chroma at constant L* and hue.
- ``exact``: inks take the source colours as they are, by lightness rank (or by
  index, for explicit colours as many as the inks).

Either way the result is checked on the final 8-bit colours: the lightness order
of the inks (pairs more than 1 L* apart) is kept, and touching inks stay apart by
``min(min_contrast_l, ΔL*)`` in L* and ``min(min_delta_e, ΔE00)`` overall (their
original differences, capped). In ``tone`` mode a touching pair that collides
first tries other source colours; a request that still cannot keep the inks
distinguishable raises :class:`ColourwayError` naming the inks that collide.

>>> table = InkTable.build(["#f4ecd8", "#1f3a5f", "#c8102e"], [70, 20, 10],
...                        width_px=10, height_px=10, ppi=300,
...                        contacts=((0, 1, 40), (0, 2, 30)))
>>> cw = make_colourway(table, "harmony:complementary@150")
>>> cw.hexes
('#e3f2e5', '#004c1f', '#9c5396')
>>> [int(i) for i in np.argsort(cw.lab[:, 0])] == [int(i) for i in np.argsort(table.lab[:, 0])]
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from foulard.color.cielab import ciede2000, lab_to_srgb, srgb_to_lab
from foulard.color.space import hex_to_srgb, srgb_to_hex
from foulard.production.colourway_sources import (
    DEFAULT_COLOURWAYS,
    ColourwayError,
    ColourwayRequest,
    auto_requests,
    parse_request,
    source_colours,
)
from foulard.production.inktable import InkTable

__all__ = [
    "ColourwayError",
    "ColourwayRequest",
    "auto_requests",
    "check_colourway",
    "make_colourway",
    "make_colourways",
    "parse_request",
]

MIN_CONTRAST_L = 8.0  # L* between touching inks (or their original contrast, if less)
MIN_DELTA_E = 6.0  # CIEDE2000 between touching inks (or their original difference)
VALUE_SHIFT = 0.3
_ORDER_TOL = 1.0  # inks closer than this in L* have no lightness order to keep
_SLACK = 0.5  # 8-bit rounding of the final colours


def _lch_to_hex(lightness: np.ndarray, chroma: np.ndarray, hue_rad: np.ndarray) -> tuple[str, ...]:
    """CIELAB LCh to 8-bit sRGB hex, reducing chroma at constant L* and hue to fit."""
    L = np.clip(lightness, 0.0, 100.0)
    lo, hi = np.zeros_like(chroma), np.asarray(chroma, np.float64)

    def inside(c):
        rgb = lab_to_srgb(np.stack([L, c * np.cos(hue_rad), c * np.sin(hue_rad)], -1))
        return np.all((rgb >= -1e-9) & (rgb <= 1.0 + 1e-9), axis=-1)

    ok = inside(hi)
    lo = np.where(ok, hi, lo)
    for _ in range(30):
        mid = 0.5 * (lo + hi)
        good = inside(mid)
        lo, hi = np.where(good, mid, lo), np.where(good, hi, mid)
    rgb = lab_to_srgb(np.stack([L, lo * np.cos(hue_rad), lo * np.sin(hue_rad)], -1))
    return srgb_to_hex(np.clip(rgb, 0.0, 1.0))


def _requirements(table: InkTable, min_contrast_l: float, min_delta_e: float):
    lab = table.lab
    touch = table.touching()
    dl = np.abs(lab[:, None, 0] - lab[None, :, 0])
    de = ciede2000(lab[:, None, :], lab[None, :, :])
    need_l = np.where(touch, np.minimum(min_contrast_l, dl), 0.0)
    need_e = np.where(touch, np.minimum(min_delta_e, de), 0.0)
    return need_l, need_e


def check_colourway(
    table: InkTable,
    hexes: Sequence[str],
    *,
    min_contrast_l: float = MIN_CONTRAST_L,
    min_delta_e: float = MIN_DELTA_E,
) -> list[tuple[int, int, str]]:
    """The collisions of new colours for ``table``'s inks: ``(i, j, why)``, none if fine."""
    lab = table.lab
    new = srgb_to_lab(hex_to_srgb(hexes))
    need_l, need_e = _requirements(table, min_contrast_l, min_delta_e)
    dl_new = np.abs(new[:, None, 0] - new[None, :, 0])
    de_new = ciede2000(new[:, None, :], new[None, :, :])
    out = []
    n = len(lab)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = (i, j) if lab[i, 0] < lab[j, 0] else (j, i)
            if lab[b, 0] - lab[a, 0] > _ORDER_TOL and not new[a, 0] < new[b, 0]:
                out.append(
                    (i, j, f"lightness order reversed (L* {new[a, 0]:.1f} vs {new[b, 0]:.1f})")
                )
            elif dl_new[i, j] < need_l[i, j] - _SLACK:
                out.append(
                    (i, j, f"touching inks {dl_new[i, j]:.1f} L* apart, need {need_l[i, j]:.1f}")
                )
            elif de_new[i, j] < need_e[i, j] - _SLACK:
                out.append(
                    (i, j, f"touching inks ΔE00 {de_new[i, j]:.1f}, need {need_e[i, j]:.1f}")
                )
    return out


def _describe(table: InkTable, collisions) -> str:
    parts = [
        f"ink {i} ({table.inks[i].hex}) and ink {j} ({table.inks[j].hex}): {why}"
        for i, j, why in collisions[:8]
    ]
    more = f"; and {len(collisions) - 8} more" if len(collisions) > 8 else ""
    return "; ".join(parts) + more


def make_colourway(
    table: InkTable,
    request: str | Sequence[str] | ColourwayRequest,
    *,
    name: str = "colourway",
    fit: str = "tone",
    value_shift: float = VALUE_SHIFT,
    min_contrast_l: float = MIN_CONTRAST_L,
    min_delta_e: float = MIN_DELTA_E,
) -> InkTable:
    """One colourway of ``table``: the same inks and plates with new colours.

    Raises :class:`ColourwayError` naming the colliding inks when the request cannot
    keep the design readable.
    """
    req = parse_request(request, fit)
    if not 0.0 <= value_shift <= 1.0:
        raise ColourwayError(f"value_shift must be between 0 and 1, got {value_shift!r}")
    source = source_colours(req, table)
    n = len(table.inks)
    if req.kind == "colours" and len(source) == n and req.fit == "exact":
        hexes = tuple(source)
    elif req.fit == "exact":
        hexes = _exact(table, source)
    else:
        hexes = _tone(table, source, value_shift, min_contrast_l, min_delta_e)
    collisions = check_colourway(
        table, hexes, min_contrast_l=min_contrast_l, min_delta_e=min_delta_e
    )
    if collisions:
        raise ColourwayError(
            f"colourway {req.label} cannot keep the inks distinguishable: "
            + _describe(table, collisions),
            collisions,
        )
    return table.recoloured(hexes, name, source=req.label, fit=req.fit)


def _positions(values: np.ndarray) -> np.ndarray:
    lo, hi = float(values.min()), float(values.max())
    return np.zeros_like(values) if hi - lo < 1e-9 else (values - lo) / (hi - lo)


def _exact(table: InkTable, source: Sequence[str]) -> tuple[str, ...]:
    src = srgb_to_lab(hex_to_srgb(source))
    t, u = _positions(table.lab[:, 0]), _positions(src[:, 0])
    pick = np.argmin(np.abs(t[:, None] - u[None, :]) + 1e-9 * np.arange(len(u)), axis=1)
    return tuple(source[j] for j in pick)


def _tone(table, source, value_shift, min_contrast_l, min_delta_e) -> tuple[str, ...]:
    lab = table.lab
    L = lab[:, 0]
    src = srgb_to_lab(hex_to_srgb(source))
    l_min, l_max = float(L.min()), float(L.max())
    s_min, s_max = float(src[:, 0].min()), float(src[:, 0].max())
    lo = (1 - value_shift) * l_min + value_shift * s_min
    hi = (1 - value_shift) * l_max + value_shift * s_max
    span = l_max - l_min
    slope = (hi - lo) / span if span > 1e-9 else 1.0
    need_l, _ = _requirements(table, min_contrast_l, min_delta_e)
    dl = np.abs(L[:, None] - L[None, :])
    pairs = need_l > 0
    least = float(np.max(need_l[pairs] / dl[pairs])) if pairs.any() else 0.0
    if slope < least:  # widen about the centre, then slide back into [5, 98]
        mid = 0.5 * (lo + hi)
        lo, hi = mid - 0.5 * least * span, mid + 0.5 * least * span
        slope = least
    shift = max(0.0, 5.0 - lo) - max(0.0, hi - 98.0)
    new_l = lo + shift + slope * (L - l_min)
    chroma = np.hypot(src[:, 1], src[:, 2])
    hue = np.arctan2(src[:, 2], src[:, 1])
    t, u = _positions(L), _positions(src[:, 0])
    rank = np.argsort(np.abs(t[:, None] - u[None, :]) + 1e-9 * np.arange(len(u)), axis=1)
    choice = np.zeros(len(L), np.intp)  # k-th nearest source by relative lightness

    def colours():
        donor = rank[np.arange(len(L)), choice]
        return _lch_to_hex(new_l, chroma[donor], hue[donor])

    hexes = colours()
    area = np.array([ink.area_pct for ink in table.inks])
    for _ in range(4 * len(L)):
        bad = check_colourway(table, hexes, min_contrast_l=min_contrast_l, min_delta_e=min_delta_e)
        if not bad:
            break
        i, j, _why = bad[0]
        k = i if area[i] <= area[j] else j  # the smaller ink moves to another source
        if choice[k] + 1 >= len(source):
            break
        choice[k] += 1
        hexes = colours()
    return hexes


def make_colourways(
    table: InkTable,
    count: int = DEFAULT_COLOURWAYS,
    *,
    requests: Sequence[str | Sequence[str] | ColourwayRequest] | None = None,
    seed: int = 0,
    min_difference: float = 10.0,
    **kw,
) -> list[InkTable]:
    """``count`` colourways: the ``requests`` given (all must succeed), or drawn.

    Drawn colourways come from :func:`auto_requests`; one that collides, or whose
    area-weighted ΔE00 to the original or to a colourway already kept is below
    ``min_difference``, is passed over.
    """
    if requests is not None:
        return [
            make_colourway(table, r, name=f"cw{k + 1:02d}", **kw) for k, r in enumerate(requests)
        ]
    if not (isinstance(count, int) and 1 <= count <= 50):
        raise ColourwayError(f"colourways must be between 1 and 50, got {count!r}")
    weight = np.array([ink.area_pct for ink in table.inks])
    weight = weight / weight.sum() if weight.sum() > 0 else np.full(len(weight), 1 / len(weight))
    kept: list[InkTable] = []
    seen = [table.lab]
    for req in auto_requests(table, seed, 8 * count):
        if len(kept) == count:
            break
        try:
            cw = make_colourway(table, req, name=f"cw{len(kept) + 1:02d}", **kw)
        except ColourwayError:
            continue
        lab = cw.lab
        if min(float(weight @ ciede2000(lab, other)) for other in seen) < min_difference:
            continue
        kept.append(cw)
        seen.append(lab)
    if len(kept) < count:
        raise ColourwayError(
            f"only {len(kept)} of {count} colourways keep this design readable; ask for fewer"
        )
    return kept
