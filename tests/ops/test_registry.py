"""The registry and parameter classes: strict lookups, typed params, node randomness."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from foulard.errors import ParameterError, UnknownOperatorError
from foulard.genome import Genome, Node
from foulard.ops import Params, families, get, operator, operators, param
from foulard.ops.params import colors_param
from foulard.render import TileCache, render
from foulard.render.evaluate import Evaluator, node_rng


def test_lookup_errors_list_valid_names():
    with pytest.raises(UnknownOperatorError) as info:
        get("fields.value_nois")
    msg = str(info.value)
    assert "did you mean fields.value_noise" in msg
    assert "valid in family 'fields'" in msg
    with pytest.raises(UnknownOperatorError, match=r"valid families: .*color"):
        get("nosuch.thing")
    with pytest.raises(UnknownOperatorError, match="unknown family"):
        operators(family="nosuch")
    with pytest.raises(UnknownOperatorError, match="unknown kind"):
        operators(kind="sound")


def test_listing_filters():
    fields = operators(family="fields")
    assert fields and all(s.family == "fields" for s in fields)
    vectors = operators(kind="vector")
    assert vectors and all(s.kind == "vector" for s in vectors)
    assert set(families()) >= {"color", "fields", "layout", "motifs"}


@dataclass(frozen=True)
class _Demo(Params):
    count: int = param(3, range=(1, 9), doc="how many")
    width: float = param(0.5, range=(0.0, 1.0), doc="how wide", unit="mm")
    style: str = param("a", choices=("a", "b"), doc="which")
    on: bool = param(True, doc="whether")
    inks: tuple[str, ...] = colors_param(("#FFFFFF", "#000000"), doc="inks", length=(1, 4))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"count": 0}, "params.count: expected an integer in [1, 9], got 0"),
        ({"count": 2.5}, "params.count: expected an integer in [1, 9], got 2.5"),
        ({"count": True}, "got boolean True"),
        ({"width": "0.3"}, "params.width: expected a number in [0, 1], got text '0.3'"),
        ({"width": float("inf")}, "got inf"),
        ({"style": "c"}, "one of 'a', 'b'"),
        ({"on": 1}, "true or false"),
        ({"inks": ["#fff"]}, "params.inks[0]: expected a colour '#rrggbb'"),
        ({"inks": ["#ffffff"] * 5}, "a list of 1 to 4 colours"),
        ({"colour": 1}, "unknown parameter 'colour'; valid: count, inks, on, style, width"),
    ],
)
def test_params_are_strict(data, says):
    with pytest.raises(ParameterError) as info:
        _Demo.from_json(data)
    assert says in str(info.value)


def test_params_normalise_without_losing_information():
    p = _Demo.from_json({"count": 4.0, "width": 1, "inks": ["#ABCDEF"]})
    assert p.count == 4 and isinstance(p.count, int)
    assert p.width == 1.0 and isinstance(p.width, float)
    assert p.inks == ("#abcdef",)
    assert p.to_json()["inks"] == ["#abcdef"]
    with pytest.raises(ParameterError):
        _Demo(count=99)
    with pytest.raises(AttributeError):
        p.count = 5  # type: ignore[misc]


@dataclass(frozen=True)
class _NoMeta(Params):
    x: int = 3


def test_registration_rejects_bad_declarations():
    with pytest.raises(ValueError, match="kind"):
        operator("test.bad", kind="sound")
    with pytest.raises(ValueError, match=r"family\.name"):
        operator("NoFamily", kind="field")

    with pytest.raises(TypeError, match="declared with param"):

        @operator("test.no_meta", kind="field")
        def f(p: _NoMeta, call):
            """Doc.

            References
            ----------
            None.
            """

    with pytest.raises(ValueError, match="docstring"):

        @operator("test.no_doc", kind="field")
        def g(p: _Demo, call):
            pass


def test_node_generators_depend_on_seed_and_path_only():
    a = node_rng(5, "root/layers/1").random(4)
    assert np.array_equal(a, node_rng(5, "root/layers/1").random(4))
    assert not np.array_equal(a, node_rng(6, "root/layers/1").random(4))
    assert not np.array_equal(a, node_rng(5, "root/layers/2").random(4))


def _two_noises(freq_b: int) -> Genome:
    a = Node.make("color.gradient_map", inputs={"source": Node.make("fields.value_noise")})
    b = Node.make(
        "layout.place",
        size=0.5,
        x=0.75,
        inputs={"motif": Node.make("fields.value_noise", frequency=freq_b)},
    )
    root = Node.make("layout.layers", inputs={"layers": [a, b]})
    return Genome.make(root, Node.make("color.palette"), seed=3)


def test_editing_one_node_leaves_the_others_unchanged():
    before = render(_two_noises(4), 128, cache=TileCache())
    after = render(_two_noises(9), 128, cache=TileCache())
    # The right-hand placed square changed; the ground on the left is untouched.
    assert not np.array_equal(before[:, 100:], after[:, 100:])
    assert np.array_equal(before[:, :60], after[:, :60])


def test_input_channels_follow_the_graph():
    g = _two_noises(4)
    ev = Evaluator(g)
    assert ev.root.channels == 4
    assert ev.root.children["layers"][0].channels == 4
    assert ev.root.children["layers"][1].children["motif"].channels == 1


@dataclass(frozen=True)
class _Frame(Params):
    width: float = param(0.1, range=(0.0, 0.5), doc="frame width")


def test_optional_inputs_and_operator_drawings(monkeypatch):
    import skia

    from foulard.ops import Input, registry
    from foulard.ops._common.drawing import Drawing

    def _prepare(p, rng):
        d = Drawing()
        path = skia.Path()
        path.addRect(skia.Rect.MakeLTRB(0.0, 0.0, 1.0, p.width))
        d.fill(path, (1.0, 0.0, 0.0))
        return d

    def framed(p: _Frame, call):
        """Test operator: a red band at the top, over an optional base.

        References
        ----------
        None (test only).
        """
        band = call.drawing("band", call.state, call.x, call.y, call.footprint)
        if not call.has_input("base"):
            return band
        base = call.input("base")
        return band + (1 - band[..., 3:4]) * np.concatenate([base] * 3 + [np.ones_like(base)], -1)

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    operator(
        "test.framed",
        kind="field",
        inputs=(Input("base", "optional base", "fields.value_noise", optional=True),),
        prepare=_prepare,
    )(framed)
    bare = Genome.make(Node.make("test.framed", width=0.25), Node.make("color.palette"))
    with_base = Genome.make(
        Node.make("test.framed", inputs={"base": Node.make("fields.value_noise")}),
        Node.make("color.palette"),
    )
    assert Genome.from_json(bare.canonical()) == bare
    a = render(bare, 64, cache=TileCache())
    assert (a[2, 10] == [255, 0, 0]).all()  # the band
    assert (a[40, 10] == [244, 236, 216]).all()  # transparent: the palette's ground
    b = render(with_base, 64, cache=TileCache())
    assert (b[2, 10] == [255, 0, 0]).all()
    assert b[40:, :, 0].std() > 5  # noise below the band


def test_cache_keys_follow_content_not_the_whole_design():
    a = Evaluator(_two_noises(4))
    b = Evaluator(_two_noises(9))
    ka = [a.root.children["layers"][0].key, a.root.children["layers"][1].key]
    kb = [b.root.children["layers"][0].key, b.root.children["layers"][1].key]
    assert ka[0] == kb[0]  # the untouched ground keeps its cached work
    assert ka[1] != kb[1]  # the edited branch does not
    assert a.root.key != b.root.key
    recoloured = _two_noises(4).replace(palette=Node.make("color.palette", colors=["#000000"]))
    assert Evaluator(recoloured).root.children["layers"][0].key != ka[0]
