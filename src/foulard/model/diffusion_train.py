"""Training the diffusion prior (:mod:`foulard.model.diffusion`) with torch.

The trained spatial autoencoder (``foulard model train --arch spatial``) encodes every
training tile of the dataset under the eight symmetries of the square (its maps are
the data); the network then learns to predict the noise added to a map at a random
step of the schedule (its velocity, see :mod:`foulard.model.diffusion`; the last step,
pure noise, included), from the noisy map, the step and the tile's words (dropped as
in the autoencoder's training, so it also learns the prediction without words). Each
batch shifts its maps by whole cells on the torus (a shift of the tile by a cell's
pixels, 8 or 4, shifts its map by exactly one cell: the encoder's strides are 2 with
wrapping). The weights written are an exponential moving average of the trained ones
(decay :data:`EMA_DECAY`). Reproducible from the seed; a checkpoint is written every
``checkpoint_s`` seconds next to the output and a run started again resumes from it.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.model import arch
from foulard.model.diffusion import (
    DENOISER,
    GUIDANCE,
    PREDICTION,
    STEPS,
    Diffusion,
    alpha_bar,
    time_features,
)

__all__ = ["EMA_DECAY", "attach_diffusion", "build_denoiser"]

EMA_DECAY = 0.999  # of the exported weights' moving average (Ho et al. 2020 use 0.9999)


def build_denoiser(
    n_concepts: int, width: int = DENOISER.CH, blocks: int = DENOISER.BLOCKS,
    ch: int = arch.SPATIAL.LATENT_CH, word_film: bool = False,
):  # fmt: skip
    """The torch network whose parameters :class:`~foulard.model.diffusion.Diffusion`
    reads (same names, without the ``diff.`` prefix): ``blocks`` residual blocks of
    ``width`` channels (a multiple of the group norm's groups) on maps of ``ch``
    channels. ``word_film`` gives each block its own linear map of the words into its
    scale and shift (starting at zero), beside the embedding they share with the
    step."""
    from foulard.model.train import _torch

    torch = _torch()
    nn = torch.nn
    D = DENOISER
    if width % D.GROUPS:
        raise FoulardError(f"the network's width {width} is not a multiple of {D.GROUPS}")

    def conv(a: int, b: int):
        return nn.Conv2d(a, b, 3, padding=1, padding_mode="circular")

    class Block(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.gn1 = nn.GroupNorm(D.GROUPS, width)
            self.conv1 = conv(width, width)
            self.film = nn.Linear(D.EMB, 2 * width)
            if word_film:
                self.wfilm = nn.Linear(n_concepts, 2 * width, bias=False)
                nn.init.zeros_(self.wfilm.weight)
            self.gn2 = nn.GroupNorm(D.GROUPS, width)
            self.conv2 = conv(width, width)
            with torch.no_grad():
                self.conv2.weight.mul_(0.1)  # blocks start near the identity

        def forward(self, h, e, c):
            silu = torch.nn.functional.silu
            a = self.conv1(silu(self.gn1(h)))
            film = self.film(e) + self.wfilm(c) if word_film else self.film(e)
            scale, shift = film.chunk(2, dim=1)
            a = self.gn2(a) * (1.0 + scale[:, :, None, None]) + shift[:, :, None, None]
            return h + self.conv2(silu(a))

    class Denoiser(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb1 = nn.Linear(2 * D.TIME_FREQS + n_concepts, D.EMB)
            self.emb2 = nn.Linear(D.EMB, D.EMB)
            self.conv_in = conv(ch, width)
            self.blocks = nn.ModuleList(Block() for _ in range(blocks))
            self.gn_out = nn.GroupNorm(D.GROUPS, width)
            self.conv_out = conv(width, ch)

        def forward(self, x, tfeat, c):
            silu = torch.nn.functional.silu
            e = silu(self.emb2(silu(self.emb1(torch.cat([tfeat, c], 1)))))
            h = self.conv_in(x)
            for block in self.blocks:
                h = block(h, e, c)
            return self.conv_out(silu(self.gn_out(h)))

    return Denoiser()


def _symmetries(tiles: np.ndarray) -> list[np.ndarray]:
    """The tiles ``(N, S, S, 3)`` under the eight symmetries of the square."""
    out = []
    for t in (tiles, tiles.transpose(0, 2, 1, 3)):
        for flip_y in (False, True):
            for flip_x in (False, True):
                a = t[:, ::-1] if flip_y else t
                out.append(np.ascontiguousarray(a[:, :, ::-1] if flip_x else a))
    return out


def encode_maps(weights: dict[str, np.ndarray], tiles: np.ndarray, torch) -> np.ndarray:
    """The spatial encoder's means ``(8 N, channels, side, side)`` for ``tiles`` uint8
    ``(N, 64, 64, 3)`` under the eight symmetries (torch, in batches)."""
    from foulard.model.train import _build_grid

    ch, s = arch.latent_shape(weights)
    net = _build_grid(spatial=True, latent=(ch, s))
    state = {k: torch.from_numpy(v) for k, v in weights.items() if k in net.state_dict()}
    net.load_state_dict(state)
    maps = []
    with torch.no_grad():
        for variant in _symmetries(tiles):
            for i in range(0, len(variant), 256):
                x = variant[i : i + 256].astype(np.float32).transpose(0, 3, 1, 2) / 255.0
                mu = net.encode(torch.from_numpy(np.ascontiguousarray(x)))[0]
                maps.append(mu.numpy().reshape(-1, ch, s, s))
    return np.concatenate(maps)


def attach_diffusion(
    data_dir,
    weights,
    out,
    *,
    steps: int = 8000,
    batch: int = 64,
    lr: float = 1e-3,
    seed: int = 0,
    guidance: float = GUIDANCE,
    width: int = DENOISER.CH,
    blocks: int = DENOISER.BLOCKS,
    word_film: bool = False,
    threads: int | None = None,
    checkpoint_s: float = 180.0,
    stop_at: int | None = None,
    command: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Train the diffusion prior of the spatial autoencoder at ``weights`` on the
    dataset's training tiles and write weights + prior to ``out`` (``.npz`` and its
    ``.json``). ``progress(stage, done, total)``; ``stop_at`` stops after that step
    (with a checkpoint: how the tests stand for a killed run). Returns the JSON."""
    from foulard.model.mixture import spatial_model_and_dataset, write_with_prior
    from foulard.model.train import _cond, _torch

    torch = _torch()
    say = progress or (lambda stage, done, total: None)
    model, arrays, manifest = spatial_model_and_dataset(weights, data_dir, "diffusion")
    out = Path(out)
    ckpt = out.with_suffix(".diffusion.pt")
    if threads:
        torch.set_num_threads(int(threads))
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    rows = np.flatnonzero(arrays["split"] == 0)
    say("encode", 0, 1)
    maps = encode_maps(model.w, arrays["images"][rows], torch)
    say("encode", 1, 1)
    labels = np.tile(arrays["labels"][rows].astype(np.float32), (8, 1))
    shift = maps.mean((0, 2, 3))
    scale = maps.std((0, 2, 3)) + 1e-6
    data = ((maps - shift[None, :, None, None]) / scale[None, :, None, None]).astype(np.float32)
    ch, side = model.latent_shape
    net = build_denoiser(len(model.concepts), width, blocks, ch, word_film)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    # the exported weights are an exponential moving average of the trained ones
    ema = {k: v.detach().clone() for k, v in net.state_dict().items()}
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xD1FF]))
    step, losses, seconds = 0, [], 0.0
    settings = {
        "steps": steps, "batch": batch, "lr": lr, "seed": seed, "ema": EMA_DECAY,
        "prediction": PREDICTION, "width": width, "blocks": blocks,
    }  # fmt: skip
    if word_film:  # only then, so a checkpoint of an earlier run still resumes
        settings["word_film"] = True
    if ckpt.is_file():
        state = torch.load(ckpt, weights_only=False)
        if state["settings"] != settings or state["weights_sha256"] != model.info.get("sha256"):
            raise FoulardError(f"{ckpt} is another run's checkpoint: remove it to start again")
        net.load_state_dict(state["net"])
        ema = state["ema"]
        opt.load_state_dict(state["opt"])
        rng.bit_generator.state = state["rng"]
        torch.set_rng_state(state["torch_rng"])
        step, losses = int(state["step"]), list(state["losses"])
        seconds = float(state["seconds"])

    def save() -> None:
        state = {
            "net": net.state_dict(), "ema": ema, "opt": opt.state_dict(),
            "rng": rng.bit_generator.state,
            "torch_rng": torch.get_rng_state(), "step": step, "losses": losses,
            "settings": settings, "weights_sha256": model.info.get("sha256"),
            "seconds": seconds + time.perf_counter() - t0,
        }  # fmt: skip
        tmp = ckpt.with_suffix(".tmp")
        torch.save(state, tmp)
        os.replace(tmp, ckpt)

    ab = torch.from_numpy(alpha_bar().astype(np.float32))
    t0 = last = time.perf_counter()
    while step < steps:
        for g in opt.param_groups:
            g["lr"] = lr * (0.05 + 0.95 * 0.5 * (1.0 + math.cos(math.pi * step / steps)))
        idx = rng.integers(len(data), size=batch)
        dy, dx = rng.integers(side, size=2)
        x0 = torch.from_numpy(np.roll(data[idx], (int(dy), int(dx)), axis=(2, 3)))
        c = torch.from_numpy(_cond(labels[idx], rng))
        t = rng.integers(1, STEPS + 1, size=batch)
        noise = torch.randn_like(x0)
        a = ab[torch.from_numpy(t)][:, None, None, None]
        xt = a.sqrt() * x0 + (1.0 - a).sqrt() * noise
        pred = net(xt, torch.from_numpy(time_features(t)), c)
        loss = ((pred - (a.sqrt() * noise - (1.0 - a).sqrt() * x0)) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        decay = min(EMA_DECAY, (1.0 + step) / (10.0 + step))
        with torch.no_grad():
            for k, v in net.state_dict().items():
                ema[k].mul_(decay).add_(v.detach(), alpha=1.0 - decay)
        step += 1
        losses.append(round(float(loss.item()), 5))
        say("train", step, steps)
        now = time.perf_counter()
        if now - last >= checkpoint_s or (stop_at is not None and step >= stop_at):
            save()
            last = now
        if stop_at is not None and step >= stop_at:
            break
    params = {k: v.numpy().copy() for k, v in ema.items()}
    prior = Diffusion(params, shift, scale, float(guidance), side).arrays()
    result = write_with_prior(
        model, out, prior,
        {
            "kind": "diffusion", **settings, "trained_steps": step, "final": step >= steps,
            "seconds": round(seconds + time.perf_counter() - t0, 1),
            "guidance": float(guidance), "training_tiles": len(rows),
            "loss_per_500": [round(float(np.mean(losses[i : i + 500])), 5)
                             for i in range(0, len(losses), 500)],
        },
        data_dir, arrays, manifest, say, command,
    )  # fmt: skip
    if step >= steps:  # finished (stopped early, the checkpoint stays for the resumed run)
        ckpt.unlink(missing_ok=True)
    return result
