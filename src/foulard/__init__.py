"""foulard: a generative design system for printed silk scarves.

A design is a :class:`~foulard.genome.Genome` (data); rendering is a pure function of
the genome, the format and the resolution. Start with::

    >>> import foulard
    >>> from foulard.render import render
    >>> g = foulard.random_genome(seed=7)
    >>> render(g, 64).shape
    (64, 64, 3)
"""

__version__ = "0.1.0"

from foulard.genome import Genome, Node
from foulard.render import RenderContext, read_embedded, write_image
from foulard.scarf.random_design import random_genome

__all__ = [
    "Genome",
    "Node",
    "RenderContext",
    "__version__",
    "random_genome",
    "read_embedded",
    "write_image",
]
