"""``foulard library``: ingest, search, duplicates, records, palettes, index."""

from __future__ import annotations

from pathlib import Path

import click

from foulard.cli.main import emit_json, load_genome, progress_bar

_VOCAB_HELP = (
    "Vocabulary folder for tags and text search (repeatable; default $FOULARD_VOCABULARY)."
)


@click.group("library")
def library() -> None:
    """The pattern library: ingest, search, dupes, show, stats, export-palette."""


def _open(vocabulary: tuple[str, ...] = (), max_megapixels: float | None = None):
    from foulard.library import Library

    return Library.open(vocabulary=vocabulary or None, max_megapixels=max_megapixels)


@library.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--meta", type=click.Path(exists=True, dir_okay=False), help="CSV/JSON metadata.")
@click.option("--source", help="Source for files whose metadata names none.")
@click.option("--licence", "--license", "licence", help="Licence for files that name none.")
@click.option("--author", help="Author for files that name none.")
@click.option("--workers", type=click.IntRange(1, 64), help="Analysis processes (default: CPUs).")
@click.option("--max-megapixels", type=click.FloatRange(min=0.01), help="Decompression-bomb limit.")
@click.option("--vocabulary", multiple=True, type=click.Path(file_okay=False), help=_VOCAB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def ingest_cmd(paths, meta, source, licence, author, workers, max_megapixels, vocabulary, as_json):
    """Ingest files, folders and zip archives (PNG, JPEG, TIFF, WebP, SVG).

    Idempotent (content already there is not added again) and resumable (run the
    same command again after an interruption). Bad files are reported with their
    reason; the rest of the batch goes on.
    """
    import time

    from foulard.library.ingest import ingest

    with _open(vocabulary, max_megapixels) as lib:
        if as_json:
            report = ingest(
                lib,
                list(paths),
                meta=meta,
                source=source,
                licence=licence,
                author=author,
                workers=workers,
            )
        else:
            with progress_bar("rate") as bar:
                task = bar.add_task("ingest", total=None, rate="")
                t0 = time.perf_counter()

                def progress(done: int, total: int, name: str) -> None:
                    dt = time.perf_counter() - t0
                    rate = f"{done / dt:.1f} files/s" if dt > 0 and done else ""
                    bar.update(task, completed=done, total=total, rate=rate)

                report = ingest(
                    lib,
                    list(paths),
                    meta=meta,
                    source=source,
                    licence=licence,
                    author=author,
                    workers=workers,
                    progress=progress,
                )
    if as_json:
        emit_json(report.to_json())
        return
    click.echo(
        f"{report.files} files: {report.added} added, {report.known} already in the library, "
        f"{len(report.rejected)} rejected, {len(report.skipped)} not images; "
        f"{report.near_duplicate_links} new near-duplicate links; "
        f"{report.seconds:.1f} s ({report.rate:.1f} new patterns/s)"
    )
    for r in report.rejected:
        click.echo(f"rejected {r['name']}: {r['reason']}: {r['message']}")
    for m in report.mismatched:
        click.echo(f"note {m['name']}: named {m['extension']}, content is {m['content']} (taken)")


@library.command("search")
@click.option("--image", help="A picture file, or a library id / prefix / file name.")
@click.option("--colour", "--color", "colour", help="Colours: '#1f4e79,#f2e6ce', '月白,navy'.")
@click.option("--palette", help="A named palette (twilight_gold, 暮色鎏金, ...).")
@click.option("--text", help="Words in Chinese or English ('牡丹 回纹', 'cloud dragon').")
@click.option("--licence", "--license", "licences", multiple=True, help="Only this licence.")
@click.option("--source", "sources", multiple=True, help="Only this source.")
@click.option("--tag", "tags", multiple=True, help="Only patterns with this tag.")
@click.option("-k", "--top", "k", type=click.IntRange(1, 500), default=12, show_default=True)
@click.option(
    "--all-copies",
    is_flag=True,
    help="Show near-duplicates of a better hit too (by default they are folded into it).",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Colour search: ΔE00 within which a colour counts.",
)
@click.option("--sheet", type=click.Path(dir_okay=False), help="Write a contact sheet PNG.")
@click.option("--vocabulary", multiple=True, type=click.Path(file_okay=False), help=_VOCAB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def search_cmd(
    image,
    colour,
    palette,
    text,
    licences,
    sources,
    tags,
    k,
    all_copies,
    tolerance,
    sheet,
    vocabulary,
    as_json,
):
    """Search by picture, colour, palette or text; filter by licence, source, tag.

    With --text and --image/--colour/--palette, the text filters the results.
    """
    from foulard.library import Filters, results_sheet, search_colours, search_image, search_text

    modes = [m for m in (image, colour, palette) if m]
    if len(modes) > 1:
        raise click.UsageError("give one of --image, --colour, --palette (and optionally --text)")
    if not modes and not text:
        raise click.UsageError("give --image, --colour, --palette or --text")
    with _open(vocabulary) as lib:
        filters = Filters(
            licences=licences,
            sources=sources,
            tags=tags,
            text=text if modes else "",
            collapse=not all_copies,
        )
        query_picture = None
        if image:
            hits = search_image(lib, image, k=k, filters=filters)
            if sheet and Path(image).is_file():
                query_picture = _query_thumbnail(Path(image), lib.max_megapixels)
        elif colour or palette:
            hits = search_colours(lib, colour or palette, k=k, tolerance=tolerance, filters=filters)
        else:
            hits = search_text(lib, text, k=k, filters=filters)
        if sheet:
            results_sheet(lib, hits, sheet, query=query_picture)
    if as_json:
        emit_json({"results": [h.to_json() for h in hits], "sheet": sheet})
        return
    if not hits:
        click.echo("no results")
    for rank, h in enumerate(hits, 1):
        extra = ""
        if "de00" in h.detail:
            extra = "  ΔE00 " + ", ".join(f"{c} {d:.1f}" for c, d in h.detail["de00"].items())
        elif "matched" in h.detail:
            extra = "  matched " + " ".join(h.detail["matched"])
        if h.detail.get("copies"):
            n = len(h.detail["copies"])
            extra += f"  (+{n} near-duplicate{'s' if n > 1 else ''})"
        click.echo(f"{rank:>3}. {h.score:.3f}  {h.pattern.id[:12]}  {h.pattern.title}{extra}")
    if sheet:
        click.echo(f"contact sheet: {sheet}")


def _query_thumbnail(path: Path, max_megapixels: float):
    """The query picture for the contact sheet (200 px), or None if unreadable."""
    import numpy as np
    from PIL import Image

    from foulard.library.decode import decode
    from foulard.library.errors import Rejected
    from foulard.library.sniff import sniff

    data = path.read_bytes()
    fmt = sniff(data[:4096])
    if fmt is None:
        return None
    try:
        rgb = decode(data, fmt, max_megapixels=max_megapixels).rgb
    except Rejected:
        return None
    im = Image.fromarray((rgb * 255 + 0.5).astype(np.uint8))
    im.thumbnail((200, 200))
    return np.asarray(im)


@library.command("dupes")
@click.option("--rescan", is_flag=True, help="Check the whole library again.")
@click.option("--keep", is_flag=True, help="Keep the largest of each group; hide the others.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def dupes_cmd(rescan, keep, as_json):
    """Exact duplicates (one content, several names) and near-duplicate groups."""
    from foulard.library import dupes

    with _open() as lib:
        if rescan:
            dupes.rescan(lib)
        groups = dupes.clusters(lib)
        exact = dupes.exact_duplicates(lib)
        hidden = dupes.keep_one(lib) if keep else 0
        titles = {}
        for g in groups:
            for pid in g.ids:
                titles[pid] = lib.get(pid).title
    if as_json:
        emit_json(
            {
                "exact": [{"id": pid, "names": names} for pid, names in exact],
                "near": [{"ids": list(g.ids), "distance": round(g.distance, 3)} for g in groups],
                "hidden_now": hidden,
            }
        )
        return
    click.echo(f"{len(exact)} contents under several names; {len(groups)} near-duplicate groups")
    for pid, names in exact:
        click.echo(f"exact {pid[:12]}: {', '.join(names)}")
    for i, g in enumerate(groups, 1):
        click.echo(f"group {i} ({len(g.ids)} patterns, distance <= {g.distance:.2f}):")
        for j, pid in enumerate(g.ids):
            mark = "keep" if j == 0 else "    "
            click.echo(f"  {mark} {pid[:12]} {titles[pid]}")
    if keep:
        click.echo(f"{hidden} patterns hidden as duplicates (kept: the largest of each group)")


@library.command("show")
@click.argument("pattern")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show_cmd(pattern, as_json):
    """A pattern's record: metadata, palette, names, tags, attribution."""
    with _open() as lib:
        p = lib.get(pattern)
        path = lib.store.object_path(p.id)
    info = {**p.to_json(), "file": str(path)}
    info.pop("signature", None)
    if as_json:
        emit_json(info)
        return
    for key in ("id", "title", "kind", "format", "origin", "source", "licence", "author"):
        value = getattr(p, key) if key != "title" else p.title
        click.echo(f"{key:>12}: {value if value not in (None, '') else '-'}")
    click.echo(f"{'size':>12}: {p.width} x {p.height}, {p.bytes} bytes")
    click.echo(f"{'palette':>12}: " + " ".join(f"{c['hex']} {c['share']:.0%}" for c in p.palette))
    click.echo(f"{'names':>12}: " + ", ".join(p.names))
    click.echo(f"{'tags':>12}: " + " ".join(p.tags))
    if p.duplicate_of:
        click.echo(f"{'duplicate of':>12}: {p.duplicate_of}")
    click.echo(f"{'credit':>12}: {p.attribution}")
    click.echo(f"{'file':>12}: {path}")


@library.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats_cmd(as_json):
    """Counts by kind, format, source and licence; database and index sizes."""
    with _open() as lib:
        s = lib.stats()
    if as_json:
        emit_json(s)
        return
    click.echo(f"{s['database']}: {s['patterns']} patterns ({s['hidden_duplicates']} hidden)")
    click.echo(
        f"{s['file_names']} file names, {s['tags']} tags, "
        f"{s['near_duplicate_links']} near-duplicate links"
    )
    for col in ("kind", "format", "source", "licence"):
        parts = ", ".join(f"{k or '-'} {n}" for k, n in s["by"][col].items())
        click.echo(f"{col}: {parts}")
    idx = s["index"]
    click.echo(
        f"index: {idx['kind']}, {idx['covered']} indexed + {idx['tail']} pending, "
        f"{idx['index_bytes']} bytes; database {s['database_bytes'] or '-'} bytes"
    )


@library.command("export-palette")
@click.argument("pattern")
@click.option("--count", type=click.IntRange(2, 12), default=6, show_default=True)
@click.option("--ground", type=click.Choice(["dominant", "light", "dark"]), default="dominant")
@click.option("--format", "fmt", type=click.Choice(["json", "hex", "gpl"]), default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
def export_palette_cmd(pattern, count, ground, fmt, output):
    """A pattern's palette: colours for a genome (json), a list (hex) or GIMP (gpl)."""
    import json

    from foulard.genome import Node

    with _open() as lib:
        p = lib.get(pattern)
    node = Node.make("color.from_library", pattern=p.id, count=count, ground=ground)
    colours = node.spec.func(node.params, None)
    if fmt == "json":
        text = (
            json.dumps(
                {
                    "pattern": p.id,
                    "colors": list(colours),
                    "palette_node": node.to_json(),
                    "credit": p.attribution,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    elif fmt == "hex":
        text = "".join(f"{c}\n" for c in colours)
    else:
        rows = [
            f"{int(c[1:3], 16):3d} {int(c[3:5], 16):3d} {int(c[5:7], 16):3d}\t{c}" for c in colours
        ]
        text = (
            f"GIMP Palette\nName: {p.title}\nColumns: {len(colours)}\n#\n" + "\n".join(rows) + "\n"
        )
    if output:
        from foulard.render.atomic import atomic_write_bytes

        atomic_write_bytes(output, text.encode("utf-8"))
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@library.command("add-design")
@click.argument("genome")
@click.option("--px", type=click.IntRange(16, 4096), default=512, show_default=True)
@click.option("--licence", "--license", "licence", help="Licence of the design.")
def add_design_cmd(genome, px, licence):
    """Add a design (genome file, or - for stdin) to the library, with its genome."""
    from foulard.library.ingest import add_design

    g = load_genome(genome)
    with _open() as lib:
        pid, new = add_design(lib, g, px=px, licence=licence)
    click.echo(f"{pid} {'added' if new else 'already in the library'}")


@library.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the database.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def index_cmd(rebuild, as_json):
    """Fold new patterns into the search index, or rebuild it from the database."""
    with _open() as lib:
        info = lib.refresh_index(force=rebuild)
        info = {**info, **lib.index.sizes(), "kind": lib.index.state["kind"]}
    if as_json:
        emit_json(info)
        return
    for k, v in info.items():
        click.echo(f"{k}: {v}")


COMMANDS = [library]
