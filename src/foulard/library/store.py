"""The content-addressed store: every pattern file kept once, under its SHA-256.

Layout under the library folder of the data home (``<home>/library``)::

    objects/ab/abcdef...    the file's bytes, exactly as ingested
    thumbs/ab/abcdef....jpg a thumbnail (longer side 256 px)

Writes are atomic (:func:`foulard.render.atomic.atomic_write_bytes`: a temporary
file beside the target, fsync, rename), so a reader, or a process killed in the
middle, never leaves or sees half a file. Temporary files of processes that died
are removed by :meth:`Store.clean_temporaries` (ingest calls it first).

A few small patterns ship with foulard (``library/samples``, each redistributable,
with attribution in ``SOURCES.md`` there): the examples of the operators that feed
designs from the library use them, so those work in any data home.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from importlib import resources
from pathlib import Path

from foulard.library.errors import LibraryError, PatternNotFound

__all__ = [
    "SAMPLE_BROCADE",
    "SAMPLE_SAKURA",
    "Store",
    "bundled_samples",
    "check_pattern_param",
    "is_pattern_id",
    "library_root",
    "sha256_hex",
]

# Ids of the bundled samples (``samples/samples.json``; a test keeps them in step).
SAMPLE_BROCADE = "b02f2095578a8c95510e00345ba88e823539383aa16e362a42859452de27962c"
SAMPLE_SAKURA = "19158b63a7b81fd9dd029da2ebc62ff66d793bcb5f0d12eb4d8b1bed7717e024"

_ID = re.compile(r"^[0-9a-f]{64}$")
_TEMP = re.compile(r"^\..+\.(\d+)\.tmp")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_pattern_id(text: str) -> bool:
    """Whether ``text`` is a full pattern id (64 lower-case hex digits)."""
    return bool(_ID.fullmatch(text))


def check_pattern_param(value: str, path: str = "params.pattern") -> None:
    """Refuse a parameter that is not a pattern id (a ParameterError naming the field)."""
    if not is_pattern_id(value):
        from foulard.errors import ParameterError

        raise ParameterError(
            f"expected a library pattern id (64 hex digits; see 'foulard library search'), "
            f"got {value[:70]!r}",
            path,
        )


def library_root(home: Path | None = None) -> Path:
    """The library folder of the data home."""
    from foulard import config

    return (home or config.data_home()) / "library"


@functools.cache
def bundled_samples() -> dict[str, dict]:
    """The patterns that ship with foulard, by id: file, title, licence, attribution."""
    folder = resources.files("foulard.library").joinpath("samples")
    text = folder.joinpath("samples.json").read_text("utf-8")
    out = {}
    for entry in json.loads(text):
        out[entry["id"]] = {**entry, "path": str(folder.joinpath(entry["file"]))}
    return out


class Store:
    """Files by SHA-256 under ``root`` (the library folder)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.thumbs = self.root / "thumbs"

    def object_path(self, pattern_id: str) -> Path:
        return self.objects / pattern_id[:2] / pattern_id

    def thumb_path(self, pattern_id: str) -> Path:
        return self.thumbs / pattern_id[:2] / f"{pattern_id}.jpg"

    def _write(self, path: Path, data: bytes) -> bool:
        from foulard.render.atomic import atomic_write_bytes  # render imports the operators

        if path.is_file() and path.stat().st_size == len(data):
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
        atomic_write_bytes(path, data)
        return True

    def put(self, pattern_id: str, data: bytes) -> bool:
        """Store a file's bytes under its id; False if it was already there."""
        return self._write(self.object_path(pattern_id), data)

    def put_thumb(self, pattern_id: str, jpeg: bytes) -> bool:
        return self._write(self.thumb_path(pattern_id), jpeg)

    def has(self, pattern_id: str) -> bool:
        return self.object_path(pattern_id).is_file()

    def locate(self, pattern_id: str) -> Path:
        """The file of a pattern: in this store, else among the bundled samples."""
        path = self.object_path(pattern_id)
        if path.is_file():
            return path
        sample = bundled_samples().get(pattern_id)
        if sample is not None:
            return Path(sample["path"])
        raise PatternNotFound(
            f"pattern {pattern_id} is not in the library at {self.root} "
            "(ingest it with 'foulard library ingest', or set FOULARD_HOME to the "
            "data home that holds it)"
        )

    def read(self, pattern_id: str, *, verify: bool = False) -> bytes:
        """The bytes of a pattern (optionally checked against its id)."""
        data = self.locate(pattern_id).read_bytes()
        if verify and sha256_hex(data) != pattern_id:
            raise LibraryError(f"the stored file of pattern {pattern_id} is damaged")
        return data

    def clean_temporaries(self) -> int:
        """Remove temporary files left by killed writers; return how many."""
        from foulard.render.atomic import writer_alive  # render imports the operators

        removed = 0
        for top in (self.objects, self.thumbs):
            if not top.is_dir():
                continue
            for sub in top.iterdir():
                if not sub.is_dir():
                    continue
                with os.scandir(sub) as it:
                    for entry in it:
                        m = _TEMP.match(entry.name)
                        pid = int(m.group(1)) if m else 0
                        if m and (pid == os.getpid() or not writer_alive(pid)):
                            with contextlib.suppress(FileNotFoundError):
                                os.unlink(entry.path)
                                removed += 1
        return removed
