"""Colour-and-weave effects: a small weave with warp and weft colour orders (houndstooth)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator
from foulard.ops.weave._cloth import look_of
from foulard.ops.weave._notation import expand_counts, parse_counts
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave._repeat import PeriodicCloth, repeat_guard
from foulard.ops.weave.plain import plain_matrix
from foulard.ops.weave.twill import twill_matrix

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["PRESETS", "STRUCTURES", "color_and_weave", "color_orders"]

STRUCTURES = {
    "plain": plain_matrix,
    "twill_2_2": lambda: twill_matrix(2, 2),
    "twill_2_1": lambda: twill_matrix(2, 1),
    "twill_3_1": lambda: twill_matrix(3, 1),
    "hopsack_2_2": lambda: plain_matrix(2, 2),
}
SYMBOLS = "DLAB"  # dark, light, accent, second accent

_GLEN = "D4 L4 D4 L4 D4 L4 D4 L4 D2 L2 D2 L2 D2 L2 D2 L2 D2 L2 D2 L2"
_POW = "D4 L4 D4 L4 D4 L4 D4 L4 D2 L2 D2 L2 D2 A2 D2 L2 D2 L2 D2 L2"
_LOG = "D1 L1 D1 L1 D1 L1 D1 L1 L1 D1 L1 D1 L1 D1 L1 D1"
# Named colour-and-weave effects (data): structure, warp order, weft order.
PRESETS = {
    "houndstooth": ("twill_2_2", "D4 L4", "D4 L4"),
    "puppytooth": ("twill_2_2", "D2 L2", "D2 L2"),
    "gingham": ("plain", "D8 L8", "D8 L8"),
    "pin_stripe": ("twill_2_2", "D11 L1", "D1"),
    "glen_check": ("twill_2_2", _GLEN, _GLEN),
    "prince_of_wales": ("twill_2_2", _POW, _POW),
    "hairline": ("plain", "D1 L1", "D1 L1"),
    "log_cabin": ("plain", _LOG, _LOG),
}


@dataclass(frozen=True)
class ColorAndWeaveParams(Params):
    preset: str = param(
        "houndstooth",
        choices=("custom", *PRESETS),
        doc="a named effect, replacing structure and both orders; custom: use them",
    )
    structure: str = param("twill_2_2", choices=tuple(STRUCTURES), doc="the weave")
    warp_order: str = text_param(
        "D4 L4", doc="warp colour order: D (dark), L (light), A, B (accents) with thread counts"
    )
    weft_order: str = text_param("D4 L4", doc="weft colour order, written like the warp's")
    dark_color: int = color_role_param(1, "dark threads (D)")
    light_color: int = color_role_param(0, "light threads (L)")
    accent_color: int = color_role_param(2, "accent threads (A)")
    accent2_color: int = color_role_param(4, "second accent threads (B)")
    threads: float = threads_param(128.0)
    thread_width: float = thread_width_param()
    relief: float = relief_param(0.35)
    sheen: float = sheen_param(0.0)

    def __post_init__(self) -> None:
        super().__post_init__()
        color_orders(self)


def _setting(p: ColorAndWeaveParams) -> tuple[str, str, str]:
    if p.preset == "custom":
        return p.structure, p.warp_order, p.weft_order
    return PRESETS[p.preset]


def color_orders(p: ColorAndWeaveParams) -> tuple[np.ndarray, list[int], list[int]]:
    """The interlacement and the palette role of each end and pick of the orders."""
    structure, warp_text, weft_text = _setting(p)
    roles = dict(
        zip(SYMBOLS, (p.dark_color, p.light_color, p.accent_color, p.accent2_color), strict=True)
    )
    warp = [
        roles[s]
        for s in expand_counts(parse_counts(warp_text, "params.warp_order", SYMBOLS), False)
    ]
    weft = [
        roles[s]
        for s in expand_counts(parse_counts(weft_text, "params.weft_order", SYMBOLS), False)
    ]
    up = STRUCTURES[structure]()
    repeat_guard("warp colour order", len(warp), up.shape[1])
    repeat_guard("weft colour order", len(weft), up.shape[0])
    return up, warp, weft


def _cloth(p: ColorAndWeaveParams, rng: np.random.Generator) -> PeriodicCloth:
    up, warp, weft = color_orders(p)
    return PeriodicCloth(up, warp, weft, p.threads, look_of(p))


@operator(
    "weave.color_and_weave",
    kind="field",
    version=1,
    prepare=_cloth,
    periods=lambda p: _cloth(p, None).periods(),
    tags=(
        "houndstooth",
        "dogtooth",
        "puppytooth",
        "glen check",
        "prince of wales",
        "gingham",
        "pin stripe",
        "hairline",
        "log cabin",
        "check",
        "千鸟格",
        "犬牙纹",
        "格伦格",
        "威尔士亲王格",
        "细条纹",
        "小方格",
    ),
)
def color_and_weave(p: ColorAndWeaveParams, call: Call) -> np.ndarray:
    """Colour-and-weave effects: a small weave with warp and weft colour orders.

    Where a dark end crosses a light pick the weave decides which shows, so a
    simple structure and simple colour orders make figures that neither has alone.
    The presets are the classic effects: houndstooth (2/2 twill, 4 dark 4 light in
    warp and weft) and its small puppytooth, gingham (plain weave, 8 and 8), pin
    stripe (one light end in twelve), glen check (blocks of 4-and-4 and 2-and-2 in
    2/2 twill) and Prince of Wales (with an accent overcheck), hairline and log
    cabin (plain weave, 1-and-1 with the phase switched). Orders are written
    ``D4 L4`` with D dark, L light, A and B accents (palette roles).

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 17 (colour effects).
    Watson 1912, *Textile Design and Colour*, ch. 7 (colour and weave effects).
    """
    return call.state.render(call)
