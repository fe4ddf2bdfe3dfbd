"""foulard check: a deliberately broken set of files is refused for the right reasons,
and foulard's own files are accepted."""

from __future__ import annotations

import json
import struct
import zlib

import numpy as np
import pytest
import pyvips
import tifffile
from PIL import Image

from foulard.errors import FoulardError, SizeError
from foulard.production.check import check_file
from foulard.production.repeats import plan_repeat, render_repeat, write_repeat
from foulard.render import write_bands, write_image
from foulard.render.context import Limits
from foulard.render.writers import srgb_profile
from foulard.scarf.formats import get_format

FMT = "custom-100x100"  # 120 x 120 mm canvas with the hem: 709 px at 150 ppi
PPI = 150


@pytest.fixture(scope="module")
def good(tmp_path_factory, genome):
    path = tmp_path_factory.mktemp("check") / "good.tif"
    write_image(genome, get_format(FMT).context(PPI), path, command="test")
    return path


@pytest.fixture(scope="module")
def pixels(good):
    return tifffile.imread(good)


def _save(path, rgb, *, dpi=PPI, icc=True, description=None):
    h, w = rgb.shape[:2]
    channels = 1 if rgb.ndim == 2 else 3
    return write_bands(
        path,
        w,
        h,
        iter([(0, rgb)]),
        channels=channels,
        dpi=dpi,
        icc=srgb_profile() if icc else None,
        description=description,
    )


def _reasons(path, **order):
    order.setdefault("format", FMT)
    order.setdefault("ppi", PPI)
    report = check_file(path, **order)
    json.dumps(report.to_json())  # always serialisable
    return set(report.reasons), report


def test_foulards_own_master_is_accepted(good):
    reasons, report = _reasons(good)
    assert reasons == set(), report.summary()
    assert not report.rejected
    assert "ACCEPTED" in report.summary()
    assert report.file["true_ppi"][0] == pytest.approx(PPI, rel=2e-3)
    assert report.file["foulard"]["design_id"]


def test_foulards_own_png_is_accepted_with_a_note(tmp_path, genome):
    path = tmp_path / "good.png"
    write_image(genome, get_format(FMT).context(PPI), path)
    reasons, report = _reasons(path)
    assert reasons == set(), report.summary()
    assert "png" in {f.code for f in report.findings}


def test_wrong_size(tmp_path, genome):
    path = tmp_path / "big.tif"
    write_image(genome, get_format("custom-110x110").context(PPI), path)
    reasons, report = _reasons(path)
    assert "size" in reasons
    assert "needs 709 x 709 px" in report.summary()


def test_finished_size_without_hem_is_named(tmp_path, pixels):
    f = get_format(FMT)
    w, _ = f.finished_px(PPI)
    path = _save(tmp_path / "nohem.tif", np.ascontiguousarray(pixels[:w, :w]))
    reasons, report = _reasons(path)
    assert "size" in reasons and "hem allowance is missing" in report.summary()


def test_wrong_ppi_tag(tmp_path, pixels):
    path = _save(tmp_path / "tag.tif", pixels, dpi=72)
    reasons, report = _reasons(path)
    assert "ppi-tag" in reasons
    assert "says 72" in report.summary()
    assert "low-ppi" not in reasons  # the pixels are 150 ppi at this size


def test_missing_ppi_tag(tmp_path, pixels):
    path = tmp_path / "notag.tif"
    tifffile.imwrite(path, pixels, photometric="rgb", iccprofile=srgb_profile())
    reasons, _ = _reasons(path)
    assert "ppi-tag-missing" in reasons


def test_too_few_ppi(tmp_path, genome):
    path = tmp_path / "low.tif"
    write_image(genome, get_format(FMT).context(100, force=True), path)
    reasons, _ = _reasons(path, ppi=None)
    assert reasons == {"low-ppi"}


def test_alpha_and_semi_transparent(tmp_path, pixels):
    rgba = np.dstack([pixels, np.full(pixels.shape[:2], 255, np.uint8)])
    rgba[:40, :40, 3] = 128
    rgba[-5:, -5:, 3] = 0
    path = tmp_path / "alpha.png"
    Image.fromarray(rgba, "RGBA").save(path, dpi=(PPI, PPI), icc_profile=srgb_profile())
    reasons, report = _reasons(path)
    assert {"alpha", "semi-transparent"} <= reasons
    assert report.measures["alpha"] == {"semi_transparent_px": 1600, "transparent_px": 25}


def test_no_icc(tmp_path, pixels):
    path = _save(tmp_path / "noicc.tif", pixels, icc=False)
    reasons, _ = _reasons(path)
    assert reasons == {"icc-missing"}


def test_wrong_icc(tmp_path, pixels):
    probe = pyvips.Image.black(1, 1, bands=3).copy(interpretation="srgb")
    cmyk_icc = bytes(probe.icc_transform("cmyk", input_profile="srgb").get("icc-profile-data"))
    path = tmp_path / "wrongicc.tif"
    tifffile.imwrite(
        path,
        pixels,
        photometric="rgb",
        iccprofile=cmyk_icc,
        resolution=(PPI, PPI),
        resolutionunit="INCH",
    )
    reasons, report = _reasons(path)
    assert reasons == {"icc-wrong"}
    assert "CMYK" in report.summary()


def test_jpeg_master(tmp_path, pixels):
    path = tmp_path / "master.jpg"
    Image.fromarray(pixels).save(path, dpi=(PPI, PPI), icc_profile=srgb_profile(), quality=95)
    reasons, _ = _reasons(path)
    assert "jpeg" in reasons


def test_jpeg_compressed_tiff(tmp_path, pixels):
    image = pyvips.Image.new_from_array(pixels).copy(interpretation="srgb")
    image = image.copy(xres=PPI / 25.4, yres=PPI / 25.4)
    image.set_type(pyvips.GValue.blob_type, "icc-profile-data", srgb_profile())
    path = tmp_path / "jpeg.tif"
    image.tiffsave(str(path), compression="jpeg", resunit="inch")
    reasons, report = _reasons(path)
    assert "jpeg" in reasons and report.file["compression"] == "jpeg"


def test_too_many_colours(good):
    reasons, report = _reasons(good, inks=12)
    assert reasons == {"colours"}
    assert report.measures["colours"] > 12


def test_colour_count_is_exact(tmp_path):
    rgb = np.zeros((709, 709, 3), np.uint8)
    rgb[...] = (0, 255, 100)
    for k in range(7):
        rgb[k * 100 : (k + 1) * 100] = (k * 30, 255 - k * 30, 100)
    path = _save(tmp_path / "seven.tif", rgb)
    reasons, report = _reasons(path, inks=7)
    assert report.measures["colours"] == 7
    assert "colours" not in reasons
    assert "colours" in _reasons(path, inks=6)[0]


def _few_colour_image(lines: bool) -> np.ndarray:
    rgb = np.full((709, 709, 3), (30, 53, 87), np.uint8)
    rgb[100:300, 100:600] = (192, 57, 43)  # a big field of a second ink
    rgb[400:500, 200:260] = (212, 167, 44)
    if lines:
        rgb[350, 100:600] = (212, 167, 44)  # 1 px = 0.17 mm at 150 ppi
        rgb[600, 600:602] = (192, 57, 43)  # an island of 1 x 2 px
    return rgb


def test_thin_lines_and_islands_in_a_few_coloured_file(tmp_path):
    path = _save(tmp_path / "thin.tif", _few_colour_image(True))
    reasons, report = _reasons(path, inks=4)
    assert reasons == {"thin"}
    thin = report.measures["thin"]
    assert thin["pixels"] == 500 + 2
    assert thin["spots"] >= 2
    xs = [x for x, _ in thin["at_mm"]]
    assert any(abs(x - 601 * 25.4 / 150) < 1 for x in xs)


def test_thick_shapes_pass_the_thin_check(tmp_path):
    path = _save(tmp_path / "thick.tif", _few_colour_image(False))
    reasons, report = _reasons(path, inks=4)
    assert reasons == set(), report.summary()
    assert report.measures["thin"]["pixels"] == 0


def test_blank_hem_is_no_bleed(tmp_path, pixels):
    hem = round(10 / 25.4 * PPI)
    rgb = pixels.copy()
    rgb[:hem], rgb[-hem:], rgb[:, :hem], rgb[:, -hem:] = 255, 255, 255, 255
    path = _save(tmp_path / "nobleed.tif", rgb)
    reasons, _ = _reasons(path)
    assert reasons == {"no-bleed"}


def test_repeat_tile_seams(tmp_path, genome):
    plan = plan_repeat("block", height_mm=60.0, ppi=PPI)
    tile = render_repeat(genome, plan)
    ok = _save(tmp_path / "tile.tif", tile)
    reasons, report = _reasons(ok, format=None, ppi=None, repeat="block")
    assert reasons == set(), report.summary()
    assert not report.measures["seam"]["visible"]
    # Cut a strip off: the wrap-around now joins columns that never met.
    cut = np.ascontiguousarray(tile[:, : int(tile.shape[1] * 0.8)])
    broken = _save(tmp_path / "broken.tif", cut)
    reasons, report = _reasons(broken, format=None, ppi=None, repeat="block")
    assert "seam" in reasons
    assert report.measures["seam"]["vertical"]["visible"]
    assert not report.measures["seam"]["horizontal"]["visible"]
    # The block unit does not half-drop: its right edge meets the left one dropped.
    reasons, _ = _reasons(ok, format=None, ppi=None, repeat="half-drop", drop="1/2")
    assert "seam" in reasons


def test_foulard_period_tiles_are_checked_as_straight_steps(tmp_path, genome):
    plan = plan_repeat("mirror", height_mm=60.0, ppi=PPI)
    path = tmp_path / "mirror.tif"
    write_repeat(genome, plan, path)
    reasons, report = _reasons(path, format=None, ppi=None, repeat="mirror")
    assert reasons == set(), report.summary()
    assert "one whole period" in report.summary()


def test_not_an_image(tmp_path):
    path = tmp_path / "notes.tif"
    path.write_text("this is not an image")
    with pytest.raises(FoulardError, match="not an image"):
        check_file(path)
    with pytest.raises(FoulardError, match="no such file"):
        check_file(tmp_path / "missing.tif")
    with pytest.raises(FoulardError, match="folder"):
        check_file(tmp_path)


def _png_header_only(path, w, h):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return path


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    bomb = _png_header_only(tmp_path / "bomb.png", 250_000, 250_000)
    with pytest.raises(SizeError, match="refused before decoding"):
        check_file(bomb)
    small = _png_header_only(tmp_path / "small.png", 6000, 6000)
    with pytest.raises(SizeError, match="above the limits"):
        check_file(small, limits=Limits(max_side=5000, max_pixels=10**7))


def test_truncated_file_is_a_clear_error(tmp_path, good):
    data = good.read_bytes()
    path = tmp_path / "cut.tif"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(FoulardError):
        check_file(path, format=FMT, ppi=PPI)


def test_bad_order_is_refused(good):
    with pytest.raises(FoulardError, match="unknown format"):
        check_file(good, format="carre999")
    with pytest.raises(FoulardError, match="unknown repeat type"):
        check_file(good, repeat="spiral")
    with pytest.raises(FoulardError, match="drop"):
        check_file(good, repeat="half-drop", drop="2/3")


# -- the pieces under the check ------------------------------------------------------


@pytest.mark.parametrize("diameter", [2.0, 3.0, 3.54, 4.25, 7.1])
def test_thin_mask_is_the_complement_of_the_opening(diameter):
    from scipy import ndimage

    from foulard.production._thin import disk, thin_mask

    fp = disk(diameter)
    k = fp.shape[0]
    rng = np.random.default_rng(1)
    keys = (ndimage.uniform_filter(rng.random((40, 50)), 5) * 7).astype(np.int64)
    keys[20:22, :] = 99
    # Brute force: every placement of the disk that lies in one colour covers its pixels.
    pad = np.pad(keys, k, mode="edge")
    covered = np.zeros(pad.shape, bool)
    ys, xs = np.nonzero(fp)
    for ty in range(pad.shape[0] - k + 1):
        for tx in range(pad.shape[1] - k + 1):
            v = pad[ty + ys, tx + xs]
            if (v == v[0]).all():
                covered[ty + ys, tx + xs] = True
    want = ~covered[k:-k, k:-k]
    got = thin_mask(pad, fp)[k:-k, k:-k]
    assert np.array_equal(got, want)
    assert got.any() and not got.all()


def test_pixel_replicated_enlargement_is_warned(tmp_path, pixels):
    small = pixels[::2, ::2][:355, :355]
    big = np.ascontiguousarray(np.repeat(np.repeat(small, 2, 0), 2, 1)[:709, :709])
    path = _save(tmp_path / "up.tif", big)
    reasons, report = _reasons(path)
    assert "upscaled" in {f.code for f in report.findings}
    assert "upscaled" not in reasons  # a warning, not a rejection
    _, clean = _reasons(_save(tmp_path / "clean.tif", pixels))
    assert "upscaled" not in {f.code for f in clean.findings}
