"""Exact parameter values and the errors raised when a model's assumptions fail.

Every model keeps its parameters in a frozen dataclass of exact ``Fraction`` values.
Values may be given as ``Fraction``, ``int``, or strings such as ``"3/10"`` or
``"0.3"``; a ``float`` is taken at its shortest decimal spelling (``0.3`` means 3/10,
not the binary double nearest to it).

>>> as_fraction("alpha_lo", "3/10")
Fraction(3, 10)
>>> as_fraction("alpha_lo", 0.3)
Fraction(3, 10)

Sizes are bounded so that no value a user can type makes the work unbounded: a value's
numerator and denominator have at most :data:`MAX_DIGITS` digits (an exponent in the text
may not exceed them either), which exact arithmetic on every model handles in
microseconds.

>>> as_fraction("k_A", "1e-5000")
Traceback (most recent call last):
...
gametrees.builders.params.ParamError: k_A=1e-5000: the exponent -5000 is too large (a value has at most 60 digits)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar

__all__ = ["MAX_DIGITS", "ParamError", "as_fraction", "replace_params", "require"]

#: Most digits a value's numerator or denominator may have.
MAX_DIGITS = 60
_MAX_BITS = int(MAX_DIGITS * 3.33) + 1
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_RATIO = re.compile(r"[+-]?[0-9]+/[0-9]+")


class ParamError(ValueError):
    """A parameter is malformed or violates a model assumption.

    ``name`` is the offending parameter (or the first one named in the condition).
    """

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def _bounded(name: str, shown: Any, value: Fraction) -> Fraction:
    if value.numerator.bit_length() > _MAX_BITS or value.denominator.bit_length() > _MAX_BITS:
        raise ParamError(
            name,
            f"{name}={shown}: too many digits (a value has at most {MAX_DIGITS} digits in its numerator and denominator)",
        )
    return value


def as_fraction(name: str, value: Any) -> Fraction:
    """Convert ``value`` to an exact ``Fraction`` or raise :class:`ParamError` naming ``name``.

    Accepts ``Fraction``, ``int``, finite ``float`` (at its shortest decimal spelling) and
    text: ``"3/10"``, ``"0.3"``, ``"2"``, ``"1e-3"``. Values with more than
    :data:`MAX_DIGITS` digits are refused.
    """
    if isinstance(value, bool):
        raise ParamError(name, f"{name}={value!r} is not a number")
    if isinstance(value, Fraction):
        return _bounded(name, value, value)
    if isinstance(value, int):
        if value.bit_length() > _MAX_BITS:
            raise ParamError(
                name,
                f"{name}: an integer of {value.bit_length()} bits has more than {MAX_DIGITS} digits",
            )
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParamError(name, f"{name}={value!r} is not a finite number")
        return as_fraction(name, repr(value))
    if isinstance(value, str):
        text = value.strip()
        shown = text if len(text) <= 40 else text[:37] + "..."
        if len(text) > 4 * MAX_DIGITS:
            raise ParamError(
                name,
                f"{name}={shown}: {len(text)} characters; a value has at most {MAX_DIGITS} digits",
            )
        decimal = _DECIMAL.fullmatch(text)
        if decimal is None and _RATIO.fullmatch(text) is None:
            raise ParamError(name, f"{name}={value!r} is not a number (use e.g. 3/10, 0.3 or 2)")
        if decimal is not None and decimal.group(1) is not None:
            exponent = int(decimal.group(1))
            if abs(exponent) > MAX_DIGITS:
                raise ParamError(
                    name,
                    f"{name}={shown}: the exponent {exponent} is too large (a value has at most {MAX_DIGITS} digits)",
                )
        try:
            return _bounded(name, shown, Fraction(text))
        except ZeroDivisionError:
            raise ParamError(name, f"{name}={value!r} divides by zero") from None
    raise ParamError(name, f"{name}={value!r} is not a number")


def require(ok: bool, name: str, message: str) -> None:
    """Raise :class:`ParamError` for ``name`` with ``message`` unless ``ok``."""
    if not ok:
        raise ParamError(name, message)


P = TypeVar("P")


def replace_params(params: P, changes: Mapping[str, Any]) -> P:
    """Return a copy of the dataclass ``params`` with ``changes`` applied and re-validated.

    Unknown names raise :class:`ParamError` listing the known ones.
    """
    known = [f.name for f in dataclasses.fields(params)]  # type: ignore[arg-type]
    for key in changes:
        if key not in known:
            raise ParamError(key, f"unknown parameter {key!r}; known: {', '.join(known)}")
    return dataclasses.replace(params, **dict(changes))  # type: ignore[type-var]
