"""Helpers for the layout tests: example genomes with edits, sampling and rendering."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.ops import get, operators
from foulard.ops.examples import EXAMPLE_PALETTE, example_node
from foulard.render import RenderContext, TileCache, render
from foulard.render.evaluate import Evaluator

LAYOUTS = [
    "layout.allover_border",
    "layout.bandana",
    "layout.carre_classic",
    "layout.concentric_frames",
    "layout.medallion_scatter",
    "layout.oblong",
    "layout.placement",
    "layout.quartered",
    "layout.twilly",
]
STRIPS = ("layout.twilly", "layout.oblong")


def layout_genome(op_id: str, *, drop=(), keep_only=None, seed: int = 3, **params) -> Genome:
    """The operator's example, with input slots dropped and parameters changed."""
    node = example_node(op_id)
    inputs = {k: v for k, v in node.inputs if k not in drop}
    if keep_only is not None:
        inputs = {k: v for k, v in inputs.items() if k in keep_only}
    root = Node.make(op_id, inputs=inputs, **{**node.params.to_json(), **params})
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Genome.make(root, palette, seed=seed)


def height(genome: Genome) -> float:
    """Height of the design space (the aspect of a strip, else 1)."""
    return getattr(genome.root.params, "aspect", 1.0)


def sampler(genome: Genome):
    ev = Evaluator(genome, cache=TileCache())

    def sample(x, y, footprint: float = 1.0 / 1024):
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)
        return ev.sample(ev.root, x, y, footprint)

    sample.evaluator = ev
    return sample


def render_square(genome: Genome, px: int = 256) -> np.ndarray:
    """The unit square at ``px``: with ``px`` a power of two the pixel centres are
    dyadic, so the grid is symmetric about the centre bit for bit."""
    return render(genome, px, cache=TileCache())


def render_frame(genome: Genome, frame, px: int) -> np.ndarray:
    return render(genome, RenderContext.preview(px, frame=frame), cache=TileCache())


@pytest.fixture(scope="session")
def layout_ids():
    registered = {s.id for s in operators("layout")}
    missing = set(LAYOUTS) - registered
    assert not missing, f"layouts not registered: {missing}"
    return LAYOUTS


def required_slots(op_id: str) -> set[str]:
    return {s.name for s in get(op_id).inputs if not s.optional}
