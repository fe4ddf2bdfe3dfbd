"""Ornament and traditional motifs: clouds, frets, wave scales."""

from foulard.ops._common.family import load_family

__all__ = load_family(__name__, __path__)  # noqa: PLE0605
