"""Border repeats, long pieces, the scatter and the font."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from foulard.ops._common.frieze import fit_repeats
from foulard.ops._common.palette import Palette
from foulard.ops._common.poisson import poisson_disk
from foulard.ops._common.text import FONT_FAMILY, FONT_FILE, missing_characters, typeface
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.layout._bands import Frieze
from foulard.ops.layout._square import border_frieze

from .conftest import layout_genome, render_frame, sampler

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("group", ["p1", "p11g", "p1m1", "p2", "p2mg", "p11m", "p2mm"])
@pytest.mark.parametrize("symmetry", ["d4", "c4"])
@pytest.mark.parametrize("width", [0.03, 0.07, 0.13])
def test_border_repeats_fit_each_side_whole(group, symmetry, width):
    g = layout_genome(
        "layout.carre_classic", symmetry=symmetry, border_group=group, border_width=width
    )
    p = g.root.params
    frieze = border_frieze(p)
    centre = p.border_inset + 0.5 * width
    assert frieze.count >= 1
    assert frieze.count * frieze.period == pytest.approx(1.0 - 2.0 * centre, abs=1e-12)
    # Fitted to the wanted spacing: the period is within a factor of the nearest count.
    assert abs(frieze.period / (p.border_spacing * width) - 1.0) < 1.0 / frieze.count + 1e-9
    if symmetry == "d4" and group not in ("p1m1", "p2mg", "p2mm"):
        assert frieze.count % 2 == 0, "D4 folds each side at its middle: it must be a boundary"


def test_explicit_repeat_count_is_kept():
    f = Frieze("p1", 0.07, 0.86, repeats=13, halves=True)
    assert f.count == 13 and f.period == pytest.approx(0.86 / 13)
    assert fit_repeats(0.8, 0.1) == 8 and fit_repeats(0.8, 0.13, multiple=2) == 6


def test_border_is_periodic_along_a_side():
    g = layout_genome(
        "layout.carre_classic",
        keep_only=("border",),
        symmetry="c4",
        frame_lines=0,
        medallion_rings=0,
        title="",
        signature="",
    )
    p = g.root.params
    frieze = border_frieze(p)
    f = sampler(g)
    centre = p.border_inset + 0.5 * p.border_width
    s = np.linspace(0.25, 0.6, 400)
    ys = centre + np.linspace(-0.4, 0.4, 9)[:, None] * p.border_width
    xs = np.broadcast_to(s, ys.shape[:1] + s.shape)
    ys = np.broadcast_to(ys, xs.shape)
    a = f(xs, ys)
    b = f(xs + frieze.period, ys)
    assert np.ptp(a) > 0.3  # there is a motif
    assert np.abs(a - b).max() < 1e-4


@pytest.mark.parametrize("op_id", ["layout.twilly", "layout.oblong"])
def test_long_pieces_cover_their_whole_length_and_read_both_ways(op_id):
    g = layout_genome(op_id, drop=("ground",), title="", signature="")
    a = g.root.params.aspect
    width = 100 if op_id == "layout.twilly" else 400
    px = round(a * width)  # a whole number of pixels across: the grid is centred
    img = render_frame(g, (0.0, 0.0, 1.0, a), px).astype(int)
    assert img.shape == (px, width, 3)
    f = sampler(g)
    y = np.linspace(-0.02, a + 0.02, 4001)
    for x in (-0.02, 0.25, 0.5, 0.75, 1.02):
        v = f(np.full_like(y, x), y)
        assert (v[:, 3] >= 1.0 - 1e-6).all()
    # Both ends: the lower end is the upper one turned half round (C2); the oblong's
    # field keeps its own repeat, so there only the end panels are compared.
    turned = np.rot90(img, 2)
    rows = px if op_id == "layout.twilly" else round(0.6 / a * px)
    assert np.abs(img[:rows] - turned[:rows]).mean() < 1.0
    ends = np.concatenate([img[:5].reshape(-1, 3), img[-5:].reshape(-1, 3)])
    assert np.abs(img[:40].mean() - img[-40:].mean()) < 2.0
    assert ends.std(axis=0).max() < 60  # the tips are coloured, not left blank


def test_twilly_ends_are_in_the_end_colour():
    g = layout_genome("layout.twilly", title="", signature="")
    p = g.root.params
    f = sampler(g)
    end = Palette(EXAMPLE_PALETTE).role(p.end_color)
    tips = f(np.array([0.2, 0.8]), np.array([0.05, p.aspect - 0.05]))
    assert np.allclose(tips[:, :3], end, atol=0.02)


def test_scatter_never_overlaps_and_keeps_clear_of_the_medallion():
    g = layout_genome("layout.medallion_scatter", title="菊 Chrysanthème")
    p = g.root.params
    s = sampler(g).evaluator
    state = s.root.state(s.palette)
    sc = state.scatter
    assert len(sc) > 20
    centres = np.stack([sc.cx, sc.cy], axis=1)
    assert pdist(centres).min() >= p.toss_spacing * p.toss_size - 1e-12
    r = np.hypot(sc.cx - 0.5, sc.cy - 0.5) - 0.5 * sc.size
    assert (r > p.medallion_radius).all()
    for x0, y0, x1, y1 in state.text.boxes():
        half = 0.5 * sc.size
        hit = (sc.cx > x0 - half) & (sc.cx < x1 + half) & (sc.cy > y0 - half) & (sc.cy < y1 + half)
        assert not hit.any()
    assert (sc.size <= p.toss_size + 1e-12).all()
    assert (sc.size >= p.toss_size * (1 - p.toss_variance) - 1e-12).all()
    # The same scatter in a second evaluation (drawn in prepare, from the node's seed).
    again = sampler(g).evaluator
    sc2 = again.root.state(again.palette).scatter
    assert np.array_equal(sc.cx, sc2.cx) and np.array_equal(sc.turn, sc2.turn)
    other = sampler(layout_genome("layout.medallion_scatter", seed=99)).evaluator
    assert not np.array_equal(sc.cx, other.root.state(other.palette).scatter.cx[: len(sc)])


def test_poisson_disk_points_are_spread_and_reproducible():
    a = poisson_disk(np.random.default_rng(5), (0.0, 0.0, 1.0, 0.5), 0.04)
    b = poisson_disk(np.random.default_rng(5), (0.0, 0.0, 1.0, 0.5), 0.04)
    assert np.array_equal(a, b)
    assert pdist(a).min() >= 0.04
    assert (a[:, 0] >= 0).all() and (a[:, 0] < 1).all() and (a[:, 1] < 0.5).all()
    # Maximal enough: no empty disc of twice the radius inside the box.
    probe = np.stack(np.meshgrid(np.linspace(0.1, 0.9, 17), np.linspace(0.1, 0.4, 7)), -1)
    d = np.hypot(*(probe[..., None, :] - a).transpose(3, 0, 1, 2)).min(axis=-1)
    assert d.max() < 2 * 0.04


def test_font_is_renamed_bundled_package_data_covering_chinese_and_latin():
    face = typeface()
    assert face.getFamilyName() == FONT_FAMILY
    data = resources.files("foulard").joinpath("data", "fonts", FONT_FILE).read_bytes()
    assert 1_000_000 < len(data) < 8_000_000
    for name in ("OFL.txt", "README.md"):
        assert resources.files("foulard").joinpath("data", "fonts", name).is_file()
    ofl = resources.files("foulard").joinpath("data", "fonts", "OFL.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl and "Reserved Font Names" in ofl
    assert missing_characters("春江花月夜 ABCxyz 0123 àéîõü Ćř ，。！？“”《》·—…") == []
    assert missing_characters("ab\U0001f600\n") == ["\U0001f600", "\n"]
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["foulard"]
    assert any(g.endswith("fonts/*.ttf") for g in globs)


def test_font_names_do_not_use_the_reserved_names():
    # The name table, read straight from the file (no font library needed).
    data = resources.files("foulard").joinpath("data", "fonts", FONT_FILE).read_bytes()
    num = int.from_bytes(data[4:6], "big")
    tables = {
        data[12 + 16 * i : 16 + 16 * i].decode("latin-1"): int.from_bytes(
            data[20 + 16 * i : 24 + 16 * i], "big"
        )
        for i in range(num)
    }
    base = tables["name"]
    count = int.from_bytes(data[base + 2 : base + 4], "big")
    strings = base + int.from_bytes(data[base + 4 : base + 6], "big")
    names = {}
    for i in range(count):
        rec = data[base + 6 + 12 * i : base + 18 + 12 * i]
        platform = int.from_bytes(rec[0:2], "big")
        name_id = int.from_bytes(rec[6:8], "big")
        length = int.from_bytes(rec[8:10], "big")
        offset = int.from_bytes(rec[10:12], "big")
        raw = data[strings + offset : strings + offset + length]
        text = raw.decode("utf-16-be") if platform in (0, 3) else raw.decode("latin-1")
        names.setdefault(name_id, set()).add(text)
    assert names[1] == {FONT_FAMILY}
    for name_id, texts in names.items():
        if name_id in (0, 13, 14):
            continue  # copyright and licence: kept as the original has them
        for text in texts:
            assert "LXGW" not in text and "霞鹜" not in text, (name_id, text)
