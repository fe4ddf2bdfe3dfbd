"""The genome: a whole design as a small, frozen, versioned tree of operator calls.

A genome (schema version 1) is a JSON object::

    {
      "schema_version": 1,
      "seed": 20261128,
      "palette": {"op": "color.harmony", "version": 1, "params": {...}},
      "root": {"op": "compose.layers", "version": 1, "params": {...},
               "inputs": {"layers": [{...}, {...}]}},
      "meta": {"title": "...", "provenance": {...}}
    }

``palette`` and ``root`` are *nodes*: an operator id, its version, every parameter
(defaults written out) and, for operators with input slots, the input nodes.
``meta`` is free JSON (titles, provenance, tags) that travels with the design but is
not part of its identity: the design id is the SHA-256 of the canonical JSON of
``schema_version``, ``seed``, ``palette`` and ``root``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from foulard.errors import GenomeError, UnknownOperatorError
from foulard.genome.canonical import canonical_json, content_hash, normalize
from foulard.ops import registry
from foulard.ops.params import Params

__all__ = ["MAX_DEPTH", "MAX_NODES", "SCHEMA_VERSION", "Genome", "Node"]

SCHEMA_VERSION = 1
MAX_DEPTH = 32
MAX_NODES = 4096
MAX_SEED = 2**63 - 1
_MAX_META_BYTES = 64 * 1024
_GENOME_KEYS = ("schema_version", "seed", "palette", "root", "meta")
_NODE_KEYS = ("op", "version", "params", "inputs")


@dataclass(frozen=True)
class Node:
    """One operator invocation: id, validated parameters and input nodes."""

    op: str
    params: Params
    inputs: tuple[tuple[str, Any], ...] = ()

    @property
    def spec(self) -> registry.OperatorSpec:
        return registry.get(self.op)

    @classmethod
    def trusted(cls, op: str, params: Params, inputs: tuple = ()) -> Node:
        """A node from parts that were validated before (no checks, no copies).

        For hot paths that assemble genomes from pre-validated pieces (the design
        space builds 100,000 genomes a second); equal to ``Node(op, params, inputs)``.
        Everything else uses :meth:`make` or :meth:`Genome.from_json`.
        """
        node = object.__new__(cls)
        d = node.__dict__  # bypass the frozen dataclass's per-field __setattr__
        d["op"] = op
        d["params"] = params
        d["inputs"] = inputs
        return node

    @classmethod
    def make(cls, op: str, inputs: Mapping[str, Any] | None = None, **params: Any) -> Node:
        """Build a node in code, validated like one read from JSON.

        >>> Node.make("fields.value_noise", frequency=6).params.frequency
        6
        """
        spec = registry.get(op)
        slots = {}
        for name, value in (inputs or {}).items():
            spec_slot = _slot(spec, name, f"{op}.inputs")
            slots[name] = tuple(value) if spec_slot.variadic else value
        node = cls(op, spec.params.from_json(params), tuple(sorted(slots.items())))
        _check_inputs(node, spec, op)
        return node

    def input(self, name: str) -> Any:
        for key, value in self.inputs:
            if key == name:
                return value
        raise KeyError(name)

    def replace(self, **changes: Any) -> Node:
        """A copy with some parameters changed (validated)."""
        return Node(self.op, self.params.replace(**changes), self.inputs)

    def with_input(self, name: str, value: Any) -> Node:
        """A copy with one input slot replaced."""
        spec_slot = _slot(self.spec, name, self.op)
        value = tuple(value) if spec_slot.variadic else value
        inputs = dict(self.inputs)
        inputs[name] = value
        return Node(self.op, self.params, tuple(sorted(inputs.items())))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "op": self.op,
            "version": self.spec.version,
            "params": self.params.to_json(),
        }
        if self.inputs:
            out["inputs"] = {
                name: [n.to_json() for n in value] if isinstance(value, tuple) else value.to_json()
                for name, value in self.inputs
            }
        return out

    def walk(self, path: str = "root"):
        """Yield ``(path, node)`` for this node and every node below it, depth first."""
        yield path, self
        for name, value in self.inputs:
            if isinstance(value, tuple):
                for i, child in enumerate(value):
                    yield from child.walk(f"{path}/{name}/{i}")
            else:
                yield from value.walk(f"{path}/{name}")


@dataclass(frozen=True)
class Genome:
    """A whole design. Frozen; build changed copies with :meth:`replace`."""

    root: Node
    palette: Node
    seed: int = 0
    meta_json: str = field(default="{}", repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise GenomeError(f"expected an integer, got {self.seed!r}", "seed")
        if not 0 <= self.seed <= MAX_SEED:
            raise GenomeError(f"expected an integer in [0, 2^63 - 1], got {self.seed}", "seed")
        if self.palette.spec.kind != "palette":
            raise GenomeError(
                f"expected a palette operator, got {self.palette.op} ({self.palette.spec.kind})",
                "palette",
            )
        if self.root.spec.kind not in registry.IMAGE_KINDS:
            raise GenomeError(f"expected an image operator, got {self.root.op}", "root")

    @property
    def meta(self) -> dict[str, Any]:
        """A fresh copy of the free metadata (title, provenance, tags)."""
        return json.loads(self.meta_json)

    def design_json(self) -> dict[str, Any]:
        """The part of the genome that determines the pixels."""
        return {
            "schema_version": SCHEMA_VERSION,
            "seed": self.seed,
            "palette": self.palette.to_json(),
            "root": self.root.to_json(),
        }

    def to_json(self) -> dict[str, Any]:
        out = self.design_json()
        meta = self.meta
        if meta:
            out["meta"] = meta
        return out

    def canonical(self) -> str:
        """The canonical JSON text (what files embed and what is saved)."""
        return canonical_json(self.to_json())

    @cached_property
    def design_id(self) -> str:
        """SHA-256 of the canonical design part: the design's identity."""
        return content_hash(self.design_json())

    @property
    def short_id(self) -> str:
        return self.design_id[:12]

    def replace(self, **changes: Any) -> Genome:
        """A copy with ``root``, ``palette``, ``seed`` or ``meta`` (a dict) changed."""
        if "meta" in changes:
            changes["meta_json"] = _meta_json(changes.pop("meta"))
        values = {
            "root": self.root,
            "palette": self.palette,
            "seed": self.seed,
            "meta_json": self.meta_json,
        }
        values.update(changes)
        return Genome(**values)

    @classmethod
    def trusted(cls, root: Node, palette: Node, seed: int, meta_json: str = "{}") -> Genome:
        """A genome from validated parts (see :meth:`Node.trusted`); no checks, no copies."""
        g = object.__new__(cls)
        d = g.__dict__
        d["root"] = root
        d["palette"] = palette
        d["seed"] = seed
        d["meta_json"] = meta_json
        return g

    @classmethod
    def make(cls, root: Node, palette: Node, seed: int = 0, meta: Mapping | None = None) -> Genome:
        return cls(root=root, palette=palette, seed=seed, meta_json=_meta_json(meta or {}))

    @classmethod
    def from_json(cls, data: str | bytes | Mapping[str, Any]) -> Genome:
        """Parse, migrate and validate a genome (text or an already-parsed object)."""
        from foulard.genome.migrations import migrate

        if isinstance(data, (str, bytes)):
            try:
                data = json.loads(data)
            except json.JSONDecodeError as exc:
                raise GenomeError(
                    f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                ) from None
            except UnicodeDecodeError:
                raise GenomeError("not valid JSON: the file is not UTF-8 text") from None
        if not isinstance(data, Mapping):
            raise GenomeError(f"a genome must be a JSON object, got {type(data).__name__}")
        data = migrate(dict(data))
        for key in data:
            if key not in _GENOME_KEYS:
                raise GenomeError(f"unknown key {key!r}; valid: {', '.join(_GENOME_KEYS)}")
        for key in ("seed", "palette", "root"):
            if key not in data:
                raise GenomeError("missing", key)
        counter = [0]
        palette = _parse_node(data["palette"], "palette", 0, counter, set())
        root = _parse_node(data["root"], "root", 0, counter, set())
        return cls(
            root=root,
            palette=palette,
            seed=data["seed"],
            meta_json=_meta_json(data.get("meta", {})),
        )

    @classmethod
    def load(cls, path) -> Genome:
        """Read a genome file."""
        from pathlib import Path

        p = Path(path)
        try:
            raw = p.read_bytes()
        except FileNotFoundError:
            raise GenomeError(f"no such genome file: {p}") from None
        except IsADirectoryError:
            raise GenomeError(f"{p} is a folder, not a genome file") from None
        if len(raw) > 16 * 1024 * 1024:
            raise GenomeError(f"{p} is {len(raw)} bytes; a genome is at most 16 MiB")
        return cls.from_json(raw)

    def save(self, path) -> None:
        """Write the canonical JSON atomically."""
        from foulard.render.atomic import atomic_write_bytes

        atomic_write_bytes(path, (self.canonical() + "\n").encode("utf-8"))


def _meta_json(meta: Any) -> str:
    if not isinstance(meta, Mapping):
        raise GenomeError(f"expected an object, got {type(meta).__name__}", "meta")
    text = canonical_json(normalize(meta, "meta"))
    if len(text.encode("utf-8")) > _MAX_META_BYTES:
        raise GenomeError(f"metadata is larger than {_MAX_META_BYTES} bytes", "meta")
    return text


def _slot(spec: registry.OperatorSpec, name: str, path: str) -> registry.Input:
    for slot in spec.inputs:
        if slot.name == name:
            return slot
    valid = ", ".join(s.name for s in spec.inputs) or "(none)"
    raise GenomeError(f"{spec.id} has no input {name!r}; valid: {valid}", path)


def _check_inputs(node: Node, spec: registry.OperatorSpec, path: str) -> None:
    given = dict(node.inputs)
    for slot in spec.inputs:
        value = given.get(slot.name)
        where = f"{path}.inputs.{slot.name}"
        if value is None:
            if slot.optional:
                continue
            raise GenomeError(f"missing input ({slot.doc})", where)
        children = value if slot.variadic else (value,)
        if slot.variadic and not slot.min_count <= len(children) <= slot.max_count:
            raise GenomeError(
                f"expected {slot.min_count} to {slot.max_count} nodes, got {len(children)}", where
            )
        for i, child in enumerate(children):
            if not isinstance(child, Node):
                raise GenomeError(f"expected a node, got {type(child).__name__}", where)
            if child.spec.kind not in registry.IMAGE_KINDS:
                at = f"{where}[{i}]" if slot.variadic else where
                raise GenomeError(f"{child.op} makes a palette, not an image", at)


def _parse_node(data: Any, path: str, depth: int, counter: list[int], active: set[int]) -> Node:
    if depth > MAX_DEPTH:
        raise GenomeError(f"node tree deeper than {MAX_DEPTH} levels", path)
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise GenomeError(f"more than {MAX_NODES} nodes in the genome", path)
    if not isinstance(data, Mapping):
        raise GenomeError(f"expected a node object, got {type(data).__name__}", path)
    if id(data) in active:
        raise GenomeError("the node tree contains a cycle", path)
    active = active | {id(data)}
    for key in data:
        if key not in _NODE_KEYS:
            raise GenomeError(f"unknown key {key!r}; valid: {', '.join(_NODE_KEYS)}", path)
    op = data.get("op")
    if not isinstance(op, str):
        raise GenomeError("missing operator id ('op')", path)
    try:
        spec = registry.get(op)
    except UnknownOperatorError as exc:
        raise UnknownOperatorError(str(exc), f"{path}.op") from None
    from foulard.genome.migrations import migrate_node

    data = migrate_node(dict(data), spec, path)
    params = spec.params.from_json(data.get("params", {}), f"{path}.params")
    raw_inputs = data.get("inputs", {})
    if not isinstance(raw_inputs, Mapping):
        raise GenomeError(f"expected an object, got {type(raw_inputs).__name__}", f"{path}.inputs")
    inputs = {}
    for name, value in raw_inputs.items():
        slot = _slot(spec, name, f"{path}.inputs")
        where = f"{path}.inputs.{name}"
        if slot.variadic:
            if not isinstance(value, list):
                raise GenomeError(f"expected a list of nodes, got {type(value).__name__}", where)
            inputs[name] = tuple(
                _parse_node(v, f"{where}[{i}]", depth + 1, counter, active)
                for i, v in enumerate(value)
            )
        else:
            inputs[name] = _parse_node(value, where, depth + 1, counter, active)
    node = Node(op, params, tuple(sorted(inputs.items())))
    _check_inputs(node, spec, path)
    return node
