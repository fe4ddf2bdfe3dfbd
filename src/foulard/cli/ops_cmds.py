"""``foulard ops``: browse the operator registry."""

from __future__ import annotations

import click

from foulard.cli.main import emit_json


@click.group()
def ops() -> None:
    """Browse the operator registry."""


@ops.command("list")
@click.option("--family", help="Only this family (e.g. symmetry, fields, motifs).")
@click.option("--kind", help="Only this kind (field, image, vector, grid, palette).")
@click.option("--by-family", is_flag=True, help="Counts per family and kind, from the registry.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_ops(family: str | None, kind: str | None, by_family: bool, as_json: bool) -> None:
    """List operators, with their family, kind and one-line summary."""
    from rich.console import Console
    from rich.table import Table

    from foulard.ops import operators

    specs = operators(family=family, kind=kind)
    if by_family:
        counts: dict[str, dict[str, int]] = {}
        for s in specs:
            fam = counts.setdefault(s.family, {})
            fam[s.kind] = fam.get(s.kind, 0) + 1
        if as_json:
            emit_json({"total": len(specs), "families": counts})
            return
        kinds = sorted({k for fam in counts.values() for k in fam})
        table = Table(title=f"{len(specs)} operators in {len(counts)} families")
        table.add_column("family", style="bold")
        for k in kinds:
            table.add_column(k, justify="right")
        table.add_column("total", justify="right", style="bold")
        for name, fam in sorted(counts.items()):
            row = [str(fam.get(k, "")) for k in kinds]
            table.add_row(name, *row, str(sum(fam.values())))
        Console().print(table)
        return
    if as_json:
        emit_json([s.to_json() for s in specs])
        return
    table = Table(title=f"{len(specs)} operators", show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("kind")
    table.add_column("v", justify="right")
    table.add_column("summary")
    for s in specs:
        table.add_row(s.id, s.kind, str(s.version), s.summary)
    Console().print(table)


@ops.command("show")
@click.argument("op_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show_op(op_id: str, as_json: bool) -> None:
    """Show one operator: parameters with ranges and docs, inputs, reference."""
    from rich.console import Console
    from rich.table import Table

    from foulard.ops import get

    spec = get(op_id)
    if as_json:
        data = spec.to_json()
        data["doc"] = spec.doc
        emit_json(data)
        return
    console = Console()
    console.print(
        f"[bold]{spec.id}[/bold]  kind={spec.kind}  version={spec.version}  "
        f"output={spec.output}" + ("  periodic" if spec.periods else "")
    )
    console.print(spec.doc, markup=False)
    table = Table(title="parameters")
    for col in ("name", "type", "default", "valid", "unit", "doc"):
        table.add_column(col)
    for p in spec.params.specs():
        default = ", ".join(p.default) if isinstance(p.default, tuple) else str(p.default)
        table.add_row(p.name, p.type, default, p.describe(), p.unit or "", p.doc)
    console.print(table)
    for slot in spec.inputs:
        many = " (list)" if slot.variadic else ""
        console.print(f"input [bold]{slot.name}[/bold]{many}: {slot.doc} (e.g. {slot.example})")
