"""Work units: one design, one format, the outputs wanted; identified by a content hash.

A unit is described by where its genome comes from (a genome, or a design-space
address given as person and n, or slot and n), the scarf format, the ppi of the
master and order, the preview size and the outputs wanted. Options an output does
not use are dropped from the description (a preview has no ppi), so two units that
would make the same files have the same description and the same :attr:`Unit.key`,
the SHA-256 of its canonical JSON: a job runs each key once.

>>> a = make_unit({"slot": 3, "n": 5, "outputs": "preview+signature", "ppi": 600})
>>> a.label, a.outputs, a.ppi, a.preview_px
('3:5', ('preview', 'signature'), None, 512)
>>> a.key == make_unit({"slot": 3, "n": 5, "outputs": ["signature", "preview"]}).key
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from foulard.batch.errors import JobFileError
from foulard.errors import FoulardError
from foulard.genome.canonical import canonical_json
from foulard.genome.schema import Genome
from foulard.production.inks import MAX_INKS
from foulard.production.order import MAX_COLOURWAYS
from foulard.scarf.formats import check_ppi, get_format
from foulard.space.address import PER_PERSON, SLOTS

__all__ = [
    "DEFAULTS",
    "OUTPUTS",
    "PREVIEW_PX",
    "Unit",
    "make_unit",
    "parse_outputs",
]

OUTPUTS = ("preview", "master", "order", "signature")
PREVIEW_PX = (64, 4096)
DEFAULTS: dict[str, Any] = {
    "format": "carre90",
    "ppi": 300.0,
    "outputs": ("preview",),
    "preview_px": 512,
    "inks": 12,
    "colourways": 5,
}


@dataclass(frozen=True)
class Unit:
    """One work unit. ``where`` says where the job file describes it (for messages)."""

    source: dict[str, Any]
    format: str
    outputs: tuple[str, ...]
    ppi: float | None = None
    preview_px: int | None = None
    inks: int | None = None
    colourways: int | None = None
    genome: Genome | None = field(default=None, compare=False, repr=False)
    where: str = field(default="", compare=False)

    def description(self) -> dict[str, Any]:
        """The canonical description that :attr:`key` hashes."""
        out: dict[str, Any] = {"source": self.source, "format": self.format}
        out["outputs"] = list(self.outputs)
        for name in ("ppi", "preview_px", "inks", "colourways"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @property
    def key(self) -> str:
        return hashlib.sha256(canonical_json(self.description()).encode()).hexdigest()

    @property
    def label(self) -> str:
        """A short name for messages: ``alice/17``, ``slot 3:17`` or ``genome 1a2b3c...``."""
        s = self.source
        if "person" in s:
            return f"{s['person']}/{s['n']}"
        if "slot" in s:
            return f"{s['slot']}:{s['n']}"
        return f"genome {s['genome'][:12]}"


def parse_outputs(value: Any) -> tuple[str, ...]:
    """Outputs from a list or a text like ``preview+master`` (also ``,`` ``;`` or spaces)."""
    if isinstance(value, str):
        for sep in ",;+":
            value = value.replace(sep, " ")
        names = value.split()
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        names = list(value)
    else:
        raise FoulardError(f"outputs must be a list of names, got {value!r}")
    bad = [n for n in names if n not in OUTPUTS]
    if bad:
        raise FoulardError(f"unknown output {bad[0]!r}; valid: {', '.join(OUTPUTS)}")
    if not names:
        raise FoulardError(f"no outputs asked; valid: {', '.join(OUTPUTS)}")
    return tuple(n for n in OUTPUTS if n in names)


def _number(name: str, value: Any, lo: float, hi: float, *, whole: bool) -> float | int:
    if isinstance(value, str):
        try:
            value = int(value) if whole else float(value)
        except ValueError:
            raise FoulardError(f"{name} must be a number, got {value!r}") from None
    ok_type = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type or not lo <= value <= hi:
        kind = "a whole number" if whole else "a number"
        raise FoulardError(f"{name} must be {kind} from {lo:g} to {hi:g}, got {value!r}")
    return int(value) if whole else float(value)


def _source(spec: dict[str, Any]) -> tuple[dict[str, Any], Genome | None]:
    """The unit's source description (and its genome when it is given)."""
    genome = spec.get("genome")
    person, slot = spec.get("person"), spec.get("slot")
    given = [k for k in ("genome", "person", "slot") if spec.get(k) not in (None, "")]
    if len(given) != 1:
        raise FoulardError(
            "give exactly one of genome (a file or an inline genome), person with n, "
            f"or slot with n; got {', '.join(given) or 'none'}"
        )
    if genome not in (None, ""):
        if not isinstance(genome, Genome):
            raise FoulardError(f"genome must be a genome, got {type(genome).__name__}")
        digest = hashlib.sha256(genome.canonical().encode()).hexdigest()
        return {"genome": digest}, genome
    n = _number("n", spec.get("n"), 0, PER_PERSON - 1, whole=True)
    if person not in (None, ""):
        from foulard.ledger.persons import check_person_id

        return {"person": check_person_id(person), "n": n}, None
    return {"slot": _number("slot", slot, 0, SLOTS - 1, whole=True), "n": n}, None


def make_unit(spec: dict[str, Any], *, where: str = "") -> Unit:
    """A unit from a mapping (``genome`` as a :class:`Genome`; missing options: DEFAULTS).

    Errors name ``where`` (e.g. ``job.json line 12 (units[3])``).
    """
    try:
        opts = {**DEFAULTS, **{k: v for k, v in spec.items() if v not in (None, "")}}
        source, genome = _source(spec)
        fmt = get_format(str(opts["format"])).name
        outputs = parse_outputs(opts["outputs"])
        ppi = preview_px = inks = colourways = None
        if "master" in outputs or "order" in outputs:
            ppi = _number("ppi", opts["ppi"], 1e-9, 1e9, whole=False)
            check_ppi(ppi)
        if "preview" in outputs:
            preview_px = _number("preview_px", opts["preview_px"], *PREVIEW_PX, whole=True)
        if "order" in outputs:
            inks = _number("inks", opts["inks"], 2, MAX_INKS, whole=True)
            colourways = _number("colourways", opts["colourways"], 0, MAX_COLOURWAYS, whole=True)
    except FoulardError as exc:
        raise JobFileError(f"{where}: {exc}" if where else str(exc)) from None
    return Unit(source, fmt, outputs, ppi, preview_px, inks, colourways, genome, where)
