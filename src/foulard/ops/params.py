"""Typed, frozen parameter classes for operators.

A parameter class is a frozen dataclass deriving from :class:`Params`. Each field is
declared with :func:`param`, :func:`color_param` or :func:`colors_param`, which carry
the metadata the CLI, the docs gallery, the prompt lexicon and the validators read:
type, range or choices, unit and a one-line doc.

Values are validated when an instance is built. Nothing is clamped or dropped: an
unknown name, a wrong type or an out-of-range value raises
:class:`~foulard.errors.ParameterError` naming the field and what is valid.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Stripes(Params):
...     count: int = param(8, range=(1, 64), doc="stripes across the unit square")
...     width: float = param(0.5, range=(0.0, 1.0), doc="ink share of each period")
>>> Stripes(count=12).count
12
>>> Stripes.from_json({"count": 99})
Traceback (most recent call last):
...
foulard.errors.ParameterError: params.count: expected an integer in [1, 64], got 99
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from foulard.errors import ParameterError

__all__ = ["ParamSpec", "Params", "color_param", "colors_param", "param", "text_param"]

_META_KEY = "foulard"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class ParamSpec:
    """Metadata of one parameter field."""

    name: str
    type: str  # "float" | "int" | "bool" | "choice" | "text" | "color" | "colors"
    default: Any
    doc: str
    range: tuple[float, float] | None = None
    choices: tuple[str, ...] | None = None
    unit: str | None = None
    length: tuple[int, int] | None = None  # for "colors" and "text"
    # Added after designs were issued, with the default that renders as before: left
    # out of the canonical form at that default, so those designs keep their ids.
    added_later: bool = False

    def describe(self) -> str:
        """What values are valid, in words (used in error messages and ``ops show``)."""
        if self.type == "float":
            return f"a number in [{_fmt(self.range[0])}, {_fmt(self.range[1])}]"
        if self.type == "int":
            return f"an integer in [{self.range[0]}, {self.range[1]}]"
        if self.type == "bool":
            return "true or false"
        if self.type == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.type == "color":
            return "a colour '#rrggbb'"
        if self.type == "colors":
            lo, hi = self.length
            return f"a list of {lo} to {hi} colours '#rrggbb'"
        return f"a text of at most {self.length[1]} characters"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "default": self.default}
        out["doc"] = self.doc
        if self.range is not None:
            out["range"] = list(self.range)
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.unit is not None:
            out["unit"] = self.unit
        if self.length is not None:
            out["length"] = list(self.length)
        return out


def _fmt(v: float) -> str:
    return repr(float(v)).removesuffix(".0") if float(v).is_integer() else repr(float(v))


def param(
    default: Any,
    *,
    doc: str,
    range: tuple[float, float] | None = None,
    choices: tuple[str, ...] | list[str] | None = None,
    unit: str | None = None,
    added_later: bool = False,
) -> Any:
    """Declare a number, boolean or choice parameter.

    The type follows the default: ``bool``, ``int`` (needs ``range``), ``float``
    (needs ``range``) or ``str`` (needs ``choices``). ``added_later``: a parameter
    added to an operator after designs were issued, whose default renders as before;
    it is left out of the canonical form at its default, so those designs keep their
    ids.
    """
    if isinstance(default, bool):
        kind = "bool"
    elif isinstance(default, int):
        kind = "int"
    elif isinstance(default, float):
        kind = "float"
    elif isinstance(default, str):
        kind = "choice"
    else:
        raise TypeError(f"param default {default!r} must be a bool, int, float or str")
    if kind in ("int", "float") and range is None:
        raise TypeError("numeric params need a range")
    if kind == "choice":
        if not choices or default not in choices:
            raise TypeError("choice params need choices that include the default")
        choices = tuple(choices)
    meta = {"type": kind, "doc": doc, "range": range, "choices": choices, "unit": unit}
    meta["added_later"] = added_later
    return field(default=default, metadata={_META_KEY: meta})


def text_param(default: str, *, doc: str, max_length: int = 200) -> Any:
    """Declare a free text parameter (a title, a signature)."""
    meta = {"type": "text", "doc": doc, "length": (0, max_length)}
    return field(default=default, metadata={_META_KEY: meta})


def color_param(default: str, *, doc: str) -> Any:
    """Declare one sRGB colour, written ``'#rrggbb'``."""
    if not _HEX.match(default):
        raise TypeError(f"colour default {default!r} is not '#rrggbb'")
    return field(default=default.lower(), metadata={_META_KEY: {"type": "color", "doc": doc}})


def colors_param(default: tuple[str, ...], *, doc: str, length: tuple[int, int] = (1, 48)) -> Any:
    """Declare a list of sRGB colours (a palette), each ``'#rrggbb'``."""
    default = tuple(c.lower() for c in default)
    meta = {"type": "colors", "doc": doc, "length": length}
    return field(default=default, metadata={_META_KEY: meta})


class Params:
    """Base class of operator parameter classes (use with ``@dataclass(frozen=True)``)."""

    _specs_cache: ClassVar[dict[type, tuple[ParamSpec, ...]]] = {}

    def __post_init__(self) -> None:
        for spec in type(self).specs():
            value = getattr(self, spec.name)
            object.__setattr__(self, spec.name, coerce(spec, value, f"params.{spec.name}"))

    @classmethod
    def specs(cls) -> tuple[ParamSpec, ...]:
        """The :class:`ParamSpec` of every field, in declaration order."""
        cached = Params._specs_cache.get(cls)
        if cached is not None:
            return cached
        if not dataclasses.is_dataclass(cls) or not cls.__dataclass_params__.frozen:
            raise TypeError(f"{cls.__name__} must be a @dataclass(frozen=True)")
        out = []
        for f in dataclasses.fields(cls):
            meta = f.metadata.get(_META_KEY)
            if meta is None:
                raise TypeError(f"{cls.__name__}.{f.name} must be declared with param()")
            out.append(ParamSpec(name=f.name, default=f.default, **meta))
        Params._specs_cache[cls] = result = tuple(out)
        return result

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None, path: str = "params") -> Params:
        """Build from a JSON object; missing fields take their defaults."""
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise ParameterError(f"expected an object, got {_kind(data)}", path)
        names = {s.name for s in cls.specs()}
        for key in data:
            if key not in names:
                valid = ", ".join(sorted(names)) or "(none)"
                raise ParameterError(f"unknown parameter {key!r}; valid: {valid}", path)
        values = {}
        for spec in cls.specs():
            if spec.name in data:
                values[spec.name] = coerce(spec, data[spec.name], f"{path}.{spec.name}")
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """Every field, defaults included (the canonical form keeps them explicit),
        except a parameter ``added_later`` at its default."""
        out = {}
        for spec in self.specs():
            value = getattr(self, spec.name)
            if spec.added_later and value == spec.default:
                continue
            out[spec.name] = list(value) if isinstance(value, tuple) else value
        return out

    def replace(self, **changes: Any) -> Params:
        """A copy with some fields changed (validated)."""
        return dataclasses.replace(self, **changes)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {value!r}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"text {value!r}"[:60]
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def coerce(spec: ParamSpec, value: Any, path: str) -> Any:
    """Check ``value`` against ``spec``; return it in canonical Python form."""

    original = value

    def fail() -> ParameterError:
        got = _kind(original)
        if isinstance(original, (int, float)) and not isinstance(original, bool):
            got = repr(original)
        return ParameterError(f"expected {spec.describe()}, got {got}", path)

    t = spec.type
    if t == "bool":
        if not isinstance(value, bool):
            raise fail()
        return value
    if t in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail()
        if isinstance(value, float) and not math.isfinite(value):
            raise fail()
        if t == "int":
            if isinstance(value, float):
                if not value.is_integer():
                    raise fail()
                value = int(value)
        else:
            value = float(value) + 0.0  # also turns -0.0 into 0.0
        lo, hi = spec.range
        if not lo <= value <= hi:
            raise fail()
        return value
    if t == "choice":
        if value not in spec.choices:
            raise fail()
        return value
    if t == "text":
        if not isinstance(value, str) or len(value) > spec.length[1]:
            raise fail()
        return value
    if t == "color":
        if not isinstance(value, str) or not _HEX.match(value):
            raise fail()
        return value.lower()
    if t == "colors":
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise fail()
        lo, hi = spec.length
        if not lo <= len(value) <= hi:
            raise fail()
        for i, c in enumerate(value):
            if not isinstance(c, str) or not _HEX.match(c):
                raise ParameterError(f"expected a colour '#rrggbb', got {_kind(c)}", f"{path}[{i}]")
        return tuple(c.lower() for c in value)
    raise AssertionError(f"unknown param type {t}")
