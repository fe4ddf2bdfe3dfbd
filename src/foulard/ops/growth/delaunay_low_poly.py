"""Delaunay low-poly: a triangulation of scattered points, each facet one flat colour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.spatial import Delaunay

from foulard.ops._common.channels import as_rgba
from foulard.ops._common.geometry import wrap01
from foulard.ops.growth._buckets import Buckets
from foulard.ops.growth._points import poisson_torus
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class DelaunayParams(Params):
    points: int = param(
        180, range=(8, 4000), doc="points triangulated (about twice as many facets)"
    )
    evenness: float = param(
        0.7, range=(0.0, 1.0), doc="0: points uniform at random (slivers); 1: evenly spaced"
    )
    shade: float = param(0.12, range=(0.0, 0.5), doc="random lightening or darkening of each facet")
    wire: float = param(
        0.0, range=(0.0, 0.01), doc="width of the triangle edges (0: none)", unit="design units"
    )
    wire_role: int = param(0, range=(0, 47), doc="palette role of the edges")
    first_role: int = param(1, range=(0, 47), doc="first palette role of the colour ramp")
    roles: int = param(5, range=(1, 48), doc="palette roles the ramp runs through (no source)")


def _points(p: DelaunayParams, rng: np.random.Generator) -> np.ndarray:
    if p.evenness <= 0:
        return rng.random((p.points, 2))
    # Blue-noise points at the spacing that gives about ``points`` of them, then a
    # share of uniform jitter so evenness blends from random to even.
    r = math.sqrt(0.7 / p.points)
    pts, _ = poisson_torus(rng, r * p.evenness + 1e-3, r * p.evenness + 1e-3, r * p.evenness + 1e-3)
    if len(pts) > p.points:
        pts = pts[rng.permutation(len(pts))[: p.points]]
    elif len(pts) < p.points:
        pts = np.vstack([pts, rng.random((p.points - len(pts), 2))])
    return pts


class Facets:
    """The triangles of a periodic Delaunay triangulation, one copy each, with buckets."""

    def __init__(self, pts: np.ndarray):
        shifts = np.array([(dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)], np.float64)
        tiled = (pts[None, :, :] + shifts[:, None, :]).reshape(-1, 2)
        tri = Delaunay(tiled)
        corners = tiled[tri.simplices]  # (t, 3, 2)
        centre = corners.mean(axis=1)
        # Every triangle of the torus has exactly one copy with its centroid in the tile.
        keep = (centre[:, 0] >= 0) & (centre[:, 0] < 1) & (centre[:, 1] >= 0) & (centre[:, 1] < 1)
        self.corners = corners[keep]
        self.centre = centre[keep]
        lo = self.corners.min(axis=1) - 1.0 / 256
        hi = self.corners.max(axis=1) + 1.0 / 256
        count = len(self.corners)
        b = int(np.clip(math.ceil(2.0 * math.sqrt(count)), 1, 160))
        self.buckets = Buckets(np.hstack([lo, hi]), b)
        # Inward unit normals and offsets of the three edges: inside distance
        # d_k(p) = n_k . p - c_k, positive inside.
        a = self.corners
        e = np.roll(a, -1, axis=1) - a  # edge k from corner k to corner k+1
        nrm = np.stack([-e[..., 1], e[..., 0]], -1)
        nrm /= np.maximum(np.hypot(nrm[..., 0], nrm[..., 1]), 1e-15)[..., None]
        # Orient inwards (towards the opposite corner).
        opp = np.roll(a, -2, axis=1)
        sign = np.sign(np.einsum("tkc,tkc->tk", nrm, opp - a))
        sign[sign == 0] = 1.0
        nrm *= sign[..., None]
        self.normal = np.vstack([nrm, np.zeros((1, 3, 2))])
        self.offset = np.vstack([np.einsum("tkc,tkc->tk", nrm, a), np.full((1, 3), 1e9)])
        self._centre = np.vstack([self.centre, [[0.5, 0.5]]])

    def __len__(self) -> int:
        return len(self.corners)

    def inside(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Candidate facets ``(m, K)`` and each one's inside distance at the points."""
        u = wrap01(np.ravel(x))
        v = wrap01(np.ravel(y))
        cand = self.buckets.rows(u, v)
        c = self._centre[cand]
        # The point, moved by whole periods to lie next to each candidate facet.
        px = c[..., 0] + (u[:, None] - c[..., 0] - np.rint(u[:, None] - c[..., 0]))
        py = c[..., 1] + (v[:, None] - c[..., 1] - np.rint(v[:, None] - c[..., 1]))
        nrm = self.normal[cand]
        d = nrm[..., 0] * px[..., None] + nrm[..., 1] * py[..., None] - self.offset[cand]
        return cand, d.min(axis=-1)


def _prepare(p: DelaunayParams, rng: np.random.Generator):
    facets = Facets(_points(p, rng))
    # A smooth, periodic ramp value per facet (three random waves), and a shade.
    k = rng.integers(-2, 3, (3, 2))
    k[np.all(k == 0, axis=1)] = (1, 0)
    phase = rng.random(3) * 2 * math.pi
    c = facets.centre
    wave = np.cos(2 * math.pi * (c @ k.T) + phase).mean(axis=1)
    ramp = np.clip(0.5 + 0.9 * wave, 0.0, 1.0)
    shade = rng.uniform(-1.0, 1.0, len(facets)) * p.shade
    return facets, ramp, shade


def _ramp_colors(p: DelaunayParams, palette, t: np.ndarray) -> np.ndarray:
    stops = np.array([palette.role(p.first_role + i) for i in range(p.roles)])
    if len(stops) == 1:
        return np.repeat(stops, len(t), axis=0)
    s = t * (len(stops) - 1)
    i0 = np.minimum(s.astype(np.int64), len(stops) - 2)
    f = (s - i0)[:, None]
    return stops[i0] * (1 - f) + stops[i0 + 1] * f


@operator(
    "growth.delaunay_low_poly",
    kind="field",
    version=1,
    output="rgba",
    inputs=(
        Input(
            "source",
            "image whose colour each facet takes (at its centroid); optional",
            "color.gradient_map",
            optional=True,
        ),
    ),
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "low poly",
        "delaunay",
        "triangles",
        "facets",
        "polygon art",
        "crystal",
        "低多边形",
        "三角网格",
        "晶面",
    ),
)
def delaunay_low_poly(p: DelaunayParams, call: Call) -> np.ndarray:
    """Delaunay low-poly: scattered points triangulated, each triangle one flat colour.

    Points on the unit torus (from uniform to blue-noise even, by ``evenness``) are
    triangulated by Delaunay's criterion (no point inside any triangle's
    circumcircle, so triangles are as fat as the points allow), with periodic
    copies so the facets tile. Each facet takes the colour of the ``source`` image
    at its centroid (the low-poly portrait look) or, without a source, a smooth
    random ramp through ``roles`` palette roles; then it is lightened or darkened at
    random by up to ``shade``. Facet edges are exact and anti-aliased (neighbouring
    facets blend over the pixel that straddles their edge); ``wire`` draws the
    edges as lines.

    References
    ----------
    Delaunay 1934, "Sur la sphère vide", Bulletin de l'Académie des Sciences de
    l'URSS 6.
    de Berg, Cheong, van Kreveld & Overmars 2008, *Computational Geometry*, 3rd ed.,
    Springer, ch. 9.
    """
    facets, ramp, shade = call.state
    n = len(facets)
    fp = call.footprint
    if call.has_input("source"):
        c = facets.centre
        colors = as_rgba(call.input("source", c[:, 0], c[:, 1], 0.25 * fp + 1e-3))[..., :3]
    else:
        colors = _ramp_colors(p, call.palette, ramp)
    colors = np.clip(colors * (1.0 + shade)[:, None], 0.0, 1.0)
    colors = np.vstack([colors, np.zeros((1, 3))])
    wire = np.asarray(call.palette.role(p.wire_role))
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    out = np.ones((x.size, 4), np.float32)
    step = 8192
    for s0 in range(0, x.size, step):
        cand, d = facets.inside(x[s0 : s0 + step], y[s0 : s0 + step])
        cov = np.clip(0.5 + d / fp, 0.0, 1.0) if fp > 0 else (d >= 0).astype(np.float64)
        cov[cand == n] = 0.0
        total = np.maximum(cov.sum(axis=1), 1e-12)
        rgb = np.einsum("mk,mkc->mc", cov, colors[cand]) / total[:, None]
        if p.wire > 0:
            # Distance to the nearest edge: the inside distance of the facet holding it.
            edge = np.clip(d.max(axis=1), 0.0, None)
            line = np.clip(0.5 - (edge - 0.5 * p.wire) / max(fp, 1e-12), 0.0, 1.0)[:, None]
            rgb = rgb * (1.0 - line) + wire * line
        out[s0 : s0 + step, :3] = rgb
    return out.reshape(*np.shape(call.x), 4)
