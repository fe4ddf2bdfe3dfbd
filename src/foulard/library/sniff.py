"""What a file really is: formats told by their content, not their name.

A file named ``x.png`` that holds a JPEG is a JPEG (and the mismatch is noted);
a file with no image signature is not an image, whatever its name says.

>>> sniff(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(8))
'png'
>>> sniff(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>")
'svg'
>>> sniff(b"hello") is None
True
"""

from __future__ import annotations

import re

__all__ = ["EXTENSIONS", "IMAGE_FORMATS", "extension_format", "sniff"]

IMAGE_FORMATS = ("png", "jpeg", "tiff", "webp", "svg")
EXTENSIONS = {
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".webp": "webp",
    ".svg": "svg",
}
# Formats recognised only to say why they are refused.
_OTHER = (
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x00\x00\x00\x0cjP  ", "jpeg2000"),
)
_SVG_ROOT = re.compile(rb"<svg[\s>/]", re.IGNORECASE)
_XML_START = re.compile(rb"^\s*(<\?xml|<!--|<!DOCTYPE|<svg)", re.IGNORECASE)


def sniff(head: bytes) -> str | None:
    """The format of a file from its first bytes (at least 512 for SVG); None if unknown.

    Returns one of :data:`IMAGE_FORMATS`, or the name of a recognised format that the
    library does not take (``gif``, ``bmp``, ``pdf``, ``zip``, ``jpeg2000``).
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for magic, name in _OTHER:
        if head.startswith(magic):
            return name
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if _XML_START.match(text) and _SVG_ROOT.search(text[:4096]):
        return "svg"
    return None


def extension_format(name: str) -> str | None:
    """The format a file name claims (by its extension), or None."""
    dot = name.rfind(".")
    return EXTENSIONS.get(name[dot:].lower()) if dot >= 0 else None
