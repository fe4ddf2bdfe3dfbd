"""Ornament and traditional motifs: clouds, frets, wave scales."""

from foulard.ops.ornament import huiwen, seigaiha, xiangyun

__all__ = ["huiwen", "seigaiha", "xiangyun"]
