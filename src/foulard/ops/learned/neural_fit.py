"""A picture from the library fitted by foulard's own model: a scan as a neural field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.genome.migrations import operator_migration
from foulard.library.store import SAMPLE_BROCADE, check_pattern_param
from foulard.model.infer import FIT_MODEL
from foulard.ops.color.palette import PaletteParams
from foulard.ops.learned.neural_sample import NEURAL_TAGS, model_param, pin_first_model
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.model.field import NeuralState
    from foulard.render.evaluate import Call

FIT_SIDE = 32  # px of the comparison during the random search


@dataclass(frozen=True)
class NeuralFitParams(Params):
    pattern: str = text_param(
        SAMPLE_BROCADE, doc="library id (SHA-256) of the picture to fit (a scan)", max_length=64
    )
    refine: int = param(24, range=(0, 200), doc="random-search steps refining the encoder's latent")
    repeats: int = param(4, range=(1, 64), doc="times the fitted tile repeats across the design")
    colouring: str = param(
        "model",
        choices=("model", "palette"),
        doc="'model': the fitted colours; 'palette': their lightness through the palette",
    )
    model: str = model_param(FIT_MODEL)

    def __post_init__(self) -> None:
        super().__post_init__()
        check_pattern_param(self.pattern)


def fit_latent(model, tile: np.ndarray, rng: np.random.Generator, refine: int):
    """Latent and condition fitted to a 64 px periodic tile: the encoder's mean, then
    a (1+1) random search (step halved after each failure streak) on 32 px error."""
    from foulard.model.concepts import colour_words
    from foulard.perceptual import area_resize

    known = [w for w in colour_words(tile) if w in model.index]
    c = model.condition_ids(known)
    z, logvar = model.encode(tile)
    target = area_resize(np.asarray(tile, np.float64), FIT_SIDE).astype(np.float32)

    def err(zz: np.ndarray) -> float:
        return float(np.mean((model.render_tile(zz, c, FIT_SIDE) - target) ** 2))

    best = err(z)
    step = np.exp(0.5 * logvar).astype(np.float32) + 0.05
    fails = 0
    for _ in range(refine):
        cand = (z + step * rng.standard_normal(z.shape)).astype(np.float32)
        e = err(cand)
        if e < best:
            z, best, fails = cand, e, 0
        else:
            fails += 1
            if fails >= 4:
                step *= 0.5
                fails = 0
    return z.astype(np.float32), c, best


def _prepare(p: NeuralFitParams, rng: np.random.Generator) -> NeuralState:
    from foulard.library.patterns import pattern_picture, require_id
    from foulard.model.dataset import SIDE, periodic_tile
    from foulard.model.field import NeuralState
    from foulard.model.infer import load_model

    model = load_model(model=p.model)
    picture = pattern_picture(require_id(p.pattern, "learned.neural_fit"), 4 * SIDE)
    h, w = picture.shape[:2]
    s = min(h, w)
    square = picture[(h - s) // 2 : (h - s) // 2 + s, (w - s) // 2 : (w - s) // 2 + s]
    tile = periodic_tile(square, SIDE).astype(np.float32)
    z, c, e, colours = fit_tile(model, tile, rng, p.refine)
    return NeuralState(model, z, c, info={"mse_32px": e}, colours=colours)


def fit_tile(model, tile: np.ndarray, rng: np.random.Generator, refine: int):
    """:func:`fit_latent` and, for a model with inks (a mixture prior), the map that
    gives the fit the picture's own inks (``None``: the decoder's colours, as v6's:
    through the picture's inks its fits of data v4's 76 held-out archive tiles came
    closer, 0.0053 against 0.0064 mean squared error, but a scan of red dots drifted
    16/255 in its mean green)."""
    from foulard.model.colour_transfer import colour_table

    z, c, e = fit_latent(model, tile, rng, refine)
    colours = None
    if model.mixture is not None:  # models with inks (v1 has none)
        colours = model.colour_map(z, c, *colour_table(tile))
    return z, c, e, colours


@operator(
    "learned.neural_fit",
    kind="field",
    version=3,
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(*NEURAL_TAGS, "fit", "scan", "example", "扫描"),
    example_params={"repeats": 3},
)
def neural_fit(p: NeuralFitParams, call: Call) -> np.ndarray:
    """Neural fit: a library picture turned into a seamless neural field.

    The picture's centre square is made periodic (periodic-plus-smooth
    decomposition) and reduced to 64 px; the model's encoder (run in NumPy) gives
    its latent ``z``, which a short random search from the node's generator then
    refines against the picture; its colours set the condition. The result is an
    editable, infinitely scalable field: a scanned fabric becomes a latent that
    can be blended, re-sampled near by, or rendered at any size with no seam.
    The default model (v6) keeps a 16 x 16 map of the tile, so the picture's
    drawing survives at 4 px a cell (the grid models v3-v5 keep its colour and
    coarse structure only); detail finer than a cell, a 2 px line, is softened.

    References
    ----------
    Kingma & Welling 2014, "Auto-encoding variational Bayes", ICLR; Moisan 2011,
    "Periodic plus smooth image decomposition", J. Math. Imaging Vis. 39(2);
    Rechenberg 1973, *Evolutionsstrategie* ((1+1) random search).
    """
    from foulard.model.field import evaluate

    return evaluate(call.state, call, p.repeats, p.colouring)


pin_first_model("learned.neural_fit")


@operator_migration("learned.neural_fit", 2)
def _keep_v5(node: dict) -> dict:
    """Version 2's default model was v5; a node that left it out keeps it."""
    params = node.get("params") or {}
    return {**node, "params": {"model": "v5", **params}}


def fit_genome(
    pattern_id: str, *, title: str = "", colours=(), repeats: int = 4, model: str = FIT_MODEL
):
    """A design that is a library picture fitted by the model (the studio's and the
    CLI's "fit": a scan made an all-over, seamless, scalable field).

    Its palette is the picture's dominant colours (they matter with
    ``colouring="palette"``); its seed comes from the picture's id, so fitting the same
    picture again gives the same design.
    """
    import hashlib

    from foulard.genome.schema import Genome, Node
    from foulard.library.patterns import require_id

    require_id(pattern_id, "learned.neural_fit")
    node = Node.make("learned.neural_fit", pattern=pattern_id, repeats=repeats, model=model)
    palette = Node.make("color.palette", colors=tuple(colours)[:8] or PaletteParams().colors)
    seed = int.from_bytes(hashlib.sha256(pattern_id.encode()).digest()[:8], "big") >> 1
    name = title.strip() or pattern_id[:12]
    return Genome.make(node, palette, seed=seed, meta={"title": f"{name} (neural fit)"})


def fit_library_picture(lib, ref: str, repeats: int = 4, model: str = FIT_MODEL):
    """:func:`fit_genome` of a library picture (an id, id prefix or ingested file name),
    titled and coloured by its record (a bundled sample without one: by neither).
    A picture in neither raises :class:`~foulard.library.errors.PatternNotFound`."""
    from foulard.library.errors import PatternNotFound
    from foulard.library.store import bundled_samples

    pattern_id = lib.resolve(ref)
    try:
        p = lib.get(pattern_id)
    except PatternNotFound:
        if pattern_id not in bundled_samples():
            raise
        return fit_genome(pattern_id, repeats=repeats, model=model)
    colours = [c["hex"] for c in p.palette]
    return fit_genome(pattern_id, title=p.title, colours=colours, repeats=repeats, model=model)
