"""The operator registry and every operator family.

Importing this package registers all operators. Use :func:`get` to look one up,
:func:`operators` to list them and :func:`operator` to register a new one.
"""

from foulard.ops.params import Params, ParamSpec, color_param, colors_param, param, text_param
from foulard.ops.registry import (
    IMAGE_KINDS,
    KINDS,
    Input,
    OperatorSpec,
    families,
    get,
    operator,
    operators,
)

# Families register their operators on import (order does not matter).
from foulard.ops import (  # noqa: F401  isort: skip
    color,
    craft,
    curves,
    fields,
    finish,
    growth,
    layout,
    learned,
    motifs,
    ornament,
    symmetry,
    tiling,
    transform,
    weave,
)

__all__ = [
    "IMAGE_KINDS",
    "KINDS",
    "Input",
    "OperatorSpec",
    "ParamSpec",
    "Params",
    "color_param",
    "colors_param",
    "families",
    "get",
    "operator",
    "operators",
    "param",
    "text_param",
]
