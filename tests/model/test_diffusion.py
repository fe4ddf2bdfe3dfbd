"""The diffusion prior of the spatial latent: NumPy reads what torch trained, samples
follow the schedule, a killed run resumes to the same weights (needs the ``ai`` extra
for the training half)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foulard.errors import FoulardError
from foulard.model import arch
from foulard.model.diffusion import (
    SAMPLE_STEPS,
    STEPS,
    Diffusion,
    alpha_bar,
    sample_times,
    time_features,
)

torch = pytest.importorskip("torch", reason="training needs the optional 'ai' extra (torch)")

from foulard.model.diffusion_train import _symmetries, attach_diffusion  # noqa: E402
from foulard.model.infer import load_model  # noqa: E402
from foulard.model.train import TrainConfig, train  # noqa: E402


def test_schedule_runs_from_signal_to_pure_noise_and_samples_start_there():
    ab = alpha_bar()
    assert ab[0] == 1.0 and np.all(np.diff(ab) < 0) and ab[-1] == 0.0  # zero terminal SNR
    ts = sample_times(24)
    assert len(ts) == 24 and ts[0] == STEPS and np.all(np.diff(ts) < 0) and ts[-1] >= 1
    assert list(sample_times(4)) == [1000, 750, 500, 250]
    f = time_features(np.array([0, 500]))
    assert f.shape == (2, 32) and np.allclose(f[0], [0.0] * 16 + [1.0] * 16)


def test_the_symmetries_of_the_square_are_eight_distinct_tiles():
    tile = np.arange(4 * 4 * 3, dtype=np.uint8).reshape(1, 4, 4, 3)
    variants = _symmetries(tile)
    assert len(variants) == 8
    assert len({v.tobytes() for v in variants}) == 8


def test_numpy_prior_predicts_what_torch_trained_and_samples(spatial, tmp_path):
    data, weights = spatial
    out = tmp_path / "prior.npz"
    info = attach_diffusion(data, weights, out, steps=3, batch=8, seed=0, threads=1)
    assert info["prior"]["kind"] == "diffusion" and info["prior"]["final"] is True
    assert not out.with_suffix(".diffusion.pt").exists()  # finished: no checkpoint left
    model = load_model(out)
    assert model.diffusion is not None and model.mixture is None
    # the NumPy network against the torch one, on the same inputs
    from foulard.model.diffusion_train import build_denoiser

    net = build_denoiser(len(model.concepts))
    net.load_state_dict({k: torch.from_numpy(v) for k, v in model.diffusion.w.items()})
    rng = np.random.default_rng(0)
    s, ch = arch.SPATIAL.LATENT_SIDE, arch.SPATIAL.LATENT_CH
    x = rng.standard_normal((2, ch, s, s)).astype(np.float32)
    t = np.array([3, 700])
    c = np.zeros((2, len(model.concepts)), np.float32)
    c[0, 0] = 1.0
    with torch.no_grad():
        ref = net(torch.from_numpy(x), torch.from_numpy(time_features(t)), torch.from_numpy(c))
    assert np.abs(model.diffusion.predict(x, t, c) - ref.numpy()).max() < 1e-4
    # a draw: a latent map from the prior, the decoder's own colours, seed-reproducible
    cond = model.condition_ids([model.concepts[0]])
    a = model.draw(cond, np.random.default_rng(5))
    b = model.draw(cond, np.random.default_rng(5))
    assert a.z.shape == (arch.SPATIAL.ZDIM,) and a.colours is None
    assert np.array_equal(a.z, b.z) and np.isfinite(a.z).all()
    # no temperature: a smaller start flattens the maps (the mixture's spread only)
    assert np.array_equal(model.draw(cond, np.random.default_rng(5), 0.5).z, a.z)
    tile = model.render_tile(a.z, cond, 32)
    assert tile.shape == (32, 32, 3) and np.isfinite(tile).all()
    # the stored guidance is the default; no guidance is the plain conditional model
    assert model.diffusion.guidance == 2.0
    plain = model.diffusion.sample(cond, np.random.default_rng(5), guidance=0.0)
    guided = model.diffusion.sample(cond, np.random.default_rng(5))
    assert not np.array_equal(plain, guided)
    unscaled = model.diffusion.sample(cond, np.random.default_rng(5), rescale=0.0)
    assert not np.array_equal(unscaled, guided)
    # at pure noise the velocity is minus the map: one step gives the network's map
    d = model.diffusion
    one = d.sample(cond, np.random.default_rng(5), guidance=0.0, steps=1)
    x = np.random.default_rng(5).standard_normal((1, *x.shape[1:])).astype(np.float32)
    v = d.predict(x, np.array([STEPS]), np.asarray(cond, np.float32)[None])
    want = np.clip(-v[0], -4, 4) * d.scale[:, None, None] + d.shift[:, None, None]
    assert np.allclose(one, want.reshape(-1), atol=1e-5)
    record = json.loads(out.with_suffix(".json").read_text())
    assert record["prior"]["trained_steps"] == 3 and SAMPLE_STEPS > 1


def test_denoising_check_scores_a_network_against_the_structureless_estimate(spatial, tmp_path):
    """``foulard model eval``'s prior_denoising: a network that predicts a velocity of
    zero is exactly the estimate for maps with no structure (the noisy map shrunk by
    its signal share), so its error is that baseline's, up to the maps' own spread."""
    import dataclasses

    from foulard.model.dataset import load_dataset
    from foulard.model.evaluate import DENOISE_STEPS, denoising_check

    data, weights = spatial
    out = tmp_path / "prior.npz"
    attach_diffusion(data, weights, out, steps=2, batch=8, seed=0, threads=1)
    model = load_model(out)
    arrays, _ = load_dataset(data)
    got = denoising_check(model, arrays, np.random.default_rng(0), 64)
    assert got["maps"] == int((arrays["split"] == 0).sum())
    assert list(got["steps"]) == [str(t) for t in DENOISE_STEPS]
    base = [s["rms_error_no_structure"] for s in got["steps"].values()]
    assert base == sorted(base) and 0 < base[0] < base[-1] < 1
    model.diffusion = dataclasses.replace(
        model.diffusion, w={**model.diffusion.w, "conv_out.weight": 0 * model.diffusion.w[
            "conv_out.weight"], "conv_out.bias": 0 * model.diffusion.w["conv_out.bias"]}
    )  # fmt: skip
    zero = denoising_check(model, arrays, np.random.default_rng(0), 64)
    for s in zero["steps"].values():
        assert s["rms_error_words"] == s["rms_error_no_words"]
        assert s["rms_error_words"] == pytest.approx(s["rms_error_no_structure"], rel=0.05)


def test_a_killed_prior_run_resumes_to_the_same_weights(spatial, tmp_path):
    data, weights = spatial
    whole = attach_diffusion(data, weights, tmp_path / "a.npz", steps=4, batch=8, threads=1)
    part = attach_diffusion(data, weights, tmp_path / "b.npz", steps=4, batch=8, threads=1,
                            stop_at=2)  # fmt: skip
    assert part["prior"]["final"] is False and (tmp_path / "b.diffusion.pt").is_file()
    # the weights written are the moving average of the trained ones, not the last step's
    state = torch.load(tmp_path / "b.diffusion.pt", weights_only=False)
    with np.load(tmp_path / "b.npz") as y:
        w = y["diff.conv_in.weight"]
    assert np.array_equal(w, state["ema"]["conv_in.weight"].numpy())
    assert not np.array_equal(w, state["net"]["conv_in.weight"].numpy())
    done = attach_diffusion(data, weights, tmp_path / "b.npz", steps=4, batch=8, threads=1)
    assert done["prior"]["final"] is True
    with np.load(tmp_path / "a.npz") as x, np.load(tmp_path / "b.npz") as y:
        for k in x.files:
            if k.startswith("diff.") and x[k].dtype == np.float32:
                assert np.array_equal(x[k], y[k]), k
    assert whole["prior"]["loss_per_500"] == done["prior"]["loss_per_500"]
    # another run's settings in the same place are refused, not mixed
    attach_diffusion(data, weights, tmp_path / "c.npz", steps=4, batch=8, threads=1, stop_at=1)
    with pytest.raises(FoulardError, match="another run's checkpoint"):
        attach_diffusion(data, weights, tmp_path / "c.npz", steps=5, batch=8, threads=1)


def test_a_prior_of_another_width_and_depth_is_read_back_from_its_arrays(spatial, tmp_path):
    from foulard.model.diffusion_train import build_denoiser

    data, weights = spatial
    out = tmp_path / "narrow.npz"
    info = attach_diffusion(data, weights, out, steps=1, batch=4, width=16, blocks=2, threads=1)
    assert (info["prior"]["width"], info["prior"]["blocks"]) == (16, 2)
    d = load_model(out).diffusion
    assert d.blocks == 2 and d.w["conv_in.weight"].shape[0] == 16
    net = build_denoiser(len(load_model(out).concepts), 16, 2)
    net.load_state_dict({k: torch.from_numpy(v) for k, v in d.w.items()})
    x = np.random.default_rng(1).standard_normal((1, 8, 8, 8)).astype(np.float32)
    c = np.zeros((1, d.w["emb1.weight"].shape[1] - 32), np.float32)
    with torch.no_grad():
        ref = net(torch.from_numpy(x), torch.from_numpy(time_features(np.array([900]))),
                  torch.from_numpy(c))  # fmt: skip
    assert np.abs(d.predict(x, np.array([900]), c) - ref.numpy()).max() < 1e-4
    with pytest.raises(FoulardError, match="not a multiple of 8"):
        attach_diffusion(data, weights, tmp_path / "odd.npz", steps=1, width=12)


def test_a_vector_latent_gets_no_diffusion_prior(tmp_path, spatial):
    data, _ = spatial
    cfg = TrainConfig.make(steps=1, batch=4, seed=0, arch="grid")
    train(data, tmp_path / "grid", config=cfg, threads=1)
    with pytest.raises(FoulardError, match="needs a spatial latent"):
        attach_diffusion(data, tmp_path / "grid" / "weights.npz", tmp_path / "x.npz", steps=1)


def test_diffusion_arrays_round_trip_and_a_noise_predicting_prior_is_refused():
    w = {"conv_in.weight": np.ones((2, 2, 3, 3), np.float32)}
    d = Diffusion(w, np.zeros(8), np.ones(8), 1.5)
    arrays = d.arrays()
    back = Diffusion.from_arrays(arrays)
    assert back.guidance == 1.5 and np.array_equal(back.w["conv_in.weight"], w["conv_in.weight"])
    assert Diffusion.from_arrays({"other": np.zeros(1)}) is None
    # a prior trained before the velocity target (its config names no prediction)
    arrays["diff.config"] = np.array(json.dumps({"guidance": 2.0}))
    with pytest.raises(FoulardError, match=r"predicts 'the noise'.*train it again"):
        Diffusion.from_arrays(arrays)


def test_weights_with_a_noise_predicting_prior_name_their_file(spatial, tmp_path):
    from foulard.model.infer import ModelWeightsError, write_weights

    data, weights = spatial
    out = tmp_path / "prior.npz"
    attach_diffusion(data, weights, out, steps=1, batch=4, threads=1)
    with np.load(out) as f:
        arrays = dict(f)
    arrays["diff.config"] = np.array(json.dumps({"guidance": 2.0}))
    old = tmp_path / "old.npz"
    write_weights(old, arrays, json.loads(out.with_suffix(".json").read_text()))
    with pytest.raises(ModelWeightsError, match=r"old\.npz: this diffusion prior predicts"):
        load_model(old)


def test_a_prior_of_a_side_16_map_draws_its_maps_and_a_mismatch_is_refused(spatial, tmp_path):
    """A prior on a 16 x 16 map of 4 channels draws maps of that shape (its side kept
    in its configuration); weights whose prior and decoder disagree name their file."""
    from foulard.model.infer import ModelWeightsError, write_weights

    data, _ = spatial
    cfg = TrainConfig.make(
        steps=1, batch=4, seed=0, arch="spatial", posterior="fixed", latent_side=16,
        latent_channels=4,
    )  # fmt: skip
    train(data, tmp_path / "run", config=cfg, threads=1)
    out = tmp_path / "prior.npz"
    attach_diffusion(data, tmp_path / "run" / "weights.npz", out, steps=1, batch=4, threads=1)
    model = load_model(out)
    assert model.diffusion.map_shape == (4, 16) == model.latent_shape
    draw = model.draw(model.condition_ids([model.concepts[0]]), np.random.default_rng(0))
    assert draw.z.shape == (1024,) and np.isfinite(draw.z).all()
    with np.load(out) as f:
        arrays = dict(f)
    arrays["diff.config"] = np.array(json.dumps({"guidance": 2.0, "prediction": "v"}))
    odd = tmp_path / "odd.npz"
    write_weights(odd, arrays, json.loads(out.with_suffix(".json").read_text()))
    with pytest.raises(ModelWeightsError, match=r"odd\.npz: the diffusion prior draws maps of"):
        load_model(odd)


def test_a_prior_whose_blocks_read_the_words_is_read_by_numpy_as_torch_trained_it(
    spatial, tmp_path
):
    from click.testing import CliRunner

    from foulard.cli.main import cli

    data, weights = spatial
    out = tmp_path / "prior-words.npz"
    args = ["model", "prior", str(data), str(weights), "-o", str(out), "--kind", "diffusion"]
    result = CliRunner().invoke(cli, [*args, "--steps", "3", "--batch", "8", "--word-film"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.with_suffix(".json").read_text())["prior"]["word_film"] is True
    model = load_model(out)
    w = model.diffusion.w
    assert "blocks.0.wfilm.weight" in w and np.abs(w["blocks.0.wfilm.weight"]).max() > 0
    from foulard.model.diffusion_train import build_denoiser

    net = build_denoiser(len(model.concepts), word_film=True)
    net.load_state_dict({k: torch.from_numpy(v) for k, v in w.items()})
    rng = np.random.default_rng(1)
    s, ch = arch.SPATIAL.LATENT_SIDE, arch.SPATIAL.LATENT_CH
    x = rng.standard_normal((2, ch, s, s)).astype(np.float32)
    t = np.array([10, 900])
    c = np.zeros((2, len(model.concepts)), np.float32)
    c[0, :2] = 0.5
    c[1, -1] = 1.0
    with torch.no_grad():
        ref = net(torch.from_numpy(x), torch.from_numpy(time_features(t)), torch.from_numpy(c))
    assert np.abs(model.diffusion.predict(x, t, c) - ref.numpy()).max() < 1e-4
    # the words reach the blocks: other words, another prediction
    assert not np.allclose(model.diffusion.predict(x, t, c[::-1]), ref.numpy())
