"""Metadata that comes with files: CSV or JSON sidecars.

A sidecar is a table with one row per file: ``--meta FILE`` given to ingest, or a
``manifest.csv``, ``metadata.csv`` or ``metadata.json`` found in an ingested
folder (or zip folder), whose ``file`` column names files relative to the
sidecar's folder. A JSON sidecar is a list of objects, or an object mapping file
names to objects.

Columns are recognised under their usual names (``license`` or ``licence``,
``creator`` or ``author``, ``keywords`` or ``tags``...); a column foulard does not
know is kept in the pattern's ``extra`` metadata. Keyword lists are split at ``;``
``,`` and ``|``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import PurePosixPath

from foulard.library.errors import LibraryError

__all__ = ["SIDECAR_NAMES", "Metadata", "merge", "parse_sidecar"]

SIDECAR_NAMES = ("manifest.csv", "metadata.csv", "metadata.json")
_FILE_KEYS = ("file", "path", "filename", "file_name")
_ALIASES = {
    "title_zh": ("title_zh", "title_cn", "zh_title", "chinese_title", "标题", "中文标题"),
    "title_en": ("title_en", "title", "en_title", "english_title", "name"),
    "tags": ("tags", "keywords", "subject", "category", "family", "标签"),
    "source": ("source", "collection"),
    "licence": ("licence", "license", "rights", "许可"),
    "author": ("author", "creator", "artist", "designer", "作者"),
    "description": ("description", "desc", "caption", "说明"),
}
_KEY_OF = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_SPLIT = re.compile(r"\s*[;,|；，]\s*")

Metadata = dict  # title_zh, title_en, tags (list), source, licence, author, description, extra


def _normalise_row(row: dict) -> Metadata:
    out: Metadata = {"tags": [], "extra": {}}
    for raw_key, raw_value in row.items():
        if raw_key is None:
            continue
        key = str(raw_key).strip().lower()
        if key in _FILE_KEYS:
            continue
        if isinstance(raw_value, list):
            value = [str(v).strip() for v in raw_value if str(v).strip()]
        else:
            value = "" if raw_value is None else str(raw_value).strip()
        if not value:
            continue
        target = _KEY_OF.get(key)
        if target == "tags":
            items = value if isinstance(value, list) else _SPLIT.split(value)
            out["tags"].extend(t for t in items if t)
        elif target is not None and target not in out:
            out[target] = value if isinstance(value, str) else ", ".join(value)
        else:
            out["extra"][key] = value
    return out


def parse_sidecar(text: str, name: str) -> dict[str, Metadata]:
    """Rows of a sidecar by file name (relative, ``/``-separated)."""
    rows: list[dict] = []
    if name.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise LibraryError(f"metadata file {name} is not valid JSON: {exc}") from None
        if isinstance(data, dict):
            rows = [{"file": k, **(v if isinstance(v, dict) else {})} for k, v in data.items()]
        elif isinstance(data, list):
            rows = [r for r in data if isinstance(r, dict)]
        else:
            raise LibraryError(f"metadata file {name} must hold a list or an object")
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    out: dict[str, Metadata] = {}
    for row in rows:
        file = next((str(row[k]) for k in row if k and k.strip().lower() in _FILE_KEYS), "")
        if not file:
            continue
        out[str(PurePosixPath(file.replace("\\", "/")))] = _normalise_row(row)
    if rows and not out:
        raise LibraryError(f"metadata file {name} has no 'file' column")
    return out


def merge(base: Metadata | None, over: Metadata | None) -> Metadata:
    """``over``'s fields win; tags and extra fields are joined."""
    out: Metadata = {"tags": [], "extra": {}}
    for m in (base, over):
        if not m:
            continue
        for k, v in m.items():
            if k == "tags":
                out["tags"].extend(t for t in v if t not in out["tags"])
            elif k == "extra":
                out["extra"].update(v)
            else:
                out[k] = v
    return out
