"""From alleles to a genome tree and back, for space version 2 (layout operators).

The root is the layout operator gene 1 picks; its slots are the scarf's parts, filled
by the genes' prebuilt pieces. Every archetype fills the ground with the field of
genes 3 to 6 (a texture under an all-over repeat) and the rest as below; a motif gene
that has no slot in an archetype is drawn over the layout in a place of its own, so
that no gene is hidden whatever the layout::

    archetype              slots                                         drawn over it
    carré (D4, C4)         field=accents, border, corner, medallion,     -
                           crossing=second
    all-over with border   field=accents, border, corner                 medallion, second
    2-3 / 4-5 frames       band_a=border, band_b=second, field=accents,  corners
                           centre=medallion
    medallion and toss     medallion, toss=corners                       accents, border,
                                                                         second
    placement (grand)      motif=medallion, counter=second               accents, border,
                                                                         corners

and over everything the line work and the centre jewel; the finish overdyes the
palette (version 1 recoloured the pixels)::

    layout.layers(layout.<archetype>(...), overlays..., line, jewel)
    palette: color.palette(the palette's inks under the finish)

As in version 1 every piece is built once and validated; a genome is five plain node
constructions. :meth:`AnatomyV2.parse` reads the alleles back by reverse lookups.
"""

from __future__ import annotations

import numpy as np

from foulard.color.gamut import gamut_map_oklch, in_srgb_gamut
from foulard.color.space import (
    hex_to_srgb,
    linear_to_srgb,
    oklab_to_linear_srgb,
    oklab_to_oklch,
    srgb_to_oklab,
)
from foulard.genome.schema import Genome, Node
from foulard.ops import registry
from foulard.space.alleles import v2
from foulard.space.alleles.motifs import COLOURINGS, MOTIFS
from foulard.space.anatomy import Anatomy, _motif, _params
from foulard.space.genes import ALLELES

__all__ = ["AnatomyV2"]

node = Node.trusted

# Per archetype: slot -> the piece that fills it; then the pieces drawn over it.
# Pieces: F field (genes 3-6), M medallion motif, B border motif, R second motif,
# C corner motif, A accents.
_SLOTS = {
    "layout.carre_classic": (
        {"ground": "F", "field": "A", "border": "B", "corner": "C", "medallion": "M",
         "crossing": "R"},
        (),
    ),
    "layout.allover_border": (
        {"ground": "F", "field": "A", "border": "B", "corner": "C"},
        ("M", "R"),
    ),
    "layout.concentric_frames": (
        {"ground": "F", "band_a": "B", "band_b": "R", "field": "A", "centre": "M"},
        ("C",),
    ),
    "layout.medallion_scatter": (
        {"ground": "F", "medallion": "M", "toss": "C"},
        ("A", "B", "R"),
    ),
    "layout.placement": ({"ground": "F", "motif": "M", "counter": "R"}, ("A", "B", "C")),
}  # fmt: skip
_GENE_OF = {"M": 2, "B": 7, "R": 8, "C": 9, "A": 11}
_CODES = "FMBRCA"
# The medallion drawn over a layout that has no slot for it (a mirrored rosette, D8).
_OVER_MEDALLION = "symmetry.rosette_dihedral"


def _hex(rgb: np.ndarray) -> list[str]:
    """``#rrggbb`` of sRGB values in [0, 1] (as :func:`foulard.color.space.srgb_to_hex`)."""
    v = np.rint(np.clip(rgb, 0.0, 1.0) * 255.0).astype(np.int64)
    return [f"#{c:06x}" for c in ((v[:, 0] << 16) | (v[:, 1] << 8) | v[:, 2]).tolist()]


def _palette_node(cls, colors: tuple[str, ...]) -> Node:
    params = object.__new__(cls)
    params.__dict__["colors"] = colors  # '#rrggbb' made here: what validation would give
    return node("color.palette", params)


class AnatomyV2(Anatomy):
    """Space version 2's pieces, assembler and parser."""

    version = v2.VERSION
    genes = v2.GENES

    def __init__(self) -> None:
        n_col = len(COLOURINGS)
        self.motif = [[_motif(m, c) for c in COLOURINGS.options] for m in MOTIFS.options]
        flat = [self.motif[m][c] for m in range(len(MOTIFS)) for c in range(n_col)]
        self._flat_motif = flat
        self._motif_index = {n: divmod(a, n_col) for a, n in enumerate(flat)}
        self._flat_index = {n: a for a, n in enumerate(flat)}
        g = {gene.name: gene for gene in self.genes}
        self.palette = [
            Node.make(o.data["op"], **o.data["params"]) for o in g["palette"].factors[0].options
        ]
        self._build_finishes(g["palette"], g["finish"])
        self.ground = [self._ground(g["ground"], a) for a in range(ALLELES)]
        self._build_repeat(g)
        self._patterns = [
            (self.lattice_ops[lat], self.repeat_params[lat]) for lat in range(len(self.lattice_ops))
        ]
        self.accents = [self._accent(g["accents"], a) for a in range(ALLELES)]
        self.linework = [self._linework(g["line_work"], a) for a in range(ALLELES)]
        self.jewel = [self._jewel(g["centre_jewel"], a) for a in range(ALLELES)]
        self._stack = _params("layout.layers")
        # The pieces drawn over a layout that has no slot for their gene.
        medal = [
            Node.make(
                "layout.place",
                inputs={
                    "motif": Node.make(
                        _OVER_MEDALLION,
                        inputs={"motif": m},
                        n=8,
                        radius=0.47,
                        motif_r=0.5,
                        motif_size=0.5,
                        motif_rotation=0.0,
                        motif_offset=0.0,
                    )
                },
                size=0.4,
            )
            for m in flat
        ]
        border = [
            Node.make(
                "symmetry.frieze_p1",
                inputs={"motif": m},
                path="border",
                repeats=12,
                height=0.06,
                inset=0.025,
            )
            for m in flat
        ]
        second = [
            Node.make("layout.place", inputs={"motif": m}, x=0.2, y=0.8, size=0.2) for m in flat
        ]
        corners = [
            Node.make(
                "symmetry.rosette_cyclic",
                inputs={"motif": m},
                n=4,
                radius=0.72,
                rotation=45.0,
                motif_r=0.52 / 0.72,
                motif_size=0.15 / 0.72,
                motif_rotation=0.0,
            )
            for m in flat
        ]
        self._over = {"M": medal, "B": border, "R": second, "C": corners, "A": self.accents}
        self._build_layouts(g["layout"])
        self._over_index = {k: {n: a for a, n in enumerate(v)} for k, v in self._over.items()}
        self._index = {
            "palette": {n: a for a, n in enumerate(self.palette)},
            "ground": {n: a for a, n in enumerate(self.ground)},
            "accents": {n: a for a, n in enumerate(self.accents)},
            "line_work": {n: a for a, n in enumerate(self.linework)},
            "centre_jewel": {n: a for a, n in enumerate(self.jewel)},
            "coverage": {p: i for i, p in enumerate(self.coverage)},
        }
        for name, table in (*self._index.items(), *self._over_index.items()):
            if name != "coverage" and len(table) != ALLELES:
                raise ValueError(
                    f"pieces {name}: {ALLELES - len(table)} alleles build the same piece"
                )
        if len(self._layout_index) != ALLELES:
            raise ValueError("two layout alleles build the same layout")

    @classmethod
    def layout_traits(cls) -> tuple[dict, ...]:
        """Per layout allele: its medallion's symmetry and the square's (metadata).

        Read from the layout operator's parameters (``<slot>_group`` of the slot the
        medallion gene fills, and ``symmetry``; an operator default where the geometry
        leaves one out), or from the rosette drawn over a layout that has no medallion
        slot. A single placed motif (``layout.placement``, or a ``single`` group) has no
        medallion symmetry. Nothing here changes what an allele renders.
        """
        layout = next(g for g in cls.genes if g.name == "layout")
        over_kind = _OVER_MEDALLION.removeprefix("symmetry.rosette_")
        out = []
        for a in range(ALLELES):
            arche, geo = layout.choices(a)
            op = arche.data["op"]
            params = _params(op, **geo.data[arche.name])
            slots, over = _SLOTS[op]
            slot = next((s for s, k in slots.items() if k == "M"), None)
            if slot is None:
                kind = over_kind if "M" in over else None
            else:
                kind = getattr(params, f"{slot}_group", None)
            out.append(
                {
                    "medallion": kind if kind in ("dihedral", "cyclic") else None,
                    "square": getattr(params, "symmetry", None),
                }
            )
        return tuple(out)

    def _build_finishes(self, palettes, finishes) -> None:
        """Every palette under every finish (an overdye of the inks), as hex colours.

        The finish turns hue and scales chroma in OKLab and shifts lightness (as
        ``color.hue_shift`` does to pixels), then brings the colour back into sRGB by
        chroma reduction; done once for all 65,536 pairs, as arrays.
        """
        colors = [o.data["params"]["colors"] for o in palettes.factors[0].options]
        sizes = np.array([len(c) for c in colors])
        flat = hex_to_srgb([h for c in colors for h in c])
        lab = srgb_to_oklab(flat)
        shift, chroma, light = (
            np.array(
                [
                    next(o.data[k] for o in finishes.choices(a) if k in o.data)
                    for a in range(ALLELES)
                ]
            )
            for k in ("shift", "chroma", "lightness")
        )
        ang = np.radians(shift)[:, None]
        a, b = lab[None, :, 1], lab[None, :, 2]
        c, s = np.cos(ang) * chroma[:, None], np.sin(ang) * chroma[:, None]
        out = np.empty((ALLELES, lab.shape[0], 3))
        out[..., 0] = np.clip(lab[None, :, 0] + light[:, None], 0.0, 1.0)
        out[..., 1] = c * a - s * b
        out[..., 2] = s * a + c * b
        out = out.reshape(-1, 3)
        lin = oklab_to_linear_srgb(out)
        rgb = linear_to_srgb(np.clip(lin, 0.0, 1.0))
        bad = ~in_srgb_gamut(lin, 1e-9)
        rgb[bad] = gamut_map_oklch(oklab_to_oklch(out[bad]), jnd=0.0)
        hexes = np.array(_hex(rgb)).reshape(ALLELES, -1)
        starts = np.concatenate([[0], np.cumsum(sizes)])
        # _finished[p][f]: the colours of palette p under finish f.
        self._finished = [
            [tuple(hexes[f, starts[p] : starts[p + 1]].tolist()) for f in range(ALLELES)]
            for p in range(len(colors))
        ]
        # Every finished palette's node, built once (trusted: colours from srgb hex).
        cls = type(self.palette[0].params)
        self._palette_nodes = [[_palette_node(cls, c) for c in row] for row in self._finished]
        self._finished_index: dict | None = None

    def _finished_palette(self, pal: int, finish: int) -> Node:
        return self._palette_nodes[pal][finish]

    def _parse_palette(self, palette: Node) -> tuple[int | None, int | None]:
        if palette.op != "color.palette":
            return None, None
        if self._finished_index is None:
            self._finished_index = {
                c: (p, f) for p, row in enumerate(self._finished) for f, c in enumerate(row)
            }
        return self._finished_index.get(tuple(palette.params.colors), (None, None))

    def _linework(self, gene, a: int) -> Node:
        """A curve in a box that just holds it: only the box's points are evaluated."""
        curve, ink = gene.choices(a)
        params = dict(curve.data["params"])
        radius = ink.data["radius"]
        spec = registry.get(curve.data["op"])
        defaults = {p.name: p.default for p in spec.params.specs()}
        reach = radius + params.get("amplitude", defaults.get("amplitude", 0.0))
        reach += params.get("amplitude2", 0.0)
        if curve.data["op"] == "curves.trochoid":
            reach = radius * 1.05
        size = round(min(1.0, 2.0 * reach + 0.04), 3)
        scaled = {"radius": radius / size, "line_width": defaults["line_width"] / size}
        for k in ("amplitude", "amplitude2"):
            if k in params or k in defaults:
                scaled[k] = params.get(k, defaults[k]) / size
        source = Node.make(curve.data["op"], **{**params, **scaled})
        inked = Node.make(
            "color.ink", inputs={"source": source}, color=ink.data["color"], opacity=0.85
        )
        return Node.make("layout.place", inputs={"motif": inked}, size=size)

    def _ground(self, gene, a: int) -> Node:
        texture, treatment = gene.choices(a)
        source = Node.make(texture.data["op"], **texture.data["params"])
        return Node.make("color.gradient_map", inputs={"source": source}, **treatment.data)

    def _build_layouts(self, gene) -> None:
        self.layouts = []  # per allele: (op, params, sorted slot names, their pieces, overlays)
        for a in range(ALLELES):
            arche, geo = gene.choices(a)
            op = arche.data["op"]
            params = _params(op, **geo.data[arche.name])
            slots, over = _SLOTS[op]
            names = tuple(sorted(slots))
            codes = tuple(_CODES.index(slots[s]) for s in names)
            drawn_over = tuple((self._over[k], _GENE_OF[k]) for k in over)
            self.layouts.append((op, params, names, codes, drawn_over))
        self._layout_index = {(op, p): a for a, (op, p, *_rest) in enumerate(self.layouts)}

    # -- assembling and parsing ---------------------------------------------------------------

    def assemble(self, alleles) -> tuple[Node, Node]:
        """``(root, palette)`` of the genome with these 14 alleles (no validation)."""
        (pal, layout, medal, ground, repeat, density, inks, border, second, corners, line,
         accents, jewel, finish) = alleles  # fmt: skip
        op, params = self._patterns[repeat >> 4]
        pattern = node(
            op, params[density], (("motif", self._flat_motif[((repeat & 15) << 4) | (inks >> 4)]),)
        )
        flat = self._flat_motif
        # The slot fillers, in the order of _CODES: F, M, B, R, C, A.
        pieces = (
            node(
                "layout.layers",
                self.coverage[inks & 15],
                (("layers", (self.ground[ground], pattern)),),
            ),
            flat[medal],
            flat[border],
            flat[second],
            flat[corners],
            self.accents[accents],
        )
        lop, lparams, names, codes, over = self.layouts[layout]
        layers = [
            node(lop, lparams, tuple(zip(names, [pieces[k] for k in codes], strict=True))),
            *[table[alleles[g]] for table, g in over],
            self.linework[line],
            self.jewel[jewel],
        ]
        stack = node("layout.layers", self._stack, (("layers", tuple(layers)),))
        return stack, self._finished_palette(pal, finish)

    def parse(self, genome: Genome) -> list[int | None]:
        """The 14 alleles read from a genome; ``None`` where a piece matches no allele."""
        out: list[int | None] = [None] * len(self.genes)
        ix = self._index
        out[0], out[13] = self._parse_palette(genome.palette)
        stack = genome.root
        if stack.op != "layout.layers" or stack.params != self._stack:
            return out
        layers = dict(stack.inputs).get("layers", ())
        if len(layers) < 3:
            return out
        out[10] = ix["line_work"].get(layers[-2])
        out[12] = ix["centre_jewel"].get(layers[-1])
        base = layers[0]
        slots, over = _SLOTS.get(base.op, ({}, ()))
        out[1] = self._layout_index.get((base.op, base.params))
        if len(layers) != 3 + len(over):
            over = ()
        inputs = dict(base.inputs)
        for name, k in slots.items():
            piece = inputs.get(name)
            if k == "F":
                out[3], out[4], out[5], out[6] = self._parse_field(piece)
            elif k == "A":
                out[11] = ix["accents"].get(piece)
            else:
                out[_GENE_OF[k]] = self._flat_index.get(piece)
        for k, piece in zip(over, layers[1:-2], strict=False):
            out[_GENE_OF[k]] = self._over_index[k].get(piece)
        return out

    def _parse_field(self, piece):
        if not isinstance(piece, Node):
            return None, None, None, None
        return super()._parse_field(piece)
