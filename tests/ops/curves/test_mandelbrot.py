"""curves.mandelbrot: the Mandelbrot set, multibrots, burning ship, tricorn."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves._escape import escape_time
from foulard.ops.curves.mandelbrot import PRESETS, MandelbrotParams, resolved
from ops.curves._helpers import grid_points


@pytest.mark.parametrize("preset", ["mandelbrot", "tricorn"])
def test_mirror_symmetric_about_the_real_axis(bind, preset):
    # Both are invariant under c -> conj(c); their views are centred on the axis.
    assert PRESETS[preset][2].im == 0.0 and PRESETS[preset][2].rotation == 0.0
    f = bind(Node.make("curves.mandelbrot", preset=preset, style="escape"))
    x, y = grid_points()
    assert np.array_equal(f.sample(x, y, 1 / 256), f.sample(x, 1.0 - y, 1 / 256))


def test_multibrot_of_power_three_is_symmetric_under_c_to_minus_c(bind):
    node = dict(preset="custom", power=3, center_re=0.0, span=2.8, style="lace")
    f = bind(Node.make("curves.mandelbrot", **node))
    x, y = grid_points()
    a = f.sample(x, y, 1 / 256)
    assert np.array_equal(a, f.sample(1.0 - x, 1.0 - y, 1 / 256))
    assert a.max() >= 0.5


def test_known_points_inside_and_outside():
    c = np.array([0.0, -1.0, -0.1, 0.3, -2.1, 0.5, 1.0])
    res = escape_time(
        np.zeros_like(c),
        np.zeros_like(c),
        c,
        np.zeros_like(c),
        formula="standard",
        power=2,
        iterations=200,
        parameter_plane=True,
    )
    # 0, -1 (period 2) and -0.1 are in the set; 0.3 (past the cusp at 1/4), -2.1, 0.5, 1 are not.
    assert res.inside.tolist() == [True, True, True, False, False, False, False]
    # The distance estimate grows as c moves away from the set along the axis.
    assert 0 < res.distance[3] < res.distance[5] < res.distance[6]


def test_burning_ship_folds_before_squaring():
    c = np.array([-1.75]), np.array([-0.03])
    a, b = (
        escape_time(
            np.zeros(1), np.zeros(1), *c, formula=f, power=2, iterations=300, parameter_plane=True
        )
        for f in ("burning_ship", "standard")
    )
    assert a.inside[0] != b.inside[0] or a.nu[0] != b.nu[0]


def test_presets_name_their_views_and_custom_uses_the_parameters():
    formula, power, view = resolved(MandelbrotParams(preset="burning_ship"))
    assert formula == "burning_ship" and view.flip
    p = MandelbrotParams(preset="custom", formula="tricorn", power=3, span=1.5, center_re=0.1)
    formula, power, view = resolved(p)
    assert (formula, power, view.span, view.re) == ("tricorn", 3, 1.5, 0.1)
