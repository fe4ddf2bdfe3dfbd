"""The learned family: quilted grounds and seamless scans wrap with zero seam error."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.library.store import SAMPLE_BROCADE, SAMPLE_SAKURA, bundled_samples, sha256_hex
from foulard.ops.learned.make_seamless import periodic_component
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

PALETTE = Node.make("color.palette", colors=("#f3ead7", "#1d3557", "#c0392b"))


def _grid(op: str, **params) -> np.ndarray:
    g = Genome.make(Node.make(op, **params), PALETTE, seed=3)
    ev = Evaluator(g, cache=TileCache())
    return ev.grid_result(ev.root)[1]


def _seam_ratio(rgb: np.ndarray) -> float:
    """Mean jump across the wrap-around edges over the mean jump between neighbours."""
    a = rgb.astype(np.float64)
    inner = (np.abs(np.diff(a, axis=1)).mean() + np.abs(np.diff(a, axis=0)).mean()) / 2
    wrap = (np.abs(a[:, 0] - a[:, -1]).mean() + np.abs(a[0] - a[-1]).mean()) / 2
    return wrap / inner


def test_bundled_sample_ids_match_their_files():
    samples = bundled_samples()
    assert set(samples) == {SAMPLE_BROCADE, SAMPLE_SAKURA}
    for pid, entry in samples.items():
        data = resources.files("foulard.library").joinpath("samples", entry["file"]).read_bytes()
        assert sha256_hex(data) == pid
        assert entry["licence"] and entry["attribution"]
    raw = json.loads(
        resources.files("foulard.library").joinpath("samples", "samples.json").read_text("utf-8")
    )
    assert [e["id"] for e in raw] == [SAMPLE_BROCADE, SAMPLE_SAKURA]


def test_quilted_tile_has_no_seam_where_it_wraps():
    out = _grid("learned.image_quilting", tile=0.3)
    assert out.shape[2] == 4 and (out[..., 3] == 1).all()
    assert _seam_ratio(out[..., :3]) < 1.5  # the wrap is no worse than any place inside


def test_quilting_is_deterministic_and_follows_the_seed():
    a = _grid("learned.image_quilting", tile=0.2)
    b = _grid("learned.image_quilting", tile=0.2)
    assert np.array_equal(a, b)
    g = Genome.make(Node.make("learned.image_quilting", tile=0.2), PALETTE, seed=4)
    ev = Evaluator(g, cache=TileCache())
    assert not np.array_equal(ev.grid_result(ev.root)[1], a)


def test_quilting_keeps_the_colours_of_the_sample():
    from foulard.library.patterns import pattern_picture

    sample = pattern_picture(SAMPLE_BROCADE, 256)
    out = _grid("learned.image_quilting", tile=0.3)[..., :3]
    assert np.abs(out.mean((0, 1)) - sample.mean((0, 1))).max() < 0.05


def test_quilted_ground_from_a_real_photo_tiles_seamlessly(shared_data, tmp_path, monkeypatch):
    from foulard.library import Library, ingest

    monkeypatch.setenv("FOULARD_HOME", str(tmp_path))
    photo = shared_data / "ornament-photos" / "tabby_animals_war1000.jpg"
    with Library.open() as lib:
        ingest(lib, [photo], workers=1)
        pid = lib.resolve("tabby_animals_war1000.jpg")
    out = _grid("learned.image_quilting", pattern=pid, tile=0.4, sample_size=0.8)
    assert _seam_ratio(out[..., :3]) < 1.5
    tiled = np.tile(out[..., :3], (3, 3, 1))  # the 3 x 3 tiling: seams are interior jumps
    n = out.shape[0]
    jumps = np.abs(np.diff(tiled, axis=1)).mean(axis=(0, 2))
    assert jumps[[n - 1, 2 * n - 1]].mean() < 1.5 * jumps.mean()


def test_periodic_component_keeps_images_without_jump_and_removes_the_jump():
    rng = np.random.default_rng(0)
    seamless = rng.random((32, 40, 3))
    seamless[-1] = seamless[0]  # opposite edges equal: nothing to remove
    seamless[:, -1] = seamless[:, 0]
    assert np.allclose(periodic_component(seamless), seamless, atol=1e-12)
    ramp = np.linspace(0, 1, 64)[None, :, None] * np.ones((48, 64, 3))
    ramp += 0.05 * rng.random(ramp.shape)
    fixed = periodic_component(ramp)
    assert _seam_ratio(ramp) > 5 and _seam_ratio(fixed) < 1.5
    # What changed is smooth: far less fine detail than the picture's own.
    change = ramp - fixed

    def detail(a):
        return float(np.sqrt((np.diff(a, 2, axis=1) ** 2).mean()))

    assert detail(change) < 0.25 * detail(ramp)


def test_make_seamless_scan():
    out = _grid("learned.make_seamless", detail=128)
    assert out.shape == (128, 128, 4)
    assert _seam_ratio(out[..., :3]) < 1.2


def test_missing_or_malformed_pattern_is_a_clear_error():
    from foulard.library.errors import LibraryError

    missing = "0" * 64
    with pytest.raises(LibraryError, match=missing):
        _grid("learned.image_quilting", pattern=missing)
    from foulard.errors import ParameterError

    with pytest.raises(ParameterError, match=r"params\.pattern: expected a library pattern id"):
        _grid("learned.image_quilting", pattern="peony")


def test_library_svg_recolours_with_one_palette_role():
    g = Genome.make(Node.make("learned.library_svg", color=1), PALETTE, seed=1)
    ev = Evaluator(g, cache=TileCache())
    drawing = ev.root.drawing(ev.palette)
    rgba = drawing.rasterize(128)
    ink = rgba[..., 3] > 0.99
    assert ink.mean() > 0.2
    colour = rgba[ink][:, :3] / rgba[ink][:, 3:4]
    assert np.allclose(colour, np.array([0x1D, 0x35, 0x57]) / 255, atol=1 / 255 + 1e-6)


def test_library_svg_refuses_a_raster_pattern():
    from foulard.library.errors import LibraryError

    g = Genome.make(Node.make("learned.library_svg", pattern=SAMPLE_BROCADE), PALETTE, seed=1)
    with pytest.raises(LibraryError, match="not an SVG"):
        Evaluator(g).root.drawing(PALETTE and Evaluator(g).palette)
