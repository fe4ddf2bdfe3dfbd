"""Spectral noise: white noise shaped by a 1/f^beta spectrum, synthesised by FFT."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import fft
from scipy.special import erf

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["spectral_noise", "spectrum"]


@dataclass(frozen=True)
class SpectralNoiseParams(Params):
    beta: float = param(
        2.4,
        range=(0.0, 4.0),
        doc="spectral slope: power falls as 1/f^beta (0 white, 1 pink, 2 brown, more: smoother)",
    )
    low: float = param(
        1.0, range=(1.0, 64.0), doc="lowest frequency kept", unit="cycles per design unit"
    )
    high: int = param(
        96,
        range=(4, 400),
        doc="highest frequency kept (sets the grid)",
        unit="cycles per design unit",
    )
    stretch: float = param(
        1.0,
        range=(1.0, 12.0),
        doc="anisotropy: features this many times longer along 'angle' than across",
    )
    angle: float = param(
        0.0, range=(-180.0, 180.0), doc="direction of the stretched features", unit="degrees"
    )
    view: str = param(
        "smooth",
        choices=("smooth", "ridged"),
        doc="the noise spread evenly over [0, 1], or bright ridges where it crosses its mean",
    )
    contrast: float = param(1.0, range=(0.25, 4.0), doc="steepness of the map to [0, 1]")


def _grid(p: SpectralNoiseParams) -> GridSpec:
    # Four cells per shortest wavelength keep bilinear sampling smooth.
    return GridSpec.unit(fft.next_fast_len(max(64, 4 * p.high)), periodic=True)


def spectrum(p: SpectralNoiseParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Whole-number frequencies ``(2H+1, H+1, 2)`` (ky, kx) and their complex coefficients.

    The coefficients are drawn for every frequency up to ``high`` whatever the
    grid, so the noise depends on the parameters and the seed only.
    """
    h = p.high
    ky, kx = np.meshgrid(np.arange(-h, h + 1), np.arange(0, h + 1), indexing="ij")
    z = rng.standard_normal((2 * h + 1, h + 1)) + 1j * rng.standard_normal((2 * h + 1, h + 1))
    a = math.radians(p.angle)
    c, s = math.cos(a), math.sin(a)
    along = kx * c + ky * s  # frequency along the stretch: long features there
    across = -kx * s + ky * c
    k_eff = np.hypot(along * p.stretch, across)
    k = np.hypot(kx, ky)
    keep = (k >= p.low) & (k <= h)
    amp = np.zeros(k.shape)
    amp[keep] = k_eff[keep] ** (-0.5 * p.beta)
    return np.stack([ky, kx], axis=-1), z * amp


@operator(
    "fields.spectral_noise",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "spectral noise",
        "fractal noise",
        "clouds",
        "1/f",
        "mist",
        "streaks",
        "云雾",
        "分形噪声",
        "水墨",
        "雾",
    ),
)
def spectral_noise(p: SpectralNoiseParams, call: GridCall) -> np.ndarray:
    """Spectral noise: complex white noise shaped by |f|^(-beta/2) and inverse-FFT'd.

    Every whole-number frequency between ``low`` and ``high`` cycles per unit
    gets a complex Gaussian coefficient with amplitude ``|f'|^(-beta / 2)``, so the
    power spectrum falls as 1/f^beta: beta 0 is white, 1 pink, 2 Brownian, more
    ever smoother, the fractional Brownian surfaces of Voss. ``stretch`` and
    ``angle`` measure f' with the frequency along ``angle`` multiplied, which
    stretches features along it (streaks, wood, ink drawn across paper). The
    inverse real FFT on the grid is periodic by construction: the noise tiles
    the unit square. Coefficients come from the node's generator for every
    frequency up to ``high`` whatever the grid, and the grid (about four cells
    per shortest wavelength) follows from ``high`` alone. The field is divided
    by its RMS (exact by Parseval) and mapped through the normal CDF (``smooth``,
    values spread evenly) or to ``2 (1 - Phi(|z|))`` (``ridged``: bright
    threads along the zero crossings).

    References
    ----------
    Voss 1988, "Fractal forgeries", in Peitgen & Saupe (eds.), *The Science of
    Fractal Images*, ch. 1 (spectral synthesis).
    Saupe 1988, "Algorithms for random fractals", same volume, ch. 2.
    """
    n = call.grid.width
    freqs, coef = spectrum(p, call.rng)
    spec = np.zeros((n, n // 2 + 1), np.complex128)
    spec[freqs[..., 0] % n, freqs[..., 1]] = coef
    field = fft.irfft2(spec, s=(n, n), workers=1)
    rms = float(np.sqrt(np.mean(field * field)))
    z = field * (p.contrast / max(rms, 1e-300))
    if p.view == "ridged":
        return (1.0 - erf(np.abs(z) / math.sqrt(2.0))).astype(np.float32)
    return (0.5 + 0.5 * erf(z / math.sqrt(2.0))).astype(np.float32)
