"""The model's mixture prior: a Gaussian mixture fitted to the encoded training tiles.

A conditional VAE's learned prior ``p(z | c)`` is a single Gaussian per condition;
ours put its mass where few training tiles' latents lie, so samples were generic
textures that no tile resembles (the decoder reconstructs tiles far better than it
renders prior samples). The remedy is the *ex-post density estimate* of Ghosh et
al. (2020): once the autoencoder is trained, fit a Gaussian mixture to the latents
of the training tiles (the encoder's means) and sample from that.

Conditioning follows from the mixture: every tile carries its concepts (colour,
motif and operator words), so each component ``k`` gets the share ``p(j | k)`` of its
tiles (by responsibility) that carry concept ``j``. Words ask for the components
whose tiles carry them, by Bayes' rule with the words independent given the
component:

    p(k | words) ~ pi_k * prod_j p(j | k),    z ~ N(mu_k, T^2 Sigma_k)

so a sample is a new latent near the tiles that carry the words, not a copy of one
(the component's spread covers many tiles; ``T`` scales it).

Everything here is NumPy; the fit is deterministic for a seed.

References
----------
Ghosh, Sajjadi, Vergari, Black & Schölkopf 2020, "From variational to deterministic
autoencoders", ICLR (ex-post density estimation with a Gaussian mixture);
Dempster, Laird & Rubin 1977, "Maximum likelihood from incomplete data via the EM
algorithm", JRSS B; Arthur & Vassilvitskii 2007, "k-means++", SODA.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from foulard.errors import FoulardError

__all__ = ["DRAW_MODES", "KEYS", "TILE_KEYS", "Mixture", "attach_mixture", "fit_mixture"]

KEYS = ("mix.weights", "mix.means", "mix.chol", "mix.concepts")
EPS = 1e-4  # a tile's weight per requested word it does not carry (see Mixture.draw)
# How samples pick their tiles (foulard.model.infer.Model.draw): one tile for the latent
# and the inks (models v2-v4), or the motif words' tile and the colour words' tile.
DRAW_MODES = ("joint", "split")
MAX_MB = 20  # the shipped weights' size budget (issue 10): the mixture must fit in it
MIN_SPREAD = 0.1  # a colour donor's range along its main colour axis (sRGB units)
TILE_KEYS = ("mix.tile_component", "mix.tile_words", "mix.tile_basis", "mix.tile_colours")


@dataclass(frozen=True)
class Mixture:
    """A fitted mixture: weights ``(K,)``, means ``(K, D)``, Cholesky factors of the
    covariances ``(K, D, D)`` and concept shares ``p(j | k)`` ``(K, C)``; and, per
    training tile, its component ``(N,)``, its words ``(N, C)`` and its colour table
    (:func:`foulard.model.colour_transfer.colour_table`: axes ``(N, 3, 3)``,
    quantiles ``(N, 3, Q)``), from which a sample takes its inks."""

    weights: np.ndarray
    means: np.ndarray
    chol: np.ndarray
    concepts: np.ndarray
    tile_component: np.ndarray | None = None
    tile_words: np.ndarray | None = None
    tile_basis: np.ndarray | None = None
    tile_colours: np.ndarray | None = None

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Mixture | None:
        """The mixture stored in a weights file, or ``None`` when it has none."""
        if not all(k in arrays for k in KEYS):
            return None
        w, m, ch, co = (np.asarray(arrays[k], np.float64) for k in KEYS)
        if not all(k in arrays for k in TILE_KEYS):
            return cls(w, m, ch, co)
        words = np.unpackbits(arrays["mix.tile_words"], axis=1, count=co.shape[1]).astype(bool)
        return cls(
            w, m, ch, co,
            np.asarray(arrays["mix.tile_component"], np.int64), words,
            np.asarray(arrays["mix.tile_basis"], np.float64),
            np.asarray(arrays["mix.tile_colours"], np.float64),
        )  # fmt: skip

    def arrays(self) -> dict[str, np.ndarray]:
        out = {k: np.asarray(getattr(self, k[4:]), np.float32) for k in KEYS}
        if self.tile_component is not None:
            out["mix.tile_component"] = self.tile_component.astype(np.int16)
            out["mix.tile_words"] = np.packbits(self.tile_words, axis=1)
            out["mix.tile_basis"] = self.tile_basis.astype(np.float32)
            out["mix.tile_colours"] = self.tile_colours.astype(np.float32)
        return out

    def with_tiles(self, component, words, basis, colours) -> Mixture:
        """This mixture with the training tiles' tables."""
        return Mixture(
            self.weights, self.means, self.chol, self.concepts,
            np.asarray(component, np.int64), np.asarray(words, bool),
            np.asarray(basis, np.float64), np.asarray(colours, np.float64),
        )  # fmt: skip

    def component_probs(self, c: np.ndarray) -> np.ndarray:
        """``p(k | words)`` for a condition vector (its non-zero entries are the words)."""
        active = np.flatnonzero(np.asarray(c) > 0)
        lp = np.log(self.weights) + np.log(self.concepts[:, active]).sum(1)
        p = np.exp(lp - lp.max())
        return p / p.sum()

    def draw(
        self, c: np.ndarray, rng: np.random.Generator, temperature: float, eps=EPS
    ) -> tuple[np.ndarray, int]:
        """One latent and the training tile whose inks it takes (``-1`` without tiles).

        With the tiles' tables: a tile is drawn with weight ``prod_j (y_ij + eps_j)``
        over the requested words ``j`` (``eps``: one number, or one per concept; with
        the default each word a tile carries makes it 10,000 times likelier, so a
        tile with all the words is drawn whenever one exists, else one with the most;
        tiles of one flat colour are never drawn), and the latent is a point
        of the Gaussian of that tile's component. So the component is drawn with
        probability proportional to its tiles' weights: Bayes' rule over tiles.
        Without them: the component is drawn by :meth:`component_probs`.
        """
        if self.tile_component is None:
            k = _pick(self.component_probs(c), rng)
            return self.latent_of(k, rng, temperature), -1
        tile = self.pick_tile(c, rng, eps)
        return self.latent_of(int(self.tile_component[tile]), rng, temperature), tile

    def pick_tile(self, c: np.ndarray, rng: np.random.Generator, eps=EPS) -> int:
        """A training tile drawn with weight ``prod_j (y_ij + eps_j)`` over the words
        ``j`` of ``c`` (tiles of one flat colour are never drawn)."""
        active = np.flatnonzero(np.asarray(c) > 0)
        miss = np.broadcast_to(np.asarray(eps, np.float64), (self.concepts.shape[1],))
        w = np.prod(self.tile_words[:, active] + miss[active], axis=1) * self._donors()
        return _pick(w, rng)

    def latent_of(self, k: int, rng: np.random.Generator, temperature: float) -> np.ndarray:
        """A point of component ``k``'s Gaussian, its spread scaled by ``temperature``."""
        eps = rng.standard_normal(self.means.shape[1])
        return (self.means[k] + temperature * self.chol[k] @ eps).astype(np.float32)

    def _donors(self) -> np.ndarray:
        """1 for tiles that may give their inks: a tile of one flat colour has none
        to give (it would flatten the sample into a copy of itself); a donor spans at
        least MIN_SPREAD along its main colour axis."""
        return (self.tile_colours[:, 0, -1] - self.tile_colours[:, 0, 0] >= MIN_SPREAD).astype(
            np.float64
        )

    def sample(self, c: np.ndarray, rng: np.random.Generator, temperature: float) -> np.ndarray:
        """One latent (see :meth:`draw`)."""
        return self.draw(c, rng, temperature)[0]


def _pick(weights: np.ndarray, rng: np.random.Generator) -> int:
    """An index drawn with probability proportional to ``weights`` (one uniform)."""
    cum = np.cumsum(weights)
    return min(int(np.searchsorted(cum, rng.random() * cum[-1], side="right")), len(cum) - 1)


def _kmeans_pp(x: np.ndarray, k: int, rng: np.random.Generator, rounds: int = 10) -> np.ndarray:
    """k-means++ seeding then a few Lloyd rounds: the EM's starting means."""
    centres = [x[rng.integers(len(x))]]
    d2 = ((x - centres[0]) ** 2).sum(1)
    for _ in range(1, k):
        centres.append(x[rng.choice(len(x), p=d2 / d2.sum())])
        d2 = np.minimum(d2, ((x - centres[-1]) ** 2).sum(1))
    mu = np.array(centres)
    for _ in range(rounds):
        lab = (((x[:, None] - mu[None]) ** 2).sum(-1)).argmin(1)
        for j in range(k):
            if (lab == j).any():
                mu[j] = x[lab == j].mean(0)
    return mu


def _log_resp(x, weights, means, chol) -> tuple[np.ndarray, np.ndarray]:
    """Log-responsibilities ``(N, K)`` and each point's log-likelihood ``(N,)``."""
    n, d = x.shape
    logp = np.empty((n, len(weights)))
    for j in range(len(weights)):
        sol = np.linalg.solve(chol[j], (x - means[j]).T)
        logdet = 2.0 * np.log(np.diag(chol[j])).sum()
        logp[:, j] = np.log(weights[j]) - 0.5 * ((sol**2).sum(0) + logdet + d * np.log(2 * np.pi))
    top = logp.max(1, keepdims=True)
    ll = top[:, 0] + np.log(np.exp(logp - top).sum(1))
    return logp - ll[:, None], ll


def fit_mixture(
    latents: np.ndarray,
    labels: np.ndarray,
    components: int = 64,
    *,
    seed: int = 0,
    iterations: int = 60,
    ridge: float = 1e-3,
    smoothing: float = 0.5,
    progress: Callable[[int, int, float], None] | None = None,
) -> Mixture:
    """Fit the mixture to training latents ``(N, D)`` and their concept labels ``(N, C)``.

    EM with full covariances (each with ``ridge`` added to its diagonal), started from
    k-means++; ``smoothing`` pseudo-tiles at the data's base rate keep every concept
    share above zero, so an unusual word narrows the choice without ruling a
    component out. ``progress(iteration, iterations, mean log-likelihood)``.
    """
    x = np.asarray(latents, np.float64)
    y = (np.asarray(labels) > 0).astype(np.float64)
    n, d = x.shape
    if components < 1 or components > n:
        raise ValueError(f"components must be in 1..{n} (the tiles), got {components}")
    if len(y) != n:
        raise ValueError(f"{n} latents but {len(y)} label rows")
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x313C]))
    means = _kmeans_pp(x, components, rng)
    eye = ridge * np.eye(d)
    chol = np.repeat(np.linalg.cholesky(np.cov(x, rowvar=False) + eye)[None], components, 0)
    weights = np.full(components, 1.0 / components)
    for it in range(iterations):
        logr, ll = _log_resp(x, weights, means, chol)
        r = np.exp(logr)
        nk = r.sum(0) + 1e-10
        weights = nk / n
        means = (r.T @ x) / nk[:, None]
        for j in range(components):
            dx = x - means[j]
            cov = (r[:, j, None] * dx).T @ dx / nk[j] + eye
            chol[j] = np.linalg.cholesky(cov)
        if progress is not None:
            progress(it + 1, iterations, float(ll.mean()))
    r = np.exp(_log_resp(x, weights, means, chol)[0])
    base = y.mean(0)
    concepts = (r.T @ y + smoothing * base) / (r.sum(0)[:, None] + smoothing)
    concepts = np.clip(concepts, 1e-6, 1.0)
    return Mixture(weights, means, chol, concepts)


def attach_mixture(
    data_dir,
    weights,
    out,
    *,
    components: int = 64,
    seed: int = 0,
    iterations: int = 60,
    draw: str = "joint",
    command: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Encode the dataset's training tiles with the weights at ``weights``, fit the
    mixture to their latents and write weights + mixture to ``out`` (``.npz`` and its
    ``.json``: sha256, the mixture's settings and ``command``, the dataset version).
    ``draw`` is how samples pick their tiles (:meth:`foulard.model.infer.Model.draw`):
    ``"joint"`` (one tile for latent and inks, models v2-v4) or ``"split"``. Returns
    the JSON."""
    from foulard.model.colour_transfer import colour_table
    from foulard.model.infer import load_model

    if draw not in DRAW_MODES:
        raise FoulardError(f"unknown draw {draw!r}: joint or split")
    say = progress or (lambda stage, done, total: None)
    model = load_model(weights)
    mb = components * model.zdim**2 * 4 / 1e6  # the covariances' Cholesky factors
    if mb > MAX_MB:
        raise FoulardError(
            f"{components} full covariances in the latent's {model.zdim} dimensions "
            f"take {mb:.0f} MB, over the weights' {MAX_MB} MB: use fewer components"
        )
    arrays, manifest = dataset_for(model, data_dir)
    rows = np.flatnonzero(arrays["split"] == 0)
    latents = np.empty((len(rows), model.zdim), np.float64)
    for n, i in enumerate(rows):
        latents[n] = model.encode(arrays["images"][i].astype(np.float32) / 255.0)[0]
        if n % 256 == 0 or n + 1 == len(rows):
            say("encode", n + 1, len(rows))
    words = arrays["labels"][rows] > 0
    mix = fit_mixture(
        latents, words, components, seed=seed, iterations=iterations,
        progress=lambda it, total, ll: say("fit", it, total),
    )  # fmt: skip
    component = _log_resp(latents, mix.weights, mix.means, mix.chol)[0].argmax(1)
    tables = [colour_table(arrays["images"][i].astype(np.float64) / 255.0) for i in rows]
    mix = mix.with_tiles(
        component, words, np.stack([t[0] for t in tables]), np.stack([t[1] for t in tables])
    )
    prior = mix.arrays()
    if draw == "split":
        prior["mix.draw"] = np.array("split")
    settings = {"components": components, "seed": seed, "iterations": iterations, "draw": draw}
    return write_with_prior(
        model, out, prior, {"kind": "mixture", **settings, "training_tiles": len(rows)},
        data_dir, arrays, manifest, say, command,
    )  # fmt: skip


PRIOR_PREFIXES = ("mix.", "diff.", "quilt.", "novelty.")  # a prior's arrays in a weights file


def write_with_prior(
    model, out, prior: dict, prior_info: dict, data_dir, arrays: dict, manifest: dict,
    say: Callable[[str, int, int], None], command: str | None = None,
) -> dict:  # fmt: skip
    """Write ``model``'s network with one prior (its ``prior`` arrays, any other prior
    dropped), the training tiles' signatures (draws that copy one are drawn again) and
    the JSON record with ``prior_info`` (plus the dataset and decoder it was made for)
    to ``out``; returns the record."""
    from foulard.model.infer import write_weights

    with np.load(model.path, allow_pickle=False) as z:
        stored = {k: z[k] for k in z.files if not k.startswith(PRIOR_PREFIXES)}
    stored.update(prior)
    say("signatures", 0, 1)
    stored["novelty.signatures"] = training_signatures(data_dir, arrays, manifest["version"])
    say("signatures", 1, 1)
    info = {k: v for k, v in model.info.items() if k not in ("file", "sha256", "bytes")}
    info["prior"] = {
        **prior_info,
        "dataset_version": manifest["version"],
        "decoder_sha256": model.info.get("sha256"),
    }
    if command:
        info["prior"]["command"] = command
    return write_weights(Path(out), stored, info)


def dataset_for(model, data_dir) -> tuple[dict, dict]:
    """The dataset at ``data_dir`` (arrays, manifest), checked to carry the concepts of
    the ``model`` whose prior is fitted to it."""
    from foulard.model.dataset import load_dataset

    arrays, manifest = load_dataset(data_dir)
    if list(manifest["concepts"]) != model.concepts:
        raise FoulardError(
            f"{data_dir}: the dataset's concepts differ from the weights' {model.path}"
        )
    return arrays, manifest


def spatial_model_and_dataset(weights, data_dir, kind: str):
    """The spatial-latent model at ``weights`` and the dataset at ``data_dir`` (arrays,
    manifest) for a ``kind`` prior of its latent maps; other weights are refused."""
    from foulard.model.infer import load_model

    model = load_model(weights)
    if model.arch != "spatial":
        raise FoulardError(
            f"{weights}: a {kind} prior needs a spatial latent (--arch spatial), "
            f"not {model.arch!r}: fit a mixture instead"
        )
    return (model, *dataset_for(model, data_dir))


def training_signatures(data_dir, arrays: dict, version: str) -> np.ndarray:
    """The training tiles' signatures as byte rows (:func:`foulard.perceptual.signature_rows`)."""
    from foulard import perceptual
    from foulard.model.evaluate import dataset_signature_texts

    texts = dataset_signature_texts(Path(data_dir), arrays, version)
    rows = np.flatnonzero(arrays["split"] == 0)
    return np.ascontiguousarray(perceptual.signature_rows([texts[i] for i in rows]))
