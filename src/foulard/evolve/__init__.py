"""Evolution, taste and collections: a person's next designs from what they liked.

- :func:`evolve`: the next batch by crossover and mutation of the liked designs (gene,
  decision and parameter level), with novelty pressure against what the person saw;
- :class:`TasteModel` and :func:`rank_stream`: a regularised logistic model over design
  features, updated online, that re-ranks the person's own 100,000 designs of the space;
- :func:`around_design`, :func:`around_palette`, :func:`around_prompt`: collections that
  share a story and whose minimum pairwise perceptual distance is measured.
"""

from foulard.evolve.collection import (
    MIN_DISTANCE,
    Collection,
    around_design,
    around_palette,
    around_prompt,
    around_recipe,
)
from foulard.evolve.evolution import Proposal, evolve, kept_decisions, taste_model
from foulard.evolve.features import genome_features, stream_features
from foulard.evolve.taste import TasteModel, rank_stream

__all__ = [
    "MIN_DISTANCE",
    "Collection",
    "Proposal",
    "TasteModel",
    "around_design",
    "around_palette",
    "around_prompt",
    "around_recipe",
    "evolve",
    "genome_features",
    "kept_decisions",
    "rank_stream",
    "stream_features",
    "taste_model",
]
