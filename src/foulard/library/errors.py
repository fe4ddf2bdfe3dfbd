"""Errors of the pattern library."""

from __future__ import annotations

from foulard.errors import FoulardError

__all__ = ["LibraryError", "PatternNotFound", "Rejected"]


class LibraryError(FoulardError):
    """A library request cannot be served: unknown pattern, bad query, unreadable store."""


class PatternNotFound(LibraryError, KeyError):
    """No pattern with this id (or prefix) in the library or the bundled samples."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "pattern not found"


class Rejected(LibraryError, ValueError):
    """A file cannot be ingested; ``reason`` is a short code, the message says why.

    Reasons: ``empty``, ``too_large``, ``bomb``, ``truncated``, ``corrupt``,
    ``unsupported``, ``svg_external``, ``svg_entities``, ``svg_script``, ``svg_invalid``,
    ``unsafe_path``, ``encrypted``, ``nested_archive``, ``unreadable``.
    """

    def __init__(self, reason: str, message: str):
        self.reason = reason
        super().__init__(message)
