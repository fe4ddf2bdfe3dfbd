"""The shipped model in NumPy: no torch, seams exactly zero, determinism, bad weights."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from foulard.errors import FoulardError
from foulard.genome.schema import Genome, Node
from foulard.model.infer import MODELS, ModelWeightsError, load_model, weights_path
from foulard.ops._common.geometry import wrap01
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import render


def _genome(op: str, seed: int = 3, **params) -> Genome:
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Genome.make(Node.make(op, **params), palette, seed=seed)


# The decoders' properties hold for every kind of decoder shipped: the Fourier one
# (models v1 and v2 share it; v2 stands for both) and the grid one (models v3-v5).
@pytest.fixture(scope="module", params=[m for m in MODELS if m != "v1"])
def model(request):
    return load_model(model=request.param)


def test_shipped_weights_are_small_checked_and_recorded(model):
    path = model.path
    info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert path.stat().st_size <= 20 * 1024 * 1024
    assert hashlib.sha256(path.read_bytes()).hexdigest() == info["sha256"]
    for key in ("dataset_version", "seed", "command", "steps"):
        assert key in info
    assert model.concepts[:3] == ["colour:red", "colour:pink", "colour:orange"]


def test_inference_does_not_import_torch():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from foulard.model.infer import load_model\n"
        "import numpy as np\n"
        "m = load_model()\n"
        "c = m.condition('red flowers').c\n"
        "m.render_tile(m.sample_z(c, np.random.default_rng(0)), c, 32)\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seam_error_is_exactly_zero(model):
    rng = np.random.default_rng(5)
    c = model.condition("blue clouds").c
    z = model.sample_z(c, rng)
    dec = model.decoder(z, c, 1 / 128)
    t = (np.arange(128) + 0.5) / 128
    v, u = np.meshgrid(t, t, indexing="ij")
    a = dec(wrap01(u), wrap01(v))
    for dx, dy in ((1.0, 0.0), (0.0, 1.0), (-3.0, 2.0)):
        b = dec(wrap01(u + dx), wrap01(v + dy))
        assert np.array_equal(a, b)


def test_grid_and_scattered_points_agree(model):
    rng = np.random.default_rng(1)
    c = np.zeros(len(model.concepts), np.float32)
    z = model.sample_z(c, rng)
    dec = model.decoder(z, c, 1 / 64)
    t = (np.arange(64) + 0.5) / 64
    v, u = np.meshgrid(t, t, indexing="ij")
    grid = dec(u, v)
    exact = dec.exact(u.ravel(), v.ravel()).reshape(64, 64, 3)
    points = dec(u.ravel(), v.ravel()).reshape(64, 64, 3)  # read from the torus table
    assert grid.dtype == np.float32 and grid.shape == (64, 64, 3)
    assert np.abs(grid - exact).max() < 1e-4
    assert np.abs(points - exact).max() < 2 / 255
    assert grid.min() >= 0.0 and grid.max() <= 1.0


def _count_grid_nodes(monkeypatch, dec) -> list[tuple[int, int]]:
    """Record the (columns, rows) of every exact grid the decoder evaluates."""
    calls: list[tuple[int, int]] = []
    inner = dec._grid

    def spy(u, v):
        calls.append((u.size, v.size))
        return inner(u, v)

    monkeypatch.setattr(dec, "_grid", spy)
    return calls


def test_each_distinct_point_of_the_torus_is_evaluated_once(model, monkeypatch):
    """A 512 px preview repeating 4 times has 128 distinct columns and rows on the
    torus: each is evaluated once, and every pixel gets exactly its own value."""
    import foulard.model.decoder as decoder

    rng = np.random.default_rng(6)
    c = model.condition("green checks").c
    dec = model.decoder(model.sample_z(c, rng), c, 4 / 512)
    t = wrap01((np.arange(512) + 0.5) / 512) * 4
    u, v = np.meshgrid(t, t[100:356])
    own = dec._grid(np.mod(t, 1.0), np.mod(t[100:356], 1.0))  # every pixel, one by one
    calls = _count_grid_nodes(monkeypatch, dec)
    assert np.array_equal(dec(u, v), own)
    assert calls == [(128, 128)]
    assert np.array_equal(dec(u[:, ::-1], v), own[:, ::-1])  # kept: the next band's rows
    assert calls == [(128, 128)]
    if model.arch != "grid":  # the Fourier decoder reads scattered points from a table
        return
    keep = rng.random(u.shape) < 0.7  # a layout's masked preview of the ground
    dec._token = decoder._NODE_GRIDS.token()  # forget the grid kept above
    calls.clear()
    masked = dec(u[keep], v[keep])
    assert calls == [(128, 128)]
    assert np.array_equal(masked, own[keep])
    assert np.array_equal(masked, dec.exact(np.mod(u[keep], 1.0), np.mod(v[keep], 1.0)))
    calls.clear()
    pu, pv = rng.random(3000) * 4, rng.random(3000) * 4  # no grid: point by point
    assert np.array_equal(dec(pu, pv), dec.exact(np.mod(pu, 1.0), np.mod(pv, 1.0)))
    assert calls == []


def test_kept_node_grids_are_bounded_in_bytes_for_the_whole_process(monkeypatch):
    import foulard.model.decoder as decoder

    store = decoder._NodeGrids()
    monkeypatch.setattr(decoder, "NODES_BYTES", 3 * 4000)
    grids = [np.full((1000,), k, np.float32) for k in range(5)]  # 4000 bytes each
    for k, g in enumerate(grids):
        store.put((store.token(), b"%d" % k), g)
        if k == 2:
            assert store.get((2, b"2")) is grids[2]
    assert store.get((0, b"0")) is None and store.get((1, b"1")) is None
    assert [store.get((k, b"%d" % k)) is grids[k] for k in (2, 3, 4)] == [True] * 3
    assert store._bytes == 12000


def test_master_table_is_made_once_for_all_bands(model, monkeypatch):
    """A master reads one table of the whole torus, made at its first band: each node
    is evaluated once, however often the design repeats."""
    rng = np.random.default_rng(8)
    c = model.condition("red flowers").c
    dec = model.decoder(model.sample_z(c, rng), c, 4 / 10630)
    calls = _count_grid_nodes(monkeypatch, dec)
    x = wrap01((np.arange(10630) + 0.5) / 10630) * 4
    first = dec(*np.meshgrid(x, x[5000:5040]))
    assert calls == [(dec.PRINT_SIDE, dec.PRINT_SIDE)]
    assert (1024 if model.grid else 512) == dec.PRINT_SIDE
    again = dec(*np.meshgrid(x, x[:3000]))  # other bands: no evaluation
    assert calls == [(dec.PRINT_SIDE, dec.PRINT_SIDE)]
    assert np.array_equal(again[:40], dec(*np.meshgrid(x, x[:40])))
    assert first.shape == (40, 10630, 3)


def _table_tolerance(model, footprint: float) -> tuple[float, float]:
    """How far a table or lattice read may be from the exact field (max, mean).

    The Fourier decoder is band-limited: under 2/255 everywhere. The grid decoder's
    point network draws sharp edges, which a bilinear read of its 1024-step print
    table softens over one step (the evaluator's check, 8 samples x 200,000 points:
    0.37 % of points over 4/255, mean 0.19/255, the sharpest edge 36/255; the points
    here are within 2/255); at preview footprints it is read exactly.
    """
    if model.grid:
        return (0.0, 0.0) if footprint * 512 > 0.5 else (4 / 255, 0.25 / 255)
    return 2 / 255, 2 / 255


def test_scattered_points_are_close_periodic_and_independent_of_the_cut(model):
    """Layouts sample a model ground at folded, masked points: those are read from a
    table of the exact field fixed on the torus (or exactly), so each value depends on
    its own coordinates only."""
    rng = np.random.default_rng(4)
    c = model.condition("red clouds").c
    z = model.sample_z(c, rng)
    for fp in (1 / 16, 3 / 512, 4 / 10630):
        dec = model.decoder(z, c, fp)
        side = dec.table_side()
        assert side & (side - 1) == 0 and (side * fp >= 8 or side == dec.PRINT_SIDE)
        u, v = rng.random(5000) * 3, rng.random(5000) * 3
        fast = dec(u, v)
        err = np.abs(fast - dec.exact(u, v))
        most, mean = _table_tolerance(model, fp)
        assert err.max() <= most and err.mean() <= mean
        assert np.array_equal(fast[1000:1700], dec(u[1000:1700], v[1000:1700]))
        assert np.array_equal(fast[::-1], dec(u[::-1], v[::-1]))


def test_coarse_footprint_is_the_band_limited_fine_field(model):
    """A coarse render is closer to the fine one averaged than to the fine one itself."""
    rng = np.random.default_rng(2)
    c = model.condition("stripes").c
    z = model.sample_z(c, rng)
    fine = model.render_tile(z, c, 256)
    coarse = model.render_tile(z, c, 32)
    down = fine.reshape(32, 8, 32, 8, 3).mean(axis=(1, 3))
    assert np.abs(down - coarse).mean() < 0.05


def test_words_known_unknown_and_bilingual(model):
    en = model.condition("red")
    zh = model.condition("红色")
    assert np.array_equal(en.c, zh.c) and en.c.sum() == pytest.approx(1.0)
    mixed = model.condition("red xyzzyq")
    assert np.array_equal(mixed.c, en.c)
    assert any(ig["text"] == "xyzzyq" for ig in mixed.ignored)
    assert model.condition("").c.sum() == 0.0
    with pytest.raises(FoulardError, match="no concept"):
        model.condition_ids(["op:not.a_thing"])


def test_operators_are_deterministic_and_seeded():
    g = _genome("learned.neural_prompt", words="green waves", repeats=2)
    a = render(g, 48)
    assert np.array_equal(a, render(Genome.from_json(g.canonical()), 48))
    other = _genome("learned.neural_prompt", seed=4, words="green waves", repeats=2)
    assert not np.array_equal(a, render(other, 48))


def test_blend_starts_at_the_first_sample_and_moves():
    kw = {"words_a": "red", "words_b": "blue", "repeats": 1}
    a = render(_genome("learned.neural_blend", mix=0.0, **kw), 32).astype(int)
    b = render(_genome("learned.neural_blend", mix=1.0, **kw), 32).astype(int)
    first = render(_genome("learned.neural_prompt", words="red", repeats=1), 32).astype(int)
    # The node's generator draws the first latent first: mix 0 is that prompt's sample.
    assert np.abs(a - first).max() <= 1
    assert not np.array_equal(a, b)


def test_fit_never_worsens_the_encoder_latent(model):
    from foulard.ops.learned.neural_fit import FIT_SIDE, fit_latent
    from foulard.perceptual import area_resize

    rng = np.random.default_rng(0)
    c0 = model.condition("red").c
    tile = model.render_tile(model.sample_z(c0, rng), c0, 64)
    _z0, c, e0 = fit_latent(model, tile, np.random.default_rng(1), 0)
    z1, _, e1 = fit_latent(model, tile, np.random.default_rng(1), 16)
    assert e1 <= e0
    target = area_resize(tile.astype(np.float64), FIT_SIDE)
    assert np.mean((model.render_tile(z1, c, FIT_SIDE) - target) ** 2) == pytest.approx(e1)
    assert z1.shape == (model.zdim,)


def _copy_weights(tmp_path):
    src = weights_path()
    dst = tmp_path / "weights.npz"
    shutil.copy(src, dst)
    shutil.copy(src.with_suffix(".json"), tmp_path / "weights.json")
    return dst


def test_corrupt_weights_name_the_file_and_checksum(tmp_path, monkeypatch):
    dst = _copy_weights(tmp_path)
    data = bytearray(dst.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dst.write_bytes(bytes(data))
    expected = json.loads((tmp_path / "weights.json").read_text())["sha256"]
    with pytest.raises(ModelWeightsError) as err:
        load_model(dst)
    assert str(dst) in str(err.value) and expected in str(err.value)
    # An operator fails at use with the same error; other operators are untouched.
    monkeypatch.setenv("FOULARD_MODEL_WEIGHTS", str(dst))
    with pytest.raises(ModelWeightsError, match="corrupt"):
        render(_genome("learned.neural_sample"), 16)
    render(_genome("fields.value_noise"), 16)


def test_missing_weights_are_a_clear_error(tmp_path):
    dst = _copy_weights(tmp_path)
    expected = json.loads((tmp_path / "weights.json").read_text())["sha256"]
    dst.unlink()
    with pytest.raises(ModelWeightsError, match=expected):
        load_model(dst)
    (tmp_path / "weights.json").unlink()
    with pytest.raises(ModelWeightsError, match="missing"):
        load_model(dst)


def test_master_lattice_is_close_periodic_and_band_independent(model):
    """Fine renders interpolate the exact field on a fixed lattice (see _table_tolerance)."""
    import foulard.model.infer as infer

    rng = np.random.default_rng(9)
    c = model.condition("blue and white porcelain").c
    fp = 4 / 10630  # a 90 cm master at 300 dpi with 4 repeats
    dec = model.decoder(z := model.sample_z(c, rng), c, fp)
    x = wrap01((np.arange(400) + 0.5) * fp / 4 + 0.3) * 4
    y = wrap01((np.arange(60) + 0.5) * fp / 4 + 0.7) * 4
    u, v = np.meshgrid(x, y)
    fast = dec(u, v)
    exact = dec._grid(x, y)
    most, mean = _table_tolerance(model, fp)
    assert np.abs(fast - exact).max() < max(most, 2.5 / 255)
    assert np.abs(fast - exact).mean() <= mean
    assert np.array_equal(fast[10:30], dec(u[10:30], v[10:30]))  # another band cut
    shifted_x = wrap01(x / 4 + 1.0) * 4
    assert np.array_equal(fast, dec(*np.meshgrid(shifted_x, y)))
    coarse = model.decoder(z, c, 4 / 512)
    assert coarse.footprint * infer.LATTICE > infer.LATTICE_BELOW  # previews stay exact
