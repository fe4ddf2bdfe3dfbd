"""Errors a user can cause and fix.

Every error here carries a one-line message that names the problem and, where it
helps, what would have been valid. The CLI prints that line and exits non-zero;
anything that is not a :class:`FoulardError` is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DatabaseError",
    "FoulardError",
    "GenomeError",
    "LedgerError",
    "OutputError",
    "ParameterError",
    "RenderError",
    "SizeError",
    "SpaceError",
    "UnknownOperatorError",
]


class FoulardError(Exception):
    """Base class of errors caused by input (genomes, files, sizes, options)."""


class GenomeError(FoulardError, ValueError):
    """A genome is malformed, invalid, or from an unsupported schema.

    Parameters
    ----------
    message : str
        What is wrong and what was expected.
    path : str, optional
        Where in the genome the problem is, e.g. ``root.inputs.motif.params.petals``.
    """

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


class UnknownOperatorError(GenomeError):
    """An operator id is not in the registry."""


class ParameterError(GenomeError):
    """A parameter is unknown, of the wrong type, or out of range."""


class SizeError(FoulardError, ValueError):
    """A requested render size is impossible or above the configured limits."""


class RenderError(FoulardError):
    """A design cannot be rendered as asked."""


class OutputError(FoulardError, OSError):
    """An output file cannot be written where asked."""


class ConfigError(FoulardError):
    """The data home, the space key or the database URL is missing or unusable."""


class SpaceError(FoulardError, ValueError):
    """An address is out of range, or a genome or gene list is not from this design space."""


class DatabaseError(FoulardError):
    """The database cannot be reached, is locked, or holds an unexpected schema."""


class LedgerError(FoulardError):
    """A ledger request is refused: unknown person, design owned by another, near-duplicate."""
