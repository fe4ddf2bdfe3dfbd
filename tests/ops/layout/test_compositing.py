"""Compositing shortcuts of the layouts: each gives the very bytes of the plain way.

Rows of points picked out and put back as single items, a field asked once for each
set of equal (folded) points, a stack that gathers the open points, and
``layout.layers`` leaving out what an opaque layer hides: each is checked against
the plain computation, bit for bit, and for doing the work it promises to save.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.ops._common.channels import as_rgba, over
from foulard.ops.layout._paint import Stack
from foulard.ops.layout._points import once_each, put_rows, take_rows
from foulard.ops.layout._square import fold_square
from foulard.render import TileCache
from foulard.render import evaluate as evaluate_module
from foulard.render.evaluate import Evaluator

PALETTE = Node.make("color.palette", colors=["#f3ead7", "#1d3557", "#c0392b", "#d4a72c"])


@pytest.mark.parametrize("channels", [1, 3, 4])
@pytest.mark.parametrize("shape", [(300,), (12, 25)])
def test_rows_taken_and_put_as_items_equal_fancy_indexing(channels, shape):
    rng = np.random.default_rng(1)
    a = rng.random((*shape, channels)).astype(np.float32)
    mask = rng.random(shape) < 0.4
    idx = np.flatnonzero(mask.ravel())
    flat = a.reshape(-1, channels)
    assert np.array_equal(take_rows(a, mask), a[mask])
    assert np.array_equal(take_rows(flat, idx), flat[idx])
    values = rng.random((idx.size, channels)).astype(np.float32)
    want = a.copy()
    want[mask] = values
    got = a.copy()
    put_rows(got, mask, values)
    assert np.array_equal(got, want)
    got = a.copy().reshape(-1, channels)
    put_rows(got, idx, values)
    assert np.array_equal(got, want.reshape(-1, channels))


def test_rows_of_other_layouts_fall_back_to_plain_indexing():
    a = np.arange(40, dtype=np.float64).reshape(10, 4)  # not float32
    strided = np.arange(80, dtype=np.float32).reshape(10, 8)[:, ::2]  # not contiguous
    idx = np.array([1, 3, 8])
    assert np.array_equal(take_rows(a, idx), a[idx])
    assert np.array_equal(take_rows(strided, idx), strided[idx])
    want = strided.copy()
    want[idx] = 7.0
    put_rows(strided, idx, np.full((3, 4), 7.0, np.float32))
    assert np.array_equal(strided, want)


def _folded_grid(px: int, r0: int, r1: int, symmetry: str = "d4"):
    """Quadrant coordinates of rows ``r0:r1`` of a ``px`` preview, as a layout folds them."""
    c = (np.arange(px) + 0.5) / px
    x, y = np.meshgrid(c, c[r0:r1])
    f = fold_square(x.ravel(), y.ravel(), symmetry)
    return f.qx, f.qy


def _field(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A field whose value tells every coordinate apart (sign of zero included)."""
    return np.stack([np.sin(37.0 * x) * np.cos(11.0 * y), np.arctan2(y, x)], axis=-1).astype(
        np.float32
    )


@pytest.mark.parametrize("symmetry", ["d4", "c4"])
def test_a_field_at_folded_points_is_asked_once_per_point_and_gives_the_same_values(symmetry):
    x, y = _folded_grid(256, 0, 128, symmetry)
    asked = []

    def field(xs, ys):
        asked.append(xs.size)
        return _field(xs, ys)

    got = once_each(field, x, y, 1 / 256)
    assert np.array_equal(got, _field(x, y))
    distinct = np.unique(np.stack([x, y], axis=1), axis=0).shape[0]
    assert asked == [distinct]
    assert distinct <= x.size // 2  # the mirror in each row at least halves the work


def test_points_that_do_not_repeat_are_evaluated_as_they_are():
    c = (np.arange(128) + 0.5) / 128
    x, y = (a.ravel() for a in np.meshgrid(c, c[:64]))
    asked = []

    def field(xs, ys):
        asked.append(xs)
        return _field(xs, ys)

    assert np.array_equal(once_each(field, x, y, 1 / 128), _field(x, y))
    assert len(asked) == 1 and asked[0] is x


def test_equal_means_equal_bits():
    # -0.0 == 0.0 for floats, but a field may tell them apart (atan2 does).
    x = np.array([0.0, -0.0, 0.25, 0.25, 0.0] * 400)
    y = np.zeros_like(x)
    got = once_each(_field, x, y, 1 / 512)
    assert np.array_equal(got, _field(x, y))
    assert got[0, 1] != got[1, 1]


@pytest.mark.parametrize("bad", [np.nan, np.inf, 1e300])
def test_points_far_apart_or_not_finite_are_evaluated_as_they_are(bad):
    x, y = _folded_grid(64, 0, 64)
    x = x.copy()
    x[5] = bad
    with np.errstate(invalid="ignore"):
        want = _field(x, y)
        got = once_each(_field, x, y, 1 / 64)
    assert np.array_equal(got, want, equal_nan=True)


def _stack_reference(layers: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Front to back "under" compositing of (mask, RGBA) layers, everywhere at once."""
    acc = np.zeros_like(layers[0][1])
    for mask, top in layers:
        weight = np.where(mask, 1.0 - acc[:, 3], 0.0).astype(np.float32)[:, None]
        acc += np.maximum(weight, 0.0) * top
    return np.clip(acc, 0.0, 1.0)


@pytest.mark.parametrize("opaque_share", [0.0, 0.1, 0.5, 0.97])
def test_stack_gathers_or_not_to_the_same_bytes(opaque_share):
    rng = np.random.default_rng(2)
    n = 4000
    cover = np.where(rng.random(n) < opaque_share, 1.0, rng.random(n) * 0.5).astype(np.float32)
    top = np.empty((n, 4), np.float32)
    top[:, 3] = cover
    top[:, :3] = rng.random((n, 3)).astype(np.float32) * cover[:, None]
    band = rng.random(n) < 0.6
    ground = rng.random((n, 4)).astype(np.float32)
    ground[:, 3] = 1.0
    seen = []

    def layer(values):
        def paint(idx):
            seen.append(idx.size)
            return values[idx]

        return paint

    stack = Stack(n)
    stack.add(layer(top))
    stack.add_where(band, layer(top[::-1].copy()))
    stack.add(layer(ground))
    everywhere = np.ones(n, bool)
    above = [(everywhere, top), (band, top[::-1])]
    assert np.array_equal(stack.result((n,)), _stack_reference([*above, (everywhere, ground)]))
    # The ground is evaluated where the layers above leave it open, or everywhere when
    # nearly all of it is open.
    still_open = int(np.count_nonzero(_stack_reference(above)[:, 3] < 1.0))
    assert seen[-1] == (still_open if still_open * 16 < n * 15 else n)


# -- layout.layers --------------------------------------------------------------------


def _box(color: int, size: float, x: float = 0.5, y: float = 0.5) -> Node:
    """A flat colour placed in a square box: opaque inside it, nothing outside."""
    return Node.make(
        "layout.place", inputs={"motif": Node.make("color.fill", color=color)}, x=x, y=y, size=size
    )


def _layers_genome(blend: str = "over", opacity: float = 1.0) -> Genome:
    grating = Node.make("color.ink", inputs={"source": Node.make("fields.sine_grating")}, color=1)
    root = Node.make(
        "layout.layers",
        inputs={
            "layers": (
                Node.make("fields.value_noise"),
                grating,
                _box(2, 0.5),
                Node.make("color.ink", inputs={"source": Node.make("fields.worley_noise")}),
                _box(3, 0.3, 0.3, 0.6),
            )
        },
        blend=blend,
        opacity=opacity,
    )
    return Genome.make(root, PALETTE, seed=4)


def _plain_layers(ev: Evaluator, x, y, fp) -> np.ndarray:
    """Every layer at every point, composited bottom up (the plain way)."""
    children = ev.root.children["layers"]
    op = np.float32(ev.root.params.opacity)
    out = as_rgba(ev.sample(children[0], x, y, fp)).copy()
    for child in children[1:]:
        top = as_rgba(ev.sample(child, x, y, fp))
        out = over(top * op if op != 1.0 else top, out, into_bottom=True)
    return out


@pytest.mark.parametrize("opacity", [1.0, 0.7])
def test_layers_leave_out_what_an_opaque_layer_hides_and_give_the_same_bytes(opacity, monkeypatch):
    genome = _layers_genome(opacity=opacity)
    ev = Evaluator(genome, cache=TileCache())
    c = (np.arange(96) + 0.5) / 96
    x, y = np.meshgrid(c, c)
    fp = 1 / 96
    want = _plain_layers(ev, x, y, fp)
    asked: dict[str, int] = {}
    sample = evaluate_module.Evaluator._sample

    def counting(self, bound, xs, ys, footprint):
        asked[bound.path] = asked.get(bound.path, 0) + xs.size
        return sample(self, bound, xs, ys, footprint)

    monkeypatch.setattr(evaluate_module.Evaluator, "_sample", counting)
    got = ev.sample(ev.root, x, y, fp)
    assert np.array_equal(got, want)
    hidden = np.maximum(np.abs(x - 0.5), np.abs(y - 0.5)) < 0.24  # well inside the big box
    if opacity == 1.0:
        # The layers under the big box are not evaluated inside it.
        assert asked["root/layers/0"] <= x.size - np.count_nonzero(hidden)
        assert asked["root/layers/1"] <= x.size - np.count_nonzero(hidden)
    else:  # nothing is opaque: everything below shows
        assert asked["root/layers/0"] == x.size
    # A placed layer is evaluated near its box only.
    assert asked["root/layers/4"] < x.size // 2


def test_multiply_and_screen_still_see_every_layer():
    for blend in ("multiply", "screen"):
        genome = _layers_genome(blend=blend)
        ev = Evaluator(genome, cache=TileCache())
        c = (np.arange(48) + 0.5) / 48
        x, y = np.meshgrid(c, c)
        got = ev.sample(ev.root, x, y, 1 / 48)
        assert got.shape == (48, 48, 4) and np.isfinite(got).all()
        # An opaque flat box multiplied or screened over a textured ground keeps the texture.
        inside = np.maximum(np.abs(x - 0.5), np.abs(y - 0.5)) < 0.2
        assert got[inside][:, 0].std() > 0


def test_layers_in_chunks_equal_layers_at_once(monkeypatch):
    from foulard.ops.layout import layers as layers_module

    genome = _layers_genome()
    c = (np.arange(64) + 0.5) / 64
    x, y = np.meshgrid(c, c)
    ev = Evaluator(genome, cache=TileCache())
    whole = ev.sample(ev.root, x, y, 1 / 64)
    monkeypatch.setattr(layers_module, "_CHUNK", 1000)  # 64 * 64 points: five chunks
    assert np.array_equal(ev.sample(ev.root, x, y, 1 / 64), whole)
