"""Allele tables of the design space, one module per space version (declared data).

Version 1 stays loadable for ever: its designs keep locating with its tables. A new
deployment gets :data:`LATEST`; a deployment records its version at ``foulard init``.
"""

from foulard.space.alleles import v1, v2, v3, v4

VERSIONS = {1: v1, 2: v2, 3: v3, 4: v4}
LATEST = 4

__all__ = ["LATEST", "VERSIONS"]
