"""Finishing previews: weave, sheen, bleed and block print on top of a design."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.ops._common.grid import GridSpec
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE, example_node
from foulard.ops.finish.print_bleed import PrintBleedParams, bleed_kernel, print_bleed
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

IMAGE_FINISHES = ("finish.fabric_weave", "finish.silk_sheen", "finish.hand_block")


def _evaluator(op: str, source: Node | None = None, **params) -> Evaluator:
    source = example_node("motifs.peony") if source is None else source
    root = Node.make(op, inputs={"source": source}, **params)
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Evaluator(Genome.make(root, palette, seed=6), cache=TileCache())


def _luma(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., :3] @ np.array([0.2126, 0.7152, 0.0722], np.float32)


@pytest.mark.parametrize("op", IMAGE_FINISHES)
@pytest.mark.parametrize("source", ["motifs.peony", "fields.value_noise"])
def test_strength_zero_is_the_source_exactly(op, source):
    ev = _evaluator(op, example_node(source), strength=0.0)
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-0.1, 1.1, (2, 64, 64))
    # Not much finer than 1/2048: scattered points on a vector source at a tiny
    # footprint each rasterise a tile of their own (minutes).
    for fp in (1 / 2048, 1 / 512, 0.05):
        out = ev.sample(ev.root, x, y, fp)
        src = ev.sample(ev.root.children["source"], x, y, fp)
        assert np.array_equal(out, src)


def test_print_bleed_strength_zero_is_the_source_on_its_grid():
    ev = _evaluator("finish.print_bleed", example_node("tiling.truchet_arcs"), strength=0.0)
    grid, arr = ev.grid_result(ev.root)
    x, y = grid.coords()
    src = ev.sample(ev.root.children["source"], x, y, grid.cell)
    assert np.array_equal(arr, src)
    # And sampled at the cell centres, the operator gives those values back (up to
    # the float32 weights of bilinear sampling).
    assert np.allclose(ev.sample(ev.root, x, y, grid.cell), src, atol=1e-4)


@pytest.mark.parametrize("op", [*IMAGE_FINISHES, "finish.print_bleed"])
def test_finishing_keeps_a_value_field_a_value(op):
    ev = _evaluator(op, example_node("fields.value_noise"))
    x, y = np.random.default_rng(1).uniform(0, 1, (2, 32, 32))
    out = ev.sample(ev.root, x, y, 1 / 512)
    assert out.shape == (32, 32, 1)
    assert np.isfinite(out).all() and out.min() >= 0.0 and out.max() <= 1.0


# -- print bleed -------------------------------------------------------------------------


def _bleed_of(image: np.ndarray, **params) -> np.ndarray:
    """The operator on a hand-made source grid (RGBA), as the evaluator would call it."""
    n = image.shape[0]
    call = SimpleNamespace(
        input=lambda name: image,
        grid=GridSpec.unit(n, periodic=True),
        palette=Palette(EXAMPLE_PALETTE),
    )
    return print_bleed(PrintBleedParams(**params), call)


def _ink_dot(n=256) -> np.ndarray:
    img = np.ones((n, n, 4), np.float32)
    img[n // 2, n // 2, :3] = 0.0
    return img


def _spread(out: np.ndarray) -> tuple[float, float]:
    ink = 1.0 - _luma(out)
    # Float32 round-off leaves ~1e-7 of "ink" everywhere; weighted by the squared
    # distance over the whole grid it would swamp the dot's own spread.
    ink = np.where(ink > 1e-4, ink, 0.0)
    n = ink.shape[0]
    c = np.arange(n) - n // 2
    total = ink.sum()
    return float((ink.sum(axis=0) * c * c).sum() / total), float(
        (ink.sum(axis=1) * c * c).sum() / total
    )


@pytest.mark.parametrize("wicking", [0.0, 0.35, 1.0])
def test_print_bleed_is_wider_along_the_weft_when_asked(wicking):
    dot = _ink_dot()
    var_x, var_y = _spread(_bleed_of(dot, weft=0.012, warp=0.004, wicking=wicking, gain=0.0))
    assert var_x > 2.0 * var_y  # weft runs across (x)
    var_x, var_y = _spread(_bleed_of(dot, weft=0.004, warp=0.012, wicking=wicking, gain=0.0))
    assert var_y > 2.0 * var_x
    var_x, var_y = _spread(_bleed_of(dot, weft=0.006, warp=0.006, wicking=wicking, gain=0.0))
    assert abs(var_x - var_y) < 0.02 * (var_x + var_y)


def test_bleed_kernel_moves_ink_without_making_it():
    k = bleed_kernel((128, 128), 1 / 128, 0.01, 0.004, 0.5)
    assert k[0, 0] == pytest.approx(1.0)  # zero frequency: the sum of the kernel
    assert (np.abs(k) <= 1.0 + 1e-12).all()


def test_print_bleed_fills_in_fine_pale_lines_and_keeps_wide_ones():
    n = 256
    img = np.ones((n, n, 4), np.float32)
    img[..., :3] = 0.15  # dark ground
    img[:, 40, :3] = 1.0  # a pale hairline, one cell wide
    img[:, 120:160, :3] = 1.0  # a wide pale band
    out = _luma(_bleed_of(img, weft=0.006, warp=0.003))
    assert out[:, 40].mean() < 0.6  # the hairline fills in
    assert out[:, 140].mean() > 0.9  # the band's middle stays pale
    # Dot gain darkens a mid tone.
    grey = np.ones((64, 64, 4), np.float32)
    grey[..., :3] = 0.7
    assert _luma(_bleed_of(grey, gain=0.2)).mean() < 0.68


# -- fabric weave ------------------------------------------------------------------------


@pytest.mark.parametrize("weave", ["twill", "habotai", "satin", "crepe_de_chine"])
def test_weave_fades_to_the_flat_print_when_a_pixel_spans_many_threads(weave):
    ev = _evaluator("finish.fabric_weave", example_node("color.fill"), weave=weave, threads=200.0)
    x, y = np.random.default_rng(2).uniform(0, 1, (2, 40, 40))
    near = ev.sample(ev.root, x, y, 1e-4)[..., :3]
    far = ev.sample(ev.root, x, y, 50 / 200)[..., :3]  # 50 threads per pixel
    flat = ev.sample(ev.root.children["source"], x, y, 1e-4)[..., :3]
    assert np.abs(far - flat).max() < 0.02
    assert _luma(near).std() > 0.02  # close up, the threads show


def test_twill_wales_run_on_the_diagonal():
    ev = _evaluator("finish.fabric_weave", example_node("color.fill"), weave="twill")
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0.2, 0.8, (2, 4000))
    t = 1 / 160  # one thread
    fp = 1e-4
    base = _luma(ev.sample(ev.root, x, y, fp))
    along = _luma(ev.sample(ev.root, x + t, y + t, fp))
    across = _luma(ev.sample(ev.root, x + t, y - t, fp))
    corr_along = np.corrcoef(base, along)[0, 1]
    corr_across = np.corrcoef(base, across)[0, 1]
    assert corr_along > corr_across + 0.3


# -- silk sheen --------------------------------------------------------------------------


def test_flat_cloth_shows_the_print_as_it_is():
    ev = _evaluator("finish.silk_sheen", fold_depth=0.0, shot=0.0)
    x, y = np.random.default_rng(4).uniform(0, 1, (2, 48, 48))
    out = ev.sample(ev.root, x, y, 1 / 512)[..., :3]
    src = ev.sample(ev.root.children["source"], x, y, 1 / 512)
    flat = src[..., :3] + (1.0 - src[..., 3:]) * np.array(
        Palette(EXAMPLE_PALETTE).ground, np.float32
    )
    assert np.abs(out - flat).max() < 2e-3


def test_sheen_varies_with_the_folds_and_keeps_the_mean():
    fill = example_node("color.fill", overrides={"color": 2})
    ev = _evaluator("finish.silk_sheen", fill)
    x, y = np.random.default_rng(5).uniform(0, 1, (2, 96, 96))
    out = _luma(ev.sample(ev.root, x, y, 1 / 512))
    flat = float(_luma(np.array(Palette(EXAMPLE_PALETTE).role(2), np.float32)))
    assert out.std() > 0.03  # highlights and shadows
    assert abs(out.mean() - flat) < 0.06


def test_shot_silk_turns_towards_the_weft_colour():
    fill = example_node("color.fill", overrides={"color": 1})
    weft = np.array(Palette(EXAMPLE_PALETTE).role(4), np.float32)
    x, y = np.random.default_rng(6).uniform(0, 1, (2, 64, 64))
    plain = _evaluator("finish.silk_sheen", fill, shot=0.0)
    shot = _evaluator("finish.silk_sheen", fill, shot=1.0, shot_color=4)
    d_plain = np.abs(plain.sample(plain.root, x, y, 1 / 512)[..., :3] - weft).sum(-1)
    d_shot = np.abs(shot.sample(shot.root, x, y, 1 / 512)[..., :3] - weft).sum(-1)
    assert d_shot.mean() < 0.8 * d_plain.mean()
    assert d_shot.std() > 0.02  # the weft shows more in some folds than in others


# -- hand block --------------------------------------------------------------------------


def test_block_print_leaves_the_bare_cloth_alone():
    ev = _evaluator("finish.hand_block", offset=0.01)
    x, y = np.random.default_rng(7).uniform(0, 1, (2, 96, 96))
    # A footprint near a 2048 px render: far finer, scattered points on the vector
    # peony each rasterise a tile of their own (minutes).
    out = ev.sample(ev.root, x, y, 1 / 2048)[..., :3]
    src = ev.sample(ev.root.children["source"], x, y, 1 / 2048)
    cloth = np.array(Palette(EXAMPLE_PALETTE).ground, np.float32)
    bare = src[..., 3] == 0.0  # outside the peony, only the cloth
    assert bare.mean() > 0.3
    # Far from the motif no impression carries ink, whatever the shifts.
    far = bare & (np.hypot(x - 0.5, y - 0.5) > 0.48)
    assert far.any()
    assert np.abs(out[far] - cloth).max() < 1e-5


def test_misregistration_leaves_gaps_of_bare_cloth_in_inked_areas():
    navy = example_node("color.fill", overrides={"color": 1})
    ev = _evaluator("finish.hand_block", navy, block=0.1, offset=0.01, mottle=0.0, grain=0.0)
    x, y = np.random.default_rng(8).uniform(0, 1, (2, 200, 200))
    out = ev.sample(ev.root, x, y, 1e-5)[..., :3]
    cloth = np.array(Palette(EXAMPLE_PALETTE).ground, np.float32)
    gap = np.abs(out - cloth).max(axis=-1) < 1e-4
    assert 0.001 < gap.mean() < 0.3  # slivers between impressions, not whole blocks
    ev0 = _evaluator("finish.hand_block", navy, block=0.1, offset=0.0, mottle=0.0, grain=0.0)
    out0 = ev0.sample(ev0.root, x, y, 1e-5)[..., :3]
    assert not (np.abs(out0 - cloth).max(axis=-1) < 1e-4).any()  # aligned: no gaps
