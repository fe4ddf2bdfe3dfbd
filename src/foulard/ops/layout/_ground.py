"""The ground (full bleed) and the field: parameters and painting shared by the layouts.

The ground reaches every edge of the canvas, the hem band included: it is sampled
wherever a point is, inside the finished square or not. A one-channel ground input
is read as a tone: it shades the ground colour towards ``ground_shade`` by up to
``ground_contrast`` (a mottled or woven silk ground); a colour input is laid over
the ground colour. The field is drawn as it is (``colour``), as a *shadow* (its
shapes flat in ``field_color``) or in *tone*: its dark parts in ``field_color``
and its light parts in the ground colour, the tone-on-tone field of many silk
squares. A one-channel field is inked with ``field_color`` whatever the style.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops.layout._paint import Stack, edge_cover, ink, paint, role
from foulard.ops.layout._points import once_each
from foulard.ops.params import Params, param
from foulard.ops.registry import Input

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["GROUND", "GroundParams", "paint_field", "paint_ground", "paint_scaled_field", "part"]


def part(name: str, doc: str, example: str) -> Input:
    """An optional input slot: a part of the scarf that may be left out."""
    return Input(name, doc, example, optional=True)


GROUND = part("ground", "the ground, full bleed (one channel: shades it)", "fields.fbm")


@dataclass(frozen=True)
class GroundParams(Params):
    """Ground and field colours every layout has (declared first)."""

    ground_color: int = param(0, range=(0, 47), doc="palette role of the ground")
    ground_shade: int = param(
        3, range=(0, 47), doc="palette role a one-channel ground input shades towards"
    )
    ground_contrast: float = param(
        0.18, range=(0.0, 1.0), doc="how far a one-channel ground shades, at its brightest"
    )
    field_color: int = param(
        3, range=(0, 47), doc="palette role of a shadow field or of a one-channel field"
    )
    field_style: str = param(
        "tone",
        choices=("tone", "shadow", "colour"),
        doc="tone: redrawn in field_color and ground by lightness; shadow: flat; colour: as drawn",
    )


_LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)


def _tone(values: np.ndarray, dark: np.ndarray, light: np.ndarray) -> np.ndarray:
    """Premultiplied RGBA redrawn between two colours by its lightness (a duotone)."""
    alpha = values[:, 3:4]
    lum = np.divide(
        values[:, :3] @ _LUMA, alpha[:, 0], out=np.zeros_like(alpha[:, 0]), where=alpha[:, 0] > 0
    )
    lum = np.clip(lum, 0.0, 1.0)[:, None]
    out = np.empty_like(values)
    out[:, :3] = (dark + (light - dark) * lum) * alpha
    out[:, 3:] = alpha
    return out


def paint_ground(
    stack: Stack, call: Call, x: np.ndarray, y: np.ndarray, p: Any, slot: str = "ground"
) -> None:
    """Add the ground under everything else (opaque, everywhere still open)."""
    base = role(call.palette, p.ground_color)

    def layer(idx: np.ndarray) -> np.ndarray:
        if not call.has_input(slot):
            return paint(np.ones(idx.size, np.float32), base)
        values = once_each(
            lambda xs, ys: call.input(slot, xs, ys, call.footprint), x[idx], y[idx], call.footprint
        )
        if values.shape[-1] == 1:
            t = np.clip(values[:, 0], 0.0, 1.0) * np.float32(p.ground_contrast)
            shade = role(call.palette, p.ground_shade)
            out = paint(np.ones(idx.size, np.float32), base)
            out[:, :3] += t[:, None] * (shade - base)
            return out
        # The ground colour under what the input leaves open: (1 - alpha) * (base, 1).
        return values + paint(1.0 - values[:, 3], base)

    stack.add(layer)


def paint_field(
    stack: Stack,
    call: Call,
    mask: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    cover: np.ndarray,
    opacity: float,
    p: Any,
    footprint: float,
    slot: str = "field",
) -> None:
    """Add the field input where ``mask`` holds, times ``cover * opacity``.

    ``footprint`` is the pixel size at the points handed in (the layout may scale
    the field).
    """
    rgb = role(call.palette, p.field_color)

    def layer(idx: np.ndarray) -> np.ndarray:
        values = once_each(
            lambda xs, ys: call.input(slot, xs, ys, footprint), x[idx], y[idx], footprint
        )
        if values.shape[-1] == 1 or p.field_style == "colour":
            values = ink(values, rgb)
        elif p.field_style == "shadow":
            values = paint(values[:, 3], rgb)
        else:
            values = _tone(values, rgb, role(call.palette, p.ground_color))
        return values * (cover[idx] * np.float32(opacity))[:, None]

    stack.add_where(mask, layer)


def paint_scaled_field(
    stack: Stack,
    call: Call,
    inside: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    p: Any,
    centre: tuple[float, float] = (0.5, 0.5),
) -> None:
    """Add the field input inside its frame, scaled by ``p.field_scale`` about ``centre``.

    ``inside`` is each point's signed distance to the frame's inner edge (positive
    inside, anti-aliased there); the field shows at ``p.field_opacity`` (none at 0,
    nor without a field input).
    """
    if not (call.has_input("field") and p.field_opacity > 0):
        return
    fp = call.footprint
    k = 1.0 / p.field_scale
    cx, cy = centre
    fx, fy = (x - cx) * k + cx, (y - cy) * k + cy
    cover = edge_cover(inside, fp)
    paint_field(stack, call, inside > -fp, fx, fy, cover, p.field_opacity, p, fp * k)
