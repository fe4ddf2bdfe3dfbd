"""From alleles to a genome tree and back, for space version 1 (a carré's anatomy).

Every allele's pieces are built once, validated by :meth:`Node.make`, and shared by
all genomes (nodes are frozen). A genome is then assembled from its 14 alleles with
a handful of plain node constructions (no validation needed: every piece and every
parameter set was validated when the tables were built), which is what makes
100,000 genomes a second possible. :meth:`Anatomy.parse` reads the alleles back from
a tree by looking its pieces up in reverse tables; a piece that matches no allele
(an edited genome) reads as *unknown*, an erasure for the decoder.

The tree, bottom to top::

    color.hue_shift                                   finish         (gene 13)
      layout.layers
        layout.layers [blend, opacity]                repeat inks    (gene 6)
          color.gradient_map(texture)                 ground         (gene 3)
          symmetry.<lattice> [density](motif)         repeat, density (4, 5)
        symmetry.half_drop|brick(motif)               accents        (11)
        layout.place(rosette(motif)) ...              layout, medallion (1, 2)
        symmetry.frieze_*(motif)                      inner frame    (8)
        layout.layers(band, symmetry.frieze_*(motif)) border         (7)
        symmetry.rosette_*(motif)                     corners        (9)
        color.ink(curves.*)                           line work      (10)
        layout.place(motif)                           centre jewel   (12)
"""

from __future__ import annotations

from typing import Any

from foulard.genome.schema import Genome, Node
from foulard.ops import registry
from foulard.space.alleles import v1
from foulard.space.alleles.motifs import COLOURINGS, MOTIFS, motif_params
from foulard.space.genes import ALLELES

__all__ = ["Anatomy"]

_P = registry.get


def _params(op: str, **values: Any):
    """Validated parameters of ``op`` (built once, shared)."""
    return _P(op).params.from_json(values)


trusted_node = Node.trusted


def _motif(motif, colouring) -> Node:
    op, params = motif_params(motif, colouring)
    return Node.make(op, **params)


class Anatomy:
    """Space version 1's pieces, assembler and parser."""

    version = v1.VERSION
    genes = v1.GENES

    def __init__(self) -> None:
        n_motif, n_col = len(MOTIFS), len(COLOURINGS)
        self.motif = [[_motif(m, c) for c in COLOURINGS.options] for m in MOTIFS.options]
        self._motif_index = {self.motif[i][j]: (i, j) for i in range(n_motif) for j in range(n_col)}
        g = {gene.name: gene for gene in self.genes}
        self.palette = [
            Node.make(o.data["op"], **o.data["params"]) for o in g["palette"].factors[0].options
        ]
        self._build_layout(g["layout"])
        self.ground = [self._ground(g["ground"], a) for a in range(ALLELES)]
        self._build_repeat(g)
        self.accents = [self._accent(g["accents"], a) for a in range(ALLELES)]
        self.border = [self._border(g["border"], a) for a in range(ALLELES)]
        self.frame = [self._frame(g["inner_frame"], a) for a in range(ALLELES)]
        self.corners = [self._corners(g["corners"], a) for a in range(ALLELES)]
        self.linework = [self._linework(g["line_work"], a) for a in range(ALLELES)]
        self.jewel = [self._jewel(g["centre_jewel"], a) for a in range(ALLELES)]
        self.finish = [
            _params(
                "color.hue_shift",
                **{k: v for o in g["finish"].choices(a) for k, v in o.data.items()},
            )
            for a in range(ALLELES)
        ]
        self._stack = _params("layout.layers")
        self._index = {
            "palette": {n: a for a, n in enumerate(self.palette)},
            "ground": {n: a for a, n in enumerate(self.ground)},
            "accents": {n: a for a, n in enumerate(self.accents)},
            "border": {n: a for a, n in enumerate(self.border)},
            "inner_frame": {n: a for a, n in enumerate(self.frame)},
            "corners": {n: a for a, n in enumerate(self.corners)},
            "line_work": {n: a for a, n in enumerate(self.linework)},
            "centre_jewel": {n: a for a, n in enumerate(self.jewel)},
            "finish": {p: a for a, p in enumerate(self.finish)},
            "coverage": {p: i for i, p in enumerate(self.coverage)},
        }
        for name, table in self._index.items():
            if name != "coverage" and len(table) != ALLELES:
                raise ValueError(
                    f"gene {name}: {ALLELES - len(table)} alleles build the same piece"
                )
        if self._layout_sizes != (8, 32):  # the bit arithmetic of assemble assumes these
            raise ValueError(f"layout gene sizes {self._layout_sizes}, expected (8, 32)")
        self._prepare_fast()

    @classmethod
    def layout_traits(cls) -> tuple[dict, ...]:
        """Per layout allele: its medallion's symmetry and the square's (metadata).

        ``{"medallion": "dihedral" | "cyclic" | None, "square": "d4" | "c4" | None}``;
        None where the design has no such symmetry (or, for the square, does not say).
        Version 1 draws its medallions as rosettes of the layout gene's symmetry factor.
        """
        layout = next(g for g in cls.genes if g.name == "layout")
        return tuple(
            {"medallion": layout.choices(a)[1].data["kind"], "square": None} for a in range(ALLELES)
        )

    # -- building the tables ----------------------------------------------------------------

    def _build_layout(self, gene) -> None:
        archetypes, symmetries = gene.factors
        self.boxes = []
        for o in archetypes.options:
            self.boxes.append(
                tuple(_params("layout.place", x=x, y=y, size=s) for x, y, s in o.data["boxes"])
            )
        self.rosettes = []
        for o in symmetries.options:
            kind, n = o.data["kind"], o.data["n"]
            if kind == "cyclic":
                p = _params(
                    "symmetry.rosette_cyclic",
                    n=n,
                    radius=0.47,
                    motif_r=0.55,
                    motif_size=min(0.9, 2.6 / n + 0.12),
                    motif_rotation=0.0,
                )
                self.rosettes.append(("symmetry.rosette_cyclic", p))
            else:
                p = _params(
                    "symmetry.rosette_dihedral",
                    n=n,
                    radius=0.47,
                    motif_r=0.5,
                    motif_size=min(0.9, 2.8 / n + 0.15),
                    motif_rotation=0.0,
                    motif_offset=0.0,
                )
                self.rosettes.append(("symmetry.rosette_dihedral", p))
        self._boxes_index = {b: i for i, b in enumerate(self.boxes)}
        self._rosette_index = {r: i for i, r in enumerate(self.rosettes)}
        self._layout_sizes = (len(archetypes), len(symmetries))

    def _ground(self, gene, a: int) -> Node:
        texture, treatment = gene.choices(a)
        source = Node.make(texture.data["op"], **texture.data["params"])
        return Node.make(
            "color.gradient_map", inputs={"source": source}, contrast=1.0, **treatment.data
        )

    def _build_repeat(self, g) -> None:
        lattices = g["repeat"].factors[0].options
        density = g["density"]
        self.lattice_ops = [o.data["op"] for o in lattices]
        self.repeat_params: list[list] = []
        for op in self.lattice_ops:
            names = {s.name for s in _P(op).params.specs()}
            row = []
            for a in range(ALLELES):
                values = {k: v for o in density.choices(a) for k, v in o.data.items()}
                values = {k: v for k, v in values.items() if k in names}
                row.append(_params(op, **values))
            self.repeat_params.append(row)
        self._repeat_index = {
            (op, p): (i, a)
            for i, op in enumerate(self.lattice_ops)
            for a, p in enumerate(self.repeat_params[i])
        }
        coverage = g["repeat_inks"].factors[1].options
        self.coverage = [_params("layout.layers", **o.data) for o in coverage]

    def _accent(self, gene, a: int) -> Node:
        motif, scatter = gene.choices(a)
        m = MOTIFS.options.index(motif)
        c = next(
            i for i, o in enumerate(COLOURINGS.options) if o.data["main"] == scatter.data["color"]
        )
        d = scatter.data
        return Node.make(
            d["op"],
            inputs={"motif": self.motif[m][c]},
            repeats=d["repeats"],
            drop=d["drop"],
            motif_size=0.28,
            rotation=0.0,
        )

    def _border(self, gene, a: int) -> Node:
        frieze, motif, width = gene.choices(a)
        h, inset = width.data["height"], width.data["inset"]
        pattern = Node.make(
            frieze.data["op"],
            inputs={"motif": self.motif[motif.data["motif"]][5]},
            path="border",
            repeats=frieze.data["repeats"],
            height=h,
            inset=inset,
        )
        if not width.data["solid"]:
            return pattern
        band = Node.make(
            "symmetry.frieze_p1",
            inputs={"motif": Node.make("color.fill", color=1)},
            path="border",
            repeats=4,
            height=h,
            inset=inset,
            motif_x=0.5,
            motif_y=0.0,
            motif_size=4.0,
            motif_rotation=0.0,
        )
        return Node.make("layout.layers", inputs={"layers": [band, pattern]})

    def _frame(self, gene, a: int) -> Node:
        motif, form, pattern = gene.choices(a)
        m = self.motif[motif.data["motif"]][9]
        f = form.data
        if f["shape"] == "square":
            return Node.make(
                pattern.data["frieze"],
                inputs={"motif": m},
                path="border",
                repeats=14,
                height=f["height"],
                inset=f["inset"],
                motif_x=0.5,
                motif_y=0.0,
                motif_size=0.9,
                motif_rotation=0.0,
            )
        outer = f["radius"] + f["height"]
        return Node.make(
            "symmetry.rosette_cyclic",
            inputs={"motif": m},
            n=pattern.data["count"],
            radius=outer,
            motif_r=f["radius"] / outer,
            motif_size=2 * f["height"] / outer,
            motif_rotation=0.0,
        )

    def _corners(self, gene, a: int) -> Node:
        motif, placement, sym, size, inks = gene.choices(a)
        m = MOTIFS.options.index(motif)
        c = COLOURINGS.options.index(inks)
        turn = placement.data["turn"]
        reach = 0.72 if turn else 0.5  # the corner diagonal, or half the side
        centre = 0.5 if turn else 0.4  # distance of the piece from the middle
        values = {
            "n": 4,
            "radius": reach,
            "rotation": turn,
            "motif_r": centre / reach,
            "motif_size": size.data["size"] / reach,
            "motif_rotation": 0.0,
        }
        if sym.data["op"] == "symmetry.rosette_dihedral":
            values["motif_offset"] = 0.0
        return Node.make(sym.data["op"], inputs={"motif": self.motif[m][c]}, **values)

    def _linework(self, gene, a: int) -> Node:
        curve, ink = gene.choices(a)
        source = Node.make(curve.data["op"], radius=ink.data["radius"], **curve.data["params"])
        return Node.make(
            "color.ink", inputs={"source": source}, color=ink.data["color"], opacity=0.85
        )

    def _jewel(self, gene, a: int) -> Node:
        motif, setting = gene.choices(a)
        m = MOTIFS.options.index(motif)
        c = next(
            i
            for i, o in enumerate(COLOURINGS.options)
            if (o.data["main"], o.data["second"]) == (setting.data["main"], setting.data["second"])
        )
        return Node.make(
            "layout.place", inputs={"motif": self.motif[m][c]}, size=setting.data["size"]
        )

    # -- assembling and parsing ---------------------------------------------------------------

    def _prepare_fast(self) -> None:
        """Tables that turn assembling into lookups: rosettes per (symmetry, motif)."""
        motifs = [self.motif[m][c] for m in range(16) for c in range(16)]
        self._flat_motif = motifs
        self._rosette_nodes = [
            [Node(op, params, (("motif", motifs[medal]),)) for medal in range(ALLELES)]
            for op, params in self.rosettes
        ]
        self._patterns = [
            (self.lattice_ops[lat], self.repeat_params[lat]) for lat in range(len(self.lattice_ops))
        ]

    def assemble(self, alleles) -> tuple[Node, Node]:
        """``(root, palette)`` of the genome with these 14 alleles (no validation)."""
        (
            pal,
            layout,
            medal,
            ground,
            repeat,
            density,
            inks,
            border,
            frame,
            corners,
            line,
            accents,
            jewel,
            finish,
        ) = alleles
        node = trusted_node
        rosette = self._rosette_nodes[layout & 31][medal]
        boxes = self.boxes[layout >> 5]
        if len(boxes) == 1:
            medallions = node("layout.place", boxes[0], (("motif", rosette),))
        else:
            medallions = node(
                "layout.layers",
                self._stack,
                (
                    (
                        "layers",
                        tuple([node("layout.place", p, (("motif", rosette),)) for p in boxes]),
                    ),
                ),
            )
        op, params = self._patterns[repeat >> 4]
        pattern = node(
            op, params[density], (("motif", self._flat_motif[((repeat & 15) << 4) | (inks >> 4)]),)
        )
        field = node(
            "layout.layers", self.coverage[inks & 15], (("layers", (self.ground[ground], pattern)),)
        )
        stack = node(
            "layout.layers",
            self._stack,
            (
                (
                    "layers",
                    (
                        field,
                        self.accents[accents],
                        medallions,
                        self.frame[frame],
                        self.border[border],
                        self.corners[corners],
                        self.linework[line],
                        self.jewel[jewel],
                    ),
                ),
            ),
        )
        return node("color.hue_shift", self.finish[finish], (("source", stack),)), self.palette[pal]

    def parse(self, genome: Genome) -> list[int | None]:
        """The 14 alleles read from a genome; ``None`` where a piece matches no allele."""
        out: list[int | None] = [None] * len(self.genes)
        ix = self._index
        out[0] = ix["palette"].get(genome.palette)
        root = genome.root
        if root.op != "color.hue_shift" or not root.inputs:
            return out
        out[13] = ix["finish"].get(root.params)
        stack = root.inputs[0][1]
        if stack.op != "layout.layers" or stack.params != self._stack:
            return out
        layers = dict(stack.inputs).get("layers", ())
        if len(layers) != 8:
            return out
        field, accents, medallions, frame, border, corners, line, jewel = layers
        out[11] = ix["accents"].get(accents)
        out[8] = ix["inner_frame"].get(frame)
        out[7] = ix["border"].get(border)
        out[9] = ix["corners"].get(corners)
        out[10] = ix["line_work"].get(line)
        out[12] = ix["centre_jewel"].get(jewel)
        out[1], out[2] = self._parse_medallions(medallions)
        out[3], out[4], out[5], out[6] = self._parse_field(field)
        return out

    def _parse_medallions(self, node: Node) -> tuple[int | None, int | None]:
        places = dict(node.inputs).get("layers", ()) if node.op == "layout.layers" else (node,)
        if not places or any(p.op != "layout.place" for p in places):
            return None, None
        arche = self._boxes_index.get(tuple(p.params for p in places))
        rosettes = {dict(p.inputs).get("motif") for p in places}
        if len(rosettes) != 1:
            return None, None
        rosette = rosettes.pop()
        sym = self._rosette_index.get((rosette.op, rosette.params))
        motif = self._motif_index.get(dict(rosette.inputs).get("motif"))
        layout = None if arche is None or sym is None else arche * self._layout_sizes[1] + sym
        medal = None if motif is None else motif[0] * 16 + motif[1]
        return layout, medal

    def _parse_field(self, node: Node):
        ground = repeat = density = inks = None
        layers = dict(node.inputs).get("layers", ()) if node.op == "layout.layers" else ()
        if len(layers) != 2:
            return ground, repeat, density, inks
        ground = self._index["ground"].get(layers[0])
        pattern = layers[1]
        cover = self._index["coverage"].get(node.params)
        lattice = self._repeat_index.get((pattern.op, pattern.params))
        motif = self._motif_index.get(dict(pattern.inputs).get("motif"))
        if lattice is not None:
            density = lattice[1]
            if motif is not None:
                repeat = lattice[0] * 16 + motif[0]
        if motif is not None and cover is not None:
            inks = motif[1] * 16 + cover
        return ground, repeat, density, inks
