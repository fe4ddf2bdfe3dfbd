"""Nui shibori (縫い絞り): rows of running stitches drawn up tight before dyeing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.craft._dye import dye_rgba, role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class NuiParams(Params):
    style: str = param(
        "mokume",
        choices=("mokume", "ori_nui", "wave"),
        doc="mokume: rows meander like wood grain; ori_nui: stitched along folds, "
        "marks in mirrored pairs (chevrons); wave: rows follow a regular wave",
    )
    rows: int = param(22, range=(4, 160), doc="stitch rows across the unit square")
    stitch: float = param(
        0.024, range=(0.003, 0.06), doc="length of one stitch", unit="design units"
    )
    gather: float = param(
        0.7, range=(0.1, 1.0), doc="how tight the thread was drawn: size of the pale marks"
    )
    meander: float = param(
        1.2, range=(0.0, 4.0), doc="how far rows wander from straight, in row spacings"
    )
    pleats: float = param(
        0.5, range=(0.0, 1.0), doc="strength of the fine streaks of the gathered pleats"
    )
    depth: float = param(1.1, range=(0.3, 1.6), doc="dye concentration of the dyed cloth")
    dye_color: int = role_param(1, "the dye")
    ground_color: int = role_param(0, "the undyed cloth")


def prepare(p: NuiParams, rng: np.random.Generator) -> dict:
    return {
        "grain": Noise(rng, 4, 3, gain=0.45),
        "phase": rng.random(p.rows),
        "size": rng.random((p.rows, 64)),
        "streak": Noise(rng, 64, 2),
        "mottle": Noise(rng, 8, 3),
    }


@operator(
    "craft.shibori_nui",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "shibori",
        "nui",
        "stitch resist",
        "mokume",
        "wood grain",
        "ori-nui",
        "indigo",
        "缝绞",
        "木目绞",
        "扎染",
        "蓝染",
    ),
)
def shibori_nui(p: NuiParams, call: Call) -> np.ndarray:
    """Nui shibori: running stitches pulled tight gather the cloth; the gathers resist dye.

    Each row of running stitches, drawn up tight, gathers the cloth into small
    pleats; dye cannot reach the cloth held inside them, so every stitch leaves a
    pale mark across its row, and the rows of marks read as lines on the dyed
    ground. ``mokume`` (木目, wood grain) lets the rows meander like the grain of
    wood; ``ori_nui`` stitches along folds, so marks come in mirrored pairs of
    slanted dashes (chevrons); ``wave`` follows a regular wave. Marks vary in size
    with how the thread caught (``gather``); fine streaks show the pleats. Rows
    and stitches are whole numbers per unit square, so the cloth tiles exactly.

    References
    ----------
    Wada, Rice & Barton 1983, *Shibori: The Inventive Art of Japanese Shaped
    Resist Dyeing*, Kodansha (nui shibori, mokume, ori-nui).
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    u = wrap01(x)
    v = wrap01(y)
    n = p.rows
    if p.style == "wave":
        bend = 0.5 * p.meander * np.sin(2.0 * math.pi * (2.0 * u))
    else:
        bend = p.meander * 3.0 * (st["grain"](x, y) - 0.5)
        bend += p.meander * 0.8 * (st["grain"].lattice(u * 4.0 + 2.0, v * 4.0, 2) - 0.5)
    s = v * n + bend
    row = np.floor(s + 0.5)
    across = (s - row) / n  # design units across the row (about)
    k = (row % n).astype(np.int64)
    # Stitches: a whole number per row so each row wraps; each row starts where it will.
    count = max(1, round(1.0 / p.stitch))
    length = 1.0 / count
    along = u * count + st["phase"][k]
    cell = np.floor(along)
    a = (along - cell - 0.5) * length  # design units along the row from the mark's middle
    size = st["size"][k, (cell.astype(np.int64) % count) % 64]
    half_h = (0.1 + 0.32 * p.gather * (0.4 + size)) / n
    half_w = (0.08 + 0.22 * p.gather * (0.3 + size)) * length
    if p.style == "ori_nui":
        # Stitched through a fold: the two rows of a pair mirror each other, marks slant.
        slant = np.where(row % 2 == 0, 1.0, -1.0) * 0.9
        a = a + slant * across * (half_w / half_h)
    streak = st["streak"].lattice(along * 4.0, s * 0.5)
    # Marks are ragged: the gathered cloth let dye in unevenly along their edges.
    e = np.sqrt((a / half_w) ** 2 + (across / half_h) ** 2) + 0.35 * (streak - 0.5)
    soft = 0.25 + call.footprint / np.minimum(half_w, half_h)
    mark = (1.0 - smoothstep(1.0 - soft, 1.0 + soft, e)) * smoothstep(0.08, 0.2, size)
    # Pleats: fine streaks across each row, strongest near the thread.
    near = 1.0 - smoothstep(0.3, 1.6, np.abs(across) / half_h)
    pleat = p.pleats * near * np.clip((streak - 0.45) * 3.0, 0.0, 1.0)
    mottle = st["mottle"](x, y) - 0.5
    conc = p.depth * (1.0 + 0.3 * mottle) * (1.0 - np.maximum(mark, 0.55 * pleat))
    out = dye_rgba(call.palette, p.ground_color, [(p.dye_color, conc)])
    return out.reshape(*np.shape(call.x), 4)
