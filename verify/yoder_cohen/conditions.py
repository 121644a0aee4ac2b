"""Symbolic conditions for each equilibrium class, derived from the closed forms.

For a class -- the types' responses on the path and P's replies (its *regime*) -- the
offerer's cheapest offer that produces it, ``x*``, and the conditions under which the
continuation there is sequentially rational are expressions in the parameters:

* ``PE-accept``: ``x* = max(T_hi, T_lo, 0)`` with ``x* <= 1``; P's reply to acceptance is
  optimal at its prior ``q`` (ally iff ``q >= u/w``); an alliance after the unused
  rejection needs some belief that justifies it (``u/w <= 1``).
* ``SE`` (the abandoner accepts in the baseline, the supporter in the extension; the
  other direction is ``SE-reversed``):
  ``x* = max(T_accepter, 0)`` with ``x* <= T_rejecter`` and ``x* <= 1``; P's beliefs are
  0 and 1, so it allies after the supporter's response iff ``w >= u`` and never after the
  abandoner's.
* ``PE-reject``: every offer the types both reject will do (``x* = 0`` needs
  ``T_hi, T_lo >= 0``); P's reply to rejection is optimal at ``q``.

The thresholds ``T`` are those of the class's regime. Whether the offerer prefers ``x*``
to every deviation depends on the continuations at all other offers, so that last
condition is evaluated, not printed: see :mod:`gametrees.verify.yoder_cohen.predict`. With P's off-path belief
ranges this distinguishes the paper's separating and acceptance-pooling equilibria by
regime (P's replies on and off the path).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

import sympy as sp

from gametrees.builders.api import Model
from gametrees.verify.yoder_cohen.closed_forms import REGIMES, forms, model_symbols, offer_game
from gametrees.verify.yoder_cohen.predict import offerer_outcome_forms

__all__ = ["ClassCondition", "ConditionCheck", "ConditionRow", "class_conditions", "evaluate"]


@dataclass(frozen=True)
class ClassCondition:
    """The symbolic conditions of one class: its candidate offer and its requirements."""

    kind: str
    regime: str
    at_stake: bool
    offer: sp.Expr
    conditions: tuple[tuple[str, sp.Basic], ...]
    offerer_value: sp.Expr

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.regime}{' (alliance at stake)' if self.at_stake else ''}"


def _p_reply(ally: bool, belief: sp.Expr, cutoff: sp.Expr) -> sp.Basic:
    return sp.Ge(belief, cutoff) if ally else sp.Le(belief, cutoff)


@cache
def class_conditions(model: Model) -> list[ClassCondition]:
    """Every class of ``model`` with its symbolic offer, conditions and offerer value."""

    f = forms(model)
    s = model_symbols(model)
    cutoff = f.ally_cutoff
    V = offerer_outcome_forms(model)
    shape = offer_game(model)
    prior = getattr(s, shape.offerer_prior)
    out = []
    for regime, (ally_acc, ally_rej) in REGIMES.items():
        T_hi, T_lo = f.thresholds[("hi", regime)], f.thresholds[("lo", regime)]
        at_stake = regime == shape.at_stake
        off_path_ok = {True: sp.Le(cutoff, 1), False: sp.true}

        def value(
            acc_hi: bool,
            acc_lo: bool,
            x: sp.Expr,
            ally_acc: bool = ally_acc,
            ally_rej: bool = ally_rej,
        ) -> sp.Expr:
            ally = {True: ally_acc, False: ally_rej}
            expr = (
                prior * V[("hi", acc_hi, ally[acc_hi], True)]
                + (1 - prior) * V[("lo", acc_lo, ally[acc_lo], False)]
            )
            return expr.subs(f.x, x)

        x_pool = sp.Max(T_hi, T_lo, 0)
        out.append(
            ClassCondition(
                "PE-accept",
                regime,
                at_stake,
                x_pool,
                (
                    ("both types accept an offer in [0, 1]", sp.Le(x_pool, 1)),
                    (
                        "P's reply to acceptance is optimal at its prior q",
                        _p_reply(ally_acc, s.q, cutoff),
                    ),
                    (
                        "some off-path belief after rejection justifies P's reply",
                        off_path_ok[ally_rej],
                    ),
                ),
                value(True, True, x_pool),
            )
        )
        T = {"hi": T_hi, "lo": T_lo}
        for accepter in (
            shape.separation,
            "lo" if shape.separation == "hi" else "hi",
        ):
            rejecter = "lo" if accepter == "hi" else "hi"
            x_sep = sp.Max(T[accepter], 0)
            belief = {"hi": sp.Integer(1), "lo": sp.Integer(0)}
            out.append(
                ClassCondition(
                    "SE" if accepter == shape.separation else "SE-reversed",
                    regime,
                    at_stake,
                    x_sep,
                    (
                        ("the accepting type's offer is in [0, 1]", sp.Le(x_sep, 1)),
                        ("the other type rejects it", sp.Le(x_sep, T[rejecter])),
                        (
                            "P's reply to acceptance is optimal at its posterior",
                            _p_reply(ally_acc, belief[accepter], cutoff),
                        ),
                        (
                            "P's reply to rejection is optimal at its posterior",
                            _p_reply(ally_rej, belief[rejecter], cutoff),
                        ),
                    ),
                    value(accepter == "hi", accepter == "lo", x_sep),
                )
            )
        out.append(
            ClassCondition(
                "PE-reject",
                regime,
                at_stake,
                sp.Integer(0),
                (
                    ("both types reject the offer 0", sp.And(sp.Ge(T_hi, 0), sp.Ge(T_lo, 0))),
                    (
                        "P's reply to rejection is optimal at its prior q",
                        _p_reply(ally_rej, s.q, cutoff),
                    ),
                    (
                        "some off-path belief after acceptance justifies P's reply",
                        off_path_ok[ally_acc],
                    ),
                ),
                value(False, False, sp.Integer(0)),
            )
        )
    return out


@dataclass(frozen=True)
class ConditionCheck:
    """One condition of a class at a parameter point: its words, LaTeX, and truth."""

    condition: str
    latex: str
    holds: bool


@dataclass(frozen=True)
class ConditionRow:
    """A class's closed-form offer, offerer value and conditions evaluated at a point, and
    whether the class was ``found`` among the PBE paths there."""

    eq_class: str
    offer: Fraction
    offerer_value: Fraction
    conditions: tuple[ConditionCheck, ...]
    found: bool

    @property
    def locally_feasible(self) -> bool:
        """Do all the class's conditions hold (the continuation at x* is sequentially rational)?"""
        return all(c.holds for c in self.conditions)


def _rational(expr: sp.Basic) -> Fraction:
    r = sp.Rational(expr)
    return Fraction(int(r.p), int(r.q))


def evaluate(cond: ClassCondition, params: Any, *, found: bool = False) -> ConditionRow:
    """The class's offer, each condition's truth and the offerer's value at ``params``."""
    subs = {sym: sp.Rational(str(getattr(params, str(sym)))) for sym in model_symbols_of(cond)}
    return ConditionRow(
        eq_class=cond.name,
        offer=_rational(cond.offer.subs(subs)),
        offerer_value=_rational(cond.offerer_value.subs(subs)),
        conditions=tuple(
            ConditionCheck(text, sp.latex(rel), bool(rel.subs(subs)))
            for text, rel in cond.conditions
        ),
        found=found,
    )


def model_symbols_of(cond: ClassCondition) -> set[sp.Symbol]:
    """Every parameter symbol a class condition uses."""
    syms: set[sp.Symbol] = set(cond.offer.free_symbols) | set(cond.offerer_value.free_symbols)
    for _, rel in cond.conditions:
        syms |= rel.free_symbols
    return syms
