"""fields.fbm, fields.turbulence, fields.ridged_multifractal: sums of octaves."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.fields._octaves import _turn, contrast_gain, stretch_low, stretch_mid

PERLIN = Node.make("fields.perlin_noise", frequency=5)


def _grid(n=160):
    xs = (np.arange(n) + 0.5) / n
    return np.meshgrid(xs, xs)


@pytest.mark.parametrize("normalize", ["contrast", "range"])
def test_fbm_with_one_octave_is_its_source(bind, points, normalize):
    f = bind(Node.make("fields.fbm", inputs={"source": PERLIN}, octaves=1, normalize=normalize))
    x, y = points()
    source = f.sample(x, y, bound=f.root.children["source"])
    assert np.array_equal(f.sample(x, y), source)


def test_octaves_sample_the_source_where_the_state_says(bind, points):
    # Two octaves, plain mean: (s(p) + g s(T p)) / (1 + g), T = scale, turn, shift.
    g = 0.6
    node = Node.make(
        "fields.fbm", inputs={"source": PERLIN}, octaves=2, gain=g, lacunarity=3, normalize="range"
    )
    f = bind(node)
    shifts, turns = f.root.state(None)
    x, y = points()
    src = f.root.children["source"]
    tx, ty = _turn(3.0 * x, 3.0 * y, int(turns[1]))
    expect = (
        f.sample(x, y, bound=src) + g * f.sample(tx + shifts[1, 0], ty + shifts[1, 1], bound=src)
    ) / (1 + g)
    assert np.allclose(f.sample(x, y), expect, atol=1e-6)


def test_fbm_over_a_tiling_source_tiles(bind, points):
    f = bind(Node.make("fields.fbm", inputs={"source": PERLIN}, octaves=6, lacunarity=3))
    x, y = points(seed=3)
    base = f.sample(x, y)
    for dx, dy in [(1.0, 0.0), (0.0, 1.0), (-2.0, 5.0)]:
        assert np.allclose(base, f.sample(x + dx, y + dy), atol=1e-6)


def test_contrast_mode_restores_one_octaves_spread(bind):
    x, y = _grid()
    plain = bind(Node.make("fields.fbm", inputs={"source": PERLIN}, normalize="range"))
    stretched = bind(Node.make("fields.fbm", inputs={"source": PERLIN}))
    src = plain.sample(x, y, bound=plain.root.children["source"])
    a, b = plain.sample(x, y), stretched.sample(x, y)
    assert b.min() >= 0.0 and b.max() <= 1.0
    assert b.std() > 1.3 * a.std()
    assert b.std() == pytest.approx(src.std(), rel=0.35)
    # A monotone curve of the plain mean: the order of values is kept.
    order = np.argsort(a.ravel())
    assert (np.diff(b.ravel()[order]) >= -1e-6).all()


def test_stretch_curves_hit_their_ends_and_slopes():
    v = np.linspace(0, 1, 10001, dtype=np.float32)
    for curve, at in ((stretch_mid, 5000), (stretch_low, 0)):
        out = curve(v, 1.7)
        assert abs(float(out[0])) < 1e-6
        assert abs(float(out[-1]) - 1.0) < 1e-6
        slope = (float(out[at + 1]) - float(out[at])) / 1e-4
        assert slope == pytest.approx(1.7, rel=0.01)
        assert (np.diff(out) >= 0).all()
    assert contrast_gain([1.0]) == 1.0
    assert contrast_gain([1.0, 1.0, 1.0, 1.0]) == pytest.approx(2.0)


def test_turbulence_differs_from_fbm_and_folds_the_source(bind, points):
    x, y = points()
    args = {"inputs": {"source": PERLIN}, "octaves": 4}
    fbm = bind(Node.make("fields.fbm", **args)).sample(x, y)
    turb = bind(Node.make("fields.turbulence", **args))
    t = turb.sample(x, y)
    assert np.abs(fbm - t).mean() > 0.1
    assert t.min() >= 0.0 and t.max() <= 1.0
    one = bind(
        Node.make("fields.turbulence", inputs={"source": PERLIN}, octaves=1, normalize="range")
    )
    s = one.sample(x, y, bound=one.root.children["source"])
    assert np.allclose(one.sample(x, y), np.abs(2 * s - 1), atol=1e-6)


def test_turbulence_creases_where_the_source_crosses_the_middle(bind):
    # Perlin noise is 0.5 on its lattice, so one folded octave is black there.
    turb = bind(Node.make("fields.turbulence", inputs={"source": PERLIN}, octaves=1))
    i = np.arange(6) / 5
    assert np.allclose(turb.sample(*np.meshgrid(i, i)), 0.0, atol=3e-6)


def test_ridged_one_octave_and_range(bind, points):
    x, y = points()
    one = bind(
        Node.make("fields.ridged_multifractal", inputs={"source": PERLIN}, octaves=1, offset=1.2)
    )
    s = one.sample(x, y, bound=one.root.children["source"])
    assert np.allclose(one.sample(x, y), (1.2 - np.abs(2 * s - 1)) ** 2 / 1.44, atol=1e-6)
    many = bind(Node.make("fields.ridged_multifractal", inputs={"source": PERLIN}, gain=8.0))
    v = many.sample(*_grid())
    assert v.min() >= 0.0 and v.max() <= 1.0
    assert v.std() > 0.1
