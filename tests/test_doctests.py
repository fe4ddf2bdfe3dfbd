"""Docstrings that run: every Examples section in the package is a doctest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import foulard

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(foulard.__path__, prefix="foulard.")
    if ".cli" not in m.name
)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
