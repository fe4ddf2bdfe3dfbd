"""Make the bundled title font: a renamed subset of LXGW WenKai (SIL OFL 1.1).

foulard draws titles and signatures with one open-licence font that covers Chinese
and Latin. The upstream font is 15 MB; this script keeps what a scarf title needs
(every GB2312 character, ASCII, Latin-1, Latin Extended-A, general, CJK and
full-width punctuation) and drops hinting and vertical metrics. Because the OFL
reserves the names "霞鹜" and "LXGW" for unmodified fonts, the subset is renamed
"Foulard Kai"; the original copyright notice and licence fields are kept.

fontTools is a development tool only (the ``dev`` extra); the library reads the
result with skia. Run from the repository root::

    python scripts/make_font_subset.py /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf

(the Debian package fonts-lxgw-wenkai installs the upstream file there).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parents[1] / "src" / "foulard" / "data" / "fonts"
FAMILY = "Foulard Kai"
POSTSCRIPT = "FoulardKai-Regular"
RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A (names such as Dvořák)
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (，。！？ and friends)
)
RESERVED = ("LXGW", "霞鹜")


def gb2312() -> set[int]:
    """Every character of GB2312 (symbols and the 6,763 hanzi)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # unassigned code
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
    return out


def wanted() -> set[int]:
    chars = gb2312()
    for lo, hi in RANGES:
        chars.update(range(lo, hi + 1))
    return chars


def rename(font: TTFont, version: str) -> None:
    """Give the subset its own names; keep copyright, licence and designer fields."""
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 10)]
    names = {
        1: FAMILY,
        2: "Regular",
        3: f"{FAMILY} Regular;{version}",
        4: f"{FAMILY} Regular",
        6: POSTSCRIPT,
        5: f"Version {version}; subset made by foulard",
    }
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    for record in table.names:
        if record.nameID in (0, 13, 14):
            continue  # the original copyright notice and licence must stay
        text = record.toUnicode()
        if any(r in text for r in RESERVED):
            raise SystemExit(f"name record {record.nameID} still uses a reserved name: {text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("source", type=Path, help="LXGWWenKai-Regular.ttf")
    parser.add_argument("--out", type=Path, default=OUT / f"{POSTSCRIPT}.ttf")
    args = parser.parse_args(argv)
    font = TTFont(args.source, recalcTimestamp=False)  # same bytes on every run
    version = f"{font['head'].fontRevision:.3f}"
    cmap = font.getBestCmap()
    chars = sorted(c for c in wanted() if c in cmap)
    options = subset.Options()
    options.hinting = False
    options.drop_tables += ["vhea", "vmtx", "gasp"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=chars)
    sub.subset(font)
    rename(font, version)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.save(args.out)
    size = args.out.stat().st_size
    skipped = len(wanted()) - len(chars)
    print(f"{args.out}: {len(chars)} characters, {size / 1e6:.2f} MB")
    print(f"({skipped} code points of the ranges are not in the source font, and are left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
