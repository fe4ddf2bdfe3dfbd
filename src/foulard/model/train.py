"""Training the model with torch (the optional ``ai`` extra); torch is imported only here
and in :mod:`foulard.model.diffusion_train` (the diffusion prior).

``train`` is reproducible from its seed (data order, augmentation and initial
weights come from seeded generators; torch runs deterministic CPU kernels) and
resumable: a checkpoint (weights, optimiser, step, generator states) is written
atomically every ``checkpoint_s`` seconds and at the end, and a run started again
in the same folder continues from it. ``init`` starts a new run (a fine-tune, on
another dataset) from another run's checkpoint: its network only, with a fresh
optimiser and schedule. Each checkpoint also exports the weights to
the plain ``.npz`` that :mod:`foulard.model.infer` reads with NumPy, and appends to
``loss.csv`` (step, seconds, loss, reconstruction, KL, beta, learning rate).
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.model import arch
from foulard.model.infer import write_weights

__all__ = ["TrainConfig", "export_weights", "train"]

SIGMA = 0.1  # pixel noise of the Gaussian likelihood (sRGB units)
SPECTRAL = 2.0  # weight of the shift-invariant spectral-amplitude loss (on lightness)
BETA_MAX = 0.5  # weight of the KL term after warm-up (below 1: the latent keeps more)
LUMA = (0.2126, 0.7152, 0.0722)
Z_NOISE = 0.1  # the posterior's spread when it is fixed (config "posterior": "fixed")
ARCHS = ("fourier", "grid", "spatial")  # see foulard.model.arch
COND_DROP = 0.15  # share of steps' samples trained with no words (the unconditional prior)
WORD_DROP = 0.3  # each word of a tile is dropped with this probability (partial prompts)


def _torch():
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - exercised without the extra
        raise FoulardError(
            "training needs torch: install the optional extra "
            "(.venv/bin/pip install 'foulard[ai]' or torch==2.13.0, the CPU build)"
        ) from exc
    return torch


class TrainConfig(dict):
    """The settings of a run (a dict, saved in the checkpoint and the weights' JSON)."""

    @classmethod
    def make(cls, **kw: Any) -> TrainConfig:
        cfg = cls(
            steps=12000, batch=24, lr=2e-3, seed=0, beta_warmup=1500, checkpoint_s=180.0,
            arch="fourier", posterior="learned", roll=True,
        )  # fmt: skip
        cfg.update({k: v for k, v in kw.items() if v is not None})
        return cfg

    def check(self) -> TrainConfig:
        """The settings that go together; a :class:`FoulardError` naming the one that
        does not (returns the config)."""
        kind = self.get("arch", "fourier")
        if kind not in ARCHS:
            raise FoulardError(f"unknown architecture {kind!r}: {', '.join(ARCHS)}")
        if "z_noise" in self and self.get("posterior", "learned") != "fixed":
            raise FoulardError("--latent-noise: only a fixed posterior has a set spread")
        if ("latent_side" in self or "latent_channels" in self) and kind != "spatial":
            raise FoulardError("--latent-side/--latent-channels: only a spatial latent is a map")
        arch.check_latent_side(self.latent[1])
        return self

    @property
    def latent(self) -> tuple[int, int]:
        """A spatial latent map's ``(channels, side)`` (defaults: :class:`arch.SPATIAL`)."""
        S = arch.SPATIAL
        return int(self.get("latent_channels", S.LATENT_CH)), int(
            self.get("latent_side", S.LATENT_SIDE)
        )


class _Encoding:
    """The encoder every network shares (a mixin, so its layers keep their names in
    the weights: ``enc.*``, ``enc_fc``): four strided 4x4 circular convolutions on a
    64 px tile, then the mean and log-variance of ``q(z | x)``. The spatial latent
    (:class:`foulard.model.arch.SPATIAL`) stops at 8 px, three convolutions, and a
    3 x 3 circular convolution (``enc_out``) gives a mean and log-variance per cell,
    flattened in channel, row, column order."""

    def add_encoder(self, zdim: int, latent: tuple[int, int] | None = None) -> None:
        """``latent``: a spatial latent's ``(channels, side)``; ``None``: a vector."""
        nn = _torch().nn
        convs = []
        cin = 3
        if latent:
            channels = arch.ENC_CHANNELS[: arch.SPATIAL.LATENT_SIDES[latent[1]]]
        else:
            channels = arch.ENC_CHANNELS
        for cout in channels:
            convs.append(nn.Conv2d(cin, cout, 4, stride=2, padding=1, padding_mode="circular"))
            cin = cout
        self.enc = nn.ModuleList(convs)
        if latent:
            self.enc_out = nn.Conv2d(cin, 2 * latent[0], 3, padding=1, padding_mode="circular")
        else:
            self.enc_fc = nn.Linear(cin * 16, 2 * zdim)

    def encode(self, img):
        torch = _torch()
        h = img * 2.0 - 1.0
        for conv in self.enc:
            h = torch.nn.functional.leaky_relu(conv(h), 0.2)
        if hasattr(self, "enc_out"):
            mu, logvar = (t.flatten(1) for t in self.enc_out(h).chunk(2, dim=1))
        else:
            mu, logvar = self.enc_fc(h.flatten(1)).chunk(2, dim=1)
        return mu, logvar.clamp(-12.0, 6.0)


def _build(n_concepts: int):
    torch = _torch()
    nn = torch.nn
    F = len(arch.frequencies())
    F2 = 2 * F
    H, L = arch.HIDDEN, arch.LAYERS

    class Net(_Encoding, nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.add_encoder(arch.ZDIM)
            self.cemb = nn.Linear(n_concepts, arch.CEMB)
            self.prior1 = nn.Linear(arch.CEMB, 128)
            self.prior2 = nn.Linear(128, 2 * arch.ZDIM)
            self.map1 = nn.Linear(arch.ZDIM + arch.CEMB, arch.MAP_HIDDEN)
            self.map2 = nn.Linear(arch.MAP_HIDDEN, arch.MAP_HIDDEN)
            self.map3 = nn.Linear(arch.MAP_HIDDEN, L * 2 * H)
            self.spec = nn.Linear(arch.MAP_HIDDEN, 2 * F)
            self.w1 = nn.Linear(F2, H, bias=False)
            self.w2 = nn.Linear(H, H, bias=False)
            self.w3 = nn.Linear(H, H, bias=False)
            self.out = nn.Linear(H, 3)
            with torch.no_grad():
                self.map3.weight.mul_(0.1)
                self.map3.bias.zero_()
                self.spec.bias.zero_()

        def embed(self, c):
            return self.cemb(c)

        def prior(self, ce):
            mu, logvar = self.prior2(torch.relu(self.prior1(ce))).chunk(2, dim=1)
            return mu, logvar.clamp(-12.0, 6.0)

        def decode(self, phi, z, ce):
            B = z.shape[0]
            m = torch.relu(self.map1(torch.cat([z, ce], 1)))
            m = torch.relu(self.map2(m))
            film = self.map3(m).view(B, L, 2, H)
            g, b = 1.0 + film[:, :, 0], film[:, :, 1]
            alpha, beta = self.spec(m).view(B, 2, F).unbind(1)
            alpha = 1.0 + alpha
            w1c, w1s = self.w1.weight[:, :F].T, self.w1.weight[:, F:].T  # (F, H)
            # Per-sample complex gain (alpha + i beta) on each frequency, folded into w1.
            wc = alpha[:, :, None] * w1c + beta[:, :, None] * w1s  # (B, F, H)
            ws = alpha[:, :, None] * w1s - beta[:, :, None] * w1c
            h = torch.matmul(phi[:, :F], wc) + torch.matmul(phi[:, F:], ws)  # (B, P, H)
            h = torch.relu(h * g[:, 0, None] + b[:, 0, None])
            h = torch.relu(self.w2(h) * g[:, 1, None] + b[:, 1, None])
            h = torch.relu(self.w3(h) * g[:, 2, None] + b[:, 2, None])
            return torch.sigmoid(self.out(h))  # (B, P, 3)

    return Net()


def _build_grid(spatial: bool = False, latent: tuple[int, int] = (8, 8)):
    """Model v3's network (:class:`foulard.model.arch.GRID`): the same encoder as the
    Fourier decoder's, a convolutional generator of a periodic feature grid, and a
    per-point network reading it. No learned prior: the mixture is fitted after.
    ``spatial``: the latent is a periodic map (:class:`foulard.model.arch.SPATIAL`),
    read by a 3 x 3 convolution (``gen_in``) instead of the linear layer ``gen_fc``,
    and the generator's first convolution runs at the map's size (no doubling).
    ``latent``: the map's ``(channels, side)`` (side 8 or 16: ``SPATIAL.LATENT_SIDES``)."""
    torch = _torch()
    nn = torch.nn
    G = arch.SPATIAL if spatial else arch.GRID
    ch, side = latent
    if spatial:
        arch.check_latent_side(side)

    class GridNet(_Encoding, nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.add_encoder(G.ZDIM, latent if spatial else None)
            if spatial:
                self.gen_in = nn.Conv2d(ch, G.CHANNELS[0], 3, padding=1, padding_mode="circular")
            else:
                self.gen_fc = nn.Linear(G.ZDIM, G.CHANNELS[0] * 16)
            self.gen = nn.ModuleList(
                nn.Conv2d(a, b, 3, padding=1, padding_mode="circular")
                for a, b in itertools.pairwise(G.CHANNELS)
            )
            nf = G.FEAT * len(G.SCALES)
            self.gen_out = nn.Conv2d(G.CHANNELS[-1], nf, 3, padding=1, padding_mode="circular")
            self.p1 = nn.Linear(nf, G.HIDDEN)
            self.p2 = nn.Linear(G.HIDDEN, G.HIDDEN)
            self.out = nn.Linear(G.HIDDEN, 3)

        def grid(self, z):
            lrelu = torch.nn.functional.leaky_relu
            if spatial:
                h = lrelu(self.gen_in(z.view(z.shape[0], ch, side, side)), 0.2)
            else:
                h = lrelu(self.gen_fc(z), 0.2).view(z.shape[0], G.CHANNELS[0], 4, 4)
            for i, conv in enumerate(self.gen):
                if (i or not spatial) and h.shape[-1] < G.SIDE:
                    h = h.repeat_interleave(2, 2).repeat_interleave(2, 3)
                h = lrelu(conv(h), 0.2)
            return self.gen_out(h)  # (B, FEAT, SIDE, SIDE)

        def decode(self, z, interp):
            """``interp``: ``(len(SCALES), n, SIDE)`` matrices reading each scale's grid."""
            g = self.grid(z).split(G.FEAT, dim=1)  # per scale (B, FEAT, SIDE, SIDE)
            pairs = zip(interp, g, strict=True)
            read = [torch.einsum("ij,bcjk,lk->bilc", a, gs, a) for a, gs in pairs]
            f = torch.cat(read, dim=-1)  # (B, n, n, FEAT * scales)
            h = torch.relu(self.p1(f))
            h = torch.relu(self.p2(h))
            return torch.sigmoid(self.out(h)).permute(0, 3, 1, 2)  # (B, 3, n, n)

    return GridNet()


def grid_interp(n: int) -> np.ndarray:
    """The grid decoder's reading matrices ``(len(SCALES), n, SIDE)`` for ``n`` px tiles."""
    mats = [arch.grid_interp_matrix(n, scale=s) for s in arch.GRID.SCALES]
    return np.stack(mats).astype(np.float32)


def grid_features(n: int) -> np.ndarray:
    """Fourier features ``(n*n, 2F)`` of an ``n`` px grid over the unit torus, pre-filtered."""
    k = arch.frequencies().astype(np.float64)
    t = (np.arange(n) + 0.5) / n
    y, x = np.meshgrid(t, t, indexing="ij")
    ang = 2.0 * np.pi * (x.reshape(-1, 1) * k[:, 0] + y.reshape(-1, 1) * k[:, 1])
    a = arch.attenuation(arch.FP_REF)
    return np.concatenate([np.cos(ang) * a, np.sin(ang) * a], 1).astype(np.float32)


def _augment(imgs: np.ndarray, rng: np.random.Generator, roll: bool = True) -> np.ndarray:
    """Flips and transposes (and, with ``roll``, a random shift on the torus)."""
    out = np.empty_like(imgs)
    n = imgs.shape[1]
    for i, img in enumerate(imgs):
        moved = img
        if roll:
            moved = np.roll(img, (int(rng.integers(n)), int(rng.integers(n))), axis=(0, 1))
        if rng.random() < 0.5:
            moved = moved[:, ::-1]
        if rng.random() < 0.5:
            moved = moved.transpose(1, 0, 2)
        out[i] = moved
    return out


def _edge_error(pred, target):
    """Squared error of the differences between neighbouring pixels (across and down,
    wrapping: the tiles are periodic), summed per tile and averaged over the batch."""
    err = 0.0
    for dim in (2, 3):
        dp = pred - pred.roll(1, dim)
        dt = target - target.roll(1, dim)
        err = err + ((dp - dt) ** 2).sum((1, 2, 3)).mean()
    return err


def _cond(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    keep = (rng.random(labels.shape) >= WORD_DROP) & (labels > 0)
    keep &= rng.random((labels.shape[0], 1)) >= COND_DROP
    c = keep.astype(np.float32)
    return c / np.maximum(c.sum(1, keepdims=True), 1.0)


def export_weights(net, concepts: list[str], path: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Write the weights as plain float32 arrays (``.npz``) and their JSON (sha256, meta)."""
    arrays = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    arrays["concepts"] = np.array(concepts)
    if hasattr(net, "grid"):
        arrays["arch"] = np.array("spatial" if hasattr(net, "gen_in") else "grid")
    else:
        arrays["frequencies"] = arch.frequencies()
    parameters = int(sum(v.size for v in arrays.values() if v.dtype == np.float32))
    return write_weights(path, arrays, {**meta, "parameters": parameters})


def train(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    config: TrainConfig | None = None,
    command: str = "",
    progress=None,
    threads: int | None = None,
    max_seconds: float | None = None,
    stop_at: int | None = None,
    init: str | Path | None = None,
) -> dict[str, Any]:
    """Train (or resume) in ``out_dir``; returns the exported weights' JSON.

    ``progress(step, total, loss)`` is called every step. ``max_seconds`` stops the
    run early (after a checkpoint), to be resumed later; so does ``stop_at`` (a
    step), which is how the tests stand for a run killed mid-way.
    """
    from foulard.model.dataset import load_dataset

    torch = _torch()
    cfg = TrainConfig(config or TrainConfig.make()).check()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    arrays, manifest = load_dataset(data_dir)
    train_idx = np.flatnonzero(arrays["split"] == 0)
    if train_idx.size == 0:
        raise FoulardError(f"{data_dir}: the dataset has no training tiles")
    images = arrays["images"]
    labels = arrays["labels"].astype(np.float32)
    concepts = list(manifest["concepts"])
    torch.manual_seed(int(cfg["seed"]))
    if threads:
        torch.set_num_threads(int(threads))
    torch.use_deterministic_algorithms(True)
    grid = cfg.get("arch", "fourier") in ("grid", "spatial")
    latent = cfg.latent
    net = _build_grid(cfg["arch"] == "spatial", latent) if grid else _build(len(concepts))
    opt = torch.optim.Adam(net.parameters(), lr=float(cfg["lr"]))
    rng = np.random.default_rng(np.random.SeedSequence([int(cfg["seed"]), 0x7EA1]))
    step = 0
    ckpt = out / "checkpoint.pt"
    if ckpt.is_file():
        state = torch.load(ckpt, weights_only=False)
        if state["dataset_version"] != manifest["version"]:
            raise FoulardError(
                f"{ckpt} was trained on dataset {state['dataset_version']}, not "
                f"{manifest['version']}: use another folder"
            )
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        rng.bit_generator.state = state["rng"]
        torch.set_rng_state(state["torch_rng"])
        step = int(state["step"])
        cfg = TrainConfig(state["config"] | {"steps": cfg["steps"]})
    elif init is not None:
        src = Path(init)
        src = src / "checkpoint.pt" if src.is_dir() else src
        if not src.is_file():
            raise FoulardError(f"{src}: no checkpoint to start from")
        state = torch.load(src, weights_only=False)
        if state["config"].get("arch", "fourier") != cfg.get("arch", "fourier"):
            raise FoulardError(
                f"{src} is a {state['config'].get('arch', 'fourier')} network, not "
                f"{cfg.get('arch', 'fourier')}"
            )
        fresh = []
        if cfg.get("arch") == "spatial" and TrainConfig(state["config"]).latent != latent:
            # another latent map: the layers that fit are taken, the rest start fresh
            own = net.state_dict()
            fits = {k: v for k, v in state["net"].items() if k in own and own[k].shape == v.shape}
            fresh = sorted(k for k in own if k not in fits)
            net.load_state_dict(own | fits)
        else:
            try:
                net.load_state_dict(state["net"])
            except RuntimeError as exc:  # another size: the words of another dataset (fourier)
                raise FoulardError(f"{src}: its network does not fit this run's: {exc}") from exc
        cfg["init"] = {
            "checkpoint": str(src),
            "dataset_version": state["dataset_version"],
            "steps": int(state["step"]),
            "seconds": round(float(state["seconds"]), 1),
        } | ({"fresh": fresh} if fresh else {})
    if grid:
        side = arch.GRID.TRAIN_SIDE
        interp = torch.from_numpy(grid_interp(side))
    else:
        side = arch.TRAIN_SIDE
        phi = torch.from_numpy(grid_features(side))
    total = int(cfg["steps"])
    log_path = out / "loss.csv"
    new_log = not log_path.is_file()
    log = open(log_path, "a", newline="", encoding="utf-8")  # noqa: SIM115
    writer = csv.writer(log)
    if new_log:
        writer.writerow(["step", "seconds", "loss", "recon", "kl", "beta", "lr"])
    t0 = time.perf_counter()
    elapsed0 = float(torch.load(ckpt, weights_only=False)["seconds"]) if ckpt.is_file() else 0.0
    last_ckpt = t0
    meta_base = {
        "dataset_version": manifest["version"],
        "seed": int(cfg["seed"]),
        "config": dict(cfg),
        "command": command,
        "concepts": len(concepts),
    }

    def save(final: bool) -> dict[str, Any]:
        seconds = elapsed0 + time.perf_counter() - t0
        state = {
            "net": net.state_dict(),
            "opt": opt.state_dict(),
            "rng": rng.bit_generator.state,
            "torch_rng": torch.get_rng_state(),
            "step": step,
            "config": dict(cfg),
            "dataset_version": manifest["version"],
            "seconds": seconds,
        }
        tmp = ckpt.with_suffix(".pt.tmp")
        torch.save(state, tmp)
        os.replace(tmp, ckpt)
        log.flush()
        meta = {**meta_base, "steps": step, "train_seconds": round(seconds, 1), "final": final}
        return export_weights(net, concepts, out / "weights.npz", meta)

    fixed = cfg.get("posterior", "learned") == "fixed"
    edges = float(cfg.get("edges", 0.0))
    z_noise = float(cfg.get("z_noise", Z_NOISE))
    roll = bool(cfg.get("roll", True))
    info: dict[str, Any] = {}
    try:
        while step < total:
            frac = step / max(total, 1)
            lr = float(cfg["lr"]) * (0.05 + 0.95 * 0.5 * (1.0 + math.cos(math.pi * frac)))
            for g in opt.param_groups:
                g["lr"] = lr
            beta = min(BETA_MAX, 0.05 + step / max(1, int(cfg["beta_warmup"])))
            if cfg.get("init"):
                beta = BETA_MAX
            idx = train_idx[rng.integers(train_idx.size, size=int(cfg["batch"]))]
            batch = _augment(images[idx], rng, roll).astype(np.float32)
            batch /= 255.0
            c = torch.from_numpy(_cond(labels[idx], rng))
            x = torch.from_numpy(np.ascontiguousarray(batch.transpose(0, 3, 1, 2)))
            mu, logvar = net.encode(x)
            if fixed:  # a constant posterior spread: the KL is the means' squared norm
                logvar = torch.full_like(mu, 2.0 * math.log(z_noise))
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            target = torch.nn.functional.avg_pool2d(x, x.shape[-1] // side)  # (B, 3, s, s)
            if grid:  # a standard-normal prior; the mixture is fitted afterwards
                pmu = plogvar = torch.zeros_like(mu)
                pred = net.decode(z, interp)
            else:
                ce = net.embed(c)
                pmu, plogvar = net.prior(ce)
                pred = net.decode(phi, z, ce).transpose(1, 2).reshape(target.shape)
            recon = ((pred - target) ** 2).sum((1, 2, 3)).mean() / (2 * SIGMA**2)
            # Texture whose phase the latent cannot pin down is still matched in its
            # spectrum (shift-invariant), so it is not averaged away into a flat colour.
            # On lightness only: per-channel spectra would be met by chroma noise.
            luma = torch.tensor(LUMA).view(1, 3, 1, 1)
            yp, yt = (pred * luma).sum(1), (target * luma).sum(1)
            amp_p = torch.fft.rfft2(yp - yp.mean((1, 2), keepdim=True)).abs()
            amp_t = torch.fft.rfft2(yt - yt.mean((1, 2), keepdim=True)).abs()
            spectral = 3.0 * (amp_p - amp_t).abs().sum((1, 2)).mean() / side
            recon = recon + SPECTRAL * spectral / (2 * SIGMA**2)
            if edges:  # thin lines and small motifs: their edges matched, not only pixels
                recon = recon + edges * _edge_error(pred, target) / (2 * SIGMA**2)
            kl = (
                0.5
                * (
                    plogvar
                    - logvar
                    + (torch.exp(logvar) + (mu - pmu) ** 2) / torch.exp(plogvar)
                    - 1.0
                )
                .sum(1)
                .mean()
            )
            loss = recon + beta * kl
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 50.0)
            opt.step()
            step += 1
            if step % 10 == 0 or step == total:
                writer.writerow(
                    [step, round(elapsed0 + time.perf_counter() - t0, 1), f"{loss.item():.2f}",
                     f"{recon.item():.2f}", f"{kl.item():.2f}", f"{beta:.3f}", f"{lr:.6f}"]
                )  # fmt: skip
            if progress:
                progress(step, total, float(loss.item()))
            now = time.perf_counter()
            if now - last_ckpt >= float(cfg["checkpoint_s"]):
                info = save(False)
                last_ckpt = now
            if max_seconds is not None and now - t0 >= max_seconds:
                break
            if stop_at is not None and step >= stop_at:
                break
        info = save(step >= total)
    finally:
        log.close()
    return info
