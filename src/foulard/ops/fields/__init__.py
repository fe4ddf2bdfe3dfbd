"""Procedural fields: noise, waves and gradients, pointwise in design space."""

from foulard.ops.fields import value_noise

__all__ = ["value_noise"]
