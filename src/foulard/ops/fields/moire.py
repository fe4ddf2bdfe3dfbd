"""Moiré: two fine gratings overlaid, the beat between them drawn resolution-free."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import in_chunks
from foulard.ops.fields._flow import FlowParams, make_flow
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["moire", "transmittance_terms"]

_TWO_PI = 2.0 * math.pi
_HARMONICS = 4  # harmonics of the 'lines' profile kept per grating


@dataclass(frozen=True)
class MoireParams(Params):
    grating: str = param(
        "linear",
        choices=("linear", "concentric"),
        doc="parallel ribs, or rings about two nearby centres",
    )
    frequency: float = param(
        90.0, range=(10.0, 600.0), doc="ribs per design unit of the first grating", unit="1/unit"
    )
    angle: float = param(
        0.0, range=(-180.0, 180.0), doc="direction the first grating's ribs run", unit="degrees"
    )
    delta_angle: float = param(
        1.0, range=(-15.0, 15.0), doc="turn of the second grating", unit="degrees"
    )
    delta_frequency: float = param(
        0.0, range=(-0.2, 0.2), doc="relative change of the second grating's frequency"
    )
    shift: float = param(
        0.04,
        range=(0.0, 0.5),
        doc="concentric: distance between the two centres",
        unit="design units",
    )
    warp: float = param(
        0.02,
        range=(0.0, 0.1),
        doc="waviness of each grating's ribs (watered silk), drawn independently",
        unit="design units",
    )
    warp_scale: float = param(
        0.4, range=(0.08, 1.0), doc="size of the ribs' waves", unit="design units"
    )
    profile: str = param(
        "lines",
        choices=("lines", "sine"),
        doc="dark lines with 'duty' width (a screen, a rib), or sinusoidal gratings",
    )
    duty: float = param(0.5, range=(0.05, 0.95), doc="'lines': share of each period that is dark")
    view: str = param(
        "overlay",
        choices=("overlay", "beat"),
        doc="both gratings with their moiré, or the moiré bands alone",
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def _prepare(p: MoireParams, rng: np.random.Generator):
    flow = FlowParams(scale=p.warp_scale, modes=12)
    return make_flow(flow, rng), make_flow(flow, rng)


def coefficients(p: MoireParams) -> np.ndarray:
    """Fourier cosine coefficients c_0..c_H of one grating's transmittance."""
    if p.profile == "sine":
        return np.array([0.5, 0.25])
    a = np.arange(_HARMONICS + 1)
    c = -p.duty * np.sinc(a * p.duty) * np.sinc(a / (_HARMONICS + 1))  # Lanczos sigma
    c[0] = 1.0 - p.duty
    return c


def transmittance_terms(p: MoireParams) -> list[tuple[int, int, float]]:
    """``(a, b, weight)``: T1 T2 = sum weight cos(2 pi (a phi1 + b phi2)).

    Pairs (a, b) and (-a, -b) give the same cosine and are merged; ``beat`` keeps
    only the difference terms (b = -a), which vary slowly where the gratings agree.
    """
    c = coefficients(p)
    h = len(c) - 1
    out = []
    for a in range(0, h + 1):
        for b in range(-h, h + 1):
            if a == 0 and b < 0:
                continue  # the same cosine as (0, -b)
            if p.view == "beat" and b != -a:
                continue
            w = c[abs(a)] * c[abs(b)] * (1.0 if (a, b) == (0, 0) else 2.0)
            out.append((a, b, float(w)))
    return out


def _phase(p: MoireParams, flow, second: bool, x, y):
    """Phase (cycles) of one grating and its gradient (cycles per design unit)."""
    f = p.frequency * (1.0 + p.delta_frequency) if second else p.frequency
    psi, wx, wy = flow.stream(x, y)
    s = p.warp / flow.psi_rms
    if p.grating == "linear":
        a = math.radians(p.angle + (p.delta_angle if second else 0.0))
        nx, ny = -math.sin(a), math.cos(a)
        phi = f * (nx * (x - p.cx) + ny * (y - p.cy) + s * psi)
        return phi, f * (nx + s * wx), f * (ny + s * wy)
    cx = p.cx + (0.5 * p.shift if second else -0.5 * p.shift)
    dx, dy = x - cx, y - p.cy
    r = np.maximum(np.hypot(dx, dy), 1e-12)
    phi = f * (r + s * psi)
    return phi, f * (dx / r + s * wx), f * (dy / r + s * wy)


@operator(
    "fields.moire",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    tags=(
        "moire",
        "watered silk",
        "moire antique",
        "wood grain",
        "interference",
        "波纹绸",
        "云纹绸",
        "摩尔纹",
        "水纹",
    ),
)
def moire(p: MoireParams, call: Call) -> np.ndarray:
    """Moiré: the product of two gratings with small differences, with its beat bands.

    Two gratings (parallel ribs or rings) differ a little in angle, frequency or
    centre, and each rib wanders by its own smooth noise (``warp``): pressed
    together, as for the watered silk called moiré antique, they multiply, and
    where their ribs fall in and out of step broad wavy bands appear. Each
    grating's transmittance is a Fourier series (sinusoid, or dark lines of
    width ``duty`` with four harmonics, Lanczos-smoothed), so the product is a
    sum of cosines of ``a phi1 + b phi2``. Each term is damped by a Gaussian pixel
    filter on its own exact frequency |a grad phi1 + b grad phi2|: the fine ribs
    fade at low resolution while the slow difference terms, the moiré, stay.
    That is why the bands look the same on a preview and on a print, where
    sampling the product would alias. ``beat`` keeps only the difference terms.

    References
    ----------
    Amidror 2009, *The Theory of the Moiré Phenomenon*, vol. I, 2nd ed., ch. 2-4
    (spectral approach: impulses of the product at a f1 + b f2).
    """
    terms = transmittance_terms(p)
    return in_chunks(_value, call.x, call.y, p, call.state, terms, call.footprint)


def _value(x, y, p: MoireParams, flows, terms, footprint: float) -> np.ndarray:
    phi1, g1x, g1y = _phase(p, flows[0], False, x, y)
    phi2, g2x, g2y = _phase(p, flows[1], True, x, y)
    out = np.zeros(x.shape, np.float32)
    k = np.float32(-2.0 * (math.pi * 0.5 * footprint) ** 2)
    for a, b, w in terms:
        if a == 0 and b == 0:
            out += np.float32(w)
            continue
        fx = (a * g1x + b * g2x).astype(np.float32)
        fy = (a * g1y + b * g2y).astype(np.float32)
        gain = np.exp((fx * fx + fy * fy) * k)
        if gain.max() < 1e-4:
            continue  # a term far finer than the pixel: filtered away
        c = a * phi1 + b * phi2
        t = (c - np.floor(c)).astype(np.float32) * np.float32(_TWO_PI)
        out += np.float32(w) * gain * np.cos(t)
    return np.clip(out, 0.0, 1.0)
