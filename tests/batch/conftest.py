"""Batch fixtures: a data home with a space key, and tiny jobs (custom-60x60 scarves)."""

from __future__ import annotations

import pytest

from foulard import config
from foulard.batch import write_job

TINY = {"format": "custom-60x60", "ppi": 150, "preview_px": 64}


@pytest.fixture
def space_home():
    """The test's data home with a space key (addresses need one)."""
    config.create_space_key()
    return config.data_home()


@pytest.fixture
def tiny_job(tmp_path, space_home):
    """Write a small job of slot addresses; returns a function(specs, **defaults) -> Job."""

    def make(specs, name="job.json", **defaults):
        return write_job(tmp_path / name, specs, {**TINY, **defaults})

    return make
