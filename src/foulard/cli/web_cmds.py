"""``foulard serve``, ``foulard studio`` and ``foulard accounts``: the studio's commands."""

from __future__ import annotations

import click

from foulard.cli.main import emit_json

MAX_PORT = 65535


APP_FACTORY = "foulard.web.app:create_app"
REQUESTS_GRACE_S = 10  # for requests in flight at shutdown; export jobs get their own grace


def _run(host: str, port: int, workers: int | None, threads: int | None) -> None:
    """Serve with uvicorn: ``workers`` processes, each calling the app factory.

    The options travel to the worker processes as ``FOULARD_STUDIO_*`` variables
    (with the data home made absolute), so every process builds the same settings.
    """
    import os

    import uvicorn

    from foulard import config
    from foulard.web.settings import ENV_PREFIX, Settings

    os.environ["FOULARD_HOME"] = str(config.data_home().resolve())
    for name, value in (("WORKERS", workers), ("THREADS", threads)):
        if value is not None:
            os.environ[ENV_PREFIX + name] = str(value)
    settings = Settings.from_env()  # a bad variable fails here, not in every worker
    click.echo(
        f"foulard studio: http://{host}:{port}/  ({settings.workers} worker process"
        f"{'es' if settings.workers > 1 else ''}; Ctrl-C stops it)"
    )
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=settings.workers,
        log_level="warning",
        timeout_graceful_shutdown=REQUESTS_GRACE_S,
        timeout_worker_healthcheck=30,
    )


def _serving_options(cmd):
    cmd = click.option(
        "--threads",
        type=click.IntRange(1, 256),
        help="Slow-work threads per process (default: the CPUs shared out).",
    )(cmd)
    cmd = click.option(
        "--workers",
        type=click.IntRange(1, 64),
        help="Server processes (default: CPUs, at most 8); they share jobs, rates and tokens "
        "through the database.",
    )(cmd)
    cmd = click.option("--port", type=click.IntRange(1, MAX_PORT), default=8000, show_default=True)(
        cmd
    )
    return click.option(
        "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
    )(cmd)


@click.command("serve")
@_serving_options
def serve_cmd(host: str, port: int, workers: int | None, threads: int | None) -> None:
    """Run the studio (HTTP API and web page) on this data home and database.

    The deployment must be initialised (foulard init); accounts come from
    'foulard accounts add'. SIGTERM or Ctrl-C stops it gracefully: running orders
    get a grace period to finish, then are cancelled.
    """
    from foulard.config import load_space_key

    load_space_key()  # a clear error before listening if the deployment is not initialised
    _run(host, port, workers, threads)


@click.command("studio")
@_serving_options
@click.option("--no-seed", is_flag=True, help="Do not seed the library on first run.")
def studio_cmd(host: str, port: int, workers: int | None, threads: int | None, no_seed: bool):
    """The demo: initialise the data home on first run (key, database, demo accounts,
    a library seeded from bundled content), print the accounts, and serve."""
    from foulard.web.demo import prepare_demo

    click.echo("preparing the demo deployment (the first run seeds the library)...")
    info = prepare_demo(seed=not no_seed)
    click.echo(f"data home: {info['home']}")
    if info["library"]:
        lib = info["library"]
        click.echo(f"library seeded: {lib['samples']} bundled samples, {lib['designs']} designs")
    click.echo("demo accounts (person / password / role):")
    for a in info["accounts"]:
        click.echo(f"  {a['person']:<10} {a['password']:<14} {a['role']}")
    _run(host, port, workers, threads)


@click.group("accounts")
def accounts() -> None:
    """Studio accounts: add, token, list."""


def _db():
    from foulard import config
    from foulard.db import connect
    from foulard.web.store import migrate

    db = connect(config.database_url(), create=True)
    migrate(db)
    return db


@accounts.command("add")
@click.argument("person_id")
@click.option(
    "--role", type=click.Choice(["customer", "designer", "admin"]), default="customer",
    show_default=True,
)  # fmt: skip
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
@click.option("--update", is_flag=True, help="Change the role (and password) if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def add_cmd(person_id, role, password_stdin, update, as_json) -> None:
    """Create a studio account (a ledger person with a role)."""
    import sys

    from foulard.web.accounts import create_account

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    with _db() as db:
        acc, created = create_account(db, person_id, role, password, update=update)
    if as_json:
        emit_json({**acc.to_json(), "created": created})
    else:
        click.echo(
            f"{acc.person_id}: {acc.role}, slot {acc.slot} ({'created' if created else 'exists'})"
        )


@accounts.command("token")
@click.argument("person_id")
@click.option("--days", type=click.FloatRange(0.01, 3660), default=30, show_default=True)
def token_cmd(person_id, days) -> None:
    """Issue a bearer token for an account (printed once; only its hash is stored)."""
    from foulard.web.accounts import issue_token

    with _db() as db:
        click.echo(issue_token(db, person_id, days=days, label="cli"))


@accounts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(as_json) -> None:
    """The studio's accounts."""
    from foulard.web.accounts import list_accounts

    with _db() as db:
        rows = list_accounts(db)
    if as_json:
        emit_json([a.to_json() for a in rows])
        return
    for a in rows:
        click.echo(f"{a.person_id:<24} {a.role:<9} slot {a.slot}")


COMMANDS = [serve_cmd, studio_cmd, accounts]
