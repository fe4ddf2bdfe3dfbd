"""Drawing helpers of the Western and equestrian motifs: metal, leather and leaflets.

Metal is drawn in flat tones, as on printed silk: a wire or plate in the metal
colour, a shadow and a highlight stroked along its centre line (offset away from
and towards a light at the upper left) and clipped to it, and an outline. Leather
straps carry a stitch line near each edge. The polyline helpers (paths, ribbons,
resampling, fitting the box) are the ones the ornaments use too, from
:mod:`foulard.ops._common.polyline`.
"""

from __future__ import annotations

import numpy as np
import skia

from foulard.ops._common.palette import Palette
from foulard.ops._common.polyline import fit, fitted, normals, poly_path, resample, ribbon
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, stroke_outline

__all__ = [
    "fit",
    "fitted",
    "leather_tones",
    "metal",
    "metal_bar",
    "metal_tones",
    "normals",
    "offset",
    "poly_path",
    "resample",
    "ribbon",
    "serrated_leaflet",
    "strap",
]

RGB = tuple[float, float, float]


def offset(path: skia.Path, dx: float, dy: float) -> skia.Path:
    out = skia.Path(path)
    out.offset(dx, dy)
    return out


def metal_tones(palette: Palette, role: int) -> dict[str, RGB]:
    """Metal: the role, a highlight (mixed with white by 0.55), a shadow (black by 0.3)."""
    base = palette.role(role)
    return {
        "metal": base,
        "metal_light": mix(base, WHITE, 0.55),
        "metal_shade": mix(base, BLACK, 0.3),
    }


def leather_tones(palette: Palette, role: int) -> dict[str, RGB]:
    """Leather: the role mixed with black by 0.25, its stitching mixed with white by 0.55."""
    base = mix(palette.role(role), BLACK, 0.25)
    return {"leather": base, "stitch": mix(base, WHITE, 0.55)}


def metal(
    d: Sketch,
    shape: skia.Path,
    centre: skia.Path,
    wire: float,
    t: dict,
    *,
    line: float = 0.0,
    shading: bool = True,
) -> None:
    """Paint a metal part: flat metal, shadow and highlight along ``centre``, outline.

    ``centre`` is the part's centre line (or any line the light should follow);
    ``wire`` its thickness, which sets the offsets and widths of the strokes.
    """
    d.fill(shape, t["metal"])
    if shading:
        shade = stroke_outline(offset(centre, 0.2 * wire, 0.22 * wire), 0.42 * wire)
        light = stroke_outline(offset(centre, -0.17 * wire, -0.2 * wire), 0.2 * wire)
        d.fill_clipped(shape, shade, t["metal_shade"])
        d.fill_clipped(shape, light, t["metal_light"])
    if line > 0:
        d.stroke(shape, t["line"], line)


def metal_bar(
    d: Sketch,
    centre: np.ndarray,
    widths,
    wire: float,
    t: dict,
    *,
    line: float = 0.0,
    shading: bool = True,
) -> None:
    """Paint a metal bar along the polyline ``centre``, ``widths`` wide, lit along it
    (see :func:`metal`; ``wire`` sets the shading's offsets and widths)."""
    shape = poly_path(ribbon(centre, widths), closed=True)
    metal(d, shape, poly_path(centre, closed=False), wire, t, line=line, shading=shading)


def strap(
    d: Sketch, centre: np.ndarray, width: float, t: dict, *, line: float = 0.0, holes: int = 0
) -> skia.Path:
    """Paint a leather strap along ``centre``: the band, two stitch lines, punched holes.

    Returns the strap's outline (for clipping what passes under it).
    """
    shape = poly_path(ribbon(centre, width), closed=True)
    d.fill(shape, t["leather"])
    n = normals(centre)
    for side in (-1.0, 1.0):
        stitch = centre + n * (side * 0.32 * width)
        dash = skia.Path()
        count = max(2, int(np.hypot(*np.diff(centre, axis=0).T).sum() / (0.35 * width)))
        idx = np.linspace(0, len(stitch) - 1, count + 1).astype(int)
        for a, b in zip(idx[:-1:2], idx[1::2], strict=False):
            dash.addPath(poly_path(stitch[a : b + 1], closed=False))
        d.stroke(dash, t["stitch"], 0.07 * width)
    if holes:
        punch = skia.Path()
        for k in range(holes):
            i = int((0.15 + 0.5 * k / max(holes - 1, 1)) * (len(centre) - 1))
            punch.addCircle(float(centre[i, 0]), float(centre[i, 1]), 0.12 * width)
        d.fill(punch, t["line"])
    if line > 0:
        d.stroke(shape, t["line"], line)
    return shape


def serrated_leaflet(length: float, width: float, teeth: int, *, bend: float = 0.0) -> np.ndarray:
    """A serrated ovate leaflet along +x from its base at the origin, as a polygon."""
    t = np.linspace(0.0, 1.0, 120)
    prof = t**0.6 * (1.0 - t)
    prof = 0.5 * width * prof / prof.max()
    phase = (t * teeth) % 1.0
    tooth = np.where(phase < 0.8, phase / 0.8, (1.0 - phase) / 0.2)
    fade = np.clip(np.minimum(t, 1.0 - t) / 0.1, 0.0, 1.0)
    h = prof + 0.06 * width * tooth * fade
    x = length * t
    y_mid = bend * length * t**2
    upper = np.stack([x, y_mid + h], axis=1)
    lower = np.stack([x, y_mid - h], axis=1)
    return np.vstack([upper, lower[::-1]])
