"""Check any image file against a print order: would a silk mill reject it, and why?

:func:`check_file` reports every rejection cause of PRINT.md it can detect, on any
file (not only foulard's): wrong pixel size for the format and ppi (finished size
plus hem, to the pixel), a ppi tag that differs from the true density, a missing or
wrong ICC profile, an alpha channel or semi-transparent pixels, a JPEG master, too
few ppi, a visible seam when the file is a repeat, more colours than inks ordered,
lines or islands thinner than the minimum (few-coloured files), and a blank hem band
(no bleed). Headers are read first and oversized images are refused before a pixel
is decoded; the pixels are then read once, in bands, in bounded memory.

>>> from foulard.production.check import Finding
>>> Finding("alpha", "reject", "the file has an alpha channel").severity
'reject'
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyvips

from foulard.errors import FoulardError, SizeError
from foulard.production import _headers
from foulard.production import _rules as rules
from foulard.production._rules import Finding
from foulard.production._scan import scan
from foulard.production.repeat_plan import DROPS, repeat_type
from foulard.render.context import MM_PER_INCH, Limits
from foulard.scarf.formats import Format, get_format

__all__ = ["DEFAULT_MIN_LINE_MM", "SEVERITIES", "Finding", "Report", "check_file"]

DEFAULT_MIN_LINE_MM = 0.3
SEVERITIES = ("reject", "warn", "info")
_MARK = {"reject": "REJECT", "warn": "warn  ", "info": "note  "}


@dataclass
class Report:
    """The result of :func:`check_file`.

    ``rejected`` is true when any finding has severity ``reject``; ``reasons`` lists
    their codes. ``file`` is what the file says about itself, ``measures`` what the
    pixels showed (colours, alpha, seam, thin parts), ``order`` what was asked.
    """

    path: str
    order: dict[str, Any]
    file: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    measures: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rejected(self) -> bool:
        return any(f.severity == "reject" for f in self.findings)

    @property
    def reasons(self) -> list[str]:
        return [f.code for f in self.findings if f.severity == "reject"]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rejected": self.rejected,
            "reasons": self.reasons,
            "order": self.order,
            "file": self.file,
            "findings": [f.to_json() for f in self.findings],
            "measures": self.measures,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        """A few lines for people: the verdict, the order, the file, then each finding."""
        n = len(self.reasons)
        verdict = f"REJECTED ({n} reason{'s' if n != 1 else ''})" if n else "ACCEPTED"
        f = self.file
        lines = [f"{self.path}: {verdict}"]
        lines.append(f"  order: {_order_words(self.order)}")
        icc = f.get("icc") or {}
        tag = f.get("ppi_tag")
        lines.append(
            "  file:  "
            + ", ".join(
                [
                    f"{f.get('type', '?').upper()}"
                    + (f" {f['compression']}" if f.get("compression") else ""),
                    f"{f.get('width_px')} x {f.get('height_px')} px",
                    f"{f.get('bits')}-bit, {f.get('bands')} band(s)",
                    f"ppi tag {tag[0]:g}" if tag else "no ppi tag",
                    f"ICC {icc.get('description') or '(unnamed)'}" if icc else "no ICC profile",
                ]
            )
        )
        for finding in sorted(self.findings, key=lambda x: SEVERITIES.index(x.severity)):
            lines.append(f"  {_MARK[finding.severity]} {finding.code}: {finding.message}")
        return "\n".join(lines)


def _order_words(order: dict[str, Any]) -> str:
    words = []
    if order.get("format"):
        words.append(f"{order['format']} (hem {order['hem_mm']:g} mm)")
    words.append(f"{order['ppi']:g} ppi" if order.get("ppi") else "any ppi")
    if order.get("repeat"):
        words.append(order["repeat"] + (f" {order['drop']}" if order.get("drop") else ""))
    if order.get("inks"):
        words.append(f"{order['inks']} inks")
    words.append(f"min line {order['min_line_mm']:g} mm")
    return ", ".join(words)


def check_file(
    path: str | Path,
    *,
    format: str | Format | None = None,
    ppi: float | None = None,
    repeat: str | None = None,
    drop: str | None = None,
    inks: int | None = None,
    min_line_mm: float = DEFAULT_MIN_LINE_MM,
    icc_profile: bytes | str | Path | None = None,
    limits: Limits | None = None,
) -> Report:
    """Check the image at ``path`` against an order; see the module docstring.

    Parameters
    ----------
    format : str or Format, optional
        The ordered format (``carre90``, ``custom-600x600``...). Without it the pixel
        size cannot be checked and the density is taken from the ppi tag.
    ppi : float, optional
        The ordered density; the canvas must then be ``format.canvas_px(ppi)``.
    repeat, drop : str, optional
        The file is a repeat unit the printer steps as ``repeat`` (``block``,
        ``half-drop``, ``brick``, ``mirror``, ``centre``) with ``drop``: estimate the seam.
    inks : int, optional
        Screens ordered: more colours than that is a rejection.
    min_line_mm : float
        Thinnest line or island that prints (few-coloured files only).
    icc_profile : bytes or path, optional
        The profile the mill asked for; default: any RGB profile, sRGB expected.
    limits : Limits, optional
        Largest image accepted (default: the render limits, from the environment).

    Raises
    ------
    FoulardError
        The path is not a readable image, or it is larger than the limits.
    """
    t0 = time.perf_counter()
    p = Path(path)
    fmt = get_format(format) if isinstance(format, str) else format
    kind = repeat_type(repeat) if repeat is not None else None
    if drop is not None and str(drop) not in DROPS:
        raise FoulardError(f"unknown drop {drop!r}; valid: {', '.join(DROPS)}")
    if kind in ("half-drop", "brick") and drop is None:
        drop = "1/2"
    if ppi is not None and not (isinstance(ppi, (int, float)) and 0 < ppi <= 100_000):
        raise FoulardError(f"ppi must be a positive number, got {ppi!r}")
    if inks is not None and not (isinstance(inks, int) and 1 <= inks <= 100_000):
        raise FoulardError(f"inks must be a positive whole number, got {inks!r}")
    if not (0 < min_line_mm <= 100):
        raise FoulardError(f"minimum line must be between 0 and 100 mm, got {min_line_mm!r}")
    expected_icc = _load_profile(icc_profile)

    image, info = _open(p, limits or Limits.from_env())
    order = {
        "format": fmt.name if fmt else None,
        "hem_mm": fmt.hem_mm if fmt else None,
        "ppi": ppi,
        "repeat": kind,
        "drop": str(drop) if drop is not None and kind in ("half-drop", "brick") else None,
        "inks": inks,
        "min_line_mm": min_line_mm,
    }
    report = Report(path=str(p), order=order, file=info)
    add = report.findings.append

    rules.container(info, add)
    rules.colour_mode(image, info, add)
    rules.icc(image, info, expected_icc, add)
    density = rules.size_and_density(image, info, fmt, ppi, add)

    if info["analysable"]:
        hem = rules.hem_px(image, fmt, ppi, density)
        line_px = min_line_mm / MM_PER_INCH * density if density else None
        s = scan(image, line_px=line_px, hem_px=hem)
        report.measures = rules.pixels(s, info, density, fmt, kind, drop, inks, min_line_mm, add)
    report.seconds = time.perf_counter() - t0
    return report


def _load_profile(icc: bytes | str | Path | None) -> bytes | None:
    if icc is None or isinstance(icc, bytes):
        return icc
    try:
        data = Path(icc).read_bytes()
    except OSError as exc:
        raise FoulardError(f"cannot read the ICC profile {icc}: {exc.strerror or exc}") from None
    if not _headers.icc_info(data)["valid"]:
        raise FoulardError(f"{icc} is not an ICC profile")
    return data


def _open(p: Path, limits: Limits) -> tuple[pyvips.Image, dict[str, Any]]:
    """The image (header only) and what its header says; refuses non-images and bombs."""
    if not p.exists():
        raise FoulardError(f"no such file: {p}")
    if p.is_dir():
        raise FoulardError(f"{p} is a folder, not an image")
    with open(p, "rb") as fh:
        head = fh.read(64)
    kind = _headers.sniff(head)
    try:
        image = pyvips.Image.new_from_file(str(p), access="sequential")
        fields = set(image.get_fields())
    except pyvips.Error:
        raise FoulardError(
            f"{p} is not an image that can be checked (expected TIFF or PNG; "
            f"the file looks like {kind})"
        ) from None
    w, h = image.width, image.height
    if max(w, h) > limits.max_side or w * h > limits.max_pixels:
        raise SizeError(
            f"{p}: {w} x {h} px is above the limits ({limits.max_side} px a side, "
            f"{limits.max_pixels / 1e9:g} gigapixels); refused before decoding "
            "(raise FOULARD_MAX_SIDE / FOULARD_MAX_PIXELS if it is genuine)"
        )
    info: dict[str, Any] = {
        "type": kind,
        "loader": image.get("vips-loader") if "vips-loader" in fields else None,
        "width_px": w,
        "height_px": h,
        "bands": image.bands,
        "bits": {"uchar": 8, "char": 8, "ushort": 16, "short": 16}.get(image.format, 32),
        "sample_format": image.format,
        "interpretation": image.interpretation,
        "alpha": bool(image.hasalpha()),
    }
    has_tag = True
    if kind == "tiff":
        t = _headers.tiff_tags(p)
        code = t.get("compression", 1)
        info["compression"] = _headers.TIFF_COMPRESSION.get(code, f"code {code}")
        info["compression_code"] = code
        info["predictor"] = t.get("predictor")
        info["bigtiff"] = t["bigtiff"]
        has_tag = t.get("has_resolution", False)
    elif kind == "png":
        c = _headers.png_chunks(p)
        info["png_chunks"] = c["chunks"]
        has_tag = "pHYs" in c["chunks"] and c.get("phys", (0, 0, 0))[2] == 1
    elif kind == "jpeg":
        has_tag = "resolution-unit" in fields
    info["ppi_tag"] = (
        [round(image.xres * MM_PER_INCH, 4), round(image.yres * MM_PER_INCH, 4)]
        if has_tag
        else None
    )
    icc = bytes(image.get("icc-profile-data")) if "icc-profile-data" in fields else None
    info["icc"] = _headers.icc_info(icc) if icc else None
    info["foulard"] = _embedded(image, fields)
    info["analysable"] = image.format in ("uchar", "ushort") and image.interpretation != "cmyk"
    return image, info


def _embedded(image: pyvips.Image, fields: set[str]) -> dict[str, Any] | None:
    """The repeat part of a foulard record, if the file carries one."""
    raw = image.get("image-description") if "image-description" in fields else None
    for name in fields:
        if name.startswith("png-comment-") and name.endswith("-foulard"):
            raw = image.get(name)
    if not raw:
        return None
    try:
        record = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(record, dict) or "genome" not in record:
        return None
    return {"design_id": record.get("design_id"), "repeat": record.get("repeat")}
