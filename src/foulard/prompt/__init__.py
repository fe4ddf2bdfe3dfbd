"""From words to scarves: bilingual prompts -> structured intents -> candidate designs.

- :func:`parse`: a prompt (Chinese, English or both) -> :class:`Intent` (what was
  understood, refused, ignored; counts, format), JSON-able;
- :func:`design`: an intent -> a :class:`Batch` of candidate designs, drawn from the
  person's design space where it can express the intent and composed otherwise, each
  checked (:func:`honours`) and explained in the prompt's language (:func:`explain`);
- :func:`vocabulary`: the versioned bilingual vocabulary built from the operator
  registry and the shared vocabulary and palette data.

>>> intent = parse("a peony carre, no red")
>>> [e.id for e in intent.wanted], [e.id for e in intent.negated]
(['op:motifs.peony'], ['colour:red'])
"""

from foulard.prompt.designer import Batch, Candidate, design
from foulard.prompt.explain import explain
from foulard.prompt.honour import honours
from foulard.prompt.intent import MAX_DESIGNS, MAX_PROMPT_CHARS, Element, Intent
from foulard.prompt.parse import parse
from foulard.prompt.recipe import Recipe, build_genome, recipe_of
from foulard.prompt.vocabulary import Vocabulary, vocabulary

__all__ = [
    "MAX_DESIGNS",
    "MAX_PROMPT_CHARS",
    "Batch",
    "Candidate",
    "Element",
    "Intent",
    "Recipe",
    "Vocabulary",
    "build_genome",
    "design",
    "explain",
    "honours",
    "parse",
    "recipe_of",
    "vocabulary",
]
