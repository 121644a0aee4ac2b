"""gametrees.gambit: to_pygambit and from_pygambit agree with the .efg reader and writer."""

from __future__ import annotations

import io
from fractions import Fraction as F

import pygambit
import pytest
from modules import EFG_FIXTURES

from gametrees.builders import MODELS
from gametrees.efg import read_efg, read_efg_file, write_efg
from gametrees.gambit import exact, from_pygambit, to_pygambit
from gametrees.tree import Terminal, iter_nodes

FIXTURES = EFG_FIXTURES


def small_model_games():
    out = []
    for name, spec in MODELS.items():
        params = spec.params()
        offers = spec.grid(params, 2)
        out.append(pytest.param(spec.build(params, offers), id=name))
    return out


@pytest.mark.parametrize("game", small_model_games())
def test_builders_round_trip_through_pygambit(game):
    text = write_efg(game)
    assert from_pygambit(to_pygambit(game)) == read_efg(text)
    assert write_efg(from_pygambit(to_pygambit(game))) == text


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.efg")))
def test_samples_round_trip(name):
    game = read_efg_file(FIXTURES / name)
    assert from_pygambit(to_pygambit(game)) == read_efg(write_efg(game))


def test_exact_numbers():
    assert exact(pygambit.Rational(1, 3)) == F(1, 3)
    assert exact(pygambit.Decimal("2.5")) == F(5, 2)
    assert exact(7) == F(7)
    g = pygambit.read_efg(
        io.StringIO(
            'EFG 2 D "" { "A" }\n""\nc "" 1 "" { "a" 0.1 "b" 0.9 } 0\n'
            't "" 1 "o" { 0.3 }\nt "" 2 "p" { 1/3 }\n'
        )
    )
    game = from_pygambit(g)
    assert game.root.probs == (F(1, 10), F(9, 10))
    assert [n.payoffs for _, n in iter_nodes(game) if isinstance(n, Terminal)] == [
        (F(3, 10),),
        (F(1, 3),),
    ]


def test_nonterminal_outcomes_folded_like_the_reader():
    path = FIXTURES / "bayes2a.efg"
    assert from_pygambit(pygambit.read_efg(str(path))) == read_efg_file(path)


def test_game_built_with_the_api():
    g = pygambit.Game.new_tree(players=["A", "B"], title="api")
    g.append_move(g.root, "A", ["l", "r"])
    left, right = list(g.root.children)
    g.append_move(left, "B", ["x", "y"])
    g.append_move(right, "B", ["x", "y"])
    g.set_infoset(right, left.infoset)
    bonus = g.add_outcome(payoffs=[1, 1], label="bonus")
    g.set_outcome(g.root, bonus)  # a non-terminal outcome
    win = g.add_outcome(payoffs=[3, pygambit.Rational(-1, 2)], label="win")
    g.set_outcome(list(left.children)[0], win)
    game = from_pygambit(g)
    assert game.title == "api"
    pays = {p: n for p, n in iter_nodes(game) if isinstance(n, Terminal)}
    assert pays[("l", "x")] == Terminal((F(4), F(1, 2)), outcome="bonus+win")
    assert pays[("r", "y")] == Terminal((F(1), F(1)), outcome="bonus")
    assert game.root.children[0].infoset == game.root.children[1].infoset


def test_strategic_game_refused():
    with pytest.raises(ValueError, match="extensive-form"):
        from_pygambit(pygambit.Game.new_table([2, 2]))
