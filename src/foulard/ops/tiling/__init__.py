"""Tilings and tessellations: regular, Archimedean, Laves, Truchet, aperiodic, Islamic."""

from foulard.ops._common.family import load_family

__all__ = load_family(__name__, __path__)  # noqa: PLE0605
