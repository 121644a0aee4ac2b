"""Closed forms of the Yoder & Cohen (2025) models, derived with sympy from the payoffs.

Nothing here is copied from the paper. Every expression is obtained by solving an
indifference condition built from the same payoff functions the builders use
(:func:`gametrees.builders.yoder_cohen.baseline.outcome_payoffs`, :func:`gametrees.builders.yoder_cohen.client.outcome_payoffs`),
called with sympy symbols instead of numbers.

Regimes
-------
What A expects from P after each response decides A's lowest acceptable offer. A
*regime* is the pair (P allies after accept, P allies after reject):

* ``"none"``: no alliance either way (``(False, False)``);
* ``"reject"``: alliance only after a rejection -- the baseline's "alliance at stake";
* ``"accept"``: alliance only after an acceptance -- the extension's "alliance at stake";
* ``"both"``: alliance either way.

Derivations are cached per model (they are pure functions of the model's payoffs);
exact evaluation at a parameter point goes through functions compiled to exact
``Fraction`` arithmetic, fast enough for sweeps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction
from functools import cache
from types import SimpleNamespace
from typing import Any

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

from gametrees.builders.api import Model, param_symbols
from gametrees.builders.yoder_cohen.tree import REGIMES, OfferGame
from gametrees.verify.yoder_cohen.types import offer_game

__all__ = [
    "REGIMES",
    "ModelForms",
    "compile_exact",
    "forms",
    "model_symbols",
    "offer_game",
    "abandoning_supporter_thresholds",
    "supporter_may_abandon",
    "thresholds",
]

#: A's types: short name -> parameter holding its valuation.
TYPE_PARAM = {"hi": "alpha_hi", "lo": "alpha_lo"}


def model_symbols(model: Model) -> SimpleNamespace:
    """One sympy symbol per parameter of ``model`` (:func:`gametrees.builders.api.param_symbols`)."""
    return param_symbols(model.params_type)


@dataclasses.dataclass(frozen=True)
class ModelForms:
    """The symbolic closed forms of one model, each a sympy expression in the parameters."""

    model: Model
    x: sp.Symbol
    #: alpha at which A is indifferent between supporting and abandoning (``alpha_star``).
    support_cutoff: sp.Expr
    #: belief mu at which P is indifferent between allying and not (supporter supports,
    #: abandoner abandons).
    ally_cutoff: sp.Expr
    #: lowest offer type t accepts in a regime: ``thresholds[(t, regime)]``.
    thresholds: dict[tuple[str, str], sp.Expr]
    #: the supporter's lowest acceptable offer per regime if it abandons after an alliance,
    #: as it may when exactly indifferent (``alpha_hi == c/w``, allowed by the model).
    abandoning_supporter_thresholds: dict[str, sp.Expr]
    #: P's gain from allying at posterior ``mu`` (symbol ``mu``), keyed by whether the
    #: supporter supports (the abandoner abandons).
    ally_gain: dict[bool, sp.Expr]


def _support_cutoff(mod: OfferGame, s: SimpleNamespace) -> sp.Expr:
    alpha, x = sp.symbols("alpha x", positive=True)
    gain = (
        mod.payoffs(s, alpha, x, True, True, True)["A"]
        - mod.payoffs(s, alpha, x, True, True, False)["A"]
    )
    (sol,) = sp.solve(sp.Eq(gain, 0), alpha)
    return sp.simplify(sol)


def _ally_cutoff(mod: OfferGame, s: SimpleNamespace, accept: bool) -> sp.Expr:
    mu, x = sp.symbols("mu x", positive=True)

    def p_pay(alpha: Any, ally: bool, support: bool) -> Any:
        return mod.payoffs(s, alpha, x, accept, ally, support)["P"]

    ally = mu * p_pay(s.alpha_hi, True, True) + (1 - mu) * p_pay(s.alpha_lo, True, False)
    not_ally = mu * p_pay(s.alpha_hi, False, False) + (1 - mu) * p_pay(s.alpha_lo, False, False)
    (sol,) = sp.solve(sp.Eq(ally, not_ally), mu)
    return sp.simplify(sol)


def _ally_gain(mod: OfferGame, s: SimpleNamespace, support_hi: bool) -> sp.Expr:
    """P's payoff from allying minus not allying at posterior ``mu`` (the same after
    either response; checked in :func:`forms`)."""
    mu, x = sp.Symbol("mu"), sp.Symbol("x", real=True)

    def gain(alpha: Any, support: bool) -> Any:
        return (
            mod.payoffs(s, alpha, x, True, True, support)["P"]
            - mod.payoffs(s, alpha, x, True, False, support)["P"]
        )

    return sp.simplify(mu * gain(s.alpha_hi, support_hi) + (1 - mu) * gain(s.alpha_lo, False))


def _threshold(
    mod: OfferGame,
    s: SimpleNamespace,
    x: sp.Symbol,
    t: str,
    regime: str,
    support: bool | None = None,
) -> sp.Expr:
    """Lowest offer type ``t`` accepts when P's replies are given by ``regime``.

    By default each type's support decision is the one the model's assumptions fix: the
    supporter supports (``alpha_hi >= c/w``), the abandoner abandons; ``support``
    overrides it.
    """
    alpha = getattr(s, TYPE_PARAM[t])
    if support is None:
        support = t == "hi"
    ally_acc, ally_rej = REGIMES[regime]
    accept = mod.payoffs(s, alpha, x, True, ally_acc, support)["A"]
    reject = mod.payoffs(s, alpha, x, False, ally_rej, support)["A"]
    (sol,) = sp.solve(sp.Eq(accept, reject), x)
    return sp.simplify(sol)


@cache
def forms(model: Model) -> ModelForms:
    """Derive (once per process) the closed forms of ``model`` (a model declaring an
    :class:`OfferGame`)."""
    mod = offer_game(model)
    s = model_symbols(model)
    x = sp.Symbol("x", real=True)
    cut_acc = _ally_cutoff(mod, s, True)
    cut_rej = _ally_cutoff(mod, s, False)
    if sp.simplify(cut_acc - cut_rej) != 0:  # pragma: no cover - a model property, checked in tests
        raise AssertionError(f"{model.name}: P's alliance cutoff differs after accept and reject")
    return ModelForms(
        model=model,
        x=x,
        support_cutoff=_support_cutoff(mod, s),
        ally_cutoff=cut_rej,
        thresholds={(t, r): _threshold(mod, s, x, t, r) for t in TYPE_PARAM for r in REGIMES},
        abandoning_supporter_thresholds={r: _threshold(mod, s, x, "hi", r, False) for r in REGIMES},
        ally_gain={True: _ally_gain(mod, s, True), False: _ally_gain(mod, s, False)},
    )


class _FractionPrinter(PythonCodePrinter):
    """Prints rationals as ``Fraction(p, q)`` so compiled code stays exact."""

    def _print_Rational(self, expr: sp.Rational) -> str:
        return f"Fraction({expr.p}, {expr.q})"

    def _print_Integer(self, expr: sp.Integer) -> str:
        return f"Fraction({expr.p})"

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        base, exp = expr.as_base_exp()
        if exp.is_Integer:
            b = self._print(base)
            if exp < 0:
                return f"(Fraction(1) / ({b}) ** {-int(exp)})"
            return f"({b}) ** {int(exp)}"
        raise ValueError(f"cannot compile {expr} to exact arithmetic")


def compile_exact(expr: sp.Expr, model: Model) -> Callable[[Any], Fraction]:
    """Compile ``expr`` to a function of a parameter object that returns an exact ``Fraction``."""
    names = sorted(str(s) for s in expr.free_symbols)
    code = _FractionPrinter().doprint(expr)
    src = "def _f(p):\n"
    for n in names:
        src += f"    {n} = p.{n}\n"
    src += f"    return Fraction({code})\n"
    env: dict[str, Any] = {"Fraction": Fraction}
    exec(compile(src, f"<closed form {model.name}: {expr}>", "exec"), env)  # noqa: S102 - our own code
    return env["_f"]


@cache
def _compiled_thresholds(model: Model) -> dict[tuple[str, str], Callable[[Any], Fraction]]:
    f = forms(model)
    return {k: compile_exact(e, model) for k, e in f.thresholds.items()}


@cache
def _compiled_abandoning(model: Model) -> dict[str, Callable[[Any], Fraction]]:
    return {
        r: compile_exact(e, model) for r, e in forms(model).abandoning_supporter_thresholds.items()
    }


def abandoning_supporter_thresholds(model: Model, params: Any) -> dict[str, Fraction]:
    """The supporter's lowest acceptable offer per regime if it abandons after an alliance
    (relevant only where it is indifferent, ``alpha_hi == c/w``)."""
    return {r: f(params) for r, f in _compiled_abandoning(model).items()}


def supporter_may_abandon(model: Model, params: Any) -> bool:
    """Is the supporter exactly indifferent about supporting (``alpha_hi`` at the cutoff)?"""
    return _compiled_support_cutoff(model)(params) == params.alpha_hi


@cache
def _compiled_support_cutoff(model: Model) -> Callable[[Any], Fraction]:
    return compile_exact(forms(model).support_cutoff, model)


def thresholds(model: Model, params: Any) -> dict[tuple[str, str], Fraction]:
    """Each type's lowest acceptable offer in each regime, exactly, at ``params``.

    Keys are ``(type, regime)`` with type ``"hi"`` (supporter) or ``"lo"`` (abandoner)
    and regime one of :data:`REGIMES`. Values may lie outside [0, 1].
    """
    return {k: f(params) for k, f in _compiled_thresholds(model).items()}
