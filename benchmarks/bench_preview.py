"""512 px preview of typical genomes (budget: p50 <= 150 ms on 2 cores).

Cold: a design rendered for the first time (empty tile cache, as when a new design
appears). Warm: the same design again (cached motif tiles, as in the studio).

    python benchmarks/bench_preview.py [--designs 20] [--px 512]
"""

from __future__ import annotations

import argparse
import time

from _common import emit, percentile
from foulard.render import TileCache, render
from foulard.scarf.random_design import random_genome


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--designs", type=int, default=20)
    ap.add_argument("--px", type=int, default=512)
    ap.add_argument("--seed", type=int, default=1000)
    args = ap.parse_args()
    render(random_genome(args.seed - 1), 64)  # import and JIT-free warm-up of NumPy paths
    cold, warm = [], []
    for i in range(args.designs):
        g = random_genome(args.seed + i)
        cache = TileCache()
        t0 = time.perf_counter()
        render(g, args.px, cache=cache)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        render(g, args.px, cache=cache)
        warm.append(time.perf_counter() - t0)
    emit(
        "preview",
        px=args.px,
        designs=args.designs,
        cold_p50_ms=round(percentile(cold, 0.5) * 1000, 1),
        cold_p90_ms=round(percentile(cold, 0.9) * 1000, 1),
        warm_p50_ms=round(percentile(warm, 0.5) * 1000, 1),
        warm_p90_ms=round(percentile(warm, 0.9) * 1000, 1),
        budget_p50_ms=150,
    )


if __name__ == "__main__":
    main()
