"""Batch throughput: previews per minute on 1 and 2 local workers and on a 2-worker local
Dask cluster; render threads per unit; masters whole per worker against shared threads;
a print-order job with its time and peak memory per worker.

Every run uses a fresh data home with a fixed space key (the same designs each time)
and slot addresses (no ledger). Wall time includes starting the workers, as a user
would see it. The figures per unit come from the job manifest (each unit's seconds
and its worker's peak RSS while it ran).

    python benchmarks/bench_batch.py previews [--addresses 1000] [--px 512] [--engines dask2]
    python benchmarks/bench_batch.py threads [--addresses 60] [--masters 2]
    python benchmarks/bench_batch.py orders [--scarves 20] [--format carre90] [--ppi 300]
    python benchmarks/bench_batch.py            # all three (an hour or more on 2 cores)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import emit

KEY = bytes(range(32))


def _home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="foulard-bench-batch-"))
    os.environ["FOULARD_HOME"] = str(home)
    key = home / "space.key"
    key.write_bytes(KEY)
    key.chmod(0o600)
    return home


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _run(name: str, specs: list[dict], defaults: dict, engine, threads: int | None = None):
    from foulard.batch import Manifest, manifest_path, run_job, write_job

    home = _home()
    job = write_job(home / f"{name}.json", specs, defaults)
    load0 = _load()
    t0 = time.perf_counter()
    report = run_job(job, engine=engine, threads=threads)
    wall = time.perf_counter() - t0
    if report.failed:
        raise SystemExit(f"{name}: {report.failed} units failed: {report.failures[:2]}")
    done = list(Manifest(manifest_path(job.path)).read().done.values())
    shutil.rmtree(home)  # orders take gigabytes
    secs = [r["seconds"] for r in done]
    per_worker: dict[str, float] = {}
    for r in done:
        who = f"{r['host']}:{r['pid']}"
        per_worker[who] = max(per_worker.get(who, 0.0), r.get("peak_rss_mb") or 0.0)
    return {
        "engine": report.engine,
        "units": report.total,
        "wall_s": round(wall, 2),
        "units_per_min": round(60 * report.total / wall, 1),
        "unit_s_mean": round(statistics.fmean(secs), 3),
        "unit_s_p50": round(statistics.median(secs), 3),
        "unit_s_max": round(max(secs), 3),
        "peak_rss_mb_per_worker": sorted(per_worker.values(), reverse=True),
        "load_before": load0,
        "load_after": _load(),
    }


def _overhead(fig: dict, slots: int) -> float:
    """Seconds per unit not spent rendering: startup, scheduling, transfers, idle slots."""
    return round(fig["wall_s"] * slots / fig["units"] - fig["unit_s_mean"], 3)


def previews(args) -> None:
    from foulard.batch import DaskEngine, LocalEngine, have_dask

    specs = [{"slot": 0, "n": n} for n in range(args.addresses)]
    defaults = {"format": "carre90", "outputs": ["preview"], "preview_px": args.px}
    runs = {"local1": (LocalEngine(1), 1), "local2": (LocalEngine(2), 2)}
    if have_dask():
        runs["dask2"] = (DaskEngine(local_workers=2), 2)
    if args.engines:
        runs = {k: v for k, v in runs.items() if k in args.engines.split(",")}
    figs = {}
    for name, (engine, slots) in runs.items():
        figs[name] = fig = _run(f"previews-{name}", specs, defaults, engine)
        fig["overhead_s_per_unit"] = _overhead(fig, slots)
        emit("batch_previews", run=name, px=args.px, **fig)
    if "local1" not in figs:
        return
    base = figs["local1"]["units_per_min"]
    emit(
        "batch_previews_scaling",
        local2_over_local1=round(figs["local2"]["units_per_min"] / base, 2)
        if "local2" in figs
        else None,
        dask2_over_local1=round(figs["dask2"]["units_per_min"] / base, 2)
        if "dask2" in figs
        else None,
    )


def threads(args) -> None:
    """Threads per unit for previews; for masters, one per worker against shared threads."""
    from foulard.batch import LocalEngine

    specs = [{"slot": 1, "n": n} for n in range(args.addresses)]
    defaults = {"format": "carre90", "outputs": ["preview"], "preview_px": 512}
    for workers, th in ((2, 1), (2, 2), (1, 2)):
        fig = _run(f"threads-{workers}x{th}", specs, defaults, LocalEngine(workers), th)
        emit("batch_preview_threads", workers=workers, threads_per_unit=th, **fig)
    specs = [{"slot": 2, "n": n} for n in range(args.masters)]
    defaults = {"format": args.format, "ppi": args.ppi, "outputs": ["master"]}
    for workers, th in ((1, 2), (2, 1)):
        fig = _run(f"masters-{workers}x{th}", specs, defaults, LocalEngine(workers), th)
        emit(
            "batch_master_split",
            workers=workers,
            threads_per_unit=th,
            format=args.format,
            ppi=args.ppi,
            masters_per_hour=round(60 * fig["units_per_min"], 1),
            **fig,
        )


def orders(args) -> None:
    from foulard.batch import LocalEngine

    specs = [{"slot": 3, "n": n} for n in range(args.scarves)]
    defaults = {"format": args.format, "ppi": args.ppi, "outputs": ["order"]}
    fig = _run("orders", specs, defaults, LocalEngine(args.workers))
    fig["overhead_s_per_unit"] = _overhead(fig, args.workers)
    emit("batch_orders", format=args.format, ppi=args.ppi, workers=args.workers, **fig)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "what", nargs="?", default="all", choices=["all", "previews", "threads", "orders"]
    )
    ap.add_argument("--addresses", type=int, default=None)
    ap.add_argument("--px", type=int, default=512)
    ap.add_argument("--masters", type=int, default=2)
    ap.add_argument("--scarves", type=int, default=20)
    ap.add_argument("--format", default="carre90")
    ap.add_argument("--ppi", type=float, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engines", help="previews: a subset of local1,local2,dask2")
    args = ap.parse_args()
    if args.what in ("all", "previews"):
        previews(argparse.Namespace(**{**vars(args), "addresses": args.addresses or 1000}))
    if args.what in ("all", "threads"):
        threads(argparse.Namespace(**{**vars(args), "addresses": args.addresses or 60}))
    if args.what in ("all", "orders"):
        orders(args)
    print(json.dumps({"benchmark": "batch_done"}))


if __name__ == "__main__":
    main()
