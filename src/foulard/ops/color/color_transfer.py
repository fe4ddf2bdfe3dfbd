"""Colour transfer: the palette's colour statistics given to an image (Reinhard, linear MK)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.gamut import gamut_map_oklch, in_srgb_gamut
from foulard.color.space import (
    linear_to_srgb,
    oklab_to_linear_srgb,
    oklab_to_oklch,
    srgb_to_oklab,
)
from foulard.ops.color._sampled import Lazy, premultiplied, roles_rgb, straight
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["color_transfer", "palette_stats", "transfer_matrix"]

_SAMPLES = 64
_MAX_GAIN = 8.0  # a flat source is not blown up into noise
_FLOOR = 0.01  # least source spread per OKLab axis (about half a JND)


def palette_stats(lab: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean and covariance of colours (OKLab)."""
    w = np.asarray(weights, np.float64)
    w = w / w.sum()
    mean = w @ lab
    d = lab - mean
    return mean, (d * w[:, None]).T @ d


def _sqrtm(c: np.ndarray) -> np.ndarray:
    vals, vecs = np.linalg.eigh(c)
    return (vecs * np.sqrt(np.maximum(vals, 0.0))) @ vecs.T


def transfer_matrix(cov_s: np.ndarray, cov_t: np.ndarray, method: str) -> np.ndarray:
    """The linear map taking the source covariance to the target's.

    ``reinhard`` scales each OKLab axis by the ratio of standard deviations;
    ``linear_mk`` is the Monge-Kantorovich map ``S^-1/2 (S^1/2 T S^1/2)^1/2 S^-1/2``
    (Pitié & Kokaram), which also turns the colour axes: the least-displacement
    linear map with ``M S M^T = T``.

    >>> s = np.diag([0.01, 0.0004, 0.0009]); t = np.diag([0.04, 0.0016, 0.0001])
    >>> np.round(np.diag(transfer_matrix(s, t, "reinhard")), 4).tolist()
    [2.0, 2.0, 0.3333]
    >>> m = transfer_matrix(s, t, "linear_mk")
    >>> bool(np.allclose(m @ (s + 1e-4 * np.eye(3)) @ m.T, t))
    True
    """
    if method == "reinhard":
        sd_s = np.sqrt(np.maximum(np.diag(cov_s), 0.0))
        sd_t = np.sqrt(np.maximum(np.diag(cov_t), 0.0))
        return np.diag(np.minimum(sd_t / np.maximum(sd_s, _FLOOR), _MAX_GAIN))
    # A floor under the source's spread: a flat axis (a grey source has no a or b
    # spread) is then mapped with a bounded gain instead of an infinite one.
    s = cov_s + _FLOOR * _FLOOR * np.eye(3)
    vals, vecs = np.linalg.eigh(s)
    root = (vecs * np.sqrt(vals)) @ vecs.T
    inv_root = (vecs / np.sqrt(vals)) @ vecs.T
    m = inv_root @ _sqrtm(root @ cov_t @ root) @ inv_root
    # m is symmetric: bound its gains (eigenvalues) without turning it.
    g, u = np.linalg.eigh(0.5 * (m + m.T))
    return (u * np.clip(g, 0.0, _MAX_GAIN)) @ u.T


@dataclass(frozen=True)
class ColorTransferParams(Params):
    method: str = param(
        "linear_mk",
        choices=("reinhard", "linear_mk"),
        doc="reinhard: per-axis mean and spread; linear_mk: full covariance (turns hues too)",
    )
    first: int = param(0, range=(0, 47), doc="first palette role of the target (wraps)")
    count: int = param(0, range=(0, 48), doc="palette roles in the target from 'first' (0: all)")
    ground_share: float = param(
        0.4, range=(0.0, 0.95), doc="weight of the first target role (the ground's area)"
    )
    strength: float = param(1.0, range=(0.0, 1.0), doc="0: the source unchanged; 1: full")


def _prepare(p: ColorTransferParams, rng: np.random.Generator) -> Lazy:
    return Lazy()


def _source_stats(call: Call) -> tuple[np.ndarray, np.ndarray] | None:
    c = (np.arange(_SAMPLES) + 0.5) / _SAMPLES
    gx, gy = np.meshgrid(c, c)
    rgb, alpha = straight(call.input("source", gx, gy, 1.0 / _SAMPLES))
    w = alpha[..., 0].reshape(-1).astype(np.float64)
    if w.sum() < 1e-6:
        return None
    return palette_stats(srgb_to_oklab(rgb.reshape(-1, 3).astype(np.float64)), w)


def _build(p: ColorTransferParams, call: Call):
    src = _source_stats(call)
    if src is None:
        return None
    rgb = roles_rgb(call.palette, p.first, p.count).astype(np.float64)
    n = len(rgb)
    w = np.full(n, (1.0 - p.ground_share) / max(n - 1, 1)) if n > 1 else np.ones(1)
    if n > 1:
        w[0] = p.ground_share
    if w.sum() <= 0.0:
        w = np.ones(n)
    mean_t, cov_t = palette_stats(srgb_to_oklab(rgb), w)
    mean_s, cov_s = src
    m = transfer_matrix(cov_s, cov_t, p.method)
    return mean_s.astype(np.float32), mean_t.astype(np.float32), m.astype(np.float32)


@operator(
    "color.color_transfer",
    kind="image",
    version=1,
    inputs=(
        Input(
            "source",
            "the image to recolour",
            "color.hue_shift",
            example_params={"shift": 150.0},
        ),
    ),
    output="rgba",
    prepare=_prepare,
    tags=(
        "colour transfer",
        "colour mood",
        "recolour",
        "reinhard",
        "colourway",
        "色彩迁移",
        "换色",
        "配色迁移",
    ),
)
def color_transfer(p: ColorTransferParams, call: Call) -> np.ndarray:
    """Colour transfer: the image takes on the palette's colour mood, by statistics.

    The source's colour distribution (mean and covariance in OKLab, read once on a
    fixed 64 x 64 grid of the unit square, weighted by coverage) is mapped onto that
    of the palette roles (the first role weighted as the ground's area, the others
    alike): ``reinhard`` matches mean and standard deviation per axis, as Reinhard et
    al. did in lαβ; ``linear_mk`` matches the full covariance with the
    Monge-Kantorovich linear map, so the image's main colour axis turns onto the
    palette's. Every point moves by the same affine map, so the image's structure
    and gradations are kept while its colours become the palette's; out-of-gamut
    results lose chroma at constant lightness and hue. Alpha is kept.

    References
    ----------
    Reinhard, Ashikhmin, Gooch & Shirley 2001, "Color transfer between images", IEEE
    CG&A 21(5); Pitié & Kokaram 2007, "The linear Monge-Kantorovitch linear colour
    mapping for example-based colour transfer", IET CVMP; Ottosson 2020 (OKLab).
    """
    src = call.input("source")
    stats = call.state.get(call.mm_per_unit, _build, p, call)
    if stats is None or p.strength == 0.0:
        return src if src.shape[-1] == 4 else premultiplied(*straight(src))
    mean_s, mean_t, m = stats
    rgb, alpha = straight(src)
    lab = srgb_to_oklab(rgb)
    moved = (lab - mean_s) @ m.T + mean_t
    if p.strength < 1.0:
        moved = lab + np.float32(p.strength) * (moved - lab)
    moved[..., 0] = np.clip(moved[..., 0], 0.0, 1.0)
    lin = oklab_to_linear_srgb(moved)
    inside = in_srgb_gamut(lin, 1e-6)
    out_rgb = linear_to_srgb(np.clip(lin, 0.0, 1.0))
    if not inside.all():
        out_rgb[~inside] = gamut_map_oklch(oklab_to_oklch(moved[~inside]), jnd=0.0)
    return premultiplied(out_rgb, alpha)
