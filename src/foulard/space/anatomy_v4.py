"""From alleles to a genome tree and back, for space version 4.

Version 4 changes tables (:mod:`foulard.space.alleles.v4`) and how a ground allele
is read: each of the 256 is listed whole (a source field and, usually, the
gradient map that inks it), so a ground can be added or changed in one place. The
genome is otherwise assembled and parsed exactly as version 2's
(:class:`~foulard.space.anatomy_v2.AnatomyV2`).
"""

from __future__ import annotations

from foulard.genome.schema import Node
from foulard.space.alleles import v4
from foulard.space.anatomy_v3 import AnatomyV3

__all__ = ["AnatomyV4"]


class AnatomyV4(AnatomyV3):
    """Space version 4's pieces, assembler and parser."""

    version = v4.VERSION
    genes = v4.GENES

    def _ground(self, gene, a: int) -> Node:
        (ground,) = gene.choices(a)
        source = Node.make(ground.data["op"], **ground.data["params"])
        if "map" not in ground.data:
            return source
        return Node.make("color.gradient_map", inputs={"source": source}, **ground.data["map"])
