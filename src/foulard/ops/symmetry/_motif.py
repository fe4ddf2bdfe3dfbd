"""The motif input every symmetry sampler reads, and sampling it inside a region."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.registry import Input

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["MOTIF", "within"]

MOTIF = Input("motif", "the motif to repeat (its unit box)", "motifs.plum_blossom")


def within(call: Call, cover: np.ndarray, sample, *coords: np.ndarray) -> np.ndarray:
    """``sample(*coords) * cover``, computed only where ``cover > 0`` (zero elsewhere)."""
    inside = cover > 0
    if inside.all():
        return sample(*coords) * cover[..., None]
    out = np.zeros((*cover.shape, call.input_channels("motif")), np.float32)
    if inside.any():
        out[inside] = sample(*(c[inside] for c in coords)) * cover[inside][:, None]
    return out
