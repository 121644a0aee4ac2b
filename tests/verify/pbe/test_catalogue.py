"""Every game of pygambit's catalogue and every fixture: a result or a clear refusal.

Results are checked exactly: listed assessments (a few per path) and the mixed
equilibria pass our certifier, Bayes' rule within every block, and Gambit's exact
``agent_max_regret() == 0``. Refusals name their reason: imperfect recall (detected from
the tree, compared here with Gambit's own ``is_perfect_recall``), strategic form, size.
"""

from __future__ import annotations

from fractions import Fraction as F

import pygambit
import pytest
from modules import EFG_FIXTURES

from gametrees.efg import read_efg_file
from gametrees.gambit import from_pygambit, to_pygambit
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.pbe import ImperfectRecall, NotATree, TooLarge, solve_pbe

NAMES = list(pygambit.catalog.games()["Game"])
FIXTURES = sorted(p.name for p in EFG_FIXTURES.glob("*.efg"))


def _check_result(game, res, block_bayes):
    g = to_pygambit(game)
    assert res.complete and res.complete_reason
    for path in res.equilibria:
        assert path.count >= 1
        for a in path.assessments(limit=3):
            assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
            assert block_bayes(res, game, a) == []
            assert gambit_regret(game, a.behavior, g) == 0
            assert set(a.behavior) == set(res.infoset_keys)
    for a, verdicts in res.mixed.equilibria:
        assert not a.pure
        assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
        assert gambit_regret(game, a.behavior, g) == 0
        assert set(verdicts) == {"intuitive criterion", "D1"}


@pytest.mark.parametrize("name", NAMES)
def test_catalogue_game(name, block_bayes):
    g = pygambit.catalog.load(name)
    if not g.is_tree:
        with pytest.raises(NotATree, match="strategic form"):
            solve_pbe(g)
        return
    game = from_pygambit(g)
    if not g.is_perfect_recall:
        with pytest.raises(ImperfectRecall, match="perfect recall") as exc:
            solve_pbe(game)
        assert "follows" in exc.value.reason  # names the two histories
        return
    res = solve_pbe(g)  # a pygambit game is accepted too
    _check_result(game, res, block_bayes)


def test_absent_minded_driver_refused_as_absent_minded():
    game = from_pygambit(pygambit.catalog.load("journals/geb/gilboa1997/fig1"))
    with pytest.raises(ImperfectRecall, match="absent-mindedness"):
        solve_pbe(game)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture(name, block_bayes):
    game = read_efg_file(EFG_FIXTURES / name)
    try:
        res = solve_pbe(game)
    except TooLarge as exc:
        # bayes2a: 20 two-action sets in one block (no proper subgame, no public move)
        assert name == "bayes2a.efg"
        assert exc.estimate == 2**20 and exc.limit == 50_000
        assert exc.parameter == "max_profiles"
        assert "20 information sets" in exc.reason
        return
    _check_result(game, res, block_bayes)


def test_montyhal_decomposes_into_sender_receiver_games():
    """Monty Hall: the contestant's first pick is public and only Nature moves before it,
    so each pick starts a block from the prior (1/3 each); in each, Monty (who knows
    where the car is) opens a door and the contestant sees only the door: a
    sender-receiver game."""
    res = solve_pbe(read_efg_file(EFG_FIXTURES / "montyhal.efg"))
    after = [b for b in res.blocks if b.start.startswith("after the public move")]
    assert len(after) == 3
    for b in after:
        assert len(b.start_belief) == 3 and set(b.start_belief) == {F(1, 3)}
        assert b.sender_receiver is None
    assert res.blocks[0].sender_receiver is not None
