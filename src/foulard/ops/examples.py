"""Example genomes for every operator: what the gallery shows and the tests render.

An operator's example is its node with its ``example_params`` (or defaults) and each
input slot filled with the example of the operator the slot names, recursively.
"""

from __future__ import annotations

from foulard.genome.schema import Genome, Node
from foulard.ops.registry import OperatorSpec, get

__all__ = ["EXAMPLE_PALETTE", "example_genome", "example_node"]

EXAMPLE_PALETTE = ("#f3ead7", "#1d3557", "#c0392b", "#d4a72c", "#2a7f62", "#6c4f8b")


def example_node(
    spec: OperatorSpec | str, *, depth: int = 0, overrides: dict | None = None
) -> Node:
    """The example node of an operator (inputs filled in)."""
    if isinstance(spec, str):
        spec = get(spec)
    if depth > 6:
        raise RecursionError(f"example inputs of {spec.id} nest too deep")
    inputs = {}
    for slot in spec.inputs:
        child = example_node(slot.example, depth=depth + 1, overrides=slot.example_params)
        inputs[slot.name] = [child] * max(1, slot.min_count) if slot.variadic else child
    return Node.make(spec.id, inputs=inputs, **{**spec.example_params, **(overrides or {})})


def example_genome(
    spec: OperatorSpec | str, seed: int = 1, *, overrides: dict | None = None
) -> Genome:
    """A genome that shows the operator on its own (over the example palette).

    ``overrides`` replace some of the operator's example parameters (the gallery
    shows presets this way).
    """
    if isinstance(spec, str):
        spec = get(spec)
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    node = example_node(spec, overrides={**spec.example_params, **(overrides or {})})
    if spec.kind == "palette":
        root = example_node("color.gradient_map")
        root = root.replace(mode="steps")
        return Genome.make(root, node, seed=seed, meta={"title": spec.id})
    return Genome.make(node, palette, seed=seed, meta={"title": spec.id})
