"""Learned from examples: grounds grown from a scanned sample, scans made seamless,
library ornaments as motifs (patterns from the pattern library, by id)."""

from foulard.ops._common.family import load_family

__all__ = load_family(__name__, __path__)  # noqa: PLE0605
