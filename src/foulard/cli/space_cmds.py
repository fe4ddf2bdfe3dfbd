"""``foulard init`` and ``foulard space``: the deployment, designs by address, locate, audit."""

from __future__ import annotations

import os
from pathlib import Path

import click

from foulard.cli.main import command_line, emit_json, load_genome, progress_bar

MAX_PREVIEW_PX = 16384


@click.command("init")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def init_cmd(as_json: bool) -> None:
    """Create the data home, the space key (never replaced) and the database."""
    from foulard import config
    from foulard.ledger import Ledger

    home = config.ensure_home()
    from foulard.space.deployment import record_deployment_version

    key_path, created = config.create_space_key()
    version = record_deployment_version(created)
    url = config.database_url()
    with Ledger.open(url, create=True) as ledger:
        shown = ledger.db.display_url()
    info = {
        "home": str(home),
        "key": str(key_path),
        "key_created": created,
        "space_version": version,
        "database": shown,
    }
    if as_json:
        emit_json(info)
        return
    click.echo(f"data home: {home}")
    click.echo(f"space key: {key_path} ({'created' if created else 'kept, already there'})")
    click.echo(f"space:     version {version}")
    click.echo(f"database:  {shown} (schema current)")


@click.group("space")
def space() -> None:
    """The planet-scale design space: designs by address, and back."""


def _space():
    from foulard.space.space import space_for_key

    return space_for_key()


@space.command("design")
@click.option("--person", "person_id", required=True, help="Registered person id.")
@click.option("--n", "n", type=int, required=True, help="The person's design number (0..99999).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the genome here.")
@click.option("--preview", type=click.Path(dir_okay=False), help="Also write a PNG preview.")
@click.option("--px", type=click.IntRange(16, MAX_PREVIEW_PX), default=512, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def design_cmd(person_id, n, output, preview, px, as_json) -> None:
    """The person's n-th design: its genome, issued to them in the ledger."""
    from foulard.ledger import Ledger
    from foulard.ledger.issue import issue_space_design

    sp = _space()
    with Ledger.open() as ledger:
        genome, address, design, new = issue_space_design(ledger, sp, person_id, n)
    if output:
        genome.save(output)
    if preview:
        from foulard.render import RenderContext, write_image

        write_image(genome, RenderContext.preview(px), preview, command=command_line())
    info = {
        "design_id": genome.design_id,
        "address": address.to_json(),
        "person": person_id,
        "status": design.status,
        "newly_issued": new,
        "decisions": sp.describe(address),
    }
    if as_json:
        emit_json(info)
        return
    click.echo(f"design {genome.short_id} at {address} for {person_id} ({design.status})")
    for d in info["decisions"]:
        click.echo(f"  {d['gene']:<16} {d['allele']:>3}  {d['choice']}")
    if output:
        click.echo(f"{output}: genome")
    if preview:
        click.echo(f"{preview}: {px} px preview")


@space.command("locate")
@click.argument("genome_path", metavar="GENOME")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def locate_cmd(genome_path: str, as_json: bool) -> int:
    """Find a genome's address; exit 1 if it is not from this space (and say how far)."""
    sp = _space()
    loc = sp.locate(load_genome(genome_path))
    if as_json:
        emit_json(loc.to_json())
    elif loc.found:
        click.echo(
            f"address {loc.address} (slot {loc.address.slot}, n {loc.address.n}): {loc.reason}"
        )
    else:
        click.echo(loc.reason)
    return 0 if loc.found else 1


@space.command("audit")
@click.option(
    "--sample",
    type=click.IntRange(2, 20000),
    required=True,
    help="Designs per set (random addresses, and one person's).",
)
@click.option(
    "--px", type=click.IntRange(32, 256), default=64, show_default=True, help="Thumbnail size."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="cores",
    help="Render processes.",
)
@click.option(
    "--gene-pairs",
    type=click.IntRange(1000, 10**8),
    default=2_000_000,
    show_default=True,
    help="Random address pairs for the gene distance.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Sampling seed.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="space-audit",
    show_default=True,
    help="Folder for the report and the pairs picture.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def audit_cmd(sample, px, workers, gene_pairs, seed, output, as_json) -> int:
    """Render sampled designs, compare them perceptually, report the closest pairs."""
    import json

    from foulard import config
    from foulard.render.atomic import atomic_write_bytes
    from foulard.space.audit import audit, pairs_picture

    sp = _space()
    key = config.load_space_key()
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    with progress_bar(unit="renders") as bar:
        task = bar.add_task("rendering", total=2 * sample)
        report = audit(
            sp,
            key,
            sample,
            px=px,
            workers=workers,
            gene_pairs=gene_pairs,
            seed=seed,
            progress=lambda k: bar.advance(task, k),
        )
    data = report.to_json()
    atomic_write_bytes(out / "audit.json", json.dumps(data, indent=2).encode("utf-8"))
    picture = out / "closest-pairs.png"
    _save_png(pairs_picture(report), picture)
    if as_json:
        emit_json(data)
    else:
        for s in data["sets"]:
            click.echo(
                f"{s['set']}: {s['pairs']} pairs, min perceptual distance "
                f"{s['min_distance']:.2f} (near-duplicate <= 1), "
                f"{s['near_duplicate_count']} near-duplicate pairs"
            )
        g = data["gene_distance"]
        click.echo(
            f"gene distance over {g['pairs']} random address pairs: min {g['min']} "
            f"(d = {data['d']})"
        )
        click.echo(f"{out / 'audit.json'}, {picture} ({data['seconds']} s)")
    ok = g_ok = data["gene_distance"]["min"] >= data["d"]
    ok = g_ok and all(s["near_duplicate_count"] == 0 for s in data["sets"])
    return 0 if ok else 1


def _save_png(img, path: Path) -> None:
    import pyvips

    from foulard.render.atomic import atomic_path

    with atomic_path(path) as tmp:
        pyvips.Image.new_from_array(img).write_to_file(str(tmp.with_suffix(".png")))
        tmp.with_suffix(".png").replace(tmp)


COMMANDS = [init_cmd, space]
