"""A print order: everything a mill needs for one design, written as one folder.

``export_order`` renders the master at the format's canvas and ppi, separates it
into inks and plates, draws the colourways, soft-proofs it, renders the previews and
writes the spec sheet, then a manifest of every file with its SHA-256. The folder is
built under a temporary name beside the target and renamed when complete, so a
failure (a bad option found late, a full disk, Ctrl-C) never leaves a half-written
order behind.

Layout of an order folder::

    master.tif                 the print master (TIFF-LZW, sRGB ICC, true ppi, genome)
    separations/indexed.tif    ink indices; plates/plate_NN.tif one per ink;
                               inks.json, inks.csv (the ink table); islands.json
    colourways/cwNN.json|csv|png
    proof/proof.png, gamut.png, proof.json
    previews/flat.png, folded.png
    spec.pdf, spec.json
    order.json                 what was asked, what was made, file hashes, timings
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foulard import __version__
from foulard.errors import FoulardError, OutputError
from foulard.genome.schema import Genome
from foulard.production.colourways import make_colourways
from foulard.production.inks import MAX_INKS
from foulard.production.previews import write_preview
from foulard.production.proof import soft_proof
from foulard.production.recolour import write_colourways
from foulard.production.separations import separate
from foulard.production.specsheet import spec_sheet, write_spec_sheet
from foulard.render.atomic import atomic_write_bytes
from foulard.render.writers import write_image
from foulard.scarf.formats import Format, check_ppi, get_format

__all__ = ["STAGES", "OrderResult", "export_order", "master_metadata"]

# Stages and their rough share of the work, for progress bars.
STAGES = (
    ("master", 0.5),
    ("separations", 0.25),
    ("colourways", 0.05),
    ("proof", 0.09),
    ("previews", 0.08),
    ("spec sheet", 0.03),
)
MAX_COLOURWAYS = 24

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class OrderResult:
    """The finished order folder and its manifest."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> list[str]:
        return [f["path"] for f in self.manifest["files"]]


def _text_params(genome: Genome) -> dict[str, str]:
    """The title and signature the design prints, if its layout has them."""
    params = genome.root.params.to_json()
    return {k: params[k] for k in ("title", "signature") if params.get(k)}


def master_metadata(genome: Genome, fmt: Format, ppi: float, true_ppi: float) -> dict[str, Any]:
    """What PRINT.md asks every master to carry, beside the genome and command."""
    text = _text_params(genome)
    return {
        "order": {
            "format": fmt.to_json(),
            "ppi": ppi,
            "true_ppi": true_ppi,
            "finished_mm": [fmt.width_mm, fmt.height_mm],
            "hem_mm": fmt.hem_mm,
            "safe_mm": fmt.safe_mm,
            "repeat": None,
            "title": text.get("title") or genome.meta.get("title", ""),
            "signature": text.get("signature", ""),
        }
    }


def _check_options(fmt: Format, ppi: float, inks: int, colourways: int, force: bool) -> None:
    check_ppi(ppi, force=force)
    if isinstance(inks, bool) or not isinstance(inks, int) or not 2 <= inks <= MAX_INKS:
        raise FoulardError(f"inks must be a whole number from 2 to {MAX_INKS}, got {inks!r}")
    if not 0 <= colourways <= MAX_COLOURWAYS:
        raise FoulardError(f"colourways must be from 0 to {MAX_COLOURWAYS}, got {colourways}")


def _prepare_folder(out_dir: Path, overwrite: bool) -> Path:
    parent = out_dir.parent if str(out_dir.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {out_dir}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"cannot write {out_dir}: folder {parent} is not writable")
    if out_dir.exists() and not overwrite:
        raise OutputError(f"{out_dir} already exists (use --overwrite to replace it)")
    tmp = parent / f".{out_dir.name}.{os.getpid()}.partial"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    return tmp


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def export_order(
    genome: Genome,
    fmt: Format | str,
    out_dir: str | Path,
    *,
    ppi: float = 300,
    inks: int = 12,
    colourways: int = 5,
    colourway_requests: list[str] | None = None,
    profile: str | Path | None = None,
    force: bool = False,
    overwrite: bool = False,
    command: str | None = None,
    threads: int | None = None,
    progress: Progress | None = None,
) -> OrderResult:
    """Write a complete print order for ``genome`` in ``fmt`` at ``ppi`` into ``out_dir``.

    Parameters
    ----------
    inks : int
        Inks to separate into (2 to 48).
    colourways : int
        Colourways to draw over the same plates (0 to 24); ``colourway_requests``
        (palette names, ``#hex,...`` lists) are honoured first.
    profile : path, optional
        The mill's output ICC profile for the soft proof (libvips' CMYK by default).
    force : bool
        Allow a ppi below the fabric floor of 150 (proofs only).
    overwrite : bool
        Replace ``out_dir`` if it exists (only once the new order is complete).
    progress : callable, optional
        ``progress(stage, fraction_of_stage)``; stages are :data:`STAGES`.
    """
    fmt = get_format(fmt) if isinstance(fmt, str) else fmt
    _check_options(fmt, ppi, inks, colourways, force)
    if colourway_requests and len(colourway_requests) > colourways:
        colourways = len(colourway_requests)
    out = Path(out_dir)
    ctx = fmt.context(ppi, force=force)
    ctx.check()
    tmp = _prepare_folder(out, overwrite)
    timings: dict[str, float] = {}

    def stage(name: str):
        @contextlib.contextmanager
        def run():
            if progress:
                progress(name, 0.0)
            t0 = time.perf_counter()
            yield
            timings[name] = round(time.perf_counter() - t0, 3)
            if progress:
                progress(name, 1.0)

        return run()

    try:
        with stage("master"):
            master = tmp / "master.tif"

            def rows_done(rows: int) -> None:
                if progress:
                    rows_done.total += rows  # type: ignore[attr-defined]
                    progress("master", rows_done.total / ctx.height)  # type: ignore[attr-defined]

            rows_done.total = 0  # type: ignore[attr-defined]
            write_image(
                genome, ctx, master, command=command, threads=threads, progress=rows_done,
                extra=master_metadata(genome, fmt, ppi, ctx.dpi),
            )  # fmt: skip
        with stage("separations"):
            sep_dir = tmp / "separations"
            sep_dir.mkdir()
            sep = separate(master, sep_dir, n_inks=inks, seed=genome.design_id, command=command)
        cw_rows: list[dict[str, Any]] = []
        with stage("colourways"):
            if colourways:
                cw_dir = tmp / "colourways"
                cw_dir.mkdir()
                tables = make_colourways(
                    sep.table,
                    colourways,
                    requests=colourway_requests or None,
                    seed=int(genome.design_id[:8], 16),
                )
                write_colourways(tables, sep.indexed, cw_dir)
                cw_rows = [
                    {"id": t.colourway or f"cw{i + 1}", "name": t.colourway or "",
                     "inks": list(t.hexes)}
                    for i, t in enumerate(tables)
                ]  # fmt: skip
        with stage("proof"):
            proof_dir = tmp / "proof"
            proof_dir.mkdir()
            proof = soft_proof(
                master,
                proof_dir / "proof.png",
                profile=profile,
                gamut_map=proof_dir / "gamut.png",
                report=proof_dir / "proof.json",
            )
        with stage("previews"):
            prev_dir = tmp / "previews"
            prev_dir.mkdir()
            write_preview(genome, fmt, prev_dir / "flat.png", kind="flat", command=command)
            if fmt.kind == "square":
                write_preview(
                    genome, fmt, prev_dir / "folded.png", kind="triangle", command=command
                )
        with stage("spec sheet"):
            ink_rows = sep.table.to_json()["inks"]
            sheet = spec_sheet(genome, fmt, ppi, inks=ink_rows, colourways=cw_rows)
            write_spec_sheet(sheet, tmp / "spec.pdf", tmp / "spec.json")
        files = []
        for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
            files.append({
                "path": path.relative_to(tmp).as_posix(),
                "bytes": path.stat().st_size,
                "sha256": _sha256(path),
            })  # fmt: skip
        manifest = {
            "foulard": __version__,
            "design_id": genome.design_id,
            "title": genome.meta.get("title", ""),
            "command": command,
            "format": fmt.to_json(),
            "ppi": ppi,
            "true_ppi": ctx.dpi,
            "canvas_px": [ctx.width, ctx.height],
            "inks": {"asked": inks, "made": sep.inks},
            "colourways": [c["id"] for c in cw_rows],
            "proof": {"out_of_gamut_pct": getattr(proof, "out_of_gamut_pct", None)},
            "timings_s": timings,
            "files": files,
        }
        atomic_write_bytes(
            tmp / "order.json",
            json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(),
        )
        if out.exists():
            old = out.parent / f".{out.name}.{os.getpid()}.old"
            os.replace(out, old)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, FoulardError):
            raise OutputError(f"cannot write the order {out}: {exc.strerror or exc}") from exc
        raise
    return OrderResult(out, manifest)
