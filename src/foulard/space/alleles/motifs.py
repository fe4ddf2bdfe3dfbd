"""The motif library the space's genes share: 16 motifs x 16 colourings.

Each motif is a different drawing (a flower, an ornament, a fret); each colouring is
an ordered pair of palette roles (main, second), both used by every motif, so two
colourings of one motif always put different inks in different places.
"""

from __future__ import annotations

from foulard.space.genes import Factor, Option

__all__ = ["COLOURINGS", "MOTIFS", "motif_params"]

MOTIFS = Factor(
    "motif",
    (
        Option("peony", {"op": "motifs.peony", "params": {}}),
        Option("lotus from above", {"op": "motifs.lotus", "params": {"view": "top"}}),
        Option("lotus", {"op": "motifs.lotus", "params": {"view": "side"}}),
        Option("chrysanthemum", {"op": "motifs.chrysanthemum", "params": {}}),
        Option("plum blossom", {"op": "motifs.plum_blossom", "params": {}}),
        Option("eight-petal blossom", {"op": "motifs.plum_blossom", "params": {"petals": 8}}),
        Option("paisley", {"op": "motifs.paisley", "params": {}}),
        Option(
            "dotted paisley pair",
            {"op": "motifs.paisley", "params": {"band_style": "dots", "mirror": True}},
        ),
        Option("auspicious clouds", {"op": "ornament.xiangyun", "params": {}}),
        Option(
            "banded clouds", {"op": "ornament.xiangyun", "params": {"style": "banded", "clouds": 2}}
        ),
        Option("wave scales", {"op": "ornament.seigaiha", "params": {"style": "lines"}}),
        Option("banded wave scales", {"op": "ornament.seigaiha", "params": {"style": "bands"}}),
        Option("key fret", {"op": "ornament.huiwen", "params": {"style": "single"}}),
        Option("double key fret", {"op": "ornament.huiwen", "params": {"style": "double"}}),
        Option("T fret", {"op": "ornament.huiwen", "params": {"style": "t_fret"}}),
        Option("linked fret", {"op": "ornament.huiwen", "params": {"style": "linked"}}),
    ),
)

# (main, second) palette roles; role 0 is the ground.
_PAIRS = (
    (1, 2), (2, 3), (3, 4), (4, 5), (5, 1), (2, 1), (3, 2), (4, 3),
    (5, 4), (1, 3), (2, 4), (3, 5), (4, 1), (5, 2), (1, 4), (3, 1),
)  # fmt: skip
COLOURINGS = Factor(
    "colouring", tuple(Option(f"inks {a}+{b}", {"main": a, "second": b}) for a, b in _PAIRS)
)

_ROLES = {
    "motifs.peony": ("petal_color", "heart_color", "leaf_color"),
    "motifs.lotus": ("petal_color", "pod_color", "leaf_color"),
    "motifs.chrysanthemum": ("petal_color", "heart_color", None),
    "motifs.plum_blossom": ("petal_color", "heart_color", None),
    "motifs.paisley": ("body_color", "band_color", "accent_color"),
    "ornament.xiangyun": ("cloud_color", "line_color", None),
    "ornament.seigaiha": ("fill_color", "accent_color", None),
    "ornament.huiwen": ("line_color", "ground_color", None),
}


def motif_params(motif: Option, colouring: Option) -> tuple[str, dict]:
    """Operator id and parameters of a motif in a colouring."""
    op = motif.data["op"]
    params = dict(motif.data["params"])
    main, second = colouring.data["main"], colouring.data["second"]
    first, other, third = _ROLES[op]
    params[first] = main
    params[other] = second
    if third is not None:
        # The third ink: the role after both (never the ground).
        params[third] = next(r for r in (1, 2, 3, 4, 5) if r not in (main, second))
    if op == "ornament.huiwen":
        params["fill_ground"] = True
    return op, params
