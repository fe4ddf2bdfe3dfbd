"""Perlin gradient noise (improved, 2002) on a lattice that wraps the unit square."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import in_chunks
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

# A fixed set of unit gradients, as Perlin 2002 recommends over random vectors: no
# clumping, and every direction equally likely. Sixteen directions, 22.5 deg apart
# and half a step off the axes, so no gradient lies flat along a lattice line
# (which would leave the noise weak there and show the grid).
_ANGLES = (np.arange(16) + 0.5) * (2.0 * math.pi / 16)
GRADIENTS = np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], axis=-1)
# With unit gradients the 2-D noise lies in [-sqrt(1/2), sqrt(1/2)], reached at a cell
# centre when all four gradients point at it.
BOUND = math.sqrt(0.5)


@dataclass(frozen=True)
class PerlinNoiseParams(Params):
    frequency: int = param(
        6, range=(1, 512), doc="lattice cells across the unit square (the noise tiles with it)"
    )


def _prepare(p: PerlinNoiseParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = p.frequency
    # One gradient per lattice point; a row and column of wrapped copies on the far
    # side so each cell reads its four corners without a modulo.
    idx = rng.integers(0, len(GRADIENTS), size=(n, n))
    idx = np.pad(idx, ((0, 1), (0, 1)), mode="wrap")
    gx = GRADIENTS[idx, 0].astype(np.float32).ravel()
    gy = GRADIENTS[idx, 1].astype(np.float32).ravel()
    return gx, gy


def _fade(t: np.ndarray) -> np.ndarray:
    return t * t * t * (t * (t * np.float32(6.0) - np.float32(15.0)) + np.float32(10.0))


def perlin(gx: np.ndarray, gy: np.ndarray, n: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Raw periodic Perlin noise in [-BOUND, BOUND] (float32)."""
    u = wrap01(x) * n
    v = wrap01(y) * n
    ix = u.astype(np.int32)  # u >= 0: truncation is the floor
    iy = v.astype(np.int32)
    fx = (u - ix).astype(np.float32)
    fy = (v - iy).astype(np.float32)
    one = np.float32(1.0)
    fx1 = fx - one
    fy1 = fy - one
    stride = n + 1
    k = iy * np.int32(stride)
    k += ix
    n00 = gx.take(k) * fx + gy.take(k) * fy
    k += 1
    n10 = gx.take(k) * fx1 + gy.take(k) * fy
    k += stride
    n11 = gx.take(k) * fx1 + gy.take(k) * fy1
    k -= 1
    n01 = gx.take(k) * fx + gy.take(k) * fy1
    sx = _fade(fx)
    # Blend in place: top = n00 + sx (n10 - n00), bottom likewise, then along y.
    n10 -= n00
    n10 *= sx
    n10 += n00
    n11 -= n01
    n11 *= sx
    n11 += n01
    n11 -= n10
    n11 *= _fade(fy)
    n11 += n10
    return n11


@operator(
    "fields.perlin_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=("noise", "gradient noise", "perlin", "clouds", "柏林噪声", "噪声"),
)
def perlin_noise(p: PerlinNoiseParams, call: Call) -> np.ndarray:
    """Perlin gradient noise (improved 2002 form), tiling the unit square.

    A unit gradient from a fixed set of sixteen directions sits on each lattice
    point; each cell blends the four corner ramps with the quintic fade
    6t^5 - 15t^4 + 10t^3, whose second derivative is continuous (Perlin's 2002
    fix for the creases of the 1985 cubic). The lattice has ``frequency`` cells
    across the unit square and wraps, so the field repeats exactly with period 1.
    Values are mapped from the exact bound [-sqrt(1/2), sqrt(1/2)] to [0, 1].

    References
    ----------
    Perlin 1985, "An image synthesizer", SIGGRAPH.
    Perlin 2002, "Improving noise", ACM TOG 21(3) (SIGGRAPH).
    """
    return in_chunks(_value, call.x, call.y, call.state, p.frequency)


def _value(x: np.ndarray, y: np.ndarray, state, n: int) -> np.ndarray:
    raw = perlin(*state, n, x, y)
    raw *= np.float32(0.5 / BOUND)
    raw += np.float32(0.5)
    return raw
