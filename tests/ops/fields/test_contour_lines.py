"""fields.contour_lines: isolines at the requested levels, even in width."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node

SOURCE = Node.make("fields.simplex_noise", scale=0.4)


def _runs(mask):
    """(start, stop) index pairs of the runs of True in a 1-D mask, bar cut-off ends."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    runs = edges.reshape(-1, 2)
    return runs[(runs[:, 0] > 0) & (runs[:, 1] < len(mask))]


@pytest.mark.parametrize("levels,offset", [(10, 0.5), (7, 0.0), (23, 0.3)])
def test_lines_sit_at_the_requested_levels(bind, levels, offset):
    weight = 0.002
    node = Node.make(
        "fields.contour_lines",
        inputs={"source": SOURCE},
        levels=levels,
        offset=offset,
        weight=weight,
        index_every=0,
    )
    f = bind(node)
    src = f.root.children["source"]
    y = np.linspace(0.0, 1.0, 20001)
    for x0 in (0.13, 0.41, 0.77):
        x = np.full_like(y, x0)
        k = f.sample(x, y, bound=src).astype(np.float64) * levels - offset
        # Where the source crosses a level (refined linearly), a line is centred.
        i = np.flatnonzero(np.floor(k[1:]) != np.floor(k[:-1]))
        assert len(i) > 3
        level = np.maximum(np.floor(k[i]), np.floor(k[i + 1]))
        yc = y[i] + (level - k[i]) / (k[i + 1] - k[i]) * (y[1] - y[0])
        assert np.allclose(f.sample(x[i], yc, footprint=1e-4), 1.0)
        # Points more than a line width from every level (by the true slope) are clear.
        h = 1e-4
        kx = f.sample(x + h, y, bound=src).astype(np.float64) * levels - offset
        slope = np.hypot(np.gradient(k, y), (kx - k) / h) / levels
        far = np.abs(k - np.round(k)) / levels > 1.5 * weight * np.maximum(slope, 1e-9)
        assert not f.sample(x[far], y[far], footprint=1e-4).any()


def test_line_width_is_even_where_the_field_is_steep_or_flat(bind):
    # A linear ramp with two slopes: lines must be `weight` wide on both.
    ramp = Node.make("fields.sine_grating", profile="triangle", frequency=0.5, angle=0.0, phase=0.0)
    weight = 0.004
    for freq in (0.5, 0.25):
        f = bind(
            Node.make(
                "fields.contour_lines",
                inputs={"source": ramp.replace(frequency=freq)},
                levels=20,
                weight=weight,
                index_every=0,
            )
        )
        y = np.linspace(0.05, 0.95, 90001)
        cover = f.sample(np.full_like(y, 0.5), y, footprint=1e-4)
        widths = [(b - a) * (y[1] - y[0]) for a, b in _runs(cover > 0.5)]
        assert widths and np.allclose(widths, weight, rtol=0.02)


def test_index_lines_are_heavier(bind):
    node = Node.make(
        "fields.contour_lines",
        inputs={"source": Node.make("fields.sine_grating", profile="triangle", frequency=0.5)},
        levels=20,
        offset=0.0,
        weight=0.002,
        index_every=5,
        index_weight=3.0,
    )
    f = bind(node)
    y = np.linspace(0.05, 0.95, 90001)
    cover = f.sample(np.full_like(y, 0.5), y, footprint=1e-4)
    widths = np.array([(b - a) * (y[1] - y[0]) for a, b in _runs(cover > 0.5)])
    assert np.isclose(widths.max(), 3 * widths.min(), rtol=0.03)
    assert np.isclose(widths.min(), 0.002, rtol=0.03)


def test_crowded_lines_fade_to_their_ink_share(bind, points):
    f = bind(
        Node.make(
            "fields.contour_lines",
            inputs={"source": Node.make("fields.sine_grating", profile="triangle", frequency=0.5)},
            levels=200,
            weight=0.0005,
            index_every=0,
        )
    )
    x, y = points(2000, lo=0.1, hi=0.4)
    v = f.sample(x, y, footprint=0.05)
    # Slope of the ramp: 2 * 0.5 = 1 per unit: spacing 1/200, ink share 0.1.
    assert np.allclose(v, 0.1, atol=0.01)
