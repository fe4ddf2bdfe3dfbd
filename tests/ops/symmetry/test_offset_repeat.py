"""Half-drop and brick repeats: periodic under their shifted steps, not the plain ones."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from foulard.ops import get
from foulard.ops.symmetry.offset_repeat import OffsetParams

CASES = [
    pytest.param(op, drop, aspect, id=f"{op.split('.')[1]}-{drop}-{aspect}")
    for op in ("symmetry.half_drop", "symmetry.brick")
    for drop, aspect in (("1/2", 1.0), ("1/4", 0.5), ("1/3", 1.5))
]


@pytest.mark.parametrize(("op", "drop", "aspect"), CASES)
def test_periodic_under_declared_periods_only(op, drop, aspect, sampler, dyadic):
    kw = {"repeats": 4, "drop": drop, "aspect": aspect, "motif_size": 0.9}
    f = sampler(op, **kw)
    periods = get(op).periods(OffsetParams(**kw))
    x, y = dyadic()
    base = f(x, y)
    assert np.ptp(base) > 0.2
    for dx, dy in periods:
        assert np.array_equal(base, f(x + dx, y + dy)), (dx, dy)
    w, h = 0.25, 0.25 * aspect
    plain = (w, 0.0) if op == "symmetry.half_drop" else (0.0, h)
    assert (np.abs(base - f(x + plain[0], y + plain[1])) > 1e-3).mean() > 0.25
    # The shift really is the fraction asked for: column (row) step plus the drop.
    frac = float(Fraction(drop))
    step = (w, frac * h) if op == "symmetry.half_drop" else (frac * w, h)
    assert np.abs(base - f(x + step[0], y + step[1])).max() <= 1e-6


def test_half_drop_tiles_the_unit_square_when_columns_allow(sampler, dyadic):
    f = sampler("symmetry.half_drop", repeats=4, drop="1/2")
    x, y = dyadic()
    base = f(x, y)
    assert np.abs(base - f(x + 1.0, y)).max() <= 1e-6
    assert np.abs(base - f(x, y + 1.0)).max() <= 1e-6
