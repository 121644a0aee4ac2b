"""Grids: the finite stand-in for a model's continuous choice (MODEL.md section 3).

A default grid of ``n`` values on ``[lower, upper]`` is ``n`` evenly spaced values plus,
for every critical point ``t`` the model gives (a value where some player is
indifferent, such as a type's lowest acceptable offer), ``t`` itself and the point
``t + (upper - lower)/(10(n-1))`` just above it (where the indifference is broken), when
that is still inside. The grid knows nothing of any model: its critical points are given
to it (:attr:`gametrees.builders.api.Choice.critical_points`). Values are sorted
ascending and distinct.

>>> from fractions import Fraction
>>> choice_grid(Fraction(0), Fraction(1), 3, [Fraction(3, 5)])
(Fraction(0, 1), Fraction(1, 2), Fraction(3, 5), Fraction(13, 20), Fraction(1, 1))
>>> parse_values("0, 1/4, 0.5")
(Fraction(0, 1), Fraction(1, 4), Fraction(1, 2))
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from gametrees.builders.params import ParamError, as_fraction

__all__ = ["MAX_GRID", "choice_grid", "evenly_spaced", "explicit_grid", "parse_values"]

#: Largest grid accepted: 20,000 offers make a Yoder & Cohen tree of 440,000 nodes and a
#: 30 MB ``.efg`` file, which every command still reads back.
MAX_GRID = 20_000


def evenly_spaced(
    n: int, lower: Fraction = Fraction(0), upper: Fraction = Fraction(1)
) -> tuple[Fraction, ...]:
    """``n >= 2`` evenly spaced values from ``lower`` to ``upper`` inclusive."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise ParamError("grid", f"grid={n!r} must be a whole number")
    if n < 2:
        raise ParamError("grid", f"grid={n} must be >= 2 (the two ends of the range at least)")
    if n > MAX_GRID:
        raise ParamError("grid", f"grid={n} must be <= {MAX_GRID}")
    return tuple(lower + (upper - lower) * Fraction(i, n - 1) for i in range(n))


def choice_grid(
    lower: Fraction, upper: Fraction, n: int, critical: Iterable[Fraction]
) -> tuple[Fraction, ...]:
    """``n`` evenly spaced values of ``[lower, upper]`` plus each critical point inside it
    and a point just above it (see the module docstring)."""
    base = evenly_spaced(n, lower, upper)
    eps = (upper - lower) / (10 * (n - 1))
    points = set(base)
    for t in critical:
        if lower <= t <= upper:
            points.add(t)
            if t + eps <= upper:
                points.add(t + eps)
    return tuple(sorted(points))


def parse_values(text: str) -> tuple[Fraction, ...]:
    """Values from text such as ``"0, 1/4, 0.5"``; an empty list is an error."""
    items = [s for s in (part.strip() for part in text.split(",")) if s]
    if not items:
        raise ParamError("offers", f"{text!r} lists no values; give e.g. 0,1/2,1")
    return tuple(as_fraction("offers", v) for v in items)


def explicit_grid(
    values: Iterable[Any], lower: Fraction = Fraction(0), upper: Fraction = Fraction(1)
) -> tuple[Fraction, ...]:
    """An explicit list of values, checked: exact, inside ``[lower, upper]``, distinct;
    order kept."""
    out = tuple(as_fraction("offers", v) for v in values)
    if not out:
        raise ParamError("offers", "the grid is empty")
    if len(out) > MAX_GRID:
        raise ParamError("offers", f"{len(out)} values; at most {MAX_GRID}")
    seen: set[Fraction] = set()
    for x in out:
        if not lower <= x <= upper:
            raise ParamError("offers", f"value {x} is outside [{lower}, {upper}]")
        if x in seen:
            raise ParamError("offers", f"value {x} appears twice in the grid")
        seen.add(x)
    return out
