"""Dye, craft and textile-process simulations: marbling, shibori, batik, ikat, tie-dye."""

from foulard.ops._common.family import load_family

__all__ = load_family(__name__, __path__)  # noqa: PLE0605
