"""The evaluator's measures on inputs whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.model.evaluate import _logistic, _real_recall, frechet, mmd2


def _gauss(n, mean, scale, seed):
    rng = np.random.default_rng(seed)
    return mean + scale * rng.standard_normal((n, len(mean)))


def test_frechet_of_shifted_and_scaled_gaussians():
    a = _gauss(4000, np.zeros(3), 1.0, 0)
    assert frechet(a, _gauss(4000, np.zeros(3), 1.0, 1)) < 0.02
    # same covariance, means 2 apart: |dm|^2 = 4
    assert abs(frechet(a, _gauss(4000, np.array([2.0, 0, 0]), 1.0, 2)) - 4.0) < 0.2
    # same mean, standard deviations 1 and 2 in 3 dimensions: 3 (1 - 2)^2 = 3
    assert abs(frechet(a, _gauss(4000, np.zeros(3), 2.0, 3)) - 3.0) < 0.2


def test_mmd_is_near_zero_for_one_distribution_and_grows_with_the_shift():
    a = _gauss(300, np.zeros(2), 1.0, 0)
    same = mmd2(a, _gauss(300, np.zeros(2), 1.0, 1), 0.5)
    near = mmd2(a, _gauss(300, np.array([0.5, 0]), 1.0, 2), 0.5)
    far = mmd2(a, _gauss(300, np.array([3.0, 0]), 1.0, 3), 0.5)
    assert abs(same) < 0.01 < near < far


def test_logistic_separates_separable_classes():
    x = _gauss(400, np.zeros(2), 1.0, 0)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0.3).astype(float)
    w = _logistic(x, y)
    pred = np.concatenate([x, np.ones((len(x), 1))], 1) @ w > 0
    assert (pred == (y > 0)).mean() > 0.95


CENTRES = np.array([[4.0, 0, 0], [0, 4.0, 0], [0, 0, 4.0]])


def _three_clusters(rng: np.random.Generator, columns: int):
    """600 points, each of one of three concepts around its own centre, and their
    one-hot labels ``(600, columns)``."""
    which = rng.integers(0, 3, 600)
    feats = CENTRES[which] + rng.standard_normal((600, 3))
    y = np.zeros((600, columns))
    y[np.arange(600), which] = 1.0
    return feats, y


def test_real_recall_is_high_for_separable_concepts_and_chance_for_noise():
    """Three concepts, each its own cluster: the cross-validated recall is ~1; with
    labels drawn at random it falls to about chance (1/3)."""
    rng = np.random.default_rng(0)
    feats, y = _three_clusters(rng, 4)
    out = _real_recall(feats, y, [0, 1, 2], seed=0)
    assert out["recall"] > 0.95 and set(out["per_concept"]) == {0, 1, 2}
    y_random = np.zeros_like(y)
    y_random[np.arange(600), rng.integers(0, 3, 600)] = 1.0
    assert _real_recall(feats, y_random, [0, 1, 2], seed=0)["recall"] < 0.5


def test_reconstructions_are_scored_by_the_classifier_that_never_saw_the_tile():
    """A faithful autoencoder keeps the real tiles' recall; one that returns every tile
    as the first concept's cluster scores that concept only (about 1/3)."""
    feats, y = _three_clusters(np.random.default_rng(1), 3)
    asked: list[np.ndarray] = []

    def faithful(rows):
        asked.append(rows)
        return feats[rows]

    out = _real_recall(feats, y, [0, 1, 2], seed=0, reconstruct=faithful, per=20)
    assert out["reconstructed"] > 0.95
    assert [len(r) for r in asked] == [20, 20, 20]
    assert all((y[r, i] > 0).all() for i, r in enumerate(asked))  # tiles carrying it
    collapsed = _real_recall(
        feats, y, [0, 1, 2], seed=0, reconstruct=lambda rows: CENTRES[[0] * len(rows)], per=20
    )
    assert collapsed["reconstructed_per_concept"] == {0: 1.0, 1: 0.0, 2: 0.0}
    assert collapsed["recall"] == out["recall"]  # the real tiles' figure is untouched


def test_print_table_check_measures_the_master_reading_against_the_exact_field():
    from foulard.model.evaluate import print_table_check
    from foulard.model.infer import load_model

    model = load_model()
    c = np.zeros(len(model.concepts), np.float32)
    rng = np.random.default_rng(5)
    draws = [model.draw(c, rng, 0.8) for _ in range(2)]
    out = print_table_check(model, draws, c, quick=True)
    assert len(out["max_per_sample"]) == 2 and out["max"] == max(out["max_per_sample"])
    # the bilinear table is close to the field on average, though not at every edge
    # (measured over 8 samples: mean 0.31 and 0.60 / 255, 0.9 % and 2.6 % of points
    # more than 4 / 255 off, for models v3 and v4)
    assert 0.0 < out["mean"] < 1.5 and out["p99_9"] <= out["max"]
    assert 0.0 < out["share_over_4"] < 0.1


def test_labels_follow_the_models_concepts_by_name():
    """A model is evaluated on a dataset of another version: its label columns are the
    model's concepts, matched by name; one the dataset lacks is all zeros."""
    from foulard.model.evaluate import model_labels

    labels = np.array([[1, 0, 1], [0, 1, 0]], np.uint8)
    out = model_labels(["b", "z", "a"], ["a", "b", "c"], labels)
    assert out.tolist() == [[0, 0, 1], [1, 0, 0]]


def test_the_operators_render_the_evaluated_weights_then_the_default_again(monkeypatch):
    """The resolution and speed checks render ``learned.neural_*`` genomes: inside the
    evaluator's context those load the weights under evaluation, after it the default."""
    import os
    from pathlib import Path

    from foulard.model.evaluate import _weights_for_operators
    from foulard.model.infer import weights_path

    monkeypatch.delenv("FOULARD_MODEL_WEIGHTS", raising=False)
    with _weights_for_operators(Path("/elsewhere/w.npz")):
        assert weights_path("v5") == Path("/elsewhere/w.npz")
    assert "FOULARD_MODEL_WEIGHTS" not in os.environ
    monkeypatch.setenv("FOULARD_MODEL_WEIGHTS", "/tests/own.npz")
    with _weights_for_operators(Path("/elsewhere/w.npz")):
        assert weights_path("v1") == Path("/elsewhere/w.npz")
    assert os.environ["FOULARD_MODEL_WEIGHTS"] == "/tests/own.npz"


def test_a_shipped_model_is_evaluated_by_its_name_and_not_beside_weights(
    monkeypatch, tmp_path, capsys
):
    """`foulard model eval --model v5` renders its checks' genomes with that model (so
    it draws its own way); naming a model and weights together is refused."""
    from foulard.cli.main import main
    from foulard.model import evaluate
    from foulard.model.infer import weights_path

    args = ["model", "eval", str(tmp_path), "--model", "v5", "--weights", str(weights_path("v5"))]
    assert main(args) != 0
    assert "not both" in capsys.readouterr().err

    class Seen(Exception):
        pass

    def genome(op, seed, **params):
        raise Seen(params)

    monkeypatch.setattr(evaluate, "_genome", genome)
    for check in (evaluate.resolution_check, evaluate.speed_check):
        with pytest.raises(Seen) as got:
            check(quick=True, model="v5")
        assert got.value.args[0]["model"] == "v5"
