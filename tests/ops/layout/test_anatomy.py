"""Every layout: full-bleed ground, optional parts, text in the safe zone, missing glyphs."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.errors import ParameterError
from foulard.genome import Node
from foulard.ops import get
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE

from .conftest import LAYOUTS, height, layout_genome, required_slots, sampler

TEXT = {"title": "霞光 · Aurore boréale", "signature": "Foulard 设计"}


@pytest.mark.parametrize("op_id", LAYOUTS)
def test_ground_reaches_every_edge_including_the_hem(op_id):
    g = layout_genome(op_id, **TEXT)
    h = height(g)
    f = sampler(g)
    xs = np.linspace(-0.02, 1.02, 181)
    ys = np.linspace(-0.02, h + 0.02, int(181 * max(1.0, h / 4)))
    gx, gy = np.meshgrid(xs, ys)
    values = f(gx, gy)
    assert values.shape[-1] == 4
    assert (values[..., 3] >= 1.0 - 1e-6).all(), "transparent pixels in the design or hem"
    # In the hem band itself the colour is the ground's (one-channel fbm over role 0
    # shades it, so compare with the ground role loosely, and with itself across).
    hem = f(np.array([-0.015, 1.015]), np.array([0.5, 0.5]))
    assert np.isfinite(hem).all() and (hem[:, 3] == 1.0).all()


@pytest.mark.parametrize("op_id", LAYOUTS)
def test_optional_parts_can_be_left_out(op_id):
    g = layout_genome(op_id, keep_only=required_slots(op_id))
    f = sampler(g)
    x, y = np.meshgrid(np.linspace(0, 1, 64), np.linspace(0, min(height(g), 1.0), 64))
    v = f(x, y)
    assert (v[..., 3] >= 1.0 - 1e-6).all()
    # Full bleed: with no ground texture, the hem band carries on the colour found
    # just inside the finished edge (the ground, or an edge band that bleeds).
    ys = np.array([0.3, 0.5, 0.7]) * min(height(g), 1.0)
    for x_in, x_hem in ((0.002, -0.01), (0.998, 1.01)):
        inside = f(np.full(3, x_in), ys)
        hem = f(np.full(3, x_hem), ys)
        assert np.allclose(hem, inside, atol=1e-6)
    if op_id not in ("layout.twilly", "layout.quartered"):
        ground = Palette(EXAMPLE_PALETTE).role(g.root.params.ground_color)
        assert np.allclose(f(np.array([-0.01]), ys[:1])[0, :3], ground, atol=1e-6)


@pytest.mark.parametrize("op_id", LAYOUTS)
def test_text_is_set_inside_the_safe_zone(op_id):
    g = layout_genome(op_id, **TEXT)
    p = g.root.params
    ev = sampler(g).evaluator
    block = ev.root.state(ev.palette).text
    assert block.title is not None and block.signature is not None
    s, h = p.text_inset, height(g)
    for x0, y0, x1, y1 in block.boxes():
        # Outlines are single precision: allow a few parts in 10^7 of a unit.
        assert s - 1e-6 <= x0 < x1 <= 1.0 - s + 1e-6
        assert s - 1e-6 <= y0 < y1 <= h - s + 1e-6


@pytest.mark.parametrize("op_id", LAYOUTS)
def test_text_changes_pixels_only_inside_its_boxes(op_id):
    plain = sampler(layout_genome(op_id, title="", signature=""))
    titled_g = layout_genome(op_id, **TEXT)
    titled = sampler(titled_g)
    block = titled.evaluator.root.state(titled.evaluator.palette).text
    h = height(titled_g)
    x, y = np.meshgrid(np.linspace(0, 1, 300), np.linspace(0, h, int(300 * max(1.0, h / 2))))
    diff = np.abs(plain(x, y) - titled(x, y)).max(axis=-1) > 1e-6
    assert diff.any(), "the text drew nothing"
    pad = 2.0 / 1024
    inside = np.zeros(x.shape, bool)
    for x0, y0, x1, y1 in block.boxes():
        inside |= (x >= x0 - pad) & (x <= x1 + pad) & (y >= y0 - pad) & (y <= y1 + pad)
    if op_id == "layout.medallion_scatter":
        # Tossed motifs keep clear of the text, so the toss differs: allow their boxes.
        for s in (plain, titled):
            sc = s.evaluator.root.state(s.evaluator.palette).scatter
            for cx, cy, size in zip(sc.cx, sc.cy, sc.size, strict=True):
                inside |= np.hypot(x - cx, y - cy) < 0.75 * size + pad
    assert not (diff & ~inside).any(), "text changed pixels outside its boxes"


@pytest.mark.parametrize("op_id", LAYOUTS)
def test_a_character_missing_from_the_font_is_an_error_naming_it(op_id):
    with pytest.raises(ParameterError, match=r"☃.*U\+2603"):
        Node.make(op_id, title="Snow ☃", inputs=_required_inputs(op_id))
    with pytest.raises(ParameterError, match="signature"):
        Node.make(op_id, signature="\U0001f600", inputs=_required_inputs(op_id))


def _required_inputs(op_id):
    from foulard.ops.examples import example_node

    spec = get(op_id)
    return {s.name: example_node(s.example) for s in spec.inputs if not s.optional}


def test_every_layout_is_registered_with_its_slots_optional_where_a_part_may_be_absent():
    for op_id in LAYOUTS:
        spec = get(op_id)
        assert spec.kind == "field" and spec.output == "rgba"
        names = {s.name for s in spec.inputs}
        assert "ground" in names
        assert get(op_id).input_slot("ground").optional
        assert spec.prepare is not None
