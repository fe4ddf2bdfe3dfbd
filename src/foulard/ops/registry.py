"""The operator registry: one place that knows every operator.

An operator is a pure function plus a frozen parameter class, registered once with
:func:`operator`. The registry is the single source for the CLI, the docs gallery,
the prompt lexicon and the conformance tests; counting operators means counting it.

How an operator meets resolution is its *kind* (DESIGN.md section 3):

``field``
    Pointwise in design coordinates: ``fn(params, call) -> array``. ``call.x`` and
    ``call.y`` are float64 design coordinates, ``call.footprint`` the size of one
    output pixel in the same units; inputs are sampled with ``call.input(name, x, y)``
    at any points. Exact at any resolution.
``image``
    Image in, image out, pointwise: same calling convention as ``field``, with its
    input sampled at the same points (colour maps, tone curves).
``vector``
    Shapes: ``fn(params, rng, palette) -> Drawing`` in motif units. The renderer
    rasterises the drawing with skia at the resolution each sampler needs.
``grid``
    Needs neighbours: ``fn(params, call) -> array`` on its own grid, whose size comes
    from the parameters in design units (``grid=`` callback), never from the output
    size. The result is cached by (node, grid) and sampled bilinearly.
``palette``
    Produces colours, not pixels: ``fn(params, rng) -> tuple of '#rrggbb'``.
"""

from __future__ import annotations

import dataclasses
import difflib
import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from foulard.errors import UnknownOperatorError
from foulard.ops.params import Params

__all__ = [
    "IMAGE_KINDS",
    "KINDS",
    "Input",
    "OperatorSpec",
    "families",
    "get",
    "operator",
    "operators",
]

KINDS = ("field", "image", "vector", "grid", "palette")
IMAGE_KINDS = ("field", "image", "vector", "grid")
OUTPUTS = ("value", "rgba", "same")


@dataclass(frozen=True)
class Input:
    """An input slot of an operator.

    Parameters
    ----------
    name : str
        Slot name used in the genome (``"motif"``, ``"source"``, ``"layers"``).
    doc : str
        One line on what the slot is for.
    example : str
        Operator id used to fill the slot in examples, the gallery and the tests.
    variadic : bool
        The slot takes a list of nodes (at least ``min_count``).
    optional : bool
        The slot may be left empty (the operator checks ``call.has_input``).
    example_params : dict
        Parameters of the example node for this slot (over that operator's own
        example parameters), so a slot's example suits its role.
    """

    name: str
    doc: str
    example: str
    variadic: bool = False
    min_count: int = 1
    max_count: int = 64
    optional: bool = False
    example_params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OperatorSpec:
    """Everything the registry knows about one operator."""

    id: str
    kind: str
    version: int
    func: Callable[..., Any]
    params: type[Params]
    inputs: tuple[Input, ...] = ()
    output: str = "rgba"
    prepare: Callable[..., Any] | None = None
    periods: Callable[[Any], Sequence[tuple[float, float]] | None] | None = None
    grid: Callable[[Any], Any] | None = None
    tags: tuple[str, ...] = ()
    resolution_tolerance: float = 0.04
    example_params: dict[str, Any] = field(default_factory=dict)
    bounds: Callable[[Any], tuple[float, float, float, float] | None] | None = None
    bounds_from: str | None = None

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    @property
    def reference(self) -> str:
        """The text of the docstring's References section (one line per entry)."""
        lines = self.doc.splitlines()
        for i, line in enumerate(lines):
            if (
                line.strip() == "References"
                and i + 1 < len(lines)
                and lines[i + 1].startswith("--")
            ):
                out = []
                for ref in lines[i + 2 :]:
                    if not ref.strip():
                        if out:
                            break
                        continue
                    if set(ref.strip()) == {"-"}:
                        break
                    out.append(ref.strip())
                return " ".join(out)
        return ""

    def input_slot(self, name: str) -> Input:
        for slot in self.inputs:
            if slot.name == name:
                return slot
        valid = ", ".join(s.name for s in self.inputs) or "(none)"
        raise KeyError(f"{self.id} has no input {name!r}; valid: {valid}")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "kind": self.kind,
            "version": self.version,
            "output": self.output,
            "summary": self.summary,
            "reference": self.reference,
            "periodic": self.periods is not None,
            "tags": list(self.tags),
            "params": [s.to_json() for s in self.params.specs()],
            "inputs": [dataclasses.asdict(s) for s in self.inputs],
        }


_REGISTRY: dict[str, OperatorSpec] = {}


def operator(
    op_id: str,
    *,
    kind: str,
    version: int = 1,
    inputs: Sequence[Input] = (),
    output: str = "rgba",
    prepare: Callable[..., Any] | None = None,
    periods: Callable[[Any], Sequence[tuple[float, float]] | None] | None = None,
    grid: Callable[[Any], Any] | None = None,
    tags: Sequence[str] = (),
    resolution_tolerance: float = 0.04,
    example_params: dict[str, Any] | None = None,
    bounds: Callable[[Any], tuple[float, float, float, float] | None] | None = None,
    bounds_from: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register an operator (decorator).

    The parameter class is the annotation of the function's first argument.

    Parameters
    ----------
    op_id : str
        ``family.name``, e.g. ``"fields.worley"``.
    kind : str
        One of :data:`KINDS`.
    version : int
        Bumped when a parameter's meaning changes (with a migration).
    inputs : sequence of Input
        Input slots, for operators that take other nodes (samplers, maps, layers).
    output : str
        ``"value"`` (one channel), ``"rgba"`` (premultiplied) or ``"same"`` (as the
        first input). Ignored for palettes.
    prepare : callable, optional
        ``prepare(params, rng) -> state`` runs once per node (field and image kinds);
        the function reads it as ``call.state``. The only place a field may draw
        random numbers, so that every band sees the same state.
    periods : callable, optional
        ``periods(params) -> [(dx, dy), ...] or None``: translations (design units)
        under which the output is exactly invariant. Checked by the conformance suite.
    grid : callable, optional
        For grid operators, ``grid(params) -> GridSpec``.
    tags : sequence of str
        Free words for search and the prompt lexicon.
    resolution_tolerance : float
        Mean absolute difference allowed between a 1024 px render downsampled and a
        512 px render (values in [0, 1]).
    example_params : dict, optional
        Parameters the gallery and tests use instead of the defaults.
    bounds : callable, optional
        ``bounds(params) -> (x0, y0, x1, y1) or None``: a rectangle (design units)
        outside which the output is exactly zero (transparent, or value 0). The
        renderer skips such points, which makes small placed parts cheap. The
        conformance suite checks the claim.
    bounds_from : str, optional
        The output is zero wherever the named input is zero, so its bounds are that
        input's (colour maps, inks).
    """
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {KINDS}")
    if output not in OUTPUTS:
        raise ValueError(f"output {output!r} is not one of {OUTPUTS}")
    if "." not in op_id or op_id != op_id.lower():
        raise ValueError(f"operator id {op_id!r} must be 'family.name' in lower case")
    if kind == "grid" and grid is None:
        raise ValueError(f"grid operator {op_id} needs grid=")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        first = next(iter(inspect.signature(func).parameters))
        params_cls = func.__annotations__.get(first)
        if isinstance(params_cls, str):  # postponed annotations: resolve just this one
            params_cls = eval(params_cls, func.__globals__)
        if not (isinstance(params_cls, type) and issubclass(params_cls, Params)):
            raise TypeError(f"{op_id}: first argument must be annotated with a Params class")
        params_cls.specs()  # validates the declaration now, not at first use
        if op_id in _REGISTRY and _REGISTRY[op_id].func is not func:
            raise ValueError(f"operator {op_id} is registered twice")
        if not (func.__doc__ or "").strip():
            raise ValueError(f"operator {op_id} needs a docstring naming its reference")
        spec = OperatorSpec(
            id=op_id,
            kind=kind,
            version=version,
            func=func,
            params=params_cls,
            inputs=tuple(inputs),
            output="rgba" if kind == "palette" else output,
            prepare=prepare,
            periods=periods,
            grid=grid,
            tags=tuple(tags),
            resolution_tolerance=resolution_tolerance,
            example_params=dict(example_params or {}),
            bounds=bounds,
            bounds_from=bounds_from,
        )
        if output == "same" and (not spec.inputs or spec.inputs[0].optional):
            raise ValueError(f"{op_id}: output='same' needs a first input that is not optional")
        _REGISTRY[op_id] = spec
        func.spec = spec  # type: ignore[attr-defined]
        return func

    return register


def _ensure_loaded() -> None:
    # Importing the package registers every family; harmless when already imported.
    import foulard.ops  # noqa: F401


def get(op_id: str) -> OperatorSpec:
    """The operator registered as ``op_id``; a clear error listing valid names if none."""
    _ensure_loaded()
    spec = _REGISTRY.get(op_id)
    if spec is not None:
        return spec
    if not isinstance(op_id, str):
        raise UnknownOperatorError(f"operator id must be text, got {type(op_id).__name__}")
    close = difflib.get_close_matches(op_id, list(_REGISTRY), n=3, cutoff=0.6)
    family = op_id.split(".", 1)[0]
    same_family = sorted(k for k in _REGISTRY if k.split(".", 1)[0] == family)
    msg = f"unknown operator {op_id!r}"
    if close:
        msg += f"; did you mean {', '.join(close)}?"
    if same_family:
        msg += f" valid in family {family!r}: {', '.join(same_family)}"
    else:
        msg += f" valid families: {', '.join(families())} (see 'foulard ops list')"
    raise UnknownOperatorError(msg)


def operators(family: str | None = None, kind: str | None = None) -> list[OperatorSpec]:
    """All registered operators, sorted by id, optionally filtered."""
    _ensure_loaded()
    if family is not None and family not in families():
        raise UnknownOperatorError(f"unknown family {family!r}; valid: {', '.join(families())}")
    if kind is not None and kind not in KINDS:
        raise UnknownOperatorError(f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")
    return [
        s
        for _, s in sorted(_REGISTRY.items())
        if (family is None or s.family == family) and (kind is None or s.kind == kind)
    ]


def families() -> list[str]:
    """Family names present in the registry."""
    _ensure_loaded()
    return sorted({s.family for s in _REGISTRY.values()})


def iter_specs() -> Iterator[OperatorSpec]:
    _ensure_loaded()
    yield from (s for _, s in sorted(_REGISTRY.items()))
