"""Parameters every woven operator shares: density, thread width, relief, sheen, roles."""

from __future__ import annotations

from typing import Any

from foulard.ops.params import param

__all__ = [
    "color_role_param",
    "relief_param",
    "sheen_param",
    "thread_width_param",
    "threads_param",
]


def threads_param(default: float) -> Any:
    return param(
        default,
        range=(8.0, 4000.0),
        unit="threads per design unit",
        doc="thread density, warp and weft (a 90 cm silk twill has about 9000)",
    )


def thread_width_param(default: float = 0.86) -> Any:
    return param(
        default,
        range=(0.5, 1.0),
        doc="share of its cell a thread covers; the rest is the shadow between threads",
    )


def relief_param(default: float = 0.5) -> Any:
    return param(
        default,
        range=(0.0, 1.0),
        doc="depth of the thread shading: round yarns, float ends diving under",
    )


def sheen_param(default: float = 0.15) -> Any:
    return param(
        default,
        range=(-1.0, 1.0),
        doc="silk sheen: warp floats lighter than weft floats (+) or darker (-)",
    )


def color_role_param(default: int, what: str) -> Any:
    return param(default, range=(0, 47), doc=f"palette role of the {what} (wraps past the end)")
