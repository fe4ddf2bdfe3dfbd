"""Symmetry made exact, then broken on purpose: the square layouts and their groups."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops._common.square import fold_octant, fold_quadrant, fold_sector

from .conftest import layout_genome, render_square, sampler

QUARTER = {
    "turn": np.rot90,
    "half_turn": lambda a: np.rot90(a, 2),
}
MIRRORS = {
    "mirror_x": lambda a: a[:, ::-1],
    "mirror_y": lambda a: a[::-1],
    "diagonal": lambda a: a.transpose(1, 0, 2),
}
PLAIN = {"title": "", "signature": ""}


def assert_group(img: np.ndarray, group: str) -> None:
    for name, op in QUARTER.items():
        assert np.array_equal(img, op(img)), f"not invariant under {name}"
    for name, op in MIRRORS.items():
        same = np.array_equal(img, op(img))
        if group == "d4":
            assert same, f"not invariant under {name}"
        else:
            assert not same, f"C4 layout is also invariant under {name}"


@pytest.mark.parametrize("group", ["d4", "c4"])
def test_carre_commutes_with_its_group_exactly(group):
    g = layout_genome("layout.carre_classic", drop=("crossing",), symmetry=group, **PLAIN)
    assert_group(render_square(g, 256), group)


@pytest.mark.parametrize("group", ["d4", "c4"])
@pytest.mark.parametrize("frieze", ["p1", "p11g", "p2", "p2mm"])
def test_carre_border_obeys_the_group_for_any_frieze(group, frieze):
    g = layout_genome(
        "layout.carre_classic",
        keep_only=("border", "corner"),
        symmetry=group,
        border_group=frieze,
        medallion_rings=0,
        **PLAIN,
    )
    assert_group(render_square(g, 128), group)


def test_text_and_crossing_motif_break_the_symmetry_only_where_they_are():
    plain = layout_genome("layout.carre_classic", drop=("crossing",), **PLAIN)
    broken_g = layout_genome(
        "layout.carre_classic", title="牡丹 Pivoines", signature="foulard", crossing_at="top_right"
    )
    base = render_square(plain, 256)
    broken = render_square(broken_g, 256)
    assert not np.array_equal(broken, np.rot90(broken)), "text left the square symmetric"
    changed = np.abs(base.astype(int) - broken).max(axis=-1) > 0
    assert changed.any()
    # Everything that changed is inside the text boxes or the crossing motif's box.
    s = sampler(broken_g)
    state = s.evaluator.root.state(s.evaluator.palette)
    p = broken_g.root.params
    centre = (np.arange(256) + 0.5) / 256
    x, y = np.meshgrid(centre, centre)
    allowed = np.zeros(x.shape, bool)
    pad = 2.0 / 256
    for x0, y0, x1, y1 in state.text.boxes():
        allowed |= (x > x0 - pad) & (x < x1 + pad) & (y > y0 - pad) & (y < y1 + pad)
    edge = p.border_inset + p.border_width  # the crossing motif sits on the band's inner edge
    cx, cy, half = 1.0 - edge, edge, 0.5 * p.crossing_size * np.sqrt(2.0) + pad
    allowed |= (np.abs(x - cx) < half) & (np.abs(y - cy) < half)
    assert not (changed & ~allowed).any()


@pytest.mark.parametrize("group", ["d4", "c4"])
def test_concentric_frames_and_bandana_obey_their_group(group):
    for op_id in ("layout.concentric_frames", "layout.bandana"):
        g = layout_genome(op_id, symmetry=group, **PLAIN)
        img = render_square(g, 256)
        for name, op in QUARTER.items():
            assert np.array_equal(img, op(img)), f"{op_id} not invariant under {name}"
        if group == "d4" and op_id == "layout.concentric_frames":
            for name, op in MIRRORS.items():
                assert np.array_equal(img, op(img)), f"{op_id} not invariant under {name}"


def test_bandana_whirl_has_a_handedness():
    img = render_square(layout_genome("layout.bandana", **PLAIN), 256)
    assert not np.array_equal(img, img[:, ::-1])


def test_allover_border_frames_its_field_symmetrically():
    # The field keeps its own order unless folded; folded, the square is D4.
    g = layout_genome("layout.allover_border", fold_field=True, **PLAIN)
    assert_group(render_square(g, 256), "d4")
    unfolded = render_square(layout_genome("layout.allover_border", **PLAIN), 256)
    assert not np.array_equal(unfolded, unfolded[:, ::-1])


def test_quartered_geometry_is_d4_and_its_colours_decide_the_rest():
    same = {f"part_{k}": 1 for k in range(1, 5)}
    g = layout_genome("layout.quartered", **same, **PLAIN)
    assert_group(render_square(g, 256), "d4")
    two = render_square(layout_genome("layout.quartered", **PLAIN), 256)
    assert np.array_equal(two, np.rot90(two, 2))  # alternate colours: half-turns only
    assert not np.array_equal(two, np.rot90(two))


def test_medallion_outside_the_group_is_left_unfolded():
    # A 5-fold rosette cannot obey D4: it is drawn as it is, so the square is not D4.
    g = layout_genome("layout.carre_classic", drop=("crossing",), medallion_n=5, **PLAIN)
    img = render_square(g, 256)
    assert not np.array_equal(img, np.rot90(img))


def test_square_folds_land_every_image_on_the_same_point():
    rng = np.random.default_rng(0)
    k = rng.integers(-(2**12), 2**12, size=(2, 20000))
    u, v = k[0] * 2.0**-13, k[1] * 2.0**-13
    turns = [(u, v), (-v, u), (-u, -v), (v, -u)]
    mirrors = [(-u, v), (u, -v), (v, u), (-v, -u)]
    for fold in (fold_sector, fold_quadrant):
        base = fold(u, v)
        for image in turns:
            got = fold(*image)
            assert np.array_equal(got[0], base[0]) and np.array_equal(got[1], base[1])
    base = fold_octant(u, v)
    for image in turns + mirrors:
        got = fold_octant(*image)
        assert np.array_equal(got[0], base[0]) and np.array_equal(got[1], base[1])
    su, sv = fold_sector(u, v)
    centre = (u == 0) & (v == 0)
    assert ((sv < 0) & (sv <= su) & (su < -sv) | centre).all()
    qu, qv = fold_quadrant(u, v)
    assert ((qu <= 0) & (qv < 0) | centre).all()
    ou, ov = fold_octant(u, v)
    assert ((ov <= ou) & (ou <= 0)).all()
