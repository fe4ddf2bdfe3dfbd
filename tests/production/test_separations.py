"""Separations: indexed image, plates, trap, islands; read back with real readers."""

from __future__ import annotations

import json

import numpy as np
import pytest
import pyvips
import tifffile
from PIL import Image
from scipy import ndimage

from foulard.color.space import srgb_to_hex
from foulard.errors import FoulardError
from foulard.production.inks import InkError
from foulard.production.inktable import InkTable
from foulard.production.islands import ThinFeatureScanner
from foulard.production.morphology import disk_rows
from foulard.production.separations import separate
from foulard.production.slivers import clean_slivers
from foulard.production.trap import cover_bits, plate_band, recombine, trap_radius_px
from foulard.render import RenderContext, srgb_profile, write_bands, write_image

WHITE, RED, BLUE, BLACK = (250, 248, 240), (200, 20, 40), (30, 60, 160), (20, 20, 20)


def synthetic(size=240) -> np.ndarray:
    """A cream ground, a red square with a thin spur, blue specks, a black bar."""
    img = np.empty((size, size, 3), np.uint8)
    img[:] = WHITE
    img[40:140, 40:140] = RED
    img[88:90, 140:200] = RED  # 2 px spur off the square: a thin line
    for y, x in ((20, 200), (200, 30), (210, 210)):
        img[y : y + 2, x : x + 2] = BLUE  # 2 x 2 specks: islands
    img[170:190, 60:220] = BLACK  # a 20 px bar: fine
    img[100:130, 180:186] = BLUE  # a 6 px bar: fine
    return img


def write_master(path, img, dpi=300.0, record=None):
    desc = json.dumps(record) if record else None
    h, w = img.shape[:2]
    return write_bands(path, w, h, iter([(0, img)]), dpi=dpi, icc=srgb_profile(), description=desc)


@pytest.fixture(scope="module")
def synthetic_sep(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sep")
    master = write_master(
        folder / "master.tif", synthetic(), record={"design_id": "ab" * 32, "genome": {"seed": 1}}
    )
    out = folder / "order"
    out.mkdir()
    return separate(master, out, n_inks=4, command="test"), master


def read_plates(sep):
    return [tifffile.imread(p) for p in sep.plates]


def test_outputs_open_with_real_readers_at_the_right_size_and_ppi(synthetic_sep):
    sep, _ = synthetic_sep
    assert sep.inks == 4
    assert sorted(p.name for p in sep.folder.iterdir()) == [
        "indexed.tif",
        "inks.csv",
        "inks.json",
        "islands.json",
        "plates",
    ]
    assert sorted(p.name for p in (sep.folder / "plates").iterdir()) == [
        f"plate_{k:02d}.tif" for k in range(4)
    ]
    for path in (sep.indexed, *sep.plates):
        with tifffile.TiffFile(path) as tif:
            page = tif.pages[0]
            assert page.shape == (240, 240)
            assert page.dtype == np.uint8
            assert page.compression == tifffile.COMPRESSION.LZW
            num, den = page.tags["XResolution"].value
            assert num / den == pytest.approx(300.0, rel=1e-5)
            assert page.tags["ResolutionUnit"].value == tifffile.RESUNIT.INCH
            record = json.loads(page.description)
            assert record["design_id"] == "ab" * 32 and record["command"] == "test"
        v = pyvips.Image.new_from_file(str(path))
        assert (v.width, v.height, v.bands, v.format) == (240, 240, 1, "uchar")
        with Image.open(path) as im:
            assert im.mode == "L"
    idx = tifffile.imread(sep.indexed)
    assert int(idx.max()) == 3
    for plate in read_plates(sep):
        assert set(np.unique(plate).tolist()) <= {0, 255}


def test_ink_table_matches_the_indexed_image(synthetic_sep):
    sep, _ = synthetic_sep
    table = InkTable.read(sep.table_json)
    idx = tifffile.imread(sep.indexed)
    counts = np.bincount(idx.ravel(), minlength=4)
    assert [ink.area_pct for ink in table.inks] == pytest.approx(100 * counts / idx.size, abs=1e-4)
    assert set(table.hexes) == {"#faf8f0", "#c81428", "#1e3ca0", "#141414"}
    assert table.inks[table.ground].hex == "#faf8f0"  # the ground: most area
    assert table.order[-2] == table.ground
    assert table.inks[table.order[-1]].hex == "#141414"  # the darkest prints last
    assert table.trap_px == 2 and table.ppi == pytest.approx(300.0)
    assert [ink.plate for ink in table.inks] == [f"plates/plate_{k:02d}.tif" for k in range(4)]
    # Contacts: red and blue never touch here; cream touches everything.
    touch = table.touching()
    red, blue = table.hexes.index("#c81428"), table.hexes.index("#1e3ca0")
    assert not touch[red, blue] and touch[table.ground].sum() == 3


def test_plates_recombine_exactly_into_the_indexed_image(synthetic_sep):
    sep, _ = synthetic_sep
    idx = tifffile.imread(sep.indexed)
    assert np.array_equal(recombine(read_plates(sep), sep.table.order), idx)


def test_trap_spreads_each_ink_under_later_inks_only(synthetic_sep):
    sep, _ = synthetic_sep
    idx = tifffile.imread(sep.indexed)
    order = sep.table.order
    rank = np.empty(len(order), int)
    rank[order] = np.arange(len(order))
    disk = np.array([[dx * dx + dy * dy <= 4 for dx in range(-2, 3)] for dy in range(-2, 3)])
    for k, plate in enumerate(read_plates(sep)):
        near = ndimage.binary_dilation(idx == k, structure=disk)
        want = (idx == k) | (near & (rank[idx] > rank[k]))
        assert np.array_equal(plate == 255, want)
        assert (plate == 255).sum() > (idx == k).sum() or rank[k] == len(order) - 1


def test_trap_radius_scales_with_ppi():
    assert [trap_radius_px(0.15, p) for p in (150, 300, 360, 600)] == [1, 2, 2, 4]
    assert trap_radius_px(0.0, 300) == 0
    with pytest.raises(FoulardError):
        trap_radius_px(-1.0, 300)


def test_trap_on_random_inks_matches_dilation_and_recombines():
    rng = np.random.default_rng(4)
    idx = ndimage.zoom(rng.integers(0, 6, (12, 12)), 5, order=0).astype(np.uint8)
    order = [3, 1, 4, 0, 5, 2]
    rank = np.argsort(order)
    for r in (1, 3):
        cover = cover_bits(np.pad(idx, r, mode="edge"), r, order, r)
        plates = [plate_band(cover, k) for k in range(6)]
        assert np.array_equal(recombine(plates, order), idx)
        yy, xx = np.mgrid[-r : r + 1, -r : r + 1]
        disk = yy**2 + xx**2 <= r * r
        for k in range(6):
            near = ndimage.binary_dilation(idx == k, structure=disk)
            assert np.array_equal(plates[k] == 255, (idx == k) | (near & (rank[idx] > rank[k])))


def test_islands_and_thin_lines_are_reported_per_ink(synthetic_sep):
    sep, _ = synthetic_sep
    report = json.loads(sep.islands_json.read_text())
    assert report["diameter_px"] == 4 and report["min_feature_mm"] == 0.3
    by_hex = {sep.table.hexes[e["index"]]: e for e in report["inks"]}
    blue, red = by_hex["#1e3ca0"], by_hex["#c81428"]
    assert blue["islands"]["count"] == 3 and blue["islands"]["area_px"] == 12
    assert blue["thin_lines"]["count"] == 0  # the 6 px bar prints
    assert red["thin_lines"]["count"] == 1 and red["islands"]["count"] == 0
    spur = red["thin_lines"]["largest"][0]
    assert spur["height_px"] == 2 and spur["width_px"] >= 55
    places = {(e["x_px"], e["y_px"]) for e in blue["islands"]["largest"]}
    assert places == {(200.5, 20.5), (30.5, 200.5), (210.5, 210.5)}
    assert report["totals"] == {"islands": 3, "thin_lines": 1}


def test_thin_scan_matches_a_per_ink_opening_in_any_band_height():
    rng = np.random.default_rng(5)
    idx = ndimage.zoom(rng.integers(0, 4, (20, 17)), 3, order=0).astype(np.uint8)
    idx[::7, ::5] = 3  # specks
    h, w = idx.shape
    rows = disk_rows(4)
    fp = np.zeros((4, 4), bool)
    for dy, lo, hi in rows:
        fp[dy + 1, lo + 1 : hi + 2] = True
    want_area = []
    for k in range(4):
        mask = np.pad(idx == k, 4, mode="edge")
        opened = ndimage.binary_opening(mask, structure=fp)[4:-4, 4:-4]
        want_area.append(int(((idx == k) & ~opened).sum()))
    results = []
    for band in (h, 8, 13):
        scan = ThinFeatureScanner(4, w, h, diameter_px=4, ppi=300)
        for r0 in range(0, h, band):
            n = min(band, h - r0)
            lo, hi = max(0, r0 - scan.halo), min(h, r0 + n + scan.halo)
            win = np.pad(
                idx[lo:hi],
                ((scan.halo - (r0 - lo), scan.halo - (hi - r0 - n)), (scan.halo, scan.halo)),
                mode="edge",
            )
            scan.add(r0, n, win)
        results.append(scan.finish().inks)
    assert results[0] == results[1] == results[2]
    for k in range(4):
        got = results[0][k]["islands"]["area_px"] + results[0][k]["thin_lines"]["area_px"]
        assert got <= want_area[k]  # corners shorter than the disk are not reported


def test_slivers_of_anti_aliasing_go_to_a_neighbouring_ink():
    img = np.zeros((20, 20, 3), np.uint8)
    img[:, 10:] = 255
    img[:, 10] = 128  # an anti-aliased column between black and white
    lab = np.array([[0.0, 0, 0], [100.0, 0, 0], [53.6, 0, 0]])  # black, white, grey inks
    idx = np.where(img[..., 0] == 0, 0, np.where(img[..., 0] == 255, 1, 2)).astype(np.uint8)
    out = clean_slivers(np.pad(idx, 2, mode="edge"), 2, img, lab)
    assert set(np.unique(out).tolist()) == {0, 1}
    assert np.array_equal(out[:, :10], idx[:, :10]) and np.array_equal(out[:, 11:], idx[:, 11:])
    idx[5:9, 3:7] = 2  # a 4 x 4 grey patch is solid: kept
    out = clean_slivers(np.pad(idx, 2, mode="edge"), 2, img, lab)
    assert (out[5:9, 3:7] == 2).all()


def test_band_height_does_not_change_any_output(tmp_path, synthetic_sep):
    sep, master = synthetic_sep
    out = tmp_path / "b"
    out.mkdir()
    other = separate(master, out, n_inks=4, rows=16, command="test")
    assert np.array_equal(tifffile.imread(other.indexed), tifffile.imread(sep.indexed))
    for a, b in zip(read_plates(other), read_plates(sep), strict=True):
        assert np.array_equal(a, b)
    assert json.loads(other.islands_json.read_text()) == json.loads(sep.islands_json.read_text())
    assert other.table.to_json() == sep.table.to_json()


def test_a_rendered_master_separates_with_12_inks_and_recombines(tmp_path, genome):
    ctx = RenderContext.for_print(40, 40, 300, bleed_mm=2)  # 520 px
    master = write_image(genome, ctx, tmp_path / "m.tif")
    out = tmp_path / "order"
    out.mkdir()
    sep = separate(master, out)
    assert 2 <= sep.inks <= 12
    assert sep.table.design_id == genome.design_id
    idx = tifffile.imread(sep.indexed)
    assert idx.shape == (ctx.height, ctx.width) and int(idx.max()) < sep.inks
    assert np.array_equal(recombine(read_plates(sep), sep.table.order), idx)
    again = tmp_path / "again"
    again.mkdir()
    assert separate(master, again).table.hexes == sep.table.hexes  # seeded by design id


def test_bad_requests_are_clear_errors_and_leave_nothing(tmp_path, synthetic_sep):
    _, master = synthetic_sep
    out = tmp_path / "o"
    out.mkdir()
    with pytest.raises(InkError, match="48"):
        separate(master, out, n_inks=49)
    with pytest.raises(FoulardError, match="not an existing folder"):
        separate(master, tmp_path / "missing")
    rgba = np.zeros((8, 8, 4), np.uint8)
    pyvips.Image.new_from_array(rgba).copy(interpretation="srgb").pngsave(str(tmp_path / "a.png"))
    with pytest.raises(FoulardError, match="no alpha"):
        separate(tmp_path / "a.png", out)
    assert list(out.iterdir()) == []


def test_a_failing_plate_leaves_no_partial_files(tmp_path, synthetic_sep, monkeypatch):
    import foulard.production.separations as seps

    _, master = synthetic_sep
    out = tmp_path / "o"
    out.mkdir()
    calls = {"n": 0}
    real = seps.plate_band

    def flaky(cover, ink):
        calls["n"] += 1
        if ink == 2 and calls["n"] > 6:
            raise RuntimeError("disk on fire")
        return real(cover, ink)

    monkeypatch.setattr(seps, "plate_band", flaky)
    with pytest.raises(RuntimeError, match="disk on fire"):
        separate(master, out, n_inks=4, rows=16)
    assert [p.name for p in out.rglob("*") if p.is_file()] == []


def test_many_inks_go_through_several_writer_passes_and_still_recombine(tmp_path):
    rng = np.random.default_rng(6)
    colours = rng.integers(0, 256, (40, 3)).astype(np.uint8)
    cells = ndimage.zoom(rng.integers(0, 40, (12, 12)), 8, order=0)
    master = write_master(tmp_path / "m.tif", colours[cells])
    out = tmp_path / "o"
    out.mkdir()
    sep = separate(master, out, n_inks=40, min_delta_e=0.0, rows=24)
    assert sep.inks == len(np.unique(cells))  # one ink per distinct colour
    assert len(list((out / "plates").iterdir())) == sep.inks
    idx = tifffile.imread(sep.indexed)
    assert np.array_equal(recombine(read_plates(sep), sep.table.order), idx)
    assert np.array_equal(
        np.asarray(sep.table.hexes)[idx],
        np.asarray(srgb_to_hex(colours / 255.0))[cells],
    )
