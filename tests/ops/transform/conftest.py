"""Helpers for transform tests: evaluate node trees at points, capture where a warp reads."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator


@pytest.fixture
def bind():
    """``bind(node, seed, colors)`` -> namespace with ``ev``, ``root``, ``child(name)`` and
    ``sample(x, y, footprint, bound)`` (all channels)."""

    def make(node: Node, seed: int = 1, colors=EXAMPLE_PALETTE) -> SimpleNamespace:
        palette = Node.make("color.palette", colors=list(colors))
        ev = Evaluator(Genome.make(node, palette, seed=seed), cache=TileCache())

        def sample(x, y, footprint=1e-6, bound=None):
            x = np.asarray(x, np.float64)
            y = np.asarray(y, np.float64)
            return ev.sample(bound or ev.root, x, y, footprint)

        def child(name, bound=None):
            return (bound or ev.root).children[name]

        return SimpleNamespace(ev=ev, root=ev.root, sample=sample, child=child)

    return make


class RecordingCall:
    """A stand-in for ``Call``: its inputs return zeros and remember where they were read."""

    def __init__(self, x, y, footprint=1e-3, channels=1, inputs=None, state=None):
        self.palette = Palette(EXAMPLE_PALETTE)
        self.state = state
        self.x = np.asarray(x, np.float64)
        self.y = np.asarray(y, np.float64)
        self.footprint = footprint
        self.channels = channels
        self.inputs = inputs or {}
        self.reads = []  # (name, u, v, footprint)

    def input_channels(self, name, index=0):
        return self.channels

    def input(self, name, x=None, y=None, footprint=None, *, index=0):
        x = self.x if x is None else np.asarray(x, np.float64)
        y = self.y if y is None else np.asarray(y, np.float64)
        fp = self.footprint if footprint is None else footprint
        self.reads.append((name, x, y, fp))
        if name in self.inputs:
            return self.inputs[name](x, y)
        return np.zeros((*np.shape(x), self.channels), np.float32)


@pytest.fixture
def capture(monkeypatch):
    """``capture(module, fn_name, params, x, y)`` -> ``(u, v, extra)``: where the warp in
    ``module`` reads its source (``extra``: the Jacobian or stretch it passes along)."""

    def run(module, sampler: str, op, params, x, y, footprint=1e-3, inputs=None):
        got = {}

        def fake(call, name, u, v, extra):
            got.update(u=np.asarray(u, np.float64), v=np.asarray(v, np.float64), extra=extra)
            return np.zeros((*np.shape(u), 1), np.float32)

        monkeypatch.setattr(module, sampler, fake)
        op(params, RecordingCall(x, y, footprint, inputs=inputs))
        return got["u"], got["v"], got["extra"]

    return run


@pytest.fixture
def points():
    """Seeded random points over and beyond the unit square."""

    def make(n: int = 2000, seed: int = 0, lo: float = -0.2, hi: float = 1.2):
        rng = np.random.default_rng(seed)
        return rng.uniform(lo, hi, n), rng.uniform(lo, hi, n)

    return make


@pytest.fixture
def fd_jacobian(capture):
    """``fd_jacobian(module, sampler, op, params, x, y, h)`` -> ``(analytic, numeric)``: the
    Jacobian a warp passes to its sampler and central differences of where it reads."""

    def run(module, sampler, op, params, x, y, h=1e-6, inputs=None):
        _, _, jac = capture(module, sampler, op, params, x, y, inputs=inputs)
        ux1, vx1, _ = capture(module, sampler, op, params, x + h, y, inputs=inputs)
        ux0, vx0, _ = capture(module, sampler, op, params, x - h, y, inputs=inputs)
        uy1, vy1, _ = capture(module, sampler, op, params, x, y + h, inputs=inputs)
        uy0, vy0, _ = capture(module, sampler, op, params, x, y - h, inputs=inputs)
        k = 0.5 / h
        num = ((ux1 - ux0) * k, (uy1 - uy0) * k, (vx1 - vx0) * k, (vy1 - vy0) * k)
        ana = tuple(np.broadcast_to(np.asarray(j, np.float64), np.shape(x)) for j in jac)
        return np.stack(ana), np.stack(num)

    return run


@pytest.fixture
def recording_call():
    """The :class:`RecordingCall` class (inputs read as zeros, reads remembered)."""
    return RecordingCall
