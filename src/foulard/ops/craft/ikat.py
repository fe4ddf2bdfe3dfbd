"""Ikat: threads resist-dyed before weaving slip along their length: feathered motif edges."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class IkatParams(Params):
    axis: str = param(
        "warp",
        choices=("warp", "weft", "double"),
        doc="warp ikat (threads run down, slip up and down), weft ikat (across), "
        "or double ikat (both, as woven in plain weave)",
    )
    threads: int = param(240, range=(20, 1200), doc="threads across the unit square")
    bundle: int = param(6, range=(1, 64), doc="threads tied and dyed together as one bundle")
    shift: float = param(
        0.02, range=(0.0, 0.2), doc="typical slip of a bundle along its length", unit="design units"
    )
    profile: str = param(
        "random",
        choices=("random", "stepped", "wave"),
        doc="slip of neighbouring bundles: random, a staircase (arrow-head edges), or a wave",
    )
    period: int = param(
        8, range=(2, 64), doc="stepped and wave profiles: bundles in one step cycle or wave"
    )
    jitter: float = param(
        0.25, range=(0.0, 1.0), doc="each thread's own slip within its bundle, share of shift"
    )
    bleed: float = param(
        0.004,
        range=(0.0, 0.03),
        doc="dye run along the threads (a soft smear along their length)",
        unit="design units",
    )
    texture: float = param(0.12, range=(0.0, 0.5), doc="shading of the woven threads (0: flat)")


def prepare(p: IkatParams, rng: np.random.Generator) -> dict:
    """Slips of every bundle and every thread, for the warp and the weft."""
    bundles = -(-p.threads // p.bundle)
    out = {}
    for name in ("warp", "weft"):
        if p.profile == "random":
            base = rng.standard_normal(bundles) * p.shift
        elif p.profile == "stepped":
            k = np.arange(bundles) % p.period
            base = (k / max(1, p.period - 1) - 0.5) * 2.0 * p.shift
        else:
            base = p.shift * np.sin(2.0 * math.pi * np.arange(bundles) / p.period)
        own = rng.standard_normal(p.threads) * p.shift * p.jitter
        out[name] = base[np.arange(p.threads) // p.bundle] + own
        out[name + "_shade"] = rng.random(p.threads)
    return out


def _slipped(call: Call, p: IkatParams, along: np.ndarray, across: np.ndarray, name: str, flip):
    """Sample the input with threads across ``across`` slipped along ``along``.

    ``flip(a, b)`` turns (along, across) back into (x, y). Where a pixel straddles
    two threads, both threads' samples are mixed by their share of it.
    """
    n = p.threads
    slips = call.state[name]
    g = across * n
    i = np.floor(g)
    f = g - i
    idx = i.astype(np.int64) % n
    fp = call.footprint * n  # the pixel in thread widths
    values = _sample(call, p, along - slips[idx], across, flip)
    # Neighbouring thread where the pixel reaches over the boundary.
    lo = f < 0.5 * fp
    hi = f > 1.0 - 0.5 * fp
    for side, m, share in (
        (-1, lo, np.clip(0.5 - f / fp, 0.0, 0.5)),
        (1, hi, np.clip(0.5 - (1.0 - f) / fp, 0.0, 0.5)),
    ):
        sel = np.flatnonzero(m)
        if sel.size:
            j = (idx[sel] + side) % n
            other = _sample(call, p, along[sel] - slips[j], across[sel], flip)
            w = share[sel][:, None].astype(np.float32)
            values[sel] = values[sel] * (1.0 - w) + other * w
    shade = call.state[name + "_shade"][idx]
    return values, shade, f


def _sample(call: Call, p: IkatParams, along, across, flip) -> np.ndarray:
    x, y = flip(along, across)
    if p.bleed <= 0:
        return call.input("source", x, y)
    # Dye run along the thread: three taps along its length.
    ax, ay = flip(np.full_like(along, p.bleed), np.zeros_like(across))
    mid = call.input("source", x, y)
    before = call.input("source", x - ax, y - ay)
    after = call.input("source", x + ax, y + ay)
    return 0.5 * mid + 0.25 * (before + after)


@operator(
    "craft.ikat",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the motif dyed into the threads",
            "motifs.paisley",
            example_params={"bands": 2, "fringe": False, "outline": 0.0},
        ),
    ),
    output="same",
    prepare=prepare,
    tags=(
        "ikat",
        "abrbandi",
        "kasuri",
        "feathered",
        "warp print",
        "uzbek",
        "扎经",
        "絣",
        "经纱扎染",
    ),
)
def ikat(p: IkatParams, call: Call) -> np.ndarray:
    """Ikat: the motif is dyed into bundles of threads before weaving, which then slip.

    Bundles of ``bundle`` threads were tied and dyed together; on the loom each
    bundle, and a little each thread in it (``jitter``), ends up slipped along its
    length: by a random amount, a staircase (``stepped``, the arrow-head edges of
    Uzbek *abrbandi*) or a wave. The output at a point is the source at the point
    moved along its thread by that thread's slip, so content moves along the thread
    direction only (warp: down the cloth; weft: across; ``double``: warp and weft
    threads alternate as in plain weave). Dye that ran along the threads smears the
    motif a little lengthwise (``bleed``); ``texture`` shades the woven threads.
    Pixels straddling two threads mix both.

    References
    ----------
    Larsen 1976, *The Dyer's Art: Ikat, Batik, Plangi*, Van Nostrand Reinhold.
    Buhler 1972, *Ikat, Batik, Plangi*, Pharos.
    """
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    if p.axis in ("warp", "double"):
        warp, shade_w, fw = _slipped(call, p, y, x, "warp", lambda a, b: (b, a))
    if p.axis in ("weft", "double"):
        weft, shade_f, ff = _slipped(call, p, x, y, "weft", lambda a, b: (a, b))
    if p.axis == "warp":
        values, shade, f = warp, shade_w, fw
    elif p.axis == "weft":
        values, shade, f = weft, shade_f, ff
    else:
        # Plain weave: warp on top where the thread indices have an even sum.
        i = np.floor(x * p.threads)
        j = np.floor(y * p.threads)
        top = ((i + j) % 2 == 0)[:, None]
        values = np.where(top, warp, weft)
        shade = np.where(top[:, 0], shade_w, shade_f)
        f = np.where(top[:, 0], fw, ff)
    if p.texture > 0:
        # Each thread a touch lighter or darker, rounder in the middle than at its edges.
        fp = call.footprint * p.threads
        round_ = 1.0 - np.abs(2.0 * f - 1.0) ** 2
        mix = np.clip(1.5 - fp, 0.0, 1.0)  # threads under a pixel: only their mean tone
        k = 1.0 - p.texture * (0.5 * shade + 0.5 * (1.0 - round_) * mix)
        values = values.copy()
        values[..., : min(3, values.shape[-1])] *= k[:, None].astype(np.float32)
    return values.reshape(*np.shape(call.x), values.shape[-1])
