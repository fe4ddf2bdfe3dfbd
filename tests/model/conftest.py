"""Fixtures of the model's tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def spatial(tmp_path_factory):
    """A tiny dataset and a spatial autoencoder trained on it for two steps (needs
    the optional ``ai`` extra: the test is skipped without torch)."""
    pytest.importorskip("torch", reason="training needs the optional 'ai' extra (torch)")
    from foulard.model.dataset import build_dataset
    from foulard.model.train import TrainConfig, train

    folder = tmp_path_factory.mktemp("spatial")
    empty = folder / "no-real"
    empty.mkdir()
    build_dataset(folder / "data", synthetic=6, seed=2, data_root=empty)
    cfg = TrainConfig.make(steps=2, batch=4, seed=0, arch="spatial", posterior="fixed")
    train(folder / "data", folder / "run", config=cfg, threads=1)
    return folder / "data", folder / "run" / "weights.npz"
