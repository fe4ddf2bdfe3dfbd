"""foulard's own model: inference speed, seams, resolution consistency.

python benchmarks/bench_model.py [--master]

- decoder alone on a 512 x 512 grid of points (the banded, separable path) and on
  512 x 512 scattered points: read from the torus table (what layouts sampling a
  model ground get; the table's first build apart) and exact, median of runs;
- a 512 px preview of a design whose root is ``learned.neural_prompt``;
- a 512 px preview of a scarf composed from a prompt that asks for the model (its
  ground is ``learned.neural_prompt``), beside the same recipe with a silk ground
  (``--prompt``), cold (first render) and warm (median of runs), and with
  ``--prompt --master`` both scarves' 10630 px masters;
- a 90 cm / 300 dpi master (10630 px): extrapolated from its first bands, or with
  ``--master`` written in full (TIFF-LZW + ICC, as ``bench_master.py`` does);
- seam error under period shifts (exactly 0) and 1024 -> 512 resolution consistency.

Prints one JSON line per figure (see benchmarks/_common.py).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(1000 * float(np.median(times)), 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--master", action="store_true", help="write the full 10630 px master")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument(
        "--prompt", action="store_true", help="also time a composed scarf with a model ground"
    )
    args = ap.parse_args()

    from foulard.model.evaluate import _genome, resolution_check, seam_check, speed_check
    from foulard.model.infer import load_model, weights_path

    model = load_model()
    rng = np.random.default_rng(0)
    c = model.condition("blue flowers").c
    dec = model.decoder(model.draw(c, rng).z, c, 1 / 512)
    t = (np.arange(512) + 0.5) / 512
    v, u = np.meshgrid(t, t, indexing="ij")
    master = model.decoder(model.draw(c, rng).z, c, 4 / 10630)  # a master's footprint
    t0 = time.perf_counter()
    master(u[:1, :1].ravel(), v[:1, :1].ravel())  # builds the print table
    table_ms = round(1000 * (time.perf_counter() - t0), 1)
    emit(
        "model_decoder_512",
        # the exact field on a 512 x 512 grid and at as many scattered points, nothing
        # kept from one run to the next (a render keeps node grids between its bands)
        grid_ms=_median_ms(lambda: dec._grid(t, t), args.runs),
        scattered_exact_ms=_median_ms(lambda: dec.exact(u.ravel(), v.ravel()), 3),
        print_table_build_ms=table_ms,
        print_table_side=master.table_side(),
        weights_mb=round(weights_path().stat().st_size / 1e6, 2),
        parameters=model.info.get("parameters"),
    )
    speed = speed_check()
    emit("model_preview_and_master", **speed, budget_preview_ms=150, budget_master_s=20)
    emit("model_seams", **seam_check(model, [model.draw(c, rng) for _ in range(4)], c))
    emit("model_resolution", **resolution_check(quick=True))
    if args.prompt:
        emit("model_prompt_preview", **_prompt_previews(args.runs), budget_preview_ms=150)
        if args.master:
            emit("model_prompt_master", **_prompt_masters(), budget_s=20)
    if args.master:
        from foulard.render import RenderContext, write_image

        g = _genome("learned.neural_prompt", 7, repeats=4, words="blue flowers")
        ctx = RenderContext.for_print(900, 900, 300)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            write_image(g, ctx, Path(tmp) / "m.tif", command="benchmarks/bench_model.py")
            took = time.perf_counter() - t0
        emit(
            "model_master_full",
            px=ctx.width,
            seconds=round(took, 1),
            rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            budget_s=20,
        )
    return 0


def _prompt_genomes():
    """A scarf composed for a prompt asking for the model, and the same with silk."""
    from foulard.prompt import build_genome, design, parse

    text = "AI blue peony with a huiwen border"
    (cand,) = design(parse(text), 1, perceptual=False).candidates
    silk = build_genome(cand.recipe.with_(ground="silk", neural=None))
    return text, cand.recipe.layout, {"model_ground": cand.genome, "silk_ground": silk}


def _prompt_masters() -> dict:
    from foulard.render import RenderContext, write_image

    _, layout, genomes = _prompt_genomes()
    ctx = RenderContext.for_print(900, 900, 300)
    out: dict = {"layout": layout, "px": ctx.width}
    with tempfile.TemporaryDirectory() as tmp:
        for name, g in genomes.items():
            t0 = time.perf_counter()
            write_image(g, ctx, Path(tmp) / f"{name}.tif", command="benchmarks/bench_model.py")
            out[f"{name}_s"] = round(time.perf_counter() - t0, 1)
    out["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _prompt_previews(runs: int) -> dict:
    """Cold and warm 512 px previews of a composed scarf with a model ground, and of the
    same recipe with a silk ground (what the model adds)."""
    from foulard.render import TileCache, render

    text, layout, genomes = _prompt_genomes()
    out: dict = {"prompt": text, "layout": layout}
    for name, g in genomes.items():
        cache = TileCache(64 * 1024 * 1024)
        t0 = time.perf_counter()
        render(g, 512, cache=cache)
        out[f"{name}_cold_ms"] = round(1000 * (time.perf_counter() - t0), 1)
        out[f"{name}_warm_ms"] = _median_ms(lambda g=g, c=cache: render(g, 512, cache=c), runs)
    return out


if __name__ == "__main__":
    sys.exit(main())
