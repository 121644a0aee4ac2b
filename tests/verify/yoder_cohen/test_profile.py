"""Tests of gametrees.verify.yoder_cohen.profile: Yoder & Cohen PBE written as full-tree
assessments, certified by the generic certifier and by Gambit's exact agent regret.

Expectations are derived here, from the per-offer continuations plus the offerer's best
reply -- never copied from a solver's output.
"""

from __future__ import annotations

from fractions import Fraction as F

import pygambit
import pytest

from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.builders.yoder_cohen.client import ClientParams
from gametrees.gambit import to_pygambit
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.yoder_cohen.closed_forms import thresholds
from gametrees.verify.yoder_cohen.combine import best_response_set, punishments
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
from gametrees.verify.yoder_cohen.gambit_source import per_offer_gambit
from gametrees.verify.yoder_cohen.profile import model_setup, pbe_profile, to_game_belief
from gametrees.verify.yoder_cohen.types import PBE, EquilibriumClass, MixedContinuation

# ---------------------------------------------------------------- Yoder & Cohen PBE


def _grid(model, params):
    """0, 1, the thresholds in [0, 1] and the midpoints between them."""
    pts = sorted({F(0), F(1), *(t for t in thresholds(model, params).values() if 0 <= t <= 1)})
    return tuple(sorted({*pts, *((a + b) / 2 for a, b in zip(pts, pts[1:], strict=False))}))


def _a_pbe(model, params, offers):
    """A pure PBE built from the per-offer continuations: the most punishing continuation
    at every offer, and an offer whose continuation beats every punished deviation."""
    conts = per_offer_gambit(model, params, offers)
    assert all(conts[x] for x in offers), "every offer needs a pure continuation here"
    punish = {x: min(cs, key=lambda c: (c.offerer_payoff, c)) for x, cs in conts.items()}
    for x in offers:
        bound = max(punish[y].offerer_payoff for y in offers if y != x)
        for c in sorted(conts[x], key=lambda c: -c.offerer_payoff):
            if c.offerer_payoff >= bound:
                eq_class = EquilibriumClass(c.responses, c.regime, False)
                return PBE(x, c, bound, eq_class), punish
    raise AssertionError("no pure PBE on this grid")


@pytest.mark.parametrize(
    "model,params",
    [(BASELINE, BaselineParams()), (BASELINE, BaselineParams(q=F(3, 10), rho=F(7, 10)))],
)
def test_pbe_profile_certified_and_zero_gambit_regret(model, params):
    offers = _grid(model, params)
    pbe, punish = _a_pbe(model, params, offers)
    setup = model_setup(model, params)
    game = setup.build(params, offers)
    behavior, beliefs = pbe_profile(model, params, offers, pbe, punish)
    assert certify_sequential(game, behavior, beliefs) == []
    assert gambit_regret(game, behavior) == 0

    # Gambit's expected payoff of the offerer under the profile is the path's offerer_payoff
    g = to_pygambit(game)
    prof = g.mixed_behavior_profile(rational=True)
    for s in g.infosets:
        for a in s.actions:
            prof[a] = pygambit.Rational(behavior[s.label].get(a.label, F(0)))
    assert F(prof.payoff(g.players[setup.offerer])) == pbe.path.offerer_payoff

    # perturbation 1: the offerer moves to an offer that pays it strictly less
    worse = [
        y for y in offers if y != pbe.offer and punish[y].offerer_payoff < pbe.path.offerer_payoff
    ]
    assert worse
    y = worse[0]
    moved_pbe = PBE(y, punish[y], pbe.deviation_bound, pbe.eq_class)
    moved, moved_beliefs = pbe_profile(
        model, params, offers, moved_pbe, punish | {pbe.offer: pbe.path}
    )
    assert gambit_regret(game, moved) > 0
    assert any("R offers" in v for v in certify_sequential(game, moved, moved_beliefs))


def test_off_path_belief_outside_its_range_is_rejected():
    """Put P's belief at an off-path set on the wrong side of its range: the certifier
    must object there (Gambit's agent regret cannot see it: the set is unreached)."""
    model, params = BASELINE, BaselineParams()
    offers = _grid(model, params)
    pbe, punish = _a_pbe(model, params, offers)
    game = model_setup(model, params).build(params, offers)
    behavior, beliefs = pbe_profile(model, params, offers, pbe, punish)
    # an off-path offer whose continuation has an off-path P set with a proper range
    for x, c in punish.items():
        if x == pbe.offer:
            continue
        for resp, rng in (("accept", c.belief_accept), ("reject", c.belief_reject)):
            if not rng.on_path and (rng.lo > 0 or rng.hi < 1):
                wrong = F(0) if rng.lo > 0 else F(1)
                b = to_game_belief(params.q, params.rho, wrong)
                name = f"P x={x} {resp}"
                bad_beliefs = beliefs | {name: [b, 1 - b]}
                violations = certify_sequential(game, behavior, bad_beliefs)
                assert len(violations) == 1 and name in violations[0]
                assert gambit_regret(game, behavior) == 0
                return
    raise AssertionError("the defaults lost their off-path P set with a proper belief range")


def test_pbe_profile_client_beliefs_use_psi():
    """In the extension the game's chance prior is psi: the offerer's set gets [psi, 1-psi]
    and P's game beliefs invert p_posterior under psi."""
    params = ClientParams()
    offers = (F(1, 10), F(1, 5))
    conts = per_offer_gambit(CLIENT, params, offers)
    assert all(conts[x] for x in offers), "both offers have a pure continuation at the defaults"
    c0, c1 = conts[offers[0]][0], conts[offers[1]][0]
    pbe = PBE(offers[0], c0, c1.offerer_payoff, EquilibriumClass("any", c0.regime, False))
    behavior, beliefs = pbe_profile(CLIENT, params, offers, pbe, {offers[1]: c1})
    assert beliefs["C offers"] == [params.psi, 1 - params.psi]
    setup = model_setup(CLIENT, params)
    for x, c in ((offers[0], c0), (offers[1], c1)):
        b = beliefs[f"P x={x} accept"][0]
        post = setup.p_posterior(b)
        assert c.belief_accept.lo <= post <= c.belief_accept.hi


def test_pbe_profile_with_semi_separating_punishment():
    """At an offer with no pure continuation the PBE punishes with a semi-separating one
    (gametrees.verify.yoder_cohen.enumerate.semi_separating): its probabilities and Bayes posteriors must give a
    certified assessment too."""
    model, params = BASELINE, BaselineParams(q=F(1, 10), rho=F(1, 2))
    offers = _grid(model, params)
    pure = per_offer_gambit(model, params, offers)
    _, mixed = per_offer_exact(model, params, offers)
    punish = punishments(pure, mixed)
    assert any(isinstance(c, MixedContinuation) for c in punish.values()), (
        "q = 1/10 < u/w: some offer is punished by a semi-separating continuation"
    )
    pbes = best_response_set(model, pure, mixed)
    assert pbes
    game = model_setup(model, params).build(params, offers)
    for pbe in pbes[:3]:
        behavior, beliefs = pbe_profile(model, params, offers, pbe, punish)
        assert certify_sequential(game, behavior, beliefs) == []
        assert gambit_regret(game, behavior) == 0
