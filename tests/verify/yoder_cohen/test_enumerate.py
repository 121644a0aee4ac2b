"""Tests of gametrees.verify.yoder_cohen.enumerate: the exact enumerator of pure and semi-separating continuations.

Every continuation it returns is checked against what the closed forms say it must be
(each type's threshold, P's cutoff u/w, Bayes' rule), with the checks recomputed here.
The paper's Results 1, 2 and 4 are stated over parameters and checked with hypothesis,
on the thresholds and on the built games.

Random points avoid the knife edge alpha_hi == c/w (the supporter indifferent about
supporting): see tests/verify/test_predict.py for that case.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import cache

import pytest
import strategies
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametrees.builders import MODELS as BUILTIN
from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.baseline import build as build_baseline
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.builders.yoder_cohen.client import ClientParams
from gametrees.builders.yoder_cohen.client import build as build_client
from gametrees.tree import Terminal, iter_nodes
from gametrees.verify.yoder_cohen.closed_forms import REGIMES, forms, model_symbols, thresholds
from gametrees.verify.yoder_cohen.enumerate import (
    continuations_exact,
    model_payoffs,
    per_offer_exact,
    semi_separating,
)

MODELS = [BASELINE, CLIENT]


def points(model):
    """Valid points with c/w strictly inside (alpha_lo, alpha_hi) (see tests/strategies.py)."""
    return strategies.model_points(model)


model_points = st.sampled_from(MODELS).flatmap(lambda m: st.tuples(st.just(m), points(m)))


def a_pay(model, p, t, x, accept, ally):
    alpha = p.alpha_hi if t == "hi" else p.alpha_lo
    return model_payoffs(model)(p, alpha, x, accept, ally, t == "hi")["A"]


def p_gain(model, p, t, x, accept):
    """P's gain from allying over not, against type t (supporter supports, abandoner abandons)."""
    alpha = p.alpha_hi if t == "hi" else p.alpha_lo
    pay = model_payoffs(model)
    return (
        pay(p, alpha, x, accept, True, t == "hi")["P"] - pay(p, alpha, x, accept, False, False)["P"]
    )


# ------------------------------------------------------------------ pure continuations


def check_pure(model, p, x):
    T = thresholds(model, p)
    cutoff = p.u / p.w
    conts = continuations_exact(model, p, x)
    assert conts == sorted(conts)
    for c in conts:
        assert c.x == x
        # Off the knife edge each type's support move is the one c/w dictates.
        assert c.support_hi is True and c.support_lo is False
        regime = c.regime
        assert REGIMES[regime] == (c.ally_accept, c.ally_reject)
        for t, acc in (("hi", c.accept_hi), ("lo", c.accept_lo)):
            if acc:
                assert x >= T[(t, regime)], (t, regime)
            else:
                assert x <= T[(t, regime)], (t, regime)
        # P's move at each set agrees with its posterior (Bayes on the path) against u/w.
        for response, ally, belief in (
            (True, c.ally_accept, c.belief_accept),
            (False, c.ally_reject, c.belief_reject),
        ):
            senders = [
                t for t, acc in (("hi", c.accept_hi), ("lo", c.accept_lo)) if acc == response
            ]
            if senders:
                mu = p.q if len(senders) == 2 else F(1 if senders == ["hi"] else 0)
                assert belief.on_path and belief.lo == belief.hi == mu
                assert (mu >= cutoff) if ally else (mu <= cutoff)
            else:
                assert not belief.on_path
                assert 0 <= belief.lo <= belief.hi <= 1
                # Every belief in the range justifies P's move; the range is all of them.
                for mu in (belief.lo, belief.hi):
                    assert (mu >= cutoff) if ally else (mu <= cutoff)
                if ally:
                    assert belief.lo == max(F(0), cutoff) and belief.hi == 1
                else:
                    assert belief.lo == 0 and belief.hi == min(F(1), cutoff)
    # Conversely, every threshold-consistent pure profile is found.
    expected = set()
    for regime, (aa, ar) in REGIMES.items():
        for acc_hi in (True, False):
            for acc_lo in (True, False):
                ok = all(
                    (x >= T[(t, regime)]) if acc else (x <= T[(t, regime)])
                    for t, acc in (("hi", acc_hi), ("lo", acc_lo))
                )
                for response, ally in ((True, aa), (False, ar)):
                    senders = [t for t, acc in (("hi", acc_hi), ("lo", acc_lo)) if acc == response]
                    if senders:
                        mu = p.q if len(senders) == 2 else F(1 if senders == ["hi"] else 0)
                        ok = ok and ((mu >= cutoff) if ally else (mu <= cutoff))
                    elif ally:
                        ok = ok and cutoff <= 1
                if ok:
                    expected.add((acc_hi, acc_lo, regime))
    assert {(c.accept_hi, c.accept_lo, c.regime) for c in conts} == expected
    return conts


@settings(max_examples=60, deadline=None)
@given(model_points, st.integers(0, 20))
def test_pure_continuations_are_consistent_with_thresholds(point, xn):
    model, p = point
    check_pure(model, p, F(xn, 20))


@pytest.mark.parametrize("model", MODELS)
def test_pure_continuations_at_the_thresholds_of_the_defaults(model):
    p = model.params_type()
    for x in model.grid(p, 5):
        check_pure(model, p, x)


def test_offerer_payoff_is_under_the_offerers_prior():
    p = BaselineParams(q=F(1, 5), rho=F(3, 4))
    pay = model_payoffs(BASELINE)
    for c in continuations_exact(BASELINE, p, F(1, 2)):
        ally = {True: c.ally_accept, False: c.ally_reject}
        v = (
            p.rho * pay(p, p.alpha_hi, F(1, 2), c.accept_hi, ally[c.accept_hi], True)["R"]
            + (1 - p.rho) * pay(p, p.alpha_lo, F(1, 2), c.accept_lo, ally[c.accept_lo], False)["R"]
        )
        assert c.offerer_payoff == v


# ------------------------------------------------------------------ semi-separating


def check_mixed(model, p, x):
    cutoff = p.u / p.w
    mixed = semi_separating(model, p, x)
    for m in mixed:
        probs = {"hi": m.accept_hi, "lo": m.accept_lo}
        mixers = [t for t in probs if 0 < probs[t] < 1]
        assert len(mixers) == 1, m
        t = mixers[0]
        o = "lo" if t == "hi" else "hi"
        assert probs[o] in (0, 1)
        ally = {True: m.ally_accept, False: m.ally_reject}
        mixed_sets = [r for r in ally if 0 < ally[r] < 1]
        assert len(mixed_sets) == 1, m
        s = mixed_sets[0]
        assert ally[not s] in (0, 1)
        # P's posterior at every set by Bayes' rule under q.
        for resp in (True, False):
            h = probs["hi"] if resp else 1 - probs["hi"]
            lo = probs["lo"] if resp else 1 - probs["lo"]
            post = p.q * h / (p.q * h + (1 - p.q) * lo)
            assert post == (m.belief_accept if resp else m.belief_reject)
            if resp == s:
                assert post == cutoff  # P mixes only where it is indifferent
            else:
                g = post * p_gain(model, p, "hi", x, resp) + (1 - post) * p_gain(
                    model, p, "lo", x, resp
                )
                assert (g >= 0) if ally[resp] == 1 else (g <= 0)

        # The mixing type is indifferent; the other type's pure response is a best reply.
        def value(typ, resp, ally=ally):
            return ally[resp] * a_pay(model, p, typ, x, resp, True) + (1 - ally[resp]) * a_pay(
                model, p, typ, x, resp, False
            )

        assert value(t, True) == value(t, False)
        o_resp = probs[o] == 1
        assert value(o, o_resp) >= value(o, not o_resp)
    return mixed


@settings(max_examples=60, deadline=None)
@given(model_points, st.integers(0, 20))
def test_semi_separating_continuations(point, xn):
    model, p = point
    check_mixed(model, p, F(xn, 20))


def test_semi_separating_continuations_exist_somewhere():
    # A deterministic scan: some offer on a small lattice has a semi-separating continuation.
    found = 0
    for q in (F(1, 10), F(1, 2), F(9, 10)):
        for u in (F(1, 20), F(1, 10), F(1, 4)):
            for model in MODELS:
                p = model.params_type(q=q, u=u)
                for x in model.grid(p, 3):
                    found += len(check_mixed(model, p, x))
    assert found > 0


def test_per_offer_exact_collects_both():
    p = BaselineParams()
    offers = [F(0), F(1, 2), F(1)]
    pure, mixed = per_offer_exact(BASELINE, p, offers)
    assert list(pure) == offers == list(mixed)
    for x in offers:
        assert pure[x] == continuations_exact(BASELINE, p, x)
        assert mixed[x] == semi_separating(BASELINE, p, x)


def test_unknown_model_raises():
    with pytest.raises(TypeError, match="beer_quiche"):
        model_payoffs(BUILTIN["beer_quiche"])


# ------------------------------------------------------------------ Results 1, 2, 4


@settings(max_examples=60, deadline=None)
@given(points(BASELINE))
def test_result_1_alliance_at_stake_raises_both_thresholds(p):
    T = thresholds(BASELINE, p)
    for t in ("hi", "lo"):
        assert T[(t, "reject")] > T[(t, "none")]


@cache
def _w_bound() -> sp.Expr:
    """Solve T[hi, reject] = 1 for w (Result 2), in the test."""
    s = model_symbols(BASELINE)
    expr = forms(BASELINE).thresholds[("hi", "reject")]
    (sol,) = sp.solve(sp.Eq(expr, 1), s.w)
    # The threshold increases in w, so above the bound it exceeds 1.
    assert sp.diff(expr, s.w).is_positive
    return sol


def _value(expr, values: dict) -> F:
    v = sp.Rational(
        expr.subs({sym: sp.Rational(str(values[str(sym)])) for sym in expr.free_symbols})
    )
    return F(int(v.p), int(v.q))


def supporter_prefers(game, t_label, x, accept_path, reject_path):
    """Supporter's A payoffs at offer x: (accept then ``accept_path``, reject then ``reject_path``)."""
    index = game.players.index("A")
    leaves = {path: node for path, node in iter_nodes(game) if isinstance(node, Terminal)}
    key = (t_label, f"x={x}")
    return (
        leaves[(*key, "accept", *accept_path)].payoffs[index],
        leaves[(*key, "reject", *reject_path)].payoffs[index],
    )


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 3),
    st.sampled_from([F(1, 2), F(1), F(2)]),
    st.integers(0, 3),
    st.integers(1, 8),
    st.integers(1, 3),
    st.integers(0, 4),
    st.integers(1, 9),
)
def test_result_2_high_w_supporter_rejects_every_offer(lo_n, gap, phi, ka, un, wj, pj, qn):
    alpha_lo = F(lo_n, 20)
    alpha_hi = min(alpha_lo + F(gap * 4, 20), F(19, 20))
    values = dict(alpha_lo=alpha_lo, alpha_hi=alpha_hi, phi=phi, k_A=F(ka, 20), u=F(un, 40))
    # c/w must lie in (alpha_lo, alpha_hi]: pick c relative to a w near the bound.
    values["c"] = (alpha_lo + alpha_hi) / 2 * F(1, 2)
    bound = _value(_w_bound(), values)
    lo_w = max(bound, values["c"] / alpha_hi)
    hi_w = min(F(1), values["c"] / alpha_lo)
    assume(lo_w < hi_w)
    w = lo_w + (hi_w - lo_w) * F(wj, 4)
    assume(w < hi_w)
    try:
        p = BaselineParams(**values, w=w, pi=(1 - w) * F(pj, 4), q=F(qn, 10), rho=F(99, 100))
    except ParamError:
        assume(False)
    assume(p.alpha_hi != p.c / p.w)
    assert p.w > bound
    assert thresholds(BASELINE, p)[("hi", "reject")] > 1
    offers = BASELINE.grid(p, 5)
    # In the built game (rho = 99/100: R almost sure A is the supporter), with P allying
    # after a rejection and not after an acceptance, the supporter rejects every offer.
    game = build_baseline(p, offers)
    for x in offers:
        acc, rej = supporter_prefers(game, "supporter", x, ("not",), ("ally", "support"))
        assert rej > acc, x
        for c in continuations_exact(BASELINE, p, x):
            if c.regime == "reject":
                assert not c.accept_hi, x


def test_result_2_at_a_fixed_point_has_reject_regime_continuations():
    p = BaselineParams(
        w=F(3, 4), pi=F(1, 4), c=F(3, 10), alpha_hi=F(19, 20), u=F(1, 5), q=F(1, 10), rho=F(99, 100)
    )
    assert p.w > _value(
        _w_bound(), {f: getattr(p, f) for f in ("alpha_hi", "phi", "c", "k_A", "u")}
    )
    found = 0
    for x in BASELINE.grid(p, 5):
        for c in continuations_exact(BASELINE, p, x):
            if c.regime == "reject":
                found += 1
                assert not c.accept_hi
    assert found > 0


@settings(max_examples=60, deadline=None)
@given(points(CLIENT))
def test_result_4_alliance_at_stake_lowers_client_thresholds(p):
    T = thresholds(CLIENT, p)
    for t in ("hi", "lo"):
        assert T[(t, "accept")] < T[(t, "none")]


@cache
def _u_bound() -> sp.Expr:
    s = model_symbols(CLIENT)
    expr = forms(CLIENT).thresholds[("hi", "accept")]
    (sol,) = sp.solve(sp.Eq(expr, 0), s.u)
    assert sp.diff(expr, s.u).is_negative
    return sol


@settings(max_examples=30, deadline=None)
@given(points(CLIENT), st.integers(1, 10))
def test_result_4_large_u_supporter_accepts_every_offer(p, j):
    values = {f: getattr(p, f) for f in ("alpha_hi", "f", "w", "beta", "phi", "z", "c", "k_A")}
    bound = _value(_u_bound(), values)
    u = max(bound, F(0)) + F(j, 20)
    p = ClientParams(**{**{f: getattr(p, f) for f in p.__dataclass_fields__}, "u": u})
    assert thresholds(CLIENT, p)[("hi", "accept")] < 0
    offers = [F(i, 4) for i in range(5)]
    game = build_client(p, offers)
    for x in offers:
        acc, rej = supporter_prefers(game, "supporter", x, ("ally", "support"), ("not",))
        assert acc > rej, x
        for c in continuations_exact(CLIENT, p, x):
            if c.regime == "accept":
                assert c.accept_hi, x
