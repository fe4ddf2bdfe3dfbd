"""What a file's own header says, read without decoding a pixel.

Only the few fields a print check needs and libvips does not report: the container
type by its magic bytes, TIFF compression and whether resolution tags exist, PNG
``pHYs``/``iCCP``/``sRGB`` chunks, and an ICC profile's header and description.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

__all__ = ["icc_info", "png_chunks", "sniff", "tiff_tags"]

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),
    (b"MM\x00+", "tiff"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"BM", "bmp"),
)
TIFF_COMPRESSION = {
    1: "none",
    5: "lzw",
    6: "jpeg (old-style)",
    7: "jpeg",
    8: "deflate",
    32773: "packbits",
    32946: "deflate",
    34712: "jpeg2000",
    50000: "zstd",
    50001: "webp",
}
LOSSY_TIFF = {6, 7, 34712, 50001}


def sniff(head: bytes) -> str:
    """The container type from the first bytes: png, tiff, jpeg, webp, ... or unknown."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:12] in (b"ftypheic", b"ftypavif", b"ftypmif1"):
        return "heif"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "unknown"


def tiff_tags(path: Path) -> dict[str, Any]:
    """Compression, predictor and which resolution tags IFD 0 holds (classic or BigTIFF)."""
    with open(path, "rb") as fh:
        head = fh.read(16)
        order = "<" if head[:2] == b"II" else ">"
        big = struct.unpack(order + "H", head[2:4])[0] == 43
        if big:
            offset = struct.unpack(order + "Q", head[8:16])[0]
        else:
            offset = struct.unpack(order + "I", head[4:8])[0]
        fh.seek(offset)
        count_fmt, entry_size = (order + "Q", 20) if big else (order + "H", 12)
        raw = fh.read(8 if big else 2)
        if len(raw) < struct.calcsize(count_fmt):
            return {"bigtiff": big, "tags": set()}
        n = struct.unpack(count_fmt, raw)[0]
        n = min(n, 4096)  # a hostile count cannot make us read gigabytes
        entries = fh.read(n * entry_size)
    tags: dict[int, int] = {}
    for k in range(len(entries) // entry_size):
        e = entries[k * entry_size : (k + 1) * entry_size]
        tag, typ = struct.unpack(order + "HH", e[:4])
        value_at = e[12:] if big else e[8:]
        if typ == 3:  # SHORT, first value inline
            tags[tag] = struct.unpack(order + "H", value_at[:2])[0]
        elif typ == 4:  # LONG
            tags[tag] = struct.unpack(order + "I", value_at[:4])[0]
        else:
            tags[tag] = -1
    return {
        "bigtiff": big,
        "tags": set(tags),
        "compression": tags.get(259, 1),
        "predictor": tags.get(317, 1),
        "photometric": tags.get(262),
        # ResolutionUnit 1 means "no absolute unit": the tags give no density then.
        "has_resolution": 282 in tags and 283 in tags and tags.get(296, 2) != 1,
        "resolution_unit": tags.get(296, 2),
    }


def png_chunks(path: Path, limit: int = 1 << 16) -> dict[str, Any]:
    """The chunks before the first IDAT: colour type, depth, pHYs, iCCP, sRGB, tRNS."""
    out: dict[str, Any] = {"chunks": []}
    with open(path, "rb") as fh:
        fh.seek(8)
        for _ in range(limit):
            hdr = fh.read(8)
            if len(hdr) < 8:
                break
            length, kind = struct.unpack(">I4s", hdr)
            name = kind.decode("latin-1")
            if name == "IDAT":
                break
            out["chunks"].append(name)
            if name == "IHDR":
                data = fh.read(13)
                out["bit_depth"], out["colour_type"] = data[8], data[9]
                fh.seek(length - 13 + 4, 1)
            elif name == "pHYs":
                data = fh.read(9)
                out["phys"] = struct.unpack(">IIB", data)
                fh.seek(4, 1)
            else:
                fh.seek(length + 4, 1)
    return out


def icc_info(data: bytes) -> dict[str, Any]:
    """Header fields of an ICC profile and its description; ``valid`` False if not one."""
    info: dict[str, Any] = {"bytes": len(data), "valid": False}
    if len(data) < 132 or data[36:40] != b"acsp":
        return info
    info.update(
        valid=True,
        device_class=data[12:16].decode("latin-1").strip(),
        colour_space=data[16:20].decode("latin-1").strip(),
        pcs=data[20:24].decode("latin-1").strip(),
        version=f"{data[8]}.{data[9] >> 4}",
        description=_description(data),
    )
    return info


def _description(data: bytes) -> str:
    count = struct.unpack(">I", data[128:132])[0]
    for k in range(min(count, 256)):
        at = 132 + 12 * k
        if at + 12 > len(data):
            break
        sig, off, size = struct.unpack(">4sII", data[at : at + 12])
        if sig != b"desc" or off + size > len(data):
            continue
        body = data[off : off + size]
        if body[:4] == b"desc" and len(body) >= 12:  # ICC v2 textDescriptionType
            n = struct.unpack(">I", body[8:12])[0]
            return body[12 : 12 + n].split(b"\x00", 1)[0].decode("latin-1", "replace")
        if body[:4] == b"mluc" and len(body) >= 28:  # ICC v4 multiLocalizedUnicodeType
            rec_len, rec_off = struct.unpack(">II", body[20:28])
            return body[rec_off : rec_off + rec_len].decode("utf-16-be", "replace")
    return ""
