"""Near-duplicates: altered copies are linked, different pictures are not; the real pairs."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from foulard.library import clusters, exact_duplicates, ingest, rescan


def _variants(img: np.ndarray) -> dict[str, bytes]:
    im = Image.fromarray(img)
    w, h = im.size

    def jpeg(x, q=85):
        buf = io.BytesIO()
        x.save(buf, "JPEG", quality=q)
        return buf.getvalue()

    hsv = np.asarray(im.convert("HSV")).copy()
    hsv[..., 0] = (hsv[..., 0].astype(int) + 4) % 256  # hue turned by about 6 degrees
    return {
        "resized": jpeg(im.resize((w // 2, h // 2), Image.Resampling.LANCZOS)),
        "recompressed": jpeg(im, 35),
        "cropped": jpeg(im.crop((int(w * 0.04), int(h * 0.04), int(w * 0.96), int(h * 0.96)))),
        "turned": jpeg(im.transpose(Image.Transpose.ROTATE_90)),
        "mirrored": jpeg(im.transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
        "recoloured": jpeg(Image.fromarray(hsv, "HSV").convert("RGB")),
        "brightened": jpeg(ImageEnhance.Brightness(im).enhance(1.06)),
    }


def test_altered_copies_cluster_with_their_original(lib, tmp_path, make_picture, encode_picture):
    src = tmp_path / "n"
    src.mkdir()
    originals = {}
    for seed in (41, 42, 43):
        img = make_picture(seed, (300, 360))
        (src / f"o{seed}.png").write_bytes(encode_picture(img))
        for name, data in _variants(img).items():
            (src / f"o{seed}_{name}.jpg").write_bytes(data)
        originals[seed] = f"n/o{seed}.png"
    report = ingest(lib, [src], workers=1)
    assert report.added == 3 * 8
    groups = clusters(lib)
    assert len(groups) == 3  # one group per original, nothing across them
    for g in groups:
        names = {lib.get(i).names[0] for i in g.ids}
        seed = next(s for s in originals if originals[s] in names)
        assert names == {
            originals[seed],
            *(f"n/o{seed}_{v}.jpg" for v in _variants(np.zeros((8, 8, 3), np.uint8))),
        }
        assert lib.get(g.ids[0]).names[0] == originals[seed]  # the largest picture first
    # A rescan finds the same links.
    with lib.db.transaction() as tx:
        before = sorted(tx.all("SELECT a, b FROM near_links"))
    rescan(lib)
    with lib.db.transaction() as tx:
        assert sorted(tx.all("SELECT a, b FROM near_links")) == before


def test_exact_duplicates_are_one_record_with_all_names(
    lib, tmp_path, make_picture, encode_picture
):
    data = encode_picture(make_picture(50))
    for folder in ("a", "b"):
        (tmp_path / "x" / folder).mkdir(parents=True)
        (tmp_path / "x" / folder / "same.png").write_bytes(data)
    assert ingest(lib, [tmp_path / "x"], workers=1).added == 1
    [(_, names)] = exact_duplicates(lib)
    assert names == ["x/a/same.png", "x/b/same.png"]
    assert clusters(lib) == []


@pytest.mark.slow
def test_real_pairs_recall_and_precision(shared_data, tmp_path, home):
    """The 100 small/large photo pairs of ornament-photos (the dedup slice)."""
    from foulard.library import Library

    folder = shared_data / "ornament-photos"
    with (folder / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    decorative = re.compile("纹|紋|图案|锦|绣|织")
    chosen = [r for r in rows if not decorative.search(r["title_zh"])]
    assert len(chosen) == 200
    src = tmp_path / "pairs"
    src.mkdir()
    for r in chosen:
        (src / r["file"]).symlink_to(folder / r["file"])
    with Library.open(f"sqlite:///{tmp_path / 'p.db'}", home=home) as lib:
        ingest(lib, [src], workers=2)
        pair_of = {f"pairs/{r['file']}": r["pair_id"] for r in chosen}
        with lib.db.transaction() as tx:
            links = tx.all("SELECT a, b FROM near_links")
        predicted = {tuple(sorted((lib.get(a).names[0], lib.get(b).names[0]))) for a, b in links}
    truth = {
        tuple(sorted(n for n, p in pair_of.items() if p == pid)) for pid in set(pair_of.values())
    }
    assert len(truth) == 100
    recall = len(predicted & truth) / len(truth)
    precision = len(predicted & truth) / max(1, len(predicted))
    assert recall >= 0.95 and precision >= 0.95, (recall, precision)
