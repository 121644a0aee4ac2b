"""gametrees.gambit.solve: which solvers apply, exact equilibria with beliefs and agent regret."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from modules import EFG_FIXTURES

from gametrees.builders import MODELS
from gametrees.efg import read_efg_file
from gametrees.gambit.sizes import game_size
from gametrees.gambit.solve import SolveError, default_solver, plan, solve
from gametrees.gambit.solvers import (
    ENUMMIXED_LIMIT,
    SOLVERS,
    SolverOptions,
    applicable_solvers,
    is_constant_sum,
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
        "enumpoly",
        "gnm",
        "ipa",
        "simpdiv",
        "logit",
        "liap",
        "liap_agent",
    ]
    assert "lp" in applicable_solvers(pennies())
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    assert "lcp" not in applicable_solvers(horse) and "enumpoly" in applicable_solvers(horse)
    assert default_solver(horse) == "enumpoly" and default_solver(pennies()) == "lcp"


def test_every_pygambit_solver_is_offered():
    import pygambit

    gambit = {n[: -len("_solve")] for n in dir(pygambit.nash) if n.endswith("_solve")}
    assert gambit == set(SOLVERS)


def test_strategic_size_guard():
    monty = read_efg_file(FIXTURES / "montyhal.efg")
    assert game_size(monty).strategic_profiles > ENUMMIXED_LIMIT
    with pytest.raises(SolveError, match="builds the strategic form") as exc:
        solve(monty, "enummixed")
    assert "Solvers for this game: lcp" in str(exc.value)


def test_refusals_list_what_applies():
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    with pytest.raises(SolveError, match="two-player games only; this game has 3"):
        solve(horse, "lcp")
    with pytest.raises(SolveError, match="constant-sum games only"):
        solve(beer_quiche(), "lp")
    with pytest.raises(SolveError, match="unknown solver 'nope'"):
        solve(beer_quiche(), "nope")
    with pytest.raises(SolveError, match="takes no option --first-step"):
        solve(beer_quiche(), "lcp", options=SolverOptions(first_step=0.1))


def test_lcp_exact_with_beliefs():
    sol = solve(beer_quiche(), "lcp")
    assert sol.exact and sol.method == "lcp"
    [eq] = sol.equilibria
    assert eq.agent_max_regret == 0 and eq.certified
    assert eq.behavior["Sender strong"] == {"beer": F(1), "quiche": F(0)}
    assert eq.beliefs["Receiver after beer"] == (F(9, 10), F(1, 10))
    assert eq.beliefs["Receiver after quiche"] == (None, None)
    assert all(isinstance(p, F) for probs in eq.behavior.values() for p in probs.values())


def test_lp_on_zero_sum():
    [eq] = solve(pennies(), "lp").equilibria
    assert eq.behavior == {"a": {"H": F(1, 2), "T": F(1, 2)}, "b": {"h": F(1, 2), "t": F(1, 2)}}
    assert eq.beliefs["b"] == (F(1, 2), F(1, 2))
    assert is_constant_sum(pennies()) and not is_constant_sum(beer_quiche())


@pytest.mark.parametrize("name", ["enummixed", "enumpure", "enumpure_agent", "simpdiv"])
def test_exact_solvers_are_certified_exactly(name):
    sol = solve(beer_quiche(), name)
    assert sol.equilibria and sol.exact
    assert all(eq.agent_max_regret == 0 and eq.certified for eq in sol.equilibria)


@pytest.mark.parametrize("name", ["gnm", "ipa", "logit", "enumpoly"])
def test_float_solvers_are_checked(name):
    """Float answers are certified by rounding to rationals of exact regret 0 or by a small
    float regret, and say which."""
    sol = solve(beer_quiche(), name)
    assert sol.equilibria
    for eq in sol.equilibria:
        assert eq.certificate
        if eq.certificate.startswith("rounded"):
            assert eq.agent_max_regret == 0 and all(
                isinstance(p, F) for probs in eq.behavior.values() for p in probs.values()
            )


def test_enumpure_on_three_players():
    """Issue: enumpure used to be refused as two-player only."""
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    sol = solve(horse, "enumpure")
    assert sol.equilibria and all(e.certified for e in sol.equilibria)


def test_three_players_agent_form():
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    sol = solve(horse, "enumpure_agent")
    assert len(sol.equilibria) == 2
    first = sol.equilibria[0]
    assert first.beliefs["Player 3:1"] == (None, None)
    assert sol.equilibria[1].beliefs["Player 3:1"] == (F(0), F(1))


def test_default_finds_all_equilibria_of_the_horse_and_says_how_complete():
    """Selten's horse: two equilibrium components in pure strategies (derived in the test
    below by checking every pure profile); enumpoly's list is complete up to isolated points."""
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    sol = solve(horse, all_equilibria=True)
    assert sol.method == "enumpoly" and sol.complete
    assert "isolated" in sol.completeness
    assert len(sol.equilibria) == 2 and all(e.certified for e in sol.equilibria)
    default = solve(horse)
    assert default.method == "enumpoly" and default.attempts[0].solver == "enumpoly"


def test_lcp_says_it_finds_one_and_all_says_more_exist():
    """Issue: lcp returns one equilibrium of a game with several, with no hint."""
    sol = solve(beer_quiche())
    assert sol.method == "lcp" and not sol.complete and sol.completeness == "one equilibrium"
    every = solve(beer_quiche(), all_equilibria=True)
    assert every.method == "enummixed" and every.complete
    assert len(every.equilibria) > 1


def test_logit_reports_lambda_and_regret():
    game = read_efg_file(FIXTURES / "3_player_with_nonterm_outcomes.efg")
    sol = solve(game, "logit")
    assert not sol.exact and sol.lam is not None and sol.lam > 1
    assert any("final lambda" in n for n in sol.notes)
    assert all(e.certified for e in sol.equilibria)
    horse = read_efg_file(FIXTURES / "selten_horse.efg")
    # logit stops short here with float agent regret ~1e-3 (GAMBIT_NOTES pitfall 2); the
    # rational profile nearest to it is an exact equilibrium, which the check finds.
    stopped = solve(horse, "logit")
    [eq] = stopped.equilibria
    assert eq.certified and eq.certificate == "rounded to rationals: exact agent regret 0"
    assert eq.agent_max_regret == 0


def test_a_solver_that_runs_too_long_is_stopped_cleanly():
    monty = read_efg_file(FIXTURES / "montyhal.efg")
    sol = solve(monty, "liap_agent", options=SolverOptions(starts=50, maxiter=10**6), timeout=0.3)
    assert sol.equilibria == ()
    assert "stopped after 0.3 s" in sol.attempts[0].outcome
    assert sol.warnings and "no equilibrium found" in sol.warnings[0]


def test_the_default_falls_back_when_a_method_fails(monkeypatch):
    """A method that crashes or returns nothing certified hands over to the next one."""
    from gametrees.gambit import solve as module

    order = [name for name, _ in plan(beer_quiche())]
    assert order[:2] == ["lcp", "enummixed"]
    real = module._run_isolated

    def lcp_crashes(spec, game, options, timeout):
        if spec.name == "lcp":
            return module._Outcome("crash", -11)
        return real(spec, game, options, timeout)

    monkeypatch.setattr(module, "_run_isolated", lcp_crashes)
    sol = solve(beer_quiche())
    assert sol.method == "enummixed"
    assert sol.attempts[0].outcome == "Gambit crashed (signal 11)"


def test_imperfect_recall_uses_the_agent_form_only():
    """Gambit 16.7 refuses imperfect recall in every method but enumpure_agent and logit."""
    leaf = Terminal((F(1),))
    forgetful = Game(
        ("P",),
        Decision(
            "P",
            "first",
            ("L", "R"),
            (
                Decision("P", "then", ("l", "r"), (leaf, leaf)),
                Decision("P", "then", ("l", "r"), (leaf, Terminal((F(0),)))),
            ),
        ),
    )
    assert not game_size(forgetful).perfect_recall
    assert [n for n, _ in plan(forgetful)] == ["enumpure_agent", "logit"]
    with pytest.raises(SolveError, match="imperfect recall"):
        solve(forgetful, "enumpure")


def test_json_schema():
    data = solve(beer_quiche(), "lcp").to_json()
    assert data["game"] == beer_quiche().title and data["solver"] == "lcp"
    assert data["complete"] is False and data["completeness"] == "one equilibrium"
    assert data["attempts"][0]["solver"] == "lcp"
    [eq] = data["equilibria"]
    assert set(eq) == {"behavior", "beliefs", "agent_max_regret", "certified", "certificate"}
    assert eq["behavior"]["Receiver after quiche"] == {"duel": "1/2", "not": "1/2"}
    assert eq["beliefs"]["Receiver after quiche"] == [None, None]
    assert eq["agent_max_regret"] == "0" and eq["certified"] is True


def test_chance_only_game_has_no_player_sets():
    g = Game(("A",), Chance(("x",), (F(1),), (Terminal((F(1),)),)))
    [eq] = solve(g, "enumpure_agent").equilibria
    assert eq.behavior == {} and eq.beliefs == {}
