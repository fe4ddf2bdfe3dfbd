"""Flow operators: fields.curl_noise, flow_field_trails, streamlines, line_integral_convolution."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from foulard.genome.schema import Node
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.fields._flow import FlowParams, make_flow
from foulard.ops.fields.flow_field_trails import trace
from foulard.ops.fields.streamlines import StreamlinesParams, evenly_spaced, streamlines


@pytest.fixture
def flow():
    return make_flow(FlowParams(flow="curl", scale=0.3), np.random.default_rng(4))


def test_curl_flow_is_divergence_free(flow):
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-0.2, 1.2, (2, 500))
    h = 1e-4
    vx1, _ = flow.velocity(x + h, y)
    vx0, _ = flow.velocity(x - h, y)
    _, vy1 = flow.velocity(x, y + h)
    _, vy0 = flow.velocity(x, y - h)
    dvx = (vx1.astype(np.float64) - vx0) / (2 * h)
    dvy = (vy1.astype(np.float64) - vy0) / (2 * h)
    div = dvx + dvy
    # Against the size of the derivatives themselves (float32 series: ~1e-3 relative).
    assert np.abs(div).max() < 5e-3 * (np.abs(dvx).max() + np.abs(dvy).max())


def test_angle_flow_is_not_divergence_free():
    # The same check on the noise-angle flow: a test that can fail.
    flow = make_flow(FlowParams(flow="angle", scale=0.3), np.random.default_rng(4))
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0.0, 1.0, (2, 500))
    h = 1e-4
    div = (flow.velocity(x + h, y)[0].astype(np.float64) - flow.velocity(x - h, y)[0]) / (2 * h) + (
        flow.velocity(x, y + h)[1].astype(np.float64) - flow.velocity(x, y - h)[1]
    ) / (2 * h)
    assert np.abs(div).max() > 1.0


def test_curl_velocity_runs_along_the_stream_function(flow):
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0.0, 1.0, (2, 300))
    _, gx, gy = flow.stream(x, y)
    vx, vy = flow.velocity(x, y)
    # Streamlines are level sets of psi: v . grad psi = 0.
    dot = vx * gx + vy * gy
    assert np.abs(dot).max() < 1e-3 * float(np.abs(gx).max() * np.abs(vx).max() + 1e-9) + 1e-3


def test_curl_noise_streamlines_are_levels_of_the_stream_function(bind, flow):
    f = bind(Node.make("fields.curl_noise", profile="square", duty=0.5, spacing=0.02))
    state = f.root.state(None)
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0.0, 1.0, (2, 3000))
    psi, _, _ = state.stream(x, y)
    v = f.sample(x, y, footprint=1e-9)
    # A square profile of psi: bright exactly where the band phase is in its bright half.
    phase = psi.astype(np.float64) / (state.speed_rms * 0.02) + 0.25
    frac = phase - np.floor(phase)
    clear = np.abs(frac - 0.5) < 0.45  # away from band edges
    assert np.array_equal(v[clear] > 0.5, (frac < 0.5)[clear])


def test_trails_have_their_length_and_follow_the_flow(flow):
    rng = np.random.default_rng(5)
    seeds = rng.uniform(0.0, 1.0, (50, 2))
    length = rng.uniform(0.05, 0.3, 50)
    trails = trace(flow, seeds, length, 40)
    arc = np.linalg.norm(np.diff(trails, axis=1), axis=-1).sum(axis=1)
    assert np.allclose(arc, length, rtol=0.02)
    assert np.allclose(trails[:, 20], seeds)
    mid = 0.5 * (trails[:, 1:] + trails[:, :-1])
    seg = np.diff(trails, axis=1)
    seg /= np.linalg.norm(seg, axis=-1, keepdims=True)
    vx, vy = flow.velocity(mid[..., 0].ravel(), mid[..., 1].ravel())
    v = np.stack([vx, vy], axis=-1)
    v /= np.linalg.norm(v, axis=-1, keepdims=True)
    assert np.median(np.sum(seg.reshape(-1, 2) * v, axis=-1)) > 0.999


def test_trails_drawing_paints_palette_roles():
    from foulard.ops.fields.flow_field_trails import FlowTrailsParams, flow_field_trails

    p = FlowTrailsParams(particles=60, first=2, count=2, opacity=1.0)
    d = flow_field_trails(p, np.random.default_rng(0), Palette(EXAMPLE_PALETTE))
    assert len(d) == 60
    img = d.rasterize(200)
    solid = img[..., 3] > 0.999
    colours = {tuple(np.round(c * 255).astype(int)) for c in img[solid][:, :3]}
    roles = {tuple(np.round(Palette(EXAMPLE_PALETTE).rgb[i] * 255).astype(int)) for i in (2, 3)}
    assert colours <= roles


def test_streamlines_keep_their_distance_and_follow_the_flow():
    p = StreamlinesParams(separation=0.03)
    flow = make_flow(p, np.random.default_rng(7))
    lines = evenly_spaced(flow.table(256), p, np.random.default_rng(8))
    assert len(lines) > 20
    pts = np.concatenate(lines)
    owner = np.concatenate([np.full(len(line), i) for i, line in enumerate(lines)])
    tree = cKDTree(pts)
    d_test = p.test_ratio * p.separation
    pairs = tree.query_pairs(0.9 * d_test, output_type="ndarray")
    # No two lines come closer than d_test (less a step of slack at seeds).
    assert not np.any(owner[pairs[:, 0]] != owner[pairs[:, 1]])
    # Coverage: every point of the design lies within about a separation of a line.
    probe = np.random.default_rng(9).uniform(0.0, 1.0, (2000, 2))
    dist, _ = tree.query(probe)
    assert np.quantile(dist, 0.99) < 1.2 * p.separation
    # Tangents follow the flow.
    for line in lines[:10]:
        seg = np.diff(line, axis=0)
        seg /= np.linalg.norm(seg, axis=-1, keepdims=True)
        mid = 0.5 * (line[1:] + line[:-1])
        v = np.stack(flow.velocity(mid[:, 0], mid[:, 1]), axis=-1)
        v /= np.linalg.norm(v, axis=-1, keepdims=True)
        assert np.median(np.abs(np.sum(seg * v, axis=-1))) > 0.99


def test_streamlines_are_deterministic():
    p = StreamlinesParams(separation=0.04)
    a = streamlines(p, np.random.default_rng(1), Palette(EXAMPLE_PALETTE)).rasterize(64)
    b = streamlines(p, np.random.default_rng(1), Palette(EXAMPLE_PALETTE)).rasterize(64)
    assert np.array_equal(a, b)


def test_lic_is_smooth_along_the_flow_and_grainy_across(bind):
    f = bind(Node.make("fields.line_integral_convolution", length=0.06, grain=0.004))
    # The operator draws its flow first from the node's generator: rebuild it.
    flow = make_flow(f.root.params, f.root.rng())
    x, y = np.random.default_rng(3).uniform(0.0, 1.0, (2, 3000))
    vx, vy = flow.velocity(x, y)
    s = np.hypot(vx, vy)
    ux, uy = vx / s, vy / s
    h = 0.006
    v0 = f.sample(x, y)
    along = np.abs(f.sample(x + h * ux, y + h * uy) - v0).mean()
    across = np.abs(f.sample(x - h * uy, y + h * ux) - v0).mean()
    assert along < 0.5 * across
