"""Library fixtures: every database test runs on SQLite and on a real PostgreSQL server,
plus small generated pictures (no data files needed)."""

from __future__ import annotations

import io

import numpy as np
import pytest


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def lib(db_url, home):
    from foulard.library import Library

    with Library.open(db_url, home=home, index_folder=home / "index") as library:
        yield library


def picture(seed: int, size: tuple[int, int] = (160, 200)) -> np.ndarray:
    """A seeded, textured, colourful picture (uint8 RGB): stripes, blobs and a motif."""
    rng = np.random.default_rng(seed)
    h, w = size
    y, x = np.mgrid[0:h, 0:w] / max(h, w)
    base = rng.uniform(0.15, 0.85, 3)
    img = np.ones((h, w, 3)) * base
    for _ in range(4):
        fx, fy, ph = rng.uniform(2, 14), rng.uniform(2, 14), rng.uniform(0, 6.3)
        wave = 0.5 + 0.5 * np.sin(2 * np.pi * (fx * x + fy * y) + ph)
        img += (wave[..., None] - 0.5) * rng.uniform(-0.35, 0.35, 3)
    for _ in range(6):
        cx, cy, r = rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.7), rng.uniform(0.04, 0.15)
        blob = ((x - cx) ** 2 + (y - cy) ** 2) < r * r
        img[blob] = rng.uniform(0, 1, 3)
    return (np.clip(img, 0, 1) * 255).astype(np.uint8)


def encode(arr: np.ndarray, fmt: str = "PNG", **kw) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, fmt, **kw)
    return buf.getvalue()


@pytest.fixture
def make_picture():
    return picture


@pytest.fixture
def encode_picture():
    return encode
