"""Yoder & Cohen's (2025) notation, for figure labels.

The supporter's valuation ``alpha_hi`` is ᾱ (an overline), the abandoner's ``alpha_lo`` α̲
(an underline); the types themselves are Ā and A̲. Payoffs are written stage-1 terms
first (those with ``phi`` or a war cost), factors in the order ``ϕ z w β α x``, as in the
paper's Figure 2: "ϕᾱx + ᾱ(π + w) + u − c".
"""

from __future__ import annotations

from gametrees.notation import Notation

__all__ = ["NOTATION"]

NOTATION = Notation(
    symbols={
        # U+1FB1 (alpha with macron): Graphviz 2.43 misplaces <O> overlines in multi-line labels.
        "alpha_hi": ("<I>\u1fb1</I>", r"\overline{\alpha}"),
        "alpha_lo": ("<U><I>α</I></U>", r"\underline{\alpha}"),
        "alpha": ("<I>α</I>", r"\alpha"),
        "alpha_star": ("<I>α</I><SUP>*</SUP>", r"\alpha^{*}"),
        "A_hi": ("<O><I>A</I></O>", r"\overline{A}"),
        "A_lo": ("<U><I>A</I></U>", r"\underline{A}"),
    },
    factor_order=("phi", "z", "w", "beta", "alpha_hi", "alpha_lo", "alpha", "x"),
    term_order=("phi", "beta", "alpha_hi", "alpha_lo", "alpha", "pi", "w", "f", "u", "c"),
    leading=frozenset({"phi", "k_A", "k_R", "k_C"}),
)
