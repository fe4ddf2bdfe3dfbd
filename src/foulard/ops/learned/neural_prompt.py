"""A sample of foulard's own generative model conditioned on words (zh or en)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.learned.neural_sample import NEURAL_TAGS, model_param, pin_first_model
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.model.field import NeuralState
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class NeuralPromptParams(Params):
    words: str = text_param(
        "blue flowers", doc="what to draw, in Chinese or English (unknown words are ignored)"
    )
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


def _prepare(p: NeuralPromptParams, rng: np.random.Generator) -> NeuralState:
    from foulard.model.field import NeuralState
    from foulard.model.infer import load_model

    model = load_model(model=p.model)
    cond = model.condition(p.words)
    d = model.draw(cond.c, rng, p.temperature)
    return NeuralState(model, d.z, cond.c, info=cond.to_json(), colours=d.colours)


@operator(
    "learned.neural_prompt",
    kind="field",
    version=2,
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(*NEURAL_TAGS, "prompt", "text", "文字"),
    example_params={"repeats": 3, "words": "blue and white flowers"},
)
def neural_prompt(p: NeuralPromptParams, call: Call) -> np.ndarray:
    """Neural prompt: a seamless texture of foulard's own model, conditioned on words.

    The words are parsed by the prompt parser (Chinese and English map to the same
    vocabulary ids); those the model was trained on (basic colours, motif groups,
    operators) set its condition ``c``, the others are ignored and reported by
    ``foulard model sample`` (never guessed). ``z`` is drawn once from the learned
    conditional prior ``p(z | c)``; the sample is exactly periodic and evaluated at
    any resolution, like ``learned.neural_sample``.

    References
    ----------
    Sohn, Lee & Yan 2015, "Learning structured output representation using deep
    conditional generative models", NeurIPS; Perez et al. 2018, "FiLM", AAAI;
    Tancik et al. 2020, "Fourier features", NeurIPS.
    """
    from foulard.model.field import evaluate

    return evaluate(call.state, call, p.repeats, p.colouring)


pin_first_model("learned.neural_prompt")
