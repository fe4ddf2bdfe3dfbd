"""Fleur-de-lis: the heraldic lily, three petals bound by a band, mirror-symmetric."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, catmull_rom_points, mix, smooth_path
from foulard.ops.ornament._west import fit, mirror_x, poly_path, ribbon
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class FleurDeLisParams(Params):
    style: str = param(
        "french",
        choices=("french", "florentine"),
        doc="French heraldic lily, or the Florentine giglio with stamens between the petals",
    )
    curl: float = param(0.6, range=(0.0, 1.0), doc="how far the side petals roll over and down")
    fullness: float = param(0.5, range=(0.0, 1.0), doc="0: slender petals, 1: broad ones")
    band: float = param(0.5, range=(0.0, 1.0), doc="height of the binding band (0: a thin cord)")
    jitter: float = param(0.0, range=(0.0, 1.0), doc="hand-drawn variation (kept mirror-symmetric)")
    shading: bool = param(True, doc="each petal split into a lit and a shaded half")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the motif", unit="degrees")
    outline: float = param(0.006, range=(0.0, 0.02), doc="outline width", unit="motif units")
    color: int = param(3, range=(0, 47), doc="palette role of the lily")
    band_color: int = param(2, range=(0, 47), doc="palette role of the band and stamens")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: FleurDeLisParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a fleur-de-lis paints: its three roles and two fixed mixes.

    The lit halves are the lily role mixed with white by 0.4, the shaded halves the
    lily role mixed with black by 0.2.
    """
    lily = palette.role(p.color)
    return {
        "lily": lily,
        "light": mix(lily, WHITE, 0.4),
        "shade": mix(lily, BLACK, 0.2),
        "band": palette.role(p.band_color),
        "line": palette.role(p.line_color),
    }


def _central(p: FleurDeLisParams, j: np.ndarray) -> np.ndarray:
    """The right half of the central petal, from the band up to the tip (x from the axis)."""
    f = 0.75 + 0.5 * p.fullness
    half = np.array(
        [
            (0.055, 0.64),
            (0.085 * f, 0.54),
            (0.12 * f, 0.42),
            (0.11 * f, 0.31),
            (0.065 * f, 0.21),
            (0.025, 0.13),
            (0.0, 0.05),
        ]
    )
    half[1:-1] += j[:5, None] * np.array([0.01, 0.008])
    return catmull_rom_points(half, 80)


def _side_centre(p: FleurDeLisParams, j: np.ndarray) -> np.ndarray:
    """Centre line of the right side petal: up and out from the band, rolling over."""
    c = p.curl
    flor = p.style == "florentine"
    spread = 0.06 if flor else 0.0
    pts = np.array(
        [
            (0.535, 0.63),
            (0.58, 0.53),
            (0.64 + 0.5 * spread, 0.42),
            (0.72 + spread, 0.335),
            (0.8 + spread, 0.315 - 0.01 * c),
            (0.855 + spread, 0.36 + 0.01 * c),
            (0.86 + spread - 0.02 * c, 0.44 + 0.04 * c),
            (0.82 + spread - 0.05 * c, 0.5 + 0.08 * c),
        ]
    )
    pts[1:] += j[5:12, None] * np.array([0.008, 0.008])
    return catmull_rom_points(pts, 120)


def _lower(p: FleurDeLisParams) -> tuple[np.ndarray, np.ndarray]:
    """Below the band: the right half of the central drop and the right foot's centre line."""
    drop = catmull_rom_points(np.array([(0.05, 0.66), (0.06, 0.73), (0.04, 0.81), (0.0, 0.89)]), 40)
    foot = catmull_rom_points(
        np.array([(0.53, 0.665), (0.6, 0.735), (0.68, 0.765), (0.745, 0.73), (0.745, 0.665)]), 60
    )
    return drop, foot


def _half_shape(axis_half: np.ndarray) -> np.ndarray:
    """A symmetric shape from its right half (x measured from the axis at 0.5)."""
    right = axis_half.copy()
    right[:, 0] += 0.5
    left = axis_half[::-1].copy()
    left[:, 0] = 0.5 - left[:, 0]
    return np.vstack([right, left])


@operator(
    "ornament.fleur_de_lis",
    kind="vector",
    version=1,
    tags=(
        "fleur-de-lis",
        "fleur de lis",
        "lily",
        "heraldic",
        "french",
        "royal",
        "giglio",
        "鸢尾花",
        "百合花饰",
        "法国",
        "纹章",
    ),
)
def fleur_de_lis(p: FleurDeLisParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Fleur-de-lis: a tall central petal and two petals rolling outwards, bound by a band.

    Built on its vertical axis: the central petal is a Catmull-Rom outline swelling
    above the band and narrowing to a point with concave shoulders; each side petal
    is a centre line rising out of the band and rolling over and down (``curl``),
    swept with a width that is full near the band and falls to a point; below the
    band a drop and two small feet curl outwards. The right half is drawn and
    mirrored, so the lily is exactly mirror-symmetric (``jitter`` varies the control
    points for a hand-drawn line and stays symmetric). ``florentine`` spreads the
    side petals wider and adds stamens with round anthers between the petals, as
    in the giglio of Florence. Each petal is split along its middle into a lit and a
    shaded half. Colours: the roles and mixes listed by :func:`tones`.

    References
    ----------
    Fox-Davies 1909, *A Complete Guide to Heraldry*, ch. XVIII (the fleur-de-lis);
    Meyer 1888, *Handbook of Ornament*, "The fleur-de-lis"; Owen Jones 1856,
    *The Grammar of Ornament*, pl. LXX (medieval ornament).
    """
    d = Sketch()
    t = tones(p, palette)
    j = rng.normal(0.0, p.jitter, 16) if p.jitter > 0 else np.zeros(16)
    lw = p.outline
    f = 0.75 + 0.5 * p.fullness
    parts: list[tuple[np.ndarray, np.ndarray]] = []  # (outline polygon, shaded half polygon)
    # Side petals: ribbons with a width full near the band and a pointed tip.
    side = _side_centre(p, j)
    u = np.linspace(0.0, 1.0, len(side))
    width = (
        0.15 * f * np.sin(np.pi * np.clip(0.15 + 0.85 * u, 0.0, 1.0) ** 0.8) ** 0.8 * (1 - u) ** 0.3
    )
    width = np.maximum(width, 0.002)
    outline = ribbon(side, width)
    n = len(side)
    inner_half = np.vstack([side, outline[n:][::-1][::-1]])  # centre line, then the lower edge back
    parts.append((outline, inner_half))
    # Below the band.
    drop, foot = _lower(p)
    fw = 0.07 * f * np.sin(np.pi * np.clip(0.1 + 0.9 * np.linspace(0, 1, len(foot)), 0, 1)) ** 0.7
    foot_outline = ribbon(foot, np.maximum(fw, 0.002))
    m = len(foot)
    parts.append((foot_outline, np.vstack([foot, foot_outline[m:][::-1][::-1]])))
    shapes = []
    for outline_pts, half_pts in parts:
        shape = poly_path(outline_pts, closed=True)
        half = poly_path(half_pts, closed=True)
        shapes.append((shape, half))
        shapes.append((mirror_x(shape), mirror_x(half)))
    central = _half_shape(_central(p, j))
    drop_shape = _half_shape(drop)
    for pts in (central, drop_shape):
        shape = smooth_path(pts[::2], closed=True, tension=0.9)
        right = pts[: len(pts) // 2].copy()
        half = np.vstack([right, [(0.5, right[-1, 1]), (0.5, right[0, 1])]])
        shapes.append((shape, poly_path(half, closed=True)))
    if p.style == "florentine":
        stamens = skia.Path()
        anthers = skia.Path()
        for sgn in (-1.0, 1.0):
            for k, (dx, top) in enumerate(((0.1, 0.2), (0.16, 0.25))):
                x0, y0 = 0.5 + sgn * 0.06, 0.58
                x1, y1 = 0.5 + sgn * (dx + 0.02 * k), top
                stalk = skia.Path()
                stalk.moveTo(x0, y0)
                stalk.quadTo(0.5 + sgn * (dx - 0.04), 0.5 * (y0 + y1) + 0.04, x1, y1)
                stamens.addPath(stalk)
                anthers.addCircle(x1, y1, 0.022)
        d.stroke(stamens, t["line"], 0.012 + 2 * lw)
        d.stroke(stamens, t["band"], 0.012)
        d.fill(anthers, t["band"])
        if lw > 0:
            d.stroke(anthers, t["line"], lw)
    for shape, half in shapes:
        d.fill(shape, t["light"] if p.shading else t["lily"])
        if p.shading:
            d.fill_clipped(shape, half, t["shade"])
        if lw > 0:
            d.stroke(shape, t["line"], lw)
    # The band binding the petals, with a cord line along it.
    h = 0.025 + 0.05 * p.band
    band = skia.Path()
    band.addRRect(
        skia.RRect.MakeRectXY(
            skia.Rect.MakeLTRB(0.36, 0.625 - h / 2, 0.64, 0.625 + h / 2), h / 3, h / 3
        )
    )
    d.fill(band, t["band"])
    if lw > 0:
        d.stroke(band, t["line"], lw)
        if h > 0.04:
            cord = skia.Path()
            for y in (0.625 - h / 4, 0.625 + h / 4):
                cord.moveTo(0.375, y)
                cord.lineTo(0.625, y)
            d.stroke(cord, t["line"], 0.6 * lw)
    if p.rotation:
        rot = skia.Matrix()
        rot.setRotate(p.rotation, 0.5, 0.5)
        d.transform(rot)
    fit(d, 0.04)
    return d.finish()
