"""Exact parameter values and the errors raised when a model's assumptions fail.

Every model keeps its parameters in a frozen dataclass of exact ``Fraction`` values.
Values may be given as ``Fraction``, ``int``, or strings such as ``"3/10"`` or
``"0.3"``; a ``float`` is taken at its shortest decimal spelling (``0.3`` means 3/10,
not the binary double nearest to it).

>>> as_fraction("alpha_lo", "3/10")
Fraction(3, 10)
>>> as_fraction("alpha_lo", 0.3)
Fraction(3, 10)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, TypeVar

__all__ = ["ParamError", "as_fraction", "replace_params", "require"]


class ParamError(ValueError):
    """A parameter is malformed or violates a model assumption.

    ``name`` is the offending parameter (or the first one named in the condition).
    """

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def as_fraction(name: str, value: Any) -> Fraction:
    """Convert ``value`` to an exact ``Fraction`` or raise :class:`ParamError` naming ``name``."""
    if isinstance(value, bool):
        raise ParamError(name, f"{name}={value!r} is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParamError(name, f"{name}={value!r} is not a finite number")
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ParamError(
                name, f"{name}={value!r} is not a number (use e.g. 3/10, 0.3 or 2)"
            ) from None
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
