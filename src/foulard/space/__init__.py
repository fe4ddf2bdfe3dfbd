"""The planet-scale design space: address -> genome, genome -> address.

100,000 designs for each of 8 billion people, any two of them at least d = 8 design
decisions apart (a keyed Feistel permutation, then a Reed-Solomon code over GF(256),
then allele tables of design decisions). See ``docs/space.md``.

>>> space = DesignSpace(bytes(range(32)))
>>> genome = space.genome(Address(12, 345))
>>> space.locate(genome).address
Address(slot=12, n=345)
"""

from foulard.space.address import MAX_INDEX, PER_PERSON, SLOTS, Address
from foulard.space.space import DesignSpace, K, Location, space_for_key

__all__ = [
    "MAX_INDEX",
    "PER_PERSON",
    "SLOTS",
    "Address",
    "DesignSpace",
    "K",
    "Location",
    "space_for_key",
]
