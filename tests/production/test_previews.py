"""Previews: the flat scarf with its hem, and the triangle fold, as PNG."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from foulard.errors import FoulardError
from foulard.production.previews import (
    BACKGROUND,
    flat_preview,
    triangle_preview,
    write_preview,
)
from foulard.render import read_embedded, render
from foulard.scarf.formats import get_format


def test_flat_preview_shades_the_hem_only(genome):
    fmt = get_format("carre90")
    px = 400
    img = flat_preview(genome, fmt, px=px)
    art = render(genome, fmt.preview_context(px, with_hem=True))
    h, w = art.shape[:2]
    margin = max(24, px // 20)
    shown = img[margin : margin + h, margin : margin + w].astype(int)
    hem = round(fmt.hem_mm / fmt.canvas_mm[0] * w)
    inner = slice(hem + 12, w - hem - 12)
    # Inside the safe zone the design is untouched...
    assert np.array_equal(shown[inner, inner], art[inner, inner])
    # ...while the hem band is veiled (lighter on average).
    band = np.s_[: hem - 1, hem:-hem]
    assert shown[band].mean() > art[band].astype(int).mean() + 10
    # A label strip under the scarf, on the background colour.
    assert tuple(img[-2, -2]) == BACKGROUND


def test_triangle_preview_reads_as_a_folded_square(genome):
    img = triangle_preview(genome, "carre90", px=400)
    h, w = img.shape[:2]
    assert (w, h) == (400, round(400 * 0.72))
    assert tuple(img[2, 2]) == BACKGROUND and tuple(img[2, -3]) == BACKGROUND
    # The cloth: along the middle column, the triangle spans from the fold to the apex.
    col = img[:, w // 2].astype(int)
    cloth = np.flatnonzero(np.abs(col - np.array(BACKGROUND)).sum(axis=1) > 12)
    assert cloth.size > h * 0.4

    # It narrows towards the apex: a row near the fold is wider than one near the tip.
    def width(y):
        row = np.abs(img[y].astype(int) - np.array(BACKGROUND)).sum(axis=1) > 12
        return np.count_nonzero(row)

    assert width(cloth[0] + 10) > 2 * width(cloth[-1] - 30)


def test_write_preview_embeds_the_genome(tmp_path, genome):
    for kind in ("flat", "triangle"):
        path = write_preview(genome, "carre45", tmp_path / f"{kind}.png", kind=kind, px=256)
        with Image.open(path) as im:
            assert im.info.get("icc_profile")
        assert read_embedded(path)["foulard"]["design_id"] == genome.design_id


def test_preview_errors(tmp_path, genome):
    with pytest.raises(FoulardError, match="valid: flat, triangle"):
        write_preview(genome, "carre90", tmp_path / "x.png", kind="knot")
    with pytest.raises(FoulardError, match="only a square"):
        triangle_preview(genome, "twilly", px=256)
    with pytest.raises(FoulardError, match="128 to 8192"):
        flat_preview(genome, "carre90", px=10)
