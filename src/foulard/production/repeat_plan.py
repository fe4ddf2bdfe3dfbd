"""Planning a repeat: its type and drop, the unit's size and pixels, rotary fitting,
and the integer fold that says which unit pixel each tile pixel shows.

See :mod:`foulard.production.repeats` for what the types mean.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from foulard.errors import FoulardError, SizeError
from foulard.render.context import MM_PER_INCH
from foulard.scarf.formats import check_ppi

__all__ = [
    "DEFAULT_CIRCUMFERENCE_MM",
    "DROPS",
    "REPEAT_TYPES",
    "RepeatPlan",
    "fit_to_circumference",
    "fold_pixels",
    "plan_repeat",
    "repeat_type",
]

REPEAT_TYPES = ("block", "half-drop", "brick", "mirror", "centre")
DROPS = ("1/2", "1/3", "1/4")
DEFAULT_CIRCUMFERENCE_MM = 640.0  # the common rotary screen (25.25 in)
_ALIASES = {
    "full-drop": "block",
    "straight": "block",
    "half_drop": "half-drop",
    "halfdrop": "half-drop",
    "half-brick": "brick",
    "center": "centre",
}


def repeat_type(name: str) -> str:
    """The canonical repeat type for ``name`` (aliases accepted); an error lists valid ones."""
    key = str(name).strip().lower().replace(" ", "-")
    key = _ALIASES.get(key, key)
    if key not in REPEAT_TYPES:
        valid = ", ".join(REPEAT_TYPES)
        raise FoulardError(f"unknown repeat type {name!r}; valid: {valid}")
    return key


def _layout(kind: str, drop: str | None) -> tuple[int, int, int]:
    """Units across and down in one period, and what ``unit_px`` must be a multiple of."""
    if kind in ("half-drop", "brick"):
        d = Fraction(drop).denominator
        return (d, 1, d) if kind == "half-drop" else (1, d, d)
    if kind == "mirror":
        return 2, 2, 1
    if kind == "centre":
        return 1, 1, 2
    return 1, 1, 1


def fit_to_circumference(
    height_mm: float, circumference_mm: float = DEFAULT_CIRCUMFERENCE_MM, *, rows: int = 1
) -> tuple[float, int]:
    """The unit height ``C / k`` nearest ``height_mm``, ``k`` a multiple of ``rows``.

    ``rows`` is the number of units in the period's height (2 for a brick 1/2), so the
    screen holds ``k / rows`` whole periods. Returns ``(unit_mm, k)``; ties go to the
    larger unit.

    >>> fit_to_circumference(300.0)
    (320.0, 2)
    >>> fit_to_circumference(150.0, rows=2)
    (160.0, 4)
    """
    if not (math.isfinite(circumference_mm) and circumference_mm > 0):
        raise SizeError(f"circumference must be positive, got {circumference_mm!r}")
    if not (math.isfinite(height_mm) and height_mm > 0):
        raise SizeError(f"repeat height must be positive, got {height_mm!r}")
    m = max(1, math.floor(circumference_mm / height_mm / rows))
    best = min(
        (m, m + 1),
        key=lambda k: (abs(circumference_mm / (k * rows) - height_mm), k),
    )
    return circumference_mm / (best * rows), best * rows


@dataclass(frozen=True)
class RepeatPlan:
    """What one repeat tile is: type, unit size, pixels, fitting.

    Build it with :func:`plan_repeat`. ``unit_mm`` is the side of the (square) unit on
    the cloth, after fitting; the period is ``cols x rows`` units.
    """

    kind: str
    drop: str | None
    unit_mm: float
    requested_mm: float
    ppi: float
    unit_px: int
    cols: int
    rows: int
    circumference_mm: float | None = None
    repeats_per_circumference: int | None = None

    @property
    def tile_px(self) -> tuple[int, int]:
        """Width and height of one period in pixels."""
        return self.cols * self.unit_px, self.rows * self.unit_px

    @property
    def tile_mm(self) -> tuple[float, float]:
        return self.cols * self.unit_mm, self.rows * self.unit_mm

    @property
    def true_ppi(self) -> float:
        """The density the file declares: ``unit_px`` over the unit's size in inches."""
        return self.unit_px * MM_PER_INCH / self.unit_mm

    @property
    def shift_px(self) -> int:
        """The drop (half-drop) or step (brick) in pixels; 0 for the other types."""
        if self.drop is None:
            return 0
        return int(self.unit_px * Fraction(self.drop))

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(
            type=out.pop("kind"),
            tile_px=list(self.tile_px),
            tile_mm=list(self.tile_mm),
            true_ppi=self.true_ppi,
            shift_px=self.shift_px,
            fitted=self.circumference_mm is not None,
            file_steps="block",  # the file is one period: the printer steps it straight
        )
        return out


def plan_repeat(
    kind: str = "block",
    *,
    drop: str | None = None,
    height_mm: float = 320.0,
    ppi: float = 300.0,
    circumference_mm: float | None = None,
    force: bool = False,
) -> RepeatPlan:
    """Plan a repeat of a square unit ``height_mm`` high at ``ppi``.

    Parameters
    ----------
    kind : str
        One of :data:`REPEAT_TYPES`.
    drop : str, optional
        ``1/2``, ``1/3`` or ``1/4``, for ``half-drop`` and ``brick`` only (default 1/2).
    height_mm : float
        The unit's height asked for (the unit is square).
    ppi : float
        Pixels per inch; below 150 is refused unless ``force``. The unit is rounded to
        a whole number of pixels (and of drop steps), so the true density, which the
        file declares, can differ from ``ppi`` in the fourth digit.
    circumference_mm : float, optional
        Fit the period's height to a rotary screen of this circumference
        (:data:`DEFAULT_CIRCUMFERENCE_MM` is the common one).
    """
    kind = repeat_type(kind)
    if kind in ("half-drop", "brick"):
        drop = "1/2" if drop is None else str(drop).strip()
        if drop not in DROPS:
            raise FoulardError(f"unknown drop {drop!r}; valid: {', '.join(DROPS)}")
    elif drop is not None:
        raise FoulardError(f"a {kind} repeat has no drop (only half-drop and brick do)")
    check_ppi(ppi, force=force)
    cols, rows, multiple = _layout(kind, drop)
    unit_mm = float(height_mm)
    k = None
    if circumference_mm is not None:
        unit_mm, k = fit_to_circumference(height_mm, circumference_mm, rows=rows)
    elif not (math.isfinite(unit_mm) and unit_mm > 0):
        raise SizeError(f"repeat height must be positive, got {height_mm!r}")
    if unit_mm < 5.0:
        raise SizeError(f"a repeat unit of {unit_mm:g} mm is too small to print (5 mm at least)")
    unit_px = multiple * round(unit_mm / MM_PER_INCH * ppi / multiple)
    if unit_px < 2 * multiple:
        raise SizeError(f"a {unit_mm:g} mm unit at {ppi:g} ppi is only {unit_px} px")
    return RepeatPlan(
        kind=kind,
        drop=drop,
        unit_mm=unit_mm,
        requested_mm=float(height_mm),
        ppi=float(ppi),
        unit_px=unit_px,
        cols=cols,
        rows=rows,
        circumference_mm=None if circumference_mm is None else float(circumference_mm),
        repeats_per_circumference=k,
    )


def fold_pixels(
    kind: str, n: int, shift: int, i: np.ndarray, j: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The unit pixel ``(iu, iv)`` that tile pixel ``(i, j)`` shows, in integers.

    ``n`` is the unit in pixels and ``shift`` the drop in pixels. For ``centre`` the
    third result says which copy won (the one shifted by half a unit where true);
    otherwise it is None.
    """
    if kind == "block":
        return i % n, j % n, None
    if kind == "half-drop":
        c = i // n
        return i - c * n, (j - c * shift) % n, None
    if kind == "brick":
        r = j // n
        return (i - r * shift) % n, j - r * n, None
    if kind == "mirror":
        iu, iv = i % (2 * n), j % (2 * n)
        return np.where(iu >= n, 2 * n - 1 - iu, iu), np.where(iv >= n, 2 * n - 1 - iv, iv), None
    if kind == "centre":
        h = n // 2
        ua, va = i % n, j % n
        ub, vb = (i + h) % n, (j + h) % n
        # Distances from each copy's centre in half pixels (exact integers): a diamond.
        da = np.abs(2 * ua + 1 - n) + np.abs(2 * va + 1 - n)
        db = np.abs(2 * ub + 1 - n) + np.abs(2 * vb + 1 - n)
        other = db < da
        return np.where(other, ub, ua), np.where(other, vb, va), other
    raise FoulardError(f"unknown repeat type {kind!r}")


def _steps(kind: str, n: int, shift: int) -> tuple[int, int]:
    """Cell size (x, y) in pixels within which every copy is one plain translation."""
    if kind == "half-drop":
        return n, shift
    if kind == "brick":
        return shift, n
    if kind == "centre":
        return n // 2, n // 2
    return n, n
