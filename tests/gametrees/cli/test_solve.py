"""``gametrees info`` and ``gametrees solve`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from modules import EFG_FIXTURES
from typer.testing import CliRunner

from gametrees.builders import MODELS
from gametrees.cli import app
from gametrees.efg import write_efg_file

FIXTURES = EFG_FIXTURES
runner = CliRunner()


@pytest.fixture
def beer_quiche_file(tmp_path: Path) -> Path:
    spec = MODELS["beer_quiche"]
    path = tmp_path / "bq.efg"
    write_efg_file(spec.build(spec.params(), ()), path)
    return path


def test_info_table(beer_quiche_file):
    result = runner.invoke(app, ["info", str(beer_quiche_file)])
    assert result.exit_code == 0, result.output
    assert "15 nodes, 8 terminal, 1 chance" in result.output
    assert "Sender" in result.output and "Receiver" in result.output
    assert "solvers that apply: lcp" in result.output


def test_info_json_on_gambit_sample():
    result = runner.invoke(app, ["info", str(FIXTURES / "montyhal.efg"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["players"] == ["Player 1", "Player 2"]
    assert (data["nodes"], data["terminals"], data["chance_nodes"]) == (67, 36, 1)
    assert data["infosets"]["Player 1"]["infosets"] == 7
    assert data["infosets"]["Player 1"]["largest_infoset"] == 3
    assert data["infosets"]["Player 2"] == {
        "infosets": 9,
        "actions": 18,
        "decision_nodes": 9,
        "largest_infoset": 1,
        "sequences": 19,
        "reduced_strategies": 512,
    }
    assert data["perfect_recall"] is True and data["sequence_form"] == 16 + 19


def test_solve_default_lcp_on_our_output(beer_quiche_file):
    result = runner.invoke(app, ["solve", str(beer_quiche_file)])
    assert result.exit_code == 0, result.output
    assert "1 equilibrium from lcp (exact)" in result.output
    assert "tried lcp" in result.output and "found 1, 1 certified" in result.output
    assert "not known to be complete: lcp finds one equilibrium" in result.output
    assert "Equilibrium 1 (certified): exact agent regret 0" in result.output
    assert "duel: 1/2" in result.output


def test_solve_json_schema(beer_quiche_file):
    result = runner.invoke(app, ["solve", str(beer_quiche_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["solver"] == "lcp"
    [eq] = data["equilibria"]
    assert eq["behavior"]["Receiver after beer"] == {"duel": "0", "not": "1"}
    assert eq["beliefs"]["Receiver after beer"] == ["9/10", "1/10"]
    assert eq["beliefs"]["Receiver after quiche"] == [None, None]
    assert eq["agent_max_regret"] == "0"


def test_solve_three_player_sample():
    path = FIXTURES / "selten_horse.efg"
    result = runner.invoke(app, ["solve", str(path), "--solver", "enumpure_agent", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["equilibria"]) == 2
    assert data["equilibria"][0]["beliefs"]["Player 3:1"] == [None, None]


def test_solve_limit(beer_quiche_file):
    result = runner.invoke(
        app, ["solve", str(beer_quiche_file), "--solver", "enummixed", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "Equilibrium 1" in result.output and "Equilibrium 2" not in result.output
    assert "more (raise --limit)" in result.output


def test_solver_that_does_not_apply_exits_2():
    result = runner.invoke(app, ["solve", str(FIXTURES / "selten_horse.efg"), "--solver", "lcp"])
    assert result.exit_code == 2
    assert "two-player games only" in result.output
    assert "Solvers for this game: enumpure, enumpure_agent, enumpoly" in result.output


def test_nothing_certified_exits_1_and_says_why(tmp_path):
    """Issue: liap_agent returned 0 equilibria with exit 0 and no warning."""
    result = runner.invoke(
        app,
        ["solve", str(FIXTURES / "montyhal.efg"), "--solver", "liap_agent", "--maxiter", "1"],
    )
    assert result.exit_code == 1
    assert "no equilibrium found" in result.output or "not certified" in result.output


def test_three_players_default_succeeds():
    """Issue: the default failed on three-player games (logit stopped short on the horse)."""
    for name in ("selten_horse.efg", "3_player_with_nonterm_outcomes.efg"):
        result = runner.invoke(app, ["solve", str(FIXTURES / name), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["solver"] == "enumpoly"
        assert all(eq["certified"] for eq in data["equilibria"])


def test_options_need_a_solver_and_the_solver_must_take_them():
    horse = str(FIXTURES / "selten_horse.efg")
    assert runner.invoke(app, ["solve", horse, "--maxregret", "0.1"]).exit_code == 2
    res = runner.invoke(app, ["solve", horse, "--solver", "enumpure", "--first-step", "0.1"])
    assert res.exit_code == 2 and "takes no option --first-step" in res.output


@pytest.mark.parametrize("command", ["info", "solve"])
def test_malformed_file_exits_2_with_line(tmp_path, command):
    path = tmp_path / "bad.efg"
    path.write_text('EFG 2 R "x" { "A" }\n""\nc "" 1 "" { "a" { } 0\n')
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code == 2
    assert f"{path}:3: expected a number after action \"a\", got '{{'" in result.output


@pytest.mark.parametrize("command", ["info", "solve"])
def test_missing_file_exits_2(tmp_path, command):
    result = runner.invoke(app, [command, str(tmp_path / "none.efg")])
    assert result.exit_code == 2
    assert "no such file" in result.output
