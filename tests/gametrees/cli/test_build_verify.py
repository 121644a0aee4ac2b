"""Tests of ``gametrees build``, ``params``, ``verify`` and ``sweep`` through typer's CliRunner."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pygambit
import pytest
from typer.testing import CliRunner

from gametrees.builders import MODELS
from gametrees.builders.api import param_docs
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.client import ClientParams
from gametrees.cli import app

runner = CliRunner()


def output_of(result) -> str:
    """Everything the command printed (stdout and stderr)."""
    text = result.output
    try:
        err = result.stderr
    except (ValueError, AttributeError):
        err = ""
    return text + ("" if err in text else err)


def test_build_writes_a_loadable_efg(tmp_path):
    out = tmp_path / "x.efg"
    res = runner.invoke(app, ["build", "baseline", "--grid", "3", "-o", str(out)])
    assert res.exit_code == 0, output_of(res)
    g = pygambit.read_efg(str(out))
    # The default grid at 3 offers: 0, 1/2, 1 plus the thresholds in [0, 1] and the
    # points just above them; the tree has 22 nodes per offer plus 3.
    n = len(MODELS["baseline"].grid(BaselineParams(), 3))
    assert len(list(g.nodes)) == 22 * n + 3
    assert sum(1 for nd in g.nodes if nd.is_terminal) == 12 * n


def test_build_with_explicit_offers(tmp_path):
    out = tmp_path / "y.efg"
    res = runner.invoke(
        app, ["build", "client", "--offers", "0,1/4,1", "-o", str(out), "--set", "q=1/3"]
    )
    assert res.exit_code == 0, output_of(res)
    assert len(list(pygambit.read_efg(str(out)).nodes)) == 22 * 3 + 3


def test_bad_parameter_exits_2_and_writes_nothing(tmp_path):
    out = tmp_path / "bad.efg"
    res = runner.invoke(
        app, ["build", "baseline", "--grid", "3", "-o", str(out), "--set", "alpha_lo=0.9"]
    )
    assert res.exit_code == 2
    text = output_of(res)
    assert "alpha_lo" in text and "c/w" in text
    assert not out.exists()


def test_unknown_parameter_exits_2(tmp_path):
    out = tmp_path / "u.efg"
    res = runner.invoke(app, ["build", "baseline", "-o", str(out), "--set", "nonsense=1"])
    assert res.exit_code == 2
    assert "nonsense" in output_of(res)
    assert not out.exists()


@pytest.mark.parametrize("item", ["w", "w=", "=1/2"])
def test_malformed_set_exits_2(tmp_path, item):
    res = runner.invoke(app, ["build", "baseline", "-o", str(tmp_path / "m.efg"), "--set", item])
    assert res.exit_code == 2


def test_malformed_toml_exits_2(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text("alpha_lo = = 3\n[unclosed\n", encoding="utf-8")
    out = tmp_path / "t.efg"
    res = runner.invoke(app, ["build", "baseline", "-o", str(out), "--params", str(bad)])
    assert res.exit_code == 2
    assert "TOML" in output_of(res)
    assert not out.exists()


def test_toml_params_are_used(tmp_path):
    good = tmp_path / "p.toml"
    good.write_text('[params]\nq = "1/3"\nu = 0.2\n', encoding="utf-8")
    out = tmp_path / "t.efg"
    res = runner.invoke(
        app, ["build", "baseline", "-o", str(out), "--params", str(good), "--offers", "0,1"]
    )
    assert res.exit_code == 0, output_of(res)
    assert "u=1/5" in out.read_text() and "q=1/3" in out.read_text()


def test_missing_params_file_exits_2(tmp_path):
    res = runner.invoke(
        app,
        ["build", "baseline", "-o", str(tmp_path / "z.efg"), "--params", str(tmp_path / "no.toml")],
    )
    assert res.exit_code == 2


def test_params_lists_every_parameter():
    res = runner.invoke(app, ["params", "client"], env={"COLUMNS": "250"})
    assert res.exit_code == 0, output_of(res)
    for d in param_docs(ClientParams):
        assert d.name in res.output
    assert len(param_docs(ClientParams)) == len(ClientParams.__dataclass_fields__)


def test_params_unknown_model_exits_2():
    assert runner.invoke(app, ["params", "nope"]).exit_code == 2


def test_verify_client_writes_both_reports(tmp_path, monkeypatch):
    # Skip Gambit's enummixed (~0.7 s an offer) to keep the file fast; the other sources run.
    monkeypatch.setattr("gametrees.verify.yoder_cohen.run.GAMBIT_MIXED_MAX_OFFERS", 0)
    j, m = tmp_path / "r.json", tmp_path / "r.md"
    res = runner.invoke(
        app, ["verify", "client", "--grid", "5", "--json", str(j), "--report", str(m)]
    )
    assert res.exit_code == 0, output_of(res)
    data = json.loads(j.read_text())
    assert data["model"] == "client" and data["agree"] is True
    assert F(data["params"]["q"]) == ClientParams().q
    assert set(data["classes"]) == {"closed forms", "enumerator", "gambit"}
    text = m.read_text()
    assert text.startswith("# Verification: client")
    for row in data["formulas"]:
        assert row["name"] in text


def test_sweep_baseline(tmp_path):
    j = tmp_path / "s.json"
    res = runner.invoke(
        app, ["sweep", "baseline", "--over", "w=1/2:3/5:2", "--grid", "5", "--json", str(j)]
    )
    assert res.exit_code == 0, output_of(res)
    rows = json.loads(j.read_text())
    assert [r["point"] for r in rows] == [{"w": "1/2"}, {"w": "3/5"}]
    assert all(r["agree"] for r in rows)


def test_sweep_bad_axis_exits_2():
    res = runner.invoke(app, ["sweep", "baseline", "--over", "w=1/2:3/5"])
    assert res.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["build", "client", "--grid", "2", "-o", "{blocker}/x.efg"],
        ["verify", "client", "--grid", "2", "--no-gambit", "--json", "{blocker}/x.json"],
        ["verify", "client", "--grid", "2", "--no-gambit", "--report", "{blocker}/x.md"],
        ["sweep", "client", "--over", "u=1/10:1/5:2", "--json", "{blocker}/s.json"],
        ["run", "--model", "client", "--grid", "2", "-o", "{blocker}/out"],
    ],
)
def test_unwritable_output_exits_2_and_writes_nothing(tmp_path, args):
    """An output under a regular file cannot be created: exit 2 with the path named."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    argv = [a.format(blocker=blocker) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert str(blocker) in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
