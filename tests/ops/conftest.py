"""Helpers for the vector motif and ornament tests: building drawings, reading their pixels."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from foulard.ops import get
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render.evaluate import node_rng

# A second colourway whose roles, and the fixed mixes of them, are all far apart.
OTHER_PALETTE = ("#fbf7ee", "#7b2d26", "#1f6f8b", "#e9c46a", "#3a5a40", "#9b5de5")


def build(op_id: str, params: dict | None = None, *, seed: int = 1, palette=EXAMPLE_PALETTE):
    """``(drawing, params)`` of a vector operator, as the renderer would build it."""
    spec = get(op_id)
    p = spec.params.from_json({**spec.example_params, **(params or {})})
    return spec.func(p, node_rng(seed, "root"), Palette(palette)), p


def interior(rgba: np.ndarray, radius: int = 2) -> np.ndarray:
    """Mask of fully covered pixels whose whole neighbourhood has one colour.

    Those are the pixels far from any edge, where no anti-aliasing mixes colours.
    """
    rgb8 = np.rint(rgba[..., :3] * 255).astype(np.int64)
    key = (rgb8[..., 0] << 16) | (rgb8[..., 1] << 8) | rgb8[..., 2]
    size = 2 * radius + 1
    flat = ndimage.maximum_filter(key, size) == ndimage.minimum_filter(key, size)
    covered = ndimage.minimum_filter(rgba[..., 3], size) >= 1.0 - 1e-6
    return flat & covered


def tone_names(colours: np.ndarray, tones: dict, tol: float = 1.5) -> list[set[str]]:
    """For each 8-bit colour, the names of the tones it matches."""
    names = list(tones)
    ref = np.array([tones[n] for n in names], np.float64) * 255.0
    diff = np.abs(colours[:, None, :].astype(np.float64) - ref[None, :, :]).max(axis=2)
    hits = diff <= tol
    return [{names[j] for j in np.nonzero(row)[0]} for row in hits]


def random_params(op_id: str, rng: np.random.Generator) -> dict:
    """Random valid parameters over every declared range and choice."""
    out = {}
    for s in get(op_id).params.specs():
        if s.type == "float":
            out[s.name] = float(rng.uniform(*s.range))
        elif s.type == "int":
            out[s.name] = int(rng.integers(s.range[0], s.range[1] + 1))
        elif s.type == "bool":
            out[s.name] = bool(rng.random() < 0.5)
        elif s.type == "choice":
            out[s.name] = str(rng.choice(s.choices))
    return out


@pytest.fixture(scope="session")
def draw_op():
    return build


@pytest.fixture(scope="session")
def interior_mask():
    return interior


@pytest.fixture(scope="session")
def match_tones():
    return tone_names


@pytest.fixture(scope="session")
def any_params():
    return random_params


@pytest.fixture(scope="session")
def other_palette():
    return OTHER_PALETTE
