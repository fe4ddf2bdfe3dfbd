"""Inks part of a full order: separations, colourways and soft proof of a real master.

A carre90 master at 300 ppi with the 1 cm hem (10866 px) is rendered first (or
given with --master), then each step runs in a fresh subprocess so that its peak
RSS is its own, and finally all three run in one process (what the export does):

- separate: 12 inks by default; indexed image, plates with trap, ink table,
  islands report;
- colourways: 5 drawn colourways, their ink tables and 2048 px previews;
- proof: built-in CMYK soft proof, report, 2048 px proof preview and gamut map.

Budget of the whole order (all parts, master included): <= 90 s and peak RSS
<= 1.5 GB on 2 cores; the master alone <= 20 s.

    python benchmarks/bench_order_inks.py [--master FILE] [--ppi 300] [--inks 12]
                                          [--colourways 5] [--seed 1]
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


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _master(out: Path, ppi: float, seed: int) -> dict:
    from foulard.render import write_image
    from foulard.scarf.formats import get_format
    from foulard.scarf.random_design import random_genome

    ctx = get_format("carre90").context(ppi)
    t0 = time.perf_counter()
    write_image(random_genome(seed), ctx, out, command="benchmarks/bench_order_inks.py")
    return {"seconds": time.perf_counter() - t0, "px": ctx.width}


def _separate(master: Path, folder: Path, inks: int) -> dict:
    from foulard.production.separations import separate

    (folder / "separations").mkdir(exist_ok=True)
    t0 = time.perf_counter()
    sep = separate(master, folder / "separations", n_inks=inks)
    return {
        "seconds": time.perf_counter() - t0,
        "inks": sep.inks,
        "trap_px": sep.table.trap_px,
        "islands": sep.islands.totals(),
    }


def _colourways(folder: Path, count: int) -> dict:
    from foulard.production.colourways import make_colourways
    from foulard.production.inktable import InkTable
    from foulard.production.recolour import write_colourways

    sep = folder / "separations"
    table = InkTable.read(sep / "inks.json")
    (folder / "colourways").mkdir(exist_ok=True)
    t0 = time.perf_counter()
    cws = make_colourways(table, count, seed=int(table.extra.get("seed", 0)))
    t1 = time.perf_counter()
    write_colourways(cws, sep / "indexed.tif", folder / "colourways")
    return {
        "seconds": time.perf_counter() - t0,
        "choose_seconds": t1 - t0,
        "sources": [cw.extra["source"] for cw in cws],
    }


def _proof(master: Path, folder: Path) -> dict:
    from foulard.production.proof import soft_proof

    t0 = time.perf_counter()
    report = soft_proof(
        master,
        folder / "proof.png",
        gamut_map=folder / "gamut.png",
        report=folder / "proof.json",
    )
    return {
        "seconds": time.perf_counter() - t0,
        "out_of_gamut_pct": round(report.out_of_gamut_pct, 3),
    }


def _child(args) -> None:
    folder = Path(args.folder)
    master = Path(args.master)
    if args.child == "master":
        result = _master(master, args.ppi, args.seed)
    elif args.child == "separate":
        result = _separate(master, folder, args.inks)
    elif args.child == "colourways":
        result = _colourways(folder, args.colourways)
    elif args.child == "proof":
        result = _proof(master, folder)
    else:  # all three in one process, as the export runs them
        t0 = time.perf_counter()
        _separate(master, folder, args.inks)
        _colourways(folder, args.colourways)
        _proof(master, folder)
        result = {"seconds": time.perf_counter() - t0}
    print(json.dumps({**result, "rss_mb": _rss_mb()}))


def _run(step: str, args, master: Path, folder: Path) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        step,
        "--master",
        str(master),
        "--folder",
        str(folder),
        "--ppi",
        str(args.ppi),
        "--inks",
        str(args.inks),
        "--colourways",
        str(args.colourways),
        "--seed",
        str(args.seed),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--master", help="an existing master (default: render a carre90)")
    ap.add_argument("--ppi", type=float, default=300)
    ap.add_argument("--inks", type=int, default=12)
    ap.add_argument("--colourways", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child")
    ap.add_argument("--folder")
    args = ap.parse_args()
    if args.child:
        _child(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        master_info = None
        if args.master:
            master = Path(args.master)
        else:
            master = folder / "master.tif"
            master_info = _run("master", args, master, folder)
        sep = _run("separate", args, master, folder)
        cws = _run("colourways", args, master, folder)
        proof = _run("proof", args, master, folder)
        together = _run("all", args, master, folder)
    emit(
        "order_inks",
        ppi=args.ppi,
        inks=sep["inks"],
        colourways=args.colourways,
        master_seconds=round(master_info["seconds"], 2) if master_info else None,
        master_rss_mb=round(master_info["rss_mb"]) if master_info else None,
        px=master_info["px"] if master_info else None,
        separate_seconds=round(sep["seconds"], 2),
        separate_rss_mb=round(sep["rss_mb"]),
        islands=sep["islands"],
        colourways_seconds=round(cws["seconds"], 2),
        colourways_rss_mb=round(cws["rss_mb"]),
        proof_seconds=round(proof["seconds"], 2),
        proof_rss_mb=round(proof["rss_mb"]),
        out_of_gamut_pct=proof["out_of_gamut_pct"],
        inks_part_seconds=round(together["seconds"], 2),
        inks_part_rss_mb=round(together["rss_mb"]),
        budget_order_seconds=90,
        budget_order_rss_mb=1536,
    )


if __name__ == "__main__":
    main()
