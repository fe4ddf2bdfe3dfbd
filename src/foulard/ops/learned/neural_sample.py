"""A sample of foulard's own generative model, drawn from its unconditional prior."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.model.field import NeuralState
    from foulard.render.evaluate import Call

NEURAL_TAGS = ("ai", "neural", "model", "generative", "seamless", "texture", "生成", "人工智能")


def model_param(default: str | None = None):
    """The ``model`` parameter of every ``learned.neural_*`` operator: which shipped
    weights draw the sample (``default``: the latest that draws). Nodes saved before it
    existed (operator version 1) load as ``"v1"``, so a design keeps its look when a
    newer model ships."""
    from foulard.model.infer import LATEST, MODELS

    return param(
        default or LATEST,
        choices=tuple(MODELS),
        doc="the shipped model that draws it (v7: quilted latent maps, drawn motifs; v6: "
        "a latent map, the closest fits; v5, v4, v3: motif grids; v2, v1: Fourier decoders)",
    )


def pin_first_model(op_id: str) -> None:
    """Register the migration of ``op_id``'s version-1 nodes: they name model ``v1``."""
    from foulard.genome.migrations import operator_migration

    @operator_migration(op_id, 1)
    def _to_v2(node: dict) -> dict:
        return {**node, "params": {**(node.get("params") or {}), "model": "v1"}}


@dataclass(frozen=True)
class NeuralSampleParams(Params):
    repeats: int = param(4, range=(1, 64), doc="times the sample repeats across the design")
    temperature: float = param(
        0.8, range=(0.0, 1.5), doc="spread of the latent draw (0: the prior's mean)"
    )
    colouring: str = param(
        "model",
        choices=("model", "palette"),
        doc="'model': the sample's own colours; 'palette': its lightness through the palette",
    )
    model: str = model_param()


def _prepare(p: NeuralSampleParams, rng: np.random.Generator) -> NeuralState:
    from foulard.model.field import NeuralState
    from foulard.model.infer import load_model

    model = load_model(model=p.model)
    c = np.zeros(len(model.concepts), np.float32)
    d = model.draw(c, rng, p.temperature)
    return NeuralState(model, d.z, c, colours=d.colours)


@operator(
    "learned.neural_sample",
    kind="field",
    version=2,
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=NEURAL_TAGS,
    example_params={"repeats": 3},
)
def neural_sample(p: NeuralSampleParams, call: Call) -> np.ndarray:
    """Neural sample: a seamless texture drawn from foulard's own generative model.

    The model (trained by foulard on its archive and on its own operator library,
    weights shipped with it, evaluated in NumPy) is a coordinate network: colour =
    f(x, y; z, c) over periodic Fourier features with integer frequencies, so the
    sample tiles with no seam at all and is evaluated at any resolution (each
    frequency is pre-filtered by the pixel footprint). ``z`` is drawn once from the
    learned prior with no words; it repeats ``repeats`` times across the design.

    References
    ----------
    Kingma & Welling 2014, "Auto-encoding variational Bayes", ICLR; Tancik et al.
    2020, "Fourier features let networks learn high frequency functions in low
    dimensional domains", NeurIPS; Perez et al. 2018, "FiLM", AAAI.
    """
    from foulard.model.field import evaluate

    return evaluate(call.state, call, p.repeats, p.colouring)


pin_first_model("learned.neural_sample")
