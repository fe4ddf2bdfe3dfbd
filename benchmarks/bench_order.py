"""A full carre90 print order at 300 ppi: master, 12 inks, 5 colourways, proof, spec, previews.

Budget: master <= 20 s, whole order <= 90 s, peak RSS <= 1.5 GB on 2 cores. Runs in a
fresh subprocess so the peak RSS is the order's alone.

    python benchmarks/bench_order.py [--format carre90] [--ppi 300] [--seed 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import emit


def _child(fmt: str, ppi: float, seed: int, inks: int, colourways: int, out: str) -> None:
    from foulard.production.order import export_order
    from foulard.scarf.random_design import random_genome

    t0 = time.perf_counter()
    result = export_order(
        random_genome(seed),
        fmt,
        out,
        ppi=ppi,
        inks=inks,
        colourways=colourways,
        command="benchmarks/bench_order.py",
    )
    took = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": took,
                "rss_mb": rss_mb,
                "timings": result.manifest["timings_s"],
                "canvas_px": result.manifest["canvas_px"],
                "inks": result.manifest["inks"]["made"],
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--format", default="carre90")
    ap.add_argument("--ppi", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--inks", type=int, default=12)
    ap.add_argument("--colourways", type=int, default=5)
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.child:
        _child(args.format, args.ppi, args.seed, args.inks, args.colourways, args.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--format", args.format, "--ppi", str(args.ppi),
             "--seed", str(args.seed), "--inks", str(args.inks), "--colourways",
             str(args.colourways), "--out", str(Path(tmp) / "order")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        r = json.loads(proc.stdout.strip().splitlines()[-1])
    emit(
        "order",
        format=args.format,
        ppi=args.ppi,
        canvas_px=r["canvas_px"],
        inks=r["inks"],
        colourways=args.colourways,
        seconds=round(r["seconds"], 1),
        stage_seconds=r["timings"],
        peak_rss_mb=round(r["rss_mb"]),
        budget_seconds=90,
        budget_master_seconds=20,
        budget_rss_mb=1536,
    )


if __name__ == "__main__":
    main()
