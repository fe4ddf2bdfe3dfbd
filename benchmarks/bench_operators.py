"""Every operator's 512 px preview, cold: the slowest ten against the 1 s budget.

Each operator's example genome (the gallery's picture) is rendered at 512 x 512
on two threads with an empty cache (wall time, and CPU time of both threads
together, which stays meaningful when other work shares the machine), so grid
simulations and vector tiles are computed from scratch, the way a new design's
first preview is. The best of ``--repeats`` runs counts. Prints one JSON line
per operator over the budget and a summary line with the slowest ten.

Run: ``.venv/bin/python benchmarks/bench_operators.py [--px 512] [--family F]``
"""

from __future__ import annotations

import argparse
import os
import time

from _common import emit
from foulard.ops import operators
from foulard.ops.examples import example_genome
from foulard.render import render
from foulard.render.cache import TileCache

BUDGET_S = 1.0


def time_operator(spec, px: int, repeats: int) -> tuple[float, float]:
    """Best wall time and best CPU time (all threads) of a cold render."""
    genome = example_genome(spec)
    wall = cpu = float("inf")
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        render(genome, px, cache=TileCache())
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--px", type=int, default=512)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--family", action="append", default=[])
    args = ap.parse_args()
    specs = [s for s in operators() if not args.family or s.family in args.family]
    times = []
    for spec in specs:
        t, cpu = time_operator(spec, args.px, args.repeats)
        times.append((t, spec.id, cpu))
        if t > BUDGET_S:
            emit("operator_over_budget", op=spec.id, px=args.px, seconds=round(t, 3), cpu=cpu)
    times.sort(reverse=True)
    load = os.getloadavg()[0]
    emit(
        "operators_slowest_ten",
        px=args.px,
        operators=len(specs),
        budget_s=BUDGET_S,
        over_budget=sum(t > BUDGET_S for t, _, _ in times),
        median_s=round(times[len(times) // 2][0], 3),
        load_average=round(load, 1),
        slowest=[
            {"op": op, "seconds": round(t, 3), "cpu_seconds": round(c, 3)}
            for t, op, c in times[:10]
        ],
    )


if __name__ == "__main__":
    main()
