"""Genes and alleles: the design decisions of the space, as declared tables.

A :class:`Gene` is one design decision with exactly :data:`ALLELES` (256) alleles.
Where a decision has fewer natural options it is *paired* with another inside the
gene: the gene declares :class:`Factor` s whose option counts multiply to 256 (say 16
lattice groups x 16 motifs), and allele ``a`` is the mixed-radix number
``a = f0 * (n1 * n2 ...) + f1 * (n2 ...) + ...``. Every option of every factor is a
different choice (a different operator, symmetry group, motif or palette), so any two
alleles differ in at least one visible choice; nothing is ever indexed modulo a
shorter list (:meth:`Gene.check` refuses a factor with repeated options).

Options are plain data (operator ids and explicit parameters), so a space version's
tables can be hashed (:meth:`Gene.digest`) and pinned: changing a table without
bumping the space version fails the tests.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ALLELES", "Factor", "Gene", "Option", "tables_digest"]

ALLELES = 256


@dataclass(frozen=True)
class Option:
    """One choice of a factor: a short name and its data (JSON-able)."""

    name: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "data": _plain(self.data)}


def _plain(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


@dataclass(frozen=True)
class Factor:
    """One axis of a gene: a name and its options (a power of two of them)."""

    name: str
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))

    def __len__(self) -> int:
        return len(self.options)


@dataclass(frozen=True)
class Gene:
    """A design decision with 256 alleles, the product of its factors."""

    name: str
    doc: str
    factors: tuple[Factor, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "factors", tuple(self.factors))
        self.check()

    def check(self) -> None:
        sizes = [len(f) for f in self.factors]
        if math.prod(sizes) != ALLELES:
            raise ValueError(
                f"gene {self.name}: factor sizes {sizes} multiply to {math.prod(sizes)}, "
                f"not {ALLELES}"
            )
        for f in self.factors:
            names = [o.name for o in f.options]
            datas = [json.dumps(_plain(o.data), sort_keys=True) for o in f.options]
            if len(set(names)) != len(names) or len(set(datas)) != len(datas):
                raise ValueError(f"gene {self.name}: factor {f.name} repeats an option")

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(f) for f in self.factors)

    def choices(self, allele: int) -> tuple[Option, ...]:
        """The option of each factor that allele ``allele`` picks."""
        if not 0 <= allele < ALLELES:
            raise ValueError(f"an allele is in [0, {ALLELES - 1}], got {allele}")
        out = []
        rest = allele
        for f in reversed(self.factors):
            rest, i = divmod(rest, len(f))
            out.append(f.options[i])
        return tuple(reversed(out))

    def allele_of(self, indices: Sequence[int]) -> int:
        """The allele picking option ``indices[j]`` of factor j."""
        a = 0
        for f, i in zip(self.factors, indices, strict=True):
            a = a * len(f) + i
        return a

    def allele_name(self, allele: int) -> str:
        return " · ".join(o.name for o in self.choices(allele))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "doc": self.doc,
            "factors": [
                {"name": f.name, "options": [o.to_json() for o in f.options]} for f in self.factors
            ],
        }

    def digest(self) -> str:
        text = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tables_digest(genes: Sequence[Gene]) -> str:
    """One SHA-256 over a space version's allele tables (pinned by the version)."""
    return hashlib.sha256("".join(g.digest() for g in genes).encode("ascii")).hexdigest()
