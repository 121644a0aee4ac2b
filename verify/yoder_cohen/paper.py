"""The paper's printed formulas and claims, each checked against the derived closed forms.

The printed forms are typed here exactly as MODEL.md transcribes them from Yoder & Cohen
(2025) -- they are the claims under test, never used to build or solve anything. Each is
compared symbolically with the form :mod:`gametrees.verify.yoder_cohen.closed_forms` derives from the payoffs;
when they differ, the check reports a parameter point where the two values differ.
Claims that are not formulas (e.g. "no rejection pooling in the extension") are checked
at the parameter point against the equilibrium set that was computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp
from gametrees.verify.yoder_cohen.closed_forms import forms, model_symbols

__all__ = ["FormulaRow", "formula_rows", "printed_formulas"]


@dataclass(frozen=True)
class PrintedFormula:
    """One formula as printed in the paper and the derived form it should equal."""

    name: str
    where: str
    printed: str | None  # None: the paper prints it but the text extraction lost it
    derived: Callable[[str], sp.Expr]


@dataclass(frozen=True)
class FormulaRow:
    """One row of the report: a printed formula or claim and its verdict at a point."""

    name: str
    where: str
    printed: str
    derived: str
    derived_latex: str
    printed_value: str
    derived_value: str
    verdict: str  # "agrees", "DISAGREES", "not printed", "holds", "FAILS"
    note: str


def _t(t: str, regime: str) -> Callable[[str], sp.Expr]:
    return lambda model: forms(model).thresholds[(t, regime)]


def printed_formulas(model: str) -> list[PrintedFormula]:
    """The paper's printed formulas for ``model`` (MODEL.md sections 1 and 2)."""
    common = [
        PrintedFormula(
            "support cutoff alpha_star",
            "Specification; MODEL.md s1",
            "c/w",
            lambda m: forms(m).support_cutoff,
        ),
        PrintedFormula(
            "P's alliance cutoff on beliefs",
            "Equilibrium analysis (q > u/w); MODEL.md s1",
            "u/w",
            lambda m: forms(m).ally_cutoff,
        ),
    ]
    if model == "baseline":
        return common + [
            PrintedFormula(
                "PE: supporter's lowest acceptable offer, no alliance at stake",
                "Comparative statics; MODEL.md s1",
                "w - k_A/(phi*alpha_hi)",
                _t("hi", "none"),
            ),
            PrintedFormula(
                "PE: supporter's lowest acceptable offer, alliance at stake",
                "Comparative statics; MODEL.md s1",
                "w - k_A/(phi*alpha_hi) + (w*alpha_lo + u - c)/(phi*alpha_hi)",
                _t("hi", "reject"),
            ),
            PrintedFormula(
                "SE: abandoner's lowest acceptable offer, no alliance at stake",
                "Comparative statics (lost in the text extraction)",
                None,
                _t("lo", "none"),
            ),
            PrintedFormula(
                "SE: abandoner's lowest acceptable offer, alliance at stake",
                "Comparative statics (lost in the text extraction)",
                None,
                _t("lo", "reject"),
            ),
        ]
    return common + [
        PrintedFormula(
            "SE: supporter's lowest acceptable offer, no alliance at stake",
            "Extension, Results; MODEL.md s2",
            "z*w - (k_A + f*alpha_hi)/(phi*beta)",
            _t("hi", "none"),
        ),
        PrintedFormula(
            "SE: supporter's lowest acceptable offer, alliance at stake",
            "Extension, Results; MODEL.md s2",
            "z*w - (k_A + f*alpha_hi)/(phi*beta) - (u - c + w*alpha_hi)/(phi*beta)",
            _t("hi", "accept"),
        ),
        PrintedFormula(
            "PE: abandoner's lowest acceptable offer, no alliance at stake",
            "Extension, Results; MODEL.md s2",
            "z*w - (k_A + f*alpha_lo)/(phi*beta)",
            _t("lo", "none"),
        ),
        PrintedFormula(
            "PE: abandoner's lowest acceptable offer, alliance at stake",
            "Extension, Results; MODEL.md s2",
            "z*w - (k_A + f*alpha_lo)/(phi*beta) - u/(phi*beta)",
            _t("lo", "accept"),
        ),
    ]


def _parse(model: str, text: str) -> sp.Expr:
    return sp.sympify(text, locals=vars(model_symbols(model)))


def _value(expr: sp.Expr, model: str, params: Any) -> Fraction:
    subs = {sym: sp.Rational(str(getattr(params, str(sym)))) for sym in expr.free_symbols}
    val = sp.Rational(expr.subs(subs))  # exact: every symbol is replaced by a rational
    return Fraction(int(val.p), int(val.q))


def _witness(model: str, diff: sp.Expr, params: Any) -> tuple[Any, str]:
    """A parameter point where ``diff`` is non-zero: ``params`` itself, else a nudge of it."""
    if _value(diff, model, params) != 0:
        return params, "at this parameter point"
    import dataclasses

    for f in dataclasses.fields(params):
        for factor in (Fraction(11, 10), Fraction(9, 10)):
            try:
                cand = dataclasses.replace(params, **{f.name: getattr(params, f.name) * factor})
            except ValueError:
                continue
            if _value(diff, model, cand) != 0:
                return (
                    cand,
                    f"at this point they coincide; they differ at {f.name}={getattr(cand, f.name)}",
                )
    return params, "no witness found near this point"


def formula_rows(model: str, params: Any) -> list[FormulaRow]:
    """Every printed formula of ``model`` with its verdict at ``params``."""
    rows = []
    for pf in printed_formulas(model):
        derived = sp.simplify(pf.derived(model))
        dval = _value(derived, model, params)
        if pf.printed is None:
            rows.append(
                FormulaRow(
                    pf.name,
                    pf.where,
                    "(lost in the text extraction)",
                    str(derived),
                    sp.latex(derived),
                    "",
                    str(dval),
                    "not printed",
                    "the paper prints this threshold but the available text lost it; "
                    "the derived form is reported for the reader to compare",
                )
            )
            continue
        printed = _parse(model, pf.printed)
        diff = sp.simplify(printed - derived)
        pval = _value(printed, model, params)
        if diff == 0:
            verdict, note = "agrees", "identical as expressions"
        else:
            point, where = _witness(model, diff, params)
            verdict = "DISAGREES"
            note = (
                f"printed - derived = {diff}; {where}: printed {_value(printed, model, point)}, "
                f"derived {_value(derived, model, point)}"
            )
        rows.append(
            FormulaRow(
                pf.name,
                pf.where,
                pf.printed,
                str(derived),
                sp.latex(derived),
                str(pval),
                str(dval),
                verdict,
                note,
            )
        )
    rows.extend(_threshold_claims(model, params))
    return rows


def _threshold_claims(model: str, params: Any) -> list[FormulaRow]:
    """Claims about the direction of the threshold shifts (footnote 38, Results 1, 2, 4)."""
    f = forms(model)
    s = model_symbols(model)
    stake = "reject" if model == "baseline" else "accept"
    rows = []
    for t, label in (("hi", "supporter"), ("lo", "abandoner")):
        shift = sp.simplify(f.thresholds[(t, stake)] - f.thresholds[(t, "none")])
        val = _value(shift, model, params)
        expected_up = model == "baseline"
        holds = val > 0 if expected_up else val < 0
        claim = (
            "Result 1 / footnote 38: alliance at stake raises"
            if expected_up
            else "Result 4: alliance at stake lowers"
        )
        rows.append(
            FormulaRow(
                f"{claim} the {label}'s threshold",
                "Results 1, 4; footnote 38",
                ("> 0" if expected_up else "< 0") + " (shift with minus without alliance at stake)",
                str(shift),
                sp.latex(shift),
                "",
                str(val),
                "holds" if holds else "FAILS",
                f"the shift is {val} at this point (its sign over random valid parameters is "
                "checked in tests/verify/test_paper.py)"
                if holds
                else f"at this point the shift is {val}",
            )
        )
    # Result 2 (baseline) / Result 4 (client): the supporter's threshold leaves [0, 1].
    x_hi = f.thresholds[("hi", stake)]
    if model == "baseline":
        (w_star,) = sp.solve(sp.Eq(x_hi, 1), s.w)
        val = _value(x_hi, model, params)
        rows.append(
            FormulaRow(
                "Result 2: for high w the supporter rejects every offer (threshold > 1)",
                "Result 2; footnote 40 (Proposition 3 not available)",
                "threshold > 1 for w above a bound",
                f"w > {sp.simplify(w_star)}",
                sp.latex(sp.simplify(w_star)),
                "",
                str(val),
                "holds" if sp.diff(x_hi, s.w).is_positive else "FAILS",
                f"the threshold increases in w (d/dw = {sp.simplify(sp.diff(x_hi, s.w))}); "
                f"here it is {val}, so the supporter {'rejects every offer' if val > 1 else 'accepts some offers'}",
            )
        )
    else:
        (u_star,) = sp.solve(sp.Eq(x_hi, 0), s.u)
        val = _value(x_hi, model, params)
        rows.append(
            FormulaRow(
                "Result 4: for large u the supporter accepts every offer (threshold < 0)",
                "Result 4; Proposition 6 (not available)",
                "threshold < 0 for u above a bound",
                f"u > {sp.simplify(u_star)}",
                sp.latex(sp.simplify(u_star)),
                "",
                str(val),
                "holds" if sp.diff(x_hi, s.u).is_negative else "FAILS",
                f"the threshold decreases in u; here it is {val}, so the supporter "
                f"{'accepts every offer' if val < 0 else 'rejects low offers'}",
            )
        )
    return rows
