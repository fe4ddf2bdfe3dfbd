"""``foulard ledger``: persons, claims, proofs and counts."""

from __future__ import annotations

from pathlib import Path

import click

from foulard.cli.main import emit_json


@click.group("ledger")
def ledger() -> None:
    """Who owns which design: register, claim, show, verify, stats."""


def _open():
    from foulard.ledger import Ledger

    return Ledger.open()


@ledger.command("register")
@click.argument("person_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def register_cmd(person_id: str, as_json: bool) -> None:
    """Register a person (or show them): each gets the next dense slot of the space."""
    with _open() as led:
        person, new = led.register(person_id)
    if as_json:
        emit_json({**person.to_json(), "new": new})
    else:
        click.echo(f"{person.id}: slot {person.slot} ({'registered' if new else 'already'})")


@ledger.command("claim")
@click.argument("design")
@click.option("--person", "person_id", required=True, help="Who claims it.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def claim_cmd(design: str, person_id: str, as_json: bool) -> None:
    """Claim a design: a design id (or 8+ digit prefix) or a genome file.

    A genome file that is not in the ledger yet is issued first: at its address if it
    is a design of the space, else after the near-duplicate check.
    """
    with _open() as led:
        if Path(design).is_file() or design == "-":
            from foulard.cli.main import load_genome
            from foulard.ledger.issue import issue_genome
            from foulard.space.space import space_for_key

            genome = load_genome(design)
            issue_genome(led, space_for_key(), genome)
            design_id = genome.design_id
        else:
            design_id = led.resolve(design)
        result = led.claim(design_id, person_id)
    info = {**result.design.to_json(), "won": result.won}
    if as_json:
        emit_json(info)
    else:
        verb = "claimed by" if result.won else "already owned by"
        click.echo(f"design {design_id[:12]} {verb} {person_id}")


@ledger.command("show")
@click.argument("what")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show_cmd(what: str, as_json: bool) -> None:
    """Show a design (id or prefix) or a person, with their events."""
    from foulard.errors import LedgerError

    with _open() as led:
        try:
            design_id = led.resolve(what)
        except LedgerError:
            design_id = None
        if design_id is not None:
            info = {
                "design": led.design(design_id).to_json(),
                "events": [e.to_json() for e in led.events(design_id=design_id)],
            }
        else:
            person = led.person(what)
            info = {
                "person": person.to_json(),
                "events": [e.to_json() for e in led.events(person_id=person.id)],
            }
    if as_json:
        emit_json(info)
        return
    head = info.get("design") or info.get("person")
    for k, v in head.items():
        click.echo(f"{k:>14}: {v}")
    for e in info["events"]:
        click.echo(
            f"  #{e['seq']} {e['at']} {e['kind']} "
            f"{(e['design_id'] or '')[:12]} {e['person_id'] or ''}"
        )


@ledger.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def verify_cmd(as_json: bool) -> int:
    """Prove the ledger's invariants; exit 1 if any fails."""
    with _open() as led:
        report = led.verify()
    if as_json:
        emit_json(report.to_json())
    else:
        for c in report.checks:
            click.echo(f"checked: {c}")
        for p in report.problems:
            click.echo(f"FAILED: {p}")
        click.echo(
            f"{'ok' if report.ok else 'NOT OK'}: {report.persons} persons, "
            f"{report.designs} designs, {report.events} events"
        )
    return 0 if report.ok else 1


@ledger.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats_cmd(as_json: bool) -> None:
    """Counts: persons, designs by status and origin, events by kind."""
    with _open() as led:
        s = led.stats()
    if as_json:
        emit_json(s)
        return
    d = s["designs"]
    click.echo(f"{s['backend']} {s['database']}")
    click.echo(f"persons: {s['persons']}")
    click.echo(
        f"designs: {d['total']} ({d['from_space']} from the space, {d['outside']} outside)"
        f"; issued {d['by_status']['issued']}, claimed {d['by_status']['claimed']}, "
        f"sold {d['by_status']['sold']}"
    )
    click.echo(f"events: {s['events']['total']}")


COMMANDS = [ledger]
