"""Tartan and plaid: a thread count (sett) woven in warp and weft, 2/2 twill."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.errors import ParameterError
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator
from foulard.ops.weave._cloth import look_of
from foulard.ops.weave._notation import expand_counts, parse_counts, parse_roles
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave._repeat import MAX_REPEAT, PeriodicCloth, repeat_guard
from foulard.ops.weave.plain import plain_matrix
from foulard.ops.weave.twill import twill_matrix

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["SETTS", "tartan", "tartan_threads"]

WEAVES = {
    "twill_2_2": lambda: twill_matrix(2, 2),
    "plain": plain_matrix,
    "twill_2_1": lambda: twill_matrix(2, 1),
}

# Named setts (data). Letters are colour symbols, mapped to palette roles in order of
# first appearance; "/" marks the pivots of a symmetric sett. Clan-style setts are
# in the manner of the registered ones, not copies of them.
SETTS = {
    "highland": "R/48 B8 K12 Y2 K2 W2 K2 G16 R8 W/2",
    "hunting": "B/24 K4 B4 K4 B4 K20 G24 K4 G/4",
    "dress": "W/40 R4 K12 Y2 K12 R/4",
    "muted": "G/32 K4 G4 K16 B12 R/2",
    "gingham": "W/12 R/12",
    "buffalo_check": "R/32 K/32",
    "windowpane": "W/36 K/3",
    "tattersall": "W/12 R2 W12 G/2",
    "madras": "R12 Y4 G8 W2 B10 R4 O6 K2 Y8 G4",
}
_ASYMMETRIC = {"madras"}


@dataclass(frozen=True)
class TartanParams(Params):
    preset: str = param(
        "highland",
        choices=("custom", *SETTS),
        doc="a named sett, replacing 'sett' and 'symmetric'; custom: use them",
    )
    sett: str = text_param(
        "K4 R24 K24 Y4",
        doc="thread count: colour letters and counts, e.g. 'K4 R24 K24 Y4'; '/' marks pivots",
        max_length=400,
    )
    symmetric: bool = param(
        True, doc="reflect the sett about its ends (pivots) rather than repeat it as written"
    )
    weft_sett: str = text_param(
        "", doc="weft thread count if it differs from the warp's (empty: the same)", max_length=400
    )
    roles: str = text_param(
        "", doc="colour letters to palette roles, e.g. 'K=1 R=2' (others: first appearance)"
    )
    first_role: int = color_role_param(1, "first colour letter not in 'roles'")
    weave: str = param("twill_2_2", choices=tuple(WEAVES), doc="the weave (tartan is 2/2 twill)")
    scale: float = param(1.0, range=(0.25, 8.0), doc="threads woven for each thread of the count")
    threads: float = threads_param(320.0)
    thread_width: float = thread_width_param(0.9)
    relief: float = relief_param(0.35)
    sheen: float = sheen_param(0.0)

    def __post_init__(self) -> None:
        super().__post_init__()
        tartan_threads(self)


def _expand(text: str, symmetric: bool, scale: float, path: str) -> list[str]:
    stripes = parse_counts(text, path)
    if any(pivot for _, _, pivot in stripes):
        symmetric = True
    scaled = [(s, max(1, round(n * scale)), pv) for s, n, pv in stripes]
    seq = expand_counts(scaled, symmetric)
    if len(seq) > MAX_REPEAT:
        raise ParameterError(f"the sett repeat has {len(seq)} threads, at most {MAX_REPEAT}", path)
    return seq


def tartan_threads(p: TartanParams) -> tuple[list[int], list[int]]:
    """Palette roles of each warp end and each weft pick of one repeat of the sett."""
    if p.preset == "custom":
        text, symmetric, weft_text = p.sett, p.symmetric, p.weft_sett or p.sett
    else:
        text = weft_text = SETTS[p.preset]
        symmetric = p.preset not in _ASYMMETRIC
    warp = _expand(text, symmetric, p.scale, "params.sett")
    weft = _expand(weft_text, symmetric, p.scale, "params.weft_sett")
    mapping = parse_roles(p.roles, "params.roles")
    order = []
    for sym in warp + weft:
        if sym not in mapping and sym not in order:
            order.append(sym)
    roles = {**{s: p.first_role + k for k, s in enumerate(order)}, **mapping}
    up = WEAVES[p.weave]()
    repeat_guard("tartan warp", len(warp), up.shape[1])
    repeat_guard("tartan weft", len(weft), up.shape[0])
    return [roles[s] for s in warp], [roles[s] for s in weft]


def _cloth(p: TartanParams, rng: np.random.Generator) -> PeriodicCloth:
    warp, weft = tartan_threads(p)
    return PeriodicCloth(WEAVES[p.weave](), warp, weft, p.threads, look_of(p))


@operator(
    "weave.tartan",
    kind="field",
    version=1,
    prepare=_cloth,
    periods=lambda p: _cloth(p, None).periods(),
    tags=(
        "tartan",
        "plaid",
        "check",
        "madras",
        "buffalo check",
        "windowpane",
        "tattersall",
        "gingham",
        "格子",
        "苏格兰格",
        "格纹",
        "马德拉斯格",
        "水牛格",
        "窗格",
    ),
    example_params={"threads": 300.0},
)
def tartan(p: TartanParams, call: Call) -> np.ndarray:
    """Tartan (plaid): a thread count woven alike in warp and weft, in 2/2 twill.

    The sett is written as in the Scottish Register of Tartans: colour letters with
    thread counts (``K4 R24 K24 Y4``). A symmetric sett is reflected about its first
    and last stripes (the pivots, woven once; a ``/`` marks them), an asymmetric one
    repeats as written. Where stripes cross, the twill mixes warp and weft colours
    thread by thread into the blended tones of a tartan. Letters become palette
    roles in order of first appearance from ``first_role`` (or as ``roles`` maps
    them), so a colourway recolours the tartan. Named setts (``preset``): clan-style
    highland, hunting, dress and muted setts, gingham, buffalo check, windowpane,
    tattersall and madras (asymmetric).

    References
    ----------
    Scottish Register of Tartans, threadcount notation (tartanregister.gov.uk).
    Oelsner 1915, *A Handbook of Weaves*, ch. 3 (2/2 twill).
    """
    return call.state.render(call)
