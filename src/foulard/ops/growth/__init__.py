"""Growth and simulation: patterns that emerge from local rules run on a grid."""

from foulard.ops.growth import gray_scott

__all__ = ["gray_scott"]
