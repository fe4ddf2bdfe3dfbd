"""Helpers the tiling tests import as ``ops.tiling._helpers`` (tests/conftest.py puts
tests/ on ``sys.path``): parameters and evaluators of periodic tilings, and the
colours either side of their edges."""

from __future__ import annotations

import numpy as np

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator


def params(op_id: str, **kw):
    """The operator's example parameters, with ``kw`` over them."""
    spec = get(op_id)
    return spec.params.from_json({**spec.example_params, **kw})


def bind(op_id: str, **kw):
    """``(evaluator, sample)`` of the operator's example (``kw`` over it), seed 5."""
    node = Node.make(op_id, **{**get(op_id).example_params, **kw})
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    ev = Evaluator(Genome.make(node, palette, seed=5), cache=TileCache())

    def sample(x, y, fp=1e-7):
        return ev.sample(ev.root, np.asarray(x, float), np.asarray(y, float), fp)

    return ev, sample


def colour_key(rgba: np.ndarray) -> np.ndarray:
    """One integer per colour (its 8-bit RGB)."""
    return np.rint(rgba[..., :3] * 255).astype(np.int64) @ np.array([1 << 16, 1 << 8, 1])


def across_edges(ev, sample, offset: float | None = None):
    """Colour keys just inside the two faces either side of every edge of the basic cell.

    The points lie ``offset`` lattice units off each edge's midpoint (by default a
    twentieth of the edge, or of a unit for longer edges).
    """
    prep = ev.root.state(ev.palette)
    s = prep.layout.scale
    a, b = [], []
    for f in prep.geo.faces:
        for k in range(f.sides):
            p0, p1 = f.poly[k], f.poly[(k + 1) % f.sides]
            n = np.array([p1[1] - p0[1], p0[0] - p1[0]])
            n /= np.hypot(*n)
            mid = 0.5 * (p0 + p1)
            off = 0.05 * min(np.hypot(*(p1 - p0)), 1.0) if offset is None else offset
            a.append(mid + off * n)
            b.append(mid - off * n)
    a, b = np.array(a) * s, np.array(b) * s
    return colour_key(sample(a[:, 0], a[:, 1])), colour_key(sample(b[:, 0], b[:, 1]))
