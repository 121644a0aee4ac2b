"""Tests of gametrees.builders.beer_quiche: build, export, solve with Gambit, check the textbook result.

The expectation is derived here from the game's payoffs (Cho & Kreps 1987, section II):
with p_strong = 9/10 the receiver's best reply to the prior is not to duel, so the weak
type cannot be separated from the strong one -- every equilibrium pools, and the
off-path breakfast must be met with a duel often enough to deter the weak type.
"""

from __future__ import annotations

import io
from fractions import Fraction as F

import pygambit
import pytest

from gametrees.builders import MODELS
from gametrees.builders.beer_quiche import BeerQuicheParams, build
from gametrees.builders.params import ParamError
from gametrees.efg.writer import write_efg
from gametrees.gambit import exact
from gametrees.tree import Terminal, iter_nodes, stats
from gametrees.verify.certify import certify_sequential

FAVOURITE = {"strong": "beer", "weak": "quiche"}


def sender_payoff(p, t, food, duel):
    return (p.bonus if food == FAVOURITE[t] else 0) + (0 if duel else p.escape)


def receiver_payoff(t, duel):
    return F(1) if duel == (t == "weak") else F(0)


@pytest.fixture(scope="module")
def params():
    return BeerQuicheParams()


@pytest.fixture(scope="module")
def gambit_game(params):
    return pygambit.read_efg(io.StringIO(write_efg(build(params))))


def test_tree_payoffs_follow_the_description(params):
    game = build(params)
    assert params.p_strong == F(9, 10)
    assert stats(game).terminals == 8
    assert stats(game).infosets == {"Sender": 2, "Receiver": 2}
    for path, node in iter_nodes(game):
        if isinstance(node, Terminal):
            t, food, move = path
            duel = move == "duel"
            assert node.payoffs == (sender_payoff(params, t, food, duel), receiver_payoff(t, duel))


def test_export_loads_in_pygambit(gambit_game, params):
    g = gambit_game
    assert [pl.label for pl in g.players] == ["Sender", "Receiver"]
    assert [exact(a.prob) for a in g.root.infoset.actions] == [params.p_strong, 1 - params.p_strong]
    assert sorted(i.label for i in g.infosets) == sorted(
        ["Sender strong", "Sender weak", "Receiver after beer", "Receiver after quiche"]
    )
    assert sum(1 for n in g.nodes if n.is_terminal) == 8


def profile_of(g, eq):
    return {(i.label, a.label): F(str(eq[a])) for i in g.infosets for a in i.actions}


def check_pooling(params, prof):
    """Derive what any equilibrium must look like and check ``prof`` against it."""
    q = params.p_strong
    beer = {t: prof[(f"Sender {t}", "beer")] for t in ("strong", "weak")}
    # 1. Both types choose the same breakfast, purely.
    assert beer["strong"] == beer["weak"] in (0, 1)
    on = "beer" if beer["strong"] == 1 else "quiche"
    off = "quiche" if on == "beer" else "beer"
    # 2. On the path the receiver's posterior is the prior (Bayes' rule, both types pool).
    weak_post = 1 - q
    # Dueling is worth Pr(weak) to the receiver, not dueling Pr(strong): with the prior
    # (strong 9/10) the receiver must not duel on the path.
    duel_value = weak_post * receiver_payoff("weak", True) + (1 - weak_post) * receiver_payoff(
        "strong", True
    )
    not_value = weak_post * receiver_payoff("weak", False) + (1 - weak_post) * receiver_payoff(
        "strong", False
    )
    assert not_value > duel_value
    assert prof[(f"Receiver after {on}", "not")] == 1
    # 3. Off the path the receiver duels often enough that no type deviates.
    d = prof[(f"Receiver after {off}", "duel")]
    for t in ("strong", "weak"):
        stay = sender_payoff(params, t, on, False)
        deviate = d * sender_payoff(params, t, off, True) + (1 - d) * sender_payoff(
            params, t, off, False
        )
        assert stay >= deviate, (t, d)
    # The weak type is tempted by quiche when beer pools: d >= bonus/escape = 1/2 there.
    if on == "beer":
        assert d >= params.bonus / params.escape
    return on


def test_lcp_agent_form_finds_a_pooling_equilibrium(gambit_game, params):
    res = pygambit.nash.lcp_solve(gambit_game, rational=True, use_strategic=False)
    assert res.equilibria
    for eq in res.equilibria:
        check_pooling(params, profile_of(gambit_game, eq))
        assert exact(eq.agent_max_regret()) == 0


def test_pure_agent_equilibria_are_the_two_poolings(gambit_game, params):
    res = pygambit.nash.enumpure_agent_solve(gambit_game)
    ons = sorted(check_pooling(params, profile_of(gambit_game, eq)) for eq in res.equilibria)
    # Pure pooling on either breakfast with a duel off the path is an equilibrium (derived in
    # check_pooling), and no separating profile is: derive that too.
    assert ons == ["beer", "quiche"]


def test_no_pure_separating_profile_is_an_equilibrium(params, gambit_game):
    """Derived: if the types separate, the receiver learns the type and duels only the weak
    one; the weak type then gains by mimicking the strong one (escape > bonus). So on the
    built tree every separating profile -- with the receiver's best reply -- leaves the weak
    sender a profitable deviation, which both certificates must report."""
    game = build(params)
    for strong_food, weak_food in (("beer", "quiche"), ("quiche", "beer")):
        weak_gets = sender_payoff(params, "weak", weak_food, True)
        weak_mimics = sender_payoff(params, "weak", strong_food, False)
        assert weak_mimics > weak_gets
        one, zero = F(1), F(0)
        behavior = {
            "Sender strong": {strong_food: one, weak_food: zero},
            "Sender weak": {weak_food: one, strong_food: zero},
            f"Receiver after {strong_food}": {"duel": zero, "not": one},
            f"Receiver after {weak_food}": {"duel": one, "not": zero},
        }
        violations = certify_sequential(game, behavior, {})
        assert violations and all("Sender weak" in v for v in violations), violations
        prof = gambit_game.mixed_behavior_profile(rational=True)
        for infoset in gambit_game.infosets:
            if infoset.label in behavior:
                for a in infoset.actions:
                    prof[a] = pygambit.Rational(behavior[infoset.label].get(a.label, zero))
        assert exact(prof.agent_max_regret()) == weak_mimics - weak_gets


def beer_pooling(weak_after_quiche: F):
    one, zero = F(1), F(0)
    behavior = {
        "Sender strong": {"beer": one, "quiche": zero},
        "Sender weak": {"beer": one, "quiche": zero},
        "Receiver after beer": {"duel": zero, "not": one},
        "Receiver after quiche": {"duel": one, "not": zero},
    }
    beliefs = {
        "Receiver after beer": [F(9, 10), F(1, 10)],  # members: [strong node, weak node]
        "Receiver after quiche": [1 - weak_after_quiche, weak_after_quiche],
    }
    return behavior, beliefs


def test_certifier_accepts_beer_pooling_with_weak_belief_after_quiche(params):
    behavior, beliefs = beer_pooling(F(1))
    assert certify_sequential(build(params), behavior, beliefs) == []


def test_certifier_rejects_beer_pooling_with_strong_belief_after_quiche(params):
    # Belief weak = 0 after quiche: not dueling is worth 1 > 0, so dueling is not optimal.
    behavior, beliefs = beer_pooling(F(0))
    violations = certify_sequential(build(params), behavior, beliefs)
    assert violations
    assert all("Receiver after quiche" in v for v in violations)


def test_spec_and_validation():
    spec = MODELS["beer_quiche"]
    assert spec.build(spec.params(), ()) == build(BeerQuicheParams())
    with pytest.raises(ParamError) as info:
        BeerQuicheParams(escape=F(1, 2))
    assert info.value.name == "escape"
    with pytest.raises(ParamError) as info:
        BeerQuicheParams(p_strong=1)
    assert info.value.name == "p_strong"
