"""Issuing genomes: designs of the space at their address, others after the duplicate check.

These join the space (address -> genome, genome -> address) and the ledger; the CLI
and the web app call them.
"""

from __future__ import annotations

from foulard.errors import LedgerError
from foulard.genome.schema import Genome
from foulard.ledger import Ledger
from foulard.ledger.designs import Design
from foulard.perceptual import Signature, signature
from foulard.space.address import Address, check_n

__all__ = ["SIGNATURE_PX", "genome_signature", "issue_genome", "issue_space_design"]

SIGNATURE_PX = 64


def genome_signature(genome: Genome, px: int = SIGNATURE_PX) -> Signature:
    """The perceptual signature of a design, from a small render."""
    from foulard.render import TileCache, render

    return signature(render(genome, px, threads=1, cache=TileCache(16 * 1024 * 1024)))


def issue_space_design(ledger: Ledger, space, person_id: str, n: int):
    """The person's n-th design: its genome, recorded as issued to them.

    Returns ``(genome, address, design, new)``.
    """
    person = ledger.person(person_id)
    address = Address(person.slot, check_n(n))
    genome = space.genome(address)
    design, new = ledger.issue(
        genome.design_id,
        address=address,
        owner=person.id,
        signature=genome_signature(genome),
        space_version=space.version,
    )
    return genome, address, design, new


def issue_genome(ledger: Ledger, space, genome: Genome) -> tuple[Design, bool, object]:
    """Issue any genome: at its address if it is exactly a design of the space, else
    as an outside design after the near-duplicate check. Returns ``(design, new, location)``.
    """
    location = space.locate(genome) if space is not None else None
    if location is not None and location.found and location.exact:
        person = ledger.person_by_slot(location.address.slot)
        if person is None:
            raise LedgerError(
                f"this design is at address {location.address}, whose slot has no "
                "registered person yet"
            )
        design, new = ledger.issue(
            genome.design_id,
            address=location.address,
            owner=person.id,
            signature=genome_signature(genome),
            space_version=space.version,
        )
        return design, new, location
    design, new = ledger.issue(genome.design_id, signature=genome_signature(genome))
    return design, new, location
