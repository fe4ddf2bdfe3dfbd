"""Hatching: tone drawn as layers of parallel lines that cross as it darkens."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import darkness, ink_rgba

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["ANGLES", "hatching", "layer_weights"]

ANGLES = (45.0, -45.0, 0.0, 90.0)  # the order the layers come in (angle offsets)


@dataclass(frozen=True)
class HatchingParams(Params):
    pitch: float = param(
        0.008, range=(0.002, 0.05), doc="distance between hatching lines", unit="design units"
    )
    layers: int = param(3, range=(1, 4), doc="directions of hatching the darkest tone reaches")
    weight: float = param(
        0.4, range=(0.05, 0.9), doc="width of a fully grown line as a share of the pitch"
    )
    angle: float = param(0.0, range=(-90.0, 90.0), doc="turn of all layers", unit="degrees")
    ink: int = param(1, range=(0, 47), doc="palette role of the lines")
    ground: int = param(0, range=(0, 47), doc="palette role of the paper or cloth")
    invert: bool = param(False, doc="hatch the light parts instead of the dark")


def layer_weights(d: np.ndarray, layers: int) -> np.ndarray:
    """How grown each layer's lines are (0 to 1) at tone ``d``: layer ``k`` grows over
    the ``k``-th of ``layers`` equal bands of tone, so each darker tone adds lines and
    no line ever thins as the tone darkens (a tonal art map's nesting).

    >>> layer_weights(np.array([0.0, 0.5, 1.0]), 2).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    """
    k = np.arange(layers)
    return np.clip(np.asarray(d, np.float64)[..., None] * layers - k, 0.0, 1.0)


@operator(
    "transform.hatching",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to hatch", "motifs.peony"),),
    output="rgba",
    tags=(
        "hatching",
        "cross-hatching",
        "pen and ink",
        "etching",
        "drawing",
        "排线",
        "交叉排线",
        "素描",
    ),
)
def hatching(p: HatchingParams, call: Call) -> np.ndarray:
    """Hatching: tone built up from layers of lines at 45, -45, 0 and 90 degrees.

    The tone (a value as it is; a colour's darkness between the ground and the ink)
    is split into ``layers`` equal bands; over the ``k``-th band the ``k``-th layer's
    lines grow from nothing to ``weight`` of the pitch, so light tones get sparse
    single hatching and dark ones dense cross-hatching, and a darker tone only ever
    adds ink (the nesting of Praun et al.'s tonal art maps). Lines are read from the
    source at each point (averaged over a pitch), anti-aliased from the footprint,
    and fade to their mean ink where a pixel spans several lines.

    References
    ----------
    Praun, Hoppe, Webb & Finkelstein 2001, "Real-time hatching", SIGGRAPH;
    Winkenbach & Salesin 1994, "Computer-generated pen-and-ink illustration", SIGGRAPH.
    """
    ground = call.palette.role(p.ground)
    ink = call.palette.role(p.ink)
    d = darkness(call.input("source", None, None, p.pitch), ground, p.invert, ink)
    w = layer_weights(d, p.layers) * p.weight  # line width in pitches, per layer
    fp = max(call.footprint, 1e-12)
    fade = float(np.clip((fp / p.pitch - 0.3) / 0.4, 0.0, 1.0))
    paper = np.ones(d.shape)
    for k in range(p.layers):
        t = math.radians(ANGLES[k] + p.angle)
        s = (-math.sin(t) * call.x + math.cos(t) * call.y) / p.pitch
        off = np.abs(s - np.rint(s))
        c = np.clip(0.5 + (0.5 * w[..., k] - off) * p.pitch / fp, 0.0, 1.0)
        c = np.where(w[..., k] > 0.0, c, 0.0)
        if fade > 0.0:
            c = (1.0 - fade) * c + fade * w[..., k]
        paper *= 1.0 - c
    return ink_rgba(1.0 - paper, ground, ink)
