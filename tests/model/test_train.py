"""A tiny training run (needs the optional ``ai`` extra): export, NumPy parity, resume."""

from __future__ import annotations

import csv

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="training needs the optional 'ai' extra (torch)")

from foulard.model.dataset import build_dataset  # noqa: E402
from foulard.model.infer import load_model  # noqa: E402
from foulard.model.train import TrainConfig, _build, grid_features, train  # noqa: E402


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    empty = folder / "no-real"
    empty.mkdir()
    build_dataset(folder / "data", synthetic=6, seed=1, data_root=empty)
    return folder / "data"


def test_tiny_training_exports_weights_numpy_reproduces(tiny_data, tmp_path):
    cfg = TrainConfig.make(steps=3, batch=4, seed=0)
    info = train(tiny_data, tmp_path / "run", config=cfg, threads=1)
    assert info["steps"] == 3 and info["final"] is True
    model = load_model(tmp_path / "run" / "weights.npz")
    net = _build(len(model.concepts))
    state = torch.load(tmp_path / "run" / "checkpoint.pt", weights_only=False)
    net.load_state_dict(state["net"])
    rng = np.random.default_rng(0)
    z = rng.standard_normal(32).astype(np.float32)
    c = np.zeros(len(model.concepts), np.float32)
    c[0] = 1.0
    with torch.no_grad():
        ce = net.embed(torch.from_numpy(c)[None])
        ref = net.decode(torch.from_numpy(grid_features(32)), torch.from_numpy(z)[None], ce)
    ours = model.render_tile(z, c, 32).reshape(-1, 3)
    assert np.abs(ours - ref[0].numpy()).max() < 1e-4


def test_training_resumes_and_is_reproducible(tiny_data, tmp_path):
    whole = train(tiny_data, tmp_path / "whole", config=TrainConfig.make(steps=4, batch=4))
    cut = train(tiny_data, tmp_path / "split", config=TrainConfig.make(steps=4, batch=4), stop_at=2)
    assert cut["steps"] == 2 and cut["final"] is False
    resumed = train(tiny_data, tmp_path / "split", config=TrainConfig.make(steps=4, batch=4))
    assert resumed["steps"] == 4
    a = np.load(tmp_path / "whole" / "weights.npz")
    b = np.load(tmp_path / "split" / "weights.npz")
    for key in ("w1.weight", "map3.bias", "enc.0.weight"):
        assert np.allclose(a[key], b[key], atol=1e-5), key
    assert whole["sha256"]
    with open(tmp_path / "split" / "loss.csv", encoding="utf-8") as f:
        assert next(csv.reader(f))[:3] == ["step", "seconds", "loss"]


def test_prior_command_attaches_a_mixture_that_loads_and_draws(tiny_data, tmp_path):
    """`foulard model prior` on freshly trained weights: the written file matches its
    record, keeps the decoder, and draws samples with inks from the tiles."""
    import hashlib
    import json

    from click.testing import CliRunner

    from foulard.cli.main import cli

    train(tiny_data, tmp_path / "run", config=TrainConfig.make(steps=2, batch=4), threads=1)
    out = tmp_path / "prior.npz"
    args = ["model", "prior", str(tiny_data), str(tmp_path / "run" / "weights.npz")]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--components", "2"])
    assert result.exit_code == 0, result.output
    info = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert info["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert info["prior"]["components"] == 2 and info["prior"]["command"].startswith("foulard")
    model = load_model(out)
    base = load_model(tmp_path / "run" / "weights.npz")
    assert np.array_equal(model.w["w1.weight"], base.w["w1.weight"])
    d = model.draw(np.zeros(len(model.concepts), np.float32), np.random.default_rng(0), 0.8)
    assert d.colours is not None and model.render_tile(
        d.z, model.condition("").c, 16, d.colours
    ).shape == (16, 16, 3)
    assert model.draw_mode == "joint" and info["prior"]["draw"] == "joint"
    # --draw split: recorded in the file and its JSON; a draw with a colour word takes
    # its inks from a tile that carries it
    split = tmp_path / "split.npz"
    args += ["-o", str(split), "--components", "2", "--draw", "split"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    model = load_model(split)
    assert model.draw_mode == "split"
    assert json.loads(split.with_suffix(".json").read_text())["prior"]["draw"] == "split"
    words = model.mixture.tile_words
    colour = next(  # a colour some tiles carry and others do not
        c for c in model.concepts
        if c.startswith("colour:") and 0 < words[:, model.index[c]].sum() < len(words)
    )  # fmt: skip
    c = model.condition_ids([colour])
    _, _, inks = model._draw_split(c, np.random.default_rng(1), 0.8)
    assert model.mixture.tile_words[inks, model.index[colour]]
    # a file naming a draw this foulard does not know is refused, naming it
    from foulard.model.infer import ModelWeightsError, write_weights

    with np.load(split) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["mix.draw"] = np.array("sideways")
    write_weights(tmp_path / "odd.npz", arrays, {"note": "test"})
    with pytest.raises(ModelWeightsError, match="unknown draw 'sideways'"):
        load_model(tmp_path / "odd.npz")


@pytest.mark.parametrize("kind", ["grid", "spatial"])
def test_grid_decoder_tiny_training_numpy_reproduces_torch(tiny_data, tmp_path, kind):
    """Model v3's architecture (and its spatial latent): a tiny run exports weights that
    NumPy reads as a grid decoder rendering what torch renders, encoding as torch
    encodes, with a mixture attached after."""
    from foulard.model import arch
    from foulard.model.mixture import attach_mixture
    from foulard.model.train import _build_grid, grid_interp

    cfg = TrainConfig.make(steps=3, batch=4, seed=0, arch=kind)
    info = train(tiny_data, tmp_path / "run", config=cfg, threads=1)
    assert info["config"]["arch"] == kind
    model = load_model(tmp_path / "run" / "weights.npz")
    shape = arch.SPATIAL if kind == "spatial" else arch.GRID
    assert model.arch == kind and model.zdim == shape.ZDIM
    net = _build_grid(kind == "spatial")
    net.load_state_dict(torch.load(tmp_path / "run" / "checkpoint.pt", weights_only=False)["net"])
    z = np.random.default_rng(0).standard_normal(model.zdim).astype(np.float32)
    c = np.zeros(len(model.concepts), np.float32)
    with torch.no_grad():
        interp = torch.from_numpy(grid_interp(64))
        ref = net.decode(torch.from_numpy(z)[None], interp)[0].permute(1, 2, 0).numpy()
    ours = model.render_tile(z, c, 64)
    assert np.abs(ours - ref).max() < 1e-4
    # the encoder too
    img = np.random.default_rng(1).random((64, 64, 3)).astype(np.float32)
    with torch.no_grad():
        mu_ref = net.encode(torch.from_numpy(img.transpose(2, 0, 1))[None])[0][0].numpy()
    assert np.abs(model.encode(img)[0] - mu_ref).max() < 1e-4
    out = tmp_path / "v3.npz"
    attach_mixture(tiny_data, tmp_path / "run" / "weights.npz", out, components=2, iterations=3)
    mixed = load_model(out)
    assert mixed.arch == kind and mixed.mixture.means.shape == (2, shape.ZDIM)
    draw = mixed.draw(c, np.random.default_rng(2))
    tile = mixed.render_tile(draw.z, c, 48, draw.colours)
    assert tile.shape == (48, 48, 3) and np.isfinite(tile).all()
    if kind == "spatial":  # full covariances of a 512-number latent: 1 MB a component
        from foulard.errors import FoulardError

        with pytest.raises(FoulardError, match="take 21 MB, over the weights' 20 MB"):
            attach_mixture(tiny_data, tmp_path / "run" / "weights.npz", out, components=20)


def test_unknown_architecture_is_refused(tiny_data, tmp_path):
    from foulard.errors import FoulardError

    with pytest.raises(FoulardError, match="unknown architecture 'unet'"):
        train(tiny_data, tmp_path / "run", config=TrainConfig.make(steps=1, arch="unet"))


def test_train_command_takes_the_grid_options(tiny_data, tmp_path):
    """`foulard model train --arch grid --posterior fixed --no-roll`: the options reach
    the run's recorded configuration and the weights load as a grid decoder."""
    import json

    from click.testing import CliRunner

    from foulard.cli.main import cli

    out = tmp_path / "run"
    args = ["model", "train", str(tiny_data), str(out), "--steps", "2", "--batch", "4"]
    grid = ["--arch", "grid", "--posterior", "fixed", "--no-roll"]
    result = CliRunner().invoke(cli, [*args, *grid])
    assert result.exit_code == 0, result.output
    config = json.loads((out / "weights.json").read_text(encoding="utf-8"))["config"]
    assert (config["arch"], config["posterior"], config["roll"]) == ("grid", "fixed", False)
    assert load_model(out / "weights.npz").arch == "grid"
    bad = CliRunner().invoke(cli, [*args, "--arch", "unet"])
    assert bad.exit_code != 0 and "unet" in bad.output


def test_edge_loss_counts_each_edge_of_a_thin_line():
    """A one-pixel vertical line of contrast 0.5 against a flat prediction: two edges
    in every row of each of 3 channels, none down the columns; none for a match."""
    from foulard.model.train import _edge_error

    target = torch.zeros(2, 3, 8, 8)
    target[:, :, :, 3] = 0.5
    flat = torch.zeros_like(target)
    assert float(_edge_error(target, target)) == 0.0
    assert float(_edge_error(flat, target)) == pytest.approx(2 * 0.25 * 8 * 3)
    wrapped = torch.zeros_like(target)  # the line on the wrap: the same edges
    wrapped[:, :, :, 0] = 0.5
    assert float(_edge_error(flat, wrapped)) == pytest.approx(2 * 0.25 * 8 * 3)


def _first_step(data, out, *extra) -> tuple[float, dict]:
    """``foulard model train`` for one step: its first reconstruction loss and the
    run's recorded configuration."""
    import json

    from click.testing import CliRunner

    from foulard.cli.main import cli

    args = ["model", "train", str(data), str(out), "--steps", "1", "--batch", "4", *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    with open(out / "loss.csv", encoding="utf-8") as f:
        recon = float(next(csv.DictReader(f))["recon"])
    return recon, json.loads((out / "weights.json").read_text(encoding="utf-8"))["config"]


def test_train_command_weighs_edges(tiny_data, tmp_path):
    """``--edges W`` is recorded and adds to the loss from the first step (the same
    seed, network and batch as without it)."""
    plain, plain_cfg = _first_step(tiny_data, tmp_path / "plain", "--arch", "grid")
    edged, config = _first_step(tiny_data, tmp_path / "edged", "--arch", "grid", "--edges", "2")
    assert edged > plain
    assert config["edges"] == 2.0
    assert "edges" not in plain_cfg  # runs without it record what they did


def test_train_command_sets_the_fixed_posteriors_spread(tiny_data, tmp_path):
    """``--latent-noise S`` is recorded and is the spread the decoder sees (the same
    seed, network and batch as the default 0.1 give another first loss); only a fixed
    posterior takes it."""
    from click.testing import CliRunner

    from foulard.cli.main import cli

    fixed = ["--arch", "spatial", "--posterior", "fixed"]
    plain, plain_cfg = _first_step(tiny_data, tmp_path / "plain", *fixed)
    noisy, config = _first_step(tiny_data, tmp_path / "noisy", *fixed, "--latent-noise", "1.5")
    assert noisy != plain
    assert config["z_noise"] == 1.5 and "z_noise" not in plain_cfg
    args = ["model", "train", str(tiny_data), str(tmp_path / "x"), "--latent-noise", "0.3"]
    bad = CliRunner().invoke(cli, args)
    assert bad.exit_code != 0 and "only a fixed posterior" in bad.output
    from foulard.errors import FoulardError

    with pytest.raises(FoulardError, match="only a fixed posterior"):  # train() itself too
        train(tiny_data, tmp_path / "y", config=TrainConfig.make(steps=1, z_noise=0.3))
    assert not (tmp_path / "y").exists()  # refused before anything was written


def test_a_fine_tune_starts_from_another_runs_network(tiny_data, tmp_path):
    """``init``: a new run starts from another run's network (fresh optimiser and
    schedule, recorded in its configuration); its own checkpoint wins when resuming;
    a network of another architecture is refused."""
    from foulard.errors import FoulardError

    base = train(tiny_data, tmp_path / "base", config=TrainConfig.make(steps=3, batch=4, seed=1))
    cfg = TrainConfig.make(steps=2, batch=4, lr=1e-6)
    tuned = train(tiny_data, tmp_path / "tuned", config=cfg, init=tmp_path / "base")
    assert tuned["steps"] == 2 and tuned["config"]["init"]["steps"] == 3
    assert tuned["config"]["init"]["dataset_version"] == base["dataset_version"]
    a = np.load(tmp_path / "base" / "weights.npz")
    b = np.load(tmp_path / "tuned" / "weights.npz")
    train(tiny_data, tmp_path / "fresh", config=TrainConfig.make(steps=2, batch=4))
    c = np.load(tmp_path / "fresh" / "weights.npz")
    # a tiny learning rate: the tuned network is still the base one (seed 1), not the
    # start of its own seed 0
    assert np.abs(a["enc.0.weight"] - b["enc.0.weight"]).max() < 1e-3
    assert np.abs(a["enc.0.weight"] - c["enc.0.weight"]).max() > 1e-2
    more = train(tiny_data, tmp_path / "tuned", config=TrainConfig.make(steps=3, batch=4))
    assert more["steps"] == 3 and more["config"]["init"]["steps"] == 3  # resumed, same start
    with pytest.raises(FoulardError, match="is a fourier network, not grid"):
        train(tiny_data, tmp_path / "g", config=TrainConfig.make(steps=1, arch="grid"),
              init=tmp_path / "base")  # fmt: skip
    with pytest.raises(FoulardError, match="no checkpoint to start from"):
        train(tiny_data, tmp_path / "h", config=cfg, init=tmp_path / "nowhere")


def test_a_latent_map_of_side_16_reads_as_torch_draws_and_starts_from_a_side_8_run(
    tiny_data, tmp_path
):
    """``latent_side=16, latent_channels=4``: cells of 4 px (two strided convolutions,
    one doubling in the generator); NumPy renders and encodes what torch does; a run
    started from a side-8 network takes every layer that fits and records the fresh
    ones; the CLI refuses a map's options for a vector latent."""
    from click.testing import CliRunner

    from foulard.cli.main import cli
    from foulard.model.train import _build_grid, grid_interp

    fixed = {"arch": "spatial", "posterior": "fixed", "batch": 4, "seed": 0}
    train(tiny_data, tmp_path / "s8", config=TrainConfig.make(steps=2, **fixed), threads=1)
    cfg = TrainConfig.make(steps=2, latent_side=16, latent_channels=4, **fixed)
    info = train(tiny_data, tmp_path / "s16", config=cfg, threads=1, init=tmp_path / "s8")
    assert info["config"]["init"]["fresh"] == [
        "enc_out.bias", "enc_out.weight", "gen_in.weight",
    ]  # fmt: skip
    model = load_model(tmp_path / "s16" / "weights.npz")
    assert model.latent_shape == (4, 16) and model.zdim == 1024
    s8 = np.load(tmp_path / "s8" / "weights.npz")
    assert "enc.2.weight" in s8 and "enc.2.weight" not in model.w
    net = _build_grid(True, (4, 16))
    net.load_state_dict(torch.load(tmp_path / "s16" / "checkpoint.pt", weights_only=False)["net"])
    z = np.random.default_rng(0).standard_normal(1024).astype(np.float32)
    c = np.zeros(len(model.concepts), np.float32)
    with torch.no_grad():
        interp = torch.from_numpy(grid_interp(64))
        ref = net.decode(torch.from_numpy(z)[None], interp)[0].permute(1, 2, 0).numpy()
    assert np.abs(model.render_tile(z, c, 64) - ref).max() < 1e-4
    img = np.random.default_rng(1).random((64, 64, 3)).astype(np.float32)
    with torch.no_grad():
        mu_ref = net.encode(torch.from_numpy(img.transpose(2, 0, 1))[None])[0][0].numpy()
    assert mu_ref.shape == (1024,) and np.abs(model.encode(img)[0] - mu_ref).max() < 1e-4
    args = ["model", "train", str(tiny_data), str(tmp_path / "x"), "--latent-side", "16"]
    bad = CliRunner().invoke(cli, args)
    assert bad.exit_code != 0 and "only a spatial latent is a map" in bad.output
    from foulard.errors import FoulardError

    with pytest.raises(FoulardError, match="a latent map of side 12"):
        _build_grid(True, (4, 12))
