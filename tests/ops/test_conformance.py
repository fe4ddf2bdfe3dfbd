"""One conformance suite over the whole registry.

Every registered operator, whatever its family, must be deterministic, round-trip
through JSON, produce finite float32 values of the declared shape in range,
render alike at 512 and 1024 px, and (when it claims periods) repeat exactly.
Quirks are declared on the operator (``resolution_tolerance``, ``example_params``),
never special-cased here.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.ops import operators
from foulard.ops.examples import example_genome
from foulard.render import RenderContext, TileCache, render, render_float
from foulard.render.evaluate import Evaluator

SPECS = operators()
IMAGE_SPECS = [s for s in SPECS if s.kind != "palette"]
PALETTE_SPECS = [s for s in SPECS if s.kind == "palette"]
PERIODIC_SPECS = [s for s in IMAGE_SPECS if s.periods is not None]
ids = lambda specs: [s.id for s in specs]  # noqa: E731


def test_registry_is_not_empty_and_ids_are_well_formed():
    assert len(SPECS) >= 7
    for spec in SPECS:
        assert re.fullmatch(r"[a-z]+\.[a-z0-9_]+", spec.id), spec.id
        assert spec.summary, f"{spec.id} has no one-line summary"
        assert spec.reference, f"{spec.id} docstring has no References section"
        for p in spec.params.specs():
            assert p.doc, f"{spec.id}.{p.name} has no doc"


@pytest.mark.parametrize("spec", SPECS, ids=ids(SPECS))
def test_json_round_trip(spec):
    g = example_genome(spec)
    text = g.canonical()
    again = Genome.from_json(text)
    assert again == g
    assert again.canonical() == text
    assert again.design_id == g.design_id


@pytest.mark.parametrize("spec", SPECS, ids=ids(SPECS))
def test_deterministic_and_independent_of_bands_and_threads(spec):
    g = example_genome(spec)
    a = render(g, 96, cache=TileCache())
    b = render(g, 96, cache=TileCache(), threads=1, rows=7)
    c = render(Genome.from_json(g.canonical()), 96, cache=TileCache(), threads=2, rows=13)
    assert a.dtype == np.uint8 and a.shape == (96, 96, 3)
    assert np.array_equal(a, b)
    assert np.array_equal(a, c)


@pytest.mark.parametrize("spec", IMAGE_SPECS, ids=ids(IMAGE_SPECS))
def test_values_are_finite_float32_in_range(spec):
    g = example_genome(spec)
    ev = Evaluator(g, cache=TileCache())
    rng = np.random.default_rng(0)
    # Points inside the design and beyond it (the hem band of a master).
    x = rng.uniform(-0.1, 1.1, size=(64, 64))
    y = rng.uniform(-0.1, 1.1, size=(64, 64))
    v = ev.sample(ev.root, x, y, 1 / 256)
    assert v.dtype == np.float32
    assert v.shape == (64, 64, ev.root.channels)
    assert np.isfinite(v).all()
    assert v.min() >= -1e-6 and v.max() <= 1 + 1e-6
    if v.shape[-1] == 4:  # premultiplied: colour never exceeds coverage
        assert (v[..., :3] <= v[..., 3:4] + 1e-4).all()


@pytest.mark.parametrize("spec", IMAGE_SPECS, ids=ids(IMAGE_SPECS))
def test_resolution_consistency(spec):
    g = example_genome(spec)
    small = render_float(g, 512, cache=TileCache())
    big = render_float(g, 1024, cache=TileCache())
    down = big.reshape(512, 2, 512, 2, 3).mean(axis=(1, 3))
    err = float(np.abs(down - small).mean())
    assert err <= spec.resolution_tolerance, (
        f"{spec.id}: mean |1024->512 - 512| = {err:.4f} > {spec.resolution_tolerance}"
    )


@pytest.mark.parametrize("spec", PERIODIC_SPECS, ids=ids(PERIODIC_SPECS))
def test_claimed_periods_repeat_exactly(spec):
    g = example_genome(spec)
    node = g.root
    periods = spec.periods(node.params)
    if not periods:
        pytest.skip(f"{spec.id} is periodic only for some parameters; the example is not")
    ev = Evaluator(g, cache=TileCache())
    # A pixel grid over one tile and the same grid shifted by each period.
    ctx = RenderContext.preview(128)
    x0, _y0, x1, _y1 = ctx.frame
    xs = x0 + (np.arange(128) + 0.5) / 128 * (x1 - x0)
    gx, gy = np.meshgrid(xs, xs)
    base = ev.sample(ev.root, gx, gy, ctx.pixel_size)
    for dx, dy in periods:
        shifted = ev.sample(ev.root, gx + dx, gy + dy, ctx.pixel_size)
        assert np.array_equal(base, shifted), f"{spec.id}: not periodic under ({dx}, {dy})"


@pytest.mark.parametrize("spec", PALETTE_SPECS, ids=ids(PALETTE_SPECS))
def test_palettes_are_valid_and_deterministic(spec):
    g = example_genome(spec)
    a = Evaluator(g).palette
    b = Evaluator(Genome.from_json(g.canonical())).palette
    assert a == b
    assert 1 <= len(a) <= 48
    for c in a.colors:
        assert re.fullmatch(r"#[0-9a-f]{6}", c)


BOUNDED_SPECS = [s for s in IMAGE_SPECS if s.bounds is not None]


@pytest.mark.parametrize("spec", BOUNDED_SPECS, ids=ids(BOUNDED_SPECS))
def test_declared_bounds_hold(spec):
    """Outside its declared bounds an operator is exactly zero (the renderer skips it)."""
    g = example_genome(spec)
    ev = Evaluator(g, cache=TileCache())
    box = spec.bounds(g.root.params)
    if box is None:
        pytest.skip(f"{spec.id} is bounded only for some parameters; the example is not")
    x0, y0, x1, y1 = box
    fp = 1 / 512
    rng = np.random.default_rng(1)
    x = rng.uniform(x0 - 0.5, x1 + 0.5, 20000)
    y = rng.uniform(y0 - 0.5, y1 + 0.5, 20000)
    outside = (x < x0 - 2 * fp) | (x > x1 + 2 * fp) | (y < y0 - 2 * fp) | (y > y1 + 2 * fp)
    x, y = x[outside], y[outside]
    raw = ev._sample(ev.root, x, y, fp)  # the operator itself, without the renderer's culling
    assert not raw.any(), f"{spec.id} is non-zero outside its declared bounds"
    inside = ev.sample(ev.root, *np.meshgrid(np.linspace(x0, x1, 64), np.linspace(y0, y1, 64)), fp)
    assert inside.any(), f"{spec.id} is zero everywhere inside its bounds"
