"""Simplex noise (Perlin 2001, as explained by Gustavson 2005) in two dimensions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import in_chunks
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_SKEW = 0.5 * (math.sqrt(3.0) - 1.0)  # F2: input space to the skewed square grid
_UNSKEW = (3.0 - math.sqrt(3.0)) / 6.0  # G2: back again
_ANGLES = np.arange(16) * (2.0 * math.pi / 16)
GRADIENTS = np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], axis=-1)
# Largest possible |sum of the three corner terms| for unit gradients (found by
# maximising over positions in a simplex with every gradient aimed at the point,
# 0.0100802047), rounded up; divides the noise into [-1, 1].
BOUND = 0.010081
_TABLE = 256


@dataclass(frozen=True)
class SimplexNoiseParams(Params):
    scale: float = param(
        0.15,
        range=(0.001, 10.0),
        doc="size of one lattice cell (about one blob of the noise)",
        unit="design units",
    )
    offset_x: float = param(
        0.0, range=(-100.0, 100.0), doc="shift of the noise, across", unit="design units"
    )
    offset_y: float = param(
        0.0, range=(-100.0, 100.0), doc="shift of the noise, down", unit="design units"
    )


def _prepare(p: SimplexNoiseParams, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    # Perlin's hashing: a random permutation, doubled so that perm[perm[i] + j] needs
    # no wrap, then one gradient per permuted index.
    perm = rng.permutation(_TABLE)
    perm = np.concatenate([perm, perm]).astype(np.int32)
    grad = rng.integers(0, len(GRADIENTS), size=_TABLE)
    gx = GRADIENTS[grad, 0].astype(np.float32)
    gy = GRADIENTS[grad, 1].astype(np.float32)
    return perm, gx, gy


def _term(gx, gy, h, dx, dy) -> np.ndarray:
    """One corner: (0.5 - r^2)^4 (g . d), zero beyond r^2 = 0.5."""
    a = np.float32(0.5) - dx * dx - dy * dy
    np.maximum(a, np.float32(0.0), out=a)
    a *= a
    a *= a
    a *= gx.take(h) * dx + gy.take(h) * dy
    return a


def simplex(state, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Raw simplex noise in [-1, 1] at lattice coordinates ``(x, y)`` (float32)."""
    perm, gx, gy = state
    s = (x + y) * _SKEW
    i = np.floor(x + s)
    j = np.floor(y + s)
    t = (i + j) * _UNSKEW
    # Offsets from the cell's first corner: small, so single precision suffices.
    x0 = (x - (i - t)).astype(np.float32)
    y0 = (y - (j - t)).astype(np.float32)
    # Which of the two triangles of the skewed square: step x first or y first.
    i1 = x0 > y0
    g2 = np.float32(_UNSKEW)
    x1 = x0 - i1 + g2
    y1 = y0 - ~i1 + g2
    x2 = x0 - np.float32(1.0 - 2.0 * _UNSKEW)
    y2 = y0 - np.float32(1.0 - 2.0 * _UNSKEW)
    ii = i.astype(np.int64).astype(np.int32) & (_TABLE - 1)
    jj = j.astype(np.int64).astype(np.int32) & (_TABLE - 1)
    di = i1.astype(np.int32)
    total = _term(gx, gy, perm.take(ii + perm.take(jj)), x0, y0)
    total += _term(gx, gy, perm.take(ii + di + perm.take(jj + 1 - di)), x1, y1)
    total += _term(gx, gy, perm.take(ii + 1 + perm.take(jj + 1)), x2, y2)
    total *= np.float32(1.0 / BOUND)
    return total


@operator(
    "fields.simplex_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    tags=("noise", "simplex", "gradient noise", "clouds", "单纯形噪声", "噪声"),
)
def simplex_noise(p: SimplexNoiseParams, call: Call) -> np.ndarray:
    """Simplex noise: gradient noise on a triangular lattice (no axis-aligned artefacts).

    The plane is skewed onto a square grid and each point summed over the three
    corners of its triangle, each a gradient ramp under a radial falloff
    (0.5 - r^2)^4. Cheaper than Perlin's square lattice and without its grid-aligned
    look. Gradients come from a seeded permutation table, so the noise repeats only
    every 256 cells; no period is claimed. Values are mapped from the exact bound
    of the sum to [0, 1].

    References
    ----------
    Perlin 2001, "Noise hardware", in *Real-Time Shading*, SIGGRAPH course notes.
    Gustavson 2005, "Simplex noise demystified", Linkoping University.
    """
    return in_chunks(_value, call.x, call.y, call.state, p)


def _value(x: np.ndarray, y: np.ndarray, state, p: SimplexNoiseParams) -> np.ndarray:
    inv = 1.0 / p.scale
    raw = simplex(state, (x + p.offset_x) * inv, (y + p.offset_y) * inv)
    raw *= np.float32(0.5)
    raw += np.float32(0.5)
    return np.clip(raw, 0.0, 1.0, out=raw)
