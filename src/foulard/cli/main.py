"""The ``foulard`` command line: parses, calls the library, prints.

User errors (a bad genome, an impossible size, an unwritable folder) print one line
``error: ...`` on stderr and exit 1; usage errors exit 2. Nothing else lives here.
"""

from __future__ import annotations

import json
import shlex
import sys
from typing import Any

import click

from foulard import __version__
from foulard.errors import FoulardError

__all__ = ["cli", "main"]


_ARGV: list[str] = []


def command_line() -> str:
    """The command that is running, for embedding in the files it writes."""
    return shlex.join(["foulard", *_ARGV])


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def load_genome(path: str):
    from foulard.genome import Genome

    if path == "-":
        return Genome.from_json(sys.stdin.buffer.read())
    return Genome.load(path)


def stderr_console():
    from rich.console import Console

    return Console(stderr=True)


LOG_EVERY_S = 60.0  # a progress line this often when stderr is a file, not a terminal


def progress_bar(*fields: str, unit: str = "", count: bool = True, eta: bool = True):
    """The progress bar of every long command, on stderr: the task's description, the
    bar, done of total (``count=False``: the percentage), ``unit``, each task field named
    in ``fields`` (``add_task`` and ``update`` give its text), the time taken and, with
    ``eta``, the time left.

    When stderr is not a terminal (a log file, ``nohup``), a bar cannot redraw: each
    task writes its line every :data:`LOG_EVERY_S` seconds instead, and once at the end.
    """
    import time

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class LoggedProgress(Progress):
        def __init__(self, *columns, **kwargs) -> None:
            super().__init__(*columns, **kwargs)
            self._logged: dict[TaskID, float] = {}

        def add_task(self, *args, **kwargs) -> TaskID:
            task = super().add_task(*args, **kwargs)
            self._logged[task] = time.monotonic()
            return task

        def update(self, task_id: TaskID, **kwargs) -> None:
            super().update(task_id, **kwargs)
            self._log(task_id)

        def advance(self, task_id: TaskID, advance: float = 1) -> None:
            super().advance(task_id, advance)
            self._log(task_id)

        def _log(self, task_id: TaskID) -> None:
            now = time.monotonic()
            if self.console.is_terminal or now - self._logged[task_id] < LOG_EVERY_S:
                return
            self._logged[task_id] = now
            task = next(t for t in self.tasks if t.id == task_id)
            self.console.print(self.make_tasks_table([task]))

    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if count else TaskProgressColumn(),
        *([TextColumn(unit)] if unit else []),
        *(TextColumn(f"{{task.fields[{name}]}}") for name in fields),
        TimeElapsedColumn(),
        *([TextColumn("eta"), TimeRemainingColumn()] if eta else []),
    ]
    return LoggedProgress(*columns, console=stderr_console(), transient=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="foulard")
def cli() -> None:
    """foulard: generative designs for printed silk scarves.

    A design is a genome (JSON); every picture is rendered from it at any size.
    """


def _register() -> None:
    from foulard.cli import (
        batch_cmds,
        design_cmds,
        ledger_cmds,
        library_cmds,
        model_cmds,
        ops_cmds,
        production_cmds,
        prompt_cmds,
        space_cmds,
        web_cmds,
    )

    cli.add_command(ops_cmds.ops)
    for cmd in design_cmds.COMMANDS:
        cli.add_command(cmd)
    for cmd in production_cmds.COMMANDS + space_cmds.COMMANDS + ledger_cmds.COMMANDS:
        cli.add_command(cmd)
    for cmd in prompt_cmds.COMMANDS:
        cli.add_command(cmd)
    for cmd in library_cmds.COMMANDS:
        cli.add_command(cmd)
    for cmd in batch_cmds.COMMANDS:
        cli.add_command(cmd)
    for cmd in model_cmds.COMMANDS:
        cli.add_command(cmd)
    for cmd in web_cmds.COMMANDS:
        cli.add_command(cmd)


_register()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn user errors into one line and an exit code."""
    _ARGV[:] = sys.argv[1:] if argv is None else list(argv)
    try:
        result = cli.main(args=argv, prog_name="foulard", standalone_mode=False)
    except FoulardError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
