"""Wang tiles, Escher-like isohedral tilings, parquet deformations and quilt blocks.

Invariants: Wang tiles match across every edge; isohedral tiles are congruent and
fit (their outlines are invariant under the tiling's symmetry group, neighbours
differ in colour); parquet tiles keep fitting while they deform (each row and
column crosses the tiles in order); quilt blocks have their blocks' symmetry and
seams wherever two pieces meet.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Genome, Node
from foulard.ops._common.palette import hex_to_rgb
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.tiling.isohedral_escher import HEESCH_TYPES, EscherParams, isohedral
from foulard.ops.tiling.quilt_blocks import BLOCKS, block_cells
from foulard.ops.tiling.wang_tiles import WangParams, wang_state
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

FP = 1.0 / 2048


def sampler(op_id: str, palette=EXAMPLE_PALETTE, **params):
    node = Node.make(op_id, **params)
    genome = Genome.make(node, Node.make("color.palette", colors=palette), seed=7)
    ev = Evaluator(genome, cache=TileCache())

    def sample(x, y, fp=FP):
        return ev.sample(ev.root, np.asarray(x, np.float64), np.asarray(y, np.float64), fp)

    return sample


def test_wang_tiles_have_the_same_colour_on_both_sides_of_each_edge():
    n = 8
    p = WangParams(cells=n, content="triangles", line_width=0.0)
    st = wang_state(p, np.random.default_rng(0))
    # Every tile's bottom edge is the next tile's top edge (wrapping): the data match.
    assert st.top.shape == (n, n)
    sample = sampler("tiling.wang_tiles", cells=n, content="triangles", line_width=0.0)
    rng = np.random.default_rng(1)
    k = rng.integers(0, n, 400)
    t = rng.uniform(0.3, 0.7, 400)
    eps = 0.2 / (n * 64)
    # Just left and right of the vertical edges, well away from the corners.
    x = k / n
    y = (rng.integers(0, n, 400) + t) / n
    left, right = sample(x - eps, y), sample(x + eps, y)
    assert np.allclose(left, right, atol=1e-6)
    up, down = sample(y, x - eps), sample(y, x + eps)
    assert np.allclose(up, down, atol=1e-6)


def test_wang_paths_join_across_edges():
    n = 6
    sample = sampler("tiling.wang_tiles", cells=n, content="paths", line_width=0.0)
    rng = np.random.default_rng(2)
    x = rng.integers(0, n, 300) / n
    y = (rng.integers(0, n, 300) + rng.uniform(0.2, 0.8, 300)) / n
    eps = 1e-4
    assert np.allclose(sample(x - eps, y), sample(x + eps, y), atol=1e-3)


def test_wang_fill_is_random_but_seeded():
    a = wang_state(WangParams(), np.random.default_rng(3))
    b = wang_state(WangParams(), np.random.default_rng(3))
    c = wang_state(WangParams(), np.random.default_rng(4))
    assert np.array_equal(a.top, b.top)
    assert not np.array_equal(a.top, c.top)


@pytest.mark.parametrize("kind", HEESCH_TYPES)
def test_isohedral_outlines_are_invariant_under_the_group(kind):
    """The outline pattern maps to itself under every symmetry of the tiling."""
    size = 0.25
    mono = ("#202020",) * 6 + ("#ffffff",)  # every tile colour alike, lines white
    sample = sampler(
        "tiling.isohedral_escher",
        palette=mono,
        heesch_type=kind,
        tile_size=size,
        line_width=0.01,
        echo=0,
        line_color=6,
        first_color=0,
    )
    iso = isohedral(
        EscherParams(heesch_type=kind, tile_size=size, line_width=0.01, echo=0),
        np.random.default_rng(0),
    )
    rng = np.random.default_rng(5)
    x = rng.uniform(0.2, 0.8, 3000)
    y = rng.uniform(0.2, 0.8, 3000)
    base = sample(x, y)[:, 0]
    # The group's maps (prototile frame, design = 0.5 + size * frame), and translations.
    for r in iso.reps[1:]:
        u, v = (x - 0.5) / size, (y - 0.5) / size
        gx = r[0, 0] * u + r[0, 1] * v + r[0, 2]
        gy = r[1, 0] * u + r[1, 1] * v + r[1, 2]
        moved = sample(0.5 + size * gx, 0.5 + size * gy)[:, 0]
        assert np.allclose(moved, base, atol=2e-3), f"{kind}: not invariant"
    e1 = iso.cell.basis[:, 0]
    moved = sample(x + e1[0], y + e1[1])[:, 0]
    assert np.allclose(moved, base, atol=2e-3)


@pytest.mark.parametrize("kind", HEESCH_TYPES)
def test_isohedral_neighbours_differ_in_colour(kind):
    iso = isohedral(EscherParams(heesch_type=kind, colors=4), np.random.default_rng(0))
    m = iso.block
    for r in range(len(iso.reps)):
        for a in range(m):
            for b in range(m):
                for r2, da, db in iso.across[r]:
                    other = iso.colors[r2, (a + da) % m, (b + db) % m]
                    assert iso.colors[r, a, b] != other


@pytest.mark.parametrize("kind", HEESCH_TYPES)
def test_isohedral_partner_edges_carry_the_same_curve(kind):
    """Bent edges seen from both tiles coincide: the neighbour's curve maps onto ours."""
    from foulard.ops.tiling._isohedral import _tying

    iso = isohedral(EscherParams(heesch_type=kind), np.random.default_rng(1))
    nbrs, _ = _tying(kind)
    poly = iso.polygon
    k = len(poly)
    t = np.linspace(0, 1, 41)
    kk = np.arange(1, iso.coef.shape[1] + 1)

    def curve(i):
        a, b = poly[i], poly[(i + 1) % k]
        e = b - a
        n = np.array([e[1], -e[0]])
        h = np.sin(np.pi * t[:, None] * kk[None, :]) @ iso.coef[i]
        return a + t[:, None] * e + h[:, None] * n

    for i, (g, j) in enumerate(nbrs):
        mine = curve(i)
        theirs = curve(j) @ g[:, :2].T + g[:, 2]
        assert np.allclose(np.sort(mine, axis=0), np.sort(theirs, axis=0), atol=1e-9), i


def test_parquet_tiles_stay_in_order_along_rows_and_columns():
    n = 10
    sample = sampler("tiling.parquet_deformation", cells=n, line_width=0.0, color_a=1, color_b=3)
    xs = (np.arange(2000) + 0.5) / 2000
    for y in (0.13, 0.41, 0.77):
        row = sample(xs, np.full_like(xs, y))[:, 0]
        changes = np.count_nonzero(np.abs(np.diff(row)) > 0.05)
        # A straight row crosses each of the n columns' boundaries once (plus the
        # bends of the horizontal edges it may cut): never fewer than n - 1 changes.
        assert n - 1 <= changes <= 3 * n


def test_parquet_with_no_bend_is_a_chequerboard():
    n = 8
    sample = sampler(
        "tiling.parquet_deformation", cells=n, amplitude=0.0, line_width=0.0, color_a=1, color_b=3
    )
    i, j = np.meshgrid(np.arange(n), np.arange(n))
    v = sample((i + 0.5) / n, (j + 0.5) / n)[..., :3]
    a = np.array(hex_to_rgb(EXAMPLE_PALETTE[1]))
    even = (i + j) % 2 == 0
    assert np.allclose(v[even], a, atol=1e-6)
    assert not np.allclose(v[~even], a, atol=1e-3)


@pytest.mark.parametrize("block", ["ohio_star", "nine_patch", "pinwheel", "churn_dash"])
def test_quilt_blocks_have_their_symmetry(block):
    """Ohio star, nine-patch and churn dash have four mirrors; the pinwheel turns only."""
    kind, _, _ = block_cells(block)
    k = kind.shape[0]
    sample = sampler(
        "tiling.quilt_blocks", block=block, blocks=1, sashing=0.0, scrappy=False, seam_width=0.0008
    )
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0.02, 0.98, 3000), rng.uniform(0.02, 0.98, 3000)
    base = sample(x, y)
    turned = sample(1.0 - y, x)  # a quarter turn about the block's centre
    far = _far_from_seams(x, y, k) & _far_from_seams(1 - y, x, k)
    assert np.allclose(base[far], turned[far], atol=1e-6)
    mirrored = sample(1.0 - x, y)
    same = np.all(np.abs(base[far] - mirrored[far]) < 1e-6, axis=1).mean()
    if block == "pinwheel":
        assert same < 0.9  # a pinwheel has a hand
    else:
        assert same == 1.0


def _far_from_seams(x, y, k):
    fu, fv = (x * k) % 1.0, (y * k) % 1.0
    d = np.minimum.reduce([fu, 1 - fu, fv, 1 - fv, np.abs(fu - fv), np.abs(fu + fv - 1)])
    return d > 0.03


def test_quilt_seams_lie_where_pieces_meet():
    for block in BLOCKS:
        _, colour, piece = block_cells(block)
        # Parts of one piece share a colour.
        for pid in np.unique(piece):
            assert len(np.unique(colour[piece == pid])) == 1, block


def test_quilt_blocks_repeat_when_not_scrappy():
    sample = sampler("tiling.quilt_blocks", blocks=4, scrappy=False)
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 1, 1000), rng.uniform(0, 1, 1000)
    assert np.allclose(sample(x, y), sample(x + 0.25, y), atol=1e-6)
