"""Resist dyeing: dye diffuses and is taken up by the cloth, held back by a resist mask."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage

from foulard.ops._common.channels import as_value
from foulard.ops._common.grid import GridSpec
from foulard.ops.craft._diffusion import diffuse_step, edge_conductivity
from foulard.ops.craft._dye import dye_rgba, role_param
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

MARGIN = 0.1  # the grid covers the design and its hem band
K_MAX = 0.2  # largest conductivity per step (explicit scheme stable below 1/4)


@dataclass(frozen=True)
class ResistDyeParams(Params):
    cells: int = param(
        320, range=(64, 1024), doc="grid cells across the design (more: crisper edges, slower)"
    )
    bleed: float = param(
        0.012,
        range=(0.0, 0.05),
        doc="how far dye creeps under the resist",
        unit="design units",
    )
    strength: float = param(
        0.95, range=(0.0, 1.0), doc="how completely the resist keeps dye off (1: fully)"
    )
    warp_weft: float = param(
        0.35,
        range=(-0.9, 0.9),
        doc="dye runs further along the warp (positive) or the weft (negative)",
    )
    fibre: float = param(
        0.6, range=(0.0, 1.0), doc="unevenness of the cloth's wicking: fingered, feathery edges"
    )
    uptake: float = param(
        0.5, range=(0.0, 1.0), doc="how fast fibres take dye up: less reaches far under the resist"
    )
    tide: float = param(0.4, range=(0.0, 1.0), doc="dark line where the creeping dye front stopped")
    dips: int = param(2, range=(1, 6), doc="dips in the bath, each deepening the shade")
    depth: float = param(0.6, range=(0.1, 1.0), doc="dye taken up in one dip")
    dye_color: int = role_param(1, "the dye")
    ground_color: int = role_param(0, "the undyed cloth")


def _grid(p: ResistDyeParams) -> GridSpec:
    n = p.cells
    return GridSpec(-MARGIN, -MARGIN, 1.0 + MARGIN, 1.0 + MARGIN, n, n, periodic=False)


MAX_STEPS = 300  # past this, the creep is simulated on a coarser grid (it is smooth)


def _creep(p: ResistDyeParams, r: np.ndarray, rng: np.random.Generator, cell: float):
    """Dye in the cloth at the end of one dip, on the grid of ``r`` (cells ``cell`` wide)."""
    n = r.shape[0]
    open_ = 1.0 - r
    # Fibres: streaks along the warp and along the weft, so dye runs in fingers.
    warp = ndimage.gaussian_filter(rng.random((n, n)), (3.0, 0.6), mode="wrap")
    weft = ndimage.gaussian_filter(rng.random((n, n)), (0.6, 3.0), mode="wrap")
    noise = warp + weft
    noise = (noise - noise.mean()) / max(float(noise.std()), 1e-9)
    fib = np.clip(np.exp(0.8 * p.fibre * noise), 0.25, 2.5)
    k = K_MAX * (fib / 2.5) * (1.0 - 0.5 * r)
    k_mean = float(np.mean(k))
    kx, ky = edge_conductivity(k, periodic=False)
    # Warp threads run down the cloth: positive warp_weft lets dye run further down.
    a = p.warp_weft
    kx *= (1.0 - a) / (1.0 + abs(a))
    ky *= (1.0 + a) / (1.0 + abs(a))
    length = p.bleed / cell  # cells
    steps = math.ceil(length * length / (2.0 * k_mean))
    sink = p.uptake * 1.5 / max(steps, 1) * r
    c = open_.copy()
    tmp = np.empty_like(c)
    for _ in range(steps):
        diffuse_step(c, kx, ky, tmp)
        tmp -= sink * tmp
        c, tmp = tmp, c
        np.maximum(c, open_, out=c)  # the bath keeps the open cloth wet with dye
    return c


def simulate(
    p: ResistDyeParams, resist: np.ndarray, rng: np.random.Generator, cell: float
) -> np.ndarray:
    """Dye taken up per cell (0 undyed; ``depth`` per dip where fully exposed).

    In a dip the open cloth is held at the bath's concentration; dye diffuses into
    the resisted cloth through edges whose conductivity falls with the resist and
    varies with the fibres (anisotropic: warp against weft), and resisted cloth
    takes it up as it goes (a sink: ``uptake``). Steps follow from ``bleed``: the
    diffusion length sqrt(2 k t) equals the bleed. Every dip meets the same resist,
    so each adds the same dye. A creep needing more than :data:`MAX_STEPS` steps
    is simulated on a grid coarsened by a whole factor (the creep is smooth) and
    laid back over the full-resolution resist.
    """
    n = resist.shape[0]
    r = np.clip(resist, 0.0, 1.0) * p.strength
    open_ = 1.0 - r
    if p.bleed <= 0:
        c = open_
    else:
        length = p.bleed / cell
        needed = length * length / (2.0 * 0.25 * K_MAX)  # an upper bound on the steps
        f = max(1, math.ceil(math.sqrt(needed / MAX_STEPS)))
        if f == 1:
            c = _creep(p, r, rng, cell)
        else:
            m = -(-n // f)
            padded = np.pad(r, ((0, m * f - n), (0, m * f - n)), mode="edge")
            coarse = padded.reshape(m, f, m, f).mean(axis=(1, 3))
            crept = _creep(p, coarse, rng, cell * f)
            up = ndimage.zoom(crept, f, order=1, mode="nearest", grid_mode=True)[:n, :n]
            c = np.maximum(np.minimum(up, 1.0), open_)
    front = 0.0
    if p.tide > 0 and p.bleed > 0:
        # Dye carried by the creeping water is left where the front stopped: where
        # the dye that crept in has fallen to a small share of the bath's.
        crept = (c - open_) / np.maximum(1.0 - open_, 1e-6)
        front = p.tide * np.exp(-(((crept - 0.15) / 0.07) ** 2)) * (crept > 0.02) * r
    return p.dips * p.depth * (c + front)


@operator(
    "craft.resist_dye",
    kind="grid",
    version=1,
    inputs=(
        Input(
            "resist",
            "where the cloth is protected (alpha, or the value): paste, wax, binding",
            "ornament.xiangyun",
        ),
    ),
    output="rgba",
    grid=_grid,
    tags=(
        "resist dye",
        "paste resist",
        "katazome",
        "indigo",
        "blue and white",
        "防染",
        "蓝印花布",
        "夹缬",
        "扎染",
    ),
)
def resist_dye(p: ResistDyeParams, call: GridCall) -> np.ndarray:
    """Resist dyeing: the cloth is dipped; dye soaks the open cloth and creeps under the resist.

    The resist (a paste, wax or binding: the input's alpha, or its value) keeps dye
    from the cloth it covers. In each of ``dips`` dips the open cloth is soaked at
    the bath's strength while dye diffuses into the resisted cloth, through fibres
    that wick unevenly (``fibre``) and further along the warp than the weft
    (``warp_weft``), and is taken up on the way (``uptake``): soft, feathery edges
    that reach ``bleed`` under the resist, with a darker tide line where the front
    stopped (``tide``). Computed on its own grid over the design and its hem band,
    ``cells`` across whatever the output size, and cached.

    References
    ----------
    Morimoto, Tanaka, Tsuruno & Tomimatsu 2007, "Visualization of dyeing based on
    diffusion and adsorption theories", Pacific Graphics.
    Morimoto, Ono & Arita, "Dyeing in computer graphics", in *Computer Graphics*,
    InTech (2012).
    """
    m = call.input("resist")
    resist = m[..., 3] if m.shape[-1] == 4 else as_value(m)[..., 0]
    taken = simulate(p, resist.astype(np.float64), call.rng, call.grid.cell)
    return dye_rgba(call.palette, p.ground_color, [(p.dye_color, taken)])
