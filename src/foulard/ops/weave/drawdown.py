"""A loom draft woven out: threading x tie-up x treadling gives the drawdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator
from foulard.ops.weave._cloth import look_of
from foulard.ops.weave._notation import parse_numbers, parse_tieup
from foulard.ops.weave._params import relief_param, sheen_param, thread_width_param, threads_param
from foulard.ops.weave._repeat import PeriodicCloth, repeat_guard

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["DRAFTS", "Draft", "drawdown", "drawdown_matrix"]

MAX_SHAFTS = 16


@dataclass(frozen=True)
class Draft:
    """A draft as weavers write it (shafts and treadles counted from 1)."""

    threading: str
    tieup: str
    treadling: str
    warp_colors: str = "1"
    weft_colors: str = "0"


# Named drafts (data, not operators): four-shaft classics.
DRAFTS = {
    "rosepath": Draft("1 2 3 4 1 4 3 2", "12/23/34/41", "1 2 3 4 1 4 3 2", "1", "0"),
    "monks_belt": Draft(
        "1 2 1 2 1 2 1 2 3 4 3 4 3 4 3 4 3 4 3 4 1 2 1 2",
        "12/34/13/24",
        "2 3 2 4 2 3 2 4 2 3 2 4 1 3 1 4 1 3 1 4 1 3 1 4 1 3 1 4",
        "0",
        "2 0",
    ),
    "broken_twill": Draft("1 2 4 3", "12/23/34/41", "1 2 4 3", "1", "0"),
    "dornik": Draft("1 2 3 4 1 2 3 4 3 2 1 4 3 2 1 4", "12/23/34/41", "1 2 3 4", "1", "0"),
    "birds_eye": Draft("1 2 3 4 3 2", "12/23/34/41", "1 2 3 4 3 2", "2", "0"),
}


@dataclass(frozen=True)
class DrawdownParams(Params):
    preset: str = param(
        "custom",
        choices=("custom", *DRAFTS),
        doc="a named draft, replacing the five draft texts; custom: use the texts",
    )
    threading: str = text_param(
        "1 2 3 4 3 2 1 2 3 4 3 2 1 4", doc="shaft of each end (numbers; '1234' for 1 2 3 4)"
    )
    tieup: str = text_param(
        "12/23/34/41", doc="shafts each treadle raises, treadles separated by '/'"
    )
    treadling: str = text_param("1 2 3 4 3 2", doc="treadle of each pick (numbers)")
    warp_colors: str = text_param(
        "1 1 1 1 1 1 1 1 1 1 1 1 2 2", doc="palette role of each end (repeats)"
    )
    weft_colors: str = text_param("0", doc="palette role of each pick (repeats)")
    threads: float = threads_param(128.0)
    thread_width: float = thread_width_param()
    relief: float = relief_param()
    sheen: float = sheen_param()

    def draft(self) -> Draft:
        if self.preset != "custom":
            return DRAFTS[self.preset]
        return Draft(self.threading, self.tieup, self.treadling, self.warp_colors, self.weft_colors)

    def __post_init__(self) -> None:
        super().__post_init__()
        _parse(self)


def _parse(p: DrawdownParams):
    d = p.draft()
    threading = parse_numbers(d.threading, "params.threading", 1, MAX_SHAFTS)
    tieup = parse_tieup(d.tieup, "params.tieup", MAX_SHAFTS)
    treadling = parse_numbers(d.treadling, "params.treadling", 1, len(tieup))
    warp = parse_numbers(d.warp_colors, "params.warp_colors", 0, 47, max_count=256)
    weft = parse_numbers(d.weft_colors, "params.weft_colors", 0, 47, max_count=256)
    repeat_guard("drawdown ends", len(threading), len(warp))
    repeat_guard("drawdown picks", len(treadling), len(weft))
    return threading, tieup, treadling, warp, weft


def drawdown_matrix(threading, tieup, treadling) -> np.ndarray:
    """Interlacement ``up[j, i]``: end i rises on pick j when the treadle of pick j
    raises the shaft end i is threaded on (a rising-shed loom).

    >>> drawdown_matrix([1, 2], [{1}, {2}], [1, 2]).astype(int).tolist()
    [[1, 0], [0, 1]]
    """
    shafts = np.array(threading)
    lifts = np.zeros((len(tieup), MAX_SHAFTS + 1), bool)
    for k, raised in enumerate(tieup):
        lifts[k, list(raised)] = True
    return lifts[np.array(treadling)[:, None] - 1, shafts[None, :]]


def _cloth(p: DrawdownParams, rng: np.random.Generator) -> PeriodicCloth:
    threading, tieup, treadling, warp, weft = _parse(p)
    up = drawdown_matrix(threading, tieup, treadling)
    return PeriodicCloth(up, warp, weft, p.threads, look_of(p))


def _periods(p: DrawdownParams) -> list[tuple[float, float]]:
    return _cloth(p, None).periods()


@operator(
    "weave.drawdown",
    kind="field",
    version=1,
    prepare=_cloth,
    periods=_periods,
    tags=(
        "weave draft",
        "drawdown",
        "overshot",
        "rosepath",
        "monk's belt",
        "handweaving",
        "loom",
        "织物组织图",
        "穿综",
        "纹板",
        "提综",
        "手织",
    ),
)
def drawdown(p: DrawdownParams, call: Call) -> np.ndarray:
    """Weave draft drawdown: threading x tie-up x treadling, with warp and weft colours.

    The general shaft loom. Each end is threaded on a shaft; each treadle raises
    some shafts (the tie-up); each pick is woven with one treadle. End i is up on
    pick j when pick j's treadle raises end i's shaft, so any draft written in the
    usual notation (overshot, rosepath, monk's belt, summer and winter, twills) is
    woven out, coloured by the warp and weft colour orders (palette roles). A
    liftplan is the tie-up with one treadle per pick. Named drafts (``preset``):
    rosepath, monk's belt (overshot with tabby), broken twill, dornik, bird's-eye.

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, introduction (drafting); the WIF (Weaving
    Information File) 1.1 specification, sections THREADING, TIEUP, TREADLING.
    """
    return call.state.render(call)
