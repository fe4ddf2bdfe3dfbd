"""Floral and botanical motifs, drawn as vectors."""

from foulard.ops.motifs import plum_blossom

__all__ = ["plum_blossom"]
