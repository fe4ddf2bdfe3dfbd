"""The command line: every command, JSON output, one-line errors and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tifffile
from PIL import Image

from foulard import __version__
from foulard.cli.main import main
from foulard.genome import Genome


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def genome_file(tmp_path, capsys) -> Path:
    path = tmp_path / "g.json"
    code, out, _ = run(capsys, "random", "--seed", "5", "-o", str(path))
    assert code == 0 and "design" in out
    return path


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out


def test_ops_list_and_show(capsys):
    code, out, _ = run(capsys, "ops", "list", "--json")
    ops = json.loads(out)
    assert code == 0 and {"id", "kind", "params", "summary"} <= set(ops[0])
    code, out, _ = run(capsys, "ops", "list", "--family", "motifs", "--json")
    assert all(o["family"] == "motifs" for o in json.loads(out))
    code, out, _ = run(capsys, "ops", "list", "--kind", "vector")
    assert code == 0 and "motifs.plum_blossom" in out
    code, out, _ = run(capsys, "ops", "show", "layout.place")
    assert code == 0 and "size" in out and "[0.001, 10]" in out
    code, out, _ = run(capsys, "ops", "show", "layout.place", "--json")
    shown = json.loads(out)
    assert shown["id"] == "layout.place" and "References" in shown["doc"]
    code, _, err = run(capsys, "ops", "show", "layout.plase")
    assert code == 1 and err.startswith("error: unknown operator") and "layout.place" in err


def test_random_preview_inspect_validate(tmp_path, capsys, genome_file):
    png = tmp_path / "p.png"
    code, out, _ = run(capsys, "preview", str(genome_file), "-o", str(png), "--px", "128")
    assert code == 0 and png.exists()
    code, out, _ = run(capsys, "inspect", str(png), "--json")
    info = json.loads(out)
    assert info["file"]["width_px"] == 128
    assert info["foulard"]["design_id"] == Genome.load(genome_file).design_id
    assert "preview" in info["foulard"]["command"]
    back = tmp_path / "back.json"
    code, out, _ = run(capsys, "inspect", str(png), "--genome-out", str(back))
    assert code == 0 and "design:" in out
    assert Genome.load(back) == Genome.load(genome_file)
    code, out, _ = run(capsys, "validate", str(genome_file), "--json")
    assert code == 0 and json.loads(out)["valid"] is True


def test_render_master_with_progress(tmp_path, capsys, genome_file):
    out_path = tmp_path / "m.tif"
    code, out, err = run(
        capsys,
        "render",
        str(genome_file),
        "--size-cm",
        "5",
        "--dpi",
        "150",
        "--bleed-mm",
        "2",
        "-o",
        str(out_path),
    )
    assert code == 0, err
    with tifffile.TiffFile(out_path) as tif:
        assert tif.pages[0].shape == (319, 319, 3)  # 54 mm at 150 dpi
    assert "319 x 319 px" in out


def test_progress_goes_to_a_log_as_lines_when_stderr_is_no_terminal(
    tmp_path, capsys, genome_file, monkeypatch
):
    import foulard.cli.main as cli_main

    monkeypatch.setattr(cli_main, "LOG_EVERY_S", 0.0)  # every update writes its line
    code, _, err = run(capsys, "render", str(genome_file), "--size-cm", "5", "--dpi", "150",
                       "--threads", "1", "-o", str(tmp_path / "m.tif"))  # fmt: skip
    assert code == 0, err
    lines = [line for line in err.splitlines() if line.startswith("295 x 295 px")]
    assert len(lines) >= 3, err  # the bands' lines as they finish, then the final one
    assert "295/295 rows" in lines[-1]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate", "{bad}"], "no such genome file"),
        (
            ["render", "{genome}", "--size-cm", "2000", "--dpi", "600", "-o", "{tmp}/m.tif"],
            "200000 px a side",
        ),
        (["render", "{genome}", "--size-cm", "-3", "-o", "{tmp}/m.tif"], "must be positive"),
        (["preview", "{genome}", "-o", "{tmp}/nope/p.png"], "does not exist"),
        (["preview", "{genome}", "-o", "{tmp}/p.jpg"], "unknown file type"),
        (["inspect", "{tmp}/missing.png"], "no such file"),
    ],
)
def test_user_errors_are_one_line(tmp_path, capsys, genome_file, args, says):
    args = [a.format(genome=genome_file, tmp=tmp_path, bad=tmp_path / "x.json") for a in args]
    code, _, err = run(capsys, *args)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("error: ") and says in err
    assert not (tmp_path / "m.tif").exists()


def test_invalid_genome_json_report(tmp_path, capsys, genome_file):
    doc = json.loads(genome_file.read_text())
    doc["root"]["op"] = "symmetry.p99"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "validate", str(bad), "--json")
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["path"] == "root.op"


def test_console_script_exit_codes_and_no_traceback(tmp_path):
    exe = Path(sys.executable).with_name("foulard")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"schema_version": 1, "seed": 1, "palette": {"op": "color.palette"}, '
        '"root": {"op": "fields.value_noise", "params": {"frequency": 0}}}'
    )
    proc = subprocess.run(
        [str(exe), "validate", str(bad)],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        "error: root.params.frequency: expected an integer in [1, 512], got 0"
    )
    assert "Traceback" not in proc.stderr
    proc = subprocess.run([str(exe), "render"], capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Missing argument" in proc.stderr


def test_gallery_is_generated_from_the_registry(tmp_path, capsys):
    # One family with named presets keeps this fast; every operator's example is
    # rendered by the conformance suite, and `make gallery` renders them all.
    from foulard.gallery import gallery_variants
    from foulard.ops import operators

    chosen = ("weave",)
    code, _, _ = run(
        capsys, "gallery", "-o", str(tmp_path / "g"), "--px", "64", "--family", "weave"
    )
    assert code == 0
    specs = [s for s in operators() if s.family in chosen]
    index = (tmp_path / "g" / "index.md").read_text()
    page = (tmp_path / "g" / "index.html").read_text()
    for family in chosen:
        assert (tmp_path / "g" / f"{family}.png").is_file()
    for spec in specs:
        assert f"`{spec.id}`" in index and f'id="{spec.id}"' in page
    assert "weave.tartan" in page and "layout." not in page
    # Every thumbnail the page names exists and opens; presets get their own.
    names = re.findall(r'src="thumbs/([^"]+)"', page)
    with_presets = [s for s in specs if len(gallery_variants(s)) > 1]
    assert with_presets, "some of these operators have named presets"
    assert len(names) == sum(len(gallery_variants(s)) for s in specs)
    for spec in with_presets:
        assert any(n.startswith(f"{spec.id}--") for n in names)
    for name in names:
        with Image.open(tmp_path / "g" / "thumbs" / name) as im:
            assert im.size == (64, 64)


def test_redrawing_one_family_keeps_the_others_in_the_page(tmp_path, capsys):
    """`--family` into a folder that holds an earlier gallery redraws that family and
    keeps every other family the earlier run drew; a fresh folder gets the one family."""
    out = str(tmp_path / "g")
    assert run(capsys, "gallery", "-o", out, "--px", "64", "--family", "weave")[0] == 0
    first = (tmp_path / "g" / "weave.png").stat().st_mtime_ns
    assert run(capsys, "gallery", "-o", out, "--px", "64", "--family", "learned")[0] == 0
    index = (tmp_path / "g" / "index.md").read_text()
    page = (tmp_path / "g" / "index.html").read_text()
    assert "## weave (" in index and "## learned (" in index and "## color (" not in index
    assert 'id="weave.tartan"' in page and 'id="learned.neural_prompt"' in page
    assert (tmp_path / "g" / "weave.png").stat().st_mtime_ns == first  # not redrawn
    for name in re.findall(r'src="thumbs/([^"]+)"', page):
        assert (tmp_path / "g" / "thumbs" / name).is_file()


def test_gallery_refuses_an_unknown_family(tmp_path, capsys):
    code, _, err = run(capsys, "gallery", "-o", str(tmp_path / "g"), "--family", "nope")
    assert code == 1 and "unknown operator family 'nope'" in err


def test_ops_counts_by_family_come_from_the_registry(capsys):
    from foulard.ops import operators

    code, out, _ = run(capsys, "ops", "list", "--by-family", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == len(operators())
    assert sum(sum(k.values()) for k in data["families"].values()) == data["total"]
