"""Hand block print: the design stamped block by block, with the flaws of the hand."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.finish._optics import (
    blend,
    finish_output,
    flat_source,
    from_linear,
    to_linear,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["hand_block"]

_TABLE = 32  # impressions drawn per side; the table repeats after 32 blocks
_MOTTLE_TERMS = 4
_GRAIN_TERMS = 5
_RIM_WIDTH = 0.04  # width of the ink pooled at a block's edge, in blocks
_FLOOR = 1e-3  # least linear reflectance of cloth and ink


@dataclass(frozen=True)
class HandBlockParams(Params):
    block: float = param(
        0.125, range=(0.05, 0.5), unit="design unit", doc="side of the square printing block"
    )
    offset: float = param(
        0.004,
        range=(0.0, 0.02),
        unit="design unit",
        doc="largest misregistration of one impression (gaps and double-inked overlaps)",
    )
    coverage: float = param(
        0.85, range=(0.3, 1.0), doc="mean share of the ink an impression lays down"
    )
    mottle: float = param(0.5, range=(0.0, 1.0), doc="blotchy, uneven inking of each impression")
    grain: float = param(0.4, range=(0.0, 1.0), doc="wood grain of the block (every impression)")
    rim: float = param(0.35, range=(0.0, 1.0), doc="ink pooled along the block's edges")
    cloth: int = param(0, range=(0, 47), doc="palette role of the bare cloth (wraps)")
    strength: float = param(1.0, range=(0.0, 1.0), doc="0: the source unchanged; 1: full")


@dataclass(frozen=True)
class _Impressions:
    shift: np.ndarray  # (T, T, 2) misregistration of each impression, design units
    pressure: np.ndarray  # (T, T) ink laid down, share of full
    mottle_k: np.ndarray  # (M, 2) wave vectors, cycles per block
    mottle_phase: np.ndarray  # (T, T, M)
    grain_k: np.ndarray  # (G, 2) cycles per block, in block coordinates
    grain_amp: np.ndarray  # (G,)
    grain_phase: np.ndarray  # (G,)


def _prepare(p: HandBlockParams, rng: np.random.Generator) -> _Impressions:
    t = _TABLE
    r = p.offset * np.sqrt(rng.uniform(0.0, 1.0, (t, t)))
    a = rng.uniform(0.0, 2.0 * np.pi, (t, t))
    shift = np.stack([r * np.cos(a), r * np.sin(a)], axis=-1)
    pressure = p.coverage * np.clip(1.0 + 0.12 * rng.standard_normal((t, t)), 0.6, 1.3)
    ang = rng.uniform(0.0, np.pi, _MOTTLE_TERMS)
    freq = rng.uniform(1.5, 4.0, _MOTTLE_TERMS)
    mottle_k = np.stack([freq * np.cos(ang), freq * np.sin(ang)], axis=-1)
    mottle_phase = rng.uniform(0.0, 2.0 * np.pi, (t, t, _MOTTLE_TERMS)).astype(np.float32)
    # Grain runs along the block (0 or 90 degrees, a little off): fine streaks across.
    along = (0.5 * np.pi if rng.random() < 0.5 else 0.0) + rng.normal(0.0, 0.05)
    across = rng.uniform(12.0, 40.0, _GRAIN_TERMS)
    wobble = rng.uniform(-1.5, 1.5, _GRAIN_TERMS)
    gx = -across * math.sin(along) + wobble * math.cos(along)
    gy = across * math.cos(along) + wobble * math.sin(along)
    grain_k = np.stack([gx, gy], axis=-1)
    grain_amp = rng.uniform(0.5, 1.0, _GRAIN_TERMS)
    grain_amp /= grain_amp.sum()
    grain_phase = rng.uniform(0.0, 2.0 * np.pi, _GRAIN_TERMS)
    return _Impressions(shift, pressure, mottle_k, mottle_phase, grain_k, grain_amp, grain_phase)


def _amount(
    p: HandBlockParams,
    st: _Impressions,
    ti: np.ndarray,
    tj: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    fp: float,
) -> np.ndarray:
    """Ink laid down by impressions ``(ti, tj)`` at block coordinates ``(u, v)``."""
    s = p.block
    two_pi = np.float32(2.0 * np.pi)
    mottle = np.zeros(u.shape, np.float32)
    for m in range(_MOTTLE_TERMS):
        kx, ky = st.mottle_k[m] / s
        arg = (kx * u + ky * v).astype(np.float32) * two_pi + st.mottle_phase[ti, tj, m]
        mottle += np.cos(arg)
    mottle = 0.5 + mottle * np.float32(0.5 / _MOTTLE_TERMS)  # in [0, 1]
    grain = np.zeros(u.shape, np.float32)
    for g in range(_GRAIN_TERMS):
        kx, ky = st.grain_k[g] / s
        att = st.grain_amp[g] * np.sinc(kx * fp) * np.sinc(ky * fp)
        if abs(att) < 1e-4:
            continue
        arg = (kx * u + ky * v).astype(np.float32) * two_pi + np.float32(st.grain_phase[g])
        grain += np.float32(att) * np.cos(arg)
    edge = (np.minimum(np.minimum(u, s - u), np.minimum(v, s - v)) / s).astype(np.float32)
    pool = np.exp(-np.maximum(edge, 0.0) * np.float32(1.0 / _RIM_WIDTH))
    amount = st.pressure[ti, tj].astype(np.float32) * (1.0 - 0.55 * p.mottle * mottle)
    amount *= 1.0 - 0.45 * p.grain * (0.5 + 0.5 * grain)
    return amount + np.float32(0.5 * p.rim) * pool


def _inside(t: np.ndarray, lo: np.ndarray, hi: np.ndarray, fp: float) -> np.ndarray:
    """Box-filtered indicator of [lo, hi] along one axis (a pixel ``fp`` wide)."""
    return np.clip((np.minimum(t - lo, hi - t)) / fp + 0.5, 0.0, 1.0)


@operator(
    "finish.hand_block",
    kind="image",
    version=1,
    inputs=(Input("source", "the design to print by hand", "ornament.seigaiha"),),
    output="same",
    prepare=_prepare,
    tags=(
        "block print",
        "hand block",
        "woodblock",
        "handmade",
        "artisan",
        "rustic",
        "木版印花",
        "手工印花",
        "拓印",
        "手作",
    ),
)
def hand_block(p: HandBlockParams, call: Call) -> np.ndarray:
    """Hand block print: the design stamped block by block, with the hand's flaws.

    The design is carved into a square block ``block`` wide and stamped once per
    cell of a grid. Each impression (drawn per node) lands a little off its place,
    so neighbouring impressions leave slivers of bare cloth or double-inked seams,
    and carries its own share of ink, blotched by a few broad cosines. Every
    impression also shows the same wood grain of the block (fine streaks in block
    coordinates) and ink pooled along the block's edges. Ink acts as a dye layer:
    linear colour is the cloth's times the ink's transmittance to the power of the
    ink laid down, so a full impression reproduces the design, a starved one is
    paler, a double one deeper, and bare cloth shows where no block printed. Edges
    and streaks are averaged over the pixel. ``strength`` 0 returns the source.

    References
    ----------
    Gillow & Barnard 2008, *Indian Textiles*, Thames & Hudson (block printing);
    Mizuno, Okada, Toriwaki & Yamamoto 2000, "Japanese traditional printing
    'ukiyo-e' in a virtual space", Eurographics (simulated block impressions).
    """
    if p.strength == 0.0:
        return call.input("source")
    st: _Impressions = call.state
    s = p.block
    fp = call.footprint
    x, y = call.x.ravel(), call.y.ravel()
    bx = np.floor(x / s).astype(np.int64)
    by = np.floor(y / s).astype(np.int64)
    fx, fy = x - bx * s, y - by * s
    # The blocks that can reach a point: its own, and the neighbours across its nearest
    # edges (shifts stay under half a block) for points within reach of those edges.
    nx = np.where(fx < 0.5 * s, bx - 1, bx + 1)
    ny = np.where(fy < 0.5 * s, by - 1, by + 1)
    reach = 2.0 * p.offset + fp
    near_x = np.flatnonzero(np.minimum(fx, s - fx) < reach)
    near_y = np.flatnonzero(np.minimum(fy, s - fy) < reach)
    near_xy = np.intersect1d(near_x, near_y, assume_unique=True)
    t = _TABLE
    ink = np.zeros(x.shape, np.float32)
    best = np.full(x.shape, -1.0, np.float32)
    best_shift = np.zeros((x.size, 2), np.float64)
    everywhere = np.arange(x.size)
    for cx, cy, idx in (
        (bx, by, everywhere),
        (nx, by, near_x),
        (bx, ny, near_y),
        (nx, ny, near_xy),
    ):
        if not idx.size:
            continue
        ti, tj = cy[idx] % t, cx[idx] % t
        shift = st.shift[ti, tj]
        x0 = cx[idx] * s + shift[:, 0]
        y0 = cy[idx] * s + shift[:, 1]
        px, py = x[idx], y[idx]
        cov = (_inside(px, x0, x0 + s, fp) * _inside(py, y0, y0 + s, fp)).astype(np.float32)
        on = np.flatnonzero(cov)
        if not on.size:
            continue
        # Block coordinates, design units.
        amount = _amount(p, st, ti[on], tj[on], px[on] - x0[on], py[on] - y0[on], fp)
        at = idx[on]
        ink[at] += cov[on] * amount
        take = cov[on] > best[at]
        best[at[take]] = cov[on][take]
        best_shift[at[take]] = shift[on][take]
    ink = ink.reshape(call.x.shape)
    best_shift = best_shift.reshape(*call.x.shape, 2)
    x, y = call.x, call.y
    # The design as carried by the impression that covers the point most.
    design = call.input("source", x - best_shift[..., 0], y - best_shift[..., 1])
    rgb = flat_source(design, call.palette.ground)
    cloth = np.maximum(to_linear(np.asarray(call.palette.role(p.cloth), np.float32)), _FLOOR)
    transmit = np.maximum(to_linear(rgb), _FLOOR) / cloth
    out = from_linear(cloth * transmit ** ink[..., None])
    if p.strength < 1.0:
        out = blend(flat_source(call.input("source"), call.palette.ground), out, p.strength)
    return finish_output(call.input_channels("source"), out)
