"""The design space: address -> genome throughput (budget: >= 100,000 genomes per second).

Genome objects, not renders: the keyed permutation, the Reed-Solomon encoding and the
assembly of shared allele pieces, in batches. Also: the parts of that figure, locate
(genome -> address), and the 512 px preview of space designs (budget p50 <= 150 ms).

    python benchmarks/bench_space.py [--batch 100000] [--runs 5] [--previews 12]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

import numpy as np

from _common import emit, percentile
from foulard.render import TileCache, render
from foulard.space.address import MAX_INDEX, Address
from foulard.space.space import DesignSpace, _message_bytes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--previews", type=int, default=12)
    ap.add_argument("--px", type=int, default=512)
    args = ap.parse_args()
    space = DesignSpace(bytes(range(32)))
    t0 = time.perf_counter()
    _ = space.anatomy
    tables_s = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    rates = []
    for _run in range(args.runs):
        idx = rng.integers(0, MAX_INDEX, args.batch, dtype=np.uint64)
        t0 = time.perf_counter()
        genomes = space.genomes(idx)
        rates.append(len(genomes) / (time.perf_counter() - t0))
        del genomes
        gc.collect()
    # The parts, on one batch.
    idx = rng.integers(0, MAX_INDEX, args.batch, dtype=np.uint64)
    p0 = time.perf_counter()
    m = space.permutation.forward(idx)
    t1 = time.perf_counter()
    genes = space.code.encode(_message_bytes(m))
    t2 = time.perf_counter()
    rows = genes.tolist()
    gc.disable()
    t3 = time.perf_counter()
    for row in rows:
        space.anatomy.assemble(row)
    t4 = time.perf_counter()
    gc.enable()
    per = 1e9 / args.batch
    # Locate: genome -> address (parse, decode, invert, re-derive to check exactness).
    sample = space.genomes(idx[:200])
    t5 = time.perf_counter()
    for g in sample:
        space.locate(g)
    locate_ms = (time.perf_counter() - t5) / len(sample) * 1000
    # Previews of space designs, cold (fresh tile cache per design).
    render(space.genome(Address(0, 0)), 64)
    times = []
    for i in range(args.previews):
        g = space.genome(Address(1000 + i, 17))
        t0 = time.perf_counter()
        render(g, args.px, cache=TileCache())
        times.append(time.perf_counter() - t0)
    emit(
        "space",
        batch=args.batch,
        runs=args.runs,
        genomes_per_s_median=round(statistics.median(rates)),
        genomes_per_s_best=round(max(rates)),
        budget_genomes_per_s=100_000,
        permutation_ns=round((t1 - p0) * per),
        encode_ns=round((t2 - t1) * per),
        assemble_ns=round((t4 - t3) * per),
        tables_build_s=round(tables_s, 2),
        locate_ms=round(locate_ms, 2),
        preview_px=args.px,
        preview_p50_ms=round(percentile(times, 0.5) * 1000, 1),
        preview_p90_ms=round(percentile(times, 0.9) * 1000, 1),
    )


if __name__ == "__main__":
    main()
