"""Loading a family: import every public module of the package (which registers them)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

__all__ = ["load_family"]


def load_family(package: str, path: Iterable[str]) -> list[str]:
    """Import each public module of ``package`` in name order; return their names.

    A family's ``__init__`` calls this so that adding a module is all it takes to add
    its operators (no list to edit, and sorted imports keep registration order stable).
    """
    names = sorted(m.name for m in pkgutil.iter_modules(list(path)) if not m.name.startswith("_"))
    for name in names:
        importlib.import_module(f"{package}.{name}")
    return names
