"""The pattern library at scale, and its measured quality.

python benchmarks/bench_library.py [--records 500000] [--real 3000] [--pool 3000]

1. Quality on the real data (``../shared/data``): near-duplicate recall and
   precision on the 100 small/large photo pairs (and on all 198 pairs), the
   feature vector's retrieval quality (pair recall@1, group precision@5).
2. Real ingest: the real-data bundle plus altered copies of its photos, up to
   ``--real`` files, ingested with 2 worker processes: files per second.
3. Scale: the library filled to ``--records`` patterns. The extra records are
   generated, but their signatures come from the library's own signature code run
   on ``--pool`` generated pictures (crops, turns and recolourings of the real
   pictures, and procedural textures); each pool signature is shared by
   ``records / pool`` records, each record with its own titles and tags.
   Then: index rebuild time, database and index sizes, and search latency p50/p99
   by image, colour and text (200 queries each, index warm). A kept work folder
   that already holds ``--records`` patterns is reused as it is (no pool, no fill).
4. The bound prefilter against the full scan: for the same image and colour
   queries, the candidates the search asks the index for (``k`` = 32 and 2,000)
   from the fast path and from brute force: recall@k (tie-aware: a returned
   pattern counts when its exact score reaches the brute-force ``k``-th score),
   whether the scores are the same, how often the certificate held at once, how
   many rows were re-scored with the full vectors per query, and the p50 of both
   paths alone.

Prints one JSON line per figure (see benchmarks/_common.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, percentile

DATA = Path(
    os.environ.get("FOULARD_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _db_size(url: str) -> int:
    path = Path(url.removeprefix("sqlite:///"))
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())


# -- 1. quality -------------------------------------------------------------------------


def quality(work: Path) -> None:
    from foulard.library import Library, ingest

    photos = DATA / "ornament-photos"
    with (photos / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    decorative = re.compile("纹|紋|图案|锦|绣|织")
    home = work / "quality"
    home.mkdir(exist_ok=True)
    url = f"sqlite:///{home / 'q.db'}"
    with Library.open(url, home=home, vocabulary=[DATA / "vocabulary"]) as lib:
        ingest(lib, [DATA], workers=2)
        with lib.db.transaction() as tx:
            links = tx.all("SELECT a, b FROM near_links")
            names = dict(tx.all("SELECT pattern_id, name FROM pattern_files"))
            feats = tx.all("SELECT id, features FROM patterns")
    pair = {f"data/ornament-photos/{r['file']}": r["pair_id"] for r in rows}
    slice_files = {
        f"data/ornament-photos/{r['file']}" for r in rows if not decorative.search(r["title_zh"])
    }
    linked = {tuple(sorted((names[a], names[b]))) for a, b in links}
    for label, files in (
        ("dedup slice (100 pairs)", slice_files),
        ("all photos (198 pairs)", set(pair)),
    ):
        truth = set()
        for pid in {pair[f] for f in files if pair[f]}:
            members = sorted(f for f in files if pair[f] == pid)
            if len(members) == 2:
                truth.add(tuple(members))
        predicted = {p for p in linked if p[0] in files and p[1] in files}
        hit = len(predicted & truth)
        emit(
            "library_near_duplicates",
            set=label,
            pairs=len(truth),
            linked=len(predicted),
            recall=round(hit / len(truth), 4),
            precision=round(hit / max(1, len(predicted)), 4),
        )
    # Feature retrieval: pair recall@1 and group precision@5.
    ids = [f[0] for f in feats]
    vecs = np.stack([np.frombuffer(bytes(f[1]), np.float32) for f in feats])
    sims = vecs @ vecs.T
    np.fill_diagonal(sims, -np.inf)
    order = np.argsort(-sims, axis=1)[:, :5]
    file_of = [names[i] for i in ids]
    index_of = {f: i for i, f in enumerate(file_of)}
    r1 = []
    for f in slice_files:
        mates = [g for g in slice_files if g != f and pair[g] == pair[f]]
        if mates:
            r1.append(order[index_of[f], 0] == index_of[mates[0]])
    with (DATA / "seamless-tiles" / "manifest.csv").open(encoding="utf-8") as fh:
        tile_cat = {f"data/seamless-tiles/{r['file']}": r["category"] for r in csv.DictReader(fh)}

    def group(f: str) -> str | None:
        if f.startswith("data/vector-ornaments/"):
            return f.split("/")[2]  # han or vectorian
        if f.startswith("data/openclipart-patterns/"):
            return "openclipart " + f.split("/")[2]
        if tile_cat.get(f):
            return "tiles " + tile_cat[f]
        if f.startswith("data/ornament-photos/"):
            return "photos"
        return None

    groups = [group(f) for f in file_of]
    precisions, chance = [], []
    for i, g in enumerate(groups):
        if g is None or g == "photos":
            continue
        same = [groups[j] == g for j in order[i]]
        precisions.append(np.mean(same))
        chance.append((sum(x == g for x in groups) - 1) / (len(groups) - 1))
    emit(
        "library_feature_quality",
        pair_recall_at_1=round(float(np.mean(r1)), 4),
        group_precision_at_5=round(float(np.mean(precisions)), 4),
        group_precision_by_chance=round(float(np.mean(chance)), 4),
        groups="han, vectorian, openclipart patterns/decorations, GIMP tile categories",
    )


# -- 2. real ingest ----------------------------------------------------------------------


def _altered_copies(out: Path, count: int) -> None:
    """Altered copies of the real photos (resized, cropped, turned, recoloured JPEGs)."""
    from PIL import Image, ImageEnhance

    photos = sorted((DATA / "ornament-photos").glob("*.jpg"))
    rng = np.random.default_rng(7)
    out.mkdir(parents=True)
    for i in range(count):
        src = photos[i % len(photos)]
        im = Image.open(src).convert("RGB")
        w, h = im.size
        m = rng.uniform(0.0, 0.2)
        im = im.crop(
            (
                int(w * m * rng.random()),
                int(h * m * rng.random()),
                w - int(w * m * rng.random()),
                h - int(h * m * rng.random()),
            )
        )
        im = im.rotate(90 * int(rng.integers(4)), expand=True)
        im = ImageEnhance.Color(im).enhance(rng.uniform(0.6, 1.4))
        scale = rng.uniform(0.4, 1.0)
        im = im.resize((max(16, int(im.width * scale)), max(16, int(im.height * scale))))
        im.save(out / f"copy{i:05d}.jpg", quality=int(rng.integers(60, 95)))


def real_ingest(work: Path, real: int):
    from foulard.library import Library, ingest

    extra = max(0, real - 970)
    copies = work / "copies"
    if not copies.is_dir():  # a kept work folder is reused (ingest then adds nothing)
        _altered_copies(copies, extra)
    home = work / "scale"
    home.mkdir(exist_ok=True)
    os.environ["FOULARD_HOME"] = str(home)  # operators and pattern reads use this store
    url = f"sqlite:///{home / 'library.db'}"
    lib = Library.open(url, home=home, vocabulary=[DATA / "vocabulary"])
    t0 = time.perf_counter()
    report = ingest(lib, [DATA, copies], workers=2)
    seconds = time.perf_counter() - t0
    emit(
        "library_ingest_real_files",
        files=report.files,
        added=report.added,
        rejected=len(report.rejected),
        workers=2,
        seconds=round(seconds, 1),
        analysis_seconds=round(report.analysed_seconds, 1),
        files_per_second=round(report.added / max(report.analysed_seconds, 1e-9), 2),
        near_duplicate_links=report.near_duplicate_links,
        store_bytes=_folder_size(lib.store.root),
    )
    return lib, url


# -- 3. scale ------------------------------------------------------------------------------


def _procedural(rng: np.random.Generator, side: int = 96) -> np.ndarray:
    y, x = np.mgrid[0:side, 0:side] / side
    img = np.ones((side, side, 3)) * rng.uniform(0.1, 0.9, 3)
    for _ in range(int(rng.integers(2, 6))):
        f = rng.uniform(1, 16, 2)
        wave = np.sin(2 * np.pi * (f[0] * x + f[1] * y) + rng.uniform(0, 6.3))
        img += wave[..., None] * rng.uniform(-0.3, 0.3, 3)
    for _ in range(int(rng.integers(0, 8))):
        c, r = rng.uniform(0, 1, 2), rng.uniform(0.03, 0.2)
        img[((x - c[0]) ** 2 + (y - c[1]) ** 2) < r * r] = rng.uniform(0, 1, 3)
    return np.clip(img, 0, 1)


def _analyse_picture(pic: np.ndarray) -> tuple:
    """Worker: the signatures of one generated picture, packed as the database keeps them."""
    from foulard.library.analyse import analyse_picture, inner_signature
    from foulard.library.colours import basic_colour_names

    sig, palette, features = analyse_picture(pic)
    colour_tags = sorted(
        {
            name
            for share, pair in zip(palette.shares, basic_colour_names(palette.lab), strict=True)
            if share >= 0.12
            for name in pair
        }
    )
    return (
        sig.to_text(),
        inner_signature(pic).to_text(),
        json.dumps(palette.to_json()),
        palette.packed().tobytes(),
        np.asarray(features, np.float32).tobytes(),
        colour_tags,
    )


def signature_pool(lib, size: int, workers: int = 2) -> list[tuple]:
    """Signatures of generated pictures: crops/turns/recolourings of real ones, textures."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from foulard.library.patterns import pattern_picture

    with lib.db.transaction() as tx:
        ids = [r[0] for r in tx.all("SELECT id FROM patterns WHERE kind = 'raster' LIMIT 400")]
    bases = [pattern_picture(i, 256) for i in ids]
    rng = np.random.default_rng(11)

    def pictures():
        for n in range(size):
            if bases and n % 3:
                b = bases[int(rng.integers(len(bases)))]
                h, w = b.shape[:2]
                ch, cw = int(h * rng.uniform(0.3, 0.9)), int(w * rng.uniform(0.3, 0.9))
                y0, x0 = int(rng.integers(h - ch + 1)), int(rng.integers(w - cw + 1))
                pic = np.rot90(b[y0 : y0 + ch, x0 : x0 + cw], int(rng.integers(4)))
                pic = np.clip(pic * rng.uniform(0.8, 1.2, 3), 0, 1)
            else:
                pic = _procedural(rng)
            yield np.ascontiguousarray(pic, np.float64)

    # Executor.map takes all its arguments at once: hand pictures over in batches so
    # memory stays bounded (20,000 pictures at once would be ~9 GB).
    ctx = multiprocessing.get_context("spawn")
    out: list[tuple] = []
    stream = pictures()
    with ProcessPoolExecutor(workers, mp_context=ctx) as ex:
        while len(out) < size:
            batch = [next(stream) for _ in range(min(256, size - len(out)))]
            out.extend(ex.map(_analyse_picture, batch, chunksize=16))
    return out


def fill(lib, pool: list[tuple], records: int) -> float:
    """Add generated records until the library holds ``records``; returns seconds."""
    from foulard.library.vocabulary import cjk_bigrams

    concepts = [sorted(c) for c in lib.lexicon.concepts]
    weights = 1.0 / np.arange(1, len(concepts) + 1) ** 0.9  # a few motifs are common
    weights /= weights.sum()
    rng = np.random.default_rng(5)
    with lib.db.transaction() as tx:
        have = int(tx.one("SELECT COUNT(*) FROM patterns")[0])
    t0 = time.perf_counter()
    batch = 10_000
    licences = ["CC0", "CC BY 4.0", "archive", "internal", "Public Domain"]
    n = have
    while n < records:
        rows, tags = [], []
        m = min(batch, records - n)
        picks = rng.choice(len(concepts), size=(m, 3), p=weights)
        choice = rng.random((m, 3))
        for k in range(m):
            i = n + k
            sig, inner, palette_json, palette_bytes, features, colour_tags = pool[i % len(pool)]
            terms = [
                concepts[c][int(u * len(concepts[c]))]
                for c, u in zip(picks[k], choice[k], strict=True)
            ]
            zh = [t for t in terms if not t.isascii()]
            en = [t for t in terms if t.isascii()]
            pid = f"{i:064x}"
            rows.append(
                (
                    pid,
                    "raster",
                    "png",
                    1024,
                    1024,
                    500_000,
                    "".join(zh) + "纹" if zh else None,
                    " and ".join(en) or None,
                    f"archive/{i % 40:02d}",
                    licences[i % len(licences)],
                    None,
                    None,
                    "{}",
                    "generated",
                    None,
                    sig,
                    inner,
                    palette_json,
                    palette_bytes,
                    features,
                    "2026-01-01T00:00:00Z",
                )
            )
            t = {*en, *zh, *colour_tags, "raster"}
            t.update(w for e in en for w in e.split())
            for z in zh:
                t.update(cjk_bigrams(z))
            tags.append((pid, t))
        with lib.db.transaction() as tx:
            tx.executemany(
                "INSERT INTO patterns (id, kind, format, width, height, bytes, title_zh, title_en,"
                " source, licence, author, description, extra, origin, genome, signature,"
                " signature_inner, palette, palette_lab, features, created, linked)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                rows,
            )
            first = int(tx.one("SELECT MAX(seq) FROM patterns")[0]) - m + 1
            tx.executemany(
                "INSERT INTO tags (seq, tag) VALUES (?, ?)",
                [(first + k, tag) for k, (_, ts) in enumerate(tags) for tag in ts],
            )
        n += m
    return time.perf_counter() - t0


def latency(lib, pool_ids: list[str], files: list[Path]) -> None:
    from foulard.color.names import chinese_colors
    from foulard.library import search_colours, search_image, search_text

    rng = np.random.default_rng(3)
    terms = sorted(lib.lexicon.index)
    hexes = chinese_colors().zhongguose.hexes
    ids = [str(x) for x in rng.choice(pool_ids, 200)]
    paths = [files[int(i)] for i in rng.integers(len(files), size=40)]
    colours = [",".join(rng.choice(hexes, int(rng.integers(1, 4)))) for _ in range(200)]
    texts = [" ".join(rng.choice(terms, int(rng.integers(1, 3)))) for _ in range(200)]
    queries = {
        "image (library id)": (search_image, ids),
        "image (file, with its analysis)": (search_image, paths),
        "colour (1-3 colours)": (search_colours, colours),
        "text (1-2 words, zh or en)": (search_text, texts),
    }
    search_text(lib, "warm up")
    for name, (fn, args) in queries.items():
        times, found = [], 0
        for arg in args:
            t0 = time.perf_counter()
            found += bool(fn(lib, arg))
            times.append((time.perf_counter() - t0) * 1000)
        emit(
            "library_search_latency",
            query=name,
            patterns=len(lib.index),
            queries=len(times),
            with_results=found,
            p50_ms=round(percentile(times, 0.5), 2),
            p99_ms=round(percentile(times, 0.99), 2),
        )


def prefilter_recall(lib, pool_ids: list[str]) -> None:
    """The bound prefilter against the full scan, on the searches' own candidate calls."""
    from foulard.color.cielab import srgb_to_lab
    from foulard.color.names import chinese_colors
    from foulard.color.space import hex_to_srgb
    from foulard.library.colours import colour_embedding
    from foulard.library.search import COLOUR_CANDIDATES

    index = lib.index
    rng = np.random.default_rng(3)
    hexes = chinese_colors().zhongguose.hexes
    image_q = [lib.features_of(lib.resolve(str(x))) for x in rng.choice(pool_ids, 200)]
    colour_q = []
    for _ in range(200):
        lab = srgb_to_lab(hex_to_srgb(list(rng.choice(hexes, int(rng.integers(1, 4))))))
        colour_q.append(colour_embedding(lab, np.full(len(lab), 1.0 / len(lab))))
    mask = ~index.hidden_mask()
    for name, knn, queries, k in (
        ("image", index.knn_vectors, image_q, 32),
        ("colour", index.knn_colours, colour_q, COLOUR_CANDIDATES),
    ):
        before = dict(index.prefilter_stats)
        rescored_before = index.prefilter_rescored
        fast_t, exact_t, recalls, same = [], [], [], 0
        for q in queries:
            t0 = time.perf_counter()
            fd, _ = knn(q, k, mask)
            t1 = time.perf_counter()
            ed, _ = knn(q, k, mask, exact=True)
            t2 = time.perf_counter()
            fast_t.append((t1 - t0) * 1000)
            exact_t.append((t2 - t1) * 1000)
            kth = ed[0][-1]
            recalls.append(float(np.mean(fd[0] >= kth - 1e-6)))
            same += bool(np.allclose(np.sort(fd[0]), np.sort(ed[0]), rtol=0, atol=1e-6))
        stats = {key: index.prefilter_stats[key] - before.get(key, 0) for key in before}
        rescored = (index.prefilter_rescored - rescored_before) / len(queries)
        emit(
            "library_prefilter",
            query=name,
            k=k,
            patterns=len(index),
            queries=len(queries),
            recall_at_k=round(float(np.mean(recalls)), 6),
            min_recall_at_k=round(float(np.min(recalls)), 6),
            same_scores=same,
            certified_first=stats.get("first", 0),
            certified_retry=stats.get("retry", 0),
            full_scan=stats.get("full_scan", 0),
            rows_rescored_per_query=round(rescored),
            fast_p50_ms=round(percentile(fast_t, 0.5), 2),
            exact_p50_ms=round(percentile(exact_t, 0.5), 2),
            load_average=os.getloadavg()[0],
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=500_000)
    ap.add_argument("--real", type=int, default=3000)
    ap.add_argument("--pool", type=int, default=3000)
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--keep", type=Path, help="Work here and keep the library (else a temp dir).")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"the real-data bundle is not at {DATA} (set FOULARD_SHARED_DATA)", file=sys.stderr)
        return 1
    work = args.keep or Path(tempfile.mkdtemp(prefix="foulard-bench-library-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["FOULARD_HOME"] = str(work)
    try:
        if not args.skip_quality:
            quality(work)
        lib, url = real_ingest(work, args.real)
        with lib.db.transaction() as tx:
            real_ids = [
                r[0]
                for r in tx.all(
                    "SELECT id FROM patterns WHERE origin IS NULL OR origin <> 'generated'"
                )
            ]
        with lib.db.transaction() as tx:
            have = int(tx.one("SELECT COUNT(*) FROM patterns")[0])
        if have < args.records:
            t0 = time.perf_counter()
            pool = signature_pool(lib, args.pool, workers=2)
            pool_seconds = time.perf_counter() - t0
            fill_seconds = fill(lib, pool, args.records)
            emit(
                "library_fill",
                records=args.records,
                real=len(real_ids),
                pool=len(pool),
                pool_seconds=round(pool_seconds, 1),
                pool_pictures_per_second=round(len(pool) / pool_seconds, 1),
                insert_seconds=round(fill_seconds, 1),
            )
        info = lib.refresh_index(force=True)
        emit(
            "library_index_rebuild",
            patterns=info["patterns"],
            seconds=round(info["seconds"], 1),
            index_bytes=info["index_bytes"],
            database_bytes=_db_size(url),
            kind=lib.index.state["kind"],
        )
        files = [p for p in sorted((DATA / "ornament-photos").glob("*.jpg"))]
        latency(lib, real_ids, files)
        prefilter_recall(lib, real_ids)
        emit(
            "library_memory",
            peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        )
        lib.close()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
