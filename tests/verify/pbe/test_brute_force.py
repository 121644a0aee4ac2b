"""The solver's pure PBE against an independent brute force (``conftest.brute_force_pure``)
on small games: catalogue signalling games, Selten's horse, the fixtures, random trees."""

from __future__ import annotations

from fractions import Fraction as F
from math import prod

import pygambit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modules import EFG_FIXTURES

from gametrees.efg import read_efg_file
from gametrees.gambit import from_pygambit, to_pygambit
from gametrees.tree import infosets
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.pbe import solve_pbe


def _catalogue_small():
    out = []
    for name in pygambit.catalog.games()["Game"]:
        g = pygambit.catalog.load(name)
        if not g.is_tree or not g.is_perfect_recall:
            continue
        game = from_pygambit(g)
        size = prod(len(ms[0][1].actions) for ms in infosets(game).values())
        if size <= 1024:
            out.append(name)
    return out


CATALOGUE = _catalogue_small()


def _blocks(res, parse):
    return [([parse(r) for r in b.roots], list(b.start_belief)) for b in res.blocks]


def _pure_profiles(res, key_of):
    return {key_of(a.behavior) for p in res.equilibria for a in p.assessments() if a.pure}


def _check(game, brute, key_of, parse, **kw):
    res = solve_pbe(game, **kw)
    expected = brute(game, _blocks(res, parse))
    assert _pure_profiles(res, key_of) == set(expected)
    return res, expected


def test_catalogue_list_is_not_trivial():
    assert "books/watson2013/fig29_1" in CATALOGUE
    assert "journals/ijgt/selten1975/fig1" in CATALOGUE
    assert len(CATALOGUE) >= 20


@pytest.mark.parametrize("name", CATALOGUE)
def test_catalogue_pure_pbe_equal_brute_force(name, brute, key_of, parse):
    game = from_pygambit(pygambit.catalog.load(name))
    _check(game, brute, key_of, parse)


def _small_fixtures():
    out = []
    for path in sorted(EFG_FIXTURES.glob("*.efg")):
        game = read_efg_file(path)
        if prod(len(ms[0][1].actions) for ms in infosets(game).values()) <= 1024:
            out.append(path.name)
    return out


def test_fixture_list():
    # montyhal (98,304 pure profiles) and bayes2a are too large for the brute force
    assert _small_fixtures() == ["3_player_with_nonterm_outcomes.efg", "selten_horse.efg"]


@pytest.mark.parametrize("name", _small_fixtures())
def test_fixtures_pure_pbe_equal_brute_force(name, brute, key_of, parse):
    _check(read_efg_file(EFG_FIXTURES / name), brute, key_of, parse)


def test_selten_horse_derived():
    """Selten's horse (catalogue labels): 1 plays R (to 2) or L (to 3's second node);
    2 plays R (ends, 1 each) or L (to 3's first node); 3, not knowing which, plays R or L.
    Player 3 gets 0/1 (R/L) at its first node and 2/0 at its second: L is optimal iff the
    belief on the first node is at least 2/3. If 3 plays L, 2 and 1 play R (1 > 0): a PBE
    with 3's belief in [2/3, 1]. If 3 plays R, 2 plays L (4 > 1) and then 1 plays R
    (4 > 3), so 3's set is reached at its first node and L is optimal there: no PBE. So
    exactly one pure PBE, (R, R, L)."""
    game = read_efg_file(EFG_FIXTURES / "selten_horse.efg")
    res = solve_pbe(game)
    assert len(res.blocks) == 1  # no proper subgame, no public move
    assert len(res.equilibria) == 1
    a = res.equilibria[0].assessment
    moves = {n: next(k for k, p in probs.items() if p == 1) for n, probs in a.behavior.items()}
    assert moves == {"Player 1:1": "R", "Player 2:1": "R", "Player 3:1": "L"}
    b = a.beliefs["Player 3:1"]
    assert b.kind == "interval" and b.interval == (F(2, 3), F(1))
    assert res.equilibria[0].refinements["D1"].status == "not applicable"


@pytest.mark.parametrize("name", ["books/watson2013/fig29_1", "books/watson2013/exercise29_6"])
def test_signalling_games_certified_and_refined(name, brute, key_of, parse):
    game = from_pygambit(pygambit.catalog.load(name))
    res, expected = _check(game, brute, key_of, parse)
    assert expected  # both have pure PBE
    g = to_pygambit(game)
    for p in res.equilibria:
        for a in p.assessments(limit=4):
            assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
            assert gambit_regret(game, a.behavior, g) == 0
        assert {v.status for v in p.refinements.values()} <= {"survives", "fails"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_perfect_recall_games(data, brute, key_of, block_bayes, games, parse):
    """Every pure profile the solver returns is certified (our certifier, Bayes' rule in
    every block, Gambit's agent regret); every pure PBE the brute force finds is returned."""
    game = data.draw(games(3, data.draw(st.integers(2, 3))))
    # enumpoly (3 players) can fail to terminate on degenerate games; the pure PBE do not
    # depend on it
    res, expected = _check(game, brute, key_of, parse, enumpoly_timeout=1)
    g = to_pygambit(game)
    for p in res.equilibria:
        for a in p.assessments(limit=3):
            assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
            assert block_bayes(res, game, a) == []
            assert gambit_regret(game, a.behavior, g) == 0
            _check_belief_sets(game, a)


def _check_belief_sets(game, a):
    """Off-path belief sets are exact: every vertex (interval end) supports the behaviour,
    a point just outside an interval does not, and ``contains`` agrees."""
    base = a.point_beliefs()
    eps = F(1, 1000)
    for name, b in a.beliefs.items():
        assert b.contains(b.representative())
        if b.kind == "interval":
            lo, hi = b.interval
            tests = [(lo, True), (hi, True)]
            if lo > 0:
                tests.append((max(F(0), lo - eps), False))
            if hi < 1:
                tests.append((min(F(1), hi + eps), False))
            for t, ok in tests:
                assert b.contains((t, 1 - t)) is ok
                ok_cert = (
                    certify_sequential(game, a.behavior, dict(base, **{name: [t, 1 - t]})) == []
                )
                assert ok_cert is ok
        elif b.kind == "vertices":
            for v in b.vertices:
                assert b.contains(v)
                assert certify_sequential(game, a.behavior, dict(base, **{name: list(v)})) == []
