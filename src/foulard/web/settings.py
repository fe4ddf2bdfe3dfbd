"""The studio's limits and places, in one frozen object (defaults suit one machine).

Every field but ``home`` and ``database_url`` (which follow ``FOULARD_HOME`` and
``FOULARD_DATABASE_URL``) can be set from the environment as
``FOULARD_STUDIO_<FIELD>``, e.g. ``FOULARD_STUDIO_WORKERS=4``: that is how
``foulard serve`` hands its options to every worker process.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from foulard import config
from foulard.errors import ConfigError

__all__ = ["ENV_PREFIX", "Settings"]

ENV_PREFIX = "FOULARD_STUDIO_"
MAX_WORKERS = 64
DEFAULT_MAX_WORKERS = 8  # each worker process holds its own caches (~0.4 GB)


def _cpus() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def _default_workers() -> int:
    return min(_cpus(), DEFAULT_MAX_WORKERS)


@dataclass(frozen=True)
class Settings:
    """What the studio allows and where it keeps its files.

    ``home`` and ``database_url`` default to the configured data home and database.
    Sizes are in pixels, bodies in bytes, rates in tokens per second (a request
    costs 1 token, slow work more: see :mod:`foulard.web.limits`). ``workers`` is
    the number of server processes (``foulard serve``; default one per CPU, at most
    8), ``threads`` the slow-work threads of each (default: the CPUs shared out
    between the workers, at least one each).
    """

    home: Path = field(default_factory=config.data_home)
    database_url: str = field(default_factory=config.database_url)
    max_body_bytes: int = 1 << 20  # JSON bodies
    max_upload_bytes: int = 16 << 20  # pictures for search and ingest
    max_preview_px: int = 1024
    min_preview_px: int = 64
    max_export_px: int = 11000  # long side of an order's master (carre90 at 300 ppi fits)
    max_export_inks: int = 16
    max_export_colourways: int = 6
    max_jobs_per_account: int = 2
    workers: int = field(default_factory=_default_workers)  # server processes
    threads: int = 0  # previews, prompts, searches per process (0: the CPUs shared out)
    export_workers: int = 1  # orders made at once (per process)
    max_queued: int = 256  # slow tasks waiting before the studio answers 503
    rate_per_s: float = 50.0  # per account
    rate_burst: float = 200.0
    login_rate_per_s: float = 0.5  # per client address
    login_burst: float = 10.0
    token_days: float = 14.0
    prompt_designs: int = 6
    max_prompt_designs: int = 12
    stream_page: int = 12
    max_stream_page: int = 48
    shutdown_grace_s: float = 20.0
    job_heartbeat_s: float = 5.0  # a job not heard of for 6 beats is marked failed

    def __post_init__(self) -> None:
        if self.threads == 0 and self.workers > 0:  # the CPUs shared out between workers
            object.__setattr__(self, "threads", max(1, _cpus() // self.workers))
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("int", "float") and not (math.isfinite(value) and value > 0):
                raise ConfigError(f"the studio setting {f.name} must be positive, not {value}")
        if self.workers > MAX_WORKERS:
            raise ConfigError(f"at most {MAX_WORKERS} worker processes, not {self.workers}")
        if self.min_preview_px > self.max_preview_px:
            raise ConfigError("min_preview_px is larger than max_preview_px")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Settings:
        """Settings from ``FOULARD_STUDIO_*`` variables (then ``overrides``)."""
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            name = ENV_PREFIX + f.name.upper()
            raw = env.get(name)
            if raw is None or f.name in ("home", "database_url"):
                continue
            kind = int if f.type == "int" else float
            try:
                values[f.name] = kind(raw.strip())
            except ValueError:
                what = "a whole number" if kind is int else "a number"
                raise ConfigError(f"{name}={raw!r} is not {what}") from None
        unknown = sorted(
            k for k in env if k.startswith(ENV_PREFIX) and k[len(ENV_PREFIX) :].lower() not in
            {f.name for f in fields(cls)} - {"home", "database_url"}
        )  # fmt: skip
        if unknown:
            raise ConfigError(
                f"unknown studio setting {unknown[0]}; valid: "
                + ", ".join(ENV_PREFIX + f.name.upper() for f in fields(cls)[2:])
            )
        return cls(**{**values, **overrides})

    @property
    def cache_dir(self) -> Path:
        return self.home / "studio" / "previews"

    @property
    def jobs_dir(self) -> Path:
        return self.home / "studio" / "jobs"

    @property
    def job_stale_s(self) -> float:
        """A queued or running job whose worker was silent this long is failed."""
        return 6.0 * self.job_heartbeat_s
