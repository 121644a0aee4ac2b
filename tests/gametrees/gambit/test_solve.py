"""gametrees.gambit.solve: which solvers apply, exact equilibria with beliefs and agent regret."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from modules import EFG_FIXTURES

from gametrees.builders import MODELS
from gametrees.efg import read_efg_file
from gametrees.gambit.solve import (
    STRATEGIC_LIMIT,
    SolveError,
    applicable_solvers,
    default_solver,
    is_constant_sum,
    solve,
    strategic_size,
)
from gametrees.tree import Chance, Decision, Game, Terminal

FIXTURES = EFG_FIXTURES


def beer_quiche() -> Game:
    spec = MODELS["beer_quiche"]
    return spec.build(spec.params(), ())


def pennies() -> Game:
    """Matching pennies with the second mover not seeing the first move (zero-sum)."""

    def t(x: int) -> Terminal:
        return Terminal((F(x), F(-x)))

    return Game(
        ("A", "B"),
        Decision(
            "A",
            "a",
            ("H", "T"),
            (
                Decision("B", "b", ("h", "t"), (t(1), t(-1))),
                Decision("B", "b", ("h", "t"), (t(-1), t(1))),
            ),
        ),
        title="pennies",
    )


def test_applicable_solvers():
    assert applicable_solvers(beer_quiche()) == [
        "lcp",
        "enummixed",
        "enumpure",
        "enumpure_agent",
        "logit",
        "liap_agent",
    ]
    assert "lp" in applicable_solvers(pennies())
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    assert applicable_solvers(horse) == ["enumpure_agent", "logit", "liap_agent"]
    assert default_solver(horse) == "logit" and default_solver(pennies()) == "lcp"


def test_strategic_size_guard():
    monty = read_efg_file(FIXTURES / "montyhal.efg")
    assert strategic_size(monty) == (3 * 2**6) * 2**9 > STRATEGIC_LIMIT
    with pytest.raises(SolveError, match="builds the strategic form") as exc:
        solve(monty, "enummixed")
    assert "Solvers for this game: lcp, enumpure_agent, logit, liap_agent" in str(exc.value)


def test_refusals_list_what_applies():
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    with pytest.raises(SolveError, match="two-player games only; this game has 3"):
        solve(horse, "lcp")
    with pytest.raises(SolveError, match="constant-sum games only"):
        solve(beer_quiche(), "lp")
    with pytest.raises(SolveError, match="unknown solver 'nope'"):
        solve(beer_quiche(), "nope")


def test_lcp_exact_with_beliefs():
    sol = solve(beer_quiche(), "lcp")
    assert sol.exact and sol.method == "lcp"
    [eq] = sol.equilibria
    assert eq.agent_max_regret == 0
    assert eq.behavior["Sender strong"] == {"beer": F(1), "quiche": F(0)}
    assert eq.beliefs["Receiver after beer"] == (F(9, 10), F(1, 10))
    assert eq.beliefs["Receiver after quiche"] == (None, None)
    assert all(isinstance(p, F) for probs in eq.behavior.values() for p in probs.values())


def test_lp_on_zero_sum():
    [eq] = solve(pennies(), "lp").equilibria
    assert eq.behavior == {"a": {"H": F(1, 2), "T": F(1, 2)}, "b": {"h": F(1, 2), "t": F(1, 2)}}
    assert eq.beliefs["b"] == (F(1, 2), F(1, 2))
    assert is_constant_sum(pennies()) and not is_constant_sum(beer_quiche())


@pytest.mark.parametrize("name", ["enummixed", "enumpure", "enumpure_agent"])
def test_enumeration_solvers_exact(name):
    sol = solve(beer_quiche(), name)
    assert sol.equilibria and sol.exact
    assert all(eq.agent_max_regret == 0 for eq in sol.equilibria)


def test_three_players_agent_form():
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    sol = solve(horse, "enumpure_agent")
    assert len(sol.equilibria) == 2
    first = sol.equilibria[0]
    assert first.beliefs["Player 3:1"] == (None, None)
    assert sol.equilibria[1].beliefs["Player 3:1"] == (F(0), F(1))


def test_logit_reports_lambda_and_regret():
    game = read_efg_file(FIXTURES / "3_player_with_nonterm_outcomes.efg")
    sol = solve(game, "logit")
    assert not sol.exact and sol.lam is not None and sol.lam > 1
    assert not sol.warnings
    assert any("final lambda" in n for n in sol.notes)
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    stopped = solve(horse, "logit")  # stops with agent regret ~1e-3 (GAMBIT_NOTES pitfall 2)
    assert stopped.warnings and "not an equilibrium yet" in stopped.warnings[0]


def test_json_schema():
    data = solve(beer_quiche(), "lcp").to_json()
    assert data["game"] == beer_quiche().title and data["solver"] == "lcp"
    [eq] = data["equilibria"]
    assert set(eq) == {"behavior", "beliefs", "agent_max_regret"}
    assert eq["behavior"]["Receiver after quiche"] == {"duel": "1/2", "not": "1/2"}
    assert eq["beliefs"]["Receiver after quiche"] == [None, None]
    assert eq["agent_max_regret"] == "0"


def test_chance_only_game_has_no_player_sets():
    g = Game(("A",), Chance(("x",), (F(1),), (Terminal((F(1),)),)))
    [eq] = solve(g, "enumpure_agent").equilibria
    assert eq.behavior == {} and eq.beliefs == {}
