"""curves.chord_envelope: times-table circles and curve stitching."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.chord_envelope import ChordEnvelopeParams, chords


def test_times_table_threads_join_pin_i_to_pin_k_i():
    p = ChordEnvelopeParams(points=60, multiplier=7.0, radius=1.0, rotation=0.0, cx=0, cy=0)
    lines = chords(p)
    assert lines.shape == (60, 4)
    a = np.arctan2(lines[:, 1], lines[:, 0]) % (2 * np.pi)
    b = np.arctan2(lines[:, 3], lines[:, 2]) % (2 * np.pi)
    i = np.round(a / (2 * np.pi) * 60).astype(int) % 60
    j = np.round(b / (2 * np.pi) * 60).astype(int) % 60
    assert np.array_equal(i, np.arange(60)) and np.array_equal(j, (7 * np.arange(60)) % 60)
    assert np.allclose(np.hypot(lines[:, 0], lines[:, 1]), 1.0)


def test_doubling_threads_are_tangent_to_the_cardioid():
    # The thread from e^(it) to e^(2it) touches the cardioid (2 e^(it) + e^(2it)) / 3
    # there, with the cardioid's tangent along the thread.
    p = ChordEnvelopeParams(points=90, multiplier=2.0, radius=1.0, rotation=0.0, cx=0, cy=0)
    lines = chords(p)
    t = 2 * np.pi * np.arange(90) / 90
    touch = (2 * np.exp(1j * t) + np.exp(2j * t)) / 3
    a, b = lines[:, 0] + 1j * lines[:, 1], lines[:, 2] + 1j * lines[:, 3]
    u = (touch - a) / np.where(b != a, b - a, 1)
    ok = b != a
    assert np.allclose(u[ok].imag, 0, atol=1e-9) and (u[ok].real >= -1e-9).all()
    assert (u[ok].real <= 1 + 1e-9).all()  # on the thread itself
    tangent = 2j * (np.exp(1j * t) + np.exp(2j * t)) / 3
    cross = (tangent * np.conj(b - a)).imag
    assert np.allclose(cross[ok], 0, atol=1e-9)


@pytest.mark.parametrize("mode", ["star", "polygon"])
def test_stitching_threads_join_neighbouring_spokes_or_sides(mode):
    p = ChordEnvelopeParams(mode=mode, spokes=6, points=10, radius=1.0, rotation=0.0, cx=0, cy=0)
    lines = chords(p)
    assert lines.shape == (60, 4)
    a = np.arctan2(lines[:, 1], lines[:, 0])
    b = np.arctan2(lines[:, 3], lines[:, 2])
    if mode == "star":  # ends on spokes j and j + 1
        turn = np.round((b - a) / (np.pi / 3)) % 6
        assert (turn == 1).all()
        q = a / (np.pi / 3)
        assert np.allclose(q, np.round(q), atol=1e-9)  # on a spoke
    else:  # ends on the polygon's sides: distance to the centre between apothem and radius
        r = np.hypot(lines[:, 2], lines[:, 3])
        assert (r >= np.cos(np.pi / 6) - 1e-9).all() and (r <= 1 + 1e-9).all()


def test_translucent_threads_build_up_where_they_cross(bind):
    f = bind(Node.make("curves.chord_envelope", opacity=0.3, line_width=0.004, frame=False))
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0.1, 0.9, 40000), rng.uniform(0.1, 0.9, 40000)
    alpha = f.sample(x, y, 1 / 1024, channel=3)
    assert 0.25 < np.percentile(alpha[alpha > 0], 50) < 0.35  # one thread: its opacity
    assert alpha.max() > 0.6  # crossings are denser
    far = f.sample(np.array([0.02]), np.array([0.02]), 1 / 1024, channel=3)
    assert far[0] == 0.0
