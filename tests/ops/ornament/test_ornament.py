"""Invariants of the ornaments: determinism, bounds, palette-role colours, SVG."""

from __future__ import annotations

from typing import ClassVar

from ops._helpers import DrawingInvariants

ORNAMENTS = ["ornament.xiangyun", "ornament.huiwen", "ornament.seigaiha"]

VARIANTS = [(op, {}) for op in ORNAMENTS] + [
    ("ornament.xiangyun", {"style": "banded", "clouds": 5, "curls": 5, "flow": "left"}),
    ("ornament.xiangyun", {"style": "outline", "clouds": 1, "tail": 0.0}),
    ("ornament.huiwen", {"style": "double", "fill_ground": True, "ground_color": 1}),
    ("ornament.huiwen", {"style": "t_fret"}),
    ("ornament.huiwen", {"style": "linked", "turns": 3}),
    ("ornament.seigaiha", {"style": "bands", "columns": 2}),
    ("ornament.seigaiha", {"style": "alternate", "rings": 3}),
]


class TestDrawingInvariants(DrawingInvariants):
    variants = VARIANTS
    seeded = ("ornament.xiangyun",)  # the clouds
    unseeded = ("ornament.huiwen", "ornament.seigaiha")  # repeat units
    inside = ("ornament.xiangyun",)
    same_px = 192
    box_seed, box_count, box_px = 7, 12, 400
    tones_px, tones_least = 512, 2000
    recolour_px = 384
    role_params: ClassVar = {"ornament.huiwen": {"fill_ground": True}}
    svg_least = 1
    any_seed, any_count = 5, 20
