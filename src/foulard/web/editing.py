"""Editing a genome from the studio: its editable controls and strict parameter edits.

:func:`controls` lists a design's nodes with their parameters' metadata (range,
choices, unit, doc) for the design page; :func:`edit_genome` changes the
parameters of one node (and the seed), validating every value against that
metadata, and records the parent in the provenance.
"""

from __future__ import annotations

import re

from foulard.errors import FoulardError
from foulard.genome.schema import Genome, Node

__all__ = ["controls", "edit_genome"]

MAX_CONTROLS = 96
MAX_EDITED_PARAMS = 64
_PATH = re.compile(r"^(palette|root(/[a-z_][a-z0-9_]{0,40}(/[0-9]{1,3})?)*)$")


def controls(genome: Genome) -> list[dict]:
    """The design's nodes (palette first), each with its parameters and their values."""
    nodes = [("palette", genome.palette), *genome.root.walk()]
    out = []
    for path, node in nodes[:MAX_CONTROLS]:
        spec = node.spec
        values = node.params.to_json()
        params = []
        for p in spec.params.specs():
            d = p.to_json()
            d["value"] = values.get(p.name, p.default)  # omitted at default: see to_json
            params.append(d)
        out.append({
            "path": path,
            "op": node.op,
            "kind": spec.kind,
            "summary": spec.summary,
            "params": params,
        })  # fmt: skip
    return out


def _with_params(node: Node, params: dict, path: str) -> Node:
    """``node`` with ``params`` changed, validated strictly (unknown names, ranges)."""
    values = {**node.params.to_json(), **params}
    return Node(node.op, node.spec.params.from_json(values, path), node.inputs)


def _replace_at(node: Node, parts: list[str], params: dict) -> Node:
    if not parts:
        return _with_params(node, params, node.op)
    name = parts[0]
    try:
        value = node.input(name)
    except KeyError:
        raise FoulardError(f"{node.op} has no input {name!r}") from None
    if isinstance(value, tuple):
        if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) >= len(value):
            raise FoulardError(f"input {name!r} of {node.op} needs an index below {len(value)}")
        i = int(parts[1])
        items = list(value)
        items[i] = _replace_at(items[i], parts[2:], params)
        return node.with_input(name, items)
    return node.with_input(name, _replace_at(value, parts[1:], params))


def edit_genome(genome: Genome, path: str | None, params: dict, seed: int | None) -> Genome:
    """A copy of ``genome`` with the parameters of the node at ``path`` (and the seed)
    changed; every value is validated against the operator's metadata."""
    if len(params) > MAX_EDITED_PARAMS:
        raise FoulardError(f"at most {MAX_EDITED_PARAMS} parameters per edit")
    if params and path is None:
        raise FoulardError("say which node to edit ('path', e.g. root or root/layers/0)")
    changed = genome
    if params:
        if not _PATH.match(path or ""):
            raise FoulardError(f"not a node path: {path!r} (e.g. palette, root, root/layers/0)")
        if path == "palette":
            changed = changed.replace(palette=_with_params(changed.palette, params, "palette"))
        else:
            parts = path.split("/")[1:]
            changed = changed.replace(root=_replace_at(changed.root, parts, params))
    if seed is not None:
        changed = changed.replace(seed=seed)
    meta = changed.meta
    prov = meta.get("provenance") if isinstance(meta.get("provenance"), dict) else {}
    prov = {k: v for k, v in prov.items() if k != "space"}
    prov["edited_from"] = genome.design_id
    meta["provenance"] = prov
    return changed.replace(meta=meta)
