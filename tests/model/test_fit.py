"""``foulard model fit``: a scan ingested into the library becomes a fitted design."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from foulard.cli.main import main


def _scan(path, size=256):
    """A 'scanned fabric': red dots on a cream ground, with a little noise."""
    y, x = np.mgrid[0:size, 0:size] / size
    dots = ((np.mod(x * 6, 1) - 0.5) ** 2 + (np.mod(y * 6, 1) - 0.5) ** 2) < 0.09
    rgb = np.where(dots[..., None], [176, 32, 40], [240, 228, 200]).astype(np.float64)
    rgb += np.random.default_rng(0).normal(0, 6, rgb.shape)
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(path)
    return rgb


def test_a_scan_ingested_then_fitted_keeps_its_colours(capsys, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    rgb = _scan(folder / "dots.png")
    assert main(["library", "ingest", str(folder), "--workers", "1", "--json"]) == 0
    capsys.readouterr()
    out, genome = tmp_path / "fit.png", tmp_path / "fit.json"
    code = main(["model", "fit", "dots.png", "-o", str(out), "--genome", str(genome),
                 "--px", "96", "--repeats", "3"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    g = json.loads(genome.read_text(encoding="utf-8"))
    assert g["root"]["op"] == "learned.neural_fit" and g["root"]["params"]["repeats"] == 3
    assert g["root"]["params"]["pattern"] == report["pattern"]
    with Image.open(out) as im:
        fit = np.asarray(im.convert("RGB"), np.float64)
    assert fit.shape == (96, 96, 3)
    # the fit wears the scan's inks, red dots over about 28 % of a cream ground
    # (measured: mean colour within 1 of the scan's, 29 % red at 256 px)
    assert np.abs(fit.mean((0, 1)) - rgb.mean((0, 1))).max() < 15
    reddish = (fit[..., 0] - fit[..., 1] > 60).mean()
    assert 0.15 < reddish < 0.45


def test_fitting_a_picture_not_in_the_library_says_so(capsys, tmp_path):
    code = main(["model", "fit", "nowhere.png", "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code != 0 and "no pattern 'nowhere.png' in the library" in err
    assert not (tmp_path / "x.png").exists()


def test_a_picture_file_is_ingested_then_fitted(capsys, tmp_path):
    """`foulard model fit scan.png`: the file goes into the library first, and the
    design names the library's copy; a file that is not a picture is refused."""
    from foulard.library import Library

    _scan(tmp_path / "dots.png")
    out = tmp_path / "fit.png"
    assert main(["model", "fit", str(tmp_path / "dots.png"), "-o", str(out), "--px", "64"]) == 0
    report = json.loads(capsys.readouterr().out)
    with Library.open() as lib:
        assert lib.exists(report["pattern"])
    assert out.read_bytes()[:4] == b"\x89PNG"
    # the same file again: the same picture, the same design
    assert main(["model", "fit", str(tmp_path / "dots.png"), "-o", str(out), "--px", "64"]) == 0
    assert json.loads(capsys.readouterr().out)["design_id"] == report["design_id"]
    (tmp_path / "notes.png").write_bytes(b"not a picture at all")
    code = main(["model", "fit", str(tmp_path / "notes.png"), "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code != 0 and "notes.png" in err and not (tmp_path / "x.png").exists()
