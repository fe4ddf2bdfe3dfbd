"""Rebuild foulard's prompt vocabulary (src/foulard/data/vocabulary/vocabulary.json).

python scripts/build_vocabulary.py [--shared ../shared/data] [--check]

Reads, and nothing else:

- the operator registry (every operator's id and tags; ``foulard ops list --json``);
- ``src/foulard/data/vocabulary/curated.json`` (written for foulard);
- the Chinese traditional colour data foulard ships (``foulard.color.names``: the 60
  named palettes, the 24 solar terms, 526 zhongguose and 384 Forbidden City colours);
- from the shared data bundle: ``palettes/sanzo_wada_dictionary_159_colors.json``
  (English colour names, MIT) and ``vocabulary/iconclass_*.tsv`` (CC0 motif names).

The output is deterministic (sorted, no timestamps): the same inputs give the same
bytes, and its ``version`` is a digest of its entries. ``--check`` exits 1 if the file
on disk differs from what would be written (for CI).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from foulard.color.names import chinese_colors, read_raw  # noqa: E402
from foulard.ops import registry  # noqa: E402
from foulard.prompt.vocabulary import (  # noqa: E402
    FORMAT,
    WEIGHTS,
    Entry,
    is_cjk,
    norm_en,
    norm_zh,
    operator_entry,
)
from foulard.scarf.formats import ALIASES, FORMATS  # noqa: E402

DATA = ROOT / "src" / "foulard" / "data" / "vocabulary"
OUT = DATA / "vocabulary.json"


def _entry(eid: str, kind: str, en, zh, data: dict, weight: int) -> Entry:
    en = [t for t in dict.fromkeys(en) if t]
    zh = [t for t in dict.fromkeys(zh) if t]
    weights = {t: weight for t in (*en, *zh)}
    return Entry(eid, kind, tuple(en), tuple(zh), data, weights)


def curated_entries(cur: dict) -> list[Entry]:
    w = WEIGHTS["curated"]
    out = []
    for g in cur["groups"]:
        out.append(_entry(f"group:{g['id']}", "group", g["en"], g["zh"], {"ops": g["ops"]}, w))
    for kind, key in (
        ("style", "styles"),
        ("mood", "moods"),
        ("occasion", "occasions"),
        ("scale", "scales"),
        ("symmetry", "symmetries"),
        ("structure", "structure"),
    ):
        for item in cur[key]:
            data = {k: v for k, v in item.items() if k not in ("id", "en", "zh")}
            data["name_en"], data["name_zh"] = item["en"][0], item["zh"][0]
            out.append(_entry(f"{kind}:{item['id']}", kind, item["en"], item["zh"], data, w))
    for item in cur["formats"]:
        name = item["id"]
        en = [name, *item["en"], *[a for a, b in ALIASES.items() if b == name]]
        data = {"format": name, "name_en": item["en"][0], "name_zh": item["zh"][0]}
        out.append(_entry(f"format:{name}", "format", en, item["zh"], data, w))
    for fmt in FORMATS:
        if not any(e.id == f"format:{fmt}" for e in out):
            data = {"format": fmt, "name_en": fmt, "name_zh": fmt}
            out.append(_entry(f"format:{fmt}", "format", [fmt], [], data, w))
    for k in cur.get("known", ()):
        data = {"source": "foulard", "name_en": k["en"][0], "name_zh": k["zh"][0]}
        out.append(_entry(f"known:{k['id']}", "known", k["en"], k["zh"], data, WEIGHTS["known"]))
    for c in cur["colours"]:
        data = {"hex": c["hex"], "category": c["category"], "name_en": c["en"][0]}
        data["name_zh"] = c["zh"][0]
        out.append(_entry(f"colour:{c['id']}", "colour", c["en"], c["zh"], data, w))
    return out


def palette_entries() -> list[Entry]:
    cc = chinese_colors()
    raw = read_raw()
    w = WEIGHTS["data"]
    out = []
    for p in raw["palettes"]:
        en_name = p["id"].replace("_", " ")
        data = {
            "node": {"op": "color.chinese_traditional", "params": {"theme": p["id"]}},
            "colours": list(p["colors"]),
            "names": list(p["names"]),
            "name_en": en_name.title(),
            "name_zh": p["zh"],
            "type": p["type"],
        }
        out.append(
            _entry(
                f"palette:{p['id']}", "palette", [en_name, f"{en_name} palette"], [p["zh"]], data, w
            )
        )
    for term_id, zh, en in raw["solar_terms"]:
        t = cc.solar_terms[term_id]
        data = {
            "node": {"op": "color.solar_term", "params": {"term": term_id}},
            "colours": list(t.colors.hexes),
            "names": list(t.colors.names),
            "name_en": en,
            "name_zh": zh,
            "type": "solar term",
        }
        out.append(_entry(f"palette:{term_id}", "palette", [en, term_id], [zh], data, w))
    return out


def colour_entries(shared: Path, taken: set[str]) -> tuple[list[Entry], int]:
    """Named colours; names that another entry already uses are left out (counted)."""
    raw = read_raw()
    w = WEIGHTS["data"]
    out: dict[str, Entry] = {}
    dropped = 0
    rows = [(n, h, "zhongguose") for n, _, h in raw["zhongguose"]]
    rows += [(r[1], r[2], "forbidden city") for r in raw["forbidden_city"]]
    wada = shared / "palettes" / "sanzo_wada_dictionary_159_colors.json"
    if wada.is_file():
        for c in json.loads(wada.read_text(encoding="utf-8")):
            rows.append((c["name"], c["hex"].lower(), "sanzo wada"))
    for name, hex_, source in rows:
        key = norm_zh(name) if is_cjk(name) else norm_en(name)
        if key in taken:
            dropped += 1
            continue
        eid = f"colour:{key}"
        if eid in out:
            continue
        data = {"hex": hex_.lower(), "source": source, "name_en": name, "name_zh": name}
        if is_cjk(name):
            out[eid] = _entry(eid, "colour", [], [name], data, w)
        else:
            out[eid] = _entry(eid, "colour", [name], [], data, w)
    return list(out.values()), dropped


_BRACKETS = re.compile(r"\s*[（(][^)）]*[)）]\s*")


def iconclass_terms(shared: Path) -> list[tuple[str, str, str]]:
    """``(notation, en, zh)`` of the concrete Iconclass motif names (CC0)."""
    out = []
    for name in ("iconclass_nature_motifs_en_zh.tsv", "iconclass_48A98_ornament.tsv"):
        path = shared / "vocabulary" / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                notation = r.get("notation", "")
                if "(" in notation or (r.get("zh_contains_latin") or "").lower() == "true":
                    continue
                en = (r.get("en") or "").split(" - ")[0].split(":")[-1].split("~")[-1]
                en = _BRACKETS.sub(" ", en).strip()
                zh = re.split(r"\s+-\s+", (r.get("zh_hant") or "").strip())[0]
                zh = re.split(r"[:：]", zh)[-1].split("〜")[-1]
                zh = norm_zh(_BRACKETS.sub("", zh))
                if not en or len(en.split()) > 3 or not re.fullmatch(r"[a-z' -]+", en):
                    en = ""
                if not zh or len(zh) > 5 or not all(is_cjk(ch) for ch in zh):
                    zh = ""
                if en or zh:
                    out.append((notation, en, zh))
    return out


def build(shared: Path) -> dict:
    cur = json.loads((DATA / "curated.json").read_text(encoding="utf-8"))
    meanings = cur["meanings"]
    extra_names = cur["operators"]
    stop = cur["stop_tags"]
    entries: list[Entry] = []
    for spec in sorted(registry.operators(), key=lambda s: s.id):
        extra = dict(extra_names.get(spec.id, {}))
        extra["stop_tags"] = stop
        if spec.id in meanings:
            extra["meaning"] = meanings[spec.id]
        entries.append(operator_entry(spec, extra))
    entries += curated_entries(cur)
    entries += palette_entries()
    taken = set()
    for e in entries:
        for t in (*e.en, *e.zh):
            taken.add(norm_zh(t) if is_cjk(t) else norm_en(t))
    colours, dropped = colour_entries(shared, taken)
    entries += colours
    for e in colours:
        for t in (*e.en, *e.zh):
            taken.add(norm_zh(t) if is_cjk(t) else norm_en(t))
    # Iconclass: a name an operator already answers to adds nothing; the others are
    # motifs foulard knows of but cannot draw yet (reported as such, never mis-matched).
    known: dict[str, Entry] = {}
    for notation, en, zh in iconclass_terms(shared):
        en_key = norm_en(en) if en else ""
        zh_key = norm_zh(zh) if zh else ""
        if (en_key and en_key in taken) or (zh_key and zh_key in taken):
            continue
        eid = f"known:{en_key or zh_key}"
        if eid in known:
            continue
        data = {"source": f"Iconclass {notation}", "name_en": en or zh, "name_zh": zh or en}
        known[eid] = _entry(
            eid, "known", [en] if en else [], [zh] if zh else [], data, WEIGHTS["known"]
        )
        taken.update(k for k in (en_key, zh_key) if k)
    entries += sorted(known.values(), key=lambda e: e.id)
    body = [e.to_json() for e in entries]
    pairings = cur["pairings"]
    digest = hashlib.sha256(
        json.dumps([body, pairings, cur["grammar"]], ensure_ascii=False, sort_keys=True).encode(
            "utf-8"
        )
    ).hexdigest()
    return {
        "format": FORMAT,
        "version": digest[:16],
        "counts": {
            "entries": len(body),
            "operators": sum(e.kind == "operator" for e in entries),
            "palettes": sum(e.kind == "palette" for e in entries),
            "colours": sum(e.kind == "colour" for e in entries),
            "known_motifs": len(known),
            "colour_names_left_out": dropped,
        },
        "pairings": pairings,
        "grammar": cur["grammar"],
        "entries": body,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = ap.parse_args(argv)
    data = build(Path(args.shared))
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    missing = []
    for e in data["entries"]:
        if e["kind"] == "operator" and (not e["en"] or not e["zh"]):
            missing.append(e["data"]["op"])
    if missing:
        print(f"operators without terms in both languages: {', '.join(missing)}", file=sys.stderr)
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("vocabulary is up to date" if same else "vocabulary.json is out of date")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: version {data['version']}, {json.dumps(data['counts'])}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
