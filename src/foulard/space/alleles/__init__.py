"""Allele tables of the design space, one module per space version (declared data)."""

from foulard.space.alleles import v1

VERSIONS = {1: v1}
LATEST = 1

__all__ = ["LATEST", "VERSIONS"]
