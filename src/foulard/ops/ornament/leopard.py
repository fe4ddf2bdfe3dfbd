"""Leopard rosettes: broken rings of dark blobs round tawny centres, a periodic field."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]
_BLOBS = 6  # blobs per rosette at most
_PAD = 1  # wrapped cells around the table: the 3 x 3 search needs one


@dataclass(frozen=True)
class LeopardParams(Params):
    coat: str = param(
        "leopard",
        choices=("leopard", "jaguar", "cheetah"),
        doc="broken rosettes; larger rosettes with a dot inside; or solid round spots",
    )
    spots: int = param(7, range=(2, 32), doc="rosettes across the unit (the coat tiles with it)")
    size: float = param(0.3, range=(0.15, 0.38), doc="rosette radius over the spacing")
    variance: float = param(0.2, range=(0.0, 0.25), doc="spread of rosette sizes")
    jitter: float = param(0.6, range=(0.0, 0.8), doc="how far rosettes stray from a grid")
    breaks: float = param(0.5, range=(0.0, 1.0), doc="how broken the rings are")
    specks: float = param(0.5, range=(0.0, 1.0), doc="share of small solid spots between rosettes")
    ground: bool = param(True, doc="paint the tawny ground (else it stays transparent)")
    ground_color: int = param(3, range=(0, 47), doc="palette role of the ground")
    spot_color: int = param(1, range=(0, 47), doc="palette role of the spots")


def tones(p: LeopardParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the coat: the ground and spot roles and the rosette centres.

    Rosette centres are the ground role mixed with the spot role by 0.18 and with
    black by 0.12 (a deeper tawny).
    """
    ground = palette.role(p.ground_color)
    spot = palette.role(p.spot_color)
    return {
        "ground": ground,
        "spot": spot,
        "centre": mix(mix(ground, spot, 0.18), BLACK, 0.12),
    }


def _prepare(p: LeopardParams, rng: np.random.Generator) -> dict[str, np.ndarray]:
    n = p.spots
    shape = (n, n)
    cx = 0.5 + p.jitter * (rng.random(shape) - 0.5)
    cy = 0.5 + p.jitter * (rng.random(shape) - 0.5)
    radius = p.size * (1.0 + p.variance * rng.uniform(-1.0, 1.0, shape))
    phase = rng.uniform(0.0, 2 * math.pi, shape)
    wobble = rng.uniform(0.0, 0.12, shape)
    # Blobs of the ring: m arcs of random lengths with gaps between them.
    m = rng.integers(3, _BLOBS + 1, shape)
    start = rng.uniform(0.0, 2 * math.pi, shape)
    weights = rng.uniform(0.6, 1.4, (*shape, _BLOBS))
    weights[np.arange(_BLOBS)[None, None, :] >= m[..., None]] = 0.0
    weights /= weights.sum(axis=-1, keepdims=True)
    spans = 2 * math.pi * weights
    centres = start[..., None] + np.cumsum(spans, axis=-1) - 0.5 * spans
    gap = 0.5 * (0.12 + 0.7 * p.breaks) * rng.uniform(0.5, 1.0, (*shape, _BLOBS))
    thick = (0.3 + 0.18 * rng.random((*shape, _BLOBS))) * radius[..., None]
    # Each blob's round ends reach 0.65 of its half thickness past its arc: leave room.
    cap = 0.65 * 0.5 * thick / radius[..., None]
    half = np.maximum(0.5 * spans - gap - cap, 0.0)
    roff = 1.0 + 0.1 * rng.uniform(-1.0, 1.0, (*shape, _BLOBS))
    # Solid spots: the cheetah's round spots, and small specks between rosettes.
    speck = rng.random(shape) < p.specks
    sx = rng.random(shape)
    sy = rng.random(shape)
    sr = rng.uniform(0.07, 0.13, shape) * np.where(speck, 1.0, 0.0)
    # Specks never sit on their own rosette: push them out of its ring.
    dx, dy = sx - cx, sy - cy
    dist = np.hypot(dx, dy) + 1e-9
    push = np.maximum(radius + 0.2 * radius + sr + 0.02 - dist, 0.0)
    sx = sx + dx / dist * push
    sy = sy + dy / dist * push
    fields = {
        "cx": cx,
        "cy": cy,
        "radius": radius,
        "phase": phase,
        "wobble": wobble,
        "sx": sx,
        "sy": sy,
        "sr": sr,
    }
    # Flattened tables (wrapped by one cell all round), read with one index per cell.
    out = {k: np.pad(v, _PAD, mode="wrap").astype(np.float32).ravel() for k, v in fields.items()}
    for k, v in (("centres", centres), ("half", half), ("thick", thick), ("roff", roff)):
        padded = np.pad(v, ((_PAD, _PAD), (_PAD, _PAD), (0, 0)), mode="wrap")
        out[k] = padded.reshape(-1, _BLOBS).astype(np.float32)
    return out


def coat(p: LeopardParams, state: dict, palette: Palette, x: np.ndarray, y: np.ndarray, fp: float):
    """Premultiplied RGBA of the coat at design points (period 1 in x and y)."""
    t = tones(p, palette)
    n = p.spots
    shape = np.shape(x)
    u = wrap01(np.ravel(x)) * n
    v = wrap01(np.ravel(y)) * n
    iu = np.floor(u).astype(np.intp)
    iv = np.floor(v).astype(np.intp)
    fu = (u - iu).astype(np.float32)
    fv = (v - iv).astype(np.float32)
    stride = n + 2 * _PAD
    base = (iv + _PAD) * stride + (iu + _PAD)
    inv = np.float32(1.0 / (fp * n))  # cell units to pixels
    spot = np.zeros(u.shape, np.float32)
    centre = np.zeros(u.shape, np.float32)
    margin = 2.0 / float(inv)
    for oy in (-1, 0, 1):
        for ox in (-1, 0, 1):
            cell = base + (oy * stride + ox)
            dx = fu - np.float32(ox) - state["cx"].take(cell)
            dy = fv - np.float32(oy) - state["cy"].take(cell)
            radius = state["radius"].take(cell)
            r = np.hypot(dx, dy)
            # Ring radius, wobble and blob thickness stay within 1.5 radii.
            near = np.flatnonzero(r < 1.5 * radius + margin)
            if near.size:
                _rosette(
                    p,
                    state,
                    near,
                    cell[near],
                    dx[near],
                    dy[near],
                    r[near],
                    radius[near],
                    inv,
                    spot,
                    centre,
                )
            # Small solid specks (and nothing else for them).
            sr = state["sr"].take(cell)
            d = (
                np.hypot(
                    fu - np.float32(ox) - state["sx"].take(cell),
                    fv - np.float32(oy) - state["sy"].take(cell),
                )
                - sr
            )
            np.maximum(spot, np.clip(0.5 - d * inv, 0.0, 1.0) * (sr > 0), out=spot)
    out = np.zeros((u.size, 4), np.float32)
    ground = np.asarray(t["ground"], np.float32)
    if p.ground:
        out[:, :3] = ground
        out[:, 3] = 1.0
    for cover, tone in ((centre, "centre"), (spot, "spot")):
        a = cover.astype(np.float32)[:, None]
        out *= 1.0 - a
        out[:, :3] += a * np.asarray(t[tone], np.float32)
        out[:, 3:] += a
    return out.reshape(*shape, 4)


def _rosette(p, state, idx, cell, dx, dy, r, radius, inv, spot, centre) -> None:
    """Ring blobs and tawny centre of the rosettes near points ``idx`` (cell units)."""
    phi = np.arctan2(dy, dx)
    wob = state["wobble"].take(cell)
    ph = state["phase"].take(cell)
    rho = radius * (1.0 + wob * np.sin(3.0 * phi + ph))
    if p.coat == "cheetah":
        d = r - 0.62 * rho
        spot[idx] = np.maximum(spot[idx], np.clip(0.5 - d * inv, 0.0, 1.0))
        return
    ring = np.zeros(idx.size, np.float32)
    halves = state["half"][cell]
    centres = state["centres"][cell]
    thick = state["thick"][cell]
    roff = state["roff"][cell]
    two_pi = np.float32(2 * math.pi)
    pi = np.float32(math.pi)
    for k in range(_BLOBS):
        half = halves[:, k]
        w = 0.5 * thick[:, k]
        rk = rho * roff[:, k]
        # A tapered capsule along the arc: s along it, nrm across it (cell units).
        s = np.abs(np.mod(phi - centres[:, k] + pi, two_pi) - pi) * rk
        length = half * rk
        nrm = r - rk
        along = s / np.maximum(length, np.float32(1e-9))
        d = np.where(
            s <= length,
            np.abs(nrm) - w * (1.0 - 0.35 * along * along),
            np.hypot(s - length, nrm) - 0.65 * w,
        )
        cover = np.clip(0.5 - d * inv, 0.0, 1.0) * (half > 0)
        np.maximum(ring, cover, out=ring)
    inner = np.clip(0.5 - (r - (rho - 0.3 * thick[:, 0])) * inv, 0.0, 1.0)
    if p.coat == "jaguar":
        dot = np.hypot(dx + 0.12 * radius, dy - 0.08 * radius) - 0.2 * radius
        ring = np.maximum(ring, np.clip(0.5 - dot * inv, 0.0, 1.0))
    # idx holds each point once: plain fancy assignment is exact.
    spot[idx] = np.maximum(spot[idx], ring)
    centre[idx] = np.maximum(centre[idx], inner)


def _field(p: LeopardParams, call: Call) -> np.ndarray:
    return coat(p, call.state, call.palette, call.x, call.y, call.footprint)


@operator(
    "ornament.leopard",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "leopard",
        "jaguar",
        "cheetah",
        "animal print",
        "rosettes",
        "spots",
        "豹纹",
        "豹斑",
        "动物纹",
        "猎豹",
    ),
)
def leopard(p: LeopardParams, call: Call) -> np.ndarray:
    """Leopard rosettes: broken rings of dark blobs round deeper centres on a tawny ground.

    One rosette per cell of a ``spots`` by ``spots`` grid, jittered off the grid, with
    a random size; its ring is cut into 3 to 6 arcs of random lengths with gaps
    (``breaks``), each arc a bean, thick in the middle of its arc and thinner at its
    ends, and the ring radius wobbles with a third harmonic. Inside, the centre is
    a deeper tawny; ``jaguar`` adds a dot inside, ``cheetah`` turns each rosette into
    one solid round spot. Small solid specks sit between rosettes (``specks``).
    Every edge is anti-aliased from its distance and the footprint, and the grid
    wraps exactly, so the coat repeats with period 1 in x and y. All random draws
    happen once, in ``prepare``.

    References
    ----------
    Liu, Liaw & Maini 2006, "Two-stage Turing model for generating pigment patterns
    on the leopard and the jaguar", *Physical Review E* 74, 011914 (the rosette
    structure this imitates procedurally); Murray 1981, "A pre-pattern formation
    mechanism for animal coat markings", *J. Theor. Biol.* 88.
    """
    return _field(p, call)
