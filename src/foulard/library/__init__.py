"""The pattern library: a searchable archive of patterns that feeds the designs.

Ingest files, folders and zip archives (PNG, JPEG, TIFF, WebP, SVG) with their
metadata into a content-addressed store and the database; compute signatures
(perceptual hash over the 8 symmetries, dominant CIELAB palette, visual feature
vector, bilingual tags); find exact and near duplicates; search by picture, by
colour (CIEDE2000) and by text (Chinese or English); and feed designs: a palette,
an SVG motif, a seamless ground from a scanned fabric (see the ``learned`` operator
family and ``color.from_library``).

The names listed in ``__all__`` are the stable API (the studio and the CLI use
them); ``docs/library.md`` describes them.

>>> import tempfile, pathlib
>>> from foulard.library import Library
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> with Library.open(f"sqlite:///{home / 'f.db'}", home=home) as lib:
...     lib.stats()["patterns"]
0
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

# Names are loaded on first use: operators import foulard.library.store and
# foulard.library.patterns while the operator registry itself is loading.
_WHERE = {
    "Cluster": "dupes",
    "clusters": "dupes",
    "exact_duplicates": "dupes",
    "keep_one": "dupes",
    "link_new": "dupes",
    "rescan": "dupes",
    "LibraryError": "errors",
    "PatternNotFound": "errors",
    "Rejected": "errors",
    "IngestReport": "ingest",
    "add_design": "ingest",
    "ingest": "ingest",
    "Library": "library",
    "Pattern": "library",
    "Filters": "search",
    "Hit": "search",
    "parse_colours": "search",
    "search_colours": "search",
    "search_image": "search",
    "search_text": "search",
    "results_sheet": "sheet",
}

__all__ = [
    "Cluster",
    "Filters",
    "Hit",
    "IngestReport",
    "Library",
    "LibraryError",
    "Pattern",
    "PatternNotFound",
    "Rejected",
    "add_design",
    "clusters",
    "exact_duplicates",
    "ingest",
    "keep_one",
    "link_new",
    "parse_colours",
    "rescan",
    "results_sheet",
    "search_colours",
    "search_image",
    "search_text",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'foulard.library' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"foulard.library.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


class _Package(types.ModuleType):
    """The package: a submodule named like a function of the API (``ingest``) must
    not replace that function when it is imported (``import foulard.library.ingest``
    sets the package's attribute to the submodule)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if (
            isinstance(value, types.ModuleType)
            and _WHERE.get(name) == name
            and value.__name__ == f"{__name__}.{name}"
            and hasattr(value, name)
        ):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
