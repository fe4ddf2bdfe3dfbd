"""Design features: the genome path and the gene path agree."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.evolve import genome_features, stream_features
from foulard.evolve.features import content_ops, feature_names
from foulard.prompt import build_genome, parse
from foulard.prompt.compose import compose
from foulard.space import Address, DesignSpace
from foulard.space.alleles import VERSIONS


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_stream_features_equal_genome_features_of_space_designs(version):
    space = DesignSpace(bytes(range(32)), version)
    slot = 11
    idx = np.arange(slot * 100_000, slot * 100_000 + 12, dtype=np.uint64)
    stream = stream_features(space, space.genes_of(idx))
    for k in range(12):
        x = genome_features(space.genome(Address(slot, k)))
        n = len(content_ops())
        assert np.array_equal(x[:n], stream[k, :n])
        np.testing.assert_allclose(x[n:], stream[k, n:], atol=1e-5)


def test_features_name_what_the_design_holds():
    g = build_genome(compose(parse("peony carre"), 1)[0][0])
    x = genome_features(g)
    names = feature_names()
    assert len(names) == len(x)
    on = {names[i] for i in np.flatnonzero(x[: len(content_ops())])}
    assert "motifs.peony" in on
