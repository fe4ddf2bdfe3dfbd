"""The bound prefilter: its bounds hold, its top k is the full scan's, old indexes are rebuilt."""

from __future__ import annotations

import json

import faiss
import numpy as np
import pytest

from foulard.library import Library, search_colours, search_image
from foulard.library import prefilter as prefilter_mod
from foulard.library.index import INDEX_FORMAT, IndexSet, Prefilter


def _vectors(n: int, d: int, seed: int = 0) -> np.ndarray:
    """Unit vectors with a decaying spectrum and many exact copies (as in a real archive)."""
    rng = np.random.default_rng(seed)
    mix = rng.standard_normal((d, d)) * np.geomspace(1.0, 0.02, d)[:, None]
    x = rng.standard_normal((n // 2, d)) @ mix + 0.5
    x = np.concatenate([x, x[rng.integers(len(x), size=n - len(x))]])  # copies: ties
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _queries(x: np.ndarray, count: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q = x[rng.integers(len(x), size=count)] + rng.normal(0, 0.05, (count, x.shape[1]))
    return (q / np.linalg.norm(q, axis=1, keepdims=True)).astype(np.float32)


def test_prefilter_bounds_every_score_from_above():
    x = _vectors(3000, 40)
    pre = Prefilter.build(x, dims=6)  # few axes: large residuals, the bound must still hold
    rows = faiss.rev_swig_ptr(pre.index.get_xb(), pre.index.ntotal * pre.index.d)
    rows = rows.reshape(len(x), -1)
    for q in _queries(x, 30):
        row, base = pre.query(q)
        bound = rows @ row[0] + base + prefilter_mod.PREFILTER_SLACK
        exact = x @ q
        assert np.all(bound >= exact)
        assert np.mean(bound - exact) < 0.5  # and says something


def _bare_index(n: int) -> IndexSet:
    ix = IndexSet.__new__(IndexSet)  # only what _bounded reads
    ix.seqs = np.arange(n, dtype=np.int64)
    ix.prefilter_stats = {"first": 0, "retry": 0, "full_scan": 0}
    ix.prefilter_rescored = 0
    return ix


@pytest.mark.parametrize("dims", [4, 24])
def test_bounded_search_equals_the_full_scan(monkeypatch, dims):
    monkeypatch.setattr(prefilter_mod, "PREFILTER_FLOOR", 1)
    monkeypatch.setattr(prefilter_mod, "PREFILTER_FACTOR", 2)
    x = _vectors(4000, 48, seed=2)
    flat = faiss.IndexFlatIP(x.shape[1])
    flat.add(x)
    pre = Prefilter.build(x, dims=dims)
    ix = _bare_index(len(x))
    allowed = np.random.default_rng(4).random(len(x)) < 0.7
    keep = np.packbits(allowed, bitorder="little")
    sel = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(keep))
    for params in (None, faiss.SearchParameters(sel=sel)):
        for k in (1, 10, 100):
            q = _queries(x, 20, seed=k)
            d, i = ix._bounded(pre, flat, q, k, params)
            ed, _ = flat.search(q, k, params=params) if params else flat.search(q, k)
            np.testing.assert_allclose(d, ed, rtol=0, atol=1e-5)  # the same top-k scores
            np.testing.assert_allclose(d, np.take_along_axis(x @ q.T, i.T, 0).T, atol=1e-5)
            if params is not None:
                assert allowed[i].all()
    stats = ix.prefilter_stats
    assert sum(stats.values()) == 2 * 3 * 20
    if dims == 4:  # a loose bound: the certificate fails and the search widens
        assert stats["retry"] + stats["full_scan"] > 0
    else:  # a tight one: mostly certified at once
        assert stats["first"] > stats["retry"] + stats["full_scan"]


def test_library_search_through_the_prefilter_is_exact(
    lib, tmp_path, make_picture, encode_picture, monkeypatch
):
    src = tmp_path / "p"
    src.mkdir()
    for i in range(14):
        (src / f"p{i}.png").write_bytes(encode_picture(make_picture(400 + i)))
    from foulard.library import ingest

    assert ingest(lib, [src], workers=1).added == 14
    lib.refresh_index(force=True)
    assert lib.index.state["prefilters"] == []  # small: the full scan is fast
    exact_image = [h.pattern.id for h in search_image(lib, src / "p3.png", k=5)]
    exact_colour = [h.pattern.id for h in search_colours(lib, "#808080", k=5, tolerance=40)]
    monkeypatch.setattr(prefilter_mod, "PREFILTER_MIN", 1)
    monkeypatch.setattr(prefilter_mod, "PREFILTER_FLOOR", 1)
    monkeypatch.setattr(prefilter_mod, "PREFILTER_FACTOR", 1)
    lib.refresh_index(force=True)
    index = lib.index
    assert index.state["prefilters"] == ["colours", "vectors"]
    assert [h.pattern.id for h in search_image(lib, src / "p3.png", k=5)] == exact_image
    assert [h.pattern.id for h in search_colours(lib, "#808080", k=5, tolerance=40)] == exact_colour
    assert sum(index.prefilter_stats.values()) >= 2
    q = lib.features_of(lib.resolve("p/p5.png"))
    for k in (1, 3, 7):
        fd, fi = index.knn_vectors(q, k)
        ed, ei = index.knn_vectors(q, k, exact=True)
        np.testing.assert_allclose(fd, ed, atol=1e-5)
        assert fi[0, 0] == ei[0, 0]  # itself, the only score of 1


def test_an_index_of_another_format_is_rebuilt(lib, tmp_path, make_picture, encode_picture):
    src = tmp_path / "o"
    src.mkdir()
    for i in range(3):
        (src / f"o{i}.png").write_bytes(encode_picture(make_picture(500 + i)))
    from foulard.library import ingest

    ingest(lib, [src], workers=1)
    lib.refresh_index(force=True)
    folder = lib.index_folder
    gen = folder / (folder / "CURRENT").read_text().strip()
    state = json.loads((gen / "state.json").read_text())
    state["format"] = INDEX_FORMAT - 1  # as an older foulard wrote it
    (gen / "state.json").write_text(json.dumps(state))
    with Library.open(lib.db.url, home=tmp_path, index_folder=folder) as again:
        index = again.index
        assert index.state["format"] == INDEX_FORMAT
        assert (index.main_count, len(index.tail)) == (3, 0)  # rebuilt, not left to the tail
        assert (folder / "CURRENT").read_text().strip() != gen.name


def test_rows_are_rescored_only_as_far_as_the_certificate_needs(monkeypatch):
    monkeypatch.setattr(prefilter_mod, "PREFILTER_FLOOR", 1)
    monkeypatch.setattr(prefilter_mod, "PREFILTER_FACTOR", 4)
    x = _vectors(6000, 48, seed=3)
    flat = faiss.IndexFlatIP(x.shape[1])
    flat.add(x)
    pre = Prefilter.build(x, dims=24)  # a tight bound
    ix = _bare_index(len(x))
    k, q = 200, _queries(x, 20, seed=5)
    d, _ = ix._bounded(pre, flat, q, k, None)
    np.testing.assert_allclose(d, flat.search(q, k)[0], rtol=0, atol=1e-5)
    assert ix.prefilter_stats["first"] == len(q)  # all proved on the first fetch...
    assert ix.prefilter_rescored < len(q) * 4 * k  # ...without re-scoring all it fetched


def test_certificate_stops_at_the_first_batch_that_proves_the_top_k():
    rng = np.random.default_rng(6)
    full = rng.random((5000, 8)).astype(np.float32)
    q = np.ones(8, np.float32)
    exact = full @ q
    cand = np.argsort(-exact, kind="stable")  # best first, as a perfect bound would rank them
    k = 10
    bound = exact[cand].astype(np.float64) + 1e-3  # tight: the first batch proves it
    scores, rows, rescored = prefilter_mod._certified(full, q, cand, bound, k, False)
    assert rescored == prefilter_mod._MIN_BATCH
    assert list(rows) == list(cand[:k])
    np.testing.assert_allclose(scores, exact[cand[:k]], rtol=1e-6)
    # A bound that proves nothing: every candidate is re-scored, then it gives up.
    loose = np.full(len(cand), 1e9)
    _, rows, rescored = prefilter_mod._certified(full, q, cand, loose, k, False)
    assert rows is None and rescored == len(cand)
    # ...unless every allowed row was a candidate: then the answer is exact anyway.
    _, rows, _ = prefilter_mod._certified(full, q, cand, loose, k, True)
    assert list(rows) == list(cand[:k])
