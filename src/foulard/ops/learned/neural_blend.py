"""Between two samples of foulard's own generative model: latent interpolation."""

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
class NeuralBlendParams(Params):
    words_a: str = text_param("red", doc="words of the first sample (empty: no words)")
    words_b: str = text_param("green waves", doc="words of the second sample (empty: no words)")
    mix: float = param(0.5, range=(0.0, 1.0), doc="0: the first sample, 1: the second")
    repeats: int = param(4, range=(1, 64), doc="times the sample repeats across the design")
    temperature: float = param(0.8, range=(0.0, 1.5), doc="spread of both latent draws")
    colouring: str = param(
        "model",
        choices=("model", "palette"),
        doc="'model': the sample's own colours; 'palette': its lightness through the palette",
    )
    model: str = model_param()


def _prepare(p: NeuralBlendParams, rng: np.random.Generator) -> NeuralState:
    from foulard.model.colour_transfer import ColourBlend, rebased
    from foulard.model.field import NeuralState, slerp
    from foulard.model.infer import load_model

    model = load_model(model=p.model)
    ca, cb = model.condition(p.words_a), model.condition(p.words_b)
    da = model.draw(ca.c, rng, p.temperature)
    db = model.draw(cb.c, rng, p.temperature)
    z = slerp(da.z, db.z, p.mix)
    c = ((1.0 - p.mix) * ca.c + p.mix * cb.c).astype(np.float32)
    colours = None
    if da.colours is not None and db.colours is not None:
        # the blend's own colours, taken to each sample's inks, mixed as the latents are
        small = model.render_tile(z, c, model.train_side)
        colours = ColourBlend(rebased(da.colours, small), rebased(db.colours, small), p.mix)
    info = {"a": ca.to_json(), "b": cb.to_json()}
    return NeuralState(model, z, c, info=info, colours=colours)


@operator(
    "learned.neural_blend",
    kind="field",
    version=2,
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(*NEURAL_TAGS, "blend", "interpolate", "morph", "混合"),
    example_params={"repeats": 3},
)
def neural_blend(p: NeuralBlendParams, call: Call) -> np.ndarray:
    """Neural blend: a texture between two samples of foulard's own model.

    Two latents are drawn (one from ``p(z | words_a)``, one from ``p(z |
    words_b)``, in that order from the node's generator) and interpolated
    spherically; the conditions are mixed linearly. ``mix`` moves continuously
    from the first sample to the second, so a sweep of ``mix`` is a smooth morph
    between two designs. Seamless and resolution-independent like
    ``learned.neural_sample``.

    References
    ----------
    White 2016, "Sampling generative networks", arXiv:1609.04468 (spherical
    interpolation of latents); Kingma & Welling 2014, "Auto-encoding variational
    Bayes", ICLR.
    """
    from foulard.model.field import evaluate

    return evaluate(call.state, call, p.repeats, p.colouring)


pin_first_model("learned.neural_blend")
