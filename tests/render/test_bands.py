"""Banded rendering: what nodes build once is built up front, on every thread."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.errors import RenderError
from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.render import TileCache, render
from foulard.render import evaluate as evaluate_module
from foulard.render.cache import LRU
from foulard.render.evaluate import Evaluator


@pytest.fixture(scope="module")
def genome() -> Genome:
    """A ground field, a guilloche (prepared state) and a placed plum blossom (drawing)."""
    curve = Node.make("curves.guilloche", copies=6, line_width=0.004)
    blossom = Node.make("motifs.plum_blossom")
    root = Node.make(
        "layout.layers",
        inputs={
            "layers": (
                Node.make("color.ink", inputs={"source": Node.make("fields.sine_grating")}),
                Node.make("color.ink", inputs={"source": curve}, color=2),
                Node.make("layout.place", inputs={"motif": blossom}, size=0.4),
            )
        },
    )
    palette = Node.make("color.palette", colors=["#f3ead7", "#1d3557", "#c0392b", "#d4a72c"])
    return Genome.make(root, palette, seed=5)


def test_nodes_to_build_are_those_with_a_state_or_a_drawing_root_first(genome):
    ev = Evaluator(genome, cache=TileCache())
    built = ev.nodes_to_build()
    assert [b.spec.id for b in built] == ["curves.guilloche", "motifs.plum_blossom"]
    assert [b.path for b in built] == ["root/layers/1/source", "root/layers/2/motif"]
    for b in built:
        ev.build(b)
    assert built[0]._has_state and built[0]._state is not None
    assert built[1]._drawing is not None


def test_threaded_render_with_builds_up_front_equals_one_band_at_a_time(genome, monkeypatch):
    monkeypatch.setattr(evaluate_module, "_OBJECTS", LRU(256))
    one = render(genome, 160, cache=TileCache(), threads=1, rows=160)
    monkeypatch.setattr(evaluate_module, "_OBJECTS", LRU(256))
    threaded = render(genome, 160, cache=TileCache(), threads=2, rows=9)
    assert np.array_equal(one, threaded)
    assert one.std() > 0


def test_a_build_that_fails_fails_the_render(genome, monkeypatch):
    def broken(self, palette):
        raise RenderError(f"{self.spec.id} cannot draw")

    monkeypatch.setattr(evaluate_module, "_OBJECTS", LRU(256))
    monkeypatch.setattr(evaluate_module.Bound, "drawing", broken)
    with pytest.raises(RenderError, match="plum_blossom cannot draw"):
        render(genome, 64, cache=TileCache(), threads=2)
