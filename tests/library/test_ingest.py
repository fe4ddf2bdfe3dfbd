"""Ingest: folders, zips, sidecars, hostile entries; idempotent; nothing half stored."""

from __future__ import annotations

import json
import os
import stat
import zipfile

import pytest

from foulard.library import LibraryError, ingest
from foulard.library.store import sha256_hex


def _folder(tmp_path, make_picture, encode_picture):
    src = tmp_path / "archive"
    (src / "sub").mkdir(parents=True)
    (src / "peony.png").write_bytes(encode_picture(make_picture(1), "PNG"))
    (src / "sub" / "cloud.jpg").write_bytes(encode_picture(make_picture(2), "JPEG", quality=90))
    (src / "sub" / "copy_of_peony.png").write_bytes((src / "peony.png").read_bytes())
    (src / "looks_like.png").write_bytes(encode_picture(make_picture(3), "JPEG"))  # mismatch
    (src / "empty.png").write_bytes(b"")
    (src / "broken.jpg").write_bytes(encode_picture(make_picture(4), "JPEG")[:300])
    (src / "garbage.png").write_bytes(b"this is not a picture at all")
    (src / "README.md").write_text("notes")
    (src / "motif.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30">'
        '<circle cx="15" cy="15" r="12" fill="#1d3557"/></svg>'
    )
    (src / "evil.svg").write_text(
        '<!DOCTYPE svg [<!ENTITY a "x">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    )
    (src / "manifest.csv").write_text(
        "file,title_zh,title_en,keywords,license,creator,pair_id\n"
        "peony.png,牡丹纹,Peony design,flower;red,CC0,Ann,p1\n"
        "sub/cloud.jpg,卷云纹,Rolling cloud,,CC BY 4.0,Bo,\n",
        encoding="utf-8",
    )
    return src


def _check_store_consistent(lib):
    """Every record has its file (hash verified) and thumbnail; no temporary file."""
    with lib.db.transaction() as tx:
        ids = [r[0] for r in tx.all("SELECT id FROM patterns")]
        orphans = tx.all(
            "SELECT COUNT(*) FROM pattern_files WHERE pattern_id NOT IN (SELECT id FROM patterns)"
        )[0][0]
    assert orphans == 0
    for pid in ids:
        assert sha256_hex(lib.store.object_path(pid).read_bytes()) == pid
        assert lib.store.thumb_path(pid).stat().st_size > 0
    temps = [p for p in lib.store.root.rglob("*") if ".tmp" in p.name]
    assert temps == []
    return ids


def test_folder_ingest_reports_every_file_and_is_idempotent(
    lib, tmp_path, make_picture, encode_picture
):
    src = _folder(tmp_path, make_picture, encode_picture)
    report = ingest(lib, [src], workers=1)
    reasons = {r["name"].rsplit("/", 1)[-1]: r["reason"] for r in report.rejected}
    assert reasons == {
        "empty.png": "empty",
        "broken.jpg": reasons["broken.jpg"],
        "garbage.png": "corrupt",
        "evil.svg": "svg_entities",
    }
    assert reasons["broken.jpg"] in ("truncated", "corrupt")
    assert [s["name"] for s in report.skipped] == ["archive/README.md"]
    assert report.mismatched == [
        {"name": "archive/looks_like.png", "extension": "png", "content": "jpeg"}
    ]
    assert report.added == 4  # peony, cloud, looks_like, motif
    assert report.files == 10  # the manifest is read, not counted
    ids = _check_store_consistent(lib)
    assert len(ids) == 4
    peony = lib.get("archive/peony.png")
    assert peony.names == ("archive/peony.png", "archive/sub/copy_of_peony.png")  # exact dupe
    assert (peony.title_zh, peony.title_en, peony.licence, peony.author) == (
        "牡丹纹",
        "Peony design",
        "CC0",
        "Ann",
    )
    assert peony.extra == {"pair_id": "p1"}
    assert {"牡丹", "peony", "flower", "red"} <= set(peony.tags)
    cloud = lib.get("archive/sub/cloud.jpg")
    assert {"卷云", "云纹", "cloud"} <= set(cloud.tags)
    assert cloud.source == "archive/sub"
    assert lib.get("archive/looks_like.png").format == "jpeg"

    again = ingest(lib, [src], workers=1)
    assert (again.added, again.names_added, again.known) == (0, 0, 5)
    assert lib.stats()["patterns"] == 4


def test_meta_file_and_defaults(lib, tmp_path, make_picture, encode_picture):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.png").write_bytes(encode_picture(make_picture(7), "PNG"))
    (src / "b.png").write_bytes(encode_picture(make_picture(8), "PNG"))
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"a.png": {"title": "Lotus", "tags": ["water"]}}))
    ingest(lib, [src], meta=meta, source="scans 2024", licence="internal", workers=1)
    a, b = lib.get("in/a.png"), lib.get("in/b.png")
    assert (a.title_en, a.source, a.licence) == ("Lotus", "scans 2024", "internal")
    assert {"lotus", "water"} <= set(a.tags)
    from foulard.library import search_text

    assert [h.pattern.id for h in search_text(lib, "莲")] == [a.id]  # through the lexicon
    assert (b.title_en, b.licence) == (None, "internal")
    with pytest.raises(LibraryError, match="no such file"):
        ingest(lib, [tmp_path / "missing"], workers=1)


def test_zip_entries_are_read_in_memory_and_tricks_refused(
    lib, tmp_path, make_picture, encode_picture
):
    outside = tmp_path / "outside.png"
    zpath = tmp_path / "bundle.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("patterns/ok.png", encode_picture(make_picture(11), "PNG"))
        zf.writestr("patterns/metadata.json", json.dumps([{"file": "ok.png", "title": "Kept"}]))
        zf.writestr("../outside.png", encode_picture(make_picture(12), "PNG"))
        zf.writestr("/abs/evil.png", encode_picture(make_picture(13), "PNG"))
        zf.writestr("a/../../climb.png", encode_picture(make_picture(14), "PNG"))
        link = zipfile.ZipInfo("patterns/link.png")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        inner = tmp_path / "inner.zip"
        with zipfile.ZipFile(inner, "w") as z2:
            z2.writestr("x.png", encode_picture(make_picture(15), "PNG"))
        zf.write(inner, "nested.zip")
    before = set(os.listdir(tmp_path))
    report = ingest(lib, [zpath], workers=1)
    got = {r["name"]: r["reason"] for r in report.rejected}
    assert got == {
        "bundle.zip!../outside.png": "unsafe_path",
        "bundle.zip!/abs/evil.png": "unsafe_path",
        "bundle.zip!a/../../climb.png": "unsafe_path",
        "bundle.zip!patterns/link.png": "unsafe_path",
        "bundle.zip!nested.zip": "nested_archive",
    }
    assert report.added == 1
    assert lib.get("bundle.zip!patterns/ok.png").title_en == "Kept"
    assert not outside.exists()
    assert set(os.listdir(tmp_path)) == before  # nothing written outside the store
    _check_store_consistent(lib)


def test_corrupt_zip_is_reported_and_the_batch_goes_on(lib, tmp_path, make_picture, encode_picture):
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "fine.png").write_bytes(encode_picture(make_picture(21), "PNG"))
    report = ingest(lib, [tmp_path / "bad.zip", tmp_path / "fine.png"], workers=1)
    assert [r["reason"] for r in report.rejected] == ["corrupt"]
    assert report.added == 1


def test_worker_processes_give_the_same_records(tmp_path, make_picture, encode_picture, home):
    from foulard.library import Library

    src = tmp_path / "w"
    src.mkdir()
    for i in range(5):
        (src / f"{i}.png").write_bytes(encode_picture(make_picture(30 + i), "PNG"))
    rows = []
    for workers, name in ((1, "one"), (2, "two")):
        url = f"sqlite:///{tmp_path / name}.db"
        with Library.open(url, home=home, index_folder=tmp_path / name) as lib:
            assert ingest(lib, [src], workers=workers).added == 5
            with lib.db.transaction() as tx:
                rows.append(
                    tx.all("SELECT id, signature, palette, features FROM patterns ORDER BY id")
                )
    assert rows[0] == rows[1]


def test_api_names_are_the_functions_whatever_the_import_order():
    """``import foulard.library.ingest`` first must not turn ``foulard.library.ingest``
    (the function) into the submodule."""
    import subprocess
    import sys

    code = (
        "import types, foulard.library.ingest, foulard.library as L\n"
        "from foulard.library import ingest\n"
        "assert callable(ingest) and L.ingest is ingest, ingest\n"
        "bad = [n for n in L.__all__ if isinstance(getattr(L, n), types.ModuleType)]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
