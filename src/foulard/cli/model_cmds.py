"""``foulard model``: build-data, train, prior, eval, sample, fit, sheets (foulard's own model).

``train`` needs the optional ``ai`` extra (torch, CPU build); the others run on the
base install (NumPy inference with the shipped weights).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from foulard.cli.main import command_line, emit_json, progress_bar, stderr_console
from foulard.model.infer import FIT_MODEL, LATEST, MODELS

MAX_PX = 4096


def model_option(default: str | None, help: str):
    """``--model``: one of the shipped models (stored as ``model_name``)."""
    return click.option(
        "--model", "model_name", type=click.Choice(list(MODELS)), default=default,
        show_default=default is not None, help=help,
    )  # fmt: skip


@click.group("model")
def model() -> None:
    """foulard's own text-conditioned generative neural field: data, training, eval, samples."""


@model.command("build-data")
@click.argument("out", type=click.Path(file_okay=False))
@click.option(
    "--synthetic",
    type=click.IntRange(0, 200_000),
    default=5000,
    show_default=True,
    help="tiles rendered from the operator library",
)
@click.option(
    "--zoomed",
    type=click.IntRange(0, 200_000),
    default=0,
    show_default=True,
    help="tiles of the vocabulary's groups seen close (varied parameters, a few cells a tile)",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--data-root",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="the real data bundle (default: ../shared/data)",
)
@click.option(
    "--real-limit",
    type=click.IntRange(0),
    default=None,
    help="use only the first N archive pictures (tiny datasets)",
)
@click.option(
    "--value-inks/--no-value-inks",
    default=False,
    show_default=True,
    help="render value fields (noise textures) through their palette, not as greys",
)
def build_data(out, synthetic, zoomed, seed, data_root, real_limit, value_inks) -> None:
    """Build the training set (tiles + words, seeded, versioned) into OUT."""
    from foulard.model.dataset import build_dataset

    with progress_bar(unit="tiles") as bar:
        task = bar.add_task("build-data", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        manifest = build_dataset(
            out, synthetic=synthetic, zoomed=zoomed, seed=seed, data_root=data_root,
            real_limit=real_limit, value_inks=value_inks, command=command_line(),
            progress=progress,
        )  # fmt: skip
    emit_json(
        {
            "folder": str(out),
            "version": manifest["version"],
            "counts": manifest["counts"],
            "concepts": len(manifest["concepts"]),
        }
    )


@model.command("train")
@click.argument("data", type=click.Path(file_okay=False, exists=True))
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--steps", type=click.IntRange(1), default=7000, show_default=True)
@click.option("--batch", type=click.IntRange(1, 512), default=32, show_default=True)
@click.option("--lr", type=click.FloatRange(1e-6, 1.0), default=2e-3, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="torch threads (1 is fastest on a shared 2-core machine)",
)
@click.option("--checkpoint-minutes", type=click.FloatRange(0.1), default=3.0, show_default=True)
@click.option(
    "--arch",
    type=click.Choice(["fourier", "grid", "spatial"]),
    default="fourier",
    show_default=True,
    help="decoder: fourier (models v1/v2), grid (models v3-v5: a periodic feature grid) "
    "or spatial (the grid decoder with a latent map: --latent-side, --latent-channels)",
)
@click.option(
    "--posterior",
    type=click.Choice(["learned", "fixed"]),
    default="learned",
    show_default=True,
    help="the encoder's spread: learned (a VAE) or fixed and small (for a mixture prior)",
)
@click.option(
    "--roll/--no-roll",
    default=True,
    show_default=True,
    help="augment with random shifts on the torus (flips and transposes always)",
)
@click.option(
    "--max-minutes",
    type=click.FloatRange(0.1),
    default=None,
    help="stop after this long (a checkpoint is written; run again to resume)",
)
@click.option(
    "--init",
    type=click.Path(exists=True),
    default=None,
    help="start from another run's network (its checkpoint.pt or folder): a fine-tune",
)
@click.option(
    "--edges",
    type=click.FloatRange(0.0, 100.0),
    default=0.0,
    show_default=True,
    help="weight of the loss on the tile's edges (differences of neighbouring pixels), "
    "beside the pixel loss: thin lines and small motifs count for more",
)
@click.option(
    "--latent-noise",
    type=click.FloatRange(0.01, 2.0),
    default=None,
    help="the fixed posterior's spread (default 0.1): the decoder learns to draw the same "
    "tile from latents this far apart, so a prior's small errors do not turn into texture",
)
@click.option(
    "--latent-side",
    type=click.Choice(["8", "16"]),
    default=None,
    help="the spatial latent map's side (default 8: cells of 8 px; 16: cells of 4 px)",
)
@click.option(
    "--latent-channels",
    type=click.IntRange(1, 32),
    default=None,
    help="the spatial latent map's channels (default 8)",
)
def train_cmd(
    data, out, steps, batch, lr, seed, threads, checkpoint_minutes, arch, posterior, roll,
    max_minutes, init, edges, latent_noise, latent_side, latent_channels,
):  # fmt: skip
    """Train (or resume from OUT's checkpoint); writes OUT/weights.npz, .json, loss.csv."""
    from foulard.errors import FoulardError
    from foulard.model.train import TrainConfig, train

    cfg = TrainConfig.make(
        steps=steps, batch=batch, lr=lr, seed=seed, checkpoint_s=60.0 * checkpoint_minutes,
        arch=arch, posterior=posterior, roll=roll, edges=edges or None, z_noise=latent_noise,
        latent_side=int(latent_side) if latent_side else None, latent_channels=latent_channels,
    )  # fmt: skip
    try:
        cfg.check()
    except FoulardError as exc:
        raise click.BadParameter(str(exc)) from exc
    with progress_bar("note") as bar:
        task = bar.add_task("train", total=steps, note="")

        def progress(step: int, total: int, loss: float) -> None:
            bar.update(task, completed=step, total=total, note=f"loss {loss:9.1f}")

        info = train(
            data, out, config=cfg, command=command_line(), progress=progress, threads=threads,
            max_seconds=None if max_minutes is None else 60.0 * max_minutes, init=init,
        )  # fmt: skip
    emit_json(info)


@model.command("prior")
@click.argument("data", type=click.Path(file_okay=False, exists=True))
@click.argument("weights", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="the new weights .npz (its .json is written next to it)",
)
@click.option("--components", type=click.IntRange(1, 1024), default=64, show_default=True)
@click.option("--iterations", type=click.IntRange(1, 1000), default=60, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--draw",
    type=click.Choice(["joint", "split"]),
    default="joint",
    show_default=True,
    help="one tile gives a sample's latent and inks (models v2-v4), or the motif words "
    "pick the latent's tile and the colour words the inks' (model v5)",
)
@click.option(
    "--kind",
    type=click.Choice(["mixture", "diffusion", "quilt"]),
    default="mixture",
    show_default=True,
    help="a Gaussian mixture (NumPy; latent vectors), a diffusion model trained with "
    "torch, or the training tiles' maps, quilted (both: the spatial latent, --arch spatial)",
)
@click.option(
    "--steps", type=click.IntRange(1), default=8000, show_default=True, help="diffusion: steps"
)
@click.option("--batch", type=click.IntRange(1, 4096), default=64, show_default=True)
@click.option(
    "--guidance",
    type=click.FloatRange(0.0, 20.0),
    default=2.0,
    show_default=True,
    help="diffusion: how much further than the plain conditional model samples follow the words",
)
@click.option(
    "--width",
    type=click.IntRange(8, 512),
    default=64,
    show_default=True,
    help="diffusion: channels of the network's residual blocks (a multiple of 8)",
)
@click.option(
    "--blocks", type=click.IntRange(1, 32), default=4, show_default=True,
    help="diffusion: residual blocks",
)  # fmt: skip
@click.option(
    "--word-film", is_flag=True,
    help="diffusion: each block maps the words into its own scale and shift",
)  # fmt: skip
@click.option("--threads", type=click.IntRange(1, 64), default=None, help="torch threads")
def prior_cmd(
    data, weights, output, components, iterations, seed, draw, kind, steps, batch, guidance,
    width, blocks, word_film, threads,
):  # fmt: skip
    """Fit or train the prior of trained WEIGHTS on DATA's training tiles.

    ``--kind mixture`` (NumPy only): encodes every training tile, fits a Gaussian
    mixture to the latents (EM), records each component's words and each tile's colour
    table, and writes WEIGHTS plus the mixture to OUTPUT: samples are then drawn from
    the mixture and take the inks of a training tile that carries the words.
    ``--kind diffusion`` (the ``ai`` extra): trains a diffusion model of the spatial
    latent maps, conditioned on the words, and writes WEIGHTS plus it to OUTPUT;
    resumes from OUTPUT's ``.diffusion.pt`` checkpoint when killed (docs/model.md).
    ``--kind quilt`` (NumPy only): encodes the training tiles foulard rendered into
    latent maps and writes WEIGHTS plus them to OUTPUT: a sample is quilted from the
    maps of tiles carrying its words (model v7).
    """
    with progress_bar() as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{kind} prior: {stage}", total=total)
            bar.update(tasks[stage], completed=done)

        if kind == "diffusion":
            from foulard.model.diffusion_train import attach_diffusion

            info = attach_diffusion(
                data, weights, output, steps=steps, batch=batch, seed=seed, guidance=guidance,
                width=width, blocks=blocks, word_film=word_film, threads=threads,
                command=command_line(),
                progress=progress,
            )  # fmt: skip
        elif kind == "quilt":
            from foulard.model.quilt import attach_quilt

            info = attach_quilt(data, weights, output, command=command_line(), progress=progress)
        else:
            from foulard.model.mixture import attach_mixture

            info = attach_mixture(
                data, weights, output, components=components, seed=seed,
                iterations=iterations, draw=draw, command=command_line(), progress=progress,
            )  # fmt: skip
    emit_json(info)


@model.command("eval")
@click.argument("data", type=click.Path(file_okay=False, exists=True))
@click.option(
    "--weights",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="weights .npz (default: the shipped ones)",
)
@model_option(
    None, "a shipped model, drawn its way (default: the latest that draws; not with --weights)"
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--quick", is_flag=True, help="fewer samples (a smoke test)")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="also write the figures to this JSON file",
)
def eval_cmd(data, weights, model_name, seed, quick, output) -> None:
    """Novelty, fidelity vs baselines, conditioning, seams, resolution, speed."""
    from foulard.model.evaluate import evaluate_model

    console = stderr_console()
    with console.status("evaluating") as status:
        result = evaluate_model(
            data, weights=weights, model_name=model_name, seed=seed, quick=quick,
            progress=lambda msg: status.update(f"evaluating: {msg}"),
        )  # fmt: skip
    if output:
        Path(output).write_text(json.dumps(result, indent=1, sort_keys=True), encoding="utf-8")
    emit_json(result)


@model.command("sample")
@click.argument("words", default="")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="PNG to write (a contact sheet when --count > 1)",
)
@click.option("--px", type=click.IntRange(16, MAX_PX), default=512, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--count", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("--repeats", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option("--temperature", type=click.FloatRange(0.0, 1.5), default=0.8, show_default=True)
@model_option(
    LATEST, "the shipped model that draws (v7 quilts drawn motifs; v5 draws cleaner stripes)"
)
def sample_cmd(
    words, output, px, seed, count, repeats, temperature, model_name
) -> None:  # fmt: skip
    """Render samples for WORDS (zh or en; empty: the unconditional prior).

    Words the model was not trained on are listed under "ignored" and change nothing.
    """
    from foulard.genome.schema import Genome, Node
    from foulard.model.infer import load_model
    from foulard.ops.examples import EXAMPLE_PALETTE
    from foulard.render import render
    from foulard.render.contact import contact_sheet

    cond = load_model(model=model_name).condition(words)
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    genomes = [
        Genome.make(
            Node.make(
                "learned.neural_prompt",
                words=words,
                repeats=repeats,
                temperature=temperature,
                model=model_name,
            ),
            palette,
            seed=seed + i,
            meta={"title": words or "learned.neural_prompt"},
        )
        for i in range(count)
    ]
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if count == 1:
        from foulard.render import RenderContext, write_image

        write_image(genomes[0], RenderContext.preview(px), out, command=command_line())
    else:
        tiles = [(render(g, px), f"seed {g.seed}") for g in genomes]
        contact_sheet(tiles, out, columns=min(count, 4))
    emit_json({"output": str(out), **cond.to_json(), "genomes": [g.design_id for g in genomes]})


@model.command("fit")
@click.argument("picture")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="PNG to write")
@click.option(
    "--genome",
    "genome_out",
    type=click.Path(dir_okay=False),
    default=None,
    help="also write the design's genome (JSON) here",
)
@click.option("--px", type=click.IntRange(16, MAX_PX), default=512, show_default=True)
@click.option("--repeats", type=click.IntRange(1, 64), default=4, show_default=True)
@model_option(
    FIT_MODEL,
    "the shipped model that fits (v6 keeps the drawing; v5 wears the picture's inks "
    "over a texture, for pictures finer than a 4 px cell at 64 px)",
)
def fit_cmd(picture, output, genome_out, px, repeats, model_name) -> None:  # fmt: skip
    """Fit a PICTURE with the model: a seamless field at any size, as a design
    (``learned.neural_fit``). PICTURE is a library picture (id, id prefix or ingested
    file name) or a picture file, which is ingested into the library first (the design
    refers to the library's copy).
    """
    from foulard.errors import FoulardError
    from foulard.library import Library, ingest
    from foulard.library.store import sha256_hex
    from foulard.ops.learned.neural_fit import fit_library_picture
    from foulard.render import RenderContext, write_image

    with Library.open() as lib:
        path = Path(picture)
        if path.is_file():
            report = ingest(lib, [path], source="foulard model fit", workers=1)
            picture = sha256_hex(path.read_bytes())
            if not lib.exists(picture):
                why = (report.rejected or report.skipped or [{"message": "not ingested"}])[0]
                raise FoulardError(f"{path}: {why.get('message') or why.get('reason')}")
        g = fit_library_picture(lib, picture, repeats, model_name)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_image(g, RenderContext.preview(px), out, command=command_line())
    if genome_out:
        Path(genome_out).write_text(json.dumps(g.to_json(), ensure_ascii=False, indent=2), "utf-8")
    emit_json({"output": str(out), "genome": genome_out, "design_id": g.design_id,
               "pattern": g.root.params.pattern, "title": g.meta.get("title")})  # fmt: skip


@model.command("sheets")
@click.argument("out", type=click.Path(file_okay=False))
@click.option(
    "--weights",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="weights .npz (default: the shipped ones)",
)
@click.option(
    "--loss",
    "loss_csv",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="a training run's loss.csv: also draw the training curve",
)
@click.option(
    "--nearest",
    "data",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="a dataset: also draw the samples nearest its training tiles (nearest.png)",
)
@model_option(
    None, "a shipped model, drawn its way (default: the latest that draws; not with --weights)"
)
def sheets_cmd(out, weights, loss_csv, data, model_name) -> None:  # fmt: skip
    """Contact sheets of 10 prompts in English and Chinese (4 seeds each) into OUT."""
    from foulard.model.sheets import loss_curve, nearest_sheet, prompt_sheets

    files = [str(f) for f in prompt_sheets(out, weights=weights, model_name=model_name)]
    result: dict = {"files": files}
    if loss_csv:
        files.append(str(loss_curve(loss_csv, Path(out) / "loss.png")))
    if data:
        path, dists = nearest_sheet(
            data, Path(out) / "nearest.png", weights=weights, model_name=model_name
        )
        files.append(str(path))
        result["nearest_distances"] = dists
    emit_json(result)


COMMANDS = [model]
