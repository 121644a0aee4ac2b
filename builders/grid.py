"""Offer grids: the finite stand-in for the offer space [0, 1] (MODEL.md section 3).

The default grid of ``n`` offers is ``0, 1/(n-1), ..., 1`` plus, for every closed-form
threshold ``t`` of :func:`gametrees.verify.yoder_cohen.closed_forms.thresholds` that falls in [0, 1], the
threshold itself (where the type is indifferent) and the point ``t + 1/(10(n-1))``
just above it (where it strictly prefers to accept), when that is still <= 1.
The thresholds come from :mod:`gametrees.verify.yoder_cohen.closed_forms` only, never from copies.
Offers are sorted ascending and distinct; labels are ``x=3/10``.

>>> from fractions import Fraction
>>> from gametrees.builders.yoder_cohen.baseline import BaselineParams
>>> grid = offer_grid("baseline", BaselineParams(), 3)
>>> grid[0], grid[-1], Fraction(1, 2) in grid
(Fraction(0, 1), Fraction(1, 1), True)
>>> Fraction(3, 5) in grid  # the abandoner's threshold with the alliance at stake
True
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from gametrees.builders.params import ParamError, as_fraction

__all__ = ["evenly_spaced", "explicit_grid", "offer_grid", "parse_offers"]

#: Largest grid the CLI accepts (the tree has 22 nodes per offer).
MAX_GRID = 200_000


def evenly_spaced(n: int) -> tuple[Fraction, ...]:
    """``n >= 2`` evenly spaced offers from 0 to 1 inclusive."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise ParamError("grid", f"grid={n!r} must be a whole number")
    if n < 2:
        raise ParamError("grid", f"grid={n} must be >= 2 (the offers 0 and 1 at least)")
    if n > MAX_GRID:
        raise ParamError("grid", f"grid={n} must be <= {MAX_GRID}")
    return tuple(Fraction(i, n - 1) for i in range(n))


def offer_grid(model: str, params: Any, n: int) -> tuple[Fraction, ...]:
    """The default grid of ``model`` at ``params``: ``n`` even offers plus the thresholds."""
    from gametrees.verify.yoder_cohen.closed_forms import thresholds

    base = evenly_spaced(n)
    eps = Fraction(1, 10 * (n - 1))
    points = set(base)
    for t in thresholds(model, params).values():
        if 0 <= t <= 1:
            points.add(t)
            if t + eps <= 1:
                points.add(t + eps)
    return tuple(sorted(points))


def parse_offers(text: str) -> tuple[Fraction, ...]:
    """Offers from text such as ``"0, 1/4, 0.5"``."""
    items = [s for s in (part.strip() for part in text.split(",")) if s]
    return explicit_grid(items)


def explicit_grid(values: Iterable[Any]) -> tuple[Fraction, ...]:
    """An explicit list of offers, checked: exact, in [0, 1], distinct; order kept."""
    from gametrees.builders.yoder_cohen.tree import check_offers

    return check_offers([as_fraction("offers", v) for v in values])
