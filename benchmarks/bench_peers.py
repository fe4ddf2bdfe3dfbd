"""Operators side by side with their best-known Python peers, in one process.

Each pair computes the same thing at the same size (2048 x 2048 unless said):
gradient noise against FastNoise Lite (``pyfastnoiselite``), periodic Worley F1
against SciPy's ``cKDTree.query`` with a periodic box, and reduction to 12
colours against Pillow's ``quantize``. Times are the best of five after a
warm-up, in CPU seconds of this process (everything here runs on one thread,
so CPU time is what wall time would be on an idle machine, and it stays
meaningful when other work shares the cores); the ratio is ours / peer (above
1: foulard is slower).

Our side is timed the way foulard uses it: the operator evaluated on every
pixel centre of the grid through the evaluator (parameter binding, the
operator's own state and the float32 result included), on one thread like the
peers.

Run: ``.venv/bin/python benchmarks/bench_peers.py [--size 2048]``
"""

from __future__ import annotations

import argparse
import os
import time

# One thread everywhere, BLAS included, so CPU time compares like with like.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from _common import emit  # noqa: E402
from foulard.genome import Genome, Node  # noqa: E402
from foulard.ops.examples import EXAMPLE_PALETTE  # noqa: E402
from foulard.render.cache import TileCache  # noqa: E402
from foulard.render.evaluate import Evaluator  # noqa: E402


def best_of(fn, repeats: int = 5) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    c = (np.arange(size, dtype=np.float64) + 0.5) / size
    return np.meshgrid(c, c)


def ours(root: Node, size: int, child: str | None = None):
    """A function evaluating ``root`` (or its input ``child``) at every pixel centre."""
    genome = Genome.make(root=root, palette=Node.make("color.palette", colors=EXAMPLE_PALETTE))
    x, y = grid(size)
    fp = 1.0 / size

    def run():
        ev = Evaluator(genome, cache=TileCache())
        bound = ev.root if child is None else ev.root.children[child]
        return ev.sample(bound, x, y, fp)

    return run


def noise_pairs(size: int) -> list[dict]:
    from pyfastnoiselite.pyfastnoiselite import FastNoiseLite, NoiseType

    rows = []
    for name, op, params, kind in (
        ("perlin", "fields.perlin_noise", {"frequency": 8}, NoiseType.NoiseType_Perlin),
        ("simplex", "fields.simplex_noise", {}, NoiseType.NoiseType_OpenSimplex2),
    ):
        gen = FastNoiseLite(seed=1)
        gen.noise_type = kind
        gen.frequency = 8.0 / size
        xs, ys = np.meshgrid(np.arange(size, dtype=np.float32), np.arange(size, dtype=np.float32))
        coords = np.stack([xs.ravel(), ys.ravel()])
        peer = best_of(lambda g=gen, c=coords: g.gen_from_coords(c))
        mine = best_of(ours(Node.make(op, **params), size))
        rows.append(
            {
                "task": f"2-D gradient noise ({name})",
                "ours": op,
                "peer": f"pyfastnoiselite {name}",
                "ours_s": round(mine, 4),
                "peer_s": round(peer, 4),
                "ratio": round(mine / peer, 2),
            }
        )
    return rows


def worley_pair(size: int) -> dict:
    from scipy.spatial import cKDTree

    cells = 22  # 484 feature points, about the 500 of the peers table
    rng = np.random.default_rng(1)
    pts = rng.random((cells * cells, 2))
    x, y = grid(size)
    q = np.stack([x.ravel(), y.ravel()], axis=-1)

    def peer():
        tree = cKDTree(pts, boxsize=1.0)
        d, _ = tree.query(q, k=1, workers=1)
        return d.reshape(size, size)

    mine = best_of(ours(Node.make("fields.worley_noise", cells=cells, feature="f1"), size))
    t = best_of(peer)
    return {
        "task": "Worley F1, periodic, ~500 points",
        "ours": "fields.worley_noise",
        "peer": "scipy cKDTree.query (boxsize=1, 1 worker)",
        "ours_s": round(mine, 4),
        "peer_s": round(t, 4),
        "ratio": round(mine / t, 2),
    }


def quantize_pair(size: int) -> dict:
    from PIL import Image

    from foulard.color.cielab import ciede2000, srgb_to_lab

    fbm = Node.make("fields.fbm", {"source": Node.make("fields.perlin_noise")})
    source = Node.make("color.gradient_map", {"source": fbm})
    q_run = ours(Node.make("color.quantize", {"source": source}, colors=12), size)
    src_run = ours(Node.make("color.quantize", {"source": source}, colors=12), size, child="source")
    rgba = src_run()
    rgb8 = np.clip(np.round(rgba[..., :3] / np.maximum(rgba[..., 3:4], 1e-6) * 255), 0, 255)
    image = Image.fromarray(rgb8.astype(np.uint8))

    t_source = best_of(src_run)
    t_total = best_of(q_run)
    t_peer = best_of(lambda: image.quantize(12, method=Image.Quantize.MEDIANCUT).convert("RGB"))
    t_octree = best_of(lambda: image.quantize(12, method=Image.Quantize.FASTOCTREE).convert("RGB"))

    def mean_de(rgb: np.ndarray) -> float:
        a = srgb_to_lab(rgb8[::8, ::8] / 255.0)
        b = srgb_to_lab(rgb[::8, ::8] / 255.0)
        return float(np.mean(ciede2000(a, b)))

    mine_rgb = np.round(q_run()[..., :3] * 255)
    peer_rgb = np.asarray(image.quantize(12, method=Image.Quantize.MEDIANCUT).convert("RGB"))
    mine = t_total - t_source
    return {
        "task": "reduce to 12 colours",
        "ours": "color.quantize (source evaluation subtracted)",
        "peer": "Pillow quantize median cut",
        "ours_s": round(mine, 4),
        "peer_s": round(t_peer, 4),
        "ratio": round(mine / t_peer, 2),
        "peer_fast_octree_s": round(t_octree, 4),
        "ours_mean_de2000": round(mean_de(mine_rgb), 2),
        "peer_mean_de2000": round(mean_de(peer_rgb.astype(np.float64)), 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=2048)
    size = ap.parse_args().size
    for row in [*noise_pairs(size), worley_pair(size), quantize_pair(size)]:
        emit("peers", size=size, **row)


if __name__ == "__main__":
    main()
