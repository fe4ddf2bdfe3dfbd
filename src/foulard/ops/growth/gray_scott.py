"""Gray-Scott reaction-diffusion on a periodic grid: spots, stripes, mazes, coral."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.errors import ParameterError
from foulard.ops._common.grid import GridSpec
from foulard.ops.growth._stencil import periodic_laplacian
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

# Diffusion rates and time step of the usual preset tables (Du:Dv = 2:1 on a unit
# grid with the 5-point Laplacian, dt = 1): the (F, k) presets below assume them.
DU = 0.2
DV = 0.1
DT = 1.0

#: Largest simulation accepted, in cell-steps (cells^2 x steps): the default
#: 256^2 x 2500 is 1.6e8; the whole range would allow 5e10 (minutes).
MAX_WORK = 2**28

#: Named regimes: points in (F, k) plus a seeding that fills the square quickly.
PRESETS: dict[str, dict[str, float]] = {
    "spots": {"feed": 0.030, "kill": 0.062, "seed_density": 0.1},
    "stripes": {"feed": 0.037, "kill": 0.060, "seed_density": 0.1},
    "maze": {"feed": 0.029, "kill": 0.057, "seed_density": 0.1},
    "coral": {"feed": 0.0545, "kill": 0.062, "seed_density": 0.5},
    "holes": {"feed": 0.039, "kill": 0.058, "seed_density": 0.3},
}


@dataclass(frozen=True)
class GrayScottParams(Params):
    feed: float = param(
        0.0545, range=(0.0, 0.12), doc="feed rate F of the substrate U (see PRESETS)"
    )
    kill: float = param(0.062, range=(0.0, 0.1), doc="kill rate k of the catalyst V")
    cells: int = param(
        256,
        range=(32, 1024),
        doc="grid cells across the unit square (more: finer pattern, slower)",
    )
    steps: int = param(2500, range=(0, 50000), doc="time steps simulated (dt = 1)")
    seed_density: float = param(
        0.5, range=(0.0, 1.0), doc="share of the grid seeded with V at the start"
    )
    seed_size: int = param(4, range=(1, 64), doc="side of each square seed", unit="cells")

    def __post_init__(self) -> None:
        super().__post_init__()
        work = self.cells * self.cells * self.steps
        if work > MAX_WORK:
            raise ParameterError(
                f"cells^2 x steps = {work} is more than the {MAX_WORK} accepted (about "
                "1.5 s of simulation); use fewer cells or fewer steps",
                "params.steps",
            )


def _grid(p: GrayScottParams) -> GridSpec:
    return GridSpec.unit(p.cells, periodic=True)


def initial_state(p: GrayScottParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """U = 1, V = 0, with square seeds (U = 1/2, V = 1/4) and a little noise."""
    n = p.cells
    u = np.ones((n, n), np.float32)
    v = np.zeros((n, n), np.float32)
    count = round(p.seed_density * n * n / (p.seed_size * p.seed_size))
    xs = rng.integers(0, n, size=count)
    ys = rng.integers(0, n, size=count)
    side = np.arange(p.seed_size)
    for x0, y0 in zip(xs, ys, strict=True):
        rows = (side + y0) % n
        cols = (side + x0) % n
        block = np.ix_(rows, cols)
        u[block] = 0.5
        v[block] = 0.25
    u += (rng.random((n, n), dtype=np.float32) - 0.5) * np.float32(0.02)
    v += (rng.random((n, n), dtype=np.float32) - 0.5) * np.float32(0.02)
    np.clip(v, 0.0, 1.0, out=v)
    return u, v


def simulate(
    u: np.ndarray, v: np.ndarray, feed: float, kill: float, steps: int
) -> tuple[np.ndarray, np.ndarray]:
    """Run ``steps`` explicit Euler steps of Gray-Scott in place on a torus.

    Every operation is elementwise or a wrapped neighbour sum, so shifting the
    initial state around the torus shifts the result by exactly the same cells.
    """
    lu = np.empty_like(u)
    lv = np.empty_like(v)
    uvv = np.empty_like(u)
    tmp = np.empty_like(u)
    du = np.float32(DU * DT)
    dv = np.float32(DV * DT)
    f_dt = np.float32(feed * DT)
    fk_dt = np.float32((feed + kill) * DT)
    dt = np.float32(DT)
    tiny = np.float32(1e-30)  # keeps V out of subnormal numbers, which are slow
    for _ in range(steps):
        periodic_laplacian(u, lu)
        periodic_laplacian(v, lv)
        np.multiply(v, v, out=uvv)
        uvv *= u
        uvv *= dt
        # dU = Du lap U - U V^2 + F (1 - U)
        lu *= du
        np.subtract(np.float32(1.0), u, out=tmp)
        tmp *= f_dt
        lu += tmp
        lu -= uvv
        # dV = Dv lap V + U V^2 - (F + k) V
        lv *= dv
        lv += uvv
        np.multiply(v, fk_dt, out=tmp)
        lv -= tmp
        u += lu
        v += lv
        np.maximum(v, tiny, out=v)
    return u, v


@operator(
    "growth.gray_scott",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "reaction diffusion",
        "turing",
        "spots",
        "stripes",
        "coral",
        "maze",
        "反应扩散",
        "珊瑚纹",
    ),
    example_params=dict(PRESETS["coral"]),
)
def gray_scott(p: GrayScottParams, call: GridCall) -> np.ndarray:
    """Gray-Scott reaction-diffusion: U + 2V -> 3V, on a grid that wraps (seamless).

    Two chemicals diffuse (Du = 0.2, Dv = 0.1 cells^2 per step, 5-point Laplacian,
    dt = 1) and react: V feeds on U, U is fed at rate F and V is removed at rate
    F + k. From random square seeds (drawn from the node's generator) the pattern
    settles into one of Pearson's regimes, depending only on (F, k). Named points
    (``PRESETS``): spots (F 0.030, k 0.062), stripes / fingerprint (0.037, 0.060),
    maze (0.029, 0.057), coral (0.0545, 0.062, the default), holes (0.039, 0.058).
    The grid has ``cells`` cells across the unit square whatever the output size,
    and wraps at its edges, so the pattern tiles. The output is V, scaled so the
    grid's minimum is 0 and maximum 1. The default 256 cells and 2500 steps take
    about 0.8 s on one core; parameter sets asking for more than ``MAX_WORK``
    cell-steps are refused with a clear error.

    References
    ----------
    Gray & Scott 1984, "Autocatalytic reactions in the isothermal, continuous
    stirred tank reactor", Chemical Engineering Science 39(6).
    Pearson 1993, "Complex patterns in a simple system", Science 261(5118).
    Munafo, "Reaction-diffusion by the Gray-Scott model: Pearson's
    parametrization", mrob.com/pub/comp/xmorphia.
    """
    u, v = initial_state(p, call.rng)
    u, v = simulate(u, v, p.feed, p.kill, p.steps)
    lo = float(v.min())
    hi = float(v.max())
    if not hi > lo:
        return np.zeros_like(v)
    out = (v - np.float32(lo)) * np.float32(1.0 / (hi - lo))
    return np.clip(out, 0.0, 1.0, out=out)
