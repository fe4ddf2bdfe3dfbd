"""Errors of batch jobs."""

from __future__ import annotations

from foulard.errors import FoulardError

__all__ = ["BatchError", "EngineError", "JobFileError", "JobStopped"]


class BatchError(FoulardError):
    """A batch job cannot run as asked (its manifest is locked, a unit is unknown...)."""


class JobFileError(BatchError, ValueError):
    """A job file is malformed; the message names the file and the line or field."""


class EngineError(BatchError):
    """The engine cannot start or be reached (no Dask installed, scheduler unreachable)."""


class JobStopped(BatchError):
    """The job stopped before its end (a full disk, a lost engine); it can be resumed."""
