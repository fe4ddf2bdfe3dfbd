"""The vocabulary: every operator reachable in both languages; data well formed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from foulard.ops import registry
from foulard.prompt.vocabulary import FORMAT, Vocabulary, norm_en, norm_zh, vocabulary

ROOT = Path(__file__).resolve().parents[2]


def test_every_operator_is_reachable_from_words_in_both_languages():
    vocab = vocabulary()
    missing = []
    for spec in registry.operators():
        terms = vocab.reachable(spec.id)
        if not terms["en"] or not terms["zh"]:
            missing.append((spec.id, terms))
    assert not missing, f"operators without English and Chinese words: {missing}"


def test_every_layout_has_words_and_a_role():
    vocab = vocabulary()
    for spec in registry.operators():
        if spec.family == "layout" and spec.id not in ("layout.layers", "layout.place"):
            e = vocab.operator(spec.id)
            assert e is not None and e.role == "layout"
            assert e.zh and e.en


def test_curated_entries_name_only_registered_operators():
    live = {s.id for s in registry.operators()}
    for e in vocabulary().entries:
        if e.kind in ("style", "group"):
            for key in ("ops", "hero", "small", "border", "patterns", "signature"):
                assert set(e.data.get(key, ())) <= live, (e.id, key)


def test_data_file_is_versioned_and_entries_unique():
    data = json.loads((ROOT / "src/foulard/data/vocabulary/vocabulary.json").read_text("utf-8"))
    assert data["format"] == FORMAT
    assert len(data["version"]) == 16
    ids = [e["id"] for e in data["entries"]]
    assert len(ids) == len(set(ids))
    with pytest.raises(ValueError, match="twice"):
        Vocabulary([vocabulary().entries[0], vocabulary().entries[0]])


def test_new_operator_is_reachable_without_a_rebuild():
    vocab = vocabulary()
    # The live registry is merged at load: an entry exists for every operator, even
    # one the data file was built without (checked here by its id being indexed).
    for spec in registry.operators():
        assert vocab.operator(spec.id) is not None


def test_normalisation_folds_case_plurals_and_traditional_characters():
    assert norm_en("Peonies") == "peony"
    assert norm_en("  Key  Fret ") == "key fret"
    assert norm_zh("龍紋") == "龙纹"
    assert vocabulary().best("Peonies")[0].op == "motifs.peony"


def test_palettes_and_colours_come_from_the_shipped_data():
    vocab = vocabulary()
    assert vocab.best("暮色鎏金")[0].data["node"]["params"]["theme"] == "twilight_gold"
    assert vocab.best("立春")[0].data["node"] == {
        "op": "color.solar_term",
        "params": {"term": "lichun"},
    }
    assert len(vocab.of_kind("palette")) == 84
    assert any(e.data.get("source") == "zhongguose" for e in vocab.of_kind("colour"))


def test_build_script_check_mode_runs(shared_data):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/build_vocabulary.py"),
            "--check",
            "--shared",
            str(shared_data),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "vocabulary" in proc.stdout
