"""The design space: address -> genome throughput (budget: >= 100,000 genomes per second).

Genome objects, not renders: the keyed permutation, the Reed-Solomon encoding and the
assembly of shared allele pieces, in batches. Also: the parts of that figure, locate
(genome -> address), and the 512 px preview of space designs (budget p50 <= 150 ms),
of the latest space version and, for comparison, of version 1. Previews are timed in
wall-clock time on the default thread pool and, less sensitive to a shared machine's
load, in CPU time on one thread; the load average is printed with the figures. Every
timed preview is cold: no tiles, prepared states (curves' polylines) or drawings kept
from an earlier render of the design.

    python benchmarks/bench_space.py [--batch 100000] [--runs 5] [--previews 12] [--version 2]
        [--previews-only]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time

import numpy as np

from _common import emit, percentile
from foulard.render import TileCache, evaluate, render
from foulard.render.cache import LRU
from foulard.space.address import MAX_INDEX, Address
from foulard.space.space import DesignSpace, _message_bytes


def cold() -> TileCache:
    """A fresh tile cache, and no prepared states or drawings kept from earlier renders."""
    evaluate._OBJECTS = LRU(256)  # the process-wide cache of those
    return TileCache()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--previews", type=int, default=12)
    ap.add_argument("--px", type=int, default=512)
    ap.add_argument("--version", type=int, default=None, help="space version (default: latest)")
    ap.add_argument(
        "--previews-only", action="store_true", help="time the previews, not address -> genome"
    )
    args = ap.parse_args()
    space = DesignSpace(bytes(range(32)), args.version)
    figures = {} if args.previews_only else throughput(space, args)
    emit(
        "space",
        **figures,
        space_version=space.version,
        preview_px=args.px,
        **previews(space, args),
        load_average_1min=round(os.getloadavg()[0], 1),
    )


def throughput(space: DesignSpace, args: argparse.Namespace) -> dict:
    """Addresses -> genome objects per second, its parts, and locate."""
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
    return {
        "batch": args.batch,
        "runs": args.runs,
        "genomes_per_s_median": round(statistics.median(rates)),
        "genomes_per_s_best": round(max(rates)),
        "budget_genomes_per_s": 100_000,
        "permutation_ns": round((t1 - p0) * per),
        "encode_ns": round((t2 - t1) * per),
        "assemble_ns": round((t4 - t3) * per),
        "tables_build_s": round(tables_s, 2),
        "locate_ms": round(locate_ms, 2),
    }


def previews(space: DesignSpace, args: argparse.Namespace) -> dict:
    """p50 / p90 wall time (default threads) and p50 CPU time (one thread) of cold previews."""
    # Previews of space designs, cold: this version's and version 1's, interleaved so
    # that both see the same load.
    spaces = {space.version: space}
    if space.version != 1:
        spaces[1] = DesignSpace(bytes(range(32)), 1)
    wall: dict[int, list[float]] = {v: [] for v in spaces}
    cpu: dict[int, list[float]] = {v: [] for v in spaces}
    for sp in spaces.values():
        render(sp.genome(Address(0, 0)), 64)
    for i in range(args.previews):
        for v, sp in spaces.items():
            g = sp.genome(Address(1000 + i, 17))
            cache = cold()
            t0 = time.perf_counter()
            render(g, args.px, cache=cache)
            wall[v].append(time.perf_counter() - t0)
            cache = cold()
            c0 = time.process_time()
            render(g, args.px, cache=cache, threads=1)
            cpu[v].append(time.process_time() - c0)
    return {
        f"v{v}_preview_{name}_ms": round(percentile(times[v], q) * 1000, 1)
        for v in spaces
        for name, times, q in (
            ("p50", wall, 0.5),
            ("p90", wall, 0.9),
            ("cpu_1thread_p50", cpu, 0.5),
        )
    }


if __name__ == "__main__":
    main()
