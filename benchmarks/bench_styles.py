"""Preview times of the curves, colour, finishing and transform operators of issue 7.

For each operator (its example genome, over the example palette): a 512 px preview
cold (fresh caches: grids computed, vector sources rasterised) and warm (the same
preview again), and the warm preview of its first input alone, so that the
operator's own share is visible. One run each: the figures are wall seconds on a
shared machine; the load average is printed with each line.

Run: ``.venv/bin/python benchmarks/bench_styles.py [--ids transform.halftone ...]``
"""

from __future__ import annotations

import argparse
import os
import time

from _common import emit
from foulard.genome import Genome, Node
from foulard.ops import operators
from foulard.ops.examples import EXAMPLE_PALETTE, example_genome, example_node
from foulard.render import TileCache, render

FAMILIES = ("curves", "color", "finish", "transform")
SIZE = 512


def _ms(fn) -> float:
    t = time.perf_counter()
    fn()
    return round(1000 * (time.perf_counter() - t), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", nargs="*", default=None)
    args = ap.parse_args()
    specs = [s for f in FAMILIES for s in operators(f) if s.kind != "palette"]
    if args.ids:
        specs = [s for s in specs if s.id in args.ids]
    for spec in specs:
        genome = example_genome(spec.id, seed=1)
        cache = TileCache()
        cold = _ms(lambda g=genome, c=cache: render(g, SIZE, cache=c))
        warm = _ms(lambda g=genome, c=cache: render(g, SIZE, cache=c))
        source_ms = None
        node = example_node(spec)
        if node.inputs:
            child = node.inputs[0][1]
            child = child[0] if isinstance(child, list) else child
            palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
            sub = Genome.make(child, palette, seed=1)
            render(sub, SIZE, cache=cache)
            source_ms = _ms(lambda g=sub, c=cache: render(g, SIZE, cache=c))
        emit(
            "style_preview",
            op=spec.id,
            kind=spec.kind,
            cold_ms=cold,
            warm_ms=warm,
            source_warm_ms=source_ms,
            load=round(os.getloadavg()[0], 1),
        )


if __name__ == "__main__":
    main()
