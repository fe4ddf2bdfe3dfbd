"""Silk sheen: anisotropic highlights along the threads of draped silk, shot-silk option."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.finish._optics import (
    Waves,
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

__all__ = ["CLOTHS", "silk_sheen"]

# Share of the surface that is warp float (the rest weft), and each cloth's
# roughness scale: satin-faced charmeuse is nearly all warp and glossy.
CLOTHS = {"charmeuse": (0.88, 0.75), "twill": (0.62, 1.0), "habotai": (0.5, 1.2)}
_AMBIENT = 0.3  # share of the light that does not depend on the fold's slope
_TINT = 0.3  # how much the highlight takes the print's colour (dyed fibre)


@dataclass(frozen=True)
class SilkSheenParams(Params):
    cloth: str = param("charmeuse", choices=tuple(CLOTHS), doc="the silk: how much is warp float")
    strength: float = param(1.0, range=(0.0, 1.0), doc="0: the flat print; 1: full sheen")
    sheen: float = param(0.5, range=(0.0, 1.0), doc="brightness of the thread highlight")
    roughness: float = param(
        0.25, range=(0.1, 1.0), doc="spread of the highlight across the threads (low: glossy)"
    )
    fold_scale: float = param(
        0.3, range=(0.05, 1.0), unit="design unit", doc="typical width of a drape fold"
    )
    fold_depth: float = param(0.45, range=(0.0, 1.0), doc="steepness of the folds")
    fold_angle: float = param(
        70.0, range=(-90.0, 90.0), unit="degree", doc="direction the folds run (0: across)"
    )
    light_azimuth: float = param(
        -120.0,
        range=(-180.0, 180.0),
        unit="degree",
        doc="direction the light comes from (0: right, 90: below, -90: above)",
    )
    light_elevation: float = param(
        35.0, range=(5.0, 90.0), unit="degree", doc="height of the light above the cloth"
    )
    shot: float = param(
        0.0, range=(0.0, 1.0), doc="shot silk: weft of another colour showing in the folds"
    )
    shot_color: int = param(2, range=(0, 47), doc="palette role of the shot weft (wraps)")


def _folds(p: SilkSheenParams, rng: np.random.Generator) -> Waves:
    # A few broad cosines whose crests run along fold_angle, slopes about fold_depth.
    n = 5
    angle = math.radians(p.fold_angle + 90.0) + rng.normal(0.0, 0.25, n)
    freq = 1.0 / (p.fold_scale * rng.uniform(0.7, 1.5, n))
    phase = rng.uniform(0.0, 2.0 * math.pi, n)
    weight = rng.uniform(0.5, 1.0, n)
    amp = weight / (2.0 * math.pi * freq)  # slope of each term proportional to its weight
    waves = Waves(freq * np.cos(angle), freq * np.sin(angle), amp, phase)
    return waves.scaled(p.fold_depth * 1.6 / max(waves.peak_slope, 1e-12))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _kajiya_kay(tx, ty, tz, half: np.ndarray, exponent: float) -> np.ndarray:
    """Highlight of a thread of tangent t (a field of unit vectors) towards half vector."""
    dot = tx * half[0] + ty * half[1] + tz * half[2]
    sin2 = np.clip(1.0 - dot * dot, 0.0, 1.0)
    return sin2 ** np.float32(0.5 * exponent)


@operator(
    "finish.silk_sheen",
    kind="image",
    version=1,
    inputs=(Input("source", "the design to preview as silk", "ornament.damask_medallion"),),
    output="same",
    prepare=_folds,
    tags=(
        "silk",
        "sheen",
        "satin",
        "charmeuse",
        "shot silk",
        "lustre",
        "drape",
        "丝光",
        "真丝",
        "光泽",
        "闪光绸",
        "缎面",
    ),
)
def silk_sheen(p: SilkSheenParams, call: Call) -> np.ndarray:
    """Silk sheen: the print on draped silk, with anisotropic highlights along its threads.

    The cloth lies in gentle folds (a few broad cosines drawn per node, crests along
    ``fold_angle``) that tilt its normal. Each thread is a shiny cylinder: its
    highlight is the Kajiya-Kay term ``sin(t, h)**n`` of its tangent ``t`` (warp ends
    down the design, weft picks across, both bent by the folds) and the half vector
    ``h`` between light and viewer, so highlights run as soft bands along the folds,
    brighter and tighter on charmeuse (almost all warp float) than on twill or
    habotai. The print is shaded by the folds (Lambert) and lit by a highlight
    slightly tinted by the dye, both relative to flat cloth under the same light, so
    the print keeps its colours on average. With ``shot`` the weft is another palette
    colour that shows where the weft's highlight wins: the changeant two-colour look
    of shot silk. ``strength`` 0 returns the source unchanged.

    References
    ----------
    Kajiya & Kay 1989, "Rendering fur with three dimensional textures", SIGGRAPH;
    Sadeghi, Bisker, De Deken & Jensen 2013, "A practical microcylinder appearance
    model for cloth rendering", ACM TOG 32(2) (silk among its measured cloths);
    Ashikhmin & Shirley 2000, "An anisotropic Phong BRDF model", J. Graphics Tools.
    """
    src = call.input("source")
    if p.strength == 0.0:
        return src
    folds: Waves = call.state
    fp = call.footprint
    _, gx = folds.value_and_slope(call.x, call.y, fp, (1.0, 0.0))
    _, gy = folds.value_and_slope(call.x, call.y, fp, (0.0, 1.0))
    # Surface normal (-gx, -gy, 1), normalised.
    inv = 1.0 / np.sqrt(gx * gx + gy * gy + 1.0)
    nx, ny, nz = -gx * inv, -gy * inv, inv
    az, el = math.radians(p.light_azimuth), math.radians(p.light_elevation)
    light = np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])
    half = _unit(light + np.array([0.0, 0.0, 1.0])).astype(np.float32)
    lam = np.maximum(nx * light[0] + ny * light[1] + nz * light[2], 0.0) / light[2]
    shade = (_AMBIENT + (1.0 - _AMBIENT) * lam).astype(np.float32)

    warp_share, rough_scale = CLOTHS[p.cloth]
    rough = p.roughness * rough_scale
    exponent = 2.0 / (rough * rough)
    # Thread tangents bent onto the surface: t - (t . n) n for t = y (warp) and x (weft).
    wx, wy, wz = -ny * nx, 1.0 - ny * ny, -ny * nz
    wn = 1.0 / np.sqrt(wx * wx + wy * wy + wz * wz)
    fx, fy, fz = 1.0 - nx * nx, -nx * ny, -nx * nz
    fn = 1.0 / np.sqrt(fx * fx + fy * fy + fz * fz)
    spec_warp = _kajiya_kay(wx * wn, wy * wn, wz * wn, half, exponent) * np.float32(warp_share)
    spec_weft = _kajiya_kay(fx * fn, fy * fn, fz * fn, half, exponent) * np.float32(
        1.0 - warp_share
    )

    # The same threads on unfolded cloth: the print's colour is what flat cloth
    # shows, so the sheen is what the folds add to it or take from it.
    flat_t = (0.0, 1.0, 0.0), (1.0, 0.0, 0.0)
    flat = [float(_kajiya_kay(*t, half, exponent)) for t in flat_t]
    flat_spec = warp_share * flat[0] + (1.0 - warp_share) * flat[1]

    rgb = flat_source(src, call.palette.ground)
    base = to_linear(rgb)
    if p.shot > 0.0:
        # Where the weft's highlight wins, its colour shows (rising smoothly).
        weft = to_linear(np.asarray(call.palette.role(p.shot_color), np.float32))
        share = spec_weft / (spec_warp + spec_weft + np.float32(1e-3))
        s = np.clip(share, 0.0, 1.0)
        mix = (np.float32(p.shot) * (0.25 + 0.6 * s * s * (3.0 - 2.0 * s)))[..., None]
        base = base + mix * (weft - base)
    spec = (spec_warp + spec_weft - np.float32(flat_spec))[..., None] * np.float32(p.sheen)
    highlight = np.float32(1.0 - _TINT) + np.float32(_TINT) * base
    lit = base * shade[..., None] + spec * highlight
    return finish_output(src.shape[-1], blend(rgb, from_linear(lit), p.strength))
