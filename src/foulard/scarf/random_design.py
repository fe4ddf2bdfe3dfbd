"""Random but valid, pleasing genomes (placeholder until layouts land)."""

from __future__ import annotations

from foulard.genome.schema import Genome, Node


def random_genome(seed: int) -> Genome:
    noise = Node.make("fields.value_noise", frequency=6)
    ground = Node.make("color.gradient_map", inputs={"source": noise})
    flower = Node.make("layout.place", inputs={"motif": Node.make("motifs.plum_blossom")}, size=0.6)
    root = Node.make("layout.layers", inputs={"layers": [ground, flower]})
    return Genome.make(root, Node.make("color.palette"), seed=seed)
