"""The model's training set: (tile, words) pairs, seeded, versioned, with a manifest.

Two sources, as issue 10 asks:

*archive* (``real``): the real data bundle (``../shared/data``): the decorative
museum photos (one of each lo/hi pair), the openclipart pattern SVGs and the
pgfornament-han motifs, rasterised. Their words come from their titles, names and
keywords, parsed by the prompt parser (both languages map to the same vocabulary
ids), plus the basic colours read from their pixels.

Licence policy: foulard is Apache-2.0 and ships the trained weights, so an archive
item is admitted only under a licence compatible with that (:func:`licence_admits`):
public domain / CC0, CC BY (``CCA``) with its attribution recorded in the manifest,
and LPPL. GPL-family, share-alike, non-commercial, no-derivatives and unknown
licences are left out and listed in the manifest with the reason; so the GIMP
seamless tiles (GPL-2+/GPL-3+) are never trained on. Every row records its licence.

*algorithms* (``synthetic``, :mod:`foulard.model.algorithm_tiles`): designs
rendered from the operator library, one periodic operator per tile (its example
node, with a drawn palette, seed and, for the wallpaper groups, a drawn motif), and
with ``zoomed``, tiles of the vocabulary's groups seen close. Their words are the
vocabulary ids of the operators used and of the motif groups holding them, plus the
colours.

Every tile is ``SIDE`` px, made exactly periodic (periodic-plus-smooth
decomposition, the smooth part removed), because the model's decoder is periodic
on the unit torus. A seeded share of the archive tiles is held out for evaluation.

Files written in the output folder: ``tiles.npz`` (``images`` uint8 ``(N, SIDE,
SIDE, 3)``, ``labels`` uint8 ``(N, K)``, ``split`` (0 train, 1 held out),
``source`` (0 archive, 1 algorithms)) and ``manifest.json`` (version, seed,
command, counts, concepts, licence policy, the excluded archive items with their
licences, one row per tile with its origin, words, licence and attribution, sha256
of ``tiles.npz``). The version is the sha256 of the manifest's content rows, so the
same seed and inputs give the same version.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from foulard.model import algorithm_tiles
from foulard.model.concepts import BASIC_COLOURS, colour_words

__all__ = [
    "DATASET_FORMAT",
    "LICENCE_POLICY",
    "SIDE",
    "build_dataset",
    "default_data_root",
    "licence_admits",
    "load_dataset",
    "words_of_text",
]

DATASET_FORMAT = 1
SIDE = 64
HELDOUT_SHARE = 0.2
MIN_CONCEPT_COUNT = 4

LICENCE_POLICY = (
    "archive items are admitted only under licences compatible with shipping the weights "
    "in an Apache-2.0 product: public domain / CC0, CC BY (CCA) with attribution recorded "
    "per row, LPPL; GPL-family, share-alike, non-commercial, no-derivatives and unknown "
    "licences are excluded"
)
# Folders whose manifest has no licence column: the folder-wide licence of its SOURCE.md.
_FOLDER_LICENCE = {"vector-ornaments": "LPPL-1.3c"}
# Attribution lines (SOURCE.md of each folder); {author} from the row.
_ATTRIBUTION = {
    "ornament-photos": "Photo: {author}, chinesenotes.com, {licence}",
    "openclipart-patterns": "{author}, Open Clip Art Library, {licence}",
    "vector-ornaments": (
        "pgfornament-han: Zhang Chennan (drawings), LIM LianTze, Alain Matthes, {licence}"
    ),
}
_REFUSED = (
    (r"\b[al]?gpl\b|gnu general public", "copyleft (GPL family)"),
    (r"\bnc\b|non-?commercial", "non-commercial"),
    (r"\bsa\b|share-?alike", "share-alike"),
    (r"\bnd\b|no-?deriv", "no derivatives"),
)
_ADMITTED = (
    (r"\bpublic domain\b|\bcc0\b|\bpd\b", "public domain"),
    (r"^(cc[ -]?by|cca|creative commons attribution)\b", "attribution"),
    (r"\blppl\b|latex project public licen[cs]e", "LPPL"),
)


def licence_admits(licence: str) -> tuple[bool, str]:
    """Whether an archive item under ``licence`` may train the shipped weights, and why.

    Refusals are checked first (a ``CC BY-NC`` is refused although it starts as
    ``CC BY``); a licence matching no rule, or an empty one, is refused as unknown.
    """
    text = " ".join((licence or "").lower().replace("_", " ").split())
    for pattern, reason in _REFUSED:
        if re.search(pattern, text):
            return False, reason
    for pattern, kind in _ADMITTED:
        if re.search(pattern, text):
            return True, kind
    return False, "unknown licence"


def default_data_root() -> Path:
    """The real data bundle: ``$FOULARD_SHARED_DATA`` or ``../shared/data``."""
    env = os.environ.get("FOULARD_SHARED_DATA")
    if env:
        return Path(env)
    here = Path.cwd()
    for base in (here, *here.parents):
        cand = base / "shared" / "data"
        if cand.is_dir():
            return cand
    return Path("/work/shared/data")


def periodic_tile(rgb: np.ndarray, side: int = SIDE) -> np.ndarray:
    """A picture as an exactly periodic ``side`` px tile (area-resized, Moisan's periodic part)."""
    from foulard.ops.learned.make_seamless import periodic_component
    from foulard.perceptual import area_resize

    small = area_resize(np.asarray(rgb, np.float64), side)
    return np.clip(periodic_component(small), 0.0, 1.0)


def _centre_square(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    s = min(h, w)
    y0, x0 = (h - s) // 2, (w - s) // 2
    return rgb[y0 : y0 + s, x0 : x0 + s]


def _read_raster(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as opened:
        arr = np.asarray(opened.convert("RGBA"), np.float64) / 255.0
    rgb, a = arr[..., :3], arr[..., 3:]
    return rgb * a + (1.0 - a)  # over white


def _read_svg(path: Path, side: int) -> np.ndarray | None:
    from foulard.library.svg import rasterise_svg

    try:
        rgba = rasterise_svg(path.read_bytes(), side).astype(np.float64) / 255.0
    except Exception:  # a messy SVG the checker refuses: left out, counted in the manifest
        return None
    return rgba[..., :3] + (1.0 - rgba[..., 3:])  # premultiplied over white


def words_of_text(texts: list[str]) -> list[str]:
    """Vocabulary ids (operators, groups, styles...) the prompt parser finds in ``texts``."""
    from foulard.prompt.parse import parse

    out: list[str] = []
    for raw in texts:
        text = (raw or "").strip()
        if not text:
            continue
        for el in parse(text[:400]).wanted:
            if el.kind == "colour":
                continue  # colours are read from the pixels, never from titles
            ids = [el.id]
            if el.id.startswith("any:"):
                ids = [f"op:{op}" for op in el.ops]
            for i in ids:
                if i not in out:
                    out.append(i)
    return out


def _rows(root: Path, folder: str) -> list[dict[str, str]]:
    """The manifest rows of one folder of the bundle (none if the folder is absent)."""
    path = root / folder / "manifest.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _item(folder: str, row: dict[str, str], texts: list[str], kind: str) -> dict[str, Any]:
    licence = (row.get("license") or _FOLDER_LICENCE.get(folder, "")).strip()
    author = (row.get("author") or row.get("creator") or "").strip()
    template = _ATTRIBUTION.get(folder, "{author}, {licence}")
    return {
        "file": f"{folder}/{row['file']}",
        "texts": texts,
        "kind": kind,
        "licence": licence,
        "attribution": template.format(author=author or "unknown author", licence=licence),
    }


def _real_items(root: Path) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The archive pictures, in a fixed order: admitted items and excluded ones.

    An item is ``{"file", "texts", "kind", "licence", "attribution"}``; an excluded
    one is ``{"file", "licence", "reason"}`` (see :func:`licence_admits`).
    """
    items: list[dict[str, Any]] = []
    for row in _rows(root, "seamless-tiles"):
        texts = [row["name"], row["category"]]
        items.append(_item("seamless-tiles", row, texts, "tile"))
    seen_pairs: set[str] = set()
    for row in sorted(
        _rows(root, "ornament-photos"), key=lambda r: -int(r["width"])
    ):  # the larger of each pair
        pair = row.get("pair_id") or ""
        if pair:
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
        texts = [row["title_en"], row["title_zh"]]
        items.append(_item("ornament-photos", row, texts, "photo"))
    for row in _rows(root, "openclipart-patterns"):
        if row["category"] != "patterns" or row.get("quirk"):
            continue
        texts = [row["title"], row["keywords"].replace(";", " "), row["description"]]
        items.append(_item("openclipart-patterns", row, texts, "svg"))
    for row in _rows(root, "vector-ornaments"):
        if row["family"] != "han":
            continue
        items.append(_item("vector-ornaments", row, [row["description"]], "svg"))
    items.sort(key=lambda it: it["file"])
    admitted: list[dict[str, Any]] = []
    excluded: list[dict[str, str]] = []
    for it in items:
        ok, why = licence_admits(it["licence"])
        if ok:
            admitted.append(it)
        else:
            excluded.append({"file": it["file"], "licence": it["licence"], "reason": why})
    return admitted, excluded


def _real_tile(root: Path, item: dict[str, Any], side: int) -> np.ndarray | None:
    path = root / item["file"]
    if item["kind"] == "svg":
        rgb = _read_svg(path, 4 * side)
        if rgb is None:
            return None
        return periodic_tile(_centre_square(rgb), side)
    rgb = _read_raster(path)
    if item["kind"] == "tile":
        # A repeat tile: lay copies until it is at least ``side`` px, so the tile
        # keeps its own repeat scale instead of being stretched.
        h, w = rgb.shape[:2]
        n = max(1, int(np.ceil(side / max(1, min(h, w)))))
        rgb = np.tile(rgb, (n, n, 1))
        return periodic_tile(_centre_square(rgb), side)
    return periodic_tile(_centre_square(rgb), side)


def build_dataset(
    out_dir: str | Path,
    *,
    synthetic: int = 4000,
    zoomed: int = 0,
    seed: int = 0,
    data_root: str | Path | None = None,
    side: int = SIDE,
    real_limit: int | None = None,
    value_inks: bool = False,
    command: str = "",
    progress=None,
) -> dict[str, Any]:
    """Build the dataset into ``out_dir``; returns the manifest.

    ``value_inks`` renders the value fields (noise textures, reaction-diffusion:
    15 of the periodic operators) through a gradient map of their palette, so those
    tiles carry inks instead of greys; every other tile is the same as without it.

    ``progress(done, total)`` is called as tiles are made. ``real_limit`` keeps only
    the first archive pictures (tiny datasets for tests). ``zoomed`` adds that many
    tiles seen close, an equal share for each group of
    :data:`~foulard.model.algorithm_tiles.ZOOM_GROUPS` (drawn from their own random
    stream: the other tiles and the held-out split are those of the same seed
    without them).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    root = Path(data_root) if data_root else default_data_root()
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xDA7A]))
    real, excluded = _real_items(root) if root.is_dir() else ([], [])
    if real_limit is not None:
        real = real[:real_limit]
    ops = algorithm_tiles.periodic_operators()
    total = len(real) + synthetic + zoomed
    images: list[np.ndarray] = []
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    for i, item in enumerate(real):
        tile = _real_tile(root, item, side)
        if progress:
            progress(i + 1, total)
        if tile is None:
            skipped.append(item["file"])
            continue
        words = words_of_text(item["texts"]) + colour_words(tile)
        images.append(tile)
        rows.append(
            {
                "source": "archive",
                "origin": item["file"],
                "words": words,
                "licence": item["licence"],
                "attribution": item["attribution"],
            }
        )
    op_order = rng.permutation(np.resize(np.arange(len(ops)), synthetic))
    for j in range(synthetic):
        op = ops[int(op_order[j])]
        tile, words, gseed = algorithm_tiles.synthetic_tile(op, rng, side, value_inks)
        if progress:
            progress(len(real) + j + 1, total)
        images.append(tile)
        rows.append(algorithm_tiles.algorithm_row(f"{op}#seed={gseed}", words, tile))
    zrng = np.random.default_rng(np.random.SeedSequence([seed, 0x200A]))
    periodic = frozenset(ops)
    for j in range(zoomed):
        group = algorithm_tiles.ZOOM_GROUPS[j % len(algorithm_tiles.ZOOM_GROUPS)]
        tile, words, origin = algorithm_tiles.zoomed_tile(group, zrng, side, periodic, value_inks)
        if progress:
            progress(len(real) + synthetic + j + 1, total)
        images.append(tile)
        rows.append(algorithm_tiles.algorithm_row(origin, words, tile))
    # Held-out archive tiles (seeded): evaluation only.
    n_real = sum(r["source"] == "archive" for r in rows)
    held = set(
        rng.choice(n_real, size=round(HELDOUT_SHARE * n_real), replace=False).tolist()
        if n_real
        else []
    )
    split = np.zeros(len(rows), np.uint8)
    k = 0
    for idx, r in enumerate(rows):
        if r["source"] == "archive":
            if k in held:
                split[idx] = 1
            k += 1
        r["split"] = "heldout" if split[idx] else "train"
    counts = Counter(w for r, s in zip(rows, split, strict=True) if not s for w in r["words"])
    concepts = [f"colour:{c}" for c in BASIC_COLOURS]
    concepts += sorted(w for w, n in counts.items() if n >= MIN_CONCEPT_COUNT and w not in concepts)
    index = {c: i for i, c in enumerate(concepts)}
    labels = np.zeros((len(rows), len(concepts)), np.uint8)
    for i, r in enumerate(rows):
        for w in r["words"]:
            if w in index:
                labels[i, index[w]] = 1
    arr = (np.stack(images) * 255.0 + 0.5).astype(np.uint8)
    source = np.array([r["source"] == "algorithms" for r in rows], np.uint8)
    npz = out / "tiles.npz"
    tmp = out / "tiles.npz.tmp"
    with open(tmp, "wb") as f:
        np.savez_compressed(f, images=arr, labels=labels, split=split, source=source)
    os.replace(tmp, npz)
    body = {
        "format": DATASET_FORMAT,
        "seed": seed,
        "side": side,
        "synthetic": synthetic,
        **({"zoomed": zoomed} if zoomed else {}),
        **({"value_inks": True} if value_inks else {}),
        "data_root": str(root),
        "concepts": concepts,
        "operators": ops,
        "licence_policy": LICENCE_POLICY,
        "excluded": excluded,
        "skipped": skipped,
        "rows": rows,
    }
    version = hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:16]
    manifest = {
        **body,
        "version": version,
        "command": command,
        "counts": {
            "total": len(rows),
            "archive": n_real,
            "algorithms": len(rows) - n_real,
            "heldout": int(split.sum()),
            "excluded": len(excluded),
        },
        "licences": dict(sorted(Counter(r["licence"] for r in rows).items())),
        "tiles_sha256": hashlib.sha256(npz.read_bytes()).hexdigest(),
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return manifest


def load_dataset(folder: str | Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Arrays and manifest of a built dataset (checks the tiles' sha256)."""
    from foulard.errors import FoulardError

    folder = Path(folder)
    man_path, npz = folder / "manifest.json", folder / "tiles.npz"
    if not man_path.is_file() or not npz.is_file():
        raise FoulardError(f"no dataset in {folder} (run `foulard model build-data {folder}`)")
    manifest = json.loads(man_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(npz.read_bytes()).hexdigest()
    if digest != manifest["tiles_sha256"]:
        raise FoulardError(
            f"{npz}: sha256 {digest} differs from the manifest's {manifest['tiles_sha256']}"
        )
    with np.load(npz) as z:
        arrays = {k: z[k] for k in z.files}
    return arrays, manifest
