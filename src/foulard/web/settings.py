"""The studio's limits and places, in one frozen object (defaults suit one machine)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from foulard import config

__all__ = ["Settings"]


def _cpus() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


@dataclass(frozen=True)
class Settings:
    """What the studio allows and where it keeps its files.

    ``home`` and ``database_url`` default to the configured data home and database.
    Sizes are in pixels, bodies in bytes, rates in tokens per second (a request
    costs 1 token, slow work more: see :mod:`foulard.web.limits`).
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
    workers: int = field(default_factory=_cpus)  # previews, prompts, searches
    export_workers: int = 1
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

    @property
    def cache_dir(self) -> Path:
        return self.home / "studio" / "previews"

    @property
    def jobs_dir(self) -> Path:
        return self.home / "studio" / "jobs"
