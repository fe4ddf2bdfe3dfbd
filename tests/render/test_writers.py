"""Writers: real files read back by pyvips, Pillow and tifffile; atomic output."""

from __future__ import annotations

import json

import numpy as np
import pytest
import pyvips
import tifffile
from PIL import Image

from foulard.errors import FoulardError, OutputError
from foulard.genome import Genome
from foulard.ops.examples import example_genome
from foulard.render import RenderContext, read_embedded, render, srgb_profile, write_image


@pytest.fixture(scope="module")
def genome() -> Genome:
    return example_genome("layout.place")


def test_tiff_master_reads_back_everywhere(tmp_path, genome):
    ctx = RenderContext.for_print(100, 100, 300, bleed_mm=5)  # 10 cm + hem: 1299 px
    path = write_image(genome, ctx, tmp_path / "m.tif", command="foulard render g.json")
    assert [p.name for p in tmp_path.iterdir()] == ["m.tif"]

    with tifffile.TiffFile(path) as tif:
        page = tif.pages[0]
        assert page.shape == (ctx.height, ctx.width, 3)
        assert page.compression == tifffile.COMPRESSION.LZW
        assert page.predictor == tifffile.PREDICTOR.HORIZONTAL
        assert page.tags["ResolutionUnit"].value == tifffile.RESUNIT.INCH
        num, den = page.tags["XResolution"].value
        assert num / den == pytest.approx(ctx.dpi, rel=1e-5)
        assert bytes(page.tags[34675].value) == srgb_profile()
        record = json.loads(page.description)
        pixels = page.asarray()

    with Image.open(path) as im:
        assert im.size == (ctx.width, ctx.height) and im.mode == "RGB"
        assert im.info["dpi"][0] == pytest.approx(ctx.dpi, rel=1e-5)
        assert im.info["icc_profile"] == srgb_profile()

    vi = pyvips.Image.new_from_file(str(path))
    assert (vi.width, vi.height, vi.bands) == (ctx.width, ctx.height, 3)
    assert vi.xres * 25.4 == pytest.approx(ctx.dpi, rel=1e-5)

    assert record["design_id"] == genome.design_id
    assert record["command"] == "foulard render g.json"
    assert Genome.from_json(record["genome"]) == genome
    assert record["render"]["dpi"] == pytest.approx(ctx.dpi)
    # The streamed file holds exactly the in-memory render.
    assert np.array_equal(pixels, render(genome, ctx))


def test_png_preview_and_inspect(tmp_path, genome):
    path = write_image(genome, RenderContext.preview(200), tmp_path / "p.png", command="x")
    with Image.open(path) as im:
        assert im.size == (200, 200)
        assert json.loads(im.text["foulard"])["design_id"] == genome.design_id
        assert im.info["icc_profile"] == srgb_profile()
    info = read_embedded(path)
    assert info["file"]["width_px"] == 200 and info["file"]["icc_profile_bytes"] > 0
    assert Genome.from_json(info["foulard"]["genome"]) == genome


def test_sixteen_bit_output(tmp_path, genome):
    path = write_image(genome, RenderContext.preview(64), tmp_path / "p16.tif", bits=16)
    arr = tifffile.imread(path)
    assert arr.dtype == np.uint16 and arr.shape == (64, 64, 3)
    eight = render(genome, 64)
    assert np.abs(arr.astype(np.int32) // 257 - eight.astype(np.int32)).max() <= 1


def test_files_without_a_genome_and_unreadable_files(tmp_path):
    plain = tmp_path / "plain.png"
    Image.new("RGB", (8, 8), "red").save(plain)
    assert read_embedded(plain)["foulard"] is None
    junk = tmp_path / "junk.tif"
    junk.write_bytes(b"II*\x00garbage" * 10)
    with pytest.raises(FoulardError, match="not an image"):
        read_embedded(junk)
    with pytest.raises(FoulardError, match="no such file"):
        read_embedded(tmp_path / "missing.png")


def test_failed_writes_leave_nothing_behind(tmp_path, genome, monkeypatch):
    with pytest.raises(OutputError, match="does not exist"):
        write_image(genome, RenderContext.preview(32), tmp_path / "no" / "p.png")
    with pytest.raises(OutputError, match="unknown file type"):
        write_image(genome, RenderContext.preview(32), tmp_path / "p.jpg")

    # A failure in the middle of rendering (here: a band that raises) leaves no file.
    import foulard.render.writers as writers

    def exploding(*args, **kwargs):
        yield 0, np.zeros((4, 32, 3), np.uint8)
        raise RuntimeError("renderer died")

    monkeypatch.setattr(writers, "iter_bands", exploding)
    target = tmp_path / "broken.tif"
    with pytest.raises(RuntimeError, match="renderer died"):
        write_image(genome, RenderContext.preview(32), target)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_survives_a_failed_overwrite(tmp_path, genome, monkeypatch):
    target = tmp_path / "keep.png"
    write_image(genome, RenderContext.preview(32), target)
    before = target.read_bytes()
    import foulard.render.writers as writers

    def exploding(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(writers, "iter_bands", exploding)
    with pytest.raises(KeyboardInterrupt):
        write_image(genome, RenderContext.preview(32), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png"]


def test_generic_band_writer_grey_and_rgb(tmp_path):
    from foulard.render import write_bands

    grey = np.arange(40 * 30, dtype=np.uint32).reshape(30, 40) % 251
    grey = grey.astype(np.uint8)
    bands = ((r, grey[r : r + 7]) for r in range(0, 30, 7))
    path = write_bands(
        tmp_path / "plate.tif", 40, 30, bands, channels=1, dpi=300, description="plate 1"
    )
    with tifffile.TiffFile(path) as tif:
        assert np.array_equal(tif.pages[0].asarray(), grey)
        assert tif.pages[0].description == "plate 1"
    rgb = np.stack([grey, 255 - grey, grey // 2], axis=-1)
    path = write_bands(tmp_path / "x.png", 40, 30, iter([(0, rgb)]), icc=srgb_profile())
    with Image.open(path) as im:
        assert np.array_equal(np.asarray(im), rgb)
    with pytest.raises(OutputError, match="channels"):
        write_bands(tmp_path / "y.png", 4, 4, iter([]), channels=2)
