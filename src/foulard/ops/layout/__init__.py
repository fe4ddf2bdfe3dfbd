"""Layout operators: stacking, placing and arranging other nodes."""

from foulard.ops.layout import layers

__all__ = ["layers"]
