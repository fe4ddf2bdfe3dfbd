"""Procedural fields: noise, waves and gradients, pointwise in design space."""

from foulard.ops.fields import (
    domain_warp,
    fbm,
    perlin_noise,
    ridged_multifractal,
    simplex_noise,
    sine_grating,
    turbulence,
    value_noise,
    worley_noise,
)

__all__ = [
    "domain_warp",
    "fbm",
    "perlin_noise",
    "ridged_multifractal",
    "simplex_noise",
    "sine_grating",
    "turbulence",
    "value_noise",
    "worley_noise",
]
