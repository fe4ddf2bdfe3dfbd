"""Geometry built from a node's inputs: once, on the first call, under a lock.

``prepare(params, rng)`` cannot see inputs, but some point sets follow an input
image (stippling density, variable Poisson radius). Such an operator draws a seed
from its generator in ``prepare`` and keeps a :class:`Lazy` in its state; the first
call samples the input on a fixed grid (never at the caller's points, so every band
and every resolution sees the same geometry) and builds the geometry from a
generator made from that seed. Later calls, from any band or thread, reuse it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from foulard.ops._common.channels import as_value

__all__ = ["Lazy", "sample_value_grid"]


class Lazy:
    """A value built once by ``build(rng, *args)``, with ``rng`` from a fixed seed."""

    def __init__(self, seed: int):
        self.seed = int(seed)
        self._lock = threading.Lock()
        self._value: Any = None

    @classmethod
    def seeded(cls, p: Any, rng: np.random.Generator) -> Lazy:
        """An operator's ``prepare``: a seed drawn from the node's generator, no value yet."""
        return cls(int(rng.integers(0, 2**63 - 1)))

    def get(self, build: Callable[..., Any], *args: Any) -> Any:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = build(np.random.default_rng(self.seed), *args)
        return self._value


def sample_value_grid(call, name: str, m: int) -> np.ndarray:
    """Input ``name`` as values at the centres of an ``m x m`` grid over the unit square."""
    c = (np.arange(m) + 0.5) / m
    gx, gy = np.meshgrid(c, c)
    return np.clip(as_value(call.input(name, gx, gy, 1.0 / m))[..., 0], 0.0, 1.0).astype(np.float64)
