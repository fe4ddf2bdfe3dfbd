"""The mixture prior: EM on latents, conditioning by the components' concepts, and the
operators' ``model`` parameter that keeps old designs on the weights they were made with."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Genome, Node
from foulard.model.mixture import Mixture, fit_mixture
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import render_float


def _clusters(seed: int = 0):
    """Three tight clusters of 8-d latents; concept 0 on cluster A, concept 1 on B."""
    rng = np.random.default_rng(seed)
    centres = np.array([[4.0] * 8, [-4.0] * 8, [0.0] * 4 + [6.0] * 4])
    x = np.concatenate([c + 0.3 * rng.standard_normal((120, 8)) for c in centres])
    y = np.zeros((360, 3), np.uint8)
    y[:120, 0] = 1
    y[120:240, 1] = 1
    return centres, x, y


def test_em_finds_the_clusters_and_their_concepts():
    centres, x, y = _clusters()
    mix = fit_mixture(x, y, 3, seed=1, iterations=20)
    assert np.allclose(np.sort(mix.weights), [1 / 3] * 3, atol=0.02)
    # every true centre has a fitted mean next to it
    d = np.linalg.norm(centres[:, None] - mix.means[None], axis=-1)
    assert d.min(1).max() < 0.2
    near_a = d[0].argmin()
    assert mix.concepts[near_a, 0] > 0.95 and mix.concepts[near_a, 1] < 0.05
    # concept 2 is on no tile: its share is the floor everywhere, so it changes nothing
    assert np.allclose(mix.component_probs(np.array([0, 0, 1.0])), mix.weights)


def test_words_draw_from_the_components_that_carry_them():
    centres, x, y = _clusters()
    mix = fit_mixture(x, y, 3, seed=1, iterations=20)
    rng = np.random.default_rng(7)
    for concept, centre in ((0, centres[0]), (1, centres[1])):
        c = np.zeros(3)
        c[concept] = 1.0
        zs = np.array([mix.sample(c, rng, 1.0) for _ in range(50)])
        assert np.linalg.norm(zs.mean(0) - centre) < 0.3
        assert 0.15 < zs.std(0).mean() < 0.5  # the component's spread, not a copy of a point
    # temperature 0 gives the component means exactly
    z0 = mix.sample(np.array([1.0, 0, 0]), rng, 0.0)
    assert np.min(np.abs(mix.means - z0).max(1)) < 1e-5


def test_fit_is_deterministic_and_round_trips_through_arrays():
    _, x, y = _clusters()
    a = fit_mixture(x, y, 4, seed=3, iterations=5)
    b = fit_mixture(x, y, 4, seed=3, iterations=5)
    assert np.array_equal(a.means, b.means) and np.array_equal(a.chol, b.chol)
    back = Mixture.from_arrays(a.arrays())
    assert back is not None and np.allclose(back.means, a.means, atol=1e-5)
    assert Mixture.from_arrays({"mix.means": a.means}) is None


def test_bad_fits_are_refused_with_the_reason():
    _, x, y = _clusters()
    with pytest.raises(ValueError, match=r"components must be in 1\.\.360"):
        fit_mixture(x, y, 0)
    with pytest.raises(ValueError, match="360 latents but 10 label rows"):
        fit_mixture(x, y[:10], 2)


def _genome(**params) -> Genome:
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    node = Node.make("learned.neural_prompt", words="red flowers", repeats=2, **params)
    return Genome.make(node, palette, seed=11)


def test_a_version_1_node_keeps_the_first_model():
    """A genome saved before the ``model`` parameter existed names no model: it loads as
    ``v1`` and renders exactly as a node that asks for v1, not as the latest model."""
    doc = _genome(model="v1").to_json()
    (node,) = [n for n in [doc["root"]] if n["op"] == "learned.neural_prompt"]
    node["version"] = 1
    del node["params"]["model"]
    old = Genome.from_json(doc)
    assert old.root.params.model == "v1"
    a = render_float(old, 48)
    assert np.array_equal(a, render_float(_genome(model="v1"), 48))
    assert not np.array_equal(a, render_float(_genome(), 48))


def test_a_node_that_names_v2_keeps_it_when_v5_is_the_default():
    """Every parameter is written in the canonical form, so a design saved with model v2
    loads as v2 (same id, same picture), whatever the latest model is."""
    doc = _genome(model="v2").to_json()
    assert doc["root"]["params"]["model"] == "v2"
    again = Genome.from_json(doc)
    assert again.design_id == _genome(model="v2").design_id
    a = render_float(again, 48)
    assert not np.array_equal(a, render_float(_genome(), 48))  # the default (v7) differs


def test_the_grid_models_have_a_mixture_prior():
    from foulard.model.infer import load_model

    for name, k in (("v5", 256), ("v4", 256), ("v3", 64)):
        m = load_model(model=name)
        assert m.arch == "grid" and m.mixture is not None and len(m.mixture.weights) == k
    # v5 is v4's network and mixture, drawn the split way
    v4, v5 = load_model(model="v4"), load_model(model="v5")
    assert v5.path == v4.path and (v4.draw_mode, v5.draw_mode) == ("joint", "split")
    assert load_model(v5.path).draw_mode == "joint"  # a file alone draws its own way
    assert load_model(model="v2").mixture is not None
    assert load_model(model="v1").mixture is None


def _with_tiles(mix: Mixture, y: np.ndarray, flat: set[int] = frozenset()) -> Mixture:
    """Tile tables for the clusters' latents: tile i's inks are a ramp, or flat."""
    from foulard.model.colour_transfer import colour_table
    from foulard.model.mixture import _log_resp

    rng = np.random.default_rng(2)
    tables = []
    for i in range(len(y)):
        base = rng.random(3)
        spread = 0.0 if i in flat else 0.6
        ramp = np.linspace(0, 1, 64)[:, None] * spread * np.array([1.0, 0.5, 0.2]) + base * 0.4
        tables.append(colour_table(np.clip(ramp, 0, 1)))
    _, x, _ = _clusters()
    comp = _log_resp(x, mix.weights, mix.means, mix.chol)[0].argmax(1)
    return mix.with_tiles(
        comp, y > 0, np.stack([t[0] for t in tables]), np.stack([t[1] for t in tables])
    )


def test_a_draw_takes_the_inks_of_a_tile_with_the_words_never_a_flat_one():
    centres, x, y = _clusters()
    flat = set(range(0, 120, 2))  # half of concept 0's tiles are one flat colour
    mix = _with_tiles(fit_mixture(x, y, 3, seed=1, iterations=20), y, flat)
    back = Mixture.from_arrays(mix.arrays())  # the words survive bit packing
    assert np.array_equal(back.tile_words, mix.tile_words)
    rng = np.random.default_rng(3)
    tiles = [mix.draw(np.array([1.0, 0, 0]), rng, 0.8) for _ in range(200)]
    idx = np.array([t for _, t in tiles])
    assert y[idx, 0].mean() > 0.97 and not (set(idx.tolist()) & flat)
    # the latent comes from the component of the donor tile (cluster A)
    zs = np.array([z for z, _ in tiles])
    assert np.linalg.norm(zs.mean(0) - centres[0]) < 0.3


def test_the_colour_map_gives_a_sample_the_target_distribution():
    from foulard.model.colour_transfer import ColourMap, colour_table

    rng = np.random.default_rng(4)
    sample = rng.random((32, 32, 3)) * 0.2 + 0.4  # washed-out greys
    target = np.stack(
        [rng.random(4096) ** 2, rng.random(4096) * 0.3, 0.9 - rng.random(4096) * 0.5], 1
    )
    basis, q = colour_table(target)
    cmap = ColourMap.between(sample, basis, q)
    out = cmap(sample.astype(np.float32))
    assert out.dtype == np.float32 and out.shape == sample.shape
    got = np.quantile(out.reshape(-1, 3) @ basis, [0.1, 0.5, 0.9], axis=0)
    want = np.quantile(target @ basis, [0.1, 0.5, 0.9], axis=0)
    assert np.abs(got - want).max() < 0.06
    # pointwise: a pixel's value depends on its own colour only
    assert np.array_equal(cmap(sample[:5, :5].astype(np.float32)), out[:5, :5])


def test_model_v2_samples_tile_exactly_with_their_inks():
    a = render_float(_genome(), 96)  # two repeats: a period of 48 px
    assert np.array_equal(a[:48], a[48:]) and np.array_equal(a[:, :48], a[:, 48:])
    assert a.std() > 0.05  # not washed out to one colour


def test_pick_tile_weighs_each_missing_word_by_its_own_eps():
    """The split draw's two picks: with a missing concept-1 word nearly ruled out
    (eps 1e-6) and a missing concept-0 word only disfavoured (0.05), asking for both
    (no tile carries both) picks concept-1 tiles; with the eps swapped, concept-0 ones."""
    _, x, y = _clusters()
    mix = _with_tiles(fit_mixture(x, y, 3, seed=1, iterations=20), y)
    rng = np.random.default_rng(4)
    both = np.array([0.5, 0.5, 0.0])
    picks = [mix.pick_tile(both, rng, np.array([0.05, 1e-6, 1.0])) for _ in range(100)]
    assert y[picks, 1].all()
    picks = [mix.pick_tile(both, rng, np.array([1e-6, 0.05, 1.0])) for _ in range(100)]
    assert y[picks, 0].all()
    # one word: its 120 tiles are 20 times likelier than the 240 others (expected share
    # 120 / (120 + 240 * 0.05) = 0.91)
    one = np.array([1.0, 0.0, 0.0])
    picks = np.array([mix.pick_tile(one, rng, 0.05) for _ in range(400)])
    assert 0.85 < y[picks, 0].mean() < 0.96


def test_v5_draws_stripes_in_black_and_white_where_no_tile_is_both():
    """No training tile is black-and-white stripes. Model v4's joint draw then takes a
    black-and-white tile without stripes; v5's split draw takes the latent from a
    stripes tile and the inks from a black-and-white one."""
    from foulard.model.infer import load_model

    v4, v5 = load_model(model="v4"), load_model(model="v5")
    cond = v5.condition("black and white stripes")
    ids = [v5.index[i] for i in ("group:stripes", "colour:black", "colour:white")]
    assert {c for _, c in cond.used} == {"group:stripes", "colour:black", "colour:white"}
    words = v5.mixture.tile_words
    assert not words[:, ids].all(1).any()
    rng = np.random.default_rng(0)
    for _ in range(20):
        _, tile, inks = v5._draw_split(cond.c, rng, 0.8)
        assert words[tile, ids[0]] and words[inks, ids[1]] and words[inks, ids[2]]
    joint = [v4.mixture.draw(cond.c, rng, 0.8, v4.word_eps)[1] for _ in range(20)]
    assert not words[joint, ids[0]].any() and words[joint][:, ids[1:]].all()


def test_v5_reads_a_styles_required_colours_v4_does_not():
    """青花瓷 / "blue and white porcelain" is a style whose palette rule requires blue
    accents on a white ground: model v5 conditions on those colours too (a vocabulary
    fact); colours a style only allows ("any of") are not added; v4 keeps its words."""
    from foulard.model.infer import load_model

    v4, v5 = load_model(model="v4"), load_model(model="v5")
    for text in ("blue and white porcelain", "青花瓷"):
        assert [c for _, c in v5.condition(text).used] == [
            "style:blue_and_white", "colour:blue", "colour:white"
        ]  # fmt: skip
        assert [c for _, c in v4.condition(text).used] == ["style:blue_and_white"]
    # art deco allows gold or black: nothing is required, so nothing is set
    deco = v5.condition("art deco")
    assert not deco.used and deco.ignored[0]["reason"] == "the model was not trained on it"
