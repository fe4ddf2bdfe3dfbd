"""What a design is made of, as a vector: the taste model's features.

A design's features are (1) which *content* operators its tree holds (motifs,
ornaments, patterns, fields, curves, wallpaper lattices, the scarf layout: one 0/1
column each, over every operator of the registry) and (2) a description of its
effective palette (ground lightness, mean lightness, mean and top chroma, and where its
chroma lies round the hue wheel in 8 sectors).

The same features are computed for a person's whole stream of 100,000 designs of the
space straight from their genes, without building a genome: each allele's operators
are known from the allele tables, and the palette of each (palette, finish) allele pair
is computed once. :func:`genome_features` of a space design equals
:func:`stream_features` of its address (a test checks it).
"""

from __future__ import annotations

import functools

import numpy as np

from foulard.genome.schema import Genome
from foulard.ops import registry
from foulard.prompt.colours import lch, palette_features
from foulard.prompt.honour import effective_palette
from foulard.prompt.vocabulary import op_role

__all__ = ["content_ops", "feature_names", "genome_features", "stream_features"]

_CONTENT_FAMILIES = {"motifs", "ornament", "fields", "curves", "tiling", "weave", "craft", "growth"}
N_PALETTE = 12


@functools.cache
def content_ops() -> tuple[str, ...]:
    """The operators that count as design content (sorted ids)."""
    out = []
    for spec in registry.operators():
        role = op_role(spec)
        if spec.family in _CONTENT_FAMILIES or role in ("lattice", "layout"):
            out.append(spec.id)
    return tuple(sorted(out))


def feature_names() -> list[str]:
    pal = [
        "ground L",
        "mean L",
        "mean C",
        "max C",
        *[f"hue {i * 45}-{i * 45 + 45}" for i in range(8)],
    ]
    return [*content_ops(), *pal]


def genome_features(genome: Genome) -> np.ndarray:
    """The feature vector of any genome."""
    ops = content_ops()
    index = {op: i for i, op in enumerate(ops)}
    x = np.zeros(len(ops) + N_PALETTE)
    for _, node in genome.root.walk():
        i = index.get(node.op)
        if i is not None:
            x[i] = 1.0
    x[len(ops) :] = palette_features(effective_palette(genome))
    return x


@functools.cache
def _allele_bits(version: int) -> list[np.ndarray]:
    from foulard.prompt.space_draw import allele_ops

    ops = content_ops()
    index = {op: i for i, op in enumerate(ops)}
    out = []
    for rows in allele_ops(version).values():
        bits = np.zeros((256, len(ops)), bool)
        for a, row in enumerate(rows):
            for op in row:
                if op in index:
                    bits[a, index[op]] = True
        out.append(bits)
    return out


def _features_of_lch(v: np.ndarray) -> np.ndarray:
    """:func:`~foulard.prompt.colours.palette_features` over a batch ``(B, n, 3)``."""
    L, C, H = v[..., 0], v[..., 1], v[..., 2]
    sector = (H // 45.0).astype(int) % 8
    hist = np.zeros((v.shape[0], 8))
    for k in range(8):
        hist[:, k] = np.where(sector == k, C, 0.0).sum(axis=1)
    total = hist.sum(axis=1, keepdims=True)
    hist = np.where(total > 0, hist / np.where(total > 0, total, 1.0), hist)
    head = np.stack([L[:, 0], L.mean(axis=1), C.mean(axis=1) * 5, C.max(axis=1) * 5], axis=1)
    return np.concatenate([head, hist], axis=1)


@functools.cache
def _palette_table(version: int) -> np.ndarray:
    """Palette features of every (palette allele, finish allele) pair, ``(256, 256, 12)``.

    The finish turns the palette exactly as :func:`~foulard.prompt.honour.effective_palette`
    does (OKLab rotation, then 8-bit sRGB), so the two paths agree.
    """
    from foulard.color.space import hex_to_srgb, oklab_to_srgb, srgb_to_oklab
    from foulard.prompt.space_draw import _tables

    genes, _, _, colours = _tables(version)
    finish = genes[-1]
    fin = np.array(
        [
            [
                finish.choices(a)[0].data["shift"],
                finish.choices(a)[1].data["chroma"],
                finish.choices(a)[2].data["lightness"],
            ]
            for a in range(256)
        ]
    )
    ang = np.radians(fin[:, 0])
    c = (np.cos(ang) * fin[:, 1])[:, None]
    s = (np.sin(ang) * fin[:, 1])[:, None]
    out = np.zeros((256, 256, N_PALETTE))
    for p, cols in enumerate(colours):
        lab = srgb_to_oklab(hex_to_srgb(list(cols))).astype(np.float64)  # (n, 3)
        t = np.empty((256, len(lab), 3))
        t[..., 0] = np.clip(lab[None, :, 0] + fin[:, 2:3], 0.0, 1.0)
        t[..., 1] = c * lab[None, :, 1] - s * lab[None, :, 2]
        t[..., 2] = s * lab[None, :, 1] + c * lab[None, :, 2]
        rgb = np.clip(oklab_to_srgb(t.reshape(-1, 3).astype(np.float32)), 0.0, 1.0)
        q = np.clip(np.floor(rgb.astype(np.float64) * 255.0 + 0.5), 0, 255) / 255.0
        lab2 = srgb_to_oklab(q.astype(np.float32)).astype(np.float64).reshape(256, len(lab), 3)
        lch = np.stack(
            [
                lab2[..., 0],
                np.hypot(lab2[..., 1], lab2[..., 2]),
                np.degrees(np.arctan2(lab2[..., 2], lab2[..., 1])) % 360.0,
            ],
            axis=-1,
        )
        out[p] = _features_of_lch(lch)
    return out


_BAKED: dict[int, np.ndarray] = {}


def _baked_table(space) -> np.ndarray | None:
    """Palette features of every (palette, finish) pair for space versions whose anatomy
    bakes the finish into the palette's colours (``anatomy._finished[p][f]``, v2 on);
    None for versions that turn the palette at the root (v1)."""
    finished = getattr(space.anatomy, "_finished", None)
    if finished is None:
        return None
    if space.version not in _BAKED:
        out = np.zeros((len(finished), len(finished[0]), N_PALETTE))
        for p, row in enumerate(finished):
            by_len: dict[int, list[int]] = {}
            for f, cols in enumerate(row):
                by_len.setdefault(len(cols), []).append(f)
            for n, fs in by_len.items():
                flat = [c for f in fs for c in row[f]]
                out[p, fs] = _features_of_lch(lch(flat).reshape(len(fs), n, 3))
        _BAKED[space.version] = out
    return _BAKED[space.version]


def stream_features(space, genes: np.ndarray) -> np.ndarray:
    """Features of space designs from their gene rows ``(N, G)`` (vectorised)."""
    bits = _allele_bits(space.version)
    genes = np.asarray(genes)
    ops = np.zeros((len(genes), len(content_ops())), bool)
    for j, table in enumerate(bits):
        ops |= table[genes[:, j]]
    baked = _baked_table(space)
    table = baked if baked is not None else _palette_table(space.version)
    pal = table[genes[:, 0], genes[:, -1]]
    return np.concatenate([ops.astype(np.float64), pal], axis=1)
