"""A design space shared by the space tests (its tables take a moment to build)."""

from __future__ import annotations

import pytest

from foulard.space.space import DesignSpace

KEY = bytes(range(32))


@pytest.fixture(scope="session")
def space() -> DesignSpace:
    sp = DesignSpace(KEY)
    _ = sp.anatomy
    return sp
