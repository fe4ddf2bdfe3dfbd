"""Helpers the operator tests import as ``ops._helpers`` (tests/conftest.py puts
tests/ on ``sys.path``).

Two groups: the invariants every vector motif and ornament keeps, as a base class
whose tests a module takes by subclassing it; and evaluating a node tree at points
(the craft tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

# -- what every vector motif and ornament keeps ------------------------------------------


def _case_id(case, i: int) -> str:
    return case if isinstance(case, str) else f"{case[0]}-{i}"


class DrawingInvariants:
    """The shared checks of vector motifs and ornaments (``drawing_checks``), as tests.

    A module subclasses it as ``Test...`` and names its operators and the sizes and
    thresholds that suit its drawings; ``pytest_generate_tests`` runs each test over
    its table. The operators are those of ``variants``, in order of appearance.
    """

    # The examples and the variants that change what is drawn: determinism, tones, colourways.
    variants: Sequence[tuple[str, dict]]
    # Operators (op_id: its example, or (op_id, params)) whose drawing the seed changes;
    # None: every operator.
    seeded: Sequence[str | tuple[str, dict]] | None = None
    unseeded: Sequence[str] = ()  # operators that draw no randomness
    inside: Sequence[str] | None = None  # drawn inside their box; None: every operator
    box_seed: int  # the random parameter sets of the box check: their seed,
    box_count: int  # how many,
    box_px: int  # and the resolution they are judged at
    box_skip = None  # staticmethod naming parameter sets that run edge to edge
    same_px: int
    tones_px: int
    tones_least: int  # interior pixels the tone check needs at least
    recolour_px: int
    svg_least: int  # paths the SVG export holds at least
    any_seed: int
    any_count: int
    role_params: ClassVar[dict[str, dict]] = {}  # params of the tones-as-mixes check

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        ops = list(dict.fromkeys(op for op, _ in self.variants))
        seeded = ops if self.seeded is None else self.seeded
        seeded = [(c, {}) if isinstance(c, str) else c for c in seeded]
        tables = {
            "variant": self.variants,
            "seed_case": [(op, p, True) for op, p in seeded]
            + [(op, {}, False) for op in self.unseeded],
            "boxed": ops if self.inside is None else self.inside,
            "op_id": ops,
        }
        for name, cases in tables.items():
            if name in metafunc.fixturenames:
                ids = [_case_id(c, i) for i, c in enumerate(cases)]
                metafunc.parametrize(name, cases, ids=ids)

    def test_same_seed_same_drawing(self, variant, drawing_checks):
        drawing_checks.same_seed_same_drawing(*variant, px=self.same_px)

    def test_the_generator_varies_only_the_random_drawings(self, seed_case, drawing_checks):
        op_id, params, random = seed_case
        assert drawing_checks.seed_matters(op_id, params) == random

    def test_drawing_stays_inside_its_box_for_any_parameters(self, boxed, drawing_checks):
        drawing_checks.stays_inside_its_box(
            boxed, seed=self.box_seed, count=self.box_count, px=self.box_px, skip=self.box_skip
        )

    def test_only_documented_tones_appear(self, variant, drawing_checks):
        drawing_checks.only_documented_tones(*variant, px=self.tones_px, least=self.tones_least)

    def test_a_new_colourway_recolours_each_role(self, variant, drawing_checks):
        drawing_checks.recolours_each_role(*variant, px=self.recolour_px)

    def test_tones_are_roles_or_mixes_of_roles(self, op_id, draw_op, drawing_checks):
        _, p = draw_op(op_id, self.role_params.get(op_id, {}))
        drawing_checks.tones_are_mixes_of_roles(op_id, p)

    def test_svg_export_parses_and_has_paths(self, op_id, drawing_checks):
        drawing_checks.svg_has_paths(op_id, least=self.svg_least)

    def test_any_parameters_build_and_draw(self, op_id, drawing_checks):
        drawing_checks.any_parameters_draw(op_id, seed=self.any_seed, count=self.any_count)


# -- evaluating a node tree at points ----------------------------------------------------


def evaluator(node: Node, seed: int = 1) -> Evaluator:
    """An evaluator of ``node`` in the example palette."""
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Evaluator(Genome.make(node, palette, seed=seed), cache=TileCache())


def sample(node: Node, x, y, fp=1e-4, seed=1) -> np.ndarray:
    """Every channel of ``node`` at points ``(x, y)``, with footprint ``fp``."""
    ev = evaluator(node, seed)
    return ev.sample(ev.root, np.asarray(x, float), np.asarray(y, float), fp)


def uniform_points(n=3000, seed=0, lo=0.0, hi=1.0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` seeded random points, uniform over the square ``[lo, hi)^2``."""
    rng = np.random.default_rng(seed)
    return rng.uniform(lo, hi, n), rng.uniform(lo, hi, n)
