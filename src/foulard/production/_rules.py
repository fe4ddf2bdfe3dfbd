"""The rules of :func:`foulard.production.check.check_file`: each turns what a file's
header or pixels say into findings (a stable code, a severity, a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pyvips

from foulard.production import _headers
from foulard.production._scan import THIN_MAX_COLOURS, Scan
from foulard.production._seam import seam_estimate
from foulard.render.context import MM_PER_INCH
from foulard.scarf.formats import MIN_PPI, Format

__all__ = [
    "Finding",
    "colour_mode",
    "container",
    "hem_px",
    "icc",
    "pixels",
    "size_and_density",
]


@dataclass(frozen=True)
class Finding:
    """One thing the check found: a stable ``code``, its severity and a sentence."""

    code: str
    severity: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "details": self.details,
        }


def container(info: dict[str, Any], add) -> None:
    kind = info["type"]
    if kind == "jpeg":
        add(Finding("jpeg", "reject", "JPEG is lossy: mills take no JPEG masters (TIFF-LZW)"))
    elif kind == "png":
        add(
            Finding(
                "png", "info", "PNG is accepted for print-on-demand; TIFF-LZW is the safe master"
            )
        )
    elif kind != "tiff":
        add(
            Finding("file-type", "reject", f"a {kind} file is not a print master (TIFF-LZW or PNG)")
        )
    code = info.get("compression_code")
    if code in _headers.LOSSY_TIFF:
        add(Finding("jpeg", "reject", f"the TIFF is compressed with {info['compression']}: lossy"))
    elif code == 1:
        add(
            Finding(
                "compression", "info", "the TIFF is uncompressed (large but fine; LZW is usual)"
            )
        )
    if info["bits"] not in (8, 16):
        add(
            Finding(
                "bit-depth",
                "reject",
                f"{info['sample_format']} samples: masters are 8-bit (or 16-bit) RGB",
            )
        )


def colour_mode(image: pyvips.Image, info: dict[str, Any], add) -> None:
    interp = image.interpretation
    colour = image.bands - (1 if image.hasalpha() else 0)
    if interp == "cmyk":
        add(Finding("colour-mode", "reject", "CMYK: the digital route takes RGB with a profile"))
    elif colour == 1:
        add(Finding("colour-mode", "warn", "greyscale: mills expect RGB masters"))
    elif colour != 3:
        add(Finding("colour-mode", "reject", f"{image.bands} bands: expected RGB"))
    if image.hasalpha():
        add(
            Finding(
                "alpha",
                "reject",
                "the file has an alpha channel: flatten it onto the ground colour",
            )
        )


_SPACE_FOR = {1: "GRAY", 3: "RGB"}


def icc(image: pyvips.Image, info: dict[str, Any], expected: bytes | None, add) -> None:
    icc = info["icc"]
    if icc is None:
        hint = ""
        if "sRGB" in info.get("png_chunks", []):
            hint = " (an sRGB chunk names the space but RIPs want the profile itself)"
        add(Finding("icc-missing", "reject", f"no embedded ICC colour profile{hint}"))
        return
    if not icc["valid"]:
        add(
            Finding("icc-wrong", "reject", "the embedded colour profile is not a valid ICC profile")
        )
        return
    colour = image.bands - (1 if image.hasalpha() else 0)
    want = "CMYK" if image.interpretation == "cmyk" else _SPACE_FOR.get(colour, "RGB")
    if icc["colour_space"] != want:
        add(
            Finding(
                "icc-wrong",
                "reject",
                f"the profile is for {icc['colour_space']} but the pixels are {want}",
                {"description": icc["description"]},
            )
        )
        return
    if icc["device_class"] in ("link", "abst", "nmcl"):
        add(
            Finding(
                "icc-wrong",
                "reject",
                f"the embedded profile is a {icc['device_class']} profile, not an image profile",
            )
        )
        return
    if expected is not None:
        want_info = _headers.icc_info(expected)
        same = expected == image.get("icc-profile-data") or (
            want_info["description"] == icc["description"]
            and want_info["colour_space"] == icc["colour_space"]
        )
        if not same:
            add(
                Finding(
                    "icc-wrong",
                    "reject",
                    f"the profile is {icc['description']!r}, the order asks for "
                    f"{want_info['description']!r}",
                )
            )
        return
    name = icc["description"].lower().replace(" ", "").replace("-", "")
    if want == "RGB" and "srgb" not in name:
        add(
            Finding(
                "icc-not-srgb",
                "warn",
                f"the profile is {icc['description']!r}, not sRGB: "
                "fine only if the mill expects it",
            )
        )


def size_and_density(image, info, fmt: Format | None, ppi, add) -> float | None:
    """Size and ppi findings; returns the density the pixels print at (or None)."""
    w, h = image.width, image.height
    tag = info["ppi_tag"]
    if tag is None:
        add(
            Finding(
                "ppi-tag-missing", "reject", "no resolution (ppi) tag: the print size is unknown"
            )
        )
    elif abs(tag[0] - tag[1]) > 1e-3 * max(tag):
        add(
            Finding(
                "ppi-tag",
                "reject",
                f"the ppi tags differ across and down ({tag[0]:g} / {tag[1]:g})",
            )
        )
    density = tag[0] if tag else None
    if fmt is not None:
        cw, ch = fmt.canvas_mm
        true_x, true_y = w / (cw / MM_PER_INCH), h / (ch / MM_PER_INCH)
        density = true_x
        info["true_ppi"] = [round(true_x, 4), round(true_y, 4)]
        size_ok = True
        if ppi is not None:
            ew, eh = fmt.canvas_px(ppi)
            if (w, h) != (ew, eh):
                size_ok = False
                add(
                    Finding(
                        "size",
                        "reject",
                        _size_words(fmt, ppi, w, h, tag),
                        {"expected_px": [ew, eh]},
                    )
                )
        if size_ok and abs(true_x - true_y) > true_x * (1.0 / min(w, h) + 1e-3):
            add(
                Finding(
                    "size",
                    "reject",
                    f"{w} x {h} px does not have the proportions of {fmt.name} "
                    f"({cw:g} x {ch:g} mm with hem)",
                )
            )
        if tag is not None:
            tol = true_x * (2e-3 + 1.0 / min(w, h))
            if abs(tag[0] - true_x) > tol:
                add(
                    Finding(
                        "ppi-tag",
                        "reject",
                        f"the ppi tag says {tag[0]:g} but {w} px across {cw:g} mm "
                        f"({fmt.name} with hem) is {true_x:.2f} ppi",
                        {"tag": tag[0], "true": true_x},
                    )
                )
    elif ppi is not None and tag is not None and abs(tag[0] - ppi) > ppi * 2e-3:
        add(Finding("ppi-tag", "reject", f"the ppi tag says {tag[0]:g}, the order is {ppi:g} ppi"))
    if fmt is None:
        add(Finding("size", "info", "no format given: the pixel size was not checked"))
    # Half a percent of slack: a size rounded to whole pixels may land just under.
    if density is not None and density < MIN_PPI * 0.995:
        add(
            Finding(
                "low-ppi",
                "reject",
                f"{density:.1f} ppi is below {MIN_PPI} ppi, the floor for printing on fabric",
            )
        )
    return density


def _size_words(fmt: Format, ppi: float, w: int, h: int, tag) -> str:
    ew, eh = fmt.canvas_px(ppi)
    base = (
        f"{w} x {h} px; {fmt.name} at {ppi:g} ppi with a {fmt.hem_mm:g} mm hem needs {ew} x {eh} px"
    )
    if (w, h) == fmt.finished_px(ppi):
        return base + " (this is the finished size: the hem allowance is missing)"
    if ew * h != eh * w and abs(w / h - ew / eh) > 2.0 / min(w, h):
        return base + f" (and the proportions differ: {w}:{h} is not {ew}:{eh})"
    cw, _ = fmt.canvas_mm
    at = w / (cw / MM_PER_INCH)
    return base + f" (the file is {fmt.name} at {at:.1f} ppi)"


def hem_px(image, fmt: Format | None, ppi, density) -> int | None:
    if fmt is None or density is None or fmt.hem_mm <= 0:
        return None
    hem = round(fmt.hem_mm / MM_PER_INCH * density)
    if hem < 1 or 4 * hem >= min(image.width, image.height):
        return None
    return hem


def pixels(s: Scan, file_info: dict, density, fmt, kind, drop, inks, min_line_mm, add):
    """Findings from the pixel pass; returns the measures."""
    m: dict[str, Any] = {}
    w = s.width
    exact = s.seen is not None or not s.deep_overflow
    m["colours"] = s.colours if exact else f"more than {1 << 16}"
    if s.alpha:
        m["alpha"] = {"semi_transparent_px": s.semi, "transparent_px": s.transparent}
        if s.semi or s.transparent:
            add(
                Finding(
                    "semi-transparent",
                    "reject",
                    f"{s.semi} semi-transparent and {s.transparent} fully transparent pixels",
                    m["alpha"],
                )
            )
    if inks is not None and (not exact or s.colours > inks):
        add(
            Finding(
                "colours",
                "reject",
                f"{m['colours']} colours, more than the {inks} inks ordered (one screen each)",
                {"colours": m["colours"], "inks": inks},
            )
        )
    mm_per_px = MM_PER_INCH / density if density else None
    _thin_findings(s, m, mm_per_px, min_line_mm, add)
    if kind is not None:
        _seam_findings(s, file_info, m, kind, drop, add)
    if s.hem is not None and s.hem["ring_min"] is not None:
        _bleed(s, m, add)
    rows_same = s.same_rows / max(1, s.rows_compared)
    cols_same = float(s.same_cols.sum()) / max(1, w - 1)
    m["repeated_rows"], m["repeated_cols"] = round(rows_same, 4), round(cols_same, 4)
    if exact and s.colours > 256 and rows_same > 0.4 and cols_same > 0.4:
        add(
            Finding(
                "upscaled",
                "warn",
                f"{rows_same:.0%} of rows and {cols_same:.0%} of columns repeat the one "
                "before: the file looks enlarged from a smaller one",
            )
        )
    return m


def _thin_findings(s: Scan, m, mm_per_px, min_line_mm, add) -> None:
    if not s.thin_done:
        if mm_per_px is None:
            why = "the density is unknown"
        elif s.thin_gave_up and s.colours > THIN_MAX_COLOURS:
            why = f"the file has more than {THIN_MAX_COLOURS} colours (checked on indexed files)"
        else:
            why = "the minimum line is under one pixel"
        add(Finding("thin", "info", f"thin lines not checked: {why}"))
        return
    px_mm2 = mm_per_px**2
    thin = {
        "pixels": s.thin_px,
        "area_mm2": round(s.thin_px * px_mm2, 3),
        "spots": s.thin_spot_count,
        "at_mm": [[round(x * mm_per_px, 1), round(y * mm_per_px, 1)] for x, y in s.thin_spots[:12]],
        "by_colour": {f"#{k & 0xFFFFFF:06x}": v for k, v in sorted(s.thin_by_colour.items())[:48]},
    }
    m["thin"] = thin
    if s.thin_px:
        first = ", ".join(f"({x:g}, {y:g})" for x, y in thin["at_mm"][:3])
        add(
            Finding(
                "thin",
                "reject",
                f"{thin['spots']} lines or islands thinner than {min_line_mm:g} mm "
                f"({thin['area_mm2']:g} mm² in all), e.g. at {first} mm",
                thin,
            )
        )


def _seam_findings(s: Scan, file_info: dict, m, kind, drop, add) -> None:
    rec = (file_info.get("foulard") or {}).get("repeat") or {}
    as_kind, as_drop = kind, drop
    if rec.get("file_steps") == "block" and kind != "block":
        as_kind, as_drop = "block", None
        add(
            Finding(
                "seam",
                "info",
                f"the file is one whole period of a foulard {rec.get('type')} repeat: "
                "the printer steps it straight, so its seam was checked as a block",
            )
        )
    if as_kind == "mirror":
        m["seam"] = {"type": "mirror", "note": "mirror repeats meet themselves at the edges"}
        return
    if as_kind == "centre":
        as_kind = "block"
    shift = 0
    if as_drop is not None:
        size = s.height if as_kind == "half-drop" else s.width
        exact = Fraction(as_drop) * size
        shift = round(exact)
        if exact.denominator != 1:
            add(
                Finding(
                    "seam",
                    "warn",
                    f"a drop of {as_drop} of {size} px is not a whole number of pixels: "
                    "the printer must round it",
                )
            )
    est = seam_estimate(s, as_kind, shift)
    m["seam"] = est
    if est["visible"]:
        add(
            Finding(
                "seam",
                "reject",
                f"visible seam when stepped as {kind}{' ' + drop if drop else ''}: "
                f"{est['worst_edge']} edge differs by {est['mean_de2000']:.1f} dE2000 on average "
                f"(the image's own neighbours: {est['neighbour_mean_de2000']:.1f}), "
                f"{est['exceeding']:.0%} of the edge above their 99th percentile",
                est,
            )
        )


def _bleed(s: Scan, m, add) -> None:
    st = s.hem
    full = 255 if s.bits == 8 else 65535
    lo, hi = st["ring_min"], st["ring_max"]
    colour = slice(0, s.colour_bands)
    uniform = bool(np.all(lo[colour] == hi[colour]))
    white = bool(np.all(lo[colour] >= 0.97 * full))
    inner = st["inner_nonwhite"] / max(1, st.get("inner_pixels", 1))
    m["hem"] = {"uniform": uniform, "white": white, "design_at_trim": round(inner, 4)}
    if uniform and white and inner > 0.01:
        add(
            Finding(
                "no-bleed",
                "reject",
                "the hem band is blank white while the design reaches the trim: "
                "the ground must run into the hem (full bleed)",
            )
        )
