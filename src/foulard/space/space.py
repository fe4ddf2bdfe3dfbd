"""The design space: address -> permuted index -> genes -> genome, and back.

``DesignSpace(key)`` is one deployment's space. For an address i = s * 100,000 + n:

1. ``m = P_key(i)``, the keyed Feistel permutation of [0, 2^50) (neighbouring
   addresses get unrelated designs; without the key nobody can enumerate them);
2. the 7 bytes of m are encoded by RS(14, 7) over GF(256) into 14 genes (any two
   addresses differ in at least d = 8 genes, a theorem of the code);
3. gene j picks allele ``genes[j]`` of design decision j, and the anatomy assembles
   the genome from the alleles' prebuilt pieces; the genome's seed (the fine
   variation every operator draws from its node generator) is a keyed hash of m.

:meth:`DesignSpace.locate` reads the alleles back from a genome, corrects up to
``t = 3`` edited genes (more when unrecognised genes are known erasures), inverts
the code and the permutation, and returns the address, or says the genome is not
from this space and how many genes away from the nearest design of the space it is.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from foulard.errors import SpaceError
from foulard.genome.canonical import canonical_json
from foulard.genome.schema import Genome
from foulard.space.address import MAX_INDEX, Address, check_indices
from foulard.space.permutation import DOMAIN, FeistelPermutation
from foulard.space.reed_solomon import ReedSolomon
from foulard.space.siphash import key_words, siphash24_u64

__all__ = [
    "DesignSpace",
    "K",
    "Location",
    "anatomy_class",
    "genome_space_version",
    "space_for_key",
    "trusted_genome",
]

K = 7  # message bytes: 256^7 >= 2^50
_CHUNK = 65536


def _subkey(key: bytes, purpose: bytes) -> bytes:
    return hashlib.blake2b(key, digest_size=16, person=b"foulard-" + purpose).digest()


@dataclass(frozen=True)
class Location:
    """Where a genome lies in the space.

    ``address`` is set when the genome decodes to one; ``genes`` are the alleles read
    from it (None: unrecognised); ``corrected`` the gene positions the decoder changed
    or filled; ``distance`` the number of genes between the genome and the nearest
    design of the space; ``exact`` whether the genome is that design (same design id).
    """

    address: Address | None
    genes: tuple[int | None, ...]
    corrected: tuple[int, ...]
    distance: int
    exact: bool
    reason: str

    @property
    def found(self) -> bool:
        return self.address is not None

    def to_json(self) -> dict:
        return {
            "found": self.found,
            "address": None if self.address is None else self.address.to_json(),
            "distance": self.distance,
            "corrected_genes": list(self.corrected),
            "genes": list(self.genes),
            "exact": self.exact,
            "reason": self.reason,
        }


trusted_genome = Genome.trusted


def _message_bytes(m: np.ndarray) -> np.ndarray:
    """The K little-endian bytes of each permuted index."""
    return np.ascontiguousarray(m, dtype="<u8").view(np.uint8).reshape(-1, 8)[:, :K]


class DesignSpace:
    """One deployment's design space (its key, its allele tables)."""

    def __init__(self, key: bytes, version: int | None = None):
        from foulard.space.alleles import LATEST, VERSIONS

        if not isinstance(key, bytes) or len(key) < 16:
            raise SpaceError("a space key is at least 16 bytes")
        version = LATEST if version is None else version
        if version not in VERSIONS:
            raise SpaceError(f"unknown space version {version}; known: {sorted(VERSIONS)}")
        self.version = version
        self._key = key
        self.genes = VERSIONS[version].GENES
        self.code = ReedSolomon(len(self.genes), K)
        self.permutation = FeistelPermutation(_subkey(key, b"feistel"))
        self._seed_key = key_words(_subkey(key, b"seed"))
        self._meta_json = canonical_json(
            {
                "provenance": {
                    "space": {
                        "version": version,
                        "genes": len(self.genes),
                        "code": f"RS({self.code.n},{K}) over GF(256), d={self.code.d}",
                    }
                },
            }
        )

    @property
    def d(self) -> int:
        return self.code.d

    @cached_property
    def anatomy(self):
        return anatomy_class(self.version)()

    # -- forwards -----------------------------------------------------------------------

    def messages(self, indices) -> np.ndarray:
        """The permuted indices m (``uint64``) of address indices."""
        return self.permutation.forward(check_indices(indices))

    def genes_of(self, indices) -> np.ndarray:
        """Genes ``(N, G)`` uint8 of address indices (vectorised)."""
        m = self.messages(indices).reshape(-1)
        return self.code.encode(_message_bytes(m))

    def seeds_of(self, messages: np.ndarray) -> np.ndarray:
        """Genome seeds (< 2^63) from permuted indices: a keyed hash, so seeds leak nothing."""
        return siphash24_u64(*self._seed_key, messages) >> np.uint64(1)

    def genomes(self, indices) -> list[Genome]:
        """Genomes of many address indices, in batches (the fast path)."""
        idx = check_indices(indices).reshape(-1)
        out: list[Genome] = []
        assemble = self.anatomy.assemble
        meta = self._meta_json
        # The new objects hold no cycles; the cyclic collector would only rescan the
        # growing list again and again (five times slower), so it rests meanwhile.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for start in range(0, idx.size, _CHUNK):
                m = self.permutation.forward(idx[start : start + _CHUNK])
                genes = self.code.encode(_message_bytes(m)).tolist()
                seeds = self.seeds_of(m).tolist()
                for row, seed in zip(genes, seeds, strict=True):
                    root, palette = assemble(row)
                    out.append(trusted_genome(root, palette, seed, meta))
        finally:
            if collecting:
                gc.enable()
        return out

    def genome(self, address: Address) -> Genome:
        """The genome at one address."""
        if not isinstance(address, Address):
            raise SpaceError(f"expected an Address, got {type(address).__name__}")
        return self.genomes(np.array([address.index], np.uint64))[0]

    def describe(self, address: Address) -> list[dict]:
        """The decisions of one design: gene name, allele, allele name."""
        genes = self.genes_of(np.array([address.index], np.uint64))[0]
        return [
            {"gene": g.name, "allele": int(a), "choice": self._allele_name(g, int(a))}
            for g, a in zip(self.genes, genes, strict=True)
        ]

    def _allele_name(self, gene, allele: int) -> str:
        if self.version >= 2 and gene.name == "layout":
            from foulard.space.alleles import VERSIONS

            arche, geometry = divmod(allele, 32)
            name, _, variants = VERSIONS[self.version].ARCHETYPES[arche]
            return f"{name} · {variants[geometry][0]}"
        return gene.allele_name(allele)

    # -- backwards ------------------------------------------------------------------------

    def locate_genes(self, genes: list[int | None]) -> Location:
        """The address of a gene list (``None`` marks an unrecognised gene)."""
        if len(genes) != len(self.genes):
            raise SpaceError(f"a gene list has {len(self.genes)} genes, got {len(genes)}")
        for g in genes:
            if g is not None and (
                isinstance(g, bool) or not isinstance(g, int) or not 0 <= g < 256
            ):
                raise SpaceError(f"genes are alleles 0 to 255 (or unknown), got {g!r}")
        result = self.code.decode(list(genes))
        genes_t = tuple(genes)
        if result.message is None:
            distance, _ = self.code.nearest(list(genes))
            unknown = sum(g is None for g in genes)
            return Location(
                None,
                genes_t,
                (),
                distance,
                False,
                f"not from this space: {distance} genes differ from the nearest design of "
                f"the space (at most {self.code.t} edited genes can be corrected"
                + (f"; {unknown} genes matched no allele" if unknown else "")
                + ")",
            )
        m = int.from_bytes(bytes(result.message.tolist()), "little")
        if m >= DOMAIN:
            return Location(
                None,
                genes_t,
                result.corrected,
                result.distance,
                False,
                "not from this space: its genes encode no permuted address",
            )
        index = int(self.permutation.inverse(np.array([m], np.uint64))[0])
        if index >= MAX_INDEX:
            return Location(
                None,
                genes_t,
                result.corrected,
                result.distance,
                False,
                "not from this space: its genes decode to no person's address (another space key?)",
            )
        address = Address.from_index(index)
        reason = (
            "an exact design of this space"
            if not result.corrected
            else f"a design of this space with {len(result.corrected)} gene(s) edited "
            f"(genes {', '.join(str(p) for p in result.corrected)})"
        )
        return Location(address, genes_t, result.corrected, result.distance, False, reason)

    def sibling(self, version: int) -> DesignSpace:
        """The space of the same key under another space version (cached)."""
        if version == self.version:
            return self
        cache = self.__dict__.setdefault("_siblings", {})
        if version not in cache:
            cache[version] = DesignSpace(self._key, version)
        return cache[version]

    def locate(self, genome: Genome) -> Location:
        """Where ``genome`` lies in this space (see :class:`Location`).

        A genome made under another space version (its provenance says which) is
        located with that version's tables: designs never move when the space grows.
        """
        made = genome_space_version(genome)
        if made is not None and made != self.version:
            from foulard.space.alleles import VERSIONS

            if made in VERSIONS:
                return self.sibling(made).locate(genome)
        genes = self.anatomy.parse(genome)
        loc = self.locate_genes(genes)
        if loc.address is None:
            return loc
        exact = self.genome(loc.address).design_id == genome.design_id
        reason = loc.reason
        if not loc.corrected and not exact:
            reason = (
                f"the same {len(self.genes)} design decisions as the design at {loc.address}, "
                "with other fine details (seed or parameters edited, or another space key)"
            )
        return Location(loc.address, loc.genes, loc.corrected, loc.distance, exact, reason)


def anatomy_class(version: int):
    """The anatomy (assembler and parser) of a space version, a class (not yet built)."""
    from foulard.space.anatomy import Anatomy
    from foulard.space.anatomy_v2 import AnatomyV2
    from foulard.space.anatomy_v3 import AnatomyV3
    from foulard.space.anatomy_v4 import AnatomyV4

    anatomies = {a.version: a for a in (Anatomy, AnatomyV2, AnatomyV3, AnatomyV4)}
    if version not in anatomies:
        raise SpaceError(f"no anatomy for space version {version}; known: {sorted(anatomies)}")
    return anatomies[version]


def genome_space_version(genome: Genome) -> int | None:
    """The space version in a genome's provenance (None if it has none)."""
    meta = genome.meta if isinstance(genome.meta, dict) else {}
    space = (
        meta.get("provenance", {}).get("space")
        if isinstance(meta.get("provenance"), dict)
        else None
    )
    version = space.get("version") if isinstance(space, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def space_for_key(key: bytes | None = None, version: int | None = None) -> DesignSpace:
    """The space of ``key``, or of the deployment's key (and version) from the data home."""
    if key is None:
        from foulard.config import load_space_key

        key = load_space_key()
        if version is None:
            from foulard.space.deployment import deployment_version

            version = deployment_version()
    return DesignSpace(key, version)
