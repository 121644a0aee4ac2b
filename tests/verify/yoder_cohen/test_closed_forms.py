"""Tests of gametrees.verify.yoder_cohen.closed_forms: the derived cutoffs and thresholds of both models.

Each threshold is checked by what defines it: plugged back into the payoffs with exact
Fractions at random valid points, the type is exactly indifferent between accepting and
rejecting (and strictly prefers the right side either way).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import model_points

from gametrees.builders import MODELS as BUILTIN
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.baseline import outcome_payoffs as baseline_payoffs
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.builders.yoder_cohen.client import ClientParams
from gametrees.builders.yoder_cohen.client import outcome_payoffs as client_payoffs
from gametrees.verify.yoder_cohen.closed_forms import (
    REGIMES,
    compile_exact,
    forms,
    model_symbols,
    thresholds,
)

PAYOFFS = {"baseline": baseline_payoffs, "client": client_payoffs}
ALPHA = {"hi": "alpha_hi", "lo": "alpha_lo"}


def points(model):
    return model_points(model, allow_tie=True, wide=True)


MODELS = [BASELINE, CLIENT]


@pytest.mark.parametrize("model", MODELS)
def test_support_cutoff_is_c_over_w(model):
    s = model_symbols(model)
    assert sp.simplify(forms(model).support_cutoff - s.c / s.w) == 0


@pytest.mark.parametrize("model", MODELS)
def test_ally_cutoff_is_u_over_w(model):
    s = model_symbols(model)
    assert sp.simplify(forms(model).ally_cutoff - s.u / s.w) == 0


@pytest.mark.parametrize("model", MODELS)
def test_every_type_and_regime_has_a_threshold(model):
    f = forms(model)
    assert set(f.thresholds) == {(t, r) for t in ("hi", "lo") for r in REGIMES}
    for expr in f.thresholds.values():
        assert f.x not in expr.free_symbols


def a_pay(model, p, t, x, accept, regime):
    """A's payoff of type t responding so when P replies by ``regime`` (the supporter
    supports, the abandoner abandons after an alliance)."""
    ally_acc, ally_rej = REGIMES[regime]
    ally = ally_acc if accept else ally_rej
    return PAYOFFS[model.name](p, getattr(p, ALPHA[t]), x, accept, ally, t == "hi")["A"]


def check_indifference(model, p):
    T = thresholds(model, p)
    for (t, regime), x in T.items():
        assert type(x) is F
        acc, rej = a_pay(model, p, t, x, True, regime), a_pay(model, p, t, x, False, regime)
        assert acc == rej, (t, regime)
        # Accepting is strictly better above the threshold and strictly worse below.
        assert a_pay(model, p, t, x + F(1, 100), True, regime) > rej
        assert a_pay(model, p, t, x - F(1, 100), True, regime) < rej


@pytest.mark.parametrize("model", MODELS)
def test_thresholds_make_each_type_indifferent_at_the_defaults(model):
    check_indifference(model, model.params_type())


@settings(max_examples=60, deadline=None)
@given(points(BASELINE))
def test_baseline_thresholds_make_each_type_indifferent(p):
    check_indifference(BASELINE, p)


@settings(max_examples=60, deadline=None)
@given(points(CLIENT))
def test_client_thresholds_make_each_type_indifferent(p):
    check_indifference(CLIENT, p)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(MODELS).flatmap(lambda m: st.tuples(st.just(m), points(m))))
def test_cutoffs_make_a_and_p_indifferent(point):
    model, p = point
    pay = PAYOFFS[model.name]
    x = F(1, 3)
    # A with alpha = c/w is indifferent between supporting and abandoning (after either response).
    star = p.c / p.w
    for accept in (True, False):
        assert pay(p, star, x, accept, True, True)["A"] == pay(p, star, x, accept, True, False)["A"]
    # P with belief u/w (supporter supports, abandoner abandons) is indifferent.
    mu = p.u / p.w
    for accept in (True, False):
        ally = (
            mu * pay(p, p.alpha_hi, x, accept, True, True)["P"]
            + (1 - mu) * pay(p, p.alpha_lo, x, accept, True, False)["P"]
        )
        not_ = (
            mu * pay(p, p.alpha_hi, x, accept, False, False)["P"]
            + (1 - mu) * pay(p, p.alpha_lo, x, accept, False, False)["P"]
        )
        assert ally == not_


def sympy_value(expr, p):
    subs = {sym: sp.Rational(str(getattr(p, str(sym)))) for sym in expr.free_symbols}
    v = sp.Rational(expr.subs(subs))  # exact (sp.nsimplify may turn a rational into radicals)
    return F(int(v.p), int(v.q))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(MODELS).flatmap(lambda m: st.tuples(st.just(m), points(m))))
def test_compiled_thresholds_equal_sympy_substitution(point):
    model, p = point
    f = forms(model)
    T = thresholds(model, p)
    for key, expr in f.thresholds.items():
        assert T[key] == sympy_value(expr, p), key
    assert compile_exact(f.ally_cutoff, model)(p) == p.u / p.w == sympy_value(f.ally_cutoff, p)
    assert compile_exact(f.support_cutoff, model)(p) == p.c / p.w


def test_none_thresholds_match_a_hand_derivation():
    # Typed from MODEL.md: without an alliance, phi*alpha*x + alpha*pi = phi*w*alpha - k_A + alpha*pi.
    p = BaselineParams()
    T = thresholds(BASELINE, p)
    for t in ("hi", "lo"):
        a = getattr(p, ALPHA[t])
        assert T[(t, "none")] == (p.phi * p.w * a - p.k_A) / (p.phi * a)
    # Client: phi*beta*x + alpha*pi = phi*z*w*beta - k_A + alpha*(pi - f).
    p = ClientParams(f=F(1, 20), z=F(3, 2))
    T = thresholds(CLIENT, p)
    for t in ("hi", "lo"):
        a = getattr(p, ALPHA[t])
        assert T[(t, "none")] == (p.phi * p.z * p.w * p.beta - p.k_A - a * p.f) / (p.phi * p.beta)


def test_unknown_model_raises():
    with pytest.raises(TypeError, match="does not declare the Yoder & Cohen shape"):
        forms(BUILTIN["beer_quiche"])
