"""Studio settings from the environment (how ``foulard serve`` hands its options to
every worker process): typed, checked, and an unknown name is an error."""

from __future__ import annotations

import pytest

from foulard.errors import ConfigError
from foulard.web.settings import Settings


def test_settings_come_from_foulard_studio_variables():
    s = Settings.from_env({"FOULARD_STUDIO_WORKERS": "3", "FOULARD_STUDIO_RATE_PER_S": " 2.5 "})
    assert s.workers == 3 and s.rate_per_s == 2.5
    assert Settings.from_env({}, threads=4).threads == 4  # overrides win
    assert s.job_stale_s == 6 * s.job_heartbeat_s


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FOULARD_STUDIO_WORKERS": "two"}, "FOULARD_STUDIO_WORKERS='two' is not a whole number"),
        ({"FOULARD_STUDIO_WORKERS": "0"}, "workers must be positive"),
        ({"FOULARD_STUDIO_WORKERS": "65"}, "at most 64 worker processes"),
        ({"FOULARD_STUDIO_RATE_PER_S": "nan"}, "rate_per_s must be positive"),
        ({"FOULARD_STUDIO_WORKER": "2"}, "unknown studio setting FOULARD_STUDIO_WORKER; valid:"),
        ({"FOULARD_STUDIO_HOME": "/tmp"}, "unknown studio setting FOULARD_STUDIO_HOME"),
    ],
)
def test_bad_settings_are_refused_by_name(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_the_default_workers_and_threads_follow_the_cores():
    import os

    cores = len(os.sched_getaffinity(0))
    assert Settings().workers == min(cores, 8)
    for workers in (1, 2, 3, 64):
        s = Settings(workers=workers)
        assert s.threads == max(1, cores // workers)  # the cores shared out, at least one
    assert Settings(workers=2, threads=5).threads == 5
