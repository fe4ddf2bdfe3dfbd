"""The design space: distance between addresses, genomes, locate, edits, outsiders."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.errors import SpaceError
from foulard.genome import Genome, Node
from foulard.scarf.random_design import random_genome
from foulard.space.address import MAX_INDEX, PER_PERSON, SLOTS, Address
from foulard.space.alleles import LATEST, v1, v2, v3, v4
from foulard.space.genes import ALLELES, tables_digest
from foulard.space.space import DesignSpace


def test_random_address_pairs_differ_in_at_least_d_genes(space):
    rng = np.random.default_rng(11)
    idx = rng.integers(0, MAX_INDEX, 1500, dtype=np.uint64)
    # and a person's consecutive designs, the pairs most likely to look alike
    idx = np.concatenate([idx, np.arange(5 * PER_PERSON, 5 * PER_PERSON + 500, dtype=np.uint64)])
    genes = space.genes_of(idx)
    diff = (genes[:, None, :] != genes[None, :, :]).sum(axis=2)
    np.fill_diagonal(diff, 99)
    assert space.d == 8
    assert diff.min() >= space.d


def test_every_gene_uses_all_its_alleles(space):
    genes = space.genes_of(np.arange(20000, dtype=np.uint64) * 7919)
    for j in range(genes.shape[1]):
        counts = np.bincount(genes[:, j], minlength=ALLELES)
        assert (counts > 0).all(), f"gene {j} never picks some alleles"
        assert counts.max() < 3 * counts.mean()


def test_genomes_are_valid_deterministic_and_carry_the_space_version(space):
    rng = np.random.default_rng(12)
    idx = rng.integers(0, MAX_INDEX, 40, dtype=np.uint64)
    genomes = space.genomes(idx)
    for g in genomes:
        again = Genome.from_json(g.canonical())  # full validation of every node
        assert again.design_id == g.design_id
        assert g.meta["provenance"]["space"]["version"] == LATEST == v4.VERSION
    assert len({g.design_id for g in genomes}) == len(genomes)
    same = DesignSpace(bytes(range(32))).genomes(idx[:3])
    assert [g.design_id for g in same] == [g.design_id for g in genomes[:3]]
    other = DesignSpace(bytes(32)).genomes(idx[:3])
    assert not {g.design_id for g in other} & {g.design_id for g in genomes}


@pytest.mark.parametrize(
    "address", [Address(0, 0), Address(SLOTS - 1, PER_PERSON - 1), Address(123456, 789)]
)
def test_locate_round_trips(space, address):
    genome = space.genome(address)
    loc = space.locate(Genome.from_json(genome.canonical()))
    assert loc.address == address and loc.exact and loc.distance == 0


def test_locate_corrects_edited_genes(space):
    address = Address(42, 4242)
    genes = space.genes_of(np.array([address.index], np.uint64))[0].tolist()
    rng = np.random.default_rng(13)
    for edits in (1, 2, 3):
        changed = genes[:]
        for p in rng.choice(len(genes), edits, replace=False):
            changed[p] = (changed[p] + int(rng.integers(1, 256))) % 256
        root, palette = space.anatomy.assemble(changed)
        loc = space.locate(Genome.make(root, palette, seed=5))
        assert loc.address == address
        assert len(loc.corrected) == edits and not loc.exact


def test_unrecognised_pieces_are_erasures(space):
    address = Address(7, 70)
    genome = space.genome(address)
    stack = genome.root
    layers = list(stack.input("layers"))
    foreign = Node.make("color.fill", color=2, opacity=0.5)
    layers[-2] = layers[-1] = foreign  # line work, jewel
    layers[0] = layers[0].with_input("ground", foreign)  # ground, repeat, density, inks
    edited = genome.replace(root=stack.with_input("layers", layers))
    loc = space.locate(edited)
    assert loc.address == address
    assert sum(g is None for g in loc.genes) == 6


def test_unrecognised_pieces_are_erasures_in_version_1(space):
    space = space.sibling(1)
    address = Address(7, 70)
    genome = space.genome(address)
    stack = genome.root.input("source")
    layers = list(stack.input("layers"))
    foreign = Node.make("color.fill", color=2, opacity=0.5)
    for i in (1, 3, 4, 5, 6):  # accents, frame, border, corners, line work
        layers[i] = foreign
    edited = genome.replace(
        root=genome.root.with_input("source", stack.with_input("layers", layers))
    )
    loc = space.locate(edited)
    assert loc.address == address
    assert sum(g is None for g in loc.genes) == 5


def test_genomes_from_elsewhere_are_not_located(space):
    loc = space.locate(random_genome(3))
    assert not loc.found and "not from this space" in loc.reason
    assert loc.distance == 14
    # Five edited genes: beyond the decoding radius; the distance to the nearest
    # design of the space is reported exactly.
    genes = space.genes_of(np.array([99], np.uint64))[0].tolist()
    for p in (0, 3, 6, 9, 12):
        genes[p] ^= 0x5A
    root, palette = space.anatomy.assemble(genes)
    loc = space.locate(Genome.make(root, palette))
    assert not loc.found
    assert space.code.t < loc.distance <= 5
    assert f"{loc.distance} genes differ" in loc.reason


def test_a_design_from_another_key_has_our_decisions_but_not_our_seed(space):
    stranger = DesignSpace(bytes(32)).genome(Address(1, 1))
    loc = space.locate(stranger)
    if loc.found:  # its genes are a codeword; ~71 % of codewords are addresses here
        assert not loc.exact and "another space key" in loc.reason
        assert space.genome(loc.address).root == stranger.root


def test_bad_addresses_are_refused(space):
    for slot, n in ((SLOTS, 0), (-1, 0), (0, PER_PERSON), (0, -1), (1.5, 0), (True, 0)):
        with pytest.raises(SpaceError):
            Address(slot, n)
    with pytest.raises(SpaceError):
        space.genomes(np.array([MAX_INDEX], np.uint64))
    with pytest.raises(SpaceError):
        space.locate_genes([0] * 13)
    with pytest.raises(SpaceError):
        space.locate_genes([256] + [0] * 13)


@pytest.mark.parametrize("tables", [v1, v2, v3, v4], ids=["v1", "v2", "v3", "v4"])
def test_allele_tables_are_pinned_and_every_allele_is_different(space, tables):
    # Changing a table without a new space version would move every design.
    assert tables_digest(tables.GENES) == tables.DIGEST
    assert len(tables.GENES) == 14
    space = space.sibling(tables.VERSION)
    for gene in tables.GENES:
        names = {gene.allele_name(a) for a in range(ALLELES)}
        assert len(names) == ALLELES, gene.name
    # Each gene builds 256 different pieces (the anatomy refuses duplicates when built),
    # and every piece is found again by the parser.
    genes = space.genes_of(np.arange(300, dtype=np.uint64))
    for row in genes[:50].tolist():
        root, palette = space.anatomy.assemble(row)
        assert space.anatomy.parse(Genome(root, palette)) == row


def test_fast_construction_equals_the_validated_one(space):
    g = space.genomes(np.array([77, 78], np.uint64))[0]
    validated = Genome(g.root, g.palette, g.seed, g.meta_json)  # runs every check
    assert validated == g and validated.design_id == g.design_id
    parsed = Genome.from_json(g.canonical())
    assert parsed.root == g.root and parsed.palette == g.palette and parsed.seed == g.seed
    assert 0 <= g.seed < 2**63


@pytest.mark.parametrize("version", [1, 2, 3])
def test_older_designs_still_locate(space, version):
    old = space.sibling(version)
    address = Address(31, 4159)
    genome = Genome.from_json(old.genome(address).canonical())
    assert genome.meta["provenance"]["space"]["version"] == version
    assert genome.root != space.genome(address).root  # the versions are different spaces
    loc = space.locate(genome)  # the latest space locates it with its own version's tables
    assert loc.address == address and loc.exact


# Designs already issued never move: the design ids of three addresses in each version
# (key bytes(range(32))), taken when the version was made.
_ISSUED = {
    1: ("ac8ccb1b72a9c6af", "b145a96fe13d8f04", "1ea37082cbd8fb23"),
    2: ("df77d2207034b572", "70ea1401abf3b72e", "ffb4c46a16b9a92e"),
    3: ("2a84acb2f0597e61", "9a3b5b2be08e522e", "6e35362376a6a3ef"),
    4: ("92fa9c00a6dddb8d", "9ede18a5271f9af6", "3e3e4cb345a90c32"),
}


@pytest.mark.parametrize("version", sorted(_ISSUED))
def test_issued_designs_never_move(space, version):
    addresses = (Address(0, 0), Address(12, 345), Address(7818248529, 63468))
    ids = tuple(space.sibling(version).genome(a).design_id[:16] for a in addresses)
    assert ids == _ISSUED[version]


@pytest.mark.parametrize("version", [2, 3, 4])
def test_layouts_are_the_scarf_layout_operators(space, version):
    space = space.sibling(version)
    ops = {space.anatomy.layouts[a][0] for a in range(ALLELES)}
    assert ops == {
        "layout.carre_classic",
        "layout.allover_border",
        "layout.concentric_frames",
        "layout.medallion_scatter",
        "layout.placement",
    }
    # Each archetype's genomes root at its layout, and every motif gene is drawn
    # (in a slot or over the layout) whatever the archetype.
    genes = space.genes_of(np.arange(400, dtype=np.uint64))
    seen = set()
    for row in genes.tolist():
        root, _ = space.anatomy.assemble(row)
        assert root.input("layers")[0].op == space.anatomy.layouts[row[1]][0]
        seen.add(row[1] >> 5)
        nodes = _nodes(root)
        for gene in (2, 7, 8, 9):
            assert space.anatomy._flat_motif[row[gene]] in nodes, gene
        edited = list(row)
        for gene in (2, 7, 8, 9, 11):
            edited[gene] = (row[gene] + 1) % ALLELES
            assert space.anatomy.assemble(edited)[0] != root, gene
            edited[gene] = row[gene]
    assert seen == set(range(8))


def _nodes(node) -> list:
    out = [node]
    for _, value in node.inputs:
        for child in value if isinstance(value, tuple) else (value,):
            out += _nodes(child)
    return out


def test_tonal_palettes_carry_an_accent():
    from foulard.space.alleles.accents import is_tonal

    accented = [name for name, colors in v2_palettes() if "with an accent" in name]
    assert len(accented) == 52
    for name, colors in v2_palettes():
        assert not is_tonal(colors), name


def v2_palettes():
    from foulard.space.alleles.v2_palettes import PALETTES

    return PALETTES


def test_version_3_palettes_hold_the_farthest_hue_in_role_3():
    from foulard.color.space import hex_to_srgb, srgb_to_oklch
    from foulard.space.alleles.v3_palettes import PALETTES, SECOND_ROLE, far_ink

    moved = 0
    for (name, old), (name3, new) in zip(v2_palettes(), PALETTES, strict=True):
        assert name3 == name and sorted(new) == sorted(old)  # the same inks, reordered
        assert new[0] == old[0]  # the ground stays
        moved += new != old
        lch = srgb_to_oklch(hex_to_srgb(list(new)))
        ref = lch[0, 2] if lch[0, 1] > 0.01 else lch[1, 2]
        gap = np.abs((lch[1:, 2] - ref + 180.0) % 360.0 - 180.0)
        chromatic = lch[1:, 1] > 0.04
        if chromatic.any():
            assert far_ink(new) == SECOND_ROLE, name
            assert gap[SECOND_ROLE - 1] >= gap[chromatic].max() - 5.0, name
    assert moved > 150  # most palettes' farthest ink was elsewhere


def test_version_3_large_areas_are_solid_inks(space):
    from foulard.space.alleles.v3 import LARGE_AREAS

    anatomy = space.sibling(3).anatomy
    old = space.sibling(2).anatomy
    for a in range(ALLELES):
        op, params, *_ = anatomy.layouts[a]
        op2, params2, *_ = old.layouts[a]
        assert op == op2
        areas = LARGE_AREAS[op]
        assert all(getattr(params, name) == role >= 1 for name, role in areas.items())
        # version 2 let the ground show through at least one of them
        assert not areas or any(getattr(params2, name) == -1 for name in areas)
        others = {k: v for k, v in params.to_json().items() if k not in LARGE_AREAS[op]}
        assert others == {k: v for k, v in params2.to_json().items() if k in others}
