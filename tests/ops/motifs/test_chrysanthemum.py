"""The chrysanthemum builds all its petals at once: the same drawing as petal by petal.

The reference below is the construction the motif had before (one petal at a time,
three draws from the generator per petal, each outline through ``smooth_path``); the
motif must record the very same paths, colours and widths, bit for bit, so designs
that hold a chrysanthemum render as they always did.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import skia

from foulard.ops._common import shapes
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, smooth_path
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.motifs.chrysanthemum import GOLDEN_ANGLE, ChrysanthemumParams, chrysanthemum, tones

from ..conftest import random_cases


def _ray(x, y, angle, length, width, bend, samples=7):
    ca, sa = math.cos(angle), math.sin(angle)
    t = np.linspace(0.0, 1.0, samples)
    u = length * t
    v = bend * length * t * t
    du = np.full_like(t, length)
    dv = 2.0 * bend * length * t
    norm = np.hypot(du, dv)
    nu, nv = -dv / norm, du / norm
    w = width * (0.3 + 0.7 * np.sin(np.minimum(t * 1.6, 1.0) * math.pi / 2))
    left = np.stack([u + nu * w, v + nv * w], axis=1)
    right = np.stack([u - nu * w, v - nv * w], axis=1)
    tip_u = u[-1] + du[-1] / norm[-1] * 0.9 * width
    tip_v = v[-1] + dv[-1] / norm[-1] * 0.9 * width
    local = np.vstack([left, [[tip_u, tip_v]], right[::-1]])
    gx = x + local[:, 0] * ca - local[:, 1] * sa
    gy = y + local[:, 0] * sa + local[:, 1] * ca
    outline = smooth_path(np.stack([gx, gy], axis=1), closed=True, tension=0.9)
    groove = skia.Path()
    mid = [(x + uu * ca - vv * sa, y + uu * sa + vv * ca) for uu, vv in zip(u, v, strict=True)]
    groove.moveTo(*mid[1])
    groove.quadTo(*mid[3], *mid[-2])
    return outline, groove


def _petal_by_petal(p: ChrysanthemumParams, rng: np.random.Generator, palette: Palette) -> None:
    d = Sketch()
    t = tones(p, palette)
    c, radius = 0.5, 0.45
    base = math.radians(p.rotation)
    n, lw = p.petals, p.outline
    core = p.center * radius / 0.45
    under = skia.Path()
    under.addCircle(c, c, max(core, 0.02) + 0.06 * radius)
    d.fill(under, t[f"layer{p.layers - 1}"])
    for i in range(n - 1, -1, -1):
        f = math.sqrt((i + 0.5) / n)
        a = base + i * GOLDEN_ANGLE + rng.normal(0.0, 0.03 * p.jitter)
        layer = min(p.layers - 1, int((1.0 - f) * p.layers))
        r0 = core * 0.7 + (radius * 0.25) * f
        length = (radius - r0) * (0.35 + 0.65 * f) * (1.0 + 0.08 * p.jitter * rng.normal())
        width = length * (0.085 - 0.05 * p.slenderness) * (0.9 + 0.6 * (1.0 - f))
        bend = p.curl * (0.15 + 0.25 * f) + 0.06 * p.jitter * rng.normal()
        shape, groove = _ray(c + r0 * math.cos(a), c + r0 * math.sin(a), a, length, width, bend)
        d.fill(shape, t[f"layer{layer}"])
        d.stroke(groove, t["groove"], 0.35 * width)
        if lw > 0:
            d.stroke(shape, t["line"], lw)
    if core > 0:
        button = skia.Path()
        button.addCircle(c, c, core)
        d.fill(button, t["heart"])
        florets = skia.Path()
        m = int(60 * (core / 0.12) ** 2) + 8
        for j in range(m):
            fr = math.sqrt((j + 0.5) / m) * core * 0.88
            a = j * GOLDEN_ANGLE
            florets.addCircle(c + fr * math.cos(a), c + fr * math.sin(a), 0.09 * core)
        d.fill(florets, t["heart_light"])
        if lw > 0:
            d.stroke(button, t["line"], lw)
    d.finish()


_FINISH = Sketch.finish


def _recorded(build, monkeypatch) -> list[tuple]:
    """What a motif paints, as (kind, colour, width, path bytes), before fitting to its box."""
    out: list[tuple] = []

    def recording(self, margin=0.01):
        out.extend(
            (kind, color, width, path.serialize().bytes())
            for kind, path, color, _clip, width in self._ops
        )
        return _FINISH(self, margin)

    monkeypatch.setattr(shapes.Sketch, "finish", recording)
    build()
    return out


CASES = [{}, {"jitter": 0.0}, {"layers": 1, "center": 0.0}, {"outline": 0.0, "petals": 24}]
CASES += random_cases("motifs.chrysanthemum", 7, 6)


@pytest.mark.parametrize("case", range(len(CASES)))
def test_all_petals_at_once_draw_what_petal_by_petal_drew(case, monkeypatch):
    p = ChrysanthemumParams.from_json(CASES[case])
    palette = Palette(EXAMPLE_PALETTE)
    want = _recorded(lambda: _petal_by_petal(p, np.random.default_rng(case), palette), monkeypatch)
    got = _recorded(lambda: chrysanthemum(p, np.random.default_rng(case), palette), monkeypatch)
    assert (
        len(got)
        == len(want)
        == 1
        + p.petals * (3 if p.outline > 0 else 2)
        + (3 if p.center > 0 and p.outline > 0 else 2 if p.center > 0 else 0)
    )
    assert got == want
