"""Every operator survives any parameters inside its declared ranges.

Hypothesis draws parameter sets within each operator's declared ranges and choices
and renders a small preview: a value inside the range must never crash, hang or
give NaN. A clear error (a FoulardError naming the problem) is acceptable for a
combination the operator refuses; anything else is a bug in the operator or in its
declared ranges.
"""

from __future__ import annotations

import string
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foulard.errors import FoulardError
from foulard.genome import Genome, Node
from foulard.ops import operators
from foulard.ops.examples import EXAMPLE_PALETTE, example_node
from foulard.ops.params import ParamSpec
from foulard.render import TileCache, render_float
from foulard.render.evaluate import Evaluator

SPECS = operators()
_TEXT = string.ascii_letters + string.digits + " "


def strategy(p: ParamSpec):
    if p.type == "float":
        return st.floats(p.range[0], p.range[1], allow_nan=False, allow_infinity=False)
    if p.type == "int":
        return st.integers(int(p.range[0]), int(p.range[1]))
    if p.type == "bool":
        return st.booleans()
    if p.type == "choice":
        return st.sampled_from(p.choices)
    color = st.integers(0, 0xFFFFFF).map(lambda v: f"#{v:06x}")
    if p.type == "color":
        return color
    if p.type == "colors":
        return st.lists(color, min_size=p.length[0], max_size=min(p.length[1], 8))
    return st.text(_TEXT, max_size=min(p.length[1], 24))


def params_of(spec):
    return st.fixed_dictionaries({p.name: strategy(p) for p in spec.params.specs()})


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_any_parameters_in_range_render(spec):
    base = example_node(spec)

    @settings(
        max_examples=4,
        derandomize=True,
        deadline=timedelta(seconds=30),
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(params_of(spec))
    def check(params):
        try:
            node = Node.make(spec.id, inputs=dict(base.inputs), **params)
        except FoulardError:
            return  # refused with a clear error: acceptable
        palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
        if spec.kind == "palette":
            genome = Genome.make(example_node("color.gradient_map"), node, seed=3)
            colors = Evaluator(genome).palette.colors
            assert 1 <= len(colors) <= 48
            return
        genome = Genome.make(node, palette, seed=3)
        img = render_float(genome, 40, cache=TileCache())
        assert np.isfinite(img).all(), f"{spec.id} gave NaN or infinity for {params}"

    check()
