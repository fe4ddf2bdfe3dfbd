"""Helpers for field tests: evaluate a node tree at chosen points."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator


@pytest.fixture
def bind():
    """``bind(node, seed)`` -> namespace with ``ev``, ``root`` and ``sample(x, y, fp, bound)``."""

    def make(node: Node, seed: int = 1) -> SimpleNamespace:
        palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
        ev = Evaluator(Genome.make(node, palette, seed=seed), cache=TileCache())

        def sample(x, y, footprint=1e-7, bound=None, channel=0):
            x = np.asarray(x, np.float64)
            y = np.asarray(y, np.float64)
            out = ev.sample(bound or ev.root, x, y, footprint)
            return out if channel is None else out[..., channel]

        return SimpleNamespace(ev=ev, root=ev.root, sample=sample)

    return make


@pytest.fixture
def points():
    """Seeded random points over and beyond the unit square."""

    def make(n: int = 4096, seed: int = 0, lo: float = -0.2, hi: float = 1.2):
        rng = np.random.default_rng(seed)
        return rng.uniform(lo, hi, n), rng.uniform(lo, hi, n)

    return make
