"""Channel conventions inside the pipeline.

Values are float32 with a trailing channel axis: one channel for scalar fields
(``value``, in [0, 1]) or four for colour, as *premultiplied* RGBA (sRGB-encoded),
which is what bilinear filtering and "over" compositing need.
"""

from __future__ import annotations

import numpy as np

__all__ = ["as_rgba", "as_value", "opaque", "over", "solid"]

_LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)


def as_rgba(values: np.ndarray) -> np.ndarray:
    """Premultiplied RGBA from one (grey, opaque) or four channels."""
    if values.shape[-1] == 4:
        return values
    v = values[..., :1]
    return np.concatenate([v, v, v, np.ones_like(v)], axis=-1)


def as_value(values: np.ndarray) -> np.ndarray:
    """One channel: itself, or the luminance of premultiplied RGB (over black)."""
    if values.shape[-1] == 1:
        return values
    return (values[..., :3] @ _LUMA)[..., None]


def opaque(rgb: np.ndarray) -> np.ndarray:
    """Opaque RGBA ``(n, 4)`` float32 from RGB ``(n, 3)`` (clipped to [0, 1])."""
    out = np.empty((rgb.shape[0], 4), np.float32)
    out[:, :3] = np.clip(rgb, 0.0, 1.0)
    out[:, 3] = 1.0
    return out


def over(top: np.ndarray, bottom: np.ndarray, *, into_bottom: bool = False) -> np.ndarray:
    """Porter-Duff *over* of premultiplied RGBA arrays.

    With ``into_bottom`` the result is written into ``bottom`` (no temporaries).
    """
    if not into_bottom:
        return top + (1.0 - top[..., 3:4]) * bottom
    bottom *= 1.0 - top[..., 3:4]
    bottom += top
    return bottom


def solid(shape: tuple[int, ...], rgb, alpha: float = 1.0) -> np.ndarray:
    """A flat premultiplied RGBA array of ``shape + (4,)``."""
    out = np.empty((*shape, 4), np.float32)
    out[..., :3] = np.asarray(rgb, np.float32) * alpha
    out[..., 3] = alpha
    return out
