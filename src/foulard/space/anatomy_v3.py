"""From alleles to a genome tree and back, for space version 3.

Version 3 changes tables, not the tree: its palettes and layout geometries differ
from version 2's (:mod:`foulard.space.alleles.v3`), and the genome is assembled and
parsed exactly as version 2's (:class:`~foulard.space.anatomy_v2.AnatomyV2`).
"""

from __future__ import annotations

from foulard.space.alleles import v3
from foulard.space.anatomy_v2 import AnatomyV2

__all__ = ["AnatomyV3"]


class AnatomyV3(AnatomyV2):
    """Space version 3's pieces, assembler and parser."""

    version = v3.VERSION
    genes = v3.GENES
