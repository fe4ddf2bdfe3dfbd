"""The quilt prior: a latent map quilted from the training tiles' maps (model v7).

The spatial latent (:data:`foulard.model.arch.SPATIAL`) keeps a tile's drawing: its
decoder returns leaves, fish and dots from their maps, and it is shift-equivariant
and nearly local (docs/model.md, "Model v6"). The diffusion prior trained on those
maps on this machine draws their layouts and colours but not the shapes of their
motifs. This prior draws a map the way image quilting grows a texture (Efros &
Freeman 2001), in the latent instead of in pixels: a few patches of training
tiles' maps that carry the words, each matched to the cells already laid and cut
along a minimum-error seam, on the torus (the engine of ``learned.image_quilting``,
:func:`foulard.ops.learned._quilt.lay`). The decoder then draws the map as it draws
any: seamless, at any resolution.

What is drawn is new as an arrangement, not as a shape: every motif is one a
training tile carries, and four patches a sample come from four different tiles
(a sample is never one tile continued, and the model's novelty rule still refuses
a draw close to any training tile). The tiles it quilts are those foulard rendered
itself (the algorithm source of the dataset), so the weights store no archive
picture's map.

Words choose the tiles: those carrying every word asked for when there are a few
(:data:`MIN_TILES`); otherwise the tiles carrying the most motif words give the
drawing and a tile carrying the colour words gives the inks (the split draw of
model v5), so "black and white stripes" is stripes in black and white although no
training tile is both. Otherwise the sample wears its first tile's inks: the
decoder's own colours are softer than the pictures' (as v5's are). Among the chosen
tiles a sample starts from one at random and quilts from it and the tiles drawn
most like it (:data:`POOL` in all: the same operators and motif groups, then the
nearest in their maps' statistics), so its patches agree in ground and scale.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from foulard.errors import FoulardError

__all__ = ["MIN_TILES", "POOL", "PREFIX", "QuiltPrior", "attach_quilt"]

PREFIX = "quilt."
ACROSS = 2  # patches across the map (each half of it, plus the overlap)
OVERLAP = 2  # cells two patches share, where the seam is cut
POOL = 3  # tiles a sample quilts from: the first and those drawn most like it
TOLERANCE = 0.15  # a patch is drawn among those within 1 + this of the best match
MIN_TILES = 4  # fewer tiles carrying every word: the split draw (motif, then inks)


@dataclass(frozen=True)
class QuiltPrior:
    """The training tiles' latent maps (8-bit, per channel), their words, how to quilt."""

    maps: np.ndarray  # (tiles, channels, side, side) uint8
    low: np.ndarray  # (channels,) the value of 0
    step: np.ndarray  # (channels,) the value of one level
    words: np.ndarray  # (tiles, concepts) bool
    basis: np.ndarray  # (tiles, 3, 3) each tile's principal colour axes (its inks)
    colours: np.ndarray  # (tiles, 3, Q) the quantiles of its pixels along them
    settings: dict = field(default_factory=dict)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> QuiltPrior | None:
        """The prior stored in a weights file (``quilt.*``), or ``None``."""
        if PREFIX + "maps" not in arrays:
            return None
        settings = json.loads(str(arrays[PREFIX + "config"]))
        words = np.unpackbits(arrays[PREFIX + "words"], axis=1, count=int(settings["concepts"]))
        return cls(
            arrays[PREFIX + "maps"], arrays[PREFIX + "low"], arrays[PREFIX + "step"],
            words.astype(bool), arrays[PREFIX + "basis"].astype(np.float64),
            arrays[PREFIX + "colours"].astype(np.float64), settings,
        )  # fmt: skip

    @classmethod
    def of_maps(cls, maps: np.ndarray, words: np.ndarray, images: np.ndarray) -> QuiltPrior:
        """The prior of float maps ``(tiles, channels, side, side)``, their words and
        the tiles' pictures ``(tiles, h, w, 3)`` (sRGB in [0, 1]: their inks)."""
        from foulard.model.colour_transfer import colour_table

        tables = [colour_table(im) for im in images]
        low = maps.min(axis=(0, 2, 3))
        step = np.maximum(maps.max(axis=(0, 2, 3)) - low, 1e-6) / 255.0
        q = np.round((maps - low[:, None, None]) / step[:, None, None])
        settings = {
            "across": ACROSS, "overlap": OVERLAP, "pool": POOL, "tolerance": TOLERANCE,
            "min_tiles": MIN_TILES, "concepts": int(words.shape[1]),
        }  # fmt: skip
        return cls(
            np.clip(q, 0, 255).astype(np.uint8), low.astype(np.float32),
            step.astype(np.float32), np.asarray(words, bool),
            np.stack([t[0] for t in tables]), np.stack([t[1] for t in tables]), settings,
        )  # fmt: skip

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            PREFIX + "maps": self.maps,
            PREFIX + "low": self.low,
            PREFIX + "step": self.step,
            PREFIX + "words": np.packbits(self.words, axis=1),
            PREFIX + "basis": self.basis.astype(np.float32),
            PREFIX + "colours": self.colours.astype(np.float32),
            PREFIX + "config": np.array(json.dumps(self.settings, sort_keys=True)),
        }

    @property
    def map_shape(self) -> tuple[int, int]:
        """``(channels, side)`` of the maps it quilts."""
        return int(self.maps.shape[1]), int(self.maps.shape[2])

    def map(self, tile: int) -> np.ndarray:
        """Tile ``tile``'s latent map ``(channels, side, side)`` float32."""
        return self.low[:, None, None] + self.step[:, None, None] * self.maps[tile]

    def tiles_for(
        self, c: np.ndarray, is_colour: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The tiles a sample for words ``c`` quilts from, and the tiles that may give
        its inks (``None``: its first tile gives them)."""
        wanted = np.asarray(c) > 0
        if not wanted.any():
            return np.arange(len(self.maps)), None
        every = np.flatnonzero(self.words[:, wanted].all(1))
        if len(every) >= int(self.settings.get("min_tiles", MIN_TILES)):
            return every, None
        motif, colours = wanted & ~is_colour, wanted & is_colour
        if not motif.any():  # colours too few tiles carry together: the most of them
            return _most(self.words, colours), None
        return _most(self.words, motif), (_most(self.words, colours) if colours.any() else None)

    def sample(
        self, c: np.ndarray, rng: np.random.Generator, is_colour: np.ndarray
    ) -> tuple[np.ndarray, int]:
        """A quilted latent map for words ``c`` (flat, as the decoder reads it) and the
        tile that gives its inks: its first tile, or a tile carrying the colours asked
        for when the tiles it quilts lack them."""
        from foulard.ops.learned._quilt import lay

        tiles, inks = self.tiles_for(c, is_colour)
        first = int(tiles[rng.integers(len(tiles))])
        # the pool: the tiles drawn as the first was (its operators and motif groups),
        # nearest to it in their maps' statistics
        drawing = self.words[:, ~np.asarray(is_colour, bool)]
        unlike = (drawing[tiles] != drawing[first]).sum(1)
        near = ((self.stats[tiles] - self.stats[first]) ** 2).sum(1)
        pool = tiles[np.lexsort((near, unlike))][: int(self.settings.get("pool", POOL))]
        maps = np.stack([self.map(int(t)) for t in pool]).transpose(0, 2, 3, 1)
        across = int(self.settings.get("across", ACROSS))
        canvas = lay(
            _MapWindows(maps, across), self.map_shape[1], across,
            int(self.settings.get("overlap", OVERLAP)), rng,
            tolerance=float(self.settings.get("tolerance", TOLERANCE)),
        )  # fmt: skip
        z = canvas.transpose(2, 0, 1).reshape(-1).astype(np.float32)
        ink = first if inks is None else int(inks[rng.integers(len(inks))])
        return z, ink

    @functools.cached_property
    def stats(self) -> np.ndarray:
        """Each tile's map's channel means and spreads ``(tiles, 2 channels)``, made once."""
        m = self.maps.astype(np.float32) * self.step[:, None, None]
        return np.concatenate([m.mean((2, 3)), m.std((2, 3))], 1)


def _most(words: np.ndarray, which: np.ndarray) -> np.ndarray:
    """The tiles carrying the most of the words ``which`` (every tile when none does)."""
    score = words[:, which].sum(1)
    return np.flatnonzero(score == score.max())


class _MapWindows:
    """Every window of a few periodic latent maps (any offset: a map wraps). Patches
    are laid in rows of ``across`` on the torus; no tile gives two patches that touch
    side by side, so no patch continues its neighbour's tile (a tile may come back
    diagonally)."""

    def __init__(self, maps: np.ndarray, across: int):
        self.maps = maps  # (tiles, side, side, channels)
        self.channels = maps.shape[3]
        self.side = maps.shape[1]
        self.across = across
        self.laid: list[int] = []  # the tile of each patch laid so far

    def _all(self, h: int, w: int) -> np.ndarray:
        s = self.side
        rows = (np.arange(s)[:, None] + np.arange(h)[None]) % s  # (offset, h)
        cols = (np.arange(s)[:, None] + np.arange(w)[None]) % s
        return self.maps[:, rows[:, None, :, None], cols[None, :, None, :]]  # (t, s, s, h, w, ch)

    def _neighbours(self) -> set[int]:
        """The tiles of the laid patches beside the next one (left, right, above, below)."""
        a = self.across
        j, i = divmod(len(self.laid), a)
        out = set()
        for k, t in enumerate(self.laid):
            kj, ki = divmod(k, a)
            dj, di = min((kj - j) % a, (j - kj) % a), min((ki - i) % a, (i - ki) % a)
            if dj + di == 1:
                out.add(t)
        return out

    def count(self, h: int, w: int) -> int:
        return len(self.maps) * self.side**2

    def errors(self, mask: np.ndarray, region: np.ndarray) -> np.ndarray:
        h, w = mask.shape
        diff = ((self._all(h, w) - region) ** 2).sum(-1) * mask
        err = diff.sum((3, 4)).reshape(len(self.maps), -1)
        beside = sorted(self._neighbours())
        if len(beside) < len(self.maps):  # while another tile is left
            err[beside] = np.inf
        return err.ravel()

    def window(self, index: int, h: int, w: int) -> np.ndarray:
        t, off = divmod(index, self.side**2)
        oy, ox = divmod(off, self.side)
        self.laid.append(t)
        s = self.side
        return self.maps[t][np.ix_((oy + np.arange(h)) % s, (ox + np.arange(w)) % s)]


def attach_quilt(
    data_dir, weights, out, *, command: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:  # fmt: skip
    """Encode the dataset's training tiles that foulard rendered (its algorithm
    source) with the spatial-latent weights at ``weights`` and write the weights with
    the quilt prior of their maps to ``out`` (``.npz`` and its ``.json``); returns
    the JSON record."""
    from foulard.model.mixture import spatial_model_and_dataset, write_with_prior

    say = progress or (lambda stage, done, total: None)
    model, arrays, manifest = spatial_model_and_dataset(weights, data_dir, "quilt")
    rows = np.flatnonzero((arrays["split"] == 0) & (arrays["source"] == 1))
    if len(rows) < MIN_TILES:
        raise FoulardError(
            f"{data_dir}: {len(rows)} rendered training tiles, a quilt needs {MIN_TILES}"
        )
    ch, side = model.latent_shape
    maps = np.empty((len(rows), ch, side, side), np.float32)
    for n, i in enumerate(rows):
        mu, _ = model.encode(arrays["images"][i].astype(np.float32) / 255.0)
        maps[n] = mu.reshape(ch, side, side)
        if n % 256 == 0 or n + 1 == len(rows):
            say("encode", n + 1, len(rows))
    images = arrays["images"][rows].astype(np.float32) / 255.0
    prior = QuiltPrior.of_maps(maps, arrays["labels"][rows] > 0, images)
    info = {"kind": "quilt", **prior.settings, "training_tiles": len(rows)}
    return write_with_prior(
        model, Path(out), prior.arrays(), info, data_dir, arrays, manifest, say, command
    )
