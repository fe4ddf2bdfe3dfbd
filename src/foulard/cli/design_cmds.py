"""Commands on designs: random, preview, render, inspect, validate, demo, gallery."""

from __future__ import annotations

import time
from pathlib import Path

import click

from foulard.cli.main import command_line, emit_json, load_genome, progress_bar
from foulard.errors import FoulardError

MAX_PREVIEW_PX = 16384


@click.command("random")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), required=True, help="Design seed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Genome file.")
@click.option("--preview", type=click.Path(dir_okay=False), help="Also write a PNG preview here.")
@click.option("--px", type=click.IntRange(16, MAX_PREVIEW_PX), default=512, show_default=True)
def random_cmd(seed: int, output: str, preview: str | None, px: int) -> None:
    """Write a random but valid, pleasing genome."""
    from foulard.render import RenderContext, write_image
    from foulard.scarf.random_design import random_genome

    genome = random_genome(seed)
    genome.save(output)
    click.echo(f"{output}: design {genome.short_id} ({genome.meta.get('title', 'untitled')})")
    if preview:
        write_image(genome, RenderContext.preview(px), preview, command=command_line())
        click.echo(f"{preview}: {px} px preview")


@click.command("preview")
@click.argument("genome_path", metavar="GENOME")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
@click.option("--px", type=click.IntRange(16, MAX_PREVIEW_PX), default=512, show_default=True)
def preview_cmd(genome_path: str, output: str, px: int) -> None:
    """Render a quick preview (PNG) of a genome, PX pixels on the long side."""
    from foulard.render import RenderContext, write_image

    genome = load_genome(genome_path)
    t0 = time.perf_counter()
    write_image(genome, RenderContext.preview(px), output, command=command_line())
    click.echo(
        f"{output}: {px} px preview of {genome.short_id} in {time.perf_counter() - t0:.2f} s"
    )


@click.command("render")
@click.argument("genome_path", metavar="GENOME")
@click.option("--size-cm", type=float, required=True, help="Finished width in centimetres.")
@click.option("--height-cm", type=float, help="Finished height (default: square).")
@click.option("--dpi", type=float, default=300.0, show_default=True, help="Pixels per inch.")
@click.option(
    "--bleed-mm",
    type=float,
    default=0.0,
    show_default=True,
    help="Extra design beyond the finished edge on every side (hem band).",
)
@click.option("--bits", type=click.Choice(["8", "16"]), default="8", show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), help="Render threads (default: cores).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="Output .tif/.tiff (master) or .png.",
)
def render_cmd(genome_path, size_cm, height_cm, dpi, bleed_mm, bits, threads, output) -> None:
    """Render a print master at a physical size, streaming in bands (bounded memory)."""
    from foulard.render import RenderContext, write_image

    genome = load_genome(genome_path)
    for name, value in (("--size-cm", size_cm), ("--height-cm", height_cm), ("--dpi", dpi)):
        if value is not None and not value > 0:
            raise FoulardError(f"{name} must be positive, got {value:g}")
    if bleed_mm < 0:
        raise FoulardError(f"--bleed-mm must not be negative, got {bleed_mm:g}")
    ctx = RenderContext.for_print(size_cm * 10, (height_cm or size_cm) * 10, dpi, bleed_mm=bleed_mm)
    ctx.check()
    t0 = time.perf_counter()
    with progress_bar(unit="rows") as bar:
        task = bar.add_task(f"{ctx.width} x {ctx.height} px", total=ctx.height)
        write_image(
            genome,
            ctx,
            output,
            command=command_line(),
            bits=int(bits),
            threads=threads,
            progress=lambda rows: bar.advance(task, rows),
        )
    took = time.perf_counter() - t0
    click.echo(
        f"{output}: {ctx.width} x {ctx.height} px at {ctx.dpi:.3f} dpi, design "
        f"{genome.short_id}, {took:.1f} s"
    )


@click.command("inspect")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--genome-out", type=click.Path(dir_okay=False), help="Write the embedded genome here."
)
def inspect_cmd(file: str, as_json: bool, genome_out: str | None) -> None:
    """Show the genome and metadata embedded in a PNG or TIFF foulard wrote."""
    from foulard.genome import Genome
    from foulard.render import read_embedded

    info = read_embedded(file)
    record = info["foulard"]
    genome = Genome.from_json(record["genome"]) if record else None
    if genome_out:
        if genome is None:
            raise FoulardError(f"{file} carries no foulard genome")
        genome.save(genome_out)
    if as_json:
        emit_json(info)
        return
    f = info["file"]
    icc = f"{f['icc_profile_bytes']} bytes" if f["icc_profile_bytes"] else "none"
    click.echo(
        f"file: {f['path']} ({f['loader']}), {f['width_px']} x {f['height_px']} px, "
        f"{f['bands']} bands {f['format']}, {f['dpi'][0]:g} dpi, ICC profile: {icc}"
    )
    if genome is None:
        click.echo("no foulard genome embedded")
        return
    click.echo(f"design: {genome.design_id}")
    title = genome.meta.get("title")
    if title:
        click.echo(f"title: {title}")
    click.echo(f"made by: foulard {record.get('foulard')}: {record.get('command') or '(library)'}")
    nodes = [f"{path}: {node.op}" for path, node in genome.root.walk()]
    click.echo(f"palette: {genome.palette.op}; nodes ({len(nodes)}):")
    for line in nodes:
        click.echo(f"  {line}")
    if genome_out:
        click.echo(f"genome written to {genome_out}")


@click.command("validate")
@click.argument("genome_path", metavar="GENOME")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def validate_cmd(genome_path: str, as_json: bool) -> int:
    """Check a genome: schema, operators, parameters, inputs. Exit 1 if invalid."""
    from foulard.errors import GenomeError

    try:
        genome = load_genome(genome_path)
    except GenomeError as exc:
        if as_json:
            emit_json({"valid": False, "error": exc.reason, "path": exc.path})
            return 1
        raise
    nodes = list(genome.root.walk())
    if as_json:
        emit_json(
            {
                "valid": True,
                "design_id": genome.design_id,
                "nodes": len(nodes) + 1,
                "operators": sorted({n.op for _, n in nodes} | {genome.palette.op}),
            }
        )
        return 0
    click.echo(f"valid: design {genome.design_id} ({len(nodes) + 1} nodes)")
    return 0


@click.command("demo")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="foulard-demo",
    show_default=True,
    help="Folder for the demo collection.",
)
@click.option("--count", type=click.IntRange(1, 200), default=12, show_default=True)
@click.option("--px", type=click.IntRange(64, 4096), default=512, show_default=True)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=2026, show_default=True)
def demo_cmd(output: str, count: int, px: int, seed: int) -> None:
    """Render a demo collection of scarf designs with a contact sheet."""
    from foulard.render import RenderContext, render, write_image
    from foulard.render.contact import contact_sheet
    from foulard.scarf.random_design import random_genome

    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    tiles = []
    with progress_bar(unit="designs") as bar:
        task = bar.add_task("random", total=count)
        for i in range(count):
            genome = random_genome(seed + i)
            stem = f"{i + 1:02d}-{genome.short_id}"
            genome.save(folder / f"{stem}.json")
            write_image(
                genome, RenderContext.preview(px), folder / f"{stem}.png", command=command_line()
            )
            thumb = render(genome, min(px, 320))
            tiles.append((thumb, genome.meta.get("title") or genome.short_id))
            bar.advance(task)
    sheet = contact_sheet(tiles, folder / "contact-sheet.png", columns=4)
    click.echo(f"{count} designs in {folder.resolve()}/ (genome .json + .png preview each)")
    click.echo(f"contact sheet: {sheet.resolve()}")


@click.command("gallery")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), default="docs/gallery", show_default=True
)
@click.option("--px", type=click.IntRange(64, 1024), default=192, show_default=True)
@click.option("--family", "only", multiple=True, help="Only these families (repeatable).")
def gallery_cmd(output: str, px: int, only: tuple[str, ...]) -> None:
    """Render the operator gallery (every operator, with presets) as a page and contact sheets."""
    from foulard.gallery import build_gallery, gallery_variants
    from foulard.ops import operators

    specs = [s for s in operators() if not only or s.family in only]
    total = sum(len(gallery_variants(s)) for s in specs)
    with progress_bar(unit="operators") as bar:
        task = bar.add_task(f"{len(specs)} operators, {total} pictures", total=len(specs))
        index = build_gallery(
            Path(output), px=px, families_only=only, progress=lambda _id: bar.advance(task)
        )
    click.echo(f"gallery: {index}")


COMMANDS = [
    random_cmd,
    preview_cmd,
    render_cmd,
    inspect_cmd,
    validate_cmd,
    demo_cmd,
    gallery_cmd,
]
