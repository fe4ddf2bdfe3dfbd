"""Itajime shibori (板締め): cloth folded into a stack and clamped between shaped boards."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.craft._dye import dye_rgba, role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

SQRT3 = math.sqrt(3.0)


@dataclass(frozen=True)
class ItajimeParams(Params):
    fold: str = param(
        "diagonal",
        choices=("square", "diagonal", "triangle"),
        doc="accordion folds both ways (squares); then also on the diagonal; "
        "or a strip folded into equilateral triangles",
    )
    panels: int = param(
        4,
        range=(1, 24),
        doc="folded panels across the unit square (even: the cloth tiles the square)",
    )
    clamp: str = param(
        "circle",
        choices=("circle", "square", "diamond", "triangle", "bar"),
        doc="shape of the boards clamped on the stack",
    )
    position: str = param(
        "edge",
        choices=("centre", "corner", "edge"),
        doc="where on the folded panel the boards sit",
    )
    size: float = param(0.5, range=(0.05, 0.7), doc="size of the boards, as a share of a panel")
    bleed: float = param(
        0.08,
        range=(0.0, 0.2),
        doc="how far dye creeps under the boards, as a share of a panel",
    )
    feather: float = param(
        0.5, range=(0.0, 1.0), doc="raggedness of the edges where dye wicked along the threads"
    )
    layering: float = param(
        0.35, range=(0.0, 0.9), doc="how much less dye reaches the inner layers of the stack"
    )
    crease: float = param(
        0.3,
        range=(-1.0, 1.0),
        doc="fold lines: positive take more dye (dark), negative stay pale",
    )
    depth: float = param(1.1, range=(0.3, 1.6), doc="dye concentration of the dyed cloth")
    dye_color: int = role_param(1, "the dye")
    ground_color: int = role_param(0, "the undyed cloth")


def _periods(p: ItajimeParams):
    if p.fold == "triangle" or p.panels % 2:
        return None
    return [(1.0, 0.0), (0.0, 1.0)]


def prepare(p: ItajimeParams, rng: np.random.Generator) -> dict:
    return {"warp": Noise(rng, 32, 3), "weft": Noise(rng, 32, 3), "mottle": Noise(rng, 8, 4)}


def _tri_wave(t: np.ndarray) -> np.ndarray:
    """Accordion fold of a coordinate in panel units: [0, 1] up, then back down."""
    return np.abs(t - 2.0 * np.rint(0.5 * t))


def fold_square(p: ItajimeParams, x: np.ndarray, y: np.ndarray):
    """Panel coordinates (design units, origin at a fold corner), layer index, panel size."""
    w = 1.0 / p.panels
    fx = wrap01(x) * p.panels
    fy = wrap01(y) * p.panels
    u = _tri_wave(fx)
    v = _tri_wave(fy)
    if p.fold == "diagonal":
        swap = v > u
        u, v = np.where(swap, v, u), np.where(swap, u, v)
    # The stack's layers, outermost 0: cloth folded n times lies n panels deep.
    n = p.panels
    layer = np.minimum(
        np.minimum(np.floor(fx), n - 1 - np.floor(fx)),
        np.minimum(np.floor(fy), n - 1 - np.floor(fy)),
    )
    depth = layer / max(1.0, 0.5 * (n - 1))
    return u * w, v * w, np.clip(depth, 0.0, 1.0), w


def fold_triangle(p: ItajimeParams, x: np.ndarray, y: np.ndarray):
    """Fold into the kaleidoscope of equilateral triangles (mirrors in three directions).

    In coordinates ``s1 = p . (0, 1)``, ``s2 = p . (sqrt3/2, -1/2)`` the triangle is
    ``s1, s2 >= 0, s1 + s2 <= h`` (h its height). The mirror group's translations
    (2h along each mirror normal) bring a point into one cell of six triangles
    next to it; then reflections in the triangle's walls bring it home.
    """
    a = 1.0 / p.panels
    h = 0.5 * SQRT3 * a
    s1 = y
    s2 = 0.5 * SQRT3 * x - 0.5 * y
    # Translation lattice in (s1, s2): (2h, -h) and (-h, 2h).
    alpha = np.floor((2.0 * s1 + s2) / (3.0 * h))
    beta = np.floor((s1 + 2.0 * s2) / (3.0 * h))
    s1 = s1 - h * (2.0 * alpha - beta)
    s2 = s2 - h * (2.0 * beta - alpha)
    for _ in range(3):
        m = s1 < 0
        s1, s2 = np.where(m, -s1, s1), np.where(m, s2 + s1, s2)
        m = s2 < 0
        s1, s2 = np.where(m, s1 + s2, s1), np.where(m, -s2, s2)
        m = s1 + s2 > h
        s1, s2 = np.where(m, h - s2, s1), np.where(m, h - s1, s2)
    u = (s1 + 2.0 * s2) / SQRT3
    v = s1
    # Layers: strips of triangles folded on each other, counted down the square.
    strip = np.floor(wrap01(y) / h)
    count = max(1.0, math.floor(1.0 / h))
    depth = np.clip(np.minimum(strip, count - 1 - strip) / max(1.0, 0.5 * (count - 1)), 0.0, 1.0)
    return u, v, depth, a


def _clamp_distance(p: ItajimeParams, u: np.ndarray, v: np.ndarray, w: float) -> np.ndarray:
    """Signed distance (design units, negative under the board) to the clamp's edge."""
    if p.fold == "triangle":
        h = 0.5 * SQRT3 * w
        spots = {"centre": (h / SQRT3, h / 3.0), "corner": (0.0, 0.0), "edge": (0.5 * w, 0.0)}
    else:
        spots = {"centre": (0.5 * w, 0.5 * w), "corner": (0.0, 0.0), "edge": (0.5 * w, 0.0)}
    cx, cy = spots[p.position]
    dx = u - cx
    dy = v - cy
    r = 0.5 * p.size * w
    if p.clamp == "circle":
        return np.sqrt(dx * dx + dy * dy) - r
    if p.clamp == "square":
        return np.maximum(np.abs(dx), np.abs(dy)) - r
    if p.clamp == "diamond":
        return (np.abs(dx) + np.abs(dy)) * (1.0 / math.sqrt(2.0)) - r * 0.8
    if p.clamp == "bar":
        return np.abs(dy) - 0.35 * r
    # Equilateral triangle, point up, centred on the spot.
    kx = np.abs(dx)
    return np.maximum(kx * (0.5 * SQRT3) + dy * 0.5, -dy) - 0.5 * r


@operator(
    "craft.shibori_itajime",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    periods=_periods,
    tags=(
        "shibori",
        "itajime",
        "fold and clamp",
        "clamp resist",
        "indigo",
        "tie-dye",
        "夹缬",
        "板缔",
        "扎染",
        "蓝染",
    ),
)
def shibori_itajime(p: ItajimeParams, call: Call) -> np.ndarray:
    """Itajime shibori: an accordion-folded stack clamped between shaped boards, then dyed.

    The cloth is folded like a fan both ways (``square``), then also along the
    diagonal (``diagonal``), or a strip is folded into equilateral triangles
    (``triangle``); every layer of the stack lies on one folded panel, so the
    unfolded cloth shows the panel's pattern mirrored across every fold line (the
    wallpaper groups pmm, p4m and p3m1). Boards of the chosen shape clamp the stack
    and keep dye out, except where it creeps under their edges (``bleed``) and
    wicks along warp and weft threads (``feather``: ragged, fibrous edges that
    differ from layer to layer). Inner layers of the stack take less dye
    (``layering``) and the fold lines take more or less than the panels (``crease``).
    Square folds with an even number of panels tile the unit square.

    References
    ----------
    Wada, Rice & Barton 1983, *Shibori: The Inventive Art of Japanese Shaped
    Resist Dyeing*, Kodansha (itajime).
    Morimoto, Tanaka, Tsuruno & Tomimatsu 2007, "Visualization of dyeing based on
    diffusion and adsorption theories", Pacific Graphics (clamp resist).
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    if p.fold == "triangle":
        u, v, layer, w = fold_triangle(p, x, y)
    else:
        u, v, layer, w = fold_square(p, x, y)
    d = _clamp_distance(p, u, v, w)
    # Dye wicks along the threads: noise stretched along x and along y roughens the
    # edge with fibrous streaks, different on every layer (unfolded coordinates).
    warp = st["warp"].lattice(wrap01(x) * 32.0, wrap01(y) * 4.0) - 0.5
    weft = st["weft"].lattice(wrap01(x) * 4.0, wrap01(y) * 32.0) - 0.5
    soft = p.bleed * w
    edge = d + p.feather * (0.6 * soft + 0.015 * w) * (warp + weft)
    resist = 1.0 - smoothstep(
        -0.5 * soft - 0.5 * call.footprint, 0.5 * soft + 0.5 * call.footprint, edge
    )
    # A dye front piles up where it stopped under the board: a faint darker rim.
    rim = np.exp(-(((edge - 0.5 * soft) / (0.5 * soft + call.footprint)) ** 2)) * 0.25
    # Fold lines: distance to the nearest panel edge.
    if p.fold == "triangle":
        s1 = v
        s2 = 0.5 * (SQRT3 * u - v)
        fold_d = np.minimum(np.minimum(s1, s2), 0.5 * SQRT3 * w - s1 - s2)
    else:
        fold_d = np.minimum(np.minimum(u, w - u), np.minimum(v, w - v))
    crease_w = 0.015 * w + call.footprint
    crease = p.crease * np.exp(-((fold_d / crease_w) ** 2))
    mottle = st["mottle"](x, y) - 0.5
    dyed = p.depth * (1.0 - p.layering * layer) * (1.0 + 0.3 * mottle)
    conc = dyed * (1.0 - resist) * (1.0 + crease) + rim * (1.0 - resist) * dyed
    conc = np.maximum(conc, 0.0)
    out = dye_rgba(call.palette, p.ground_color, [(p.dye_color, conc)])
    return out.reshape(*np.shape(call.x), 4)
