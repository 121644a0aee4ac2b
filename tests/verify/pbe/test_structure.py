"""Decomposition, pruning and refusals, on games built here with known answers."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from gametrees.builders import MODELS
from gametrees.tree import Chance, Decision, Game, Terminal
from gametrees.verify.pbe import TooLarge, solve_pbe


def T(*v):
    return Terminal(tuple(F(x) for x in v))


def _centipede(n: int) -> Game:
    """Players alternate ``take``/``pass``; taking at stage ``k`` gives the taker
    ``k + 2`` and the other ``k``; passing to the end gives ``n`` each."""
    node = T(n, n)
    for k in reversed(range(n)):
        mover = k % 2
        pay = [F(k)] * 2
        pay[mover] = F(k + 2)
        node = Decision(("A", "B")[mover], f"stage {k}", ("take", "pass"), (T(*pay), node))
    return Game(("A", "B"), node)


def test_perfect_information_is_backward_induction():
    """Centipede: at every stage taking gives the mover k + 2, passing k + 1 (the next
    mover takes; after the last stage the end gives n = k + 1): the unique subgame-perfect profile takes everywhere; every
    stage after the first is a proper subgame, so a block of its own, and pruning leaves
    one action at every set."""
    n = 6
    res = solve_pbe(_centipede(n))
    assert len(res.blocks) == n
    assert all(b.pure_profiles == 1 for b in res.blocks)
    assert len(res.equilibria) == 1
    beh = res.equilibria[0].assessment.behavior
    assert all(probs == {"take": 1, "pass": 0} for probs in beh.values())


def test_subgame_perfection_removes_the_incredible_threat():
    """Entry game: the entrant stays out (0, 2) or enters; the incumbent fights (-1, -1)
    or accommodates (1, 1). (out, fight) is a Nash equilibrium, but the incumbent's node
    is a subgame, so only (in, accommodate) is a PBE here."""
    game = Game(
        ("E", "I"),
        Decision(
            "E",
            "enter?",
            ("out", "in"),
            (T(0, 2), Decision("I", "fight?", ("fight", "accommodate"), (T(-1, -1), T(1, 1)))),
        ),
    )
    res = solve_pbe(game)
    assert len(res.equilibria) == 1
    assert res.equilibria[0].assessment.behavior == {
        "enter?": {"out": 0, "in": 1},
        "fight?": {"fight": 0, "accommodate": 1},
    }


def test_public_move_after_another_player_is_not_pinned():
    """Nature, then player 1 moves knowing the state; player 2 moves without knowing it
    and its move is public, but the belief at player 2's set depends on player 1's
    strategy: the continuation after it stays in the root block (no block is started)."""

    def after(state):
        leaf = {
            ("H", "x"): T(1, 1, 0),
            ("H", "y"): T(0, 0, 1),
            ("L", "x"): T(0, 1, 1),
            ("L", "y"): T(1, 0, 0),
        }
        return Decision("P3", f"P3 {state}", ("x", "y"), (leaf[(state, "x")], leaf[(state, "y")]))

    def p1(state):
        return Decision(
            "P1",
            f"P1 {state}",
            ("u", "d"),
            (
                Decision("P2", "P2", ("l", "r"), (after(state), T(0, 0, 0)))
                if state == "H"
                else T(1, 1, 1),
                Decision("P2", "P2", ("l", "r"), (after(state), T(0, 0, 0)))
                if state == "L"
                else T(2, 0, 0),
            ),
        )

    game = Game(("P1", "P2", "P3"), Chance(("H", "L"), (F(1, 2), F(1, 2)), (p1("H"), p1("L"))))
    res = solve_pbe(game)
    starts = [b.start for b in res.blocks]
    assert not any("public move P2/1" in s for s in starts)
    assert "P2" in res.blocks[0].infosets
    # P3's nodes are singleton subgames: blocks of their own
    assert sum(s.startswith("the subgame at node") for s in starts) == 2


def test_refusal_before_any_solving(monkeypatch):
    """The size check runs before any block is solved."""
    import gametrees.verify.pbe.solve as solve_module

    def boom(*args, **kwargs):
        raise AssertionError("solved a block before refusing")

    monkeypatch.setattr(solve_module, "solve_pure", boom)
    spec = MODELS["beer_quiche"]
    game = spec.build(spec.params(), ())
    with pytest.raises(TooLarge) as exc:
        solve_pbe(game, max_profiles=10)
    # four two-action sets, none a singleton with a dominated action: 2**4 profiles
    assert exc.value.estimate == 16 and exc.value.limit == 10
    assert "max_profiles" in str(exc.value)


def test_limit_is_a_parameter():
    spec = MODELS["beer_quiche"]
    game = spec.build(spec.params(), ())
    assert len(solve_pbe(game, max_profiles=16).equilibria) == 2
