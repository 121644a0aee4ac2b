"""Numbers for people: exact values shown exactly when short, floats and long fractions rounded.

>>> from fractions import Fraction as F
>>> show(F(1, 3)), show(0.333333333), show(F(9318762984070870, 5 * 10**18)), show(None)
('1/3', '0.3333', '0.001864', '-')
>>> magnitude(10**5000 + 1)
'about 10^5000'
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["DIGITS", "magnitude", "show", "visible"]

#: Significant digits of a rounded number (``--digits``).
DIGITS = 4
#: Longest exact fraction shown as it is (numerator and denominator together).
_SHORT = 12


def show(value: Fraction | float | int | None, digits: int = DIGITS) -> str:
    """``value`` as text: a short exact rational as it is (``1/3``), anything else rounded to
    ``digits`` significant digits (``0.3333``); ``None`` as ``-``."""
    if value is None:
        return "-"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if value.bit_length() < 64 else magnitude(value)
    if isinstance(value, Fraction):
        if value.numerator.bit_length() < 40 and value.denominator.bit_length() < 40:
            text = str(value)
            if len(text) <= _SHORT:
                return text
        value = float(value)
    f = float(value)
    if f == 0:
        return "0"
    text = f"{f:.{digits}g}"
    return text


def visible(value: Fraction | float | None, digits: int = DIGITS) -> bool:
    """Is ``value`` (a probability) non-zero at ``digits`` significant digits' precision,
    i.e. at least half a unit of the ``digits``-th decimal place (``5e-5`` for 4 digits)?"""
    return value is not None and float(value) >= 0.5 * 10.0**-digits


def magnitude(n: int) -> str:
    """A huge non-negative integer by its order of magnitude, without printing its digits."""
    if n < 10**15:
        return str(n)
    bits = n.bit_length()
    exponent = int((bits - 1) * 0.30102999566398120)
    # refine: 10**exponent <= n < 10**(exponent + 1)
    while 10 ** (exponent + 1) <= n:
        exponent += 1
    while 10**exponent > n:
        exponent -= 1
    return f"about 10^{exponent}"
