"""color.from_library: a pattern's own colours, ground first."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.color.cielab import ciede2000, srgb_to_lab
from foulard.color.space import hex_to_srgb
from foulard.genome import Genome, Node
from foulard.render.evaluate import Evaluator


def _palette(**params) -> tuple[str, ...]:
    g = Genome.make(Node.make("fields.value_noise"), Node.make("color.from_library", **params))
    return Evaluator(g).palette.colors


@pytest.fixture
def two_colour_pattern(tmp_path, monkeypatch):
    from PIL import Image

    from foulard.library import Library, ingest

    monkeypatch.setenv("FOULARD_HOME", str(tmp_path))
    img = np.zeros((60, 90, 3), np.uint8)
    img[:, :60] = (204, 153, 102)
    img[:, 60:] = (20, 40, 90)
    Image.fromarray(img).save(tmp_path / "two.png")
    with Library.open() as lib:
        ingest(lib, [tmp_path / "two.png"], workers=1)
        return lib.resolve("two.png")


def test_palette_is_the_patterns_colours(two_colour_pattern):
    colours = _palette(pattern=two_colour_pattern, count=4)
    assert colours[0] == "#cc9966"  # the ground: the larger area
    lab = srgb_to_lab(hex_to_srgb(colours))
    target = srgb_to_lab(hex_to_srgb(["#cc9966", "#14285a"]))
    # Every colour given is one of the pattern's (no invented colours).
    assert ciede2000(lab[:, None], target[None]).min(1).max() < 1.0
    assert _palette(pattern=two_colour_pattern, ground="dark")[0] == "#14285a"
    assert _palette(pattern=two_colour_pattern, ground="light")[0] == "#cc9966"


def test_default_sample_gives_distinct_colours():
    colours = _palette()
    assert len(colours) == 6
    lab = srgb_to_lab(hex_to_srgb(colours))
    d = ciede2000(lab[:, None], lab[None])
    assert d[~np.eye(6, dtype=bool)].min() > 4.0


def test_missing_pattern_names_the_id():
    from foulard.library.errors import LibraryError

    with pytest.raises(LibraryError, match="f" * 64):
        _palette(pattern="f" * 64)
