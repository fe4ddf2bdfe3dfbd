"""Floral and botanical motifs, drawn as vectors."""

from foulard.ops.motifs import chrysanthemum, lotus, paisley, peony, plum_blossom

__all__ = ["chrysanthemum", "lotus", "paisley", "peony", "plum_blossom"]
