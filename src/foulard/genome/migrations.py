"""Migrations: old genomes keep loading as the schema and the operators evolve.

Two registries:

- *schema migrations* turn a whole genome document of schema version ``n`` into
  version ``n + 1``;
- *operator migrations* turn one node of operator ``id`` at version ``n`` into
  version ``n + 1`` (when a parameter's meaning changes, the operator's version is
  bumped and a migration is registered here or next to the operator).

Loading applies them in order until the document is current. A document newer than
this foulard is refused with a clear error, never guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from foulard.errors import GenomeError

__all__ = ["migrate", "migrate_node", "operator_migration", "schema_migration"]

SchemaMigration = Callable[[dict[str, Any]], dict[str, Any]]
NodeMigration = Callable[[dict[str, Any]], dict[str, Any]]

_SCHEMA: dict[int, SchemaMigration] = {}
_NODES: dict[tuple[str, int], NodeMigration] = {}


def schema_migration(from_version: int) -> Callable[[SchemaMigration], SchemaMigration]:
    """Register ``fn(doc) -> doc`` taking schema ``from_version`` to ``from_version + 1``."""

    def register(fn: SchemaMigration) -> SchemaMigration:
        if from_version in _SCHEMA:
            raise ValueError(f"a migration from schema {from_version} is already registered")
        _SCHEMA[from_version] = fn
        return fn

    return register


def operator_migration(op_id: str, from_version: int) -> Callable[[NodeMigration], NodeMigration]:
    """Register ``fn(node) -> node`` taking ``op_id`` from ``from_version`` to the next.

    ``node`` is the node's JSON object (``op``, ``version``, ``params``, ``inputs``);
    the migration returns the new object and need not set ``version``.
    """

    def register(fn: NodeMigration) -> NodeMigration:
        key = (op_id, from_version)
        if key in _NODES:
            raise ValueError(f"a migration for {op_id} v{from_version} is already registered")
        _NODES[key] = fn
        return fn

    return register


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a genome document to the current schema version."""
    from foulard.genome.schema import SCHEMA_VERSION

    version = doc.get("schema_version")
    if version is None:
        raise GenomeError("missing; expected the genome schema version", "schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise GenomeError(f"expected an integer, got {version!r}", "schema_version")
    if version > SCHEMA_VERSION:
        raise GenomeError(
            f"genome schema version {version} is newer than this foulard supports "
            f"({SCHEMA_VERSION}); upgrade foulard to read it",
            "schema_version",
        )
    while version < SCHEMA_VERSION:
        step = _SCHEMA.get(version)
        if step is None:
            raise GenomeError(f"no migration from schema version {version}", "schema_version")
        doc = step(dict(doc))
        version += 1
        doc["schema_version"] = version
    return doc


def migrate_node(node: dict[str, Any], spec, path: str) -> dict[str, Any]:
    """Bring one node to its operator's current version."""
    version = node.get("version", spec.version)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise GenomeError(f"expected a positive integer, got {version!r}", f"{path}.version")
    if version > spec.version:
        raise GenomeError(
            f"{spec.id} version {version} is newer than this foulard's ({spec.version}); "
            "upgrade foulard to read it",
            f"{path}.version",
        )
    while version < spec.version:
        step = _NODES.get((spec.id, version))
        if step is None:
            raise GenomeError(
                f"no migration for {spec.id} from version {version}", f"{path}.version"
            )
        node = step(dict(node))
        version += 1
    node["version"] = version
    return node


# --- schema 0 -> 1 ----------------------------------------------------------------
# Schema 0 is the draft format of foulard's first prototype: nodes spelled
# {"operator": id, "args": {...}, "children": {...}}, the seed was "rng_seed" and the
# palette sat inside "style". Genomes saved by it still load.


def _node_v0(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    out = {"op": node.get("operator"), "version": 1, "params": node.get("args", {})}
    children = node.get("children")
    if children:
        out["inputs"] = {
            k: [_node_v0(c) for c in v] if isinstance(v, list) else _node_v0(v)
            for k, v in children.items()
        }
    return out


@schema_migration(0)
def _schema_0_to_1(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"seed": doc.get("rng_seed", 0)}
    style = doc.get("style") or {}
    if "palette" in style:
        out["palette"] = _node_v0(style["palette"])
    if "tree" in doc:
        out["root"] = _node_v0(doc["tree"])
    if "title" in doc:
        out["meta"] = {"title": doc["title"]}
    return out
