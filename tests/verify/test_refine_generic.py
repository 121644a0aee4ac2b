"""gametrees.verify.refine: the intuitive criterion and D1 for any sender-receiver game.

Verdicts are derived here from the payoffs (comments), and compared with the Yoder &
Cohen-specific :mod:`gametrees.verify.yoder_cohen.refine` on its continuations.
"""

from __future__ import annotations

from fractions import Fraction as F

import pygambit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modules import EFG_FIXTURES
from strategies import model_points

from gametrees.builders import MODELS
from gametrees.efg import read_efg_file
from gametrees.gambit import from_pygambit
from gametrees.tree import Chance, Decision, Game, Terminal
from gametrees.verify.refine import (
    CRITERIA,
    NotSenderReceiver,
    SenderReceiver,
    d1,
    intuitive_criterion,
    refine,
    sender_receiver,
)
from gametrees.verify.yoder_cohen.enumerate import continuations_exact
from gametrees.verify.yoder_cohen.refine import survives_d1, survives_intuitive

ONE, ZERO = F(1), F(0)


def pure(*pairs):
    """{set: {action: 1, others: 0}} from (set, chosen, (actions...)) triples."""
    return {s: {a: ONE if a == c else ZERO for a in acts} for s, c, acts in pairs}


def _beer_quiche():
    spec = MODELS["beer_quiche"]
    return spec.build(spec.params(), ())


def _bq(food, off_reply, duel_prob=None):
    foods = ("beer", "quiche")
    other = "quiche" if food == "beer" else "beer"
    beh = pure(
        ("Sender strong", food, foods),
        ("Sender weak", food, foods),
        (f"Receiver after {food}", "not", ("duel", "not")),
        (f"Receiver after {other}", off_reply, ("duel", "not")),
    )
    if duel_prob is not None:
        beh[f"Receiver after {other}"] = {"duel": duel_prob, "not": 1 - duel_prob}
    return beh


def test_beer_quiche_structure():
    sr = sender_receiver(_beer_quiche())
    assert isinstance(sr, SenderReceiver)
    assert (sr.sender, sr.receiver, sr.types, sr.messages) == (
        "Sender",
        "Receiver",
        ("strong", "weak"),
        ("beer", "quiche"),
    )
    assert sr.receiver_sets == ("Receiver after beer", "Receiver after quiche")


def test_beer_quiche_verdicts():
    """Quiche pooling: the weak type gets 3 (quiche, no duel) and at most 2 from beer:
    equilibrium-dominated at beer; the strong type gets 2 and, against the only best reply
    to a belief on {strong} (not dueling), 3 from beer: fails the intuitive criterion.
    Beer pooling: the strong type gets 3, at most 2 from quiche -- dominated; the weak
    type gets 2, and against the best reply to {weak} (duel) 1 from quiche: survives.
    D1 in beer pooling: the strong type never weakly gains from quiche (at most 2 < 3),
    so it is deleted; the receiver must best-reply to {weak}: duel (pure) survives, the
    mix (1/2, 1/2) does not."""
    game = _beer_quiche()
    assert intuitive_criterion(game, _bq("beer", "duel")).status == "survives"
    v = intuitive_criterion(game, _bq("quiche", "duel"))
    assert v.status == "fails" and "'strong'" in v.reason and "'beer'" in v.reason
    assert d1(game, _bq("beer", "duel")).status == "survives"
    assert d1(game, _bq("beer", "duel", F(1, 2))).status == "fails"
    assert d1(game, _bq("quiche", "duel")).status == "fails"
    assert set(refine(game, _bq("beer", "duel"))) == set(CRITERIA)


def test_job_market_pooling_on_no_education_fails():
    """Watson's job market (fig29_1): pooling on N (the firm offers C, 4 to each type).
    The Low type gets at most 3 from E (equilibrium-dominated); the High type, against the
    only best reply to {High} at E (M), gets 6 > 4: fails both criteria."""
    game = from_pygambit(pygambit.catalog.load("books/watson2013/fig29_1"))
    ms, fm = ("E", "N"), ("M", "C")
    beh = pure(("You:1", "N", ms), ("You:2", "N", ms), ("Firm:1", "C", fm), ("Firm:2", "C", fm))
    assert intuitive_criterion(game, beh).status == "fails"
    assert d1(game, beh).status == "fails"
    separating = pure(
        ("You:1", "E", ms), ("You:2", "N", ms), ("Firm:1", "M", fm), ("Firm:2", "C", fm)
    )
    assert refine(game, separating)["D1"].status == "survives"  # every message is used


def test_princess_bride_intuitive_but_not_d1():
    """Exercise 29.6: pooling on Stay with the prince surrendering (1 each type), fighting
    after Up. The weak type gets at most -1 from Up: dominated; the strong type gets 1
    from Up against Surrender, no more than in equilibrium: survives the intuitive
    criterion. D1: the strong type weakly gains from Up exactly when the prince
    surrenders, a reply that never makes the weak type gain, so the weak type is deleted
    and Fight (no best reply to {strong}) fails D1."""
    game = from_pygambit(pygambit.catalog.load("books/watson2013/exercise29_6"))
    ms, rs = ("Up", "Stay"), ("Surrender", "Fight")
    beh = pure(
        ("Wesley:1", "Stay", ms),
        ("Wesley:2", "Stay", ms),
        ("Prince:1", "Fight", rs),
        ("Prince:2", "Surrender", rs),
    )
    assert intuitive_criterion(game, beh).status == "survives"
    v = d1(game, beh)
    assert v.status == "fails" and "deleted: ['Weak']" in v.reason


def T(*v):
    return Terminal(tuple(F(x) for x in v))


@pytest.mark.parametrize(
    ("game", "why"),
    [
        (read_efg_file(EFG_FIXTURES / "selten_horse.efg"), "does not start with Nature"),
        (
            MODELS["baseline"].build(MODELS["baseline"].params(), [F(0), F(1)]),
            "does not know its type",
        ),
        (
            Game(
                ("S", "R"),
                Chance(
                    ("t1", "t2"),
                    (F(1, 2), F(1, 2)),
                    (
                        Decision(
                            "S",
                            "S1",
                            ("m", "n"),
                            (Decision("R", "Rm", ("x", "y"), (T(1, 0), T(0, 1))), T(0, 0)),
                        ),
                        Decision(
                            "S",
                            "S2",
                            ("m", "n"),
                            (Decision("R", "Rm", ("x", "y"), (T(0, 1), T(1, 0))), T(0, 0)),
                        ),
                    ),
                ),
            ),
            "not a receiver's move",
        ),
        (
            Game(
                ("S", "R"),
                Chance(
                    ("t1", "t2"),
                    (F(1, 2), F(1, 2)),
                    tuple(
                        Decision(
                            "S",
                            f"S{t}",
                            ("m",),
                            (
                                Decision(
                                    "R",
                                    "Rm",
                                    ("x", "y"),
                                    (
                                        Decision("S", "again", ("p", "q"), (T(1, 0), T(0, 1))),
                                        T(0, 0),
                                    ),
                                ),
                            ),
                        )
                        for t in (1, 2)
                    ),
                ),
            ),
            "below the receiver's replies has several nodes",
        ),
    ],
    ids=["horse", "yoder-cohen-full", "message-ends", "uninformed-later-move"],
)
def test_not_applicable_with_reason(game, why):
    sr = sender_receiver(game)
    assert isinstance(sr, NotSenderReceiver) and why in sr.reason
    behavior = {}
    verdicts = refine(game, behavior)
    assert {v.status for v in verdicts.values()} == {"not applicable"}


def _continuation(game, x_label):
    """The Yoder & Cohen continuation after an offer, cut from the full tree: Nature's
    type, then each type's response node for that offer and everything below."""
    root = game.root
    kids = []
    for node in root.children:
        k = node.actions.index(x_label)
        kids.append(node.children[k])
    return Game(game.players, Chance(root.actions, root.probs, tuple(kids)))


def _behavior(c, xl):
    yes = {True: ONE, False: ZERO}
    beh = {}
    for t, acc, sup in (("hi", c.accept_hi, c.support_hi), ("lo", c.accept_lo, c.support_lo)):
        beh[f"A({t}) {xl}"] = {"accept": yes[acc], "reject": 1 - yes[acc]}
        for r in ("accept", "reject"):
            beh[f"A({t}) {xl} {r} ally"] = {"support": yes[sup], "abandon": 1 - yes[sup]}
    beh[f"P {xl} accept"] = {"ally": yes[c.ally_accept], "not": 1 - yes[c.ally_accept]}
    beh[f"P {xl} reject"] = {"ally": yes[c.ally_reject], "not": 1 - yes[c.ally_reject]}
    return beh


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    model=st.sampled_from(["baseline", "client"]),
    data=st.data(),
    x=st.fractions(0, 1, max_denominator=8),
)
def test_agrees_with_the_yoder_cohen_refinements(model, data, x):
    """On every pure continuation of either model (random points, q != rho allowed): the
    generic verdicts equal the model-specific ones (two replies: the definitions agree)."""
    _compare(model, data.draw(model_points(MODELS[model])), x)


def _compare(model, p, x):
    spec = MODELS[model]
    game = _continuation(spec.build(p, [x]), f"x={x}")
    sr = sender_receiver(game)
    assert isinstance(sr, SenderReceiver) and (sr.sender, sr.receiver) == ("A", "P")
    verdicts = []
    for c in continuations_exact(MODELS[model], p, x):
        beh = _behavior(c, f"x={x}")
        ic = intuitive_criterion(game, beh, sr).status == "survives"
        dd = d1(game, beh, sr).status == "survives"
        assert ic == survives_intuitive(MODELS[model], p, c)
        assert dd == survives_d1(MODELS[model], p, c)
        verdicts.append((c.accept_hi == c.accept_lo, ic, dd))
    return verdicts


@pytest.mark.parametrize("model", ["baseline", "client"])
def test_agrees_on_the_default_grid(model):
    """Deterministic companion of the above: the default point's 5-point grid has pooling
    continuations (an unused response), some failing a criterion."""
    spec = MODELS[model]
    p = spec.params()
    verdicts = [v for x in spec.grid(p, 5) for v in _compare(model, p, x)]
    pooling = [v for v in verdicts if v[0]]
    assert pooling
    assert any(not ic or not dd for _, ic, dd in pooling)
