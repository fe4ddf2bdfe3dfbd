"""The 60-prompt evaluation (30 Chinese, 30 English), the taste model and a collection.

For each prompt of ``tests/prompt/prompts.json``: parse it (does the intent hold every
expected element, refusal, format and colour count?), make a batch of designs (half
drawn from one person's design space where the space can express the prompt), and
judge every design against the *expected* elements (not the parsed ones): a prompt
passes when all its designs show every asked element and none of the refused ones.
Diversity of each batch: least and mean perceptual distance between two of its designs
(1 = near-duplicate) and least number of decisions apart.

Taste: simulated persons with a hidden linear preference over design features like
the top 10 % of their own 100,000 designs of the space; after judging 20, 40, 60 shown
designs, the model ranks the held-out rest: AUC and the share of likes among the top
100 (chance: 10 %). Collections: 12 designs around a design, a palette and a prompt,
with their minimum pairwise distance.

    python benchmarks/eval_prompts.py [--designs 6] [--workers 2] [--sheets DIR] [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from _common import emit

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = ROOT / "tests" / "prompt" / "prompts.json"
KEY = bytes(range(32))
SLOT = 4242


def expected_intent(p: dict):
    """The intent a prompt should mean, from its expectations (vocabulary ids)."""
    from foulard.prompt.intent import Element, Intent
    from foulard.prompt.vocabulary import vocabulary

    vocab = vocabulary()

    def el(eid: str) -> Element:
        e = vocab.by_id[eid]
        ops = (e.op,) if e.op else tuple(e.data.get("ops", ()))
        return Element(e.kind, e.id, e.name_en, e.name_en, e.name_zh, ops)

    wanted = [el(i) for i in p.get("must", [])]
    for group in p.get("must_any", []):
        ops = tuple(g.removeprefix("op:") for g in group)
        wanted.append(Element("group", "any:" + "|".join(ops), group[0], group[0], group[0], ops))
    return Intent(
        text=p["text"],
        language=p["lang"],
        wanted=tuple(wanted),
        negated=tuple(el(i) for i in p.get("must_not", [])),
        colour_count=p.get("colour_count"),
        format=p.get("format"),
    )


def parsed_ok(p: dict, intent) -> list[str]:
    """What the parsed intent misses of the expectations."""
    got_ids = {e.id for e in intent.wanted}
    got_ops = {op for e in intent.wanted for op in e.ops}
    neg_ids = {e.id for e in intent.negated}
    miss = []
    for m in p.get("must", []):
        if m not in got_ids and not (m.startswith("op:") and m[3:] in got_ops):
            miss.append(m)
    for group in p.get("must_any", []):
        if not any(g[3:] in got_ops for g in group):
            miss.append("|".join(group))
    miss += [f"not {m}" for m in p.get("must_not", []) if m not in neg_ids]
    if p.get("format") and intent.format != p["format"]:
        miss.append(f"format {p['format']}")
    if p.get("colour_count") and intent.colour_count != p["colour_count"]:
        miss.append(f"{p['colour_count']} colours")
    for u in p.get("unavailable", []):
        if u not in [x["text"] for x in intent.unavailable]:
            miss.append(f"unavailable {u}")
    return miss


def run_prompt(args) -> dict:
    i, p, n, sheets = args
    from foulard.prompt import design, honours, parse
    from foulard.space import DesignSpace

    t0 = time.perf_counter()
    intent = parse(p["text"])
    batch = design(intent, n, space=DesignSpace(KEY), slot=SLOT)
    took = time.perf_counter() - t0
    want = expected_intent(p)
    judged = [honours(c.genome, want) for c in batch.candidates]
    if sheets:
        from foulard.render import render
        from foulard.render.contact import contact_sheet

        tiles = [
            (render(c.genome, 200), f"{k + 1} {c.source} {'ok' if j['ok'] else 'MISS'}")
            for k, (c, j) in enumerate(zip(batch.candidates, judged, strict=True))
        ]
        contact_sheet(tiles, Path(sheets) / f"{i:02d}-{p['lang']}.png", columns=3)
    return {
        "i": i,
        "lang": p["lang"],
        "text": p["text"],
        "parse_missing": parsed_ok(p, intent),
        "honoured": sum(j["ok"] for j in judged),
        "designs": len(judged),
        "failures": sorted({f for j in judged for f in j["failures"]}),
        "from_space": sum(c.source == "space" for c in batch.candidates),
        "min_perceptual": batch.metrics.get("min_perceptual_distance"),
        "mean_perceptual": batch.metrics.get("mean_perceptual_distance"),
        "min_decisions": batch.metrics.get("min_decisions_apart"),
        "seconds": round(took, 2),
    }


def taste_eval(persons: int = 10, shown: int = 60, liked_share: float = 0.1) -> dict:
    from foulard.evolve.features import content_ops, stream_features
    from foulard.evolve.taste import TasteModel
    from foulard.space import DesignSpace
    from foulard.space.address import PER_PERSON

    space = DesignSpace(KEY)
    out = {20: [], 40: [], 60: []}
    prec = []
    for k in range(persons):
        rng = np.random.default_rng(1000 + k)
        slot = 100 + k
        idx = np.arange(slot * PER_PERSON, (slot + 1) * PER_PERSON, dtype=np.uint64)
        X = stream_features(space, space.genes_of(idx))
        # A hidden taste: two motifs loved, one disliked, a favourite hue, a light or
        # dark ground; plus noise.
        w = np.zeros(X.shape[1])
        n_ops = len(content_ops())
        varying = [j for j in np.flatnonzero(X.std(axis=0) > 0.05) if j < n_ops]
        love = rng.choice(varying, 3, replace=False)
        w[love[:2]], w[love[2]] = 2.0, -2.0
        w[n_ops + 4 + int(rng.integers(8))] = 3.0  # a hue sector
        w[n_ops] = rng.choice([-2.0, 2.0])  # ground lightness
        u = X @ w + rng.normal(0, 0.5, len(X))
        liked = u >= np.quantile(u, 1 - liked_share)
        order = rng.permutation(PER_PERSON)
        show, rest = order[:shown], order[shown:]
        model = TasteModel(X.shape[1], lam=1.0)
        for m, j in enumerate(show, start=1):
            model.update(X[j], bool(liked[j]), steps=4)
            if m in out:
                s = model.score(X[rest])
                out[m].append(_auc(s, liked[rest]))
        s = model.score(X[rest])
        top = rest[np.argsort(-s)[:100]]
        prec.append(float(liked[top].mean()))
    return {
        "persons": persons,
        "auc_after": {m: round(statistics.mean(v), 3) for m, v in out.items()},
        "precision_at_100": round(statistics.mean(prec), 3),
        "chance": liked_share,
    }


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels.sum()
    neg = len(labels) - pos
    return float((ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


def collections_eval(sheets: str | None) -> dict:
    from foulard.evolve import around_design, around_palette, around_prompt
    from foulard.prompt import design, parse

    out = {}
    base = design(parse("仙鹤祥云，暮色鎏金配色"), 1, perceptual=False).candidates[0].genome
    for name, make in (
        ("around a design", lambda: around_design(base, 12)),
        (
            "around a palette",
            lambda: around_palette(
                {"op": "color.solar_term", "params": {"term": "qingming", "count": 5}}, 12
            ),
        ),
        (
            "around a prompt",
            lambda: around_prompt(parse("a blue and white lotus scarf"), 12, pool=4),
        ),
    ):
        t0 = time.perf_counter()
        col = make()
        out[name] = {
            **{k: v for k, v in col.to_json().items() if k != "designs"},
            "seconds": round(time.perf_counter() - t0, 1),
        }
        if sheets:
            from foulard.render import render
            from foulard.render.contact import contact_sheet

            contact_sheet(
                [(render(g, 160), str(i + 1)) for i, g in enumerate(col.genomes)],
                Path(sheets) / f"collection-{name.split()[-1]}.png",
                columns=4,
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--designs", type=int, default=6)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sheets", help="write a contact sheet per prompt into this folder")
    ap.add_argument("--quick", action="store_true", help="10 prompts, 2 simulated persons")
    args = ap.parse_args()
    prompts = json.loads(PROMPTS.read_text("utf-8"))["prompts"]
    if args.quick:
        prompts = prompts[:5] + prompts[30:35]
    if args.sheets:
        Path(args.sheets).mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    jobs = [(i, p, args.designs, args.sheets) for i, p in enumerate(prompts)]
    with Pool(args.workers) as pool:
        rows = pool.map(run_prompt, jobs, chunksize=1)
    wall = time.perf_counter() - t0
    for r in rows:
        if r["parse_missing"] or r["honoured"] < r["designs"]:
            print(
                json.dumps(
                    {k: r[k] for k in ("i", "text", "parse_missing", "honoured", "failures")},
                    ensure_ascii=False,
                )
            )
    by_lang = {}
    for lang in ("zh", "en"):
        sub = [r for r in rows if r["lang"] == lang]
        by_lang[lang] = {
            "prompts": len(sub),
            "parsed_fully": sum(not r["parse_missing"] for r in sub),
            "all_designs_honour": sum(r["honoured"] == r["designs"] for r in sub),
        }
    mins = [r["min_perceptual"] for r in rows if r["min_perceptual"] is not None]
    means = [r["mean_perceptual"] for r in rows if r["mean_perceptual"] is not None]
    decs = [r["min_decisions"] for r in rows if r["min_decisions"] is not None]
    emit(
        "eval_prompts",
        prompts=len(rows),
        designs_per_prompt=args.designs,
        parsed_fully=round(sum(not r["parse_missing"] for r in rows) / len(rows), 3),
        honour_share=round(sum(r["honoured"] == r["designs"] for r in rows) / len(rows), 3),
        designs_honouring=round(
            sum(r["honoured"] for r in rows) / sum(r["designs"] for r in rows), 3
        ),
        by_language=by_lang,
        batch_min_perceptual={"min": min(mins), "median": statistics.median(mins)},
        batch_mean_perceptual_median=statistics.median(means),
        batch_min_decisions_apart={"min": min(decs), "median": statistics.median(decs)},
        near_duplicate_batches=sum(m <= 1.0 for m in mins),
        from_space=sum(r["from_space"] for r in rows),
        seconds_per_prompt_median=statistics.median(r["seconds"] for r in rows),
        wall_seconds=round(wall, 1),
        workers=args.workers,
    )
    emit("taste_model", **taste_eval(2 if args.quick else 10))
    emit("collections", **collections_eval(args.sheets))


if __name__ == "__main__":
    main()
