"""Where batch outputs go: a content-addressed store under the data home.

Layout (``<home>/store``)::

    ab/abcdef....png      a preview (the file's SHA-256, then its extension)
    ab/abcdef....tif      a master
    ab/abcdef....sig      a perceptual signature (text)
    ab/abcdef....order/   a print order folder; its name is the SHA-256 of the list
                          of its files with their hashes (the ``files`` of order.json)
    tmp/                  work in progress: HOST~PID~TOKEN~name

An output is made under ``tmp/``, synced to disk, hashed, then renamed into place,
so the store never holds half a file: a killed worker leaves at most a temporary,
which :meth:`OutputStore.clean_temporaries` removes once its process is gone. Equal
content lands on the same name, so a unit run twice (a job resumed after a kill)
writes nothing new.

The pattern library has its own store (:mod:`foulard.library.store`, pattern files by
id); batch outputs are kept apart from the archive, and are streamed to disk rather
than held in memory (a master is hundreds of megabytes).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import socket
import time
from pathlib import Path
from typing import Any

from foulard.batch.errors import BatchError
from foulard.render.atomic import atomic_write_bytes, writer_alive

__all__ = ["OutputStore", "file_sha256", "tree_sha256"]

_SEP = "~"
_STALE_S = 24 * 3600  # temporaries of other hosts are removed after a day


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tree_sha256(files: list[dict[str, Any]]) -> str:
    """The id of a folder: SHA-256 of its sorted ``[{path, sha256}, ...]`` list."""
    rows = sorted((f["path"], f["sha256"]) for f in files)
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class OutputStore:
    """Files by SHA-256 under ``root``."""

    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()
        self.tmp = self.root / "tmp"

    @classmethod
    def default(cls) -> OutputStore:
        """The store of the data home (``<home>/store``)."""
        from foulard import config

        return cls(config.data_home() / "store")

    def ensure(self) -> OutputStore:
        try:
            self.tmp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BatchError(
                f"cannot create the store {self.root}: {exc.strerror or exc}"
            ) from None
        return self

    def temp_path(self, name: str) -> Path:
        """A fresh temporary path in ``tmp/`` (the folder must exist)."""
        host = socket.gethostname().replace(_SEP, "-")
        return self.tmp / _SEP.join((host, str(os.getpid()), secrets.token_hex(6), name))

    def path_for(self, sha256: str, ext: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{ext}"

    def _record(self, path: Path, sha256: str, size: int) -> dict[str, Any]:
        return {"path": str(path), "sha256": sha256, "bytes": size}

    def put_file(self, tmp: Path, ext: str) -> dict[str, Any]:
        """Move a finished temporary file into the store; its record (path, hash, size)."""
        _fsync_file(tmp)
        sha = file_sha256(tmp)
        final = self.path_for(sha, ext)
        size = tmp.stat().st_size
        final.parent.mkdir(exist_ok=True)
        if final.is_file() and final.stat().st_size == size:
            tmp.unlink()
        else:
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        return self._record(final, sha, size)

    def put_bytes(self, data: bytes, ext: str) -> dict[str, Any]:
        sha = hashlib.sha256(data).hexdigest()
        final = self.path_for(sha, ext)
        if not (final.is_file() and final.stat().st_size == len(data)):
            final.parent.mkdir(exist_ok=True)
            atomic_write_bytes(final, data)
            _fsync_dir(final.parent)
        return self._record(final, sha, len(data))

    def put_tree(self, folder: Path, files: list[dict[str, Any]], ext: str) -> dict[str, Any]:
        """Move a finished folder (whose files are listed with hashes) into the store."""
        for f in files:
            _fsync_file(folder / f["path"])
        sha = tree_sha256(files)
        final = self.path_for(sha, ext)
        final.parent.mkdir(exist_ok=True)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        if final.is_dir():
            shutil.rmtree(folder)
        else:
            try:
                os.replace(folder, final)
            except OSError:
                if not final.is_dir():  # not another worker's equal folder: a real error
                    raise
                shutil.rmtree(folder)
            _fsync_dir(final.parent)
        return self._record(final, sha, size)

    def check(self, record: dict[str, Any]) -> bool:
        """Whether a recorded output is in the store, whole (files: by hash)."""
        path = Path(record["path"])
        if path.is_dir():
            return path.name.startswith(record["sha256"])
        return path.is_file() and file_sha256(path) == record["sha256"]

    def temporaries(self) -> list[Path]:
        if not self.tmp.is_dir():
            return []
        return sorted(self.tmp.iterdir())

    def remove_temporaries(self, tag: str) -> None:
        """Remove this process's temporaries whose name holds ``tag`` (a failed unit's)."""
        mine = _SEP.join((socket.gethostname().replace(_SEP, "-"), str(os.getpid()), ""))
        for path in self.temporaries():
            name = path.name.lstrip(".")
            if name.startswith(mine) and tag in name:
                with contextlib.suppress(FileNotFoundError):
                    if path.is_dir() and not path.is_symlink():
                        shutil.rmtree(path)
                    else:
                        path.unlink()

    def clean_temporaries(self) -> int:
        """Remove temporaries whose process is gone (this host), or a day old (others)."""
        host = socket.gethostname().replace(_SEP, "-")
        removed = 0
        now = time.time()
        for path in self.temporaries():
            parts = path.name.lstrip(".").split(_SEP)
            if len(parts) < 4 or not parts[1].isdigit():
                continue
            if parts[0] == host:
                if int(parts[1]) != os.getpid() and writer_alive(int(parts[1])):
                    continue
            else:
                with contextlib.suppress(OSError):
                    if now - path.lstat().st_mtime < _STALE_S:
                        continue
            with contextlib.suppress(FileNotFoundError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed += 1
        return removed
