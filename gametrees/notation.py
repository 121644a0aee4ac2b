"""A model's notation: how its parameters and players are typeset in figures.

The generic rules (:mod:`gametrees.drawing.text`) typeset a parameter name as italic math:
Greek names as Greek letters (``phi`` -> ϕ), ``k_A`` with a roman subscript. A model
whose paper writes something else (``alpha_hi`` as ᾱ, the supporter as Ā) says so in its
:class:`Notation`, together with the order in which its paper writes factors and terms.

>>> n = Notation(symbols={"alpha_hi": ("<I>\\u1fb1</I>", r"\\overline{\\alpha}")})
>>> n.symbols["alpha_hi"][1]
'\\\\overline{\\\\alpha}'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Notation"]


@dataclass(frozen=True)
class Notation:
    """Typesetting of one model's symbols.

    ``symbols``: name -> ``(Graphviz HTML-like label, LaTeX math)`` for names the generic
    rules would not typeset as the paper does. ``factor_order``: names in the order the
    paper writes them inside a product (others follow, alphabetically). ``term_order``:
    names ranking the terms of a sum (a term ranks by its best-ranked name).
    ``leading``: a term containing any of these names is written first (e.g. stage-1
    terms before stage-2 ones).
    """

    symbols: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    factor_order: tuple[str, ...] = ()
    term_order: tuple[str, ...] = ()
    leading: frozenset[str] = frozenset()
