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
    }


def test_solve_default_lcp_on_our_output(beer_quiche_file):
    result = runner.invoke(app, ["solve", str(beer_quiche_file)])
    assert result.exit_code == 0, result.output
    assert "1 equilibria from lcp (exact)" in result.output
    assert "agent max regret 0" in result.output
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
    assert "enumpure_agent, logit, liap_agent" in result.output


def test_logit_stopping_short_exits_1():
    result = runner.invoke(app, ["solve", str(FIXTURES / "selten_horse.efg"), "--solver", "logit"])
    assert result.exit_code == 1
    assert "not an equilibrium yet" in result.output


def test_logit_converging_exits_0():
    path = FIXTURES / "3_player_with_nonterm_outcomes.efg"
    result = runner.invoke(app, ["solve", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["solver"] == "logit"


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
