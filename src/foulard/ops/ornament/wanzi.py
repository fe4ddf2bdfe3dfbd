"""Wanzi (卍字纹): the continuous swastika fret and the Japanese sayagata, as a periodic field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, mix
from foulard.ops.ornament._cn import GridBars, cover, grid_coords, over, paint
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]
_DIRS = ((1, 0), (0, 1), (-1, 0), (0, -1))


@dataclass(frozen=True)
class WanziParams(Params):
    style: str = param(
        "linked",
        choices=("linked", "separate"),
        doc="hooks joined into one endless fret (万字不到头), or each 卍 on its own (散万字)",
    )
    orientation: str = param(
        "straight",
        choices=("straight", "diagonal"),
        doc="arms along the scarf's edges, or at 45 degrees (the sayagata 紗綾形 look)",
    )
    arm: int = param(2, range=(1, 4), doc="length of each arm, in line pitches")
    repeats: int = param(
        6,
        range=(1, 24),
        doc="卍 units across the unit square along an axis (rounded up to even for "
        "alternate hands on a straight lattice)",
    )
    hand: str = param(
        "卍",
        choices=("卍", "卐", "alternate"),
        doc="which way the hooks turn; alternate: 卍 and 卐 in a checkerboard (sayagata)",
    )
    line_width: float = param(0.5, range=(0.15, 0.8), doc="line width as a share of the pitch")
    groove: float = param(
        0.0, range=(0.0, 0.6), doc="light centre groove as a share of the line (0: flat)"
    )
    line_color: int = param(3, range=(0, 47), doc="palette role of the fret")
    accent_color: int = param(2, range=(0, 47), doc="palette role of the accented units")
    accent_share: float = param(
        0.0, range=(0.0, 1.0), doc="share of 卍 units drawn in the accent role (picked at random)"
    )
    ground_color: int = param(1, range=(-1, 47), doc="palette role of the ground (-1: transparent)")


def tones(p: WanziParams, palette: Palette) -> dict[str, RGB]:
    """The colours a fret paints: line, accent and ground roles, and the groove.

    The groove is the line role mixed with white by 0.45 (the accent's groove, the
    accent role mixed likewise).
    """
    line = palette.role(p.line_color)
    accent = palette.role(p.accent_color)
    out = {
        "line": line,
        "accent": accent,
        "groove": mix(line, WHITE, 0.45),
        "accent_groove": mix(accent, WHITE, 0.45),
    }
    if p.ground_color >= 0:
        out["ground"] = palette.role(p.ground_color)
    return out


def _repeats(p: WanziParams) -> int:
    """Units along an axis: alternating hands on a straight lattice need an even count."""
    if p.orientation == "straight" and p.hand == "alternate":
        return p.repeats + p.repeats % 2
    return p.repeats


def _units(p: WanziParams) -> tuple[int, int]:
    """Pitches per unit, and units along each side of the label table."""
    period = 2 * p.arm + 1
    k = _repeats(p)
    side = k if p.orientation == "straight" else 2 * k
    return period, side


def _canonical(p: WanziParams, ui: np.ndarray, uj: np.ndarray) -> np.ndarray:
    """One index per unit class: units one design period apart share their colour."""
    k = _repeats(p)
    if p.orientation == "straight":
        return (uj % k) * k + ui % k
    # Diagonal: design periods move units by (k, -k) and (k, k); reduce modulo both.
    m = np.floor_divide(uj, k)
    return ((ui - m * k) % (2 * k)) * k + (uj - m * k)


def _prepare(p: WanziParams, rng: np.random.Generator) -> GridBars:
    period, side = _units(p)
    n = period * side
    h = np.full((n, n), -1, np.int64)
    v = np.full((n, n), -1, np.int64)
    k = _repeats(p)
    classes = k * k * (1 if p.orientation == "straight" else 2)
    accented = rng.random(classes) < p.accent_share
    a = p.arm
    hook = a + 1 if p.style == "linked" else a
    for uj in range(side):
        for ui in range(side):
            label = int(accented[int(_canonical(p, np.array(ui), np.array(uj)))])
            if p.hand == "alternate":
                turn = 1 if (ui + uj) % 2 == 0 else -1
            else:
                turn = 1 if p.hand == "卍" else -1
            cx, cy = ui * period + a, uj * period + a
            for d in range(4):
                dx, dy = _DIRS[d]
                hx, hy = _DIRS[(d + turn) % 4]
                ex, ey = cx + a * dx, cy + a * dy
                _bar(h, v, cx, cy, ex, ey, label)
                _bar(h, v, ex, ey, ex + hook * hx, ey + hook * hy, label)
    return GridBars(h, v)


def _bar(h, v, x0, y0, x1, y1, label) -> None:
    """Mark the grid edges from ``(x0, y0)`` to ``(x1, y1)`` (axis-aligned), wrapping."""
    n = h.shape[0]
    if y0 == y1:
        for x in range(min(x0, x1), max(x0, x1)):
            h[y0 % n, x % n] = label
    else:
        for y in range(min(y0, y1), max(y0, y1)):
            v[y % n, x0 % n] = label


@operator(
    "ornament.wanzi",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "swastika fret",
        "wan",
        "sayagata",
        "fret",
        "lattice",
        "卍字纹",
        "万字纹",
        "万字不到头",
        "纱绫形",
        "吉祥",
    ),
)
def wanzi(p: WanziParams, call: Call) -> np.ndarray:
    """Wanzi (卍字纹): a lattice of 卍 whose hooks join into one endless fret.

    Each unit is a 卍 on a grid of ``2 * arm + 1`` line pitches: four arms from the
    centre, each ending in a hook turned the same way. In the ``linked`` style a hook
    is one pitch longer than the arm and meets the hook of the next unit, so the
    lines run on without end (万字不到头, "ten thousand without end") with line and
    gap at one rhythm; ``separate`` keeps each 卍 apart. ``diagonal`` sets the same
    lattice at 45 degrees, the Japanese sayagata (紗綾形). The bars are measured
    pointwise with square (Chebyshev) distances, so ends and corners stay square and
    edges are anti-aliased over the pixel footprint; the field repeats with period 1.
    The generator picks which units take the accent role.

    Meaning: 卍 (wan, ten thousand) stands for the myriad virtues and endless
    blessing, 万寿无疆 "boundless longevity"; an unbroken fret wishes that good fortune
    never end. It pairs with bats (万福, ten thousand blessings), with the 寿
    character and with peonies; a classic ground of Ming-Qing brocade and of
    window lattices.

    References
    ----------
    Dye 1937, *A Grammar of Chinese Lattice*, Harvard-Yenching (the 卍 lattices);
    Owen Jones 1856, *The Grammar of Ornament*, pl. LIX-LXI (Chinese frets);
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. wan (卍).
    """
    t = tones(p, call.palette)
    period, _ = _units(p)
    u, v, scale = grid_coords(call.x, call.y, _repeats(p) * period, p.orientation == "diagonal")
    dist, label = call.state.nearest(u, v)
    fp = call.footprint * scale
    half = 0.5 * p.line_width
    bar = cover(half - dist, fp)
    # Zoomed far out (many pitches to a pixel) the lines blur into their mean tone.
    far = min(max(2.0 * fp - 1.0, 0.0), 1.0)
    if far > 0:
        bar = bar * (1.0 - far) + _mean_cover(p) * far
    line = np.where((label > 0)[..., None], t["accent"], t["line"]).astype(np.float32)
    if p.groove > 0:
        g = cover(p.groove * half - dist, fp) * (1.0 - far)
        light = np.where((label > 0)[..., None], t["accent_groove"], t["groove"])
        line = line + (light - line) * g[..., None].astype(np.float32)
    out = bar[..., None].astype(np.float32) * np.concatenate(
        [line, np.ones((*line.shape[:-1], 1), np.float32)], axis=-1
    )
    if p.ground_color >= 0:
        out = over(out, paint(np.ones(np.shape(call.x)), t["ground"]))
    return out


def _mean_cover(p: WanziParams) -> float:
    """Share of the plane under the bars (to fade to when the lines blur together)."""
    period = 2 * p.arm + 1
    hook = p.arm + 1 if p.style == "linked" else p.arm
    length = 4 * (p.arm + hook)  # pitches of bar per unit
    w = p.line_width
    return min(1.0, (length * w) / (period * period))
