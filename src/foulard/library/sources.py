"""What an ingest reads: files, folders and zip archives, as a flat list of items.

Folders are walked in name order (hidden entries and symbolic links to folders are
not followed). A zip archive, given or found in a folder, is read entry by entry
in memory, never extracted: an entry whose name is absolute, climbs out with
``..``, is a symbolic link, is encrypted, is an archive itself or is larger than
the file limit is refused with its reason, and nothing is ever written under an
entry's name. Sidecar metadata files (:mod:`~foulard.library.metadata`) are read,
not ingested.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from foulard.library.errors import LibraryError, Rejected
from foulard.library.metadata import SIDECAR_NAMES, Metadata, merge, parse_sidecar

__all__ = ["DEFAULT_MAX_FILE_BYTES", "Item", "Refusal", "iter_items"]

DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Item:
    """One file to ingest: its display name, how to read it, its sidecar metadata."""

    name: str
    read: Callable[[], bytes]
    meta: Metadata | None
    source: str


@dataclass
class Refusal:
    """An entry refused before it was read (unsafe zip entry, unreadable archive)."""

    name: str
    reason: str
    message: str


@dataclass
class _Tree:
    metas: dict[str, Metadata] = field(default_factory=dict)

    def add(self, folder: str, rows: dict[str, Metadata]) -> None:
        for rel, m in rows.items():
            key = str(PurePosixPath(folder) / rel) if folder else rel
            self.metas[key] = merge(self.metas.get(key), m)

    def get(self, rel: str) -> Metadata | None:
        return self.metas.get(rel)


def _read_file(path: Path, limit: int) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with path.open("rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise Rejected("unreadable", f"cannot read: {exc.strerror or exc}") from None
        if len(data) > limit:
            raise Rejected("too_large", f"larger than the file limit of {limit} bytes")
        return data

    return read


def _is_zip(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return True
    with contextlib.suppress(OSError), path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"
    return False


def _source_name(root: Path, rel: PurePosixPath) -> str:
    return root.name if len(rel.parts) <= 1 else f"{root.name}/{rel.parts[0]}"


def _walk_folder(root: Path, stack: contextlib.ExitStack, limit: int) -> Iterator[Item | Refusal]:
    tree = _Tree()
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        folder = here.relative_to(root).as_posix()
        folder = "" if folder == "." else folder
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            if name.lower() in SIDECAR_NAMES:
                try:
                    tree.add(folder, parse_sidecar(path.read_text("utf-8-sig"), str(path)))
                except (OSError, UnicodeDecodeError, LibraryError) as exc:
                    yield Refusal(str(path), "unreadable", f"metadata file unreadable: {exc}")
                continue
            files.append(path)
    for path in files:
        rel = PurePosixPath(path.relative_to(root).as_posix())
        try:
            st = path.stat()
        except OSError as exc:
            yield Refusal(str(path), "unreadable", f"cannot read: {exc.strerror or exc}")
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if _is_zip(path):
            yield from _walk_zip(path, stack, limit, f"{root.name}/{rel}")
            continue
        yield Item(
            f"{root.name}/{rel}",
            _read_file(path, limit),
            tree.get(str(rel)),
            _source_name(root, rel),
        )


def _unsafe(name: str) -> str | None:
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "an absolute path"
    if "\\" in name:
        return "a backslash path"
    if ".." in PurePosixPath(name).parts:
        return "a path that climbs out with '..'"
    return None


def _walk_zip(path: Path, stack: contextlib.ExitStack, limit: int, shown: str):
    try:
        zf = stack.enter_context(zipfile.ZipFile(path))
        infos = zf.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        yield Refusal(shown, "corrupt", f"not a readable zip archive: {exc}")
        return
    stem = PurePosixPath(shown).stem
    tree = _Tree()
    entries = []
    for info in infos:
        name = info.filename
        if info.is_dir():
            continue
        why = _unsafe(name)
        if why:
            yield Refusal(f"{shown}!{name}", "unsafe_path", f"zip entry with {why} refused")
            continue
        mode = (info.external_attr >> 16) & 0o170000
        if mode == stat.S_IFLNK:
            yield Refusal(f"{shown}!{name}", "unsafe_path", "zip entry is a symbolic link")
            continue
        if PurePosixPath(name).name.lower() in SIDECAR_NAMES:
            try:
                text = zf.read(info).decode("utf-8-sig")
                folder = str(PurePosixPath(name).parent)
                tree.add("" if folder == "." else folder, parse_sidecar(text, f"{shown}!{name}"))
            except (OSError, UnicodeDecodeError, LibraryError, zipfile.BadZipFile) as exc:
                yield Refusal(f"{shown}!{name}", "unreadable", f"metadata unreadable: {exc}")
            continue
        entries.append(info)
    for info in entries:
        name = info.filename
        shown_name = f"{shown}!{name}"
        if info.flag_bits & 0x1:
            yield Refusal(shown_name, "encrypted", "encrypted zip entry")
            continue
        if name.lower().endswith(".zip"):
            yield Refusal(shown_name, "nested_archive", "archives inside archives are not opened")
            continue
        if info.file_size > limit:
            yield Refusal(shown_name, "too_large", f"{info.file_size} bytes, over the file limit")
            continue

        def read(info=info) -> bytes:
            try:
                with zf.open(info) as fh:
                    data = fh.read(limit + 1)  # the header's size may lie
            except (OSError, zipfile.BadZipFile, EOFError, ValueError) as exc:
                raise Rejected("corrupt", f"zip entry cannot be read: {exc}") from None
            if len(data) > limit:
                raise Rejected("too_large", "zip entry larger than the file limit")
            if data[:4] == b"PK\x03\x04":
                raise Rejected("nested_archive", "archives inside archives are not opened")
            return data

        rel = PurePosixPath(name)
        src = stem if len(rel.parts) <= 1 else f"{stem}/{rel.parts[0]}"
        yield Item(shown_name, read, tree.get(name), src)


def iter_items(
    paths: list[str | Path], stack: contextlib.ExitStack, *, max_file_bytes: int
) -> Iterator[Item | Refusal]:
    """Every file of ``paths`` (files, folders, zip archives), in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _walk_folder(path, stack, max_file_bytes)
        elif path.is_file():
            if _is_zip(path):
                yield from _walk_zip(path, stack, max_file_bytes, path.name)
            else:
                yield Item(path.name, _read_file(path, max_file_bytes), None, path.parent.name)
        elif path.exists():
            yield Refusal(str(path), "unreadable", "not a regular file or folder")
        else:
            raise LibraryError(f"nothing to ingest at {path}: no such file or folder")
