"""Genomes: designs as canonical, hashable, versioned data."""

from foulard.genome.canonical import canonical_json, content_hash
from foulard.genome.migrations import operator_migration, schema_migration
from foulard.genome.schema import MAX_DEPTH, MAX_NODES, SCHEMA_VERSION, Genome, Node

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "SCHEMA_VERSION",
    "Genome",
    "Node",
    "canonical_json",
    "content_hash",
    "operator_migration",
    "schema_migration",
]
