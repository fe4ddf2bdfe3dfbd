"""Commands for the mill: export an order, make a repeat tile, check a file."""

from __future__ import annotations

import click

from foulard.cli.main import command_line, emit_json, load_genome, progress_bar
from foulard.errors import FoulardError

FORMAT_HELP = "Format name (carre90, shawl140, twilly, ...) or custom-WxH in mm."


@click.command("export")
@click.argument("genome_path", metavar="GENOME")
@click.option("--format", "fmt", default="carre90", show_default=True, help=FORMAT_HELP)
@click.option("--ppi", type=float, default=300.0, show_default=True)
@click.option("--inks", type=int, default=12, show_default=True, help="Inks, 2 to 48.")
@click.option("--colourways", type=int, default=5, show_default=True)
@click.option(
    "--colourway",
    "requests",
    multiple=True,
    help="Ask for a colourway: a palette id, solar_term:ID, harmony:SCHEME@HUE or "
    "#hex,#hex,... (repeatable).",
)
@click.option("--profile", type=click.Path(dir_okay=False), help="The mill's output ICC profile.")
@click.option("--force", is_flag=True, help="Allow a ppi below 150 (proofs only).")
@click.option("--overwrite", is_flag=True, help="Replace ORDER_DIR if it exists.")
@click.option("--threads", type=click.IntRange(1, 64))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    required=True,
    help="The order folder to create.",
)
def export_cmd(
    genome_path, fmt, ppi, inks, colourways, requests, profile, force, overwrite, threads, output
) -> None:
    """Write a full print order: master, plates, ink table, colourways, proof, spec sheet."""
    from foulard.production.order import STAGES, export_order
    from foulard.scarf.formats import get_format

    genome = load_genome(genome_path)
    fmt_obj = get_format(fmt)
    weights = dict(STAGES)
    offsets, total = {}, 0.0
    for name, w in STAGES:
        offsets[name] = total
        total += w
    with progress_bar(count=False) as bar:
        task = bar.add_task("order", total=total)

        def progress(stage: str, fraction: float) -> None:
            bar.update(
                task, completed=offsets[stage] + weights[stage] * fraction, description=stage
            )

        result = export_order(
            genome, fmt_obj, output, ppi=ppi, inks=inks, colourways=colourways,
            colourway_requests=list(requests) or None, profile=profile, force=force,
            overwrite=overwrite, command=command_line(), threads=threads, progress=progress,
        )  # fmt: skip
    m = result.manifest
    click.echo(
        f"{result.folder}/: {fmt_obj.name} at {ppi:g} ppi ({m['canvas_px'][0]} x "
        f"{m['canvas_px'][1]} px), {m['inks']['made']} inks, {len(m['colourways'])} colourways, "
        f"{len(m['files'])} files"
    )


@click.command("repeat")
@click.argument("genome_path", metavar="GENOME")
@click.option(
    "--type",
    "kind",
    default="block",
    show_default=True,
    help="block, half-drop, brick, mirror or centre.",
)
@click.option("--drop", help="1/2, 1/3 or 1/4 (half-drop and brick).")
@click.option(
    "--height-cm", type=float, default=32.0, show_default=True, help="Height of the repeat unit."
)
@click.option(
    "--rotary",
    "circumference_cm",
    type=float,
    is_flag=False,
    flag_value=64.0,
    default=None,
    help="Fit the height to a rotary screen of this circumference "
    "(cm; 64 when given without a value).",
)
@click.option("--ppi", type=float, default=300.0, show_default=True)
@click.option("--force", is_flag=True, help="Allow a ppi below 150.")
@click.option("--preview", type=click.Path(dir_okay=False), help="Also write a 3 x 3 preview PNG.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
def repeat_cmd(
    genome_path, kind, drop, height_cm, circumference_cm, ppi, force, preview, output
) -> None:
    """Render one seamless period of a yardage repeat (TIFF or PNG)."""
    from foulard.production.repeats import plan_repeat, write_repeat

    genome = load_genome(genome_path)
    plan = plan_repeat(
        kind, drop=drop, height_mm=height_cm * 10, ppi=ppi,
        circumference_mm=circumference_cm * 10 if circumference_cm else None, force=force,
    )  # fmt: skip
    with progress_bar(unit="rows") as bar:
        task = bar.add_task(f"{plan.tile_px[0]} x {plan.tile_px[1]} px", total=plan.tile_px[1])
        result = write_repeat(
            genome, plan, output, preview=preview, command=command_line(),
            progress=lambda rows: bar.advance(task, rows),
        )  # fmt: skip
    w, h = plan.tile_px
    click.echo(
        f"{output}: {kind} repeat, one period {w} x {h} px ({plan.tile_mm[0]:g} x "
        f"{plan.tile_mm[1]:g} mm) at {plan.true_ppi:.3f} ppi; seam: "
        f"{result.seam_mismatched} of {result.seam_pixels} edge pixels differ, "
        f"max dE2000 {result.seam_max_de2000:.2f}"
    )


@click.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", help=FORMAT_HELP)
@click.option("--ppi", type=float, help="The ordered ppi.")
@click.option("--repeat", "repeat_type", help="The repeat the printer will step (block, ...).")
@click.option("--drop", help="Drop of a half-drop or brick repeat.")
@click.option("--inks", type=int, help="Most inks the screens allow.")
@click.option("--min-line-mm", type=float, default=0.3, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def check_cmd(file, fmt, ppi, repeat_type, drop, inks, min_line_mm, as_json) -> int:
    """Check any image against an order; exit 1 if a mill would reject it."""
    from foulard.production.check import check_file

    if (fmt is None) != (ppi is None):
        raise FoulardError("give --format and --ppi together (or neither)")
    report = check_file(
        file, format=fmt, ppi=ppi, repeat=repeat_type,
        drop=drop, inks=inks, min_line_mm=min_line_mm,
    )  # fmt: skip
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(report.summary())
    return 1 if report.rejected else 0


COMMANDS = [export_cmd, repeat_cmd, check_cmd]
