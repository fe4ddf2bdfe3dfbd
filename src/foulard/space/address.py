"""Addresses in the design space: (person slot, n) and their index.

A person's *slot* s is the dense number the ledger hands out at registration
(0 <= s < 8 x 10^9) and n counts that person's designs (0 <= n < 100,000); the
address's index is ``i = s * 100,000 + n``, below 8 x 10^14 < 2^50.

>>> a = Address(12, 345)
>>> a.index
1200345
>>> Address.from_index(1200345)
Address(slot=12, n=345)
>>> Address(8_000_000_000, 0)
Traceback (most recent call last):
...
foulard.errors.SpaceError: slot must be an integer in [0, 7999999999], got 8000000000
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.errors import SpaceError

__all__ = ["MAX_INDEX", "PER_PERSON", "SLOTS", "Address", "check_indices", "check_n", "check_slot"]

SLOTS = 8_000_000_000
PER_PERSON = 100_000
MAX_INDEX = SLOTS * PER_PERSON  # 8 x 10^14 < 2^50


def _check_int(name: str, value, upper: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise SpaceError(f"{name} must be an integer, got {value!r}")
    if not 0 <= int(value) < upper:
        raise SpaceError(f"{name} must be an integer in [0, {upper - 1}], got {value}")
    return int(value)


def check_slot(slot) -> int:
    return _check_int("slot", slot, SLOTS)


def check_n(n) -> int:
    return _check_int("n", n, PER_PERSON)


def check_indices(indices) -> np.ndarray:
    """Validated address indices as ``uint64``."""
    arr = np.asarray(indices)
    if arr.dtype.kind not in "ui":
        raise SpaceError(f"address indices must be integers, got {arr.dtype}")
    if arr.size and (int(arr.min()) < 0 or int(arr.max()) >= MAX_INDEX):
        raise SpaceError(f"address indices must lie in [0, {MAX_INDEX - 1}]")
    return arr.astype(np.uint64)


@dataclass(frozen=True, order=True)
class Address:
    """One design's place in the space: person slot and the person's design number."""

    slot: int
    n: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "slot", check_slot(self.slot))
        object.__setattr__(self, "n", check_n(self.n))

    @property
    def index(self) -> int:
        return self.slot * PER_PERSON + self.n

    @classmethod
    def from_index(cls, index: int) -> Address:
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise SpaceError(f"an address index must be an integer, got {index!r}")
        if not 0 <= int(index) < MAX_INDEX:
            raise SpaceError(f"address index {index} is outside [0, {MAX_INDEX - 1}]")
        return cls(*divmod(int(index), PER_PERSON))

    def to_json(self) -> dict[str, int]:
        return {"slot": self.slot, "n": self.n}

    def __str__(self) -> str:
        return f"{self.slot}:{self.n}"
