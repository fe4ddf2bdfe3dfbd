"""Preview times of the aperiodic, Islamic and other structured tilings.

For each operator (its example genome, over the example palette): a 512 px preview
cold (a fresh seed and fresh caches: the patch or cell pattern is built, vector
tiles rasterised) and warm (the same preview again), median of three, two render
threads; and the operator alone evaluated on a 512 x 512 grid of pixel centres on
one thread (warm: the prepared state reused), best of three.

Run: ``.venv/bin/python benchmarks/bench_tilings.py [--ids tiling.girih ...]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from _common import emit
from foulard.ops.examples import example_genome
from foulard.render import TileCache, render
from foulard.render.evaluate import Evaluator

IDS = (
    "tiling.penrose_rhombs",
    "tiling.penrose_kites_darts",
    "tiling.ammann_beenker",
    "tiling.hat_monotile",
    "tiling.spectre_monotile",
    "tiling.de_bruijn_multigrid",
    "tiling.pinwheel",
    "tiling.chair_substitution",
    "tiling.islamic_hankin",
    "tiling.girih",
    "tiling.islamic_rosette",
    "tiling.islamic_interlace",
    "tiling.wang_tiles",
    "tiling.isohedral_escher",
    "tiling.parquet_deformation",
    "tiling.quilt_blocks",
    "symmetry.hyperbolic",
    "symmetry.counterchange",
)
SIZE = 512


def _timed(fn) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn()``; CPU time (all threads) is less hurt by load."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def preview(op_id: str, seed: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(cold, warm) (wall, CPU) seconds of a 512 px preview of the example with ``seed``."""
    genome = example_genome(op_id, seed=seed)
    cache = TileCache()
    cold = _timed(lambda: render(genome, SIZE, cache=cache))
    warm = _timed(lambda: render(genome, SIZE, cache=cache))
    return cold, warm


def grid(op_id: str) -> tuple[float, float]:
    """Best of three single-thread evaluations on a 512 x 512 grid (state prepared)."""
    c = (np.arange(SIZE) + 0.5) / SIZE
    x, y = np.meshgrid(c, c)
    ev = Evaluator(example_genome(op_id, seed=1), cache=TileCache())
    ev.sample(ev.root, x, y, 1.0 / SIZE)
    return min(_timed(lambda: ev.sample(ev.root, x, y, 1.0 / SIZE)) for _ in range(3))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", nargs="*", default=list(IDS))
    args = ap.parse_args()
    for k, op_id in enumerate(args.ids):
        runs = [preview(op_id, 1000 + 10 * k + i) for i in range(3)]

        def ms(which: int, clock: int, runs=runs) -> float:
            return round(1000 * statistics.median(r[which][clock] for r in runs), 1)

        g = grid(op_id)
        emit(
            "tiling_preview",
            op=op_id,
            cold_ms=ms(0, 0),
            cold_cpu_ms=ms(0, 1),
            warm_ms=ms(1, 0),
            warm_cpu_ms=ms(1, 1),
            grid_512_one_thread_ms=round(1000 * g[0], 1),
            grid_512_one_thread_cpu_ms=round(1000 * g[1], 1),
            load=round(os.getloadavg()[0], 1),
        )


if __name__ == "__main__":
    main()
