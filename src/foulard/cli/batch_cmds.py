"""``foulard batch``: make a job file, run it (local pool or Dask), see where it stands."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from foulard.cli.main import emit_json, load_genome, progress_bar
from foulard.errors import FoulardError

OUTPUTS_HELP = "Outputs: preview, master, order, signature (joined with + or commas)."
FORMAT_HELP = "Format name (carre90, twilly, ...) or custom-WxH in mm."


@click.group("batch")
def batch() -> None:
    """Batch jobs: many designs at once, on this machine or a Dask cluster."""


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    s = round(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def _engine(scheduler, dask_local, workers, connect_timeout):
    from foulard.batch import DaskEngine, LocalEngine

    if scheduler and dask_local:
        raise click.UsageError("give --scheduler or --dask-local, not both")
    if (scheduler or dask_local) and workers:
        raise click.UsageError("--workers sizes the local pool; a Dask cluster has its own")
    if scheduler:
        return DaskEngine(scheduler, connect_timeout=connect_timeout)
    if dask_local:
        return DaskEngine(local_workers=dask_local)
    return LocalEngine(workers)


@batch.command("run")
@click.argument("job_path", metavar="JOB", type=click.Path(dir_okay=False))
@click.option("--scheduler", metavar="URL", help="Run on the Dask scheduler at tcp://HOST:PORT.")
@click.option(
    "--dask-local",
    type=click.IntRange(1, 256),
    metavar="N",
    help="Start a Dask cluster of N workers on loopback and run on it.",
)
@click.option(
    "--workers", type=click.IntRange(1, 256), help="Local pool processes (default: cores)."
)
@click.option("--threads", type=click.IntRange(1, 64), help="Render threads per unit.")
@click.option(
    "--retries",
    type=click.IntRange(0, 100),
    default=2,
    show_default=True,
    help="Further attempts of a failing unit before it is recorded as failed.",
)
@click.option("--resume", is_flag=True, help="Go on with a job that ran before.")
@click.option(
    "--connect-timeout",
    type=click.FloatRange(0.1, 600),
    default=10.0,
    show_default=True,
    help="Seconds to reach the scheduler.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
def run_cmd(
    job_path, scheduler, dask_local, workers, threads, retries, resume, connect_timeout, as_json
) -> int:
    """Run a job file: every unit's outputs into the store, results in the manifest."""
    from foulard.batch import Manifest, load_job, manifest_path, run_job
    from foulard.batch.runner import check_fresh

    engine = _engine(scheduler, dask_local, workers, connect_timeout)
    job = load_job(job_path)
    check_fresh(Manifest(manifest_path(job.path)), resume)
    with progress_bar("rate", "failed", "eta", eta=False) as bar:
        task = bar.add_task(
            "batch", total=len(job.unique()), rate="0.0/min", failed="", eta=f"eta {_eta(None)}"
        )

        def progress(p) -> None:
            bar.update(
                task,
                completed=p.finished,
                description=p.label or "batch",
                rate=f"{p.rate_per_min:.1f}/min",
                failed=f"{p.failed} failed" if p.failed else "",
                eta=f"eta {_eta(p.eta_s)}",
            )

        try:
            report = run_job(
                job,
                engine=engine,
                resume=resume,
                retries=retries,
                threads=threads,
                progress=progress,
            )
        except KeyboardInterrupt:
            bar.stop()
            click.echo(
                f"interrupted: the units finished stay done; go on with "
                f"foulard batch run {shlex.quote(job_path)} --resume",
                err=True,
            )
            raise
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(
            f"{job_path}: {report.done} done, {report.skipped} already done, "
            f"{report.failed} failed of {report.total} units in {report.seconds:.1f} s "
            f"({report.engine})"
        )
        for f in report.failures:
            click.echo(f"  failed: {f['label']} ({f['where']}): {f['error']}")
    return 1 if report.failed else 0


@batch.command("status")
@click.argument("job_path", metavar="JOB", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status_cmd(job_path, as_json) -> None:
    """How far a job is: units done, failed and pending, and why units failed."""
    from foulard.batch import job_status

    st = job_status(job_path)
    if as_json:
        emit_json(st)
        return
    line = (
        f"{job_path}: {st['done']} done, {st['failed']} failed, {st['pending']} pending of "
        f"{st['units']} units ({st['runs']} runs; last: {st['state']}"
    )
    if st["stopped_because"]:
        line += f", {st['stopped_because']}"
    click.echo(line + ")")
    for f in st["failures"]:
        click.echo(f"  failed: {f['label']} ({f['where']}): {f['error']}")


def _defaults(fmt, ppi, px, inks, colourways, outputs) -> dict:
    from foulard.batch import parse_outputs

    return {
        "format": fmt,
        "ppi": ppi,
        "preview_px": px,
        "inks": inks,
        "colourways": colourways,
        "outputs": list(parse_outputs(outputs)),
    }


def _unit_options(f):
    for deco in reversed(
        [
            click.option("--outputs", default="preview", show_default=True, help=OUTPUTS_HELP),
            click.option("--format", "fmt", default="carre90", show_default=True, help=FORMAT_HELP),
            click.option("--ppi", type=float, default=300.0, show_default=True),
            click.option(
                "--px", type=int, default=512, show_default=True, help="Preview long side."
            ),
            click.option("--inks", type=int, default=12, show_default=True, help="Order inks."),
            click.option("--colourways", type=int, default=5, show_default=True),
        ]
    ):
        f = deco(f)
    return f


@batch.command("make")
@click.option("--person", help="A registered person: their addresses --from..--to.")
@click.option("--slot", type=int, help="A slot of the space: its addresses --from..--to.")
@click.option("--from", "start", type=int, help="First n (inclusive).")
@click.option("--to", "stop", type=int, help="Last n (inclusive).")
@click.option(
    "--genomes", type=click.Path(file_okay=False), help="A folder of genome files (*.json)."
)
@_unit_options
@click.option("--name", default="", help="A name for the job.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Job file.")
def make_cmd(person, slot, start, stop, genomes, outputs, fmt, ppi, px, inks, colourways, name,
             output) -> None:  # fmt: skip
    """Write a job file: a person's (or slot's) addresses, or a folder of genomes."""
    import os

    from foulard.batch import address_specs, write_job

    if sum(x is not None for x in (person, slot, genomes)) != 1:
        raise click.UsageError("give one of --person, --slot or --genomes")
    if genomes is None:
        if start is None or stop is None:
            raise click.UsageError("--person and --slot need --from and --to")
        if not 0 <= start <= stop < 100_000:
            raise FoulardError(f"need 0 <= --from <= --to < 100000, got {start}..{stop}")
        if person is not None:
            from foulard.ledger import Ledger

            with Ledger.open() as ledger:
                ledger.person(person)  # an unknown person is an error now, not at run time
        specs = address_specs(person, slot, start, stop)
    else:
        folder = Path(genomes)
        files = sorted(folder.glob("*.json"))
        if not files:
            raise FoulardError(f"no genome files (*.json) in {folder}")
        base = Path(output).resolve().parent
        specs = [{"genome": os.path.relpath(p.resolve(), base)} for p in files]
    job = write_job(output, specs, _defaults(fmt, ppi, px, inks, colourways, outputs), name=name)
    click.echo(f"{output}: {len(job.units)} units ({len(job.unique())} distinct)")


@batch.command("unit")
@click.argument("genome_path", metavar="GENOME")
@_unit_options
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def unit_cmd(genome_path, outputs, fmt, ppi, px, inks, colourways, as_json) -> int:
    """Make one unit's outputs in the store, here (what batch files embed to remake them)."""
    from foulard.batch import InlineEngine, OutputStore, make_unit, plan_units
    from foulard.batch.work import execute_unit

    spec = {"genome": load_genome(genome_path)}
    spec.update(_defaults(fmt, ppi, px, inks, colourways, outputs))
    unit = make_unit(spec)
    store = OutputStore.default().ensure()
    [(_, payload)] = plan_units([unit], store, InlineEngine().unit_threads)
    result = execute_unit(payload)
    if not result["ok"]:
        raise FoulardError(result["error"])
    if as_json:
        emit_json(result)
        return 0
    for name, rec in result["outputs"].items():
        click.echo(f"{name}: {rec['path']}")
    return 0


COMMANDS = [batch]
