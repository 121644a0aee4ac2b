"""Tests of gametrees.verify.yoder_cohen.gambit_source: Gambit's per-offer continuations and full-tree logit.

Every expectation is derived in this file from the closed forms
(:func:`gametrees.verify.yoder_cohen.closed_forms.thresholds`, P's alliance cutoff) and Bayes' rule under P's
own prior ``q``:

* in regime r (P's replies after accept / reject), type t accepts x iff
  ``x >= threshold(t, r)`` (strictly either side; both at equality);
* P's reply after a response some type uses must be optimal at the posterior that
  Bayes' rule gives under ``q``: ally iff posterior >= cutoff (both at equality);
* after a response no type uses, any belief in [0, 1] is allowed, so (with the cutoff
  inside (0, 1)) either reply is, with belief range [cutoff, 1] for ally, [0, cutoff]
  for not.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from gametrees.builders import MODELS
from gametrees.builders.yoder_cohen import tree as yc_tree
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.builders.yoder_cohen.client import ClientParams
from gametrees.verify.certify import analyse
from gametrees.verify.yoder_cohen.closed_forms import REGIMES, compile_exact, forms, thresholds
from gametrees.verify.yoder_cohen.gambit_source import (
    continuations_gambit,
    full_tree_logit,
    per_offer_gambit,
    solve_offer,
    solve_offers,
)
from gametrees.verify.yoder_cohen.profile import model_setup
from gametrees.verify.yoder_cohen.types import BeliefRange

POINTS = [
    (BASELINE, BaselineParams()),
    (CLIENT, ClientParams()),
    # heterogeneous priors: P's best replies must be those under q, not rho / psi
    (BASELINE, BaselineParams(q=F(3, 10), rho=F(7, 10))),
    (BASELINE, BaselineParams(q=F(1, 10), rho=F(1, 2))),
    (CLIENT, ClientParams(q=F(3, 5), psi=F(1, 5))),
]


def _cutoff(model, params):
    return compile_exact(forms(model).ally_cutoff, model)(params)


def _posterior(q, users):
    """P's posterior (prior q) that A is the supporter given which types send the response."""
    hi = q if "hi" in users else F(0)
    lo = (1 - q) if "lo" in users else F(0)
    return hi / (hi + lo)


def expected(model, params, x):
    """{(accept_hi, accept_lo, ally_accept, ally_reject): (belief_accept, belief_reject)}."""
    th = thresholds(model, params)
    cut = _cutoff(model, params)
    assert 0 < cut < 1
    out = {}
    for regime, (ally_acc, ally_rej) in REGIMES.items():
        options = []
        for t in ("hi", "lo"):
            thr = th[(t, regime)]
            options.append({x > thr} if x != thr else {True, False})
        for acc_hi in options[0]:
            for acc_lo in options[1]:
                ok, ranges = True, []
                for accept, ally in ((True, ally_acc), (False, ally_rej)):
                    users = {t for t, a in (("hi", acc_hi), ("lo", acc_lo)) if a == accept}
                    if not users:
                        ranges.append(
                            BeliefRange(cut, F(1), False) if ally else BeliefRange(F(0), cut, False)
                        )
                        continue
                    m = _posterior(params.q, users)
                    if (ally and m < cut) or (not ally and m > cut):
                        ok = False
                    ranges.append(BeliefRange(m, m, True))
                if ok:
                    out[(acc_hi, acc_lo, ally_acc, ally_rej)] = tuple(ranges)
    return out


def _offers_from_thresholds(model, params):
    """0, 1, every threshold in [0, 1], and the midpoints strictly between them."""
    pts = sorted({F(0), F(1), *(t for t in thresholds(model, params).values() if 0 <= t <= 1)})
    return sorted({*pts, *((a + b) / 2 for a, b in zip(pts, pts[1:], strict=False))})


@pytest.mark.parametrize("model,params", POINTS)
def test_continuations_match_thresholds(model, params):
    assert params.alpha_lo < params.c / params.w < params.alpha_hi  # strict: support is decided
    for x in _offers_from_thresholds(model, params):
        got = {
            (c.accept_hi, c.accept_lo, c.ally_accept, c.ally_reject): (
                c.belief_accept,
                c.belief_reject,
            )
            for c in continuations_gambit(model, params, x)
        }
        assert got == expected(model, params, x), f"{model} x={x}"
        for c in continuations_gambit(model, params, x):
            assert c.support_hi and not c.support_lo


def test_offer_strictly_between_two_thresholds():
    """The example of the brief: an offer strictly between the abandoner's and the
    supporter's thresholds when P allies only after a rejection (the baseline's
    "alliance at stake"). There the abandoner accepts, the supporter fights, so P's
    posteriors are 0 after accept and 1 after reject, and the cutoff lies strictly
    between: the separating continuation with alliance at stake must be found."""
    model, params = BASELINE, BaselineParams()
    th = thresholds(model, params)
    lo, hi = th[("lo", "reject")], th[("hi", "reject")]
    assert 0 < lo < hi < 1
    x = (lo + hi) / 2
    conts = continuations_gambit(model, params, x)
    se = [c for c in conts if c.regime == "reject"]
    assert [(c.accept_hi, c.accept_lo) for c in se] == [(False, True)]
    assert se[0].belief_accept == BeliefRange(F(0), F(0), True)
    assert se[0].belief_reject == BeliefRange(F(1), F(1), True)


def test_offerer_payoff_is_prior_weighted_outcome():
    model, params = CLIENT, ClientParams()
    setup = model_setup(model, params)
    x = F(1, 10)
    for c in continuations_gambit(model, params, x):
        total = F(0)
        for t, pr, acc, sup in (
            ("hi", params.psi, c.accept_hi, c.support_hi),
            ("lo", 1 - params.psi, c.accept_lo, c.support_lo),
        ):
            ally = c.ally_accept if acc else c.ally_reject
            total += pr * setup.payoffs(setup.alpha(t), x, acc, ally, sup)["C"]
        assert c.offerer_payoff == total


@pytest.mark.parametrize("model,params", [POINTS[2], POINTS[4]])
def test_rescaled_p_best_replies_equal_those_under_q(model, params):
    """At P's sets of the rescaled game, the sign of (ally - not) at a game belief b equals
    the sign of P's own (prior-q) payoff difference at the posterior p_posterior(b)."""
    setup = model_setup(model, params)
    assert params.q != setup.prior
    x = F(1, 3)
    game = yc_tree.continuation_game(params, setup.prior, x, setup.payoffs)
    behavior = {}
    for t in ("hi", "lo"):
        behavior[f"A({t}) x={x}"] = {"accept": F(1)}
        for r in yc_tree.RESPONSES:
            behavior[f"A({t}) x={x} {r} ally"] = {"support" if t == "hi" else "abandon": F(1)}
    for r in yc_tree.RESPONSES:
        behavior[f"P x={x} {r}"] = {"ally": F(1)}
    an = analyse(game, behavior)
    for r in yc_tree.RESPONSES:
        name = f"P x={x} {r}"
        accept = r == "accept"
        for b in (F(0), F(1, 7), F(1, 3), F(1, 2), F(4, 5), F(1)):
            v = an.action_values(name, [b, 1 - b])
            game_diff = v["ally"] - v["not"]
            m = setup.p_posterior(b)
            own = {
                ally: m * setup.payoffs(params.alpha_hi, x, accept, ally, True)["P"]
                + (1 - m) * setup.payoffs(params.alpha_lo, x, accept, ally, False)["P"]
                for ally in (True, False)
            }
            own_diff = own[True] - own[False]
            assert (game_diff > 0) == (own_diff > 0) and (game_diff == 0) == (own_diff == 0)


def test_enummixed_agrees_with_enumpure_agent():
    model, params = BASELINE, BaselineParams()
    th = thresholds(model, params)
    x = (th[("lo", "reject")] + th[("hi", "none")]) / 2
    pure = solve_offer(model, params, x)
    mixed = solve_offer(model, params, x, solver="enummixed")
    assert mixed.continuations == pure.continuations
    assert mixed.n_gambit >= mixed.n_mixed_dropped >= 0
    assert pure.n_mixed_dropped == 0 and pure.unrepresentable == ()


def test_unknown_solver_and_model():
    with pytest.raises(ValueError, match="solver"):
        continuations_gambit(BASELINE, BaselineParams(), F(1, 2), solver="gnm")
    with pytest.raises(TypeError, match="beer_quiche"):
        continuations_gambit(MODELS["beer_quiche"], BaselineParams(), F(1, 2))


def test_default_grid_matches_thresholds():
    """A whole 101-offer grid (plus thresholds): every offer as derived (its time is in
    benchmarks/bench.py)."""
    model, params = BASELINE, BaselineParams()
    grid = model.grid(params, 101)
    sols = solve_offers(model, params, grid)
    per_offer = per_offer_gambit(model, params, grid[:5])
    assert set(per_offer) == set(grid[:5])
    for s in sols:
        got = {(c.accept_hi, c.accept_lo, c.ally_accept, c.ally_reject) for c in s.continuations}
        assert got == set(expected(model, params, s.x)), f"x={s.x}"


def test_full_tree_logit_small_grid():
    """Agent-form logit on 3 offers, none at a threshold (no type indifferent): one below
    every threshold, one between the two alliance-at-stake thresholds, one above all.
    No type is indifferent at these offers, so the trace must reach a pure limit: it does
    not stop short, nothing mixes, the rounded profile has exact regret 0, and its
    continuation at every offer is one the thresholds allow."""
    model, params = BASELINE, BaselineParams()
    th = thresholds(model, params)
    inside = [t for t in th.values() if 0 <= t <= 1]
    offers = [
        min(inside) / 2,
        (th[("lo", "reject")] + th[("hi", "reject")]) / 2,
        (max(inside) + 1) / 2,
    ]
    res = full_tree_logit(model, params, offers)
    assert 0 < res.lam <= res.lam_max
    assert res.offer in res.offers
    assert not res.stopped_short, res.flags
    assert res.mixed_sets == {}
    assert res.exact_regret == 0 and res.flags == ()
    for x in offers:
        assert (*res.responses[x], *res.allies[x]) in expected(model, params, x), f"x={x}"


def test_full_tree_logit_refuses_big_grids():
    with pytest.raises(ValueError, match="force=True"):
        full_tree_logit(BASELINE, BaselineParams(), [F(i, 10) for i in range(10)])
