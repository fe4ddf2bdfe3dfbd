"""Commands from words to scarves: design (a prompt), evolve (likes), collection.

Everything a prompt says selects vocabulary entries and small checked numbers; the
files written are named by their index and design id only, in the folder given with
``-o``: nothing from a prompt reaches a path or a shell.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from foulard.cli.main import command_line, emit_json, load_genome, stderr_console
from foulard.errors import FoulardError

MAX_PX = 2048


def _space_and_slot(person: str | None):
    if person is None:
        return None, None
    from foulard.ledger import Ledger
    from foulard.space import space_for_key

    try:
        with Ledger.open() as ledger:
            slot = ledger.person(person).slot
    except FoulardError as exc:
        raise FoulardError(
            f"--person {person}: {exc} (run `foulard init` and "
            f"`foulard ledger register {person}` first)"
        ) from None
    return space_for_key(), slot


def _write(folder: Path, genomes, captions, px: int, fmt_name: str | None) -> Path:
    """Genome, preview per design and a contact sheet; returns the sheet's path."""
    from foulard.render import RenderContext, render, write_image
    from foulard.render.contact import contact_sheet
    from foulard.scarf.formats import get_format

    folder.mkdir(parents=True, exist_ok=True)
    tiles = []
    fmt = get_format(fmt_name) if fmt_name else None
    with stderr_console().status("rendering previews"):
        for i, (g, caption) in enumerate(zip(genomes, captions, strict=True)):
            stem = f"{i + 1:02d}-{g.short_id}"
            g.save(folder / f"{stem}.json")
            f = fmt_name or (g.meta.get("provenance", {}) or {}).get("format")
            ctx = get_format(f).preview_context(px) if f else RenderContext.preview(px)
            write_image(g, ctx, folder / f"{stem}.png", command=command_line())
            small = get_format(f).preview_context(256) if f else RenderContext.preview(256)
            if small.width < small.height / 3:  # a ribbon: show its top square
                small = RenderContext.preview(256)
            tiles.append((render(g, small), caption))
    del fmt
    return contact_sheet(tiles, folder / "contact-sheet.png", columns=3)


def _print_intent(intent) -> None:
    click.echo(f"understood: {intent.summary()}")
    for i in intent.ignored:
        click.echo(f"  not used: {i['text']} ({i['reason']})")
    for u in intent.unavailable:
        click.echo(f"  known but not drawable yet: {u['text']} ({u['en']})")
    for c in intent.conflicts:
        click.echo(f"  conflict: {c['term']}: {c['reason']}")
    for note in intent.notes:
        click.echo(f"  note: {note}")


@click.command("design")
@click.argument("prompt")
@click.option(
    "-n", "count", type=click.IntRange(1, 24), help="Designs (default: the prompt's, else 6)."
)
@click.option("--format", "fmt", help="Scarf format (carre90, bandana, twilly, custom-WxH...).")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), default="foulard-designs", show_default=True
)
@click.option("--seed", type=click.IntRange(0, 2**62), default=0, show_default=True)
@click.option("--person", help="Draw from this person's own design space where possible.")
@click.option("--px", type=click.IntRange(64, MAX_PX), default=512, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the intent and designs as JSON.")
def design_cmd(prompt, count, fmt, output, seed, person, px, as_json) -> None:
    """Designs from a prompt in Chinese or English (at most 500 characters are read)."""
    from dataclasses import replace

    from foulard.prompt import design, parse
    from foulard.prompt.semantic import lazy_matcher
    from foulard.scarf.formats import get_format

    intent = parse(prompt, semantic=lazy_matcher())
    if fmt is not None:
        get_format(fmt)  # a clear error naming the valid formats
        intent = replace(intent, format=fmt)
    space, slot = _space_and_slot(person)
    batch = design(intent, count, seed=seed, space=space, slot=slot)
    if batch.reason:
        raise FoulardError(batch.reason)
    folder = Path(output)
    captions = [
        f"{i + 1}. {c.genome.meta.get('title', '')}" for i, c in enumerate(batch.candidates)
    ]
    sheet = _write(folder, [c.genome for c in batch.candidates], captions, px, intent.format)
    data = batch.to_json()
    data["command"] = command_line()
    (folder / "intent.json").write_text(
        json.dumps(intent.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )
    (folder / "designs.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )
    lines = [f"# {intent.text}", ""]
    for i, c in enumerate(batch.candidates):
        lines += [
            f"## {i + 1}. {c.genome.meta.get('title', '')} ({c.genome.short_id})",
            "",
            c.explanation,
            "",
        ]
    (folder / "explanations.md").write_text("\n".join(lines), "utf-8")
    if as_json:
        emit_json(data)
        return
    _print_intent(intent)
    for note in batch.notes:
        click.echo(f"  note: {note}")
    for i, c in enumerate(batch.candidates):
        where = f" at {c.address}" if c.address else ""
        mark = "" if c.honour["ok"] else f"  [misses: {'; '.join(c.honour['failures'])}]"
        click.echo(f"{i + 1:2d}. {c.genome.short_id} ({c.source}{where}){mark}")
        click.echo(f"    {c.explanation}")
    m = batch.metrics
    click.echo(f"margins: {json.dumps({k: v for k, v in m.items() if k != 'designs'})}")
    click.echo(f"written to {folder.resolve()}/ (contact sheet: {sheet.name})")


def _split_files(rest: tuple[str, ...]) -> tuple[list[str], list[str]]:
    like, dislike, target = [], [], None
    for tok in rest:
        if tok in ("--like", "--likes"):
            target = like
        elif tok in ("--dislike", "--dislikes"):
            target = dislike
        elif tok.startswith("-"):
            raise click.UsageError(f"unknown option {tok}")
        elif target is None:
            raise click.UsageError(f"{tok}: say --like or --dislike before design files")
        else:
            target.append(tok)
    return like, dislike


@click.command(
    "evolve", context_settings={"ignore_unknown_options": True, "allow_extra_args": True}
)
@click.option("-n", "count", type=click.IntRange(1, 24), default=6, show_default=True)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), default="foulard-evolved", show_default=True
)
@click.option("--seed", type=click.IntRange(0, 2**62), default=0, show_default=True)
@click.option("--person", help="Also re-rank this person's own designs of the space.")
@click.option("--px", type=click.IntRange(64, MAX_PX), default=512, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.argument("files", nargs=-1, type=click.UNPROCESSED)
def evolve_cmd(count, output, seed, person, px, as_json, files) -> None:
    """The next designs from liked (--like A.json B.json) and disliked (--dislike C.json) ones.

    What the person has seen is kept in OUTPUT/history.json; new designs keep away from
    it (novelty).
    """
    from foulard.evolve import evolve, kept_decisions
    from foulard.perceptual import Signature

    like, dislike = _split_files(files)
    if not like:
        raise click.UsageError("give at least one liked design: --like A.json [B.json ...]")
    liked = [load_genome(p) for p in like]
    disliked = [load_genome(p) for p in dislike]
    folder = Path(output)
    history_file = folder / "history.json"
    seen = []
    if history_file.is_file():
        seen = [Signature.from_text(t) for t in json.loads(history_file.read_text("utf-8"))]
    space, slot = _space_and_slot(person)
    props = evolve(liked, disliked, count, seed=seed, seen=seen, space=space, slot=slot)
    sheet = _write(
        folder,
        [p.genome for p in props],
        [f"{i + 1}. {p.origin} {p.score:+.1f}" for i, p in enumerate(props)],
        px,
        None,
    )
    seen_text = [s.to_text() for s in seen] + [p.signature.to_text() for p in props]
    history_file.write_text(json.dumps(seen_text) + "\n", "utf-8")
    data = {
        "kept": kept_decisions(liked),
        "designs": [p.to_json() for p in props],
        "command": command_line(),
    }
    (folder / "evolved.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    if as_json:
        emit_json(data)
        return
    if data["kept"]:
        click.echo(f"kept from the liked designs: {', '.join(data['kept'])}")
    for i, p in enumerate(props):
        click.echo(
            f"{i + 1:2d}. {p.genome.short_id} ({p.origin}) taste {p.score:+.2f}, "
            f"novelty {p.novelty:.2f}"
        )
    click.echo(f"written to {folder.resolve()}/ (contact sheet: {sheet.name})")


@click.command("collection")
@click.option("--from", "base", type=click.Path(dir_okay=False), help="Around this design.")
@click.option("--palette", help="Around this palette (a name: 暮色鎏金, twilight gold, 立春...).")
@click.option("--prompt", help="Around this prompt.")
@click.option("-n", "count", type=click.IntRange(2, 48), default=12, show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="foulard-collection",
    show_default=True,
)
@click.option("--seed", type=click.IntRange(0, 2**62), default=0, show_default=True)
@click.option("--px", type=click.IntRange(64, MAX_PX), default=512, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def collection_cmd(base, palette, prompt, count, output, seed, px, as_json) -> None:
    """A collection of N designs sharing a design's story, a palette or a prompt, with
    its minimum pairwise perceptual distance."""
    from foulard.evolve import MIN_DISTANCE, around_design, around_palette, around_prompt
    from foulard.prompt import parse, vocabulary

    given = [x for x in (base, palette, prompt) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --from, --palette, --prompt")
    if base:
        space = None
        try:
            from foulard.space import space_for_key

            space = space_for_key()
        except FoulardError:
            space = None
        col = around_design(load_genome(base), count, seed=seed, space=space)
    elif palette:
        hits = [e for e in vocabulary().best(palette) if e.kind == "palette"]
        if not hits:
            raise FoulardError(
                f"no palette is called {palette!r} (try a name such as 暮色鎏金, "
                "'twilight gold' or a solar term such as 立春)"
            )
        col = around_palette(hits[0].data["node"], count, seed=seed)
    else:
        col = around_prompt(parse(prompt), count, seed=seed)
    folder = Path(output)
    sheet = _write(folder, col.genomes, [f"{i + 1}" for i in range(len(col.genomes))], px, None)
    data = {**col.to_json(), "command": command_line()}
    (folder / "collection.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    if as_json:
        emit_json(data)
        return
    state = "above" if col.ok else "NOT above"
    click.echo(f"{len(col.genomes)} designs sharing {', '.join(col.shared) or '(the prompt)'}")
    click.echo(
        f"minimum pairwise perceptual distance {col.min_distance:.2f} ({state} the "
        f"threshold {MIN_DISTANCE}; 1 = near-duplicate), mean {col.mean_distance:.2f}"
    )
    click.echo(f"written to {folder.resolve()}/ (contact sheet: {sheet.name})")


COMMANDS = [design_cmd, evolve_cmd, collection_cmd]
