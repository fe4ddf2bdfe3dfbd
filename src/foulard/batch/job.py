"""Job files: a list of work units in JSON or CSV, and the generators that write them.

JSON (``*.json``)::

    {"foulard_job": 1,
     "defaults": {"format": "carre90", "ppi": 300, "outputs": ["preview"]},
     "units": [
       {"genome": "designs/peony.json", "outputs": ["preview", "master"]},
       {"genome": {...an inline genome...}},
       {"person": "alice", "n": 17},
       {"person": "alice", "from": 0, "to": 999},
       {"slot": 3, "n": 5, "format": "twilly", "outputs": "preview+signature"}
     ]}

CSV (``*.csv``): a header row naming columns among ``genome, person, slot, n, from,
to, format, ppi, outputs, preview_px, inks, colourways``; empty cells take the
defaults; ``outputs`` is written ``preview+master``.

Genome paths are relative to the job file's folder. ``from``/``to`` (inclusive)
expand into one unit per address. Every error names the file and the line (and, in
JSON, the unit's index and field).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foulard.batch.errors import JobFileError
from foulard.batch.units import DEFAULTS, Unit, make_unit
from foulard.errors import GenomeError
from foulard.genome.schema import Genome
from foulard.space.address import PER_PERSON

__all__ = ["JOB_VERSION", "UNIT_FIELDS", "Job", "address_specs", "load_job", "write_job"]

JOB_VERSION = 1
UNIT_FIELDS = (
    "genome",
    "person",
    "slot",
    "n",
    "from",
    "to",
    "format",
    "ppi",
    "outputs",
    "preview_px",
    "inks",
    "colourways",
)
_OPTION_FIELDS = ("format", "ppi", "outputs", "preview_px", "inks", "colourways")
_TOP_KEYS = ("foulard_job", "name", "defaults", "units")
_WS = re.compile(r"[ \t\n\r]*")
MAX_JOB_BYTES = 512 * 1024 * 1024


@dataclass
class Job:
    """A loaded job: its units in file order (duplicates included) and where it lives."""

    units: list[Unit]
    path: Path | None = None
    name: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)

    def unique(self) -> list[Unit]:
        """The units with duplicates removed (first occurrence kept)."""
        seen: set[str] = set()
        out = []
        for unit in self.units:
            key = unit.key
            if key not in seen:
                seen.add(key)
                out.append(unit)
        return out


def _unit_lines(text: str) -> list[int] | None:
    """The line on which each element of the top-level ``units`` array starts."""
    dec = json.JSONDecoder()
    line, seen = 1, 0

    def line_at(pos: int) -> int:
        nonlocal line, seen
        line += text.count("\n", seen, pos)
        seen = pos
        return line

    def skip(i: int, char: str | None = None) -> int:
        i = _WS.match(text, i).end()
        if char is not None and text[i : i + 1] == char:
            i = _WS.match(text, i + 1).end()
        return i

    try:
        i = skip(0)
        if text[i : i + 1] != "{":
            return None
        i = skip(i + 1)
        while i < len(text) and text[i] != "}":
            key, i = dec.raw_decode(text, i)
            i = skip(skip(i), ":")
            if key == "units" and text[i : i + 1] == "[":
                lines = []
                i = skip(i + 1)
                while text[i] != "]":
                    lines.append(line_at(i))
                    _, i = dec.raw_decode(text, i)
                    i = skip(i, ",")
                return lines
            _, i = dec.raw_decode(text, i)
            i = skip(i, ",")
    except (ValueError, IndexError):
        return None
    return None


class _Genomes:
    """Genome files read once each, relative to the job's folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cache: dict[Path, Genome] = {}

    def get(self, value: Any) -> Genome:
        if isinstance(value, Mapping):
            return Genome.from_json(value)
        if not isinstance(value, str):
            raise GenomeError(f"genome must be a file path or a genome object, got {value!r}")
        path = (self.folder / value).resolve()
        if path not in self.cache:
            self.cache[path] = Genome.load(path)
        return self.cache[path]


def _expand(spec: dict[str, Any], where: str) -> Iterable[tuple[dict[str, Any], str]]:
    """One spec per address of a ``from``/``to`` range; other specs as they are."""
    lo, hi = spec.get("from"), spec.get("to")
    if lo in (None, "") and hi in (None, ""):
        yield spec, where
        return
    if spec.get("n") not in (None, "") or spec.get("genome") not in (None, ""):
        raise JobFileError(f"{where}: from/to give a range of n; do not give n or a genome too")
    try:
        a, b = int(lo), int(hi)
        if isinstance(lo, (bool, float)) or isinstance(hi, (bool, float)):
            raise ValueError
    except (TypeError, ValueError):
        raise JobFileError(f"{where}: from and to must both be whole numbers") from None
    if not 0 <= a <= b < PER_PERSON:
        raise JobFileError(f"{where}: need 0 <= from <= to < {PER_PERSON}, got {a}..{b}")
    base = {k: v for k, v in spec.items() if k not in ("from", "to")}
    for n in range(a, b + 1):
        yield {**base, "n": n}, f"{where} (n={n})"


def _units(specs, defaults, genomes: _Genomes) -> list[Unit]:
    units = []
    for spec, where in specs:
        if not isinstance(spec, Mapping):
            raise JobFileError(f"{where}: a unit must be an object, got {type(spec).__name__}")
        unknown = [k for k in spec if k not in UNIT_FIELDS]
        if unknown:
            raise JobFileError(
                f"{where}: unknown field {unknown[0]!r}; valid: {', '.join(UNIT_FIELDS)}"
            )
        for item, item_where in _expand(dict(spec), where):
            merged = {**defaults, **{k: v for k, v in item.items() if v not in (None, "")}}
            if merged.get("genome") not in (None, ""):
                try:
                    merged["genome"] = genomes.get(merged["genome"])
                except GenomeError as exc:
                    raise JobFileError(f"{item_where}: genome: {exc}") from None
            units.append(make_unit(merged, where=item_where))
    return units


def _load_json(text: str, name: str, folder: Path) -> Job:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JobFileError(
            f"{name} line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"
        ) from None
    if not isinstance(data, dict):
        raise JobFileError(f"{name}: a job file is a JSON object with 'units'")
    unknown = [k for k in data if k not in _TOP_KEYS]
    if unknown:
        raise JobFileError(f"{name}: unknown key {unknown[0]!r}; valid: {', '.join(_TOP_KEYS)}")
    version = data.get("foulard_job", JOB_VERSION)
    if version != JOB_VERSION:
        raise JobFileError(
            f"{name}: foulard_job: version {version!r} unknown (this is {JOB_VERSION})"
        )
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise JobFileError(f"{name}: defaults must be an object")
    bad = [k for k in defaults if k not in _OPTION_FIELDS]
    if bad:
        raise JobFileError(
            f"{name}: defaults: unknown field {bad[0]!r}; valid: {', '.join(_OPTION_FIELDS)}"
        )
    units = data.get("units")
    if not isinstance(units, list):
        raise JobFileError(f"{name}: 'units' must be a list of units")
    lines = _unit_lines(text)
    if lines is None or len(lines) != len(units):
        lines = [None] * len(units)
    specs = (
        (u, f"{name} line {ln} (units[{k}])" if ln else f"{name}: units[{k}]")
        for k, (u, ln) in enumerate(zip(units, lines, strict=True))
    )
    job_units = _units(specs, defaults, _Genomes(folder))
    return Job(job_units, name=str(data.get("name", "")), defaults=defaults)


def _load_csv(text: str, name: str, folder: Path) -> Job:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if not header:
        raise JobFileError(f"{name} line 1: no header row (columns: {', '.join(UNIT_FIELDS)})")
    for col in header:
        if col not in UNIT_FIELDS:
            raise JobFileError(
                f"{name} line 1: unknown column {col!r}; valid: {', '.join(UNIT_FIELDS)}"
            )

    def rows():
        for row in reader:
            if None in row:
                raise JobFileError(f"{name} line {reader.line_num}: more cells than columns")
            if any(v.strip() for v in row.values() if v):
                yield {k: v.strip() for k, v in row.items() if v}, f"{name} line {reader.line_num}"

    return Job(_units(rows(), {}, _Genomes(folder)))


def load_job(path: str | Path) -> Job:
    """Read and check a job file (``.json`` or ``.csv``); genome files are loaded."""
    p = Path(path)
    name = p.name
    try:
        if p.stat().st_size > MAX_JOB_BYTES:
            raise JobFileError(f"{name}: a job file is at most {MAX_JOB_BYTES >> 20} MiB")
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise JobFileError(f"no such job file: {p}") from None
    except IsADirectoryError:
        raise JobFileError(f"{p} is a folder, not a job file") from None
    except UnicodeDecodeError:
        raise JobFileError(f"{name}: not UTF-8 text") from None
    folder = p.resolve().parent
    if p.suffix.lower() == ".csv":
        job = _load_csv(text, name, folder)
    elif p.suffix.lower() == ".json":
        job = _load_json(text, name, folder)
    else:
        raise JobFileError(f"{name}: a job file is .json or .csv, got {p.suffix!r}")
    if not job.units:
        raise JobFileError(f"{name}: the job has no units")
    job.path = p
    return job


def address_specs(person: str | None, slot: int | None, start: int, stop: int):
    """Unit specs for addresses ``start..stop`` (inclusive) of a person or a slot."""
    who = {"person": person} if person is not None else {"slot": slot}
    return [{**who, "n": n} for n in range(start, stop + 1)]


def write_job(
    path: str | Path, specs: list[dict[str, Any]], defaults: Mapping[str, Any], name: str = ""
) -> Job:
    """Check ``specs`` and write them as a JSON job file (one unit a line); return the job.

    Checked first, so a bad option is an error before anything is written.
    """
    from foulard.render.atomic import atomic_write_bytes

    p = Path(path)
    clean = {k: (list(v) if isinstance(v, tuple) else v) for k, v in defaults.items()}
    for k in clean:
        if k not in DEFAULTS:
            raise JobFileError(f"unknown default {k!r}; valid: {', '.join(DEFAULTS)}")
    head = json.dumps(
        {"foulard_job": JOB_VERSION, "name": name, "defaults": clean}, ensure_ascii=False
    )
    body = ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in specs)
    text = head[:-1] + ', "units": [\n' + body + "\n]}\n"
    job = _load_json(text, p.name, p.resolve().parent)
    if not job.units:
        raise JobFileError("the job has no units")
    atomic_write_bytes(p, text.encode("utf-8"))
    job.path = p
    return job
