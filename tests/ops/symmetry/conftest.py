"""Helpers for the symmetry tests: an operator over an asymmetric motif, sampled at points."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

FOOTPRINT = 1.0 / 2048


def make_sampler(op_id: str, *, motif: Node | None = None, **params):
    """``f(x, y) -> values`` of ``op_id`` over ``motif`` (value noise: no symmetry of its own)."""
    motif = motif or Node.make("fields.value_noise", frequency=5)
    root = Node.make(op_id, inputs={"motif": motif}, **params)
    genome = Genome.make(root, Node.make("color.palette", colors=EXAMPLE_PALETTE), seed=7)
    ev = Evaluator(genome, cache=TileCache())

    def sample(x, y, footprint: float = FOOTPRINT):
        return ev.sample(ev.root, np.asarray(x, np.float64), np.asarray(y, np.float64), footprint)

    return sample


@pytest.fixture
def sampler():
    return make_sampler


@pytest.fixture
def dyadic():
    """Random points on a grid of 2^-19, where lattice arithmetic is exact."""

    def points(n: int = 4096, lo: float = -0.5, seed: int = 0):
        rng = np.random.default_rng(seed)
        k = rng.integers(0, 2**20, size=(2, n))
        return lo + k[0] * 2.0**-19, lo + k[1] * 2.0**-19

    return points
