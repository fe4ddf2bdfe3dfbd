"""Isometries in lattice coordinates, and the finite groups they generate.

In lattice coordinates (``p = a e1 + b e2``) every symmetry of a lattice is an
integer matrix plus a translation; for the 17 wallpaper and 7 frieze groups (with
the usual choice of origin) the translations are multiples of 1/2. Applying such an
op to a point whose coordinates are multiples of 2^-24 is therefore exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["IDENTITY", "Op", "group", "op"]


@dataclass(frozen=True)
class Op:
    """An isometry in lattice coordinates: ``q -> A q + t`` (``A`` integer, ``t`` dyadic)."""

    a00: int
    a01: int
    a10: int
    a11: int
    ta: float = 0.0
    tb: float = 0.0

    @property
    def matrix(self) -> np.ndarray:
        return np.array([[self.a00, self.a01], [self.a10, self.a11]], np.float64)

    def apply(self, qa, qb):
        return (
            self.a00 * qa + self.a01 * qb + self.ta,
            self.a10 * qa + self.a11 * qb + self.tb,
        )

    def shifted(self, da: float, db: float) -> Op:
        """This op followed by the translation ``(da, db)``."""
        return Op(self.a00, self.a01, self.a10, self.a11, self.ta + da, self.tb + db)

    def then(self, other: Op) -> Op:
        """``other`` after ``self``: ``q -> other(self(q))``."""
        ta, tb = other.apply(self.ta, self.tb)
        return Op(
            other.a00 * self.a00 + other.a01 * self.a10,
            other.a00 * self.a01 + other.a01 * self.a11,
            other.a10 * self.a00 + other.a11 * self.a10,
            other.a10 * self.a01 + other.a11 * self.a11,
            ta,
            tb,
        )

    def modulo(self) -> Op:
        """The same coset modulo whole lattice translations (translation in [0, 1))."""
        return Op(self.a00, self.a01, self.a10, self.a11, self.ta % 1.0, self.tb % 1.0)


IDENTITY = Op(1, 0, 0, 1)


def op(a00: int, a01: int, a10: int, a11: int, ta: float = 0.0, tb: float = 0.0) -> Op:
    """``q -> (a00 a + a01 b + ta, a10 a + a11 b + tb)``."""
    return Op(a00, a01, a10, a11, ta, tb)


def group(*generators: Op) -> tuple[Op, ...]:
    """Coset representatives (modulo translations) of the group the generators make.

    The identity comes first; the order is that of discovery, so it is stable.
    """
    found = [IDENTITY]
    seen = {IDENTITY}
    i = 0
    while i < len(found):
        for g in generators:
            h = found[i].then(g).modulo()
            if h not in seen:
                if len(found) >= 48:
                    raise ValueError("generators do not make a finite point group")
                seen.add(h)
                found.append(h)
        i += 1
    return tuple(found)
