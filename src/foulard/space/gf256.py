"""Arithmetic in GF(256), the field of the design space's genes.

Elements are bytes; addition is xor; multiplication goes through log/antilog tables
of the primitive element alpha = 2 modulo the primitive polynomial
x^8 + x^4 + x^3 + x^2 + 1 (0x11d, the usual Reed-Solomon choice). ``MUL`` is the
full 256 x 256 product table, so a vector of products by a constant is one gather.

>>> mul(0x53, 0xCA) == mul(0xCA, 0x53)
True
>>> mul(7, inverse(7))
1
>>> int(EXP[255]), int(LOG[2])
(1, 1)

References
----------
Lidl & Niederreiter 1997, *Finite Fields*, 2nd ed., ch. 2; Blahut 2003, *Algebraic
Codes for Data Transmission*, ch. 4.
"""

from __future__ import annotations

import numpy as np

__all__ = ["EXP", "LOG", "MUL", "PRIMITIVE", "div", "inverse", "mul", "poly_eval", "power"]

PRIMITIVE = 0x11D


def _tables() -> tuple[np.ndarray, np.ndarray]:
    exp = np.zeros(512, np.int64)
    log = np.zeros(256, np.int64)
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x <<= 1
        if x & 0x100:
            x ^= PRIMITIVE
    exp[255:510] = exp[:255]
    return exp, log


EXP, LOG = _tables()
EXP.setflags(write=False)
LOG.setflags(write=False)


def _mul_table() -> np.ndarray:
    a = np.arange(256)[:, None]
    b = np.arange(256)[None, :]
    table = EXP[(LOG[a] + LOG[b]) % 255].astype(np.uint8)
    table[0, :] = 0
    table[:, 0] = 0
    return table


MUL = _mul_table()
MUL.setflags(write=False)


def mul(a: int, b: int) -> int:
    """The product of two field elements."""
    if a == 0 or b == 0:
        return 0
    return int(EXP[LOG[a] + LOG[b]])


def div(a: int, b: int) -> int:
    """``a / b``; dividing by zero is an error."""
    if b == 0:
        raise ZeroDivisionError("division by zero in GF(256)")
    if a == 0:
        return 0
    return int(EXP[(LOG[a] - LOG[b]) % 255])


def inverse(a: int) -> int:
    """The multiplicative inverse of a non-zero element."""
    return div(1, a)


def power(a: int, n: int) -> int:
    """``a ** n`` (``0 ** 0`` is 1)."""
    if n == 0:
        return 1
    if a == 0:
        return 0
    return int(EXP[(LOG[a] * n) % 255])


def poly_eval(coeffs: list[int], x: int) -> int:
    """Value at ``x`` of the polynomial with ``coeffs`` (lowest degree first), by Horner."""
    y = 0
    for c in reversed(coeffs):
        y = mul(y, x) ^ c
    return y
