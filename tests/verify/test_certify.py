"""Tests of gametrees.verify.certify: the generic exact certifier.

Expectations are derived here, from the textbook analysis of beer-quiche (Cho & Kreps
1987), never copied from a solver's output.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from gametrees.builders import MODELS
from gametrees.verify.certify import certify_sequential

# ---------------------------------------------------------------- beer-quiche


def _beer_quiche():
    spec = MODELS["beer_quiche"]
    return spec.build(spec.params(), ())


def _beer_pooling(weak_after_quiche: F):
    """Both types have beer; the receiver leaves beer alone and duels after quiche."""
    one, zero = F(1), F(0)
    behavior = {
        "Sender strong": {"beer": one, "quiche": zero},
        "Sender weak": {"beer": one, "quiche": zero},
        "Receiver after beer": {"duel": zero, "not": one},
        "Receiver after quiche": {"duel": one, "not": zero},
    }
    beliefs = {
        "Receiver after beer": [F(9, 10), F(1, 10)],  # Bayes: the prior
        "Receiver after quiche": [1 - weak_after_quiche, weak_after_quiche],  # [strong, weak]
    }
    return behavior, beliefs


@pytest.mark.parametrize("weak", [F(1, 2), F(3, 4), F(1)])
def test_beer_pooling_certified(weak):
    game = _beer_quiche()
    behavior, beliefs = _beer_pooling(weak)
    assert certify_sequential(game, behavior, beliefs) == []


def test_beer_pooling_rejected_with_belief_strong_after_quiche():
    game = _beer_quiche()
    behavior, beliefs = _beer_pooling(F(0))
    violations = certify_sequential(game, behavior, beliefs)
    assert len(violations) == 1
    assert "Receiver after quiche" in violations[0] and "'duel'" in violations[0]


def test_beer_pooling_rejected_when_belief_contradicts_bayes():
    game = _beer_quiche()
    behavior, beliefs = _beer_pooling(F(1, 2))
    beliefs["Receiver after beer"] = [F(1, 2), F(1, 2)]
    violations = certify_sequential(game, behavior, beliefs)
    assert any("Bayes" in v and "Receiver after beer" in v for v in violations)


def test_missing_behaviour_and_unreached_set_without_belief_are_reported():
    game = _beer_quiche()
    behavior, beliefs = _beer_pooling(F(1, 2))
    del beliefs["Receiver after quiche"]
    assert any("unreached and no belief" in v for v in certify_sequential(game, behavior, beliefs))
    del behavior["Sender weak"]
    assert any("no behaviour" in v for v in certify_sequential(game, behavior, beliefs))


def test_weak_deviating_to_quiche_is_caught():
    """Weak type has quiche while the receiver duels after quiche: weak loses the escape."""
    game = _beer_quiche()
    behavior, beliefs = _beer_pooling(F(1, 2))
    behavior["Sender weak"] = {"beer": F(0), "quiche": F(1)}
    beliefs["Receiver after quiche"] = [F(0), F(1)]  # now reached: Bayes says weak
    beliefs["Receiver after beer"] = [F(1), F(0)]
    violations = certify_sequential(game, behavior, beliefs)
    assert any("Sender weak" in v for v in violations)
