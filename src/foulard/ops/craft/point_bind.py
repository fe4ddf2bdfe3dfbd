"""Point binding: bandhani and kanoko dots, or bullseye rings, tied at points before dyeing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops._common.geometry import wrap01
from foulard.ops.craft._dye import dye_rgba, role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

TWO_PI = 2.0 * math.pi

PRESETS: dict[str, dict] = {
    "bandhani": {"dots": 40, "size": 0.7, "rings": 1, "shape": "round", "crinkle": 0.3},
    "kanoko": {"dots": 24, "size": 0.75, "rings": 1, "shape": "square", "crinkle": 0.2},
    "bullseye": {"dots": 2, "size": 0.9, "rings": 5, "shape": "round", "crinkle": 0.7},
}


@dataclass(frozen=True)
class PointBindParams(Params):
    preset: str = param(
        "custom",
        choices=("custom", *PRESETS),
        doc="a named binding (its values replace dots, size, rings, shape and crinkle), or custom",
    )
    dots: int = param(40, range=(1, 160), doc="bound points across the unit square")
    lattice: str = param(
        "offset",
        choices=("square", "offset"),
        doc="points in a square grid, or every other row shifted by half (even counts tile)",
    )
    size: float = param(0.7, range=(0.1, 0.95), doc="diameter of a bound point, share of spacing")
    rings: int = param(
        1, range=(1, 8), doc="binding bands round each point (1: a dot; more: a bullseye)"
    )
    shape: str = param(
        "round", choices=("round", "square"), doc="round dots (bandhani), or square (kanoko)"
    )
    tip: float = param(
        0.25, range=(0.0, 0.6), doc="dyed tip at the centre of each point, share of its radius"
    )
    crinkle: float = param(
        0.3, range=(0.0, 1.0), doc="dyed streaks of the gathered folds across the bound cloth"
    )
    jitter: float = param(0.12, range=(0.0, 0.25), doc="hand-tied irregularity of place and size")
    mask: str = param(
        "outline",
        choices=("none", "inside", "outside", "outline"),
        doc="tie points everywhere, only where the mask input is (or is not), "
        "or along its outline: a motif drawn in dots",
    )
    depth: float = param(1.0, range=(0.3, 1.6), doc="dye concentration")
    dye_color: int = role_param(2, "the dye")
    dot_color: int = role_param(3, "a first, light dip the points keep (0: undyed)")
    dot_depth: float = param(0.5, range=(0.0, 1.2), doc="concentration of that first dip")
    ground_color: int = role_param(0, "the undyed cloth")


def resolved(p: PointBindParams) -> PointBindParams:
    """The parameters with a named preset's values filled in."""
    return p if p.preset == "custom" else p.replace(**PRESETS[p.preset])


def _periods(p: PointBindParams):
    p = resolved(p)
    if p.mask != "none" or (p.lattice == "offset" and p.dots % 2):
        return None
    return [(1.0, 0.0), (0.0, 1.0)]


def prepare(p: PointBindParams, rng: np.random.Generator) -> dict:
    p = resolved(p)
    n = p.dots
    return {
        "offset": rng.uniform(-1.0, 1.0, (n, n, 2)),
        "scale": rng.uniform(-1.0, 1.0, (n, n)),
        "rim": rng.random((n, n, 6)),
        "streaks": Noise(rng, 64, 2),
        "mottle": Noise(rng, 8, 3),
    }


def _cells(p: PointBindParams, st: dict, x: np.ndarray, y: np.ndarray):
    """Each point's tie: its centre (design units), cell indices and offset from the centre."""
    n = p.dots
    gy = wrap01(y) * n
    j = np.floor(gy)
    gx = wrap01(x) * n
    if p.lattice == "offset":
        gx = gx + 0.5 * (j % 2)
    i = np.floor(gx)
    ii = (i.astype(np.int64)) % n
    jj = (j.astype(np.int64)) % n
    off = st["offset"][jj, ii] * (0.5 * p.jitter)
    fx = gx - i - 0.5 - off[:, 0]
    fy = gy - j - 0.5 - off[:, 1]
    # Centres in design units near the point (the mask is read there).
    cx = x - fx / n
    cy = y - fy / n
    return ii, jj, fx / n, fy / n, cx, cy


def _mask(call: Call, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coverage (alpha, or the value) and lightness of the mask input at points."""
    m = call.input("mask", x, y)
    if m.shape[-1] == 4:
        return m[..., 3], as_value(m)[..., 0] + (1.0 - m[..., 3])
    v = as_value(m)[..., 0]
    return v, v


@operator(
    "craft.point_bind",
    kind="field",
    version=1,
    inputs=(
        Input(
            "mask",
            "where to tie points (alpha or value over 1/2): a motif drawn in dots",
            "motifs.plum_blossom",
            optional=True,
        ),
    ),
    output="rgba",
    prepare=prepare,
    periods=_periods,
    tags=(
        "bandhani",
        "bandhej",
        "kanoko",
        "tie-dye",
        "dots",
        "bullseye",
        "point resist",
        "鹿子绞",
        "扎染",
        "点扎",
        "绞缬",
    ),
)
def point_bind(p: PointBindParams, call: Call) -> np.ndarray:
    """Point binding: cloth pinched up at points and wound with thread, then dyed.

    Each tied point keeps a pale dot where the thread covered it, with a dyed tip
    at its centre where the pinched cloth stuck out (``tip``) and dyed streaks where
    the gathered folds let dye in (``crinkle``). Many small points in rows are
    Indian *bandhani* (round, ``offset`` rows) and Japanese *kanoko* (fawn spots:
    ``square``); a few large points wound with several bands (``rings``) give
    concentric *bullseye* rings: the named ``preset`` values (``PRESETS``). A first
    light dip (``dot_color``) can colour the dots before the main dye, as bandhani
    dots are yellow on red. With a mask input, points are tied only where the mask
    is, where it is not, or along its outlines, so a motif is drawn in dots. The
    points sit on a lattice of ``dots`` per unit, jittered by hand (``jitter``);
    without a mask and with an even count the cloth tiles the unit square.

    References
    ----------
    Wada, Rice & Barton 1983, *Shibori: The Inventive Art of Japanese Shaped
    Resist Dyeing*, Kodansha (kanoko, bound resist).
    Larsen 1976, *The Dyer's Art: Ikat, Batik, Plangi*, Van Nostrand Reinhold
    (plangi and bandhani).
    """
    p = resolved(p)
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    ii, jj, dx, dy, cx, cy = _cells(p, st, x, y)
    radius = 0.5 * p.size / p.dots * (1.0 + 0.35 * p.jitter * st["scale"][jj, ii] / 0.25)
    # Keep the ragged, jittered point inside its cell (no point is cut by its neighbour's).
    cap = 0.95 * (0.5 - 0.5 * p.jitter) / (1.0 + 0.75 * p.jitter) / p.dots
    radius = np.minimum(radius, cap)
    theta = np.arctan2(dy, dx)
    rim = st["rim"][jj, ii]
    wob = 0.0
    for h in range(3):
        wob = wob + (rim[:, 2 * h] - 0.5) * np.cos((h + 2) * theta + TWO_PI * rim[:, 2 * h + 1])
    radius = radius * (1.0 + 0.5 * p.jitter * wob)
    # A rounded square (kanoko) or a circle.
    d = (dx**4 + dy**4) ** 0.25 if p.shape == "square" else np.sqrt(dx * dx + dy * dy)
    q = d / radius
    soft = 0.08 + 2.0 * call.footprint / radius
    # Bands between the tip and the rim: 2k - 1 equal parts, the even ones bound.
    inner = p.tip
    k = p.rings
    pos = np.clip((q - inner) / max(1e-6, 1.0 - inner), -1.0, 2.0) * (2 * k - 1)
    part = np.floor(pos)
    f = pos - part
    if k > 1:
        # Edge softness in band units: the binding's own blur plus the pixel.
        width = np.minimum(
            (0.03 + 2.0 * call.footprint / radius) * (2 * k - 1) / (1.0 - inner), 0.45
        )
        band = smoothstep(0.0, width, f) * (1.0 - smoothstep(1.0 - width, 1.0, f))
        band = np.where(part % 2 == 0, band, 0.0)
        edge_in = smoothstep(-soft, soft, q - inner)
        edge_out = 1.0 - smoothstep(1.0 - soft, 1.0 + soft, q)
        resist = np.maximum(band, 0.0) * edge_in * edge_out
    else:
        resist = smoothstep(inner - soft, inner + soft, q) * (
            1.0 - smoothstep(1.0 - soft, 1.0 + soft, q)
        )
    # A point stays inside its lattice cell: fade it out before the cell's edge.
    cell_q = np.maximum(np.abs(dx), np.abs(dy)) * p.dots
    resist = resist * (1.0 - smoothstep(0.44, 0.5, cell_q))
    if p.crinkle > 0:
        # Radial folds of the gathered cloth: dye ran in along some of them.
        cell_id = (jj * 7 + ii * 13) % 64
        ray = st["streaks"].lattice(theta * (64.0 / TWO_PI), cell_id + q * 0.5)
        resist = resist * (1.0 - p.crinkle * smoothstep(0.55, 0.75, ray))
    if p.mask != "none" and call.has_input("mask"):
        cover, light = _mask(call, cx, cy)
        tied = cover > 0.5
        if p.mask == "outside":
            tied = ~tied
        elif p.mask == "outline":
            # Points where the motif changes within one spacing: its outline and the
            # edges between its colours (the lines a dyer would tie along).
            s = 1.0 / p.dots
            edge = np.zeros_like(tied)
            for ox, oy in ((s, 0.0), (0.0, s)):
                c2, l2 = _mask(call, cx + ox, cy + oy)
                edge |= (np.abs(c2 - cover) > 0.5) | (np.abs(l2 - light) > 0.2)
            tied = edge
        resist = np.where(tied, resist, 0.0)
    mottle = st["mottle"](x, y) - 0.5
    conc = p.depth * (1.0 + 0.25 * mottle) * (1.0 - resist)
    dyes = [(p.dye_color, conc)]
    if p.dot_color != p.ground_color and p.dot_depth > 0:
        dyes.append((p.dot_color, p.dot_depth * np.ones_like(conc)))
    out = dye_rgba(call.palette, p.ground_color, dyes)
    return out.reshape(*np.shape(call.x), 4)
