"""Build src/foulard/data/chinese_colors.json from the real-data bundle (run once).

    python scripts/build_chinese_colors.py [../shared/data/palettes] [out.json]

Reads zhongguose_526.json, chinacolor_384_forbidden_city.json and
chinacolor_60_palettes.json (MIT; see src/foulard/data/SOURCES.md) and writes the
compact subset foulard ships: names and hex values only, one record per line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PINYIN = [
    "lichun", "yushui", "jingzhe", "chunfen", "qingming", "guyu", "lixia", "xiaoman",
    "mangzhong", "xiazhi", "xiaoshu", "dashu", "liqiu", "chushu", "bailu", "qiufen",
    "hanlu", "shuangjiang", "lidong", "xiaoxue", "daxue", "dongzhi", "xiaohan", "dahan",
]  # fmt: skip
# Two upstream palette names occur twice; these keys get their own ids.
RENAME = {"seq16": "amber_sun", "qual12": "early_summer"}


def build(src: Path) -> dict:
    def load(name: str):
        return json.loads((src / name).read_text(encoding="utf-8"))

    zhongguose = load("zhongguose_526.json")
    forbidden = load("chinacolor_384_forbidden_city.json")
    palettes = load("chinacolor_60_palettes.json")
    terms: list[tuple[str, str]] = []
    for c in forbidden:
        t = (c["solar_term_c"], c["solar_term_e"])
        if t not in terms:
            terms.append(t)
    assert len(terms) == 24
    term_id = {zh: PINYIN[i] for i, (zh, _) in enumerate(terms)}
    ids: list[str] = []
    pals = []
    for x in palettes:
        pid = RENAME.get(x["key"], x["palette_name_e"][0])
        assert pid not in ids, pid
        ids.append(pid)
        pals.append({
            "id": pid, "key": x["key"], "zh": x["palette_name"][0], "en": x["palette_name_e"][0],
            "type": x["type"][0], "colors": [h.lower() for h in x["hex"]],
            "names": list(x["name"]),
        })  # fmt: skip
    return {
        "format": 1,
        "sources": "see SOURCES.md beside this file",
        "solar_terms": [[term_id[zh], zh, en.strip("_").replace("_", " ")] for zh, en in terms],
        "forbidden_city": [
            [c["color_id"], c["name"], c["hex"].lower(), term_id[c["solar_term_c"]]]
            for c in forbidden
        ],
        "zhongguose": [[c["name"], c["pinyin"], c["hex"].lower()] for c in zhongguose],
        "palettes": pals,
    }


def dumps(data: dict) -> str:
    """JSON with one record per line (diff-friendly), parseable as usual."""

    def one(v) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    keys = list(data)
    for i, k in enumerate(keys):
        v = data[k]
        end = "," if i < len(keys) - 1 else ""
        if isinstance(v, list):
            lines.append(f'"{k}":[')
            lines += [one(r) + ("," if j < len(v) - 1 else "") for j, r in enumerate(v)]
            lines.append("]" + end)
        else:
            lines.append(f'"{k}":{one(v)}{end}')
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)
    return text


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/palettes"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "src/foulard/data/chinese_colors.json"
    out.write_text(dumps(build(src)), encoding="utf-8")


if __name__ == "__main__":
    main()
