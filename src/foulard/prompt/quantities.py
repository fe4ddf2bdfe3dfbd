"""Quantities in a prompt: colour counts, design counts and sizes (-> a scarf format).

"three colours", "12 套色", "两色" -> a colour count; "8 designs", "6 款" -> a design
count; "90 cm", "90x90 cm", "55 厘米" -> a format (a catalogue square when the size is
one, else ``custom-WxH``). Each is checked against its range; what is out of range is
reported, never clamped. The matched text is blanked out before the words are read.
"""

from __future__ import annotations

import re

from foulard.prompt.intent import MAX_DESIGNS
from foulard.prompt.vocabulary import vocabulary

__all__ = ["read_quantities"]

_GRAMMAR = vocabulary().meta["grammar"]
_NUM_EN: dict[str, int] = _GRAMMAR["numbers_en"]
_NUM_ZH: dict[str, int] = _GRAMMAR["numbers_zh"]
_NUM = (
    r"(\d{1,4}(?:\.\d+)?|[零一二两三四五六七八九十]{1,3}|"
    + "|".join(sorted((re.escape(k) for k in _NUM_EN), key=len, reverse=True))
    + ")"
)
_COLOUR_COUNT = re.compile(
    _NUM + r"\s*(?:-\s*)?(?:colou?rs?|inks?|screens?|tones?|shades?|hues?|"
    r"套色|种颜色|种色彩|种色|个颜色|色)(?![a-z])",
    re.I,
)
_DESIGN_COUNT = re.compile(
    _NUM + r"\s*(?:designs?|options?|variations?|versions?|scarves|scarfs|proposals?|"
    r"款|个设计|个方案|种设计|幅|张|套设计)(?![a-z])",
    re.I,
)
_SIZE_2D = re.compile(
    r"(\d{2,4}(?:\.\d+)?)\s*[x×*]\s*(\d{2,4}(?:\.\d+)?)\s*(cm|mm|厘米|公分|毫米)", re.I
)
_SIZE_1D = re.compile(
    r"(\d{2,4}(?:\.\d+)?)\s*(cm|centimet(?:er|re)s?|mm|厘米|公分|毫米)(?![a-z])", re.I
)


def _number(text: str) -> int | None:
    t = text.lower().strip()
    if t in _NUM_EN:
        return _NUM_EN[t]
    if re.fullmatch(r"\d+(\.\d+)?", t):
        v = float(t)
        return int(v) if v == int(v) else None
    if all(ch in _NUM_ZH for ch in t):
        if t == "十":
            return 10
        if t.startswith("十"):
            return 10 + _NUM_ZH[t[1]]
        if len(t) == 3 and t[1] == "十":
            return _NUM_ZH[t[0]] * 10 + _NUM_ZH[t[2]]
        if len(t) == 2 and t[1] == "十":
            return _NUM_ZH[t[0]] * 10
        if len(t) == 1:
            return _NUM_ZH[t]
    return None


_SQUARES = {
    45: "carre45",
    53: "carre53",
    55: "bandana",
    65: "carre65",
    70: "carre70",
    90: "carre90",
    100: "carre100",
    110: "carre110",
    140: "shawl140",
}


def _format_of_size(w_mm: float, h_mm: float) -> str | None:
    if not (100 <= w_mm <= 5000 and 100 <= h_mm <= 5000):
        return None
    if abs(w_mm - h_mm) < 1e-6 and round(w_mm / 10) in _SQUARES and w_mm % 10 == 0:
        return _SQUARES[round(w_mm / 10)]
    if (round(w_mm), round(h_mm)) in ((50, 860), (860, 50)):
        return "twilly"
    return f"custom-{min(w_mm, h_mm):g}x{max(w_mm, h_mm):g}"


def read_quantities(text: str, st) -> str:
    """Read counts and sizes into ``st`` (the parser's state: ``colour_count``,
    ``design_count``, ``formats``, ``notes``, ``ignore()``); return the text with them
    blanked out."""

    def colours(m: re.Match) -> str:
        n = _number(m.group(1))
        if n is None or not 1 <= n <= 12:
            st.ignore(m.group(0), "a colour count is 1 to 12")
        else:
            st.colour_count = n
        return " "

    def designs(m: re.Match) -> str:
        n = _number(m.group(1))
        if n is None or n < 1:
            st.ignore(m.group(0), "not a number of designs")
        else:
            if n > MAX_DESIGNS:
                st.notes.append(f"at most {MAX_DESIGNS} designs per prompt; {n} asked")
            st.design_count = min(n, MAX_DESIGNS)
        return " "

    def size2(m: re.Match) -> str:
        k = {"cm": 10, "厘米": 10, "公分": 10}.get(m.group(3).lower(), 1)
        fmt = _format_of_size(float(m.group(1)) * k, float(m.group(2)) * k)
        if fmt is None:
            st.ignore(m.group(0), "a scarf is 10 to 500 cm a side")
        else:
            st.formats.append((fmt, m.group(0)))
        return " "

    def size1(m: re.Match) -> str:
        unit = m.group(2).lower()
        k = 1 if unit in ("mm", "毫米") else 10
        v = float(m.group(1)) * k
        fmt = _format_of_size(v, v)
        if fmt is None:
            st.ignore(m.group(0), "a scarf is 10 to 500 cm a side")
        else:
            st.formats.append((fmt, m.group(0)))
        return " "

    text = _COLOUR_COUNT.sub(colours, text)
    text = _DESIGN_COUNT.sub(designs, text)
    text = _SIZE_2D.sub(size2, text)
    return _SIZE_1D.sub(size1, text)
