"""Figured weaves: damask swaps faces where the motif is; brocade floats a second weft."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.weave._cloth import UP
from foulard.ops.weave._jacquard import FIGURE, cell_lookup
from foulard.ops.weave.brocade import BrocadeParams, binding_matrix
from foulard.ops.weave.brocade import _states as brocade_states
from foulard.ops.weave.damask import DamaskParams, damask_faces
from foulard.ops.weave.damask import _states as damask_states
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

PALETTE = Node.make("color.palette", colors=EXAMPLE_PALETTE)


def _stub_call(state, motif):
    """A call whose motif input is ``motif(x, y)`` (coverage in [0, 1])."""

    def input(name, x, y, footprint):
        return np.asarray(motif(x, y), np.float32)[..., None]

    return SimpleNamespace(state=state, input=input)


def _half_plane(x, y):
    """A figure covering the left part of the cloth, with a diagonal edge."""
    return (x + 0.3 * y < 0.21).astype(float)


def _cells(n=90):
    jj, ii = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    return ii.ravel(), jj.ravel()


def test_damask_faces_are_complementary_satins():
    ground, figure = damask_faces(DamaskParams())
    assert (ground == ~figure).all()
    assert (ground.sum(axis=0) == ground.shape[0] - 1).all()  # warp-faced ground


@pytest.mark.parametrize("figure_face", ["weft", "warp"])
def test_damask_swaps_faces_exactly_where_the_motif_is(figure_face):
    p = DamaskParams(figure_face=figure_face, threads=200.0)
    state = get("weave.damask").prepare(p, None)
    i, j = _cells()
    s = damask_states(p, _stub_call(state, _half_plane), i, j)
    centre_x, centre_y = (i + 0.5) / p.threads, (j + 0.5) / p.threads
    fig = _half_plane(centre_x, centre_y) >= 0.5
    assert ((s & FIGURE) != 0).tolist() == fig.tolist()
    n = p.ends
    up = (s & UP) != 0
    want = np.where(fig, state.figure_up[j % n, i % n], state.ground_up[j % n, i % n])
    assert (up == want).all()
    # Across the edge every crossing flips: the figure is the negative of the ground.
    assert (up[fig] != state.ground_up[j[fig] % n, i[fig] % n]).all()


def test_damask_renders_each_face_as_its_satin():
    """Away from the edge, damask pixels are those of the plain satin of that face."""
    motif = Node.make("fields.sine_grating", profile="square", frequency=2.0, angle=90.0)
    damask = Node.make("weave.damask", inputs={"motif": motif}, threads=150.0)
    ev = Evaluator(Genome.make(damask, PALETTE, seed=1), cache=TileCache())
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 1, 4000), rng.uniform(0, 1, 4000)
    got = ev.sample(ev.root, x, y, 1e-4)
    m = ev.sample(ev.root.children["motif"], x, y, 1e-4)[..., 0]
    solid = np.abs(m - 0.5) > 0.45
    # Keep points whose neighbouring cells are in the same face (no edge dips).
    cell = 1 / 150
    near = np.ones_like(solid)
    for dx, dy in ((cell, 0), (-cell, 0), (0, cell), (0, -cell), (2 * cell, 0), (-2 * cell, 0)):
        mm = ev.sample(ev.root.children["motif"], x + dx, y + dy, 1e-4)[..., 0]
        near &= (mm > 0.5) == (m > 0.5)
    keep = solid & near
    for face, where in (("weft", m > 0.5), ("warp", m < 0.5)):
        satin = Node.make(
            "weave.satin",
            ends=5,
            face=face,
            threads=150.0,
            warp_color=2,
            weft_color=2,
            thread_width=0.94,
            relief=0.4,
            sheen=0.55,
        )
        ev2 = Evaluator(Genome.make(satin, PALETTE, seed=1), cache=TileCache())
        want = ev2.sample(ev2.root, x, y, 1e-4)
        sel = keep & where
        assert sel.sum() > 200
        assert np.abs(got[sel] - want[sel]).max() < 1e-3, face


def test_brocade_floats_the_second_weft_within_the_float_limit():
    p = BrocadeParams(float_limit=7, binding="scattered", threads=200.0)
    state = get("weave.brocade").prepare(p, None)
    i, j = _cells()
    s = brocade_states(p, _stub_call(state, _half_plane), i, j)
    fig = ((s & FIGURE) != 0).reshape(90, 90)
    up = ((s & UP) != 0).reshape(90, 90)
    ground = state.ground_up
    gy, gx = ground.shape
    jj, ii = j.reshape(90, 90), i.reshape(90, 90)
    assert (up[~fig] == ground[jj[~fig] % gy, ii[~fig] % gx]).all()  # ground outside
    bind = binding_matrix(7, "scattered")
    assert (up[fig] == bind[jj[fig] % 7, ii[fig] % 7]).all()
    for row_up, row_fig in zip(up, fig, strict=True):  # brocading weft floats <= 6
        run = 0
        for u, f in zip(row_up, row_fig, strict=True):
            run = run + 1 if (f and not u) else 0
            assert run <= 6


def test_brocade_figure_is_the_brocading_colour():
    motif = Node.make("color.fill", color=1)  # everywhere figure
    node = Node.make("weave.brocade", inputs={"motif": motif}, threads=100.0)
    ev = Evaluator(Genome.make(node, PALETTE, seed=1), cache=TileCache())
    x = (np.arange(100) + 0.5) / 100
    gx, gy = np.meshgrid(x, x)
    v = ev.sample(ev.root, gx, gy, 1e-5)[..., :3]
    gold = np.array([0xD4, 0xA7, 0x2C]) / 255
    navy = np.array([0x1D, 0x35, 0x57]) / 255
    goldness = np.abs(v - gold).sum(-1) < np.abs(v - navy).sum(-1)
    assert 0.8 < goldness.mean() < 1.0  # gold floats, navy binding points (1 in 6)


def test_cell_lookup_gives_the_same_states_either_way():
    """The lattice and the cell-by-cell lookups agree (points near or far apart)."""

    def state_fn(i, j):
        return ((i * 7 + j * 3) % 5).astype(np.uint8)

    rng = np.random.default_rng(3)
    i0 = rng.integers(-5000, 5000, 300)
    j0 = rng.integers(-5000, 5000, 300)
    far = cell_lookup(i0, j0, 2, 2, state_fn)  # spread out: cell by cell
    for di in (-1, 0, 1, 2):
        for dj in (-1, 0, 2):
            assert (far(i0 + di, j0 + dj) == state_fn(i0 + di, j0 + dj)).all()
    near = cell_lookup(i0 // 100, j0 // 100, 3, 3, state_fn)  # compact: the lattice
    assert (near(i0 // 100 + 3, j0 // 100 - 1) == state_fn(i0 // 100 + 3, j0 // 100 - 1)).all()
