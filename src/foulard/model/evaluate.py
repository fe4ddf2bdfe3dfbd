"""Evaluation of the model (``foulard model eval``): the figures of issue 10.

All measures use the library's own picture descriptors: the 195-d feature vector
(:mod:`foulard.library.features`) and the perceptual signature
(:mod:`foulard.perceptual`, whose ``distance <= 1`` is a near-duplicate).

- **novelty**: each sample's nearest training tile (cosine distance of feature
  vectors) and the number of samples that are near-duplicates (signature) of any
  training tile: memorised copies.
- **fidelity**: the distance between the distribution of sample features and that
  of the held-out archive tiles (Fréchet distance in the 16-d PCA space of the
  training features, and RBF-kernel MMD^2), for the model and two baselines:
  random noise fields (value noise in random colours) and "nearest neighbour of a
  random training image" (a retrieval generator that copies the training set).
- **conditioning**: a logistic classifier per concept trained on the training
  tiles' features tells which of K requested concepts a conditioned sample shows
  (top-1 among the K tested, chance 1/K); colours are also checked on the pixels.
  The same classifier's recall on real training tiles that carry the word (two-fold
  cross-validated) says how far to trust it: a tile carries several colours and
  motifs, and one picked among K is a strict test for real tiles too.
- **seams**: ``f(x) == f(x + 1)`` bit for bit, and the edge jump of a tile against
  its interior column steps.
- **print table**: how far a master's lattice/table reading is from the exact field.
- **resolution**: mean |1024 px downsampled - 512 px| of rendered samples.
- **speed**: 512 px preview render, and a band of a 10630 px master (extrapolated).
"""

from __future__ import annotations

import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["evaluate_model", "features_of", "model_labels"]

N_SAMPLES = 96
PER_CONCEPT = 12
PCA_DIM = 16
ROUNDS = 5  # draws per generator for the fidelity figures


def features_of(tiles: np.ndarray) -> tuple[np.ndarray, list]:
    """Feature vectors and signatures of sRGB tiles (``(N, h, w, 3)`` in [0, 1] or uint8)."""
    from foulard import perceptual
    from foulard.library.features import feature_vector

    feats, sigs = [], []
    for tile in tiles:
        t = tile.astype(np.float64) / 255.0 if tile.dtype == np.uint8 else tile.astype(np.float64)
        s = perceptual.signature(t)
        sigs.append(s)
        feats.append(feature_vector(t, s))
    return np.array(feats, np.float32), sigs


def _dataset_cache(data_dir: Path, arrays: dict, version: str) -> tuple[np.ndarray, list[str]]:
    """Feature vectors and signature texts of every tile, cached next to the dataset."""
    cache = data_dir / f"features-{version}.npz"
    if cache.is_file():
        with np.load(cache) as z:
            return z["features"], [str(t) for t in z["signatures"]]
    feats, sigs = features_of(arrays["images"])
    texts = [s.to_text() for s in sigs]
    np.savez(cache, features=feats, signatures=np.array(texts))
    return feats, texts


def dataset_signature_texts(data_dir: Path, arrays: dict, version: str) -> list[str]:
    """The signature texts of every tile of a dataset (cached)."""
    return _dataset_cache(data_dir, arrays, version)[1]


def _dataset_features(data_dir: Path, arrays: dict, version: str):
    from foulard import perceptual

    feats, texts = _dataset_cache(data_dir, arrays, version)
    return feats, perceptual.signature_arrays(texts)


def _pca(train: np.ndarray, dim: int):
    mean = train.mean(0)
    _, _, vt = np.linalg.svd(train - mean, full_matrices=False)
    basis = vt[:dim].T
    return lambda f: (f - mean) @ basis


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two sets of vectors."""
    from scipy import linalg

    ma, mb = a.mean(0), b.mean(0)
    ca, cb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = linalg.sqrtm(ca @ cb)
    covmean = np.real(covmean)
    return float(((ma - mb) ** 2).sum() + np.trace(ca + cb - 2.0 * covmean))


def mmd2(a: np.ndarray, b: np.ndarray, gamma: float) -> float:
    """Unbiased RBF-kernel MMD^2 between two sets of vectors."""

    def k(x, y):
        d = (x**2).sum(1)[:, None] + (y**2).sum(1)[None, :] - 2 * x @ y.T
        return np.exp(-gamma * np.maximum(d, 0.0))

    kaa, kbb, kab = k(a, a), k(b, b), k(a, b)
    n, m = len(a), len(b)
    return float(
        (kaa.sum() - np.trace(kaa)) / (n * (n - 1))
        + (kbb.sum() - np.trace(kbb)) / (m * (m - 1))
        - 2 * kab.mean()
    )


def _noise_tiles(n: int, rng: np.random.Generator, side: int = 64) -> np.ndarray:
    """Baseline: periodic value noise (3 octaves) mapped between two random colours."""
    out = np.empty((n, side, side, 3))
    t = np.arange(side) / side
    for i in range(n):
        acc = np.zeros((side, side))
        for octave, cells in enumerate((4, 8, 16)):
            grid = rng.random((cells, cells))
            gx = t * cells
            ix = np.floor(gx).astype(int)
            f = gx - ix
            f = f * f * (3 - 2 * f)
            a, b = ix % cells, (ix + 1) % cells
            rows = grid[:, a] * (1 - f) + grid[:, b] * f  # (cells, side)
            val = rows[a] * (1 - f)[:, None] + rows[b] * f[:, None]
            acc += val / (2**octave)
        acc = (acc - acc.min()) / max(np.ptp(acc), 1e-9)
        c0, c1 = rng.random(3), rng.random(3)
        out[i] = c0 * (1 - acc[..., None]) + c1 * acc[..., None]
    return out


def _logistic(x: np.ndarray, y: np.ndarray, steps: int = 300, l2: float = 1e-3) -> np.ndarray:
    """Binary logistic regression by gradient descent (weights with bias last)."""
    xb = np.concatenate([x, np.ones((len(x), 1))], 1)
    w = np.zeros(xb.shape[1])
    pos = max(y.mean(), 1e-3)
    sw = np.where(y > 0, 0.5 / pos, 0.5 / max(1 - pos, 1e-3))  # balanced classes
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        g = xb.T @ ((p - y) * sw) / len(y) + l2 * w
        w -= 4.0 * g
    return w


def _top(feats: np.ndarray, ws: list[np.ndarray], ids: list[int]) -> np.ndarray:
    fb = np.concatenate([feats, np.ones((len(feats), 1))], 1).astype(np.float64)
    return np.array(ids)[np.stack([fb @ w for w in ws], 1).argmax(1)]


def _real_recall(
    feats: np.ndarray, y: np.ndarray, ids: list[int], seed: int, reconstruct=None,
    per: int = 24,
) -> dict[str, Any]:  # fmt: skip
    """The classifier's own top-1 recall on real tiles: for each concept, the share of
    the training tiles carrying it for which it scores highest among ``ids``, with
    classifiers trained on the other half of the tiles (two folds).

    With ``reconstruct`` (rows -> features of the model's reconstructions of those
    training tiles: encoded, then decoded), also the recall on the reconstructions of
    ``per`` tiles a concept, each scored by the fold's classifier that never saw the
    tile: the most a sample drawn near a tile's latent can show of its words.
    """
    fold = np.random.default_rng(np.random.SeedSequence([seed, 0xF01D])).random(len(y)) < 0.5
    top = np.empty(len(y), np.int64)
    by_fold = []
    for test in (fold, ~fold):
        ws = [_logistic(feats[~test].astype(np.float64), y[~test, i]) for i in ids]
        top[test] = _top(feats[test], ws, ids)
        by_fold.append(ws)
    recall = {i: float((top[y[:, i] > 0] == i).mean()) for i in ids}
    out = {"recall": round(float(np.mean(list(recall.values()))), 3), "per_concept": recall}
    if reconstruct is not None:
        rng = np.random.default_rng(np.random.SeedSequence([seed, 0x2EC0]))
        again = {}
        for i in ids:
            rows = np.flatnonzero(y[:, i] > 0)
            rows = np.sort(rng.choice(rows, min(per, rows.size), replace=False))
            f = reconstruct(rows)
            hits = 0
            for k, in_test in enumerate((fold[rows], ~fold[rows])):
                if in_test.any():
                    hits += int((_top(f[in_test], by_fold[k], ids) == i).sum())
            again[i] = hits / max(rows.size, 1)
        out["reconstructed"] = round(float(np.mean(list(again.values()))), 3)
        out["reconstructed_per_concept"] = again
    return out


def _render_tiles(model, draws, cs, side: int = 64, inks: bool = True) -> np.ndarray:
    """64 px tiles of draws (:class:`foulard.model.infer.Draw`); ``inks=False`` leaves
    out their colour maps (the decoder's own colours: the ablation)."""
    return np.stack([
        model.render_tile(d.z, c, side, d.colours if inks else None)
        for d, c in zip(draws, cs, strict=True)
    ])  # fmt: skip


def model_labels(model_concepts, data_concepts, labels: np.ndarray) -> np.ndarray:
    """The dataset's labels ``(N, C_data)`` as columns of the model's concepts
    ``(N, C_model)``, matched by name (a concept the dataset lacks is a zero column),
    so a model is evaluated on a dataset of another version too."""
    index = {c: j for j, c in enumerate(data_concepts)}
    out = np.zeros((labels.shape[0], len(model_concepts)), np.float32)
    for i, c in enumerate(model_concepts):
        if c in index:
            out[:, i] = labels[:, index[c]]
    return out


def evaluate_model(
    data_dir: str | Path, *, weights: str | Path | None = None, model_name: str | None = None,
    seed: int = 0, quick: bool = False, progress=None,
) -> dict[str, Any]:  # fmt: skip
    """All the figures, as a JSON-ready dict, of the weights at ``weights`` or of the
    shipped model ``model_name`` (default: the latest that draws), drawn its way."""
    from foulard import perceptual
    from foulard.model.concepts import colour_words
    from foulard.model.dataset import load_dataset
    from foulard.model.infer import LATEST, load_model

    say = progress or (lambda msg: None)
    data_dir = Path(data_dir)
    model = load_model(weights, model=model_name)
    arrays, manifest = load_dataset(data_dir)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xE7A1]))
    n = 24 if quick else N_SAMPLES
    say("features of the dataset")
    feats, sig_arrays = _dataset_features(data_dir, arrays, manifest["version"])
    split = arrays["split"]
    train_f, held_f = feats[split == 0], feats[split == 1]
    train_idx = np.flatnonzero(split == 0)
    train_sigs = perceptual.SignatureArrays(
        sig_arrays.hashes[train_idx], sig_arrays.colours[train_idx], sig_arrays.layouts[train_idx]
    )
    out: dict[str, Any] = {
        "dataset_version": manifest["version"],
        "weights_sha256": model.info.get("sha256"),
        "training_steps": model.info.get("steps"),
        "seed": seed,
    }

    # -- samples -------------------------------------------------------------------------
    say("samples")
    zero = np.zeros(len(model.concepts), np.float32)
    uncond_d = [model.draw(zero, rng, 0.8) for _ in range(n)]
    uncond = _render_tiles(model, uncond_d, [zero] * n)
    labels = model_labels(model.concepts, manifest["concepts"], arrays["labels"])
    held_rows = np.flatnonzero(split == 1)
    cond_cs = []
    for i in held_rows[: n if quick else len(held_rows)]:
        c = labels[i] / max(labels[i].sum(), 1.0)
        cond_cs.append(c.astype(np.float32))
    cond_d = [model.draw(c, rng, 0.8) for c in cond_cs]
    cond = _render_tiles(model, cond_d, cond_cs)
    uncond_f, uncond_s = features_of(uncond)
    cond_f, cond_s = features_of(cond)

    # -- novelty -------------------------------------------------------------------------
    say("novelty")

    def novelty(fs, ss):
        nn = 1.0 - (fs @ train_f.T).max(1)
        sig_nn = np.array([perceptual.distances_to(s, train_sigs).min() for s in ss])
        return {
            "nn_cosine_distance_min": round(float(nn.min()), 4),
            "nn_cosine_distance_median": round(float(np.median(nn)), 4),
            # The library's near-duplicate rule is distance <= 1 (in thresholds).
            "memorised_copies": int((sig_nn <= 1.0).sum()),
            "near_duplicates_strictly_below_threshold": int((sig_nn < 1.0).sum()),
            "signature_nn_distance_min": round(float(sig_nn.min()), 3),
            "signature_nn_distance_median": round(float(np.median(sig_nn)), 3),
            "samples": len(fs),
        }

    held_nn = 1.0 - (held_f @ train_f.T).max(1)

    def refused(draws) -> dict[str, int]:
        # draws the model refused itself as near-duplicates of a training tile
        return {"draws_refused": int(sum(d.redraws for d in draws)), "samples": len(draws)}

    out["novelty"] = {
        "unconditional": novelty(uncond_f, uncond_s) | refused(uncond_d),
        "conditioned_on_heldout_words": novelty(cond_f, cond_s) | refused(cond_d),
        "reference_heldout_archive_nn_median": round(float(np.median(held_nn)), 4),
    }

    # -- fidelity ------------------------------------------------------------------------
    # Fréchet and MMD over 76 pictures move by +-0.05 from one draw to the next (the
    # nearest-neighbour baseline ranged 0.27-0.46 over 20 draws), so every generator,
    # baselines included, is scored over ROUNDS draws (mean and spread), and the
    # baselines draw from their own stream: the model's draws never move them.
    say("fidelity")
    base_rng = np.random.default_rng(np.random.SeedSequence([seed, 0xBA5E]))
    proj = _pca(train_f, PCA_DIM)
    held_p = proj(held_f)
    d2 = ((held_p[:, None] - held_p[None]) ** 2).sum(-1)
    gamma = 1.0 / max(float(np.median(d2[d2 > 0])), 1e-9)

    def nn_baseline() -> np.ndarray:
        # "nearest neighbour of a random training image": copies of the training set.
        picks = base_rng.choice(len(train_f), size=len(held_f), replace=False)
        sims = train_f[picks] @ train_f.T
        sims[np.arange(len(picks)), picks] = -np.inf
        return train_f[sims.argmax(1)]

    def redraw(cs: list[np.ndarray], inks: bool = True) -> np.ndarray:
        ds = [model.draw(c, rng, 0.8) for c in cs]
        return features_of(_render_tiles(model, ds, cs, inks=inks))[0]

    rounds = 2 if quick else ROUNDS
    draws = {
        "model_conditioned": [cond_f] + [redraw(cond_cs) for _ in range(rounds - 1)],
        "model_unconditional": [uncond_f] + [redraw([zero] * n) for _ in range(rounds - 1)],
        # the same draws without their inks: what the colour transfer adds
        "model_conditioned_own_colours": [redraw(cond_cs, False) for _ in range(rounds)],
        "baseline_noise": [
            features_of(_noise_tiles(len(held_f), base_rng))[0] for _ in range(rounds)
        ],
        "baseline_nn_of_random_training_image": [nn_baseline() for _ in range(rounds)],
    }
    fid: dict[str, Any] = {"heldout_archive_tiles": len(held_f), "pca_dim": PCA_DIM}
    fid["rounds"] = rounds
    for name, fs in draws.items():
        fr = [frechet(proj(f), held_p) for f in fs]
        mm = [mmd2(proj(f), held_p, gamma) for f in fs]
        fid[name] = {
            "frechet": round(float(np.mean(fr)), 4),
            "frechet_sd": round(float(np.std(fr)), 4),
            "mmd2": round(float(np.mean(mm)), 5),
            "mmd2_sd": round(float(np.std(mm)), 5),
        }
    out["fidelity"] = fid

    # -- conditioning --------------------------------------------------------------------
    say("conditioning")
    counts = labels[split == 0].sum(0)
    colour_ids = [i for i, c in enumerate(model.concepts) if c.startswith("colour:")]
    colour_ids = [i for i in colour_ids if counts[i] >= 20]
    motif_ids = [
        i for i in np.argsort(-counts) if not model.concepts[i].startswith("colour:")
        and counts[i] >= 20
    ][:12]  # fmt: skip
    y_all = labels[split == 0]
    cond_out: dict[str, Any] = {}
    per = 4 if quick else PER_CONCEPT

    def reconstruct(rows: np.ndarray) -> np.ndarray:
        # training tiles through the autoencoder (the tile's words as c: the Fourier
        # decoders read them; the grid decoders do not)
        tiles = []
        for r in rows:
            img = arrays["images"][train_idx[r]].astype(np.float32) / 255.0
            c = y_all[r] / max(float(y_all[r].sum()), 1.0)
            tiles.append(model.render_tile(model.encode(img)[0], c.astype(np.float32), 64))
        return features_of(np.clip(np.stack(tiles), 0.0, 1.0))[0]

    for group, ids in (("colours", colour_ids), ("motifs", motif_ids)):
        ws = [_logistic(train_f.astype(np.float64), y_all[:, i]) for i in ids]
        correct, total, pixel_hits = 0, 0, 0
        per_concept = {}
        for i in ids:
            c = model.condition_ids([model.concepts[i]])
            ds = [model.draw(c, rng, 0.8) for _ in range(per)]
            tiles = _render_tiles(model, ds, [c] * per)
            hits = int((_top(features_of(tiles)[0], ws, ids) == i).sum())
            correct += hits
            total += per
            per_concept[model.concepts[i]] = round(hits / per, 3)
            if group == "colours":
                pixel_hits += sum(model.concepts[i] in colour_words(t) for t in tiles)
        cond_out[group] = {
            "concepts": len(ids),
            "accuracy": round(correct / max(total, 1), 3),
            "chance": round(1.0 / max(len(ids), 1), 3),
            "per_concept": per_concept,
        }
        real = _real_recall(train_f, y_all, ids, seed, reconstruct, per=per)
        cond_out[group]["real_tiles_recall"] = real["recall"]
        cond_out[group]["real_tiles_recall_per_concept"] = {
            model.concepts[i]: round(r, 3) for i, r in real["per_concept"].items()
        }
        cond_out[group]["reconstructions_recall"] = real["reconstructed"]
        cond_out[group]["reconstructions_recall_per_concept"] = {
            model.concepts[i]: round(r, 3) for i, r in real["reconstructed_per_concept"].items()
        }
        if group == "colours":
            base = float(np.mean([y_all[:, i].mean() for i in ids])) if ids else 0.0
            cond_out[group]["pixel_presence"] = round(pixel_hits / max(total, 1), 3)
            cond_out[group]["pixel_presence_base_rate"] = round(base, 3)
    out["conditioning"] = cond_out
    if model.diffusion is not None:
        say("denoising")
        out["prior_denoising"] = denoising_check(model, arrays, rng, 32 if quick else 128)

    # -- seams, resolution, speed ----------------------------------------------------------
    say("seams and resolution")
    out["seams"] = seam_check(model, uncond_d[:8], zero)
    out["print_table"] = print_table_check(model, uncond_d[:8], zero, quick=quick)
    # The operators render the evaluated model: weights through the environment, a
    # shipped model by its name on the nodes (so it draws its own way).
    if weights is not None:
        chosen, node = _weights_for_operators(model.path), {}
    else:
        chosen, node = nullcontext(), {"model": model_name or LATEST}
        out["model"] = node["model"]
    with chosen:
        out["resolution"] = resolution_check(quick=quick, **node)
        say("speed")
        out["speed"] = speed_check(quick=quick, **node)
    return out


DENOISE_STEPS = (50, 200, 400, 800)


def denoising_check(model, arrays: dict, rng: np.random.Generator, n: int) -> dict[str, Any]:
    """How well the diffusion prior recovers training tiles' maps from noisy ones.

    For ``n`` training tiles' encoded maps (normalised as the prior sees them) and each
    step of :data:`DENOISE_STEPS`: the root-mean-square error of the network's estimate
    of the clean map, with the tile's words and without, beside the error of the best
    estimate for maps with no structure at all (independent unit Gaussians: the noisy
    map shrunk by its signal share). A prior close to that baseline has learnt little
    of how the maps' cells go together, whatever its loss says.
    """
    from foulard.model.diffusion import alpha_bar, clean_estimate

    d = model.diffusion
    train = np.flatnonzero(arrays["split"] == 0)
    rows = rng.choice(train, min(n, train.size), replace=False)
    ch, s = model.latent_shape
    x0, cs = [], []
    for k in rows:
        mu = model.encode(arrays["images"][k] / 255.0)[0].reshape(ch, s, s)
        x0.append((mu - d.shift[:, None, None]) / d.scale[:, None, None])
        lab = arrays["labels"][k].astype(np.float32)
        cs.append(lab / max(lab.sum(), 1.0))
    x0, c = np.asarray(x0, np.float32), np.asarray(cs, np.float32)
    ab = alpha_bar()
    out: dict[str, Any] = {"maps": len(rows), "steps": {}}
    for t in DENOISE_STEPS:
        a = ab[t]
        xt = (np.sqrt(a) * x0 + np.sqrt(1 - a) * rng.standard_normal(x0.shape)).astype(np.float32)
        errors = []
        for cc in (c, np.zeros_like(c)):
            v = d.predict(xt, np.full(len(rows), t), cc)
            errors.append(np.sqrt(((clean_estimate(xt, v, a) - x0) ** 2).mean()))
        out["steps"][str(t)] = {
            "noise_over_signal": round(float(np.sqrt((1 - a) / a)), 3),
            "rms_error_words": round(float(errors[0]), 4),
            "rms_error_no_words": round(float(errors[1]), 4),
            "rms_error_no_structure": round(float(np.sqrt(1 - a)), 4),
        }
    return out


@contextmanager
def _weights_for_operators(path: Path):
    """The ``learned.neural_*`` operators load ``path`` for as long as it lasts
    (through ``$FOULARD_MODEL_WEIGHTS``, restored after)."""
    import os

    before = os.environ.get("FOULARD_MODEL_WEIGHTS")
    os.environ["FOULARD_MODEL_WEIGHTS"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("FOULARD_MODEL_WEIGHTS", None)
        else:
            os.environ["FOULARD_MODEL_WEIGHTS"] = before


def seam_check(model, draws, c) -> dict[str, Any]:
    """Bitwise periodicity and edge jump of samples (draws) rendered at 256 px."""
    side = 256
    t = (np.arange(side) + 0.5) / side
    v, u = np.meshgrid(t, t, indexing="ij")
    from foulard.ops._common.geometry import wrap01

    max_err, ratios = 0.0, []
    for d in draws:
        dec = model.decoder(d.z, c, 1.0 / side, d.colours)
        a = dec(wrap01(u), wrap01(v))
        b = dec(wrap01(u + 1.0), wrap01(v + 3.0))
        max_err = max(max_err, float(np.abs(a - b).max()))
        inner = np.abs(np.diff(a, axis=1)).mean()
        edge = np.abs(a[:, 0] - a[:, -1]).mean()
        ratios.append(edge / max(inner, 1e-9))
    return {
        "max_abs_error_under_period_shift": max_err,
        "edge_jump_over_interior_step_mean": round(float(np.mean(ratios)), 3),
        "samples": len(draws),
    }


def print_table_check(model, draws, c, quick: bool = False) -> dict[str, Any]:
    """How far a master's reading of samples (the 512-step lattice and table, bilinear)
    is from the exact field, at random points and a master's footprint (4 repeats on
    a 90 cm, 300 dpi scarf), in 1/255 steps of sRGB."""
    rng = np.random.default_rng(0x7AB1)
    points = 20_000 if quick else 200_000
    errors = []
    for d in draws:
        dec = model.decoder(d.z, c, 4.0 / 10630, d.colours)
        u, v = rng.random(points), rng.random(points)
        errors.append(np.abs(dec(u, v) - dec.exact(u, v)).max(1) * 255.0)
    e = np.concatenate(errors)
    return {
        "max": round(float(e.max()), 1),
        "max_per_sample": [round(float(x.max()), 1) for x in errors],
        "mean": round(float(e.mean()), 3),
        "p99_9": round(float(np.percentile(e, 99.9)), 1),
        "share_over_4": round(float((e > 4).mean()), 5),
        "samples": len(draws),
        "points_each": points,
    }


def _genome(op: str, seed: int, **params):
    from foulard.genome.schema import Genome, Node
    from foulard.ops.examples import EXAMPLE_PALETTE

    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    return Genome.make(Node.make(op, **params), palette, seed=seed, meta={"title": op})


def resolution_check(quick: bool = False, **node) -> dict[str, Any]:
    from foulard.render import render_float

    errs = []
    for s in range(2 if quick else 4):
        g = _genome("learned.neural_prompt", 100 + s, repeats=3, words="red flowers", **node)
        small = render_float(g, 512)
        big = render_float(g, 1024)
        down = big.reshape(512, 2, 512, 2, 3).mean(axis=(1, 3))
        errs.append(float(np.abs(down - small).mean()))
    return {"mean_abs_1024_down_vs_512": round(float(np.mean(errs)), 5), "genomes": len(errs)}


def speed_check(quick: bool = False, **node) -> dict[str, Any]:
    """512 px previews of new designs (median of runs: each a sample not drawn before,
    so nothing of it is cached), the same design again, and a 10630 px master
    extrapolated from bands (``node``: more parameters of the sampled node)."""
    from foulard.render import RenderContext, render
    from foulard.render.bands import iter_bands

    g = _genome("learned.neural_prompt", 7, repeats=4, words="blue flowers", **node)
    render(g, 64)  # load the model
    times, again = [], []
    for seed in range(8, 11 if quick else 15):
        new = _genome("learned.neural_prompt", seed, repeats=4, words="blue flowers", **node)
        t0 = time.perf_counter()
        render(new, 512)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        render(new, 512)
        again.append(time.perf_counter() - t0)
    ctx = RenderContext.preview(10630)
    rows_done, t0 = 0, time.perf_counter()
    limit = 3 if quick else 7
    first_s = first_rows = 0.0
    for k, (_r0, band) in enumerate(iter_bands(g, ctx)):
        if k == 0:  # the first band also makes the print table: counted once
            first_s, first_rows = time.perf_counter() - t0, band.shape[0]
            t0 = time.perf_counter()
        else:
            rows_done += band.shape[0]
        if k + 1 >= limit:
            break
    dt = time.perf_counter() - t0
    return {
        "preview_512_ms_median": round(1000 * float(np.median(times)), 1),
        "preview_512_ms_min": round(1000 * float(np.min(times)), 1),
        "preview_512_again_ms_median": round(1000 * float(np.median(again)), 1),
        "master_10630_rows_timed": int(first_rows + rows_done),
        "master_10630_s_extrapolated": round(
            first_s + dt * (10630 - first_rows) / max(rows_done, 1), 1
        ),
    }
