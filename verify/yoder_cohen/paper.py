"""The paper's claims (``Model.claims``), each checked against the derived closed forms.

The claims are data the model declares (for Yoder & Cohen:
:mod:`gametrees.builders.yoder_cohen.claims`), never used to build or solve anything.
A printed formula is compared symbolically with the quantity
:mod:`gametrees.verify.yoder_cohen.closed_forms` derives from the payoffs; when they
differ, the row gives a parameter point where the two values differ. Sign and bound
claims get the derived expression and its value at the point (their truth over the
whole valid space is what ``gametrees check`` and the tests examine). Claims about the
equilibrium set are checked against the set computed at the point
(:func:`class_claim_notes`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from gametrees.builders.api import Model
from gametrees.builders.claims import BoundClaim, ClassClaim, FormulaClaim, Quantity, SignClaim
from gametrees.verify.yoder_cohen.closed_forms import forms, model_symbols

__all__ = ["FormulaRow", "class_claim_notes", "formula_rows", "quantity"]


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


def _value(expr: sp.Expr, model: Model, params: Any) -> Fraction:
    subs = {sym: sp.Rational(str(getattr(params, str(sym)))) for sym in expr.free_symbols}
    val = sp.Rational(expr.subs(subs))  # exact: every symbol is replaced by a rational
    return Fraction(int(val.p), int(val.q))


def _witness(model: Model, diff: sp.Expr, params: Any) -> tuple[Any, str]:
    """A parameter point where ``diff`` is non-zero: ``params`` itself, else a nudge of it."""
    if _value(diff, model, params) != 0:
        return params, "at this parameter point"
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


def quantity(model: Model, q: Quantity) -> sp.Expr:
    """The derived expression of the quantity ``q`` (see :mod:`gametrees.builders.yoder_cohen.claims`)."""
    f = forms(model)
    if q.name == "support_cutoff" and not q.args:
        return f.support_cutoff
    if q.name == "ally_cutoff" and not q.args:
        return f.ally_cutoff
    if q.name == "threshold" and tuple(q.args) in f.thresholds:
        return f.thresholds[tuple(q.args)]
    raise ValueError(
        f"{model.name}: unknown quantity {q} (known: support_cutoff, ally_cutoff, threshold(t, regime))"
    )


def _parse(model: Model, text: str) -> sp.Expr:
    return sp.sympify(text, locals=vars(model_symbols(model)))


def formula_rows(model: Model, params: Any) -> list[FormulaRow]:
    """Every formula, sign and bound claim of ``model`` with its verdict at ``params``."""
    rows = []
    for claim in model.claims:
        if isinstance(claim, SignClaim):
            rows.append(_sign_row(model, claim, params))
        elif isinstance(claim, BoundClaim):
            rows.append(_bound_row(model, claim, params))
        elif isinstance(claim, FormulaClaim):
            rows.append(_formula_row(model, claim, params))
    return rows


def _formula_row(model: Model, pf: FormulaClaim, params: Any) -> FormulaRow:
    derived = sp.simplify(quantity(model, pf.quantity))
    dval = _value(derived, model, params)
    if pf.printed is None:
        return FormulaRow(
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
    return FormulaRow(
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


def _sign_row(model: Model, claim: SignClaim, params: Any) -> FormulaRow:
    expr = quantity(model, claim.left)
    if claim.right is not None:
        expr = expr - quantity(model, claim.right)
    shift = sp.simplify(expr)
    val = _value(shift, model, params)
    holds = val > 0 if claim.sign > 0 else val < 0
    printed = ("> 0" if claim.sign > 0 else "< 0") + (
        f" ({claim.left} minus {claim.right})" if claim.right is not None else f" ({claim.left})"
    )
    return FormulaRow(
        claim.name,
        claim.where,
        printed,
        str(shift),
        sp.latex(shift),
        "",
        str(val),
        "holds" if holds else "FAILS",
        f"the difference is {val} at this point (its sign over random valid parameters is "
        "checked by the tests and by gametrees check)"
        if holds
        else f"at this point the difference is {val}",
    )


def _bound_row(model: Model, claim: BoundClaim, params: Any) -> FormulaRow:
    s = model_symbols(model)
    expr = quantity(model, claim.quantity)
    par = getattr(s, claim.parameter)
    (crossing,) = sp.solve(sp.Eq(expr, claim.bound), par)
    slope = sp.simplify(sp.diff(expr, par))
    monotone = slope.is_positive if claim.increasing else slope.is_negative
    val = _value(expr, model, params)
    beyond = val > claim.bound if claim.increasing else val < claim.bound
    side = ">" if claim.increasing else "<"
    return FormulaRow(
        claim.name,
        claim.where,
        f"{claim.quantity} {side} {claim.bound} for {claim.parameter} above a bound",
        f"{claim.parameter} > {sp.simplify(crossing)}",
        sp.latex(sp.simplify(crossing)),
        "",
        str(val),
        "holds" if monotone else "FAILS",
        f"{claim.quantity} {'increases' if claim.increasing else 'decreases'} in "
        f"{claim.parameter} (derivative {slope}); here it is {val}, "
        f"{'beyond' if beyond else 'not beyond'} {claim.bound}",
    )


def claim_conditional(claim: object) -> bool:
    """Does the claim hold only under conditions on the parameters?"""
    return bool(getattr(claim, "conditions", ()))


def class_claim_notes(model: Model, found_classes: Iterable[str]) -> list[str]:
    """Findings: the model's claims about which classes of equilibrium exist that the
    equilibrium set found at a point contradicts (``found_classes`` are class kinds)."""
    kinds = set(found_classes)
    notes = []
    for claim in model.claims:
        if claim_conditional(claim):
            continue  # checked where its conditions hold, by gametrees check
        if isinstance(claim, ClassClaim) and (claim.eq_class in kinds) != claim.exists:
            found = "exists" if claim.eq_class in kinds else "does not exist"
            notes.append(
                f"Finding: a {claim.eq_class} PBE {found} at this point, although the paper "
                f"says ({claim.where}): {claim.name.split(': ', 1)[-1]}."
            )
    return notes
