"""Genome: canonical JSON, design ids, validation errors, limits, migrations."""

from __future__ import annotations

import copy
import json

import pytest

from foulard.errors import GenomeError, ParameterError, UnknownOperatorError
from foulard.genome import MAX_DEPTH, Genome, Node, canonical_json, content_hash
from foulard.genome.migrations import operator_migration
from foulard.ops.examples import example_genome


@pytest.fixture
def genome() -> Genome:
    noise = Node.make("fields.value_noise", frequency=5)
    ground = Node.make("color.gradient_map", inputs={"source": noise})
    flower = Node.make("layout.place", inputs={"motif": Node.make("motifs.plum_blossom")})
    root = Node.make("layout.layers", inputs={"layers": [ground, flower]})
    return Genome.make(root, Node.make("color.palette"), seed=11, meta={"title": "牡丹 test"})


def doc(g: Genome) -> dict:
    return json.loads(g.canonical())


def test_canonical_json_is_sorted_compact_and_stable():
    assert canonical_json({"b": [1.5, -0.0], "a": "青"}) == '{"a":"青","b":[1.5,0.0]}'
    assert canonical_json({"x": 0.1 + 0.2}) == '{"x":0.30000000000000004}'
    with pytest.raises(GenomeError, match="finite"):
        canonical_json({"x": float("nan")})
    assert content_hash({"a": 1, "b": 2}) == content_hash({"b": 2, "a": 1})


def test_round_trip_is_identical(genome):
    text = genome.canonical()
    again = Genome.from_json(text)
    assert again == genome
    assert again.canonical() == text
    assert again.design_id == genome.design_id
    assert again.meta == {"title": "牡丹 test"}


def test_design_id_ignores_meta_but_not_design(genome):
    assert genome.replace(meta={"title": "other"}).design_id == genome.design_id
    assert genome.replace(seed=12).design_id != genome.design_id
    flower = genome.root.input("layers")[1]
    moved = flower.replace(x=0.25)
    root = genome.root.with_input("layers", [genome.root.input("layers")[0], moved])
    assert genome.replace(root=root).design_id != genome.design_id


def test_defaults_are_written_out(genome):
    d = doc(genome)
    assert d["root"]["inputs"]["layers"][1]["params"] == {
        "mirror": False,
        "rotation": 0.0,
        "size": 0.5,
        "x": 0.5,
        "y": 0.5,
    }
    assert d["schema_version"] == 1
    assert d["root"]["version"] == 1


def test_genome_objects_are_frozen(genome):
    with pytest.raises(AttributeError):
        genome.seed = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        genome.root.params.blend = "multiply"  # type: ignore[misc]
    meta = genome.meta
    meta["title"] = "changed"
    assert genome.meta["title"] == "牡丹 test"


@pytest.mark.parametrize(
    ("mutate", "error", "where", "says"),
    [
        (lambda d: d.pop("seed"), GenomeError, "seed", "missing"),
        (lambda d: d.update(seed=-1), GenomeError, "seed", "2^63"),
        (lambda d: d.update(seed="7"), GenomeError, "seed", "integer"),
        (lambda d: d.update(colour=1), GenomeError, None, "unknown key 'colour'"),
        (lambda d: d.update(schema_version=99), GenomeError, "schema_version", "newer"),
        (lambda d: d.update(schema_version="1"), GenomeError, "schema_version", "integer"),
        (lambda d: d["root"].update(op="fields.nope"), UnknownOperatorError, "root.op", "valid"),
        (
            lambda d: d["root"]["inputs"]["layers"][0]["params"].update(mode="rainbow"),
            ParameterError,
            "root.inputs.layers[0].params.mode",
            "one of 'smooth', 'steps'",
        ),
        (
            lambda d: d["root"]["inputs"]["layers"][1]["params"].update(size=50),
            ParameterError,
            "root.inputs.layers[1].params.size",
            "[0.001, 10]",
        ),
        (
            lambda d: d["root"]["inputs"]["layers"][1]["params"].update(sise=1),
            ParameterError,
            "root.inputs.layers[1].params",
            "unknown parameter 'sise'",
        ),
        (
            lambda d: d["root"]["inputs"]["layers"][1]["params"].update(mirror="yes"),
            ParameterError,
            "root.inputs.layers[1].params.mirror",
            "true or false",
        ),
        (
            lambda d: d["root"]["inputs"]["layers"][1].pop("inputs"),
            GenomeError,
            "root.inputs.layers[1].inputs.motif",
            "missing input",
        ),
        (
            lambda d: d["root"]["inputs"]["layers"][1]["inputs"].update(extra={}),
            GenomeError,
            "root.inputs.layers[1].inputs",
            "no input 'extra'",
        ),
        (
            lambda d: d["root"]["inputs"].update(layers=[]),
            GenomeError,
            "root.inputs.layers",
            "1 to 64 nodes",
        ),
        (lambda d: d["root"].update(version=9), GenomeError, "root.version", "newer"),
        (
            lambda d: d.update(palette={"op": "fields.value_noise"}),
            GenomeError,
            "palette",
            "palette operator",
        ),
        (
            lambda d: d["root"]["inputs"]["layers"][0]["inputs"].update(
                source={"op": "color.palette", "params": {}}
            ),
            GenomeError,
            "root.inputs.layers[0].inputs.source",
            "palette, not an image",
        ),
        (
            lambda d: d["palette"]["params"].update(colors=["#12345"]),
            ParameterError,
            "palette.params.colors[0]",
            "'#rrggbb'",
        ),
    ],
)
def test_invalid_genomes_name_the_field(genome, mutate, error, where, says):
    d = doc(genome)
    mutate(d)
    with pytest.raises(error) as info:
        Genome.from_json(d)
    assert info.value.path == where
    assert says in str(info.value)


def test_malformed_json_is_a_clear_error():
    with pytest.raises(GenomeError, match=r"not valid JSON.*line 1 column 2"):
        Genome.from_json("{oops")
    with pytest.raises(GenomeError, match="must be a JSON object"):
        Genome.from_json("[1, 2]")
    with pytest.raises(GenomeError, match="not UTF-8"):
        Genome.from_json(b"\xff\xfe{")


def test_over_deep_and_cyclic_trees_are_refused(genome):
    d = doc(genome)
    node = d["root"]["inputs"]["layers"][1]
    deep = node
    for _ in range(MAX_DEPTH + 2):
        deep = {"op": "layout.place", "params": {}, "inputs": {"motif": deep}}
    d["root"]["inputs"]["layers"][1] = deep
    with pytest.raises(GenomeError, match="deeper than"):
        Genome.from_json(d)
    d = doc(genome)
    place = d["root"]["inputs"]["layers"][1]
    place["inputs"]["motif"] = place  # a cycle, only possible in memory
    with pytest.raises(GenomeError, match="cycle"):
        Genome.from_json(d)


def test_schema_0_documents_migrate(genome):
    old = {
        "schema_version": 0,
        "rng_seed": 11,
        "title": "牡丹 test",
        "style": {"palette": {"operator": "color.palette", "args": {}}},
        "tree": {
            "operator": "layout.layers",
            "args": {},
            "children": {
                "layers": [
                    {
                        "operator": "color.gradient_map",
                        "args": {},
                        "children": {
                            "source": {"operator": "fields.value_noise", "args": {"frequency": 5}}
                        },
                    },
                    {
                        "operator": "layout.place",
                        "args": {},
                        "children": {"motif": {"operator": "motifs.plum_blossom", "args": {}}},
                    },
                ]
            },
        },
    }
    migrated = Genome.from_json(old)
    assert migrated == genome
    assert migrated.design_id == genome.design_id


def test_operator_migrations_apply_in_order(monkeypatch):
    from foulard.genome import migrations
    from foulard.ops import registry

    spec = registry.get("fields.value_noise")
    # Pretend the operator is at version 3 and v1 stored the frequency halved.
    bumped = type(spec)(**{**spec.__dict__, "version": 3})
    monkeypatch.setitem(registry._REGISTRY, spec.id, bumped)
    monkeypatch.setattr(migrations, "_NODES", dict(migrations._NODES))

    @operator_migration("fields.value_noise", 1)
    def double(node):
        node["params"] = {**node["params"], "frequency": node["params"]["frequency"] * 2}
        return node

    @operator_migration("fields.value_noise", 2)
    def rename(node):
        params = dict(node["params"])
        params["interpolation"] = {"smooth": "quintic"}.get(
            params["interpolation"], params["interpolation"]
        )
        node["params"] = params
        return node

    g = example_genome("color.gradient_map")
    d = doc(g)
    src = d["root"]["inputs"]["source"]
    src.update(version=1, params={"frequency": 4, "interpolation": "smooth"})
    migrated = Genome.from_json(d)
    params = migrated.root.input("source").params
    assert params.frequency == 8
    assert params.interpolation == "quintic"
    assert json.loads(migrated.canonical())["root"]["inputs"]["source"]["version"] == 3
    src.update(version=2, params={"frequency": 4, "interpolation": "linear"})
    assert Genome.from_json(d).root.input("source").params.frequency == 4


def test_missing_operator_migration_is_an_error(monkeypatch, genome):
    from foulard.ops import registry

    spec = registry.get("motifs.plum_blossom")
    monkeypatch.setitem(registry._REGISTRY, spec.id, type(spec)(**{**spec.__dict__, "version": 2}))
    d = doc(genome)
    d["root"]["inputs"]["layers"][1]["inputs"]["motif"]["version"] = 1
    with pytest.raises(GenomeError, match=r"no migration for motifs\.plum_blossom from version 1"):
        Genome.from_json(d)


def test_node_limit(genome):
    d = doc(genome)
    leaf = {"op": "fields.value_noise", "params": {}}
    many = [{"op": "layout.layers", "params": {}, "inputs": {"layers": [copy.deepcopy(leaf)] * 64}}]
    d["root"] = {"op": "layout.layers", "params": {}, "inputs": {"layers": many * 64}}
    with pytest.raises(GenomeError, match="more than 4096 nodes"):
        Genome.from_json(d)


def test_save_and_load(tmp_path, genome):
    path = tmp_path / "g.json"
    genome.save(path)
    assert Genome.load(path) == genome
    assert path.read_text(encoding="utf-8").endswith("\n")
    with pytest.raises(GenomeError, match="no such genome file"):
        Genome.load(tmp_path / "missing.json")
