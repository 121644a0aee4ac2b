"""Label text for figures: exact numbers and sympy formulas as Graphviz HTML and LaTeX.

Every label is produced twice from the same data: as a Graphviz HTML-like label
(``<I>``, ``<O>`` overline, ``<U>`` underline, ``<SUB>``, ``<SUP>``) for DOT, and as
LaTeX for TikZ. :func:`formula` prints a sympy expression the way a paper writes
payoffs, following the model's :class:`~gametrees.notation.Notation`: its leading terms
first, positive before negative terms, factors and terms in the paper's order (for
Yoder & Cohen: "ϕᾱx + ᾱ(π + w) + u − c"). Names the notation does not list are
typeset by generic rules: Greek names as Greek letters, ``k_A`` as italic k with a roman
subscript A.

(Graphviz 2.43 misplaces ``<O>`` overlines when a label has several of them or several
lines; a notation may use a precomposed character such as U+1FB1, alpha with macron.)

>>> import sympy as sp
>>> formula(sp.Symbol("phi") * sp.Symbol("k_A") - 1).html
'<I>k</I><SUB>A</SUB><I>ϕ</I> − 1'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from html import escape
from typing import Literal

import sympy as sp

from gametrees.notation import Notation

__all__ = [
    "Label",
    "MINUS",
    "PLAIN",
    "fraction",
    "formula",
    "html_text",
    "symbol",
    "tex_text",
]

Style = Literal["html", "tex"]

#: The typographic minus sign used in HTML labels.
MINUS = "\u2212"

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "ϕ",
    "psi": "ψ",
    "omega": "ω",
}

#: The notation used when a model gives none: the generic rules only.
PLAIN = Notation()


@dataclass(frozen=True)
class Label:
    """One piece of label text in both output languages."""

    html: str
    tex: str

    def __add__(self, other: Label) -> Label:
        return Label(self.html + other.html, self.tex + other.tex)


def html_text(text: str) -> str:
    """Plain text escaped for a Graphviz HTML-like label."""
    return escape(text, quote=True)


def tex_text(text: str) -> str:
    """Plain text escaped for LaTeX text mode."""
    out = []
    for ch in text:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch == "~":
            out.append(r"\textasciitilde{}")
        elif ch == "^":
            out.append(r"\textasciicircum{}")
        elif ch == "\\":
            out.append(r"\textbackslash{}")
        elif ch == "…":
            out.append(r"\ldots{}")
        else:
            out.append(ch)
    return "".join(out)


def fraction(value: Fraction | int) -> Label:
    """An exact rational: ``−3/10`` in HTML (true minus sign), ``$-\\frac{3}{10}$`` in LaTeX."""
    v = Fraction(value)
    sign_h = MINUS if v < 0 else ""
    sign_t = "-" if v < 0 else ""
    a = abs(v)
    if a.denominator == 1:
        return Label(f"{sign_h}{a.numerator}", f"${sign_t}{a.numerator}$")
    return Label(
        f"{sign_h}{a.numerator}/{a.denominator}",
        f"${sign_t}\\tfrac{{{a.numerator}}}{{{a.denominator}}}$",
    )


def symbol(name: str, notation: Notation = PLAIN) -> Label:
    """A parameter name as math: the notation's symbol if it has one, else the generic rules
    (``k_A`` -> italic k with roman subscript A, ``phi`` -> ϕ)."""
    if name in notation.symbols:
        h, t = notation.symbols[name]
        return Label(h, t)
    base, _, sub = name.partition("_")
    if base in _GREEK:
        h_base, t_base = f"<I>{_GREEK[base]}</I>", f"\\{base}"
    else:
        h_base, t_base = (
            f"<I>{html_text(base)}</I>",
            base if len(base) == 1 else rf"\mathit{{{base}}}",
        )
    if not sub:
        return Label(h_base, t_base)
    return Label(f"{h_base}<SUB>{html_text(sub)}</SUB>", f"{t_base}_{{\\mathrm{{{sub}}}}}")


def _rank(name: str, order: list[str]) -> int:
    return order.index(name) if name in order else len(order)


class _Printer:
    """A small sympy printer for sums of products of parameters (the models' payoffs)."""

    def __init__(self, style: Style, notation: Notation) -> None:
        self.style = style
        self.notation = notation

    def _factor_key(self, f: sp.Expr) -> tuple[int, int, str]:
        order = list(self.notation.factor_order)
        if f.is_Number:
            return (0, 0, "")
        if isinstance(f, sp.Symbol):
            return (1, _rank(f.name, order), f.name)
        if isinstance(f, sp.Pow) and isinstance(f.base, sp.Symbol):
            return (1, _rank(f.base.name, order), f.base.name)
        return (2, 0, sp.srepr(f))

    def _term_key(self, t: sp.Expr) -> tuple[int, int, int, str]:
        names = {s.name for s in t.free_symbols}
        stage = 0 if names & self.notation.leading else 1
        negative = 1 if t.as_coeff_Mul()[0] < 0 else 0
        rank = min((_rank(n, list(self.notation.term_order)) for n in names), default=-1)
        return (stage, negative, rank, sp.srepr(t))

    def minus(self) -> str:
        return MINUS if self.style == "html" else "-"

    def show(self, e: sp.Expr) -> str:
        if isinstance(e, sp.Symbol):
            lab = symbol(e.name, self.notation)
            return lab.html if self.style == "html" else lab.tex
        if e.is_Number:
            return self.number(e)
        if isinstance(e, sp.Add):
            return self.add(e)
        if isinstance(e, sp.Mul):
            return self.mul(e)
        if isinstance(e, sp.Pow):
            return self.power(e)
        raise ValueError(f"cannot print {e!r} in a figure label")

    def number(self, e: sp.Expr) -> str:
        r = sp.Rational(e)
        lab = fraction(Fraction(int(r.p), int(r.q)))
        return lab.html if self.style == "html" else lab.tex.strip("$")

    def add(self, e: sp.Add) -> str:
        out = ""
        for i, term in enumerate(sorted(e.args, key=self._term_key)):
            coeff, _ = term.as_coeff_Mul()
            neg = coeff < 0
            body = self.show(-term if neg else term)
            if i == 0:
                out = (self.minus() + body) if neg else body
            else:
                out += f" {self.minus()} {body}" if neg else f" + {body}"
        return out

    def mul(self, e: sp.Mul) -> str:
        coeff, rest = e.as_coeff_Mul()
        if coeff < 0:
            return self.minus() + self.show(-e)
        parts = []
        for f in sorted(sp.Mul.make_args(e), key=self._factor_key):
            if f == 1:
                continue
            text = self.show(f)
            if isinstance(f, sp.Add):
                text = f"({text})" if self.style == "html" else rf"\left({text}\right)"
            elif f.is_Rational and not f.is_Integer:
                text = f"({text})" if self.style == "html" else text
            parts.append(text)
        sep = "" if self.style == "html" else " "
        return sep.join(parts)

    def power(self, e: sp.Pow) -> str:
        base, exp = e.as_base_exp()
        b = self.show(base)
        if not isinstance(base, sp.Symbol):
            b = f"({b})"
        if exp == -1:
            return f"1/{b}" if self.style == "html" else rf"\frac{{1}}{{{self.show(base)}}}"
        x = self.show(exp)
        return f"{b}<SUP>{x}</SUP>" if self.style == "html" else f"{{{b}}}^{{{x}}}"


def formula(expr: sp.Expr, notation: Notation = PLAIN) -> Label:
    """A sympy expression as a label in ``notation``; the LaTeX side is in math mode
    (``$...$``)."""
    e = sp.sympify(expr)
    return Label(_Printer("html", notation).show(e), "$" + _Printer("tex", notation).show(e) + "$")
