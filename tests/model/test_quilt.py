"""The quilt prior (model v7): latent maps quilted from training tiles' maps, chosen
by the words; the weights record it; NumPy only (the end-to-end build needs a tiny
trained spatial autoencoder, hence torch)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foulard.errors import FoulardError
from foulard.model.quilt import QuiltPrior, _MapWindows, attach_quilt
from foulard.ops.learned._quilt import lay

CH, SIDE = 4, 16


def _maps(n: int, seed: int = 0) -> np.ndarray:
    """``n`` distinct periodic maps: each a few random sinusoids."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:SIDE, 0:SIDE] / SIDE
    out = np.empty((n, CH, SIDE, SIDE), np.float32)
    for t in range(n):
        for c in range(CH):
            ky, kx = rng.integers(1, 4, 2)
            out[t, c] = rng.normal() + np.sin(2 * np.pi * (ky * y + kx * x) + rng.uniform(0, 6))
    return out


# words: 0 colour:red, 1 colour:blue, 2 group:fish, 3 group:dots
IS_COLOUR = np.array([True, True, False, False])
WORDS = np.array(
    [
        [1, 0, 1, 0],  # red fish
        [1, 0, 1, 0],
        [0, 1, 1, 0],  # blue fish
        [0, 1, 1, 0],
        [0, 1, 0, 1],  # blue dots
        [0, 1, 0, 1],
        [1, 0, 0, 1],  # red dots
        [1, 0, 0, 1],
        [1, 0, 0, 1],
        [1, 0, 0, 1],
    ],
    bool,
)


def _pictures(n: int) -> np.ndarray:
    """``n`` small pictures, each two colours of its own."""
    rng = np.random.default_rng(7)
    out = np.empty((n, 8, 8, 3), np.float32)
    for t in range(n):
        out[t], out[t, ::2] = rng.uniform(0, 1, (2, 3))  # stripes of two colours
    return out


@pytest.fixture(scope="module")
def prior() -> QuiltPrior:
    return QuiltPrior.of_maps(_maps(len(WORDS)), WORDS, _pictures(len(WORDS)))


def _c(*which: int) -> np.ndarray:
    c = np.zeros(len(IS_COLOUR), np.float32)
    c[list(which)] = 1.0
    return c / c.sum()


def test_maps_are_stored_in_eight_bits_within_half_a_level_and_round_trip(prior):
    maps = _maps(len(WORDS))
    for t in range(len(WORDS)):
        err = np.abs(prior.map(t) - maps[t]).max(axis=(1, 2))
        assert (err <= prior.step * 0.5 + 1e-6).all()
    back = QuiltPrior.from_arrays(prior.arrays())
    assert np.array_equal(back.maps, prior.maps) and np.array_equal(back.words, prior.words)
    assert np.allclose(back.colours, prior.colours, atol=1e-6) and back.basis.shape == (10, 3, 3)
    # a tile's inks: the quantiles of its own picture along its colour axes
    pic = _pictures(len(WORDS))[3].reshape(-1, 3)
    assert np.allclose(
        prior.colours[3][:, [0, -1]],
        np.stack([(pic @ prior.basis[3]).min(0), (pic @ prior.basis[3]).max(0)], 1),
        atol=1e-9,
    )
    assert back.settings == prior.settings and back.map_shape == (CH, SIDE)
    assert prior.arrays()["quilt.maps"].dtype == np.uint8
    assert QuiltPrior.from_arrays({"mix.weights": np.ones(2)}) is None


def test_words_choose_the_tiles_and_the_inks(prior):
    every = np.arange(len(WORDS))
    tiles, inks = prior.tiles_for(np.zeros(4), IS_COLOUR)  # no words: any tile
    assert np.array_equal(tiles, every) and inks is None
    tiles, inks = prior.tiles_for(_c(0, 3), IS_COLOUR)  # red dots: four tiles carry both
    assert tiles.tolist() == [6, 7, 8, 9] and inks is None
    # blue fish: two tiles carry both, fewer than MIN_TILES: the fish tiles give the
    # drawing, the blue tiles the inks
    tiles, inks = prior.tiles_for(_c(1, 2), IS_COLOUR)
    assert tiles.tolist() == [0, 1, 2, 3] and inks.tolist() == [2, 3, 4, 5]
    tiles, inks = prior.tiles_for(_c(0, 1), IS_COLOUR)  # red and blue: no tile is both
    assert np.array_equal(tiles, every) and inks is None


def test_a_sample_is_seeded_and_tiles_of_its_words_give_it(prior):
    c = _c(3)  # dots: tiles 4-9
    a, ink = prior.sample(c, np.random.default_rng(4), IS_COLOUR)
    b, _ = prior.sample(c, np.random.default_rng(4), IS_COLOUR)
    assert a.shape == (CH * SIDE * SIDE,) and a.dtype == np.float32 and 4 <= ink <= 9
    assert np.array_equal(a, b)
    assert not np.array_equal(a, prior.sample(c, np.random.default_rng(5), IS_COLOUR)[0])
    # away from the seams every cell is a dots tile's, at some offset
    dots = np.stack([prior.map(t) for t in range(4, 10)])
    cells = a.reshape(CH, SIDE, SIDE)[:, 2:7, 2:7]
    found = [
        np.allclose(cells, np.roll(dots[t], (-dy, -dx), (1, 2))[:, 2:7, 2:7], atol=1e-5)
        for t in range(len(dots))
        for dy in range(SIDE)
        for dx in range(SIDE)
    ]
    assert any(found)
    _, ink = prior.sample(_c(1, 2), np.random.default_rng(0), IS_COLOUR)
    assert ink in (2, 3, 4, 5)  # blue fish: a blue tile's inks
    _, ink = prior.sample(_c(0, 2), np.random.default_rng(0), IS_COLOUR)
    assert ink in (0, 1, 6, 7, 8, 9)  # red fish: a red tile's inks


def test_no_patch_continues_the_tile_beside_it():
    """Patches laid in rows on the torus: a tile gives two patches only diagonally,
    and a patch is a window of one map at one offset."""
    maps = _maps(3, seed=1).transpose(0, 2, 3, 1)
    for seed in range(6):
        source = _MapWindows(maps, 2)
        canvas = lay(source, SIDE, 2, 2, np.random.default_rng(seed), tolerance=0.15)
        a, b, c, d = source.laid  # rows of the 2 x 2 patches: a b / c d
        assert a != b and a != c and d != b and d != c
        assert canvas.shape == (SIDE, SIDE, CH) and np.isfinite(canvas).all()
    one = _MapWindows(maps[:1], 2)  # a single tile: it gives every patch
    lay(one, SIDE, 2, 2, np.random.default_rng(0))
    assert one.laid == [0, 0, 0, 0]


def test_a_vector_latent_gets_no_quilt(tmp_path):
    from foulard.model.infer import weights_path

    with pytest.raises(FoulardError, match="a quilt prior needs a spatial latent"):
        attach_quilt(tmp_path, weights_path("v5"), tmp_path / "x.npz")


def test_quilt_prior_is_built_recorded_and_drawn(spatial, tmp_path):
    from foulard.model.dataset import load_dataset
    from foulard.model.infer import load_model

    data, weights = spatial
    out = tmp_path / "quilt.npz"
    info = attach_quilt(data, weights, out, command="foulard model prior --kind quilt")
    arrays, _ = load_dataset(data)
    rendered = int(((arrays["split"] == 0) & (arrays["source"] == 1)).sum())
    assert info["prior"]["kind"] == "quilt" and info["prior"]["training_tiles"] == rendered
    assert info["prior"]["command"] == "foulard model prior --kind quilt"
    model = load_model(out)
    assert model.quilt is not None and model.diffusion is None and model.mixture is None
    ch, side = model.latent_shape
    assert model.quilt.maps.shape == (rendered, ch, side, side)
    # a tile's stored map is its encoding, within half a level
    first = int(np.flatnonzero((arrays["split"] == 0) & (arrays["source"] == 1))[0])
    mu, _ = model.encode(arrays["images"][first].astype(np.float32) / 255.0)
    step = model.quilt.step.max()
    assert np.abs(model.quilt.map(0).reshape(-1) - mu).max() <= step * 0.5 + 1e-5
    cond = model.condition_ids([model.concepts[0]])
    a = model.draw(cond, np.random.default_rng(3))
    assert np.array_equal(a.z, model.draw(cond, np.random.default_rng(3)).z)
    assert a.z.shape == (model.zdim,) and a.colours is not None
    assert np.isfinite(model.render_tile(a.z, cond, 32, a.colours)).all()


def test_the_latest_model_is_v6s_decoder_with_the_quilt_prior():
    """Model v7: v6's network unchanged, its diffusion prior replaced by the quilt of
    the rendered training tiles' maps; its draws follow the words with a tile's inks
    and are no near-duplicate of a training tile."""
    from foulard.model.infer import LATEST, load_model

    assert LATEST == "v7"
    v6, v7 = load_model(model="v6"), load_model(model="v7")
    assert v7.quilt is not None and v7.diffusion is None and v7.mixture is None
    assert set(v7.w) == set(v6.w) - {k for k in v6.w if k.startswith("diff.")} | {
        "quilt.low",
        "quilt.step",
        "quilt.basis",
        "quilt.colours",
    }
    assert all(np.array_equal(v7.w[k], v6.w[k]) for k in v6.w if not k.startswith("diff."))
    assert v7.info["prior"]["kind"] == "quilt" and v7.info["prior"]["training_tiles"] == 8400
    assert v7.quilt.maps.shape == (8400, 4, 16, 16) and v7.quilt.map_shape == v7.latent_shape
    c = v7.condition("blue fish").c
    d = v7.draw(c, np.random.default_rng(2))
    assert d.colours is not None
    tile = v7.render_tile(d.z, c, 64, d.colours)
    assert v7.nearest_training_tile(tile) > 1.0  # the novelty rule: no copy
    from foulard.model.concepts import colour_words

    assert "colour:blue" in colour_words(tile)  # the words' colour, named as the data's


def test_weights_whose_quilt_and_decoder_disagree_name_their_file(tmp_path):
    """Maps of another shape than the decoder reads are refused when the weights load."""
    from foulard.model.infer import ModelWeightsError, load_model, write_weights

    v7 = load_model(model="v7")
    with np.load(v7.path) as f:
        arrays = {k: f[k] for k in f.files}
    arrays["quilt.maps"] = arrays["quilt.maps"][:8, :, :8, :8]  # 8 x 8 maps
    for key in ("quilt.words", "quilt.basis", "quilt.colours"):
        arrays[key] = arrays[key][:8]
    odd = tmp_path / "odd.npz"
    write_weights(odd, arrays, json.loads(v7.path.with_suffix(".json").read_text()))
    with pytest.raises(ModelWeightsError, match=r"odd\.npz: the quilt prior draws maps of"):
        load_model(odd)


def test_weights_with_an_unreadable_quilt_name_their_file(tmp_path):
    """A quilt whose record lacks a setting, or whose tiles carry another number of
    concepts than the model's, is a clear error naming the file."""
    from foulard.model.infer import ModelWeightsError, load_model, write_weights

    v7 = load_model(model="v7")
    with np.load(v7.path) as f:
        arrays = {k: f[k] for k in f.files}
    record = json.loads(v7.path.with_suffix(".json").read_text())
    config = json.loads(str(arrays["quilt.config"]))
    for name, change in (
        ("no-count.npz", {k: v for k, v in config.items() if k != "concepts"}),
        ("fewer.npz", {**config, "concepts": 100}),
    ):
        odd = tmp_path / name
        write_weights(odd, {**arrays, "quilt.config": np.array(json.dumps(change))}, record)
        with pytest.raises(ModelWeightsError, match=rf"{name}: its quilt prior"):
            load_model(odd)


def test_the_sample_command_draws_with_the_latest_model_or_the_one_named(capsys, tmp_path):
    """`foulard model sample` draws with v7 unless --model names another shipped model;
    the genomes record the model, so the same words and seed with v5 are another design."""
    from PIL import Image

    from foulard.cli.main import main

    ids = {}
    for name in (None, "v5"):
        out = tmp_path / f"{name}.png"
        args = ["model", "sample", "blue fish", "-o", str(out), "--px", "48"]
        assert main(args + (["--model", name] if name else [])) == 0
        report = json.loads(capsys.readouterr().out)
        ids[name] = report["genomes"][0]
        assert {u["concept"] for u in report["used"]} == {"colour:blue", "group:fish"}
        with Image.open(out) as im:
            assert im.size == (48, 48)
    assert ids[None] != ids["v5"]
    assert main(["model", "sample", "x", "-o", str(tmp_path / "x.png"), "--model", "v9"]) != 0
    assert "v9" in capsys.readouterr().err
