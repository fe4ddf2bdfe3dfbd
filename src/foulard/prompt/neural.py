"""Prompts that ask for foulard's own model: a ground drawn by the model, the rest composed.

A prompt asks for the model with a word of the vocabulary group ``group:neural``
("AI", "neural", "model", "generated", "AIGC"; 模型, 生成, 智能, 人工智能 ...; both
languages are one id), or by naming ``learned.neural_prompt`` ("neural prompt"). Its
designs have a ``learned.neural_prompt`` ground conditioned on the prompt's colour
and motif words that the model was trained on; border, medallion, corners and field
are composed as for any prompt. The words the model does not know are reported (the
batch's notes and each explanation) and never guessed. (A prompt naming another of
the model's operators, "neural blend", gets it as its pattern, like any pattern.)

The node gets the prompt's own terms, comma-separated, and conditions on them as
``foulard model sample`` does (:meth:`foulard.model.infer.Model.condition`), so the
explanation says exactly what the node does. A prompt that refuses a colour gets the
sample in the palette's colours (its lightness through the palette): the model
cannot honour a refusal, the palette does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from foulard.genome.schema import Node
from foulard.prompt.intent import Element, Intent

__all__ = [
    "MODEL_OP",
    "ModelAsk",
    "asks_for_model",
    "ground_node",
    "model_ask",
    "model_note",
    "model_sentence",
]

MODEL_OP = "learned.neural_prompt"
MAX_WORDS_CHARS = 200  # the node's ``words`` parameter holds at most this much
REPEATS = (3, 7)  # the sample repeats 3-6 times across the scarf (drawn per design)


def asks_for_model(el: Element) -> bool:
    """Whether an element of a prompt asks for the model itself ("AI", 模型)."""
    return el.ops == (MODEL_OP,)


@dataclass(frozen=True)
class ModelAsk:
    """What a prompt's designs ask of the model: the words handed to the node, the
    colouring, the concepts the words set (``(term, concept id)``) and the colour
    and motif words the model was not trained on."""

    words: str
    colouring: str
    used: tuple[tuple[str, str], ...]
    unknown: tuple[str, ...]

    def recipe_json(self) -> dict[str, Any]:
        """What a recipe carries (the node is made from it)."""
        return {"words": self.words, "colouring": self.colouring}


def _colour_or_motif(el: Element) -> bool:
    """A colour or motif word: one the model is expected to know (reported if not)."""
    from foulard.prompt.plan import role_of

    if el.kind == "colour":
        return True
    return el.kind in ("operator", "group") and {role_of(op) for op in el.ops} <= {
        "motif",
        "pattern",
    }


def model_ask(intent: Intent) -> ModelAsk:
    """The model's part in a prompt's designs (loads the weights: a missing or corrupt
    file raises :class:`~foulard.model.infer.ModelWeightsError`).

    Every wanted word the model was trained on conditions it (colours, motifs, and the
    few styles and moods it has a slot for); a colour or motif word it was not trained
    on is reported; other words (layouts, formats, scales) are the composer's.
    """
    from foulard.model.infer import load_model

    model = load_model()
    terms: list[str] = []
    unknown: list[str] = []
    for el in intent.wanted:
        if asks_for_model(el) or el.term in terms or el.term in unknown:
            continue
        if not model.concepts_of(el):
            if _colour_or_motif(el):
                unknown.append(el.term)
        elif len(", ".join([*terms, el.term])) <= MAX_WORDS_CHARS:
            terms.append(el.term)
        else:
            unknown.append(el.term)
    words = ", ".join(terms)
    cond = model.condition(words)
    refused_colour = any(el.kind == "colour" for el in intent.negated)
    return ModelAsk(words, "palette" if refused_colour else "model", cond.used, tuple(unknown))


def ground_node(spec: dict[str, Any] | None, rng: np.random.Generator) -> Node:
    """The ground of a recipe whose ground is ``neural``: a conditioned model sample
    (no words: the model's unconditional prior, still ``learned.neural_prompt``)."""
    spec = spec or {}
    return Node.make(
        MODEL_OP,
        words=str(spec.get("words", "")),
        colouring=str(spec.get("colouring", "model")),
        repeats=int(rng.integers(*REPEATS)),
    )


def _quoted(terms, lang: str) -> str:
    if lang == "zh":
        return "、".join(f"“{t}”" for t in terms)
    return ", ".join(f"'{t}'" for t in terms)


def model_sentence(spec: dict[str, Any] | None, lang: str, unknown=()) -> str:
    """What the explanation says of a model ground, in ``lang``."""
    spec = spec or {}
    terms = [t.strip() for t in str(spec.get("words", "")).split(",") if t.strip()]
    palette = spec.get("colouring") == "palette"
    if lang == "zh":
        s = "底纹：foulard 自有模型生成的无缝纹理"
        s += f"，依据{_quoted(terms, lang)}" if terms else "，未指定条件（模型的无条件先验）"
        if palette:
            s += "，按配色着色"
        s += "。"
        if unknown:
            s += f"模型未学过{_quoted(unknown, lang)}，已忽略。"
        return s
    s = "Ground: a seamless texture from foulard's own model"
    s += f", conditioned on {_quoted(terms, lang)}" if terms else ", with no condition (its prior)"
    if palette:
        s += ", in the palette's colours"
    s += "."
    if unknown:
        s += f" The model was not trained on {_quoted(unknown, lang)}: ignored."
    return s


def model_note(ask: ModelAsk, lang: str) -> str:
    """The batch's note on the model: what conditions it, what it does not know."""
    used = ", ".join(f"{t} -> {c}" for t, c in ask.used)
    if lang == "zh":
        s = f"模型底纹的条件：{used}" if used else "模型底纹：提示中没有模型学过的颜色或纹样词"
        if ask.unknown:
            s += f"；模型未学过 {'、'.join(ask.unknown)}（已忽略）"
        if ask.colouring == "palette":
            s += "；提示拒绝了某种颜色，模型纹理按配色着色"
        return s
    s = (
        f"the model's ground is conditioned on {used}"
        if used
        else ("the model's ground has no condition: the prompt names no colour or motif it knows")
    )
    if ask.unknown:
        s += f"; the model was not trained on {', '.join(ask.unknown)} (ignored)"
    if ask.colouring == "palette":
        s += "; a colour is refused, so the model's texture takes the palette's colours"
    return s
