"""Kente: narrow strip-woven panels of warp stripes and weft-faced blocks, sewn together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.weave._cloth import DB, DL, DR, DT, UP, look_of
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave._repeat import TiledCloth

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["BLOCKS", "kente", "kente_cells"]

# Weft-faced block designs: (end in strip q, pick in block r, strip width) -> which
# of the four colours (0..3) the weft shows.
BLOCKS = {
    "checks": lambda q, r, w: np.where(((q // 4) + (r // 4)) % 2 == 0, 1, 3),
    "bars": lambda q, r, w: np.array([2, 0, 3, 0])[(r // 3) % 4] + 0 * q,
    "steps": lambda q, r, w: np.where(((q + r) // 3) % 2 == 0, 2, 1),
    "lozenge": lambda q, r, w: np.where(
        (np.abs(q - (w - 1) / 2) + np.abs(r % w - (w - 1) / 2)) % 8 < 4, 3, 0
    ),
}


@dataclass(frozen=True)
class KenteParams(Params):
    strip_ends: int = param(24, range=(8, 64), doc="warp ends in each strip (its width)")
    warp_section: int = param(30, range=(4, 160), doc="picks of warp-faced stripes between blocks")
    block: int = param(24, range=(4, 160), doc="picks of each weft-faced block")
    blocks: str = param(
        "checks+bars",
        choices=("checks+bars", "steps+lozenge", "checks+steps", "bars+lozenge"),
        doc="the two weft-faced block designs that alternate along a strip",
    )
    offset: str = param(
        "half",
        choices=("half", "none"),
        doc="neighbouring strips shifted by half a block and section (blocks in a checker)",
    )
    color_a: int = color_role_param(3, "main ground (first strip's warp)")
    color_b: int = color_role_param(4, "second ground (second strip's warp)")
    color_c: int = color_role_param(2, "accent")
    color_d: int = color_role_param(1, "dark accent")
    threads: float = threads_param(180.0)
    thread_width: float = thread_width_param(0.9)
    relief: float = relief_param(0.5)
    sheen: float = sheen_param(0.1)


def _warp_stripes(w: int, strip: int) -> np.ndarray:
    """Colour (0..3) of each end of a strip: a ground with narrow stripes near its edges."""
    q = np.arange(w)
    d = np.minimum(q, w - 1 - q)  # distance from the strip's edge
    ground, accent = (0, 2) if strip == 0 else (1, 0)
    out = np.full(w, ground)
    out[(d >= 1) & (d <= 2)] = 3
    out[(d >= 5) & (d <= 6)] = accent
    out[(d >= 9) & (d <= 10) & (d < w // 2 - 1)] = 2 if strip == 1 else 1
    return out


def kente_cells(p: KenteParams) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One full repeat (two strips wide, two block cycles long), cell by cell.

    Returns the codes, the colour (0..3) of the warp and of the weft in each cell,
    and a gain that darkens the sewn edge of each strip.
    """
    w = p.strip_ends
    cycle = 2 * (p.warp_section + p.block)
    # Half a section-and-block: a neighbour's blocks fall in this strip's stripes.
    shift = (p.warp_section + p.block) // 2 if p.offset == "half" else 0
    first, second = p.blocks.split("+")
    j = np.arange(cycle)[:, None]
    code = np.zeros((cycle, 2 * w), np.uint8)
    warp = np.zeros((cycle, 2 * w), np.int64)
    weft = np.zeros((cycle, 2 * w), np.int64)
    gain = np.ones((cycle, 2 * w))
    q = np.arange(w)[None, :]
    for strip in (0, 1):
        cols = slice(strip * w, (strip + 1) * w)
        pos = (j + strip * shift) % cycle  # where along its own cycle this strip is
        half = pos // (p.warp_section + p.block)  # first or second block of the cycle
        r = pos % (p.warp_section + p.block) - p.warp_section  # pick in the block, or < 0
        in_block = r >= 0
        rr = np.maximum(r, 0)
        design = np.where(
            half == 0,
            BLOCKS[first](q, rr, w) if strip == 0 else BLOCKS[second](q, rr, w),
            BLOCKS[second](q, rr, w) if strip == 0 else BLOCKS[first](q, rr, w),
        )
        stripes = np.broadcast_to(_warp_stripes(w, strip)[None, :], (cycle, w))
        code[:, cols] = np.where(in_block, DL | DR, UP | DT | DB)
        warp[:, cols] = stripes
        weft[:, cols] = np.where(in_block, design, 3)
        gain[:, cols][:, [0, w - 1]] = 0.72  # the seam between strips
    return code, warp, weft, gain


def _cloth(p: KenteParams, rng: np.random.Generator) -> TiledCloth:
    code, warp, weft, gain = kente_cells(p)
    roles = np.array([p.color_a, p.color_b, p.color_c, p.color_d])
    return TiledCloth(code, roles[warp], roles[weft], p.threads, look_of(p), gain)


def _periods(p: KenteParams) -> list[tuple[float, float]]:
    cycle = 2 * (p.warp_section + p.block)
    return [(2 * p.strip_ends / p.threads, 0.0), (0.0, cycle / p.threads)]


@operator(
    "weave.kente",
    kind="field",
    version=1,
    prepare=_cloth,
    periods=_periods,
    tags=(
        "kente",
        "strip weaving",
        "west african",
        "asante",
        "ewe",
        "narrow strip",
        "肯特布",
        "肯特",
        "非洲织布",
        "窄幅织带",
    ),
)
def kente(p: KenteParams, call: Call) -> np.ndarray:
    """Kente: narrow strip-woven panels sewn edge to edge, blocks in a checker.

    Each strip is woven on its own: warp-faced sections, where the dense warp hides
    the weft and shows as ribbed warp stripes, alternate with weft-faced blocks,
    where the weft covers the warp in a block design (checks, bars, steps,
    lozenges). Strips of two designs alternate and are sewn edge to edge with every
    other one shifted by half a section and block (``offset``), so the blocks of neighbouring
    strips stand in a checker across the cloth (when the sections are at least as
    long as the blocks), as in Asante and Ewe kente.

    References
    ----------
    Ross 1998, *Wrapped in Pride: Ghanaian Kente and African American Identity*,
    UCLA Fowler Museum, ch. 2 (structure of strip-woven kente).
    """
    return call.state.render(call)
