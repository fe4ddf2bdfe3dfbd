"""RenderContext: pixel sizes as PRINT.md computes them, true density, limits."""

from __future__ import annotations

import pytest

from foulard.errors import SizeError
from foulard.render import Limits, RenderContext


@pytest.mark.parametrize(
    ("cm", "hem_mm", "dpi", "px"),
    [
        (45, 0, 300, 5315),
        (45, 10, 300, 5551),
        (45, 10, 150, 2776),
        (45, 10, 360, 6661),
        (70, 0, 300, 8268),
        (70, 10, 300, 8504),
        (70, 10, 150, 4252),
        (70, 10, 360, 10205),
        (90, 0, 300, 10630),
        (90, 10, 300, 10866),
        (90, 10, 150, 5433),
        (90, 10, 360, 13039),
        (140, 0, 300, 16535),
        (140, 10, 300, 16772),
        (140, 10, 150, 8386),
        (140, 10, 360, 20126),
    ],
)
def test_print_sizes_match_the_print_reference(cm, hem_mm, dpi, px):
    ctx = RenderContext.for_print(cm * 10, cm * 10, dpi, bleed_mm=hem_mm)
    assert (ctx.width, ctx.height) == (px, px)
    canvas_in = (cm * 10 + 2 * hem_mm) / 25.4
    assert ctx.dpi == pytest.approx(px / canvas_in, rel=1e-12)  # true density, not the nominal
    assert abs(ctx.dpi - dpi) < 0.1
    # The finished square is the unit square; the hem lies outside it.
    x0, _, x1, _ = ctx.frame
    assert x0 == pytest.approx(-hem_mm / (cm * 10)) and x1 == pytest.approx(1 + hem_mm / (cm * 10))
    assert ctx.mm_per_unit == cm * 10


def test_rectangular_prints_keep_square_pixels():
    ctx = RenderContext.for_print(50, 860, 300)  # a twilly
    assert (ctx.width, ctx.height) == (591, 10157)
    assert ctx.frame[3] == pytest.approx(860 / 50, rel=1e-3)


def test_preview_frames_and_square_pixels():
    ctx = RenderContext.preview(512)
    assert (ctx.width, ctx.height, ctx.frame) == (512, 512, (0.0, 0.0, 1.0, 1.0))
    wide = RenderContext.preview(300, frame=(0, 0, 2, 1))
    assert (wide.width, wide.height) == (300, 150)
    with pytest.raises(SizeError, match="square"):
        RenderContext(100, 100, (0, 0, 2, 1))


@pytest.mark.parametrize(
    ("w", "h", "says"),
    [
        (0, 10, "at least 1 px"),
        (10.5, 10, "whole number"),
        (300_000, 10, "200000 px a side"),
        (60_000, 60_000, "gigapixels"),
    ],
)
def test_impossible_and_absurd_sizes(w, h, says):
    with pytest.raises(SizeError, match=says):
        RenderContext(w, h, (0, 0, w / max(w, 1), h / max(w, 1)) if w else (0, 0, 1, 1)).check()


def test_limits_are_configurable(monkeypatch):
    monkeypatch.setenv("FOULARD_MAX_SIDE", "100")
    with pytest.raises(SizeError, match="100 px a side"):
        RenderContext.preview(101).check()
    monkeypatch.setenv("FOULARD_MAX_SIDE", "lots")
    with pytest.raises(SizeError, match="not an integer"):
        Limits.from_env()
    monkeypatch.setenv("FOULARD_MAX_SIDE", "400000")
    monkeypatch.setenv("FOULARD_MAX_PIXELS", str(10**11))
    RenderContext(300_000, 10, (0, 0, 1, 10 / 300_000)).check()
    with pytest.raises(SizeError, match="positive"):
        RenderContext.for_print(0, 10, 300)
