"""Curves as fields: roses, guilloche and spirograph figures drawn as anti-aliased lines."""

from foulard.ops.curves import guilloche, rose_curve, trochoid

__all__ = ["guilloche", "rose_curve", "trochoid"]
