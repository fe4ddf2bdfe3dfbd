"""Paint splatter: a spiky central blob, flung droplets and streaks, in a chosen direction."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, smooth_path
from foulard.ops.ornament._west import fit, poly_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class SplatterParams(Params):
    splats: int = param(3, range=(1, 6), doc="splashes, each in its own colour")
    energy: float = param(0.6, range=(0.0, 1.0), doc="how hard the paint hit: spikes and reach")
    droplets: int = param(40, range=(0, 160), doc="satellite droplets of each splash")
    direction: float = param(
        -30.0, range=(-180.0, 180.0), doc="where the paint flies", unit="degrees"
    )
    spread: float = param(0.5, range=(0.0, 1.0), doc="0: all one way, 1: all round")
    viscosity: float = param(0.4, range=(0.0, 1.0), doc="thick paint: rounder blob, fewer spikes")
    colors: int = param(3, range=(1, 5), doc="palette roles used, from first_color on")
    first_color: int = param(2, range=(0, 47), doc="palette role of the first splash")


def tones(p: SplatterParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the splashes: ``colors`` roles from ``first_color`` (paint ``c{i}``)."""
    return {f"c{i}": palette.role(p.first_color + i) for i in range(p.colors)}


def _angles_towards(rng, count, direction, spread):
    """Angles concentrated round ``direction``: a wrapped normal, wide for spread 1."""
    sigma = 0.35 + 2.6 * spread
    return direction + rng.normal(0.0, sigma, count)


def _splash(
    p: SplatterParams, rng: np.random.Generator, cx: float, cy: float, r: float
) -> skia.Path:
    """One splash: the blob with its spikes, streaks and droplets, as one path."""
    direction = math.radians(p.direction)
    path = skia.Path()
    # The blob: a radius with low harmonics, plus spikes biased towards the direction.
    a = np.linspace(0.0, 2 * math.pi, 360, endpoint=False)
    radius = np.ones_like(a)
    for k in range(2, 6):
        radius += (0.09 / k) * (1.2 - p.viscosity) * np.cos(k * a + rng.uniform(0, 2 * math.pi))
    spikes = int(6 + 22 * p.energy * (1.0 - 0.6 * p.viscosity))
    for ang in _angles_towards(rng, spikes, direction, p.spread):
        width = rng.uniform(0.03, 0.09) * (1.0 + p.viscosity)
        reach = rng.exponential(0.35) * p.energy * (1.0 + math.cos(ang - direction)) * 0.7
        d = np.angle(np.exp(1j * (a - ang)))
        radius += reach * np.exp(-((d / width) ** 2))
    pts = np.stack([cx + r * radius * np.cos(a), cy + r * radius * np.sin(a)], axis=1)
    path.addPath(smooth_path(pts[::2], closed=True, tension=0.8))
    # Streaks: tapered lines flung out along the direction, each ending in a drop.
    for ang in _angles_towards(rng, int(2 + 6 * p.energy), direction, 0.6 * p.spread):
        length = r * (1.2 + 2.5 * p.energy * rng.random())
        start = r * 0.7
        w0 = r * rng.uniform(0.08, 0.16)
        s = np.linspace(0.0, 1.0, 30)
        along = start + length * s
        half = w0 * (1.0 - 0.85 * s)
        ux, uy = math.cos(ang), math.sin(ang)
        left = np.stack([cx + along * ux - half * uy, cy + along * uy + half * ux], axis=1)
        right = np.stack([cx + along * ux + half * uy, cy + along * uy - half * ux], axis=1)
        poly = np.vstack([left, right[::-1]])
        # Every contour clockwise (as skia's circles are): overlaps add, never cancel.
        x, y = poly[:, 0], poly[:, 1]
        if np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y) < 0:
            poly = poly[::-1]
        path.addPath(poly_path(poly, closed=True))
        tip = start + length + 0.6 * w0
        path.addCircle(cx + tip * ux, cy + tip * uy, 0.9 * w0)
    # Droplets: further out smaller; elongated along their flight.
    for ang in _angles_towards(rng, p.droplets, direction, p.spread):
        dist = r * (1.3 + min(rng.exponential(0.9 + 1.5 * p.energy), 4.0))
        size = r * 0.2 * rng.uniform(0.2, 1.0) * (r / dist) ** 0.6
        stretch = 1.0 + 1.8 * p.energy * rng.random() * (1.0 - p.viscosity)
        x, y = cx + dist * math.cos(ang), cy + dist * math.sin(ang)
        drop = skia.Path()
        drop.addOval(skia.Rect.MakeLTRB(-size * stretch, -size, size * stretch, size))
        m = skia.Matrix()
        m.setRotate(math.degrees(ang))
        m.postTranslate(x, y)
        drop.transform(m)
        path.addPath(drop)
    return path


@operator(
    "ornament.splatter",
    kind="vector",
    version=1,
    tags=(
        "splatter",
        "splash",
        "paint",
        "ink blot",
        "drip",
        "abstract",
        "graffiti",
        "泼墨",
        "飞溅",
        "墨点",
        "抽象",
    ),
)
def splatter(p: SplatterParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Paint splatter: a spiky blob, streaks and flung droplets, thrown one way.

    Each splash is a central blob whose radius carries low harmonics (the wobble of
    a landed drop; less for ``viscosity``) plus narrow Gaussian spikes whose
    directions follow a normal distribution round ``direction`` (narrow for small
    ``spread``) and whose reach grows with ``energy`` and with alignment to the
    direction of flight. Streaks are tapered lines flung the same way, each ending
    in a drop; satellite droplets land at exponentially distributed distances,
    smaller the further they fly and stretched along their flight (ballistic
    heuristics). ``splats`` splashes overlap, each in the next of ``colors`` roles.
    Paint only: the ground stays clear.

    References
    ----------
    Procedural ballistic droplet heuristics; Bussmann, Chandra & Mostaghimi 2000,
    "Modeling the splash of a droplet impacting a solid surface", *Physics of
    Fluids* 12(12) (fingering of the spreading rim); Pollock's poured and flung
    paintings (1947-1950) as the visual reference.
    """
    t = tones(p, palette)
    d = Sketch()
    order = rng.permutation(p.colors)
    for k in range(p.splats):
        cx, cy = rng.uniform(0.3, 0.7, 2)
        r = 0.1 * rng.uniform(0.6, 1.2) / math.sqrt(0.6 + 0.4 * p.splats)
        d.fill(_splash(p, rng, cx, cy, r), t[f"c{int(order[k % p.colors])}"])
    fit(d, 0.03)
    return d.finish()
