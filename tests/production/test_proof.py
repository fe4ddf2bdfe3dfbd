"""Soft proof through a CMYK profile: out-of-gamut area, worst colours, previews."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import pyvips
from PIL import Image

from foulard.errors import FoulardError
from foulard.production.proof import ProfileError, check_profile, proof_colours, soft_proof
from foulard.render import srgb_profile, write_bands

PALE = (240, 230, 220)  # a cream any print can make
SATURATED = [(0, 255, 0), (0, 0, 255), (255, 0, 255), (0, 255, 255)]


def master(path, img):
    h, w = img.shape[:2]
    return write_bands(path, w, h, iter([(0, img)]), dpi=300.0, icc=srgb_profile())


@pytest.fixture(scope="module")
def half(tmp_path_factory):
    """Left half pale cream, right half four saturated sRGB primaries in stripes."""
    img = np.empty((64, 80, 3), np.uint8)
    img[:, :40] = PALE
    for k, c in enumerate(SATURATED):
        img[:, 40 + 10 * k : 50 + 10 * k] = c
    return master(tmp_path_factory.mktemp("proof") / "half.tif", img)


@pytest.fixture(scope="module")
def cmyk_icc(tmp_path_factory) -> str:
    probe = pyvips.Image.black(1, 1, bands=3).copy(interpretation="srgb")
    data = bytes(probe.icc_transform("cmyk").get("icc-profile-data"))
    path = tmp_path_factory.mktemp("icc") / "press.icc"
    path.write_bytes(data)
    return str(path)


def test_saturated_colours_are_reported_out_of_gamut_and_pale_ones_are_not(half, tmp_path):
    report = soft_proof(
        half,
        tmp_path / "proof.png",
        gamut_map=tmp_path / "gamut.png",
        report=tmp_path / "proof.json",
    )
    assert report.out_of_gamut_pct == pytest.approx(50.0)  # exactly the saturated half
    assert report.max_delta_e > 10.0 and 0.0 < report.mean_delta_e < report.max_delta_e
    worst = report.worst
    assert len(worst) == 4
    assert {w["hex"] for w in worst} == {"#00ff00", "#0000ff", "#ff00ff", "#00ffff"}
    assert [w["delta_e2000"] for w in worst] == sorted(
        (w["delta_e2000"] for w in worst), reverse=True
    )
    assert all(w["delta_e2000"] > 2.0 for w in worst)
    assert sum(w["family_area_pct"] for w in worst) == pytest.approx(50.0)
    data = json.loads((tmp_path / "proof.json").read_text())
    assert data["out_of_gamut_pct"] == pytest.approx(50.0)
    assert data["profile"] == "libvips built-in CMYK" and data["intent"] == "relative"


def test_proof_previews_are_srgb_pngs_with_the_out_of_gamut_areas_marked(half, tmp_path):
    soft_proof(half, tmp_path / "proof.png", gamut_map=tmp_path / "gamut.png", max_px=40)
    with Image.open(tmp_path / "proof.png") as im:
        assert im.size == (40, 32) and im.mode == "RGB"
        assert im.info["icc_profile"] == srgb_profile()
    full = tmp_path / "full.png"
    soft_proof(half, full, gamut_map=tmp_path / "g.png")
    with Image.open(full) as im:
        px = np.asarray(im).astype(int)
    assert np.abs(px[:, :40] - PALE).max() <= 6  # the cream prints as itself
    green = px[:, 40:50].mean(axis=(0, 1))
    assert green[1] < 240 and green[0] > 60  # sRGB green prints duller
    with Image.open(tmp_path / "g.png") as im:
        g = np.asarray(im).astype(int)
    assert (g[:, 40:] == (230, 0, 140)).all()
    assert (g[:, :40, 0] == g[:, :40, 1]).all()  # in gamut: grey


def test_an_icc_file_gives_the_same_proof_as_the_built_in_profile(half, cmyk_icc, tmp_path):
    a = soft_proof(half, tmp_path / "a.png")
    b = soft_proof(half, tmp_path / "b.png", profile=cmyk_icc)
    assert b.profile == "press.icc"
    assert b.out_of_gamut_pct == a.out_of_gamut_pct and b.worst == a.worst


@pytest.mark.parametrize("kind", ["text", "truncated", "abstract", "missing"])
def test_an_invalid_icc_file_is_a_clear_error(tmp_path, cmyk_icc, kind, half):
    path = tmp_path / "bad.icc"
    data = Path(cmyk_icc).read_bytes()
    if kind == "text":
        path.write_text("this is not a profile\n" * 20)
    elif kind == "truncated":
        path.write_bytes(data[:4000])
    elif kind == "abstract":
        path.write_bytes(data[:12] + b"abst" + data[16:])
    with pytest.raises(ProfileError, match=r"bad\.icc"):
        check_profile(path)
    with pytest.raises(ProfileError):
        soft_proof(half, tmp_path / "p.png", profile=path)
    assert not (tmp_path / "p.png").exists()


def test_proof_colours_of_inks():
    proofed, de = proof_colours(["#f0e6dc", "#00ff00", "#0000ff"])
    assert de[0] < 2.0 < de[1] and de[2] > 2.0 and len(proofed) == 3
    with pytest.raises(FoulardError, match="intent"):
        proof_colours(["#f0e6dc"], intent="vivid")


def test_band_height_does_not_change_the_report(tmp_path):
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (90, 70, 3)).astype(np.uint8)
    path = master(tmp_path / "noise.tif", img)
    a = soft_proof(path, tmp_path / "a.png", rows=7)
    b = soft_proof(path, tmp_path / "b.png", rows=512)
    ja, jb = a.to_json(), b.to_json()
    assert ja.pop("preview") != jb.pop("preview")
    assert ja == jb
    assert 0.0 < a.out_of_gamut_pct < 100.0
