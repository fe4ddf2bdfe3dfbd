"""Helpers shared by the operator tests.

Two groups: the vector motif and ornament checks (building drawings, reading their
pixels against the tones a module documents, the invariants every vector motif
keeps), and sampling a node tree at chosen points (the curve, field and growth
tests).
"""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import ndimage

from foulard.errors import ParameterError
from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator, node_rng

# A second colourway whose roles, and the fixed mixes of them, are all far apart.
OTHER_PALETTE = ("#fbf7ee", "#7b2d26", "#1f6f8b", "#e9c46a", "#3a5a40", "#9b5de5")
GREY_PALETTE = ("#808080",) * 6


# -- vector drawings and their tones -------------------------------------------------


def build(op_id: str, params: dict | None = None, *, seed: int = 1, palette=EXAMPLE_PALETTE):
    """``(drawing, params)`` of a vector operator, as the renderer would build it."""
    spec = get(op_id)
    p = spec.params.from_json({**spec.example_params, **(params or {})})
    return spec.func(p, node_rng(seed, "root"), Palette(palette)), p


def tones_of(op_id: str, p, palette) -> dict:
    """The colours the operator's module documents for ``p`` (its ``tones``), by name."""
    module = importlib.import_module(get(op_id).func.__module__)
    return module.tones(p, Palette(palette))


def svg_text(drawing) -> str:
    """The drawing's SVG with skia's clip ids (a process-wide counter) renumbered."""
    text = drawing.to_svg().decode()
    seen: dict[str, str] = {}
    return re.sub(r"cl_[0-9a-f]+", lambda m: seen.setdefault(m.group(0), f"c{len(seen)}"), text)


def interior(rgba: np.ndarray, radius: int = 2) -> np.ndarray:
    """Mask of fully covered pixels whose whole neighbourhood has one colour.

    Those are the pixels far from any edge, where no anti-aliasing mixes colours.
    """
    rgb8 = np.rint(rgba[..., :3] * 255).astype(np.int64)
    key = (rgb8[..., 0] << 16) | (rgb8[..., 1] << 8) | rgb8[..., 2]
    size = 2 * radius + 1
    flat = ndimage.maximum_filter(key, size) == ndimage.minimum_filter(key, size)
    covered = ndimage.minimum_filter(rgba[..., 3], size) >= 1.0 - 1e-6
    return flat & covered


def tone_names(colours: np.ndarray, tones: dict, tol: float = 1.5) -> list[set[str]]:
    """For each 8-bit colour, the names of the tones it matches."""
    names = list(tones)
    ref = np.array([tones[n] for n in names], np.float64) * 255.0
    diff = np.abs(colours[:, None, :].astype(np.float64) - ref[None, :, :]).max(axis=2)
    hits = diff <= tol
    return [{names[j] for j in np.nonzero(row)[0]} for row in hits]


def random_params(op_id: str, rng: np.random.Generator) -> dict:
    """Random valid parameters over every declared range and choice.

    A combination the parameter class refuses (with a clear error) is drawn again.
    """
    spec = get(op_id)
    while True:
        out = {}
        for s in spec.params.specs():
            if s.type == "float":
                out[s.name] = float(rng.uniform(*s.range))
            elif s.type == "int":
                out[s.name] = int(rng.integers(s.range[0], s.range[1] + 1))
            elif s.type == "bool":
                out[s.name] = bool(rng.random() < 0.5)
            elif s.type == "choice":
                out[s.name] = str(rng.choice(s.choices))
        try:
            spec.params.from_json(out)
        except ParameterError:
            continue
        return out


def random_cases(op_id: str, seed: int, count: int) -> list[dict]:
    """``count`` random parameter sets of ``op_id`` from a generator seeded with ``seed``."""
    rng = np.random.default_rng(seed)
    return [random_params(op_id, rng) for _ in range(count)]


# -- what every vector motif and ornament keeps ------------------------------------------


class DrawingChecks:
    """The invariants shared by the vector motifs and ornaments, one check each.

    Each module's tests choose which checks apply and the sizes and thresholds
    that suit its drawings; the checks assert, naming the operator on failure.
    """

    @staticmethod
    def same_seed_same_drawing(op_id: str, params: dict, *, px: int) -> None:
        """Two builds with one seed give the same pixels and the same SVG."""
        a, _ = build(op_id, params, seed=5)
        b, _ = build(op_id, params, seed=5)
        assert np.array_equal(a.rasterize(px), b.rasterize(px))
        assert svg_text(a) == svg_text(b)

    @staticmethod
    def seed_matters(op_id: str, params: dict | None = None, *, px: int = 128) -> bool:
        """Whether seeds 1 and 2 draw different pixels."""
        a, _ = build(op_id, params, seed=1)
        b, _ = build(op_id, params, seed=2)
        return not np.array_equal(a.rasterize(px), b.rasterize(px))

    @staticmethod
    def stays_inside_its_box(op_id: str, *, seed: int, count: int, px: int, skip=None) -> None:
        """The example and ``count`` random parameter sets (drawn from ``seed``) draw
        something and leave a 2 px border clear: the motif is never cut by its box.

        Case ``i`` is built with seed ``i``; ``skip(params)`` names cases that run edge
        to edge by design (border units).
        """
        for i, params in enumerate([{}, *random_cases(op_id, seed, count)]):
            if skip is not None and skip(params):
                continue
            d, _ = build(op_id, params, seed=i)
            assert d.bounds == (0.0, 0.0, 1.0, 1.0)
            alpha = d.rasterize(px)[..., 3]
            assert alpha.sum() > 100, f"{op_id} {params}: nothing drawn"
            border = np.ones_like(alpha, bool)
            border[2:-2, 2:-2] = False
            assert alpha[border].max() == 0.0, f"{op_id} {params}: touches the edge"

    @staticmethod
    def only_tones(rgba: np.ndarray, tones: dict, *, least: int, label: str, radius=2) -> None:
        """Every interior pixel of ``rgba`` (at least ``least`` of them) is one of ``tones``."""
        mask = interior(rgba, radius)
        assert mask.sum() > least, f"{label}: too few interior pixels to judge"
        colours = np.rint(rgba[mask][:, :3] * 255)
        names = tone_names(colours, tones)
        stray = [tuple(c) for c, n in zip(colours.astype(int), names, strict=True) if not n]
        assert not stray, f"{label}: colours outside the documented tones: {sorted(set(stray))[:5]}"

    @staticmethod
    def roles_follow_the_palette(ra, rb, tones_a: dict, tones_b: dict, *, label: str) -> None:
        """The same geometry in two colourways, every interior pixel keeping its role."""
        assert np.array_equal(ra[..., 3], rb[..., 3]), (
            f"{label}: the geometry depends on the palette"
        )
        mask = interior(ra) & interior(rb)
        na = tone_names(np.rint(ra[mask][:, :3] * 255), tones_a)
        nb = tone_names(np.rint(rb[mask][:, :3] * 255), tones_b)
        mismatched = sum(1 for x, y in zip(na, nb, strict=True) if not (x & y))
        assert mismatched == 0, f"{label}: {mismatched} pixels changed role with the palette"

    @staticmethod
    def only_documented_tones(op_id: str, params: dict, *, px: int, least: int) -> None:
        """The drawing's interior pixels carry only the tones its module documents."""
        d, p = build(op_id, params)
        tones = tones_of(op_id, p, EXAMPLE_PALETTE)
        DrawingChecks.only_tones(d.rasterize(px), tones, least=least, label=op_id)

    @staticmethod
    def recolours_each_role(op_id: str, params: dict, *, px: int) -> None:
        """Another colourway changes the picture but moves no pixel to another role."""
        a, p = build(op_id, params)
        b, _ = build(op_id, params, palette=OTHER_PALETTE)
        ra, rb = a.rasterize(px), b.rasterize(px)
        DrawingChecks.roles_follow_the_palette(
            ra,
            rb,
            tones_of(op_id, p, EXAMPLE_PALETTE),
            tones_of(op_id, p, OTHER_PALETTE),
            label=op_id,
        )
        assert not np.array_equal(ra, rb)

    @staticmethod
    def tones_are_mixes_of_roles(op_id: str, p) -> None:
        """With every role the same grey, every tone is that grey mixed with white or black."""
        for name, rgb in tones_of(op_id, p, GREY_PALETTE).items():
            assert max(rgb) - min(rgb) < 1e-9, f"{op_id}.{name} is not a mix of roles"

    @staticmethod
    def svg_has_paths(op_id: str, *, least: int) -> None:
        """The SVG export parses and holds at least ``least`` paths."""
        root = ET.fromstring(build(op_id)[0].to_svg())
        assert root.tag.endswith("svg")
        assert sum(1 for e in root.iter() if e.tag.endswith("path")) >= least

    @staticmethod
    def any_parameters_draw(op_id: str, *, seed: int, count: int) -> None:
        """Random points of the whole parameter space build (no fragile path booleans)
        and draw something finite."""
        for i, params in enumerate(random_cases(op_id, seed, count)):
            rgba = build(op_id, params, seed=i)[0].rasterize(48)
            assert np.isfinite(rgba).all(), f"{op_id} {params}: not finite"
            assert rgba[..., 3].max() > 0, f"{op_id} {params}: nothing drawn"


@pytest.fixture(scope="session")
def draw_op():
    return build


@pytest.fixture(scope="session")
def interior_mask():
    return interior


@pytest.fixture(scope="session")
def match_tones():
    return tone_names


@pytest.fixture(scope="session")
def any_params():
    return random_params


@pytest.fixture(scope="session")
def other_palette():
    return OTHER_PALETTE


@pytest.fixture(scope="session")
def documented_tones():
    """``documented_tones(op_id, params, palette)``: the tones a module documents."""
    return tones_of


@pytest.fixture(scope="session")
def drawing_checks():
    """The shared invariants of vector motifs and ornaments (:class:`DrawingChecks`)."""
    return DrawingChecks


# -- sampling node trees at points (curves, fields, growth) ------------------------------


@pytest.fixture
def bind():
    """``bind(node, seed)`` -> namespace with ``ev``, ``root`` and ``sample(x, y, fp, bound)``."""

    def make(node: Node, seed: int = 1) -> SimpleNamespace:
        palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
        ev = Evaluator(Genome.make(node, palette, seed=seed), cache=TileCache())

        def sample(x, y, footprint=1e-7, bound=None, channel=0):
            x = np.asarray(x, np.float64)
            y = np.asarray(y, np.float64)
            out = ev.sample(bound or ev.root, x, y, footprint)
            return out if channel is None else out[..., channel]

        return SimpleNamespace(ev=ev, root=ev.root, sample=sample)

    return make


@pytest.fixture
def points():
    """Seeded random points over and beyond the unit square."""

    def make(n: int = 4096, seed: int = 0, lo: float = -0.2, hi: float = 1.2):
        rng = np.random.default_rng(seed)
        return rng.uniform(lo, hi, n), rng.uniform(lo, hi, n)

    return make
