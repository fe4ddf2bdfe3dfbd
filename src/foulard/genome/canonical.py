"""Canonical JSON and content hashes.

The canonical form is what gets hashed into a design id, so it must be byte-stable:
keys sorted, no insignificant whitespace, UTF-8, floats in Python's shortest
round-trip notation (identical on every platform), ``-0.0`` written as ``0.0``,
and NaN or infinities refused.

Examples
--------
>>> canonical_json({"b": 1.0, "a": [0.1, -0.0, "牡丹"]})
'{"a":[0.1,0.0,"牡丹"],"b":1.0}'
>>> content_hash({"a": 1}) == content_hash({"a": 1})
True
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any

from foulard.errors import GenomeError

__all__ = ["canonical_json", "content_hash", "normalize"]


def normalize(obj: Any, path: str = "") -> Any:
    """A plain-JSON copy of ``obj`` with canonical numbers; rejects what JSON cannot hold."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise GenomeError(f"numbers must be finite, got {obj!r}", path or None)
        return obj + 0.0
    if isinstance(obj, Mapping):
        out = {}
        for key, value in obj.items():
            if not isinstance(key, str):
                raise GenomeError(f"object keys must be text, got {key!r}", path or None)
            out[key] = normalize(value, f"{path}.{key}" if path else key)
        return out
    if isinstance(obj, (list, tuple)):
        return [normalize(v, f"{path}[{i}]") for i, v in enumerate(obj)]
    raise GenomeError(f"{type(obj).__name__} is not JSON data", path or None)


def canonical_json(obj: Any) -> str:
    """The canonical JSON text of ``obj``."""
    return json.dumps(
        normalize(obj),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def content_hash(obj: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``obj``."""
    return hashlib.sha256(canonical_json(obj).encode("utf-8")).hexdigest()
