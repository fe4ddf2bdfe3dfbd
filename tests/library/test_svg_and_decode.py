"""Hostile and odd input: sniffing, hardened SVG, decompression bombs, broken files."""

from __future__ import annotations

import io

import numpy as np
import pytest

from foulard.library.analyse import analyse
from foulard.library.decode import decode
from foulard.library.errors import Rejected
from foulard.library.sniff import extension_format, sniff
from foulard.library.svg import check_svg, rasterise_svg

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#c0392b"/></svg>'
)


def test_sniff_tells_formats_by_content(make_picture, encode_picture):
    img = make_picture(1, (32, 32))
    assert sniff(encode_picture(img, "PNG")[:64]) == "png"
    assert sniff(encode_picture(img, "JPEG")[:64]) == "jpeg"
    assert sniff(encode_picture(img, "TIFF")[:64]) == "tiff"
    assert sniff(encode_picture(img, "WEBP")[:64]) == "webp"
    assert sniff(encode_picture(img, "GIF")[:64]) == "gif"
    assert sniff(b"\xef\xbb\xbf  <?xml version='1.0'?>\n<!-- c -->\n" + SVG) == "svg"
    assert sniff(b"<html><body>no</body></html>") is None
    assert sniff(b"") is None
    assert extension_format("a/B.JPG") == "jpeg" and extension_format("x.txt") is None


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            "svg_entities",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
            "svg_entities",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><text>&undefined;</text></svg>', "svg_entities"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="http://example.com/x.png" width="5" height="5"/></svg>',
            "svg_external",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>',
            "svg_external",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://e.com/p)"/></svg>',
            "svg_external",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(a.css);</style></svg>',
            "svg_external",
        ),
        (
            b'<?xml-stylesheet href="s.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "svg_external",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg_script"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "svg_script"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">'
            b'<a href="javascript:alert(1)"><rect/></a></svg>',
            "svg_external",
        ),
        (b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "svg_invalid"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "svg_invalid"),
        (b"<svg" + b"<g>" * 300 + b"</g>" * 300 + b"</svg>", "svg_invalid"),
    ],
)
def test_unsafe_or_invalid_svg_is_refused_with_its_reason(doc, reason):
    with pytest.raises(Rejected) as err:
        check_svg(doc)
    assert err.value.reason == reason


def test_safe_svg_features_pass_and_nothing_is_fetched():
    doc = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 5" width="100mm">'
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>'
        b'<rect width="10" height="5" fill="url(#g)"/><use xlink:href="#g"/>'
        b'<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>'
    )
    info = check_svg(doc)
    assert info.width == pytest.approx(100 * 96 / 25.4)
    assert info.height == pytest.approx(info.width / 2)


def test_illustrator_switch_with_foreign_object_still_draws():
    doc = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><switch>'
        b'<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" '
        b'width="1" height="1"><data/></foreignObject>'
        b'<g><rect width="20" height="20" fill="#000"/></g></switch></svg>'
    )
    rgba = rasterise_svg(doc, 20)
    assert rgba[..., 3].mean() > 250


def test_svg_analysis_crops_to_what_it_draws():
    doc = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
        b'<rect x="10" y="10" width="40" height="20" fill="#123456"/></svg>'
    )
    d = decode(doc, "svg")
    assert (d.width, d.height) == (400, 400)  # the document's size is kept
    h, w = d.rgb.shape[:2]
    assert w / h == pytest.approx(2.0, rel=0.1)  # the analysis sees the drawing, not the page
    assert d.rgb.mean() < 0.5


def test_decompression_bomb_is_refused_with_its_size(encode_picture):
    data = encode_picture(np.zeros((1500, 1000, 3), np.uint8), "PNG")
    with pytest.raises(Rejected) as err:
        decode(data, "png", max_megapixels=1.0)
    assert err.value.reason == "bomb"
    assert "1000 x 1500" in str(err.value) and "1.5 megapixels" in str(err.value)
    assert decode(data, "png", max_megapixels=2.0).width == 1000


def test_truncated_corrupt_and_empty_files(make_picture, encode_picture):
    jpeg = encode_picture(make_picture(3, (200, 200)), "JPEG")
    with pytest.raises(Rejected) as err:
        analyse(jpeg[: len(jpeg) // 2])
    assert err.value.reason in ("truncated", "corrupt")
    with pytest.raises(Rejected) as err:
        analyse(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert err.value.reason == "corrupt"
    with pytest.raises(Rejected) as err:
        analyse(b"")
    assert err.value.reason == "empty"
    with pytest.raises(Rejected) as err:
        analyse(encode_picture(make_picture(3, (20, 20)), "GIF"))
    assert err.value.reason == "unsupported"


def test_odd_modes_and_thin_pictures_decode(encode_picture):
    from PIL import Image

    grey16 = Image.fromarray((np.arange(64 * 64).reshape(64, 64) * 16).astype(np.uint16))
    buf = io.BytesIO()
    grey16.save(buf, "PNG")
    assert analyse(buf.getvalue()).format == "png"
    pal = Image.new("P", (30, 30))
    pal.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    pal.info["transparency"] = b"\x00\xff"
    buf = io.BytesIO()
    pal.save(buf, "PNG", transparency=b"\x00\xff")
    assert analyse(buf.getvalue()).kind == "raster"
    thin = encode_picture(np.full((3, 900, 3), 90, np.uint8), "PNG")  # a rule, 3 px high
    a = analyse(thin)
    assert (a.width, a.height) == (900, 3)
    cmyk = Image.new("CMYK", (40, 40), (0, 255, 255, 0))
    buf = io.BytesIO()
    cmyk.save(buf, "TIFF")
    assert analyse(buf.getvalue()).palette.hexes[0].startswith("#")
