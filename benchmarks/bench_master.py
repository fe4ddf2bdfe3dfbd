"""Print master: 90 cm at 300 dpi, TIFF-LZW + predictor + sRGB ICC.

Budget: <= 20 s and peak RSS <= 1 GB on 2 cores. Also measures the I/O floor: the
time pyvips needs just to write a constant image of the same size with the same
settings; the ratio master / floor says how much the rendering itself costs.

Each measurement runs in a fresh subprocess so peak RSS is the master's alone.

    python benchmarks/bench_master.py [--size-cm 90] [--dpi 300] [--hem-mm 0] [--seed 1000]
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


def _child(mode: str, size_cm: float, dpi: float, hem_mm: float, seed: int, out: str) -> None:
    from foulard.render import RenderContext, write_image

    ctx = RenderContext.for_print(size_cm * 10, size_cm * 10, dpi, bleed_mm=hem_mm)
    t0 = time.perf_counter()
    if mode == "master":
        from foulard.scarf.random_design import random_genome

        write_image(random_genome(seed), ctx, out, command="benchmarks/bench_master.py")
    else:
        import pyvips

        from foulard.render import srgb_profile

        img = pyvips.Image.black(ctx.width, ctx.height, bands=3).new_from_image([200, 120, 40])
        img = img.copy(interpretation="srgb", xres=ctx.dpi / 25.4, yres=ctx.dpi / 25.4)
        img = img.cast("uchar")
        img.set_type(pyvips.GValue.blob_type, "icc-profile-data", srgb_profile())
        img.tiffsave(
            out,
            compression="lzw",
            predictor="horizontal",
            tile=True,
            tile_width=256,
            tile_height=256,
        )
    took = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": took, "rss_mb": rss_mb, "px": ctx.width, "bytes": Path(out).stat().st_size}
        )
    )


def _run(mode: str, args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / f"{mode}.tif")
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                mode,
                "--size-cm",
                str(args.size_cm),
                "--dpi",
                str(args.dpi),
                "--hem-mm",
                str(args.hem_mm),
                "--seed",
                str(args.seed),
                "--out",
                out,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-cm", type=float, default=90)
    ap.add_argument("--dpi", type=float, default=300)
    ap.add_argument("--hem-mm", type=float, default=0)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--child")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.size_cm, args.dpi, args.hem_mm, args.seed, args.out)
        return
    floor = _run("floor", args)
    master = _run("master", args)
    emit(
        "master",
        size_cm=args.size_cm,
        dpi=args.dpi,
        hem_mm=args.hem_mm,
        px=master["px"],
        seconds=round(master["seconds"], 2),
        peak_rss_mb=round(master["rss_mb"]),
        file_mb=round(master["bytes"] / 1e6, 1),
        io_floor_seconds=round(floor["seconds"], 2),
        ratio_to_io_floor=round(master["seconds"] / floor["seconds"], 2),
        budget_seconds=20,
        budget_rss_mb=1024,
    )


if __name__ == "__main__":
    main()
