"""Production: what a mill needs beyond the master.

Repeat tiles for yardage (:mod:`~foulard.production.repeats`), checking any file
against an order (:mod:`~foulard.production.check`), the spec sheet for the mill
(:mod:`~foulard.production.specsheet`) and the previews people want to see
(:mod:`~foulard.production.previews`).
Inks and separations for screen printing (:mod:`~foulard.production.separations`),
colourways over the same plates (:mod:`~foulard.production.colourways`) and the
soft proof through a CMYK profile (:mod:`~foulard.production.proof`).
"""

from foulard.production.check import Finding, Report, check_file
from foulard.production.colourways import (
    ColourwayError,
    ColourwayRequest,
    make_colourway,
    make_colourways,
)
from foulard.production.inks import MAX_INKS, InkError, reduce_to_inks
from foulard.production.inktable import InkTable
from foulard.production.previews import flat_preview, triangle_preview, write_preview
from foulard.production.proof import ProfileError, ProofReport, proof_colours, soft_proof
from foulard.production.recolour import indexed_preview, write_colourways
from foulard.production.repeats import (
    DEFAULT_CIRCUMFERENCE_MM,
    DROPS,
    REPEAT_TYPES,
    RepeatPlan,
    RepeatResult,
    fit_to_circumference,
    nearest_ink,
    plan_repeat,
    render_repeat,
    write_repeat,
    write_repeat_preview,
)
from foulard.production.separations import Separation, recombine, separate
from foulard.production.specsheet import SpecSheet, spec_sheet, write_spec_sheet

__all__ = [
    "DEFAULT_CIRCUMFERENCE_MM",
    "DROPS",
    "MAX_INKS",
    "REPEAT_TYPES",
    "ColourwayError",
    "ColourwayRequest",
    "Finding",
    "InkError",
    "InkTable",
    "ProfileError",
    "ProofReport",
    "RepeatPlan",
    "RepeatResult",
    "Report",
    "Separation",
    "SpecSheet",
    "check_file",
    "fit_to_circumference",
    "flat_preview",
    "indexed_preview",
    "make_colourway",
    "make_colourways",
    "nearest_ink",
    "plan_repeat",
    "proof_colours",
    "recombine",
    "reduce_to_inks",
    "render_repeat",
    "separate",
    "soft_proof",
    "spec_sheet",
    "triangle_preview",
    "write_colourways",
    "write_preview",
    "write_repeat",
    "write_repeat_preview",
    "write_spec_sheet",
]
