"""Soft proof: how a master prints through a CMYK (or any) output profile.

Every colour of the master goes to the output profile's device space and back
(libvips and Little CMS; libvips' built-in CMYK profile by default, any ICC
output profile by option), and the CIEDE2000 difference between the colour asked
for and the colour printed is measured. Colours that move more than a threshold
(default 2.0) are *out of gamut*: the report gives their share of the canvas, the
mean and largest differences, and the worst colours (one per family of similar
colours, with the share of the canvas that family covers). The proof preview is
the master as printed, shrunk, for display in sRGB; a gamut map beside it shows
the out-of-gamut areas.

The master is read once, band by band. The round trip is a function of the colour
alone, so it is computed once per distinct colour (a lookup table filled as
colours appear): a flat design costs little more than one read.

Textile gamuts are about two thirds of offset; darks, greys and saturated darks
suffer most (PRINT.md). With the mill's own profile the proof is theirs. The
built-in profile (Argyll's "Chemical proof", public domain) is an offset-like
stand-in: its own round trip darkens mid greys by about 3 ΔE00, so at the default
threshold mid-tone neutrals count as moving; judge a real order with the mill's
profile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyvips

from foulard.color.cielab import ciede2000, srgb_to_lab
from foulard.color.space import srgb_to_hex
from foulard.errors import FoulardError, OutputError
from foulard.production._stream import (
    BAND_ROWS,
    iter_bands,
    open_rgb,
    pack_rgb,
    unpack_rgb,
    vips_cache_off,
)
from foulard.render.atomic import atomic_path, atomic_write_bytes
from foulard.render.writers import PNG_KEY, srgb_profile

__all__ = [
    "DEFAULT_THRESHOLD",
    "INTENTS",
    "ProfileError",
    "ProofReport",
    "check_profile",
    "proof_colours",
    "soft_proof",
]

DEFAULT_THRESHOLD = 2.0
INTENTS = ("relative", "perceptual", "saturation", "absolute")
PREVIEW_PX = 2048
_SPACES = {b"CMYK", b"RGB ", b"GRAY", b"CMY "} | {f"{n:X}CLR".encode() for n in range(2, 16)}
_CLASSES = {b"prtr", b"mntr", b"scnr", b"spac"}
_FAMILY_DE = 5.0  # worst colours closer than this (ΔE00) are one family


class ProfileError(FoulardError, ValueError):
    """An output profile is missing, not an ICC profile, or not usable for output."""


def check_profile(profile: str | Path | None) -> str:
    """The profile to proof with: ``"cmyk"`` (libvips' built-in) or a checked ICC path.

    A file is read and its header checked (signature ``acsp``, declared size, a
    device class and colour space an output profile can have), then tried on one
    colour; anything wrong is a :class:`ProfileError` that says what.
    """
    if profile is None or str(profile) == "cmyk":
        return "cmyk"
    p = Path(profile)
    if not p.is_file():
        raise ProfileError(f"no such ICC profile: {p}")
    head = p.read_bytes()[:128]
    size = p.stat().st_size
    if len(head) < 128 or head[36:40] != b"acsp":
        raise ProfileError(f"{p} is not an ICC profile (no 'acsp' signature in its header)")
    declared = int.from_bytes(head[0:4], "big")
    if declared > size or declared < 132:
        raise ProfileError(f"{p} is a truncated ICC profile ({size} bytes, header says {declared})")
    if head[12:16] not in _CLASSES:
        raise ProfileError(
            f"{p} is an ICC profile of class {head[12:16].decode('latin-1')!r}, not an output "
            "(printer) profile"
        )
    if head[16:20] not in _SPACES:
        raise ProfileError(
            f"{p} describes colour space {head[16:20].decode('latin-1')!r}; a print profile is "
            "CMYK, RGB, grey or n-colour"
        )
    try:
        _round_trip(np.array([[128, 64, 32]], np.uint8), str(p), "relative", None)
    except pyvips.Error as exc:
        msg = str(exc).strip().splitlines()[0]
        raise ProfileError(f"{p} cannot be used as an output profile: {msg}") from None
    return str(p)


def _round_trip(rgb: np.ndarray, profile: str, intent: str, icc: bytes | None) -> np.ndarray:
    """sRGB (uint8, ``(n, 3)``) through ``profile`` and back: float sRGB in [0, 1]."""
    image = pyvips.Image.new_from_memory(
        np.ascontiguousarray(rgb.reshape(1, -1, 3)).tobytes(), len(rgb), 1, 3, "uchar"
    ).copy(interpretation="srgb")
    image.set_type(pyvips.GValue.blob_type, "icc-profile-data", icc or srgb_profile())
    with vips_cache_off():
        device = image.icc_transform(profile, embedded=True, intent=intent, depth=16)
        back = device.icc_transform("srgb", input_profile=profile, intent=intent, depth=16)
        out = np.asarray(back.numpy(), np.float64).reshape(-1, 3)
    return out / (65535.0 if back.format == "ushort" else 255.0)


def proof_colours(
    hexes_or_rgb, profile: str | Path | None = None, *, intent: str = "relative"
) -> tuple[tuple[str, ...], np.ndarray]:
    """Proofed colours (hex) and their CIEDE2000 from the originals, e.g. for inks.

    >>> proofed, de = proof_colours(["#f0e6dc", "#00ff00"])
    >>> bool(de[0] < 2.0), bool(de[1] > 15.0)  # a pale cream prints; sRGB's green cannot
    (True, True)
    """
    from foulard.color.space import hex_to_srgb

    prof = check_profile(profile)
    _check_intent(intent)
    rgb = np.rint(hex_to_srgb(list(hexes_or_rgb)) * 255.0).astype(np.uint8)
    back = _round_trip(rgb, prof, intent, None)
    de = ciede2000(srgb_to_lab(rgb / 255.0), srgb_to_lab(back))
    return srgb_to_hex(back), de


def _check_intent(intent: str) -> None:
    if intent not in INTENTS:
        raise FoulardError(f"unknown rendering intent {intent!r}; valid: {', '.join(INTENTS)}")


@dataclass(frozen=True)
class ProofReport:
    """What a soft proof found."""

    profile: str
    intent: str
    threshold: float
    width_px: int
    height_px: int
    out_of_gamut_pct: float
    mean_delta_e: float
    max_delta_e: float
    worst: list[dict[str, Any]] = field(default_factory=list)
    preview: str | None = None
    gamut_map: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "intent": self.intent,
            "threshold_delta_e2000": self.threshold,
            "width_px": self.width_px,
            "height_px": self.height_px,
            "out_of_gamut_pct": round(self.out_of_gamut_pct, 4),
            "mean_delta_e2000": round(self.mean_delta_e, 3),
            "max_delta_e2000": round(self.max_delta_e, 3),
            "worst": self.worst,
            "preview": self.preview,
            "gamut_map": self.gamut_map,
        }


class _Proofer:
    """ΔE00 of every 24-bit colour's round trip, computed once per colour seen."""

    def __init__(self, profile: str, intent: str, icc: bytes | None):
        self.profile, self.intent, self.icc = profile, intent, icc
        self.de = np.full(1 << 24, np.nan, np.float32)

    def __call__(self, packed: np.ndarray) -> np.ndarray:
        out = self.de[packed]
        missing = np.isnan(out)
        if missing.any():
            new = np.unique(packed[missing])
            rgb = unpack_rgb(new)
            back = _round_trip(rgb, self.profile, self.intent, self.icc)
            self.de[new] = ciede2000(srgb_to_lab(rgb / 255.0), srgb_to_lab(back))
            out[missing] = self.de[packed[missing]]
        return out


def soft_proof(
    master: str | Path,
    preview: str | Path,
    *,
    profile: str | Path | None = None,
    intent: str = "relative",
    threshold: float = DEFAULT_THRESHOLD,
    gamut_map: str | Path | None = None,
    report: str | Path | None = None,
    max_px: int = PREVIEW_PX,
    worst: int = 8,
    rows: int = BAND_ROWS,
) -> ProofReport:
    """Soft-proof ``master`` through an output profile; write the proof preview PNG.

    Parameters
    ----------
    profile : path, optional
        An ICC output profile; default libvips' built-in CMYK profile. An invalid
        file raises :class:`ProfileError`.
    intent : str
        Rendering intent (relative colorimetric by default).
    threshold : float
        ΔE00 above which a colour counts as out of gamut.
    gamut_map, report : path, optional
        Also write the gamut map PNG (out-of-gamut areas in magenta over the proof
        in grey) and the report as JSON.
    """
    prof = check_profile(profile)
    _check_intent(intent)
    if not (isinstance(threshold, (int, float)) and 0.0 < threshold <= 50.0):
        raise FoulardError(f"threshold must be a ΔE00 between 0 and 50, got {threshold!r}")
    image = open_rgb(master)
    icc = image.get("icc-profile-data") if image.get_typeof("icc-profile-data") else None
    proofer = _Proofer(prof, intent, bytes(icc) if icc is not None else None)
    total = image.width * image.height
    oog_px, de_sum, de_max = 0, 0.0, 0.0
    keys: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for _, band in iter_bands(image, rows):
        packed = pack_rgb(band)
        de = proofer(packed)
        de_sum += float(de.sum(dtype=np.float64))
        de_max = max(de_max, float(de.max()))
        bad = de > threshold
        oog_px += int(bad.sum())
        if bad.any():
            k, c = np.unique(packed[bad], return_counts=True)
            keys.append(k)
            counts.append(c)
            if len(keys) > 16:
                keys, counts = _reduce(keys, counts)
    if keys:
        keys, counts = _reduce(keys, counts)
    worst_list = _worst(
        keys[0] if keys else np.zeros(0, np.uint32),
        counts[0] if counts else np.zeros(0, np.int64),
        proofer,
        total,
        worst,
    )
    name = "libvips built-in CMYK" if prof == "cmyk" else Path(prof).name
    meta = {"soft_proof": {"profile": name, "intent": intent}}
    small = _shrunk(open_rgb(master), max_px)  # a fresh read: sequential files end once
    _write_preview(small, preview, prof, intent, meta, None)
    if gamut_map is not None:
        _write_preview(small, gamut_map, prof, intent, meta, (proofer, threshold))
    result = ProofReport(
        name,
        intent,
        float(threshold),
        image.width,
        image.height,
        100.0 * oog_px / total,
        de_sum / total,
        de_max,
        worst_list,
        str(preview),
        str(gamut_map) if gamut_map is not None else None,
    )
    if report is not None:
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=1)
        atomic_write_bytes(report, (text + "\n").encode("utf-8"))
    return result


def _reduce(keys, counts):
    k = np.concatenate(keys)
    c = np.concatenate(counts)
    uk, inv = np.unique(k, return_inverse=True)
    return [uk], [np.bincount(inv, c).astype(np.int64)]


def _worst(keys, counts, proofer: _Proofer, total: int, limit: int) -> list[dict[str, Any]]:
    """The worst out-of-gamut colours, one per family, with the family's share."""
    if len(keys) == 0 or limit <= 0:
        return []
    de = proofer.de[keys].astype(np.float64)
    rgb = unpack_rgb(keys)
    lab = srgb_to_lab(rgb / 255.0)
    picks: list[int] = []
    for i in np.argsort(-de, kind="stable"):
        if all(float(ciede2000(lab[i], lab[j])) > _FAMILY_DE for j in picks):
            picks.append(int(i))
            if len(picks) == limit:
                break
    family = np.argmin(np.sum((lab[:, None, :] - lab[picks][None, :, :]) ** 2, axis=2), axis=1)
    share = np.bincount(family, counts, minlength=len(picks))
    back = _round_trip(rgb[picks], proofer.profile, proofer.intent, proofer.icc)
    orig_hex = srgb_to_hex(rgb[picks] / 255.0)
    proof_hex = srgb_to_hex(back)
    return [
        {
            "hex": orig_hex[k],
            "proof_hex": proof_hex[k],
            "delta_e2000": round(float(de[i]), 2),
            "family_area_pct": round(100.0 * float(share[k]) / total, 4),
        }
        for k, i in enumerate(picks)
    ]


def _shrunk(image: pyvips.Image, max_px: int) -> pyvips.Image:
    """The master at most ``max_px`` on the long side, in memory, with its profile."""
    longest = max(image.width, image.height)
    small = image.resize(max_px / longest, kernel="linear") if longest > max_px else image
    small = small.cast("uchar").copy(interpretation="srgb").copy_memory()
    icc = image.get("icc-profile-data") if image.get_typeof("icc-profile-data") else None
    small.set_type(
        pyvips.GValue.blob_type, "icc-profile-data", bytes(icc) if icc else srgb_profile()
    )
    return small


def _write_preview(small, path, profile, intent, meta, gamut) -> None:
    device = small.icc_transform(profile, embedded=True, intent=intent)
    out = device.icc_transform("srgb", input_profile=profile, intent=intent).cast("uchar")
    if gamut is not None:
        proofer, threshold = gamut
        px = np.asarray(small.numpy(), np.uint8).reshape(small.height, small.width, 3)
        bad = proofer(pack_rgb(px)).reshape(small.height, small.width) > threshold
        grey = out.colourspace("b-w").numpy().reshape(small.height, small.width).astype(np.float32)
        soft = (160.0 + grey * (95.0 / 255.0))[..., None] * np.ones(3, np.float32)
        soft[bad] = (230.0, 0.0, 140.0)
        out = pyvips.Image.new_from_array(np.rint(soft).astype(np.uint8), interpretation="srgb")
    out = out.copy(interpretation="srgb")
    out.set_type(pyvips.GValue.blob_type, "icc-profile-data", srgb_profile())
    out.set_type(
        pyvips.GValue.gstr_type,
        f"png-comment-0-{PNG_KEY}",
        json.dumps(meta, sort_keys=True, ensure_ascii=True),
    )
    p = Path(path)
    with atomic_path(p) as tmp:
        try:
            out.pngsave(str(tmp), compression=6, strip=False)
        except pyvips.Error as exc:
            raise OutputError(f"cannot write {p}: {str(exc).strip().splitlines()[0]}") from None
