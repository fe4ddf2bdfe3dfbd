"""Stripes, argyle, Fair Isle and kente: sequences, charts, strips and their repeats."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.errors import ParameterError
from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.weave.argyle import band_cover
from foulard.ops.weave.fair_isle import CHART_WIDTH, MOTIFS, fair_isle_chart
from foulard.ops.weave.kente import kente_cells
from foulard.ops.weave.stripes import PRESETS, parse_sequence
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

PALETTE = Node.make("color.palette", colors=EXAMPLE_PALETTE)
RGB = np.array([[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in EXAMPLE_PALETTE])


def _sampler(node):
    ev = Evaluator(Genome.make(node, PALETTE, seed=1), cache=TileCache())
    return lambda x, y, fp=1e-6: ev.sample(ev.root, np.asarray(x, float), np.asarray(y, float), fp)


def _check_periods(node, n=48):
    spec = get(node.op)
    periods = spec.periods(node.params)
    assert periods
    sample = _sampler(node)
    rng = np.random.default_rng(5)
    x, y = rng.uniform(-0.2, 1.2, n * n), rng.uniform(-0.2, 1.2, n * n)
    base = sample(x, y, 1 / 300)
    for dx, dy in periods:
        assert np.array_equal(base, sample(x + 2 * dx, y + 2 * dy, 1 / 300))
        assert np.array_equal(base, sample(x - dx, y - dy, 1 / 300))


# -- stripes -----------------------------------------------------------------------


def test_stripe_widths_scale_to_the_repeat_and_mirror():
    p = Node.make("weave.stripes", preset="custom", sequence="1:3 0:1 2:4", repeat=0.4).params
    colours, widths = parse_sequence(p)
    assert [c[0] for c in colours] == [1, 0, 2]
    assert widths.tolist() == pytest.approx([0.15, 0.05, 0.2])
    m = p.replace(mirror=True)
    colours, widths = parse_sequence(m)
    assert [c[0] for c in colours] == [1, 0, 2, 0] and widths.sum() == pytest.approx(0.4)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_stripe_presets_parse(preset):
    colours, widths = parse_sequence(Node.make("weave.stripes", preset=preset).params)
    assert len(colours) == len(widths) >= 2 and (widths > 0).all()


def test_bad_stripe_sequences_are_refused():
    for bad in ("", "1", "1:0", "x:3", "60:2", "1:2 2"):
        with pytest.raises(ParameterError, match=r"params\.sequence"):
            Node.make("weave.stripes", preset="custom", sequence=bad)


def test_straight_stripes_are_the_sequence_across_them():
    node = Node.make(
        "weave.stripes", preset="custom", sequence="1:1 2:1 3:2", repeat=0.2, angle=0.0
    )
    sample = _sampler(node)
    # Stripes run across (angle 0): colour depends on y only, in sequence order.
    y = np.array([0.025, 0.075, 0.15, 0.225, 0.275])
    got = sample(np.full(5, 0.37), y)[:, :3]
    assert np.allclose(got, RGB[[1, 2, 3, 1, 2]], atol=1e-6)
    assert np.allclose(sample(np.full(5, 0.81), y), sample(np.full(5, 0.37), y))


def test_hairlines_fade_to_their_true_weight():
    """A box many repeats wide is the width-weighted mean colour of the sequence."""
    node = Node.make("weave.stripes", preset="pinstripe", repeat=0.01, angle=90.0)
    colours, widths = parse_sequence(node.params)
    want = (RGB[[c[0] for c in colours]] * widths[:, None]).sum(0) / widths.sum()
    got = _sampler(node)(np.linspace(0, 1, 50), np.full(50, 0.5), 0.3)[:, :3]
    assert np.allclose(got, want, atol=0.01)


@pytest.mark.parametrize(
    ("angle", "path"), [(0.0, "straight"), (90.0, "zigzag"), (180.0, "wave"), (-90.0, "straight")]
)
def test_axis_aligned_stripes_repeat_exactly(angle, path):
    _check_periods(Node.make("weave.stripes", angle=angle, path=path, wavelength=0.1))


def test_oblique_stripes_claim_no_period():
    assert get("weave.stripes").periods(Node.make("weave.stripes", angle=30.0).params) is None


# -- argyle ------------------------------------------------------------------------


def test_band_cover_is_the_exact_box_filter_of_a_band():
    d = np.linspace(-0.3, 0.3, 61)
    fp, half = 0.07, 0.02
    s = np.linspace(-0.5, 0.5, 20001) * fp
    brute = (np.abs(d[:, None] + s[None, :]) <= half).mean(axis=1)
    assert np.allclose(band_cover(np.abs(d), half, fp), brute, atol=1e-3)


@pytest.mark.parametrize("colors", ["two", "three"])
def test_argyle_diamonds_alternate_across_their_edges(colors):
    node = Node.make("weave.argyle", diamonds=4, aspect=1.5, colors=colors, rakers="none")
    sample = _sampler(node)
    w, h = 0.25, 0.375
    centres = np.array([(0.0, 0.0), (w / 2, h / 2), (w, 0.0), (w / 2, -h / 2), (0.0, h)])
    c = sample(centres[:, 0] + 0.3, centres[:, 1] + 0.3)[:, :3]
    # Diamonds sharing an edge differ; those meeting at a left or right point match.
    assert not np.allclose(c[0], c[1]) and not np.allclose(c[1], c[2])
    assert np.allclose(c[0], c[2])
    assert np.allclose(c[0], c[4]) == (colors == "two")


@pytest.mark.parametrize("colors", ["two", "three"])
def test_argyle_repeats_exactly(colors):
    _check_periods(Node.make("weave.argyle", colors=colors, diamonds=5, aspect=1.3))


def test_rakers_cross_at_the_diamond_centres():
    node = Node.make("weave.argyle", diamonds=4, aspect=1.0, rakers="solid", raker_width=0.05)
    sample = _sampler(node)
    centre = sample([0.25 + 0.125], [0.125])[0, :3]  # a diamond's centre
    assert np.allclose(centre, RGB[0], atol=1e-6)


# -- Fair Isle -----------------------------------------------------------------------


@pytest.mark.parametrize("arrangement", ["classic", "peerie", "oxo"])
def test_fair_isle_rows_hold_at_most_two_colours(arrangement):
    chart = fair_isle_chart(Node.make("weave.fair_isle", arrangement=arrangement).params)
    assert chart.shape[1] == CHART_WIDTH
    assert max(len(set(row)) for row in chart.tolist()) <= 2


def test_fair_isle_motifs_fit_the_chart():
    for name, motif in MOTIFS.items():
        assert CHART_WIDTH % motif.shape[1] == 0, name
        assert motif.any() and not motif.all(), name


def test_random_fair_isle_depends_on_the_seed_only():
    p = Node.make("weave.fair_isle", arrangement="random").params
    a = fair_isle_chart(p, np.random.default_rng(1))
    b = fair_isle_chart(p, np.random.default_rng(1))
    assert np.array_equal(a, b)
    assert max(len(set(row)) for row in a.tolist()) <= 2
    assert get("weave.fair_isle").periods(p) is None


def test_fair_isle_repeats_exactly_and_fades_to_the_chart():
    node = Node.make("weave.fair_isle", stitches=40.0)
    _check_periods(node)
    sample = _sampler(node)
    # A footprint of many chart repeats: the same mean colour everywhere.
    v = sample(np.linspace(0, 1, 20), np.full(20, 0.3), 4.0)
    assert np.ptp(v[:, :3], axis=0).max() < 0.02


# -- kente ---------------------------------------------------------------------------


def test_kente_blocks_of_neighbouring_strips_form_a_checker():
    p = Node.make("weave.kente", warp_section=30, block=24).params
    code, _, _, gain = kente_cells(p)
    w = p.strip_ends
    weft_faced = (code & 1) == 0  # weft on top
    left = weft_faced[:, :w].all(axis=1)
    right = weft_faced[:, w:].all(axis=1)
    assert left.any() and right.any()
    assert not (left & right).any()  # a block in one strip faces stripes in the other
    assert (weft_faced[:, :w].all(axis=1) | ~weft_faced[:, :w].any(axis=1)).all()
    assert (gain[:, [0, w - 1, w, 2 * w - 1]] < 1).all()  # the sewn edges


def test_kente_repeats_exactly():
    _check_periods(Node.make("weave.kente", threads=150.0))
