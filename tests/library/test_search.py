"""Search by picture, colour and text; filters; indexes exact, approximate and stale."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.library import (
    Filters,
    Library,
    LibraryError,
    ingest,
    keep_one,
    search_colours,
    search_image,
    search_text,
)
from foulard.library.colours import colour_scores, dominant_palette


def _flat(hex_colour: str, other: str, share: float, size=(120, 120)) -> np.ndarray:
    """A picture: ``share`` of it in one colour, the rest in another, with a little texture."""
    h, w = size
    a = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], np.uint8)
    b = np.array([int(other[i : i + 2], 16) for i in (1, 3, 5)], np.uint8)
    img = np.empty((h, w, 3), np.uint8)
    img[:] = b
    img[:, : round(w * share)] = a
    return img


@pytest.fixture
def filled(lib, tmp_path, make_picture, encode_picture):
    """A small library: textured pictures with bilingual titles, and flat colour cards."""
    src = tmp_path / "lib"
    src.mkdir()
    rows = ["file,title_zh,title_en,license,keywords"]
    titles = [
        ("牡丹纹锦", "Brocade with peonies", "CC0", "flower"),
        ("云龙纹", "Cloud and dragon", "CC BY 2.5", ""),
        ("回纹边", "Key fret border", "CC0", "border"),
        ("莲花", "Lotus", "CC BY 2.5", ""),
        ("鹤", "Cranes", "GPL-3+", ""),
        ("蝙蝠", "Bats", "CC0", ""),
    ]
    for i, (zh, en, lic, kw) in enumerate(titles):
        (src / f"t{i}.png").write_bytes(encode_picture(make_picture(200 + i)))
        rows.append(f"t{i}.png,{zh},{en},{lic},{kw}")
    cards = {
        "navy_cream.png": ("#1f4e79", "#f2e6ce", 0.5),
        "navy_red.png": ("#1f4e79", "#c0392b", 0.5),
        "cream_only.png": ("#f2e6ce", "#f0e4cc", 0.5),
        "green.png": ("#2a7f62", "#2a7f62", 1.0),
    }
    for name, (a, b, share) in cards.items():
        (src / name).write_bytes(encode_picture(_flat(a, b, share)))
        rows.append(f"{name},,{name[:-4]},CC0,card")
    (src / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = ingest(lib, [src], workers=1)
    assert report.added == 10
    return lib


def test_text_search_in_both_languages(filled):
    lib = filled
    assert [h.pattern.title_en for h in search_text(lib, "peony")] == ["Brocade with peonies"]
    assert [h.pattern.title_en for h in search_text(lib, "牡丹")] == ["Brocade with peonies"]
    dragon = search_text(lib, "龍")  # traditional characters fold to simplified
    assert [h.pattern.title_en for h in dragon] == ["Cloud and dragon"]
    both = search_text(lib, "云 dragon crane")
    assert both[0].pattern.title_en == "Cloud and dragon"
    assert both[0].score > both[1].score  # matches two of three words
    assert "Cranes" in [h.pattern.title_en for h in both]
    assert [h.pattern.title_en for h in search_text(lib, "回纹")] == ["Key fret border"]
    assert [h.pattern.title_en for h in search_text(lib, "纹边")] == ["Key fret border"]  # pairs
    assert search_text(lib, "zebra") == []
    with pytest.raises(LibraryError, match="no words"):
        search_text(lib, "  ,, ")


def test_colour_search_has_ciede2000_semantics(filled):
    lib = filled
    hits = search_colours(lib, "#1f4e79,#f2e6ce")
    assert hits[0].pattern.title_en == "navy_cream"
    assert hits[0].detail["de00"]["#1f4e79"] < 2 and hits[0].detail["de00"]["#f2e6ce"] < 2
    titles = [h.pattern.title_en for h in hits]
    assert "green" not in titles  # holds neither colour
    assert "navy_red" not in titles and "cream_only" not in titles  # holds only one of the two
    # A tolerance in ΔE00: a colour 5 units off counts at 20, not at 3.
    near = "#2f587f"
    assert search_colours(lib, f"{near}", tolerance=3.0) == []
    assert search_colours(lib, f"{near}", tolerance=20.0)[0].pattern.title_en.startswith("navy")
    named = search_colours(lib, "navy")  # CSS name
    assert all(h.detail["de00"]["navy"] < 20 for h in named)
    with pytest.raises(LibraryError, match="unknown colour"):
        search_colours(lib, "notacolour")


def test_colour_scores_by_mode():
    pal = dominant_palette(_flat("#1f4e79", "#f2e6ce", 0.25) / 255.0)
    packed = pal.packed()[None]
    from foulard.color.cielab import srgb_to_lab
    from foulard.color.space import hex_to_srgb

    q = srgb_to_lab(hex_to_srgb(["#1f4e79", "#f2e6ce"]))
    all_score, nearest = colour_scores(q, packed, 20.0, mode="all")
    assert all_score[0] == pytest.approx(np.sqrt(0.25 * 0.75), abs=0.02)
    assert nearest.max() < 1.0
    pal_score, _ = colour_scores(q[:1], packed, 20.0, mode="palette")
    assert pal_score[0] == pytest.approx(0.25, abs=0.02)  # a quarter of the area is navy


def test_image_search_and_filters(filled, make_picture, encode_picture, tmp_path):
    lib = filled
    turned = np.rot90(make_picture(202)).copy()  # "Key fret border", turned a quarter
    q = tmp_path / "q.jpg"
    q.write_bytes(encode_picture(turned, "JPEG", quality=80))
    hits = search_image(lib, q, k=3)
    assert hits[0].pattern.title_en == "Key fret border" and hits[0].score > 0.95
    by_id = search_image(lib, hits[0].pattern.id, k=3)
    assert hits[0].pattern.id not in [h.pattern.id for h in by_id]  # itself left out
    cc0 = search_image(lib, q, k=20, filters=Filters(licences=("cc0",)))
    assert {h.pattern.licence for h in cc0} == {"CC0"}
    cards = search_image(lib, q, k=20, filters=Filters(tags=("card",)))
    assert len(cards) == 4
    text = search_image(lib, q, k=20, filters=Filters(text="flower"))
    # Its keyword, and 莲花 (lotus flower) through the lexicon's 花 = flower.
    assert {h.pattern.title_en for h in text} == {"Brocade with peonies", "Lotus"}
    src = search_text(lib, "lotus", filters=Filters(sources=("nowhere",)))
    assert src == []


def test_index_rebuild_approximate_and_stale_tail_agree(
    filled, tmp_path, make_picture, encode_picture
):
    lib = filled
    q = tmp_path / "q.png"
    q.write_bytes(encode_picture(make_picture(204)))

    def results():
        return (
            [h.pattern.id for h in search_image(lib, q, k=5)],
            [h.pattern.id for h in search_colours(lib, "#1f4e79")],
            [h.pattern.id for h in search_text(lib, "cloud lotus")],
        )

    assert (lib.index.main_count, len(lib.index.tail)) == (0, 10)  # all still pending
    before = results()
    info = lib.refresh_index(force=True)
    assert (lib.index.main_count, len(lib.index.tail)) == (10, 0)
    assert info["index_bytes"] > 0
    assert results() == before
    # Beyond the exact limit the vectors get an approximate (IVF) index.
    with Library.open(
        lib.db.url, home=tmp_path, index_folder=tmp_path / "ivf", exact_limit=4
    ) as ivf:
        ivf.refresh_index(force=True)
        assert ivf.index.state["kind"] == "ivf"
        assert search_image(ivf, q, k=1)[0].pattern.id == before[0][0]
    # A pattern added after the build is found before the index takes it in.
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.png").write_bytes(encode_picture(make_picture(999)))
    assert ingest(lib, [extra], workers=1).added == 1
    assert (lib.index.main_count, len(lib.index.tail)) == (10, 1)
    top = search_image(lib, extra / "new.png", k=1)[0]
    assert top.pattern.names == ("extra/new.png",) and top.score > 0.999


def test_hidden_duplicates_leave_search(lib, tmp_path, make_picture, encode_picture):
    src = tmp_path / "d"
    src.mkdir()
    big = make_picture(300, (400, 400))
    (src / "big.png").write_bytes(encode_picture(big))
    from PIL import Image

    small = np.asarray(Image.fromarray(big).resize((200, 200), Image.Resampling.LANCZOS))
    (src / "small.jpg").write_bytes(encode_picture(small, "JPEG", quality=85))
    (src / "other.png").write_bytes(encode_picture(make_picture(301, (400, 400))))
    report = ingest(lib, [src], workers=1)
    assert report.near_duplicate_links == 1
    big_id, small_id = lib.get("d/big.png").id, lib.get("d/small.jpg").id
    # By default a near-duplicate is folded into the better hit it copies.
    hits = search_image(lib, src / "big.png", k=5)
    assert len(hits) == 2 and hits[0].pattern.id == big_id
    assert hits[0].detail["copies"] == [small_id]
    assert small_id not in [h.pattern.id for h in search_text(lib, "raster", k=5)]
    every = search_image(lib, src / "big.png", k=5, filters=Filters(collapse=False))
    assert len(every) == 3 and small_id in [h.pattern.id for h in every]
    # Searching by the library id of one copy folds the other copy too.
    assert small_id not in [h.pattern.id for h in search_image(lib, big_id, k=5)]
    assert keep_one(lib) == 1
    ids = [h.pattern.id for h in search_image(lib, src / "big.png", k=5)]
    assert lib.get("d/small.jpg").id not in ids and lib.get("d/big.png").id in ids
    assert lib.get("d/small.jpg").duplicate_of == lib.get("d/big.png").id


def test_library_open_refuses_bad_settings(home, tmp_path, monkeypatch):
    monkeypatch.setenv("FOULARD_LIBRARY_MAX_MEGAPIXELS", "lots")
    with pytest.raises(LibraryError, match="must be a number"):
        Library.open(f"sqlite:///{tmp_path / 'x.db'}", home=home)


def test_patterns_resolve_by_id_prefix_and_file_name(lib, tmp_path, make_picture, encode_picture):
    for folder, seed in (("x", 1), ("y", 2)):
        (tmp_path / "r" / folder).mkdir(parents=True)
        (tmp_path / "r" / folder / "same_name.png").write_bytes(encode_picture(make_picture(seed)))
    (tmp_path / "r" / "x" / "only%one.png").write_bytes(encode_picture(make_picture(3)))
    ingest(lib, [tmp_path / "r"], workers=1)
    pid = lib.resolve("r/x/same_name.png")
    assert lib.resolve(pid) == pid and lib.resolve(pid[:10].upper()) == pid
    assert lib.resolve("only%one.png") == lib.resolve("r/x/only%one.png")  # a bare name
    with pytest.raises(LibraryError, match="several patterns"):
        lib.resolve("same_name.png")  # two contents: ambiguous
    with pytest.raises(LibraryError, match="no pattern"):
        lib.resolve("%.png")  # LIKE wildcards are taken literally
    with pytest.raises(LibraryError, match="no pattern"):
        lib.resolve("ame_name.png")  # a whole name, not a suffix
