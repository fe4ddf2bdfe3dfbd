"""Parsing the compact notations weavers write: thread counts, drafts, colour orders.

Every parser raises :class:`~foulard.errors.ParameterError` naming the parameter and
what was expected, so a bad string is refused when the node is built, not when it
is rendered.
"""

from __future__ import annotations

import re

from foulard.errors import ParameterError

__all__ = ["expand_counts", "parse_counts", "parse_numbers", "parse_roles", "parse_tieup"]

_SEP = re.compile(r"[\s,]+")
_COUNT = re.compile(r"^([A-Za-z]{1,3})(/?)(\d{1,4})(/?)$")


def parse_numbers(text: str, path: str, lo: int, hi: int, *, max_count: int = 1024) -> list[int]:
    """Whole numbers in ``[lo, hi]``, separated by spaces or commas.

    Without any separator each character is one number (``"1234"`` is 1, 2, 3, 4),
    the usual way of writing drafts on up to 9 shafts.

    >>> parse_numbers("1234", "p", 1, 8), parse_numbers("1, 10 2", "p", 1, 16)
    ([1, 2, 3, 4], [1, 10, 2])
    """
    text = text.strip()
    tokens = [t for t in _SEP.split(text) if t] if _SEP.search(text) else list(text)
    if not tokens:
        raise ParameterError("is empty; expected numbers such as '1 2 3 4'", path)
    if len(tokens) > max_count:
        raise ParameterError(f"has {len(tokens)} numbers, at most {max_count}", path)
    out = []
    for t in tokens:
        if not t.isdigit() or not lo <= int(t) <= hi:
            raise ParameterError(f"{t!r} is not a whole number in [{lo}, {hi}]", path)
        out.append(int(t))
    return out


def parse_tieup(text: str, path: str, shafts: int) -> list[frozenset[int]]:
    """A tie-up: for each treadle (separated by ``/`` or ``;``) the shafts it raises.

    An empty group (``"12//34"``) is a treadle that raises nothing.

    >>> [sorted(t) for t in parse_tieup("12/23/34/41", "p", 4)]
    [[1, 2], [2, 3], [3, 4], [1, 4]]
    """
    groups = re.split(r"[/;]", text.strip())
    if len(groups) > 32:
        raise ParameterError(f"has {len(groups)} treadles, at most 32", path)
    out = []
    for g in groups:
        out.append(frozenset(parse_numbers(g, path, 1, shafts)) if g.strip() else frozenset())
    return out


def parse_counts(text: str, path: str, symbols: str | None = None) -> list[tuple[str, int, bool]]:
    """A thread count such as ``"K4 R24 K24 Y4"``: (symbol, count, pivot) per stripe.

    A symbol is one to three letters (the colour), the count a whole number of
    threads; a ``/`` next to the count (``"Y/4"`` or ``"Y4/"``) marks a pivot of a
    symmetric sett, as in the Scottish Register of Tartans notation. ``symbols``
    restricts the letters allowed.

    >>> parse_counts("K4 R/24", "p")
    [('K', 4, False), ('R', 24, True)]
    """
    tokens = [t for t in _SEP.split(text.strip()) if t]
    if not tokens:
        raise ParameterError("is empty; expected stripes such as 'K4 R24'", path)
    out = []
    for t in tokens:
        m = _COUNT.match(t)
        if m is None or int(m.group(3)) == 0:
            raise ParameterError(
                f"{t!r} is not a stripe: letters then a thread count, such as 'R24' or 'R/24'",
                path,
            )
        sym = m.group(1).upper()
        if symbols is not None and sym not in symbols:
            raise ParameterError(f"{t!r}: colour {sym!r} is not one of {', '.join(symbols)}", path)
        out.append((sym, int(m.group(3)), bool(m.group(2) or m.group(4))))
    return out


def expand_counts(stripes: list[tuple[str, int, bool]], symmetric: bool) -> list[str]:
    """Thread by thread colour symbols of one repeat of a sett.

    A symmetric (reflective) sett runs to its last pivot and back, the pivots
    woven once: ``B2 R4 G2`` gives B2 R4 G2 R4. An asymmetric one repeats as written.

    >>> "".join(expand_counts([("B", 2, False), ("R", 1, False), ("G", 2, False)], True))
    'BBRGGR'
    """
    seq = []
    order = stripes + stripes[-2:0:-1] if symmetric and len(stripes) > 1 else stripes
    for sym, n, _ in order:
        seq.extend([sym] * n)
    return seq


def parse_roles(text: str, path: str) -> dict[str, int]:
    """A mapping of colour symbols to palette roles, such as ``"K=1 R=2"``.

    >>> parse_roles("k=1, R=12", "p")
    {'K': 1, 'R': 12}
    """
    out = {}
    for t in (t for t in _SEP.split(text.strip()) if t):
        m = re.match(r"^([A-Za-z]{1,3})=(\d{1,2})$", t)
        if m is None or int(m.group(2)) > 47:
            raise ParameterError(
                f"{t!r} is not a colour mapping such as 'R=2' (roles 0 to 47)", path
            )
        out[m.group(1).upper()] = int(m.group(2))
    return out
