"""export_order: a whole order folder, written atomically, readable by real readers."""

from __future__ import annotations

import json

import numpy as np
import pytest
import tifffile
from PIL import Image

from foulard.cli.main import main
from foulard.errors import FoulardError, OutputError
from foulard.production import order as order_module
from foulard.production.order import export_order
from foulard.render import read_embedded
from foulard.scarf.formats import custom_format
from foulard.scarf.random_design import random_genome

FMT = custom_format(120, 120, hem_mm=5, safe_mm=10)


@pytest.fixture(scope="module")
def genome():
    return random_genome(5)


@pytest.fixture(scope="module")
def made(tmp_path_factory, genome):
    out = tmp_path_factory.mktemp("orders") / "order"
    stages = []
    result = export_order(
        genome,
        FMT,
        out,
        ppi=150,
        inks=6,
        colourways=3,
        progress=lambda s, f: stages.append((s, f)),
        command="test",
    )
    return result, stages


def test_the_folder_holds_every_part(made):
    result, stages = made
    files = set(result.files)
    for name in (
        "master.tif",
        "separations/indexed.tif",
        "separations/inks.json",
        "separations/inks.csv",
        "proof/proof.png",
        "previews/flat.png",
        "previews/folded.png",
        "spec.pdf",
        "spec.json",
    ):
        assert name in files, name
    plates = [f for f in files if f.startswith("separations/plates/")]
    assert len(plates) == result.manifest["inks"]["made"] <= 6
    assert len([f for f in files if f.startswith("colourways/") and f.endswith(".png")]) == 3
    finished = list(dict.fromkeys(s for s, f in stages if f == 1.0))
    assert finished == [s for s, _ in order_module.STAGES]
    assert not list(result.folder.parent.glob(".*partial"))


def test_master_carries_the_order(made, genome):
    result, _ = made
    master = result.folder / "master.tif"
    w, h = FMT.canvas_px(150)
    with tifffile.TiffFile(master) as tif:
        assert tif.pages[0].shape == (h, w, 3)
    info = read_embedded(master)
    order = info["foulard"]["order"]
    assert info["foulard"]["design_id"] == genome.design_id
    assert order["format"]["name"] == FMT.name and order["hem_mm"] == 5
    assert order["ppi"] == 150 and abs(order["true_ppi"] - 150) < 0.1
    assert info["foulard"]["command"] == "test"


def test_manifest_hashes_match_the_files(made):
    import hashlib

    result, _ = made
    manifest = json.loads((result.folder / "order.json").read_text())
    for f in manifest["files"]:
        data = (result.folder / f["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"]


def test_plates_recombine_and_previews_open(made):
    result, _ = made
    sep = result.folder / "separations"
    indexed = tifffile.imread(sep / "indexed.tif")
    table = json.loads((sep / "inks.json").read_text())
    order = table["print_order"]
    top = np.full(indexed.shape, -1)
    for ink in order:  # the last-printed ink covering a pixel shows
        plate = tifffile.imread(sep / "plates" / f"plate_{ink:02d}.tif")
        top[plate > 0] = ink
    assert np.array_equal(top, indexed)
    with Image.open(result.folder / "previews" / "folded.png") as im:
        assert im.size[0] > 100


def test_bad_options_and_failures_leave_nothing(tmp_path, genome, monkeypatch):
    with pytest.raises(FoulardError, match="2 to 48"):
        export_order(genome, FMT, tmp_path / "a", ppi=150, inks=60)
    with pytest.raises(FoulardError, match="below 150 ppi"):
        export_order(genome, FMT, tmp_path / "b", ppi=100)
    with pytest.raises(OutputError, match="does not exist"):
        export_order(genome, FMT, tmp_path / "no" / "c", ppi=150)
    with pytest.raises(FoulardError, match="unknown format"):
        export_order(genome, "carre91", tmp_path / "d", ppi=150)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(order_module, "soft_proof", broken)
    with pytest.raises(OutputError, match="No space left"):
        export_order(genome, FMT, tmp_path / "e", ppi=150, inks=4, colourways=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_existing_order_is_kept_unless_overwritten(tmp_path, genome, monkeypatch):
    out = tmp_path / "order"
    out.mkdir()
    (out / "keep.txt").write_text("old order")
    with pytest.raises(OutputError, match="already exists"):
        export_order(genome, FMT, out, ppi=150)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(order_module, "write_spec_sheet", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_order(genome, FMT, out, ppi=150, inks=4, colourways=0, overwrite=True)
    assert (out / "keep.txt").read_text() == "old order"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["order"]


def test_cli_export_repeat_and_check(tmp_path, capsys, genome):
    g = tmp_path / "g.json"
    genome.save(g)
    code = main(
        [
            "export",
            str(g),
            "--format",
            "custom-120x120",
            "--ppi",
            "150",
            "--inks",
            "4",
            "--colourways",
            "1",
            "-o",
            str(tmp_path / "o"),
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "4 inks" in out.out or "3 inks" in out.out
    code = main(
        ["check", str(tmp_path / "o" / "master.tif"), "--format", "custom-120x120", "--ppi", "150"]
    )
    assert code == 0 and "ACCEPTED" in capsys.readouterr().out
    code = main(
        [
            "check",
            str(tmp_path / "o" / "master.tif"),
            "--format",
            "carre90",
            "--ppi",
            "300",
            "--json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["rejected"] is True
    code = main(
        [
            "repeat",
            str(g),
            "--type",
            "half-drop",
            "--drop",
            "1/2",
            "--height-cm",
            "4",
            "--ppi",
            "150",
            "-o",
            str(tmp_path / "tile.tif"),
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "0 of" in out.out and "max dE2000 0.00" in out.out
    code = main(["export", str(g), "--inks", "99", "-o", str(tmp_path / "x")])
    assert code == 1 and "2 to 48" in capsys.readouterr().err
