"""Ingest: files, folders and zip archives into the library, idempotent and resumable.

For each file: read it (size-limited), hash it (SHA-256: the pattern id). Content
already in the library only gets its new file name recorded, so a second ingest
of the same archive adds nothing. New content is analysed in worker processes
(:func:`~foulard.library.analyse.analyse`), then stored in this order:

1. the file and its thumbnail into the content-addressed store (atomic writes);
2. the record, its file name and its tags in **one** database transaction.

A process killed at any point leaves either nothing or a stored file without a
record (harmless: the next ingest finds the content missing from the database,
analyses it again and commits it); never a record without its file, never half a
file (temporaries of dead writers are removed at the next ingest). Running the
same ingest again therefore resumes it.

Files that cannot be taken are reported with their reason (see
:class:`~foulard.library.errors.Rejected`) and the batch goes on; files that are
not images at all (text, sources, licences) are listed as skipped; a file whose
content is not what its extension says is taken by its content and noted.

After the batch, the near-duplicate check runs for the new patterns
(:mod:`~foulard.library.dupes`) and the index takes them in.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from foulard.library import dupes
from foulard.library.analyse import Analysis, analyse_or_reject
from foulard.library.errors import LibraryError, Rejected
from foulard.library.library import Library
from foulard.library.metadata import Metadata, merge, parse_sidecar
from foulard.library.sniff import extension_format, sniff
from foulard.library.sources import DEFAULT_MAX_FILE_BYTES, Item, Refusal, iter_items
from foulard.library.store import sha256_hex
from foulard.library.tagging import pattern_tags

__all__ = ["IngestReport", "add_design", "ingest"]

_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """What an ingest did, file by file where it matters."""

    files: int = 0
    added: int = 0
    known: int = 0
    names_added: int = 0
    rejected: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    mismatched: list[dict] = field(default_factory=list)
    near_duplicate_links: int = 0
    seconds: float = 0.0
    analysed_seconds: float = 0.0

    @property
    def rate(self) -> float:
        """New patterns per second of the whole run."""
        return self.added / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict:
        return {
            "files": self.files,
            "added": self.added,
            "known": self.known,
            "names_added": self.names_added,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "mismatched": self.mismatched,
            "near_duplicate_links": self.near_duplicate_links,
            "seconds": round(self.seconds, 3),
            "added_per_second": round(self.rate, 2),
        }


@contextlib.contextmanager
def _pool(workers: int):
    """A process pool whose workers each use one BLAS thread (many small matrices)."""
    if workers <= 1:
        yield None
        return
    saved = {k: os.environ.get(k) for k in _THREAD_VARS}
    os.environ.update({k: "1" for k in _THREAD_VARS})
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as ex:
            yield ex
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@dataclass
class _Pending:
    item: Item
    data: bytes
    sha: str
    result: Future | Analysis | Rejected
    names: list[str]


def ingest(
    lib: Library,
    paths: list[str | Path],
    *,
    meta: str | Path | None = None,
    source: str | None = None,
    licence: str | None = None,
    author: str | None = None,
    workers: int | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``lib``; see the module notes.

    ``meta``: a CSV/JSON sidecar for all files (keyed by path relative to the
    ingested folder, or by file name). ``source``, ``licence``, ``author``: defaults
    for files whose metadata does not say (the source defaults to the folder).
    ``workers``: analysis processes (default: the CPU count).
    """
    t0 = time.perf_counter()
    for p in paths:
        if not Path(p).exists():
            raise LibraryError(f"nothing to ingest at {p}: no such file or folder")
    given: dict[str, Metadata] = {}
    if meta is not None:
        try:
            given = parse_sidecar(Path(meta).read_text("utf-8-sig"), str(meta))
        except OSError as exc:
            raise LibraryError(f"cannot read metadata file {meta}: {exc.strerror or exc}") from None
    by_name = {Path(k).name: v for k, v in given.items()}
    workers = max(1, workers or os.cpu_count() or 1)
    report = IngestReport()
    lib.store.clean_temporaries()
    lexicon = lib.lexicon
    inflight: dict[str, _Pending] = {}
    queue: deque[_Pending] = deque()

    def metadata_for(item: Item) -> Metadata:
        rel = item.name.split("/", 1)[1] if "/" in item.name else item.name
        m = merge(item.meta, given.get(rel) or given.get(item.name) or by_name.get(Path(rel).name))
        m.setdefault("source", source or item.source)
        if licence and "licence" not in m:
            m["licence"] = licence
        if author and "author" not in m:
            m["author"] = author
        return m

    def finish(p: _Pending) -> None:
        res = p.result.result() if isinstance(p.result, Future) else p.result
        inflight.pop(p.sha, None)
        if isinstance(res, Rejected):
            for name in p.names:
                report.rejected.append({"name": name, "reason": res.reason, "message": str(res)})
            return
        m = metadata_for(p.item)
        tags = pattern_tags(m, p.names, res.palette, lexicon, kind=res.kind)
        lib.store.put(res.id, p.data)
        lib.store.put_thumb(res.id, res.thumbnail)
        with lib.db.transaction() as tx:
            seq = lib.insert(tx, res, m, tags)
            for name in p.names:
                report.names_added += Library.add_name(tx, res.id, name)
        if seq is None:
            report.known += len(p.names)
        else:
            report.added += 1
            report.known += len(p.names) - 1

    with contextlib.ExitStack() as stack, _pool(workers) as ex:
        entries = list(iter_items(paths, stack, max_file_bytes=max_file_bytes))
        total = len(entries)
        report.files = total
        for done, entry in enumerate(entries, 1):
            if progress:
                progress(done - 1, total, entry.name)
            if isinstance(entry, Refusal):
                report.rejected.append(
                    {"name": entry.name, "reason": entry.reason, "message": entry.message}
                )
                continue
            try:
                data = entry.read()
            except Rejected as exc:
                report.rejected.append(
                    {"name": entry.name, "reason": exc.reason, "message": str(exc)}
                )
                continue
            claimed = extension_format(entry.name)
            actual = sniff(data[:4096]) if data else None
            if data and actual is None and claimed is None:
                report.skipped.append({"name": entry.name, "why": "not an image"})
                continue
            if data and claimed and actual is None:
                report.rejected.append(
                    {
                        "name": entry.name,
                        "reason": "corrupt",
                        "message": f"named as {claimed.upper()} but its content is not an image",
                    }
                )
                continue
            if claimed and actual and claimed != actual:
                report.mismatched.append(
                    {"name": entry.name, "extension": claimed, "content": actual}
                )
            sha = sha256_hex(data)
            if sha in inflight:
                inflight[sha].names.append(entry.name)
                continue
            if data and lib.exists(sha):
                with lib.db.transaction() as tx:
                    report.names_added += Library.add_name(tx, sha, entry.name)
                report.known += 1
                continue
            result = (
                ex.submit(analyse_or_reject, data, lib.max_megapixels)
                if ex is not None
                else analyse_or_reject(data, lib.max_megapixels)
            )
            pending = _Pending(entry, data, sha, result, [entry.name])
            inflight[sha] = pending
            queue.append(pending)
            while len(queue) > (2 * workers if ex is not None else 0):
                finish(queue.popleft())
        while queue:
            finish(queue.popleft())
        if progress:
            progress(total, total, "")
    report.analysed_seconds = time.perf_counter() - t0
    if report.added:
        lib.index.refresh()
    report.near_duplicate_links = dupes.link_new(lib)
    report.seconds = time.perf_counter() - t0
    return report


def add_design(
    lib: Library, genome, *, px: int = 512, licence: str | None = None
) -> tuple[str, bool]:
    """Add a design (a :class:`~foulard.genome.Genome`) to the library with its genome.

    The design is rendered at ``px`` pixels, stored as PNG and analysed like any
    file; its record keeps the canonical genome (origin ``design``), its title and
    tags come from the genome's metadata and operators. Returns the pattern id and
    whether it was new.
    """
    import io

    from PIL import Image

    from foulard.render import render

    if not 16 <= px <= 4096:
        raise LibraryError(f"a library picture of a design is 16 to 4096 px, not {px}")
    pixels = render(genome, px)
    buf = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(buf, "PNG", optimize=True)
    data = buf.getvalue()
    res = analyse_or_reject(data, lib.max_megapixels)
    if isinstance(res, Rejected):  # pragma: no cover - a render is always a picture
        raise LibraryError(f"the rendered design cannot be analysed: {res}")
    meta_in = dict(genome.meta)
    ops = sorted({node.op for _, node in genome.root.walk()} | {genome.palette.op})
    words: list[str] = []
    for op in ops:
        from foulard.ops import get

        words.extend(get(op).tags)
    meta: Metadata = {
        "title_en": str(meta_in.get("title") or f"design {genome.short_id}"),
        "tags": [*ops, *words],
        "source": "foulard design",
        "licence": licence,
        "extra": {"design_id": genome.design_id},
    }
    name = f"design/{genome.design_id}.png"
    tags = pattern_tags(meta, [name], res.palette, lib.lexicon, kind=res.kind)
    lib.store.put(res.id, data)
    lib.store.put_thumb(res.id, res.thumbnail)
    with lib.db.transaction() as tx:
        seq = lib.insert(tx, res, meta, tags, origin="design", genome=genome.canonical())
        Library.add_name(tx, res.id, name)
    dupes.link_new(lib)
    return res.id, seq is not None
