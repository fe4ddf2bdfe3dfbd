"""Fixtures for the production tests: a small stable design and small formats."""

from __future__ import annotations

import pytest

from foulard.genome.schema import Genome, Node
from foulard.ops.examples import EXAMPLE_PALETTE


def small_genome(seed: int = 7) -> Genome:
    """A noise ground with a plum blossom: texture everywhere, a sharp motif in the middle."""
    noise = Node.make("fields.value_noise", frequency=6)
    ground = Node.make("color.gradient_map", inputs={"source": noise})
    flower = Node.make(
        "layout.place", inputs={"motif": Node.make("motifs.plum_blossom")}, size=0.55
    )
    root = Node.make("layout.layers", inputs={"layers": [ground, flower]})
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Genome.make(root, palette, seed=seed, meta={"title": "test 梅花"})


@pytest.fixture(scope="session")
def genome() -> Genome:
    return small_genome()
