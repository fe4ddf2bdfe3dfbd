"""Wave interference: circular waves from point sources, summed (ripple tank fringes)."""

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

__all__ = ["sources", "wave_interference"]

_TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class WaveInterferenceParams(Params):
    sources: int = param(3, range=(1, 24), doc="point sources of waves")
    arrangement: str = param(
        "ring",
        choices=("ring", "line", "random"),
        doc="sources evenly on a circle, evenly on a line, or scattered at random",
    )
    radius: float = param(
        0.08,
        range=(0.0, 1.0),
        doc="ring radius, or half the length of the line, about the centre",
        unit="design units",
    )
    wavelength: float = param(
        0.02, range=(0.002, 0.5), doc="distance between crests", unit="design units"
    )
    falloff: float = param(
        0.5,
        range=(0.0, 2.0),
        doc="amplitude falls as (1 + r / wavelength) ** -falloff (0.5: ripples on water)",
    )
    coherent: bool = param(
        True, doc="every source starts in phase (symmetric fringes); else random phases"
    )
    view: str = param(
        "amplitude",
        choices=("amplitude", "intensity", "field"),
        doc="fringes as |sum| or as |sum|^2 (darker, sharper), or the signed wave height",
    )
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the ring or line", unit="degrees"
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def sources(p: WaveInterferenceParams, rng: np.random.Generator) -> np.ndarray:
    """``(n, 3)`` source positions (design units) and start phases (cycles)."""
    n = p.sources
    rot = math.radians(p.rotation)
    if p.arrangement == "ring":
        a = rot + _TWO_PI * np.arange(n) / n
        pos = np.stack([p.cx + p.radius * np.cos(a), p.cy + p.radius * np.sin(a)], axis=-1)
    elif p.arrangement == "line":
        t = np.linspace(-1.0, 1.0, n) if n > 1 else np.zeros(1)
        pos = np.stack(
            [p.cx + p.radius * t * math.cos(rot), p.cy + p.radius * t * math.sin(rot)], axis=-1
        )
    else:
        pos = rng.uniform(0.1, 0.9, (n, 2))
    phase = np.zeros(n) if p.coherent else rng.random(n)
    return np.concatenate([pos, phase[:, None]], axis=-1)


@operator(
    "fields.wave_interference",
    kind="field",
    version=1,
    output="value",
    prepare=sources,
    tags=(
        "interference",
        "ripples",
        "water",
        "waves",
        "moire",
        "涟漪",
        "水波",
        "干涉纹",
        "波纹",
    ),
)
def wave_interference(p: WaveInterferenceParams, call: Call) -> np.ndarray:
    """Wave interference: circular waves from point sources summed into fringes.

    Each source sends ``A(r) exp(2 pi i (r / wavelength + phase))`` with
    ``A(r) = (1 + r / wavelength) ** -falloff``; ``amplitude`` shows |sum| divided
    by the sum of A (bright where crests meet crests, the hyperbolic fringes of
    Young's experiment), ``intensity`` its square, ``field`` the real part (0.5 is
    still water). Sources sit on a ring (rosettes of fringes), a line (a phased
    array's beams) or at random. Every wave has one spatial frequency, so a
    pixel's box filter damps each by sinc(footprint / wavelength): ripples finer
    than a pixel fade to their mean instead of aliasing.

    References
    ----------
    Young 1804, "Experiments and calculations relative to physical optics",
    Phil. Trans. R. Soc. 94 (two-source interference).
    Hecht 2017, *Optics*, 5th ed., ch. 9.
    """
    return in_chunks(_value, call.x, call.y, p, call.state, call.footprint)


def _value(x, y, p: WaveInterferenceParams, src: np.ndarray, footprint: float) -> np.ndarray:
    re = np.zeros(x.shape, np.float32)
    im = np.zeros(x.shape, np.float32)
    total = np.zeros(x.shape, np.float32)
    energy = np.zeros(x.shape, np.float32)
    inv = 1.0 / p.wavelength
    for sx, sy, ph in src:
        r = np.hypot(x - sx, y - sy) * inv  # in wavelengths
        amp = (1.0 + r).astype(np.float32) ** np.float32(-p.falloff)
        c = r + ph
        t = (c - np.floor(c)).astype(np.float32) * np.float32(_TWO_PI)
        re += amp * np.cos(t)
        im += amp * np.sin(t)
        total += amp
        energy += amp * amp
    damp = np.float32(np.sinc(footprint * inv))
    if p.view == "field":
        return 0.5 + 0.5 * damp * re / total
    # |U|^2 of the damped waves, plus the energy the damping took from them as
    # the fringes' mean intensity (sum A^2 / (sum A)^2): fine fringes turn grey.
    d2 = damp * damp
    intensity = (d2 * (re * re + im * im) + (1.0 - d2) * energy) / (total * total)
    return intensity if p.view == "intensity" else np.sqrt(intensity)
