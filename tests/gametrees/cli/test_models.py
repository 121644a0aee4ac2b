"""Every built-in model through the commands that take a model; ``gametrees models``; the
public API and notebook display."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gametrees
from gametrees.cli import app

runner = CliRunner()


def test_models_lists_every_builtin_with_its_parts():
    res = runner.invoke(app, ["models"], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    for name in ("baseline", "client", "beer_quiche"):
        assert name in res.output
    assert "Cho & Kreps (1987)" in res.output
    assert "analysis: Yoder & Cohen offer game" in res.output


def test_beer_quiche_through_build_render_solve_run(tmp_path: Path):
    efg = tmp_path / "bq.efg"
    res = runner.invoke(app, ["build", "beer_quiche", "-o", str(efg)])
    assert res.exit_code == 0, res.output
    assert gametrees.read_efg_file(efg) == gametrees.build("beer_quiche")
    res = runner.invoke(app, ["build", "beer_quiche", "--grid", "3", "-o", str(tmp_path / "x.efg")])
    assert res.exit_code == 2 and "no continuous choice" in res.output
    svg = tmp_path / "bq.svg"
    assert runner.invoke(app, ["render", "beer_quiche", "-o", str(svg)]).exit_code == 0
    assert svg.read_bytes().startswith(b"<?xml")
    res = runner.invoke(app, ["solve", "beer_quiche", "--solver", "enumpure", "--json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)["equilibria"]) == 2
    out = tmp_path / "run"
    res = runner.invoke(app, ["run", "--model", "beer_quiche", "-o", str(out)])
    assert res.exit_code == 0, res.output
    names = {p.name for p in out.iterdir()}
    assert {
        "beer_quiche.efg",
        "beer_quiche_solution.json",
        "beer_quiche_tree.svg",
        "report.html",
    } <= names


def test_public_api_names_resolve():
    for name in gametrees.__all__:
        assert getattr(gametrees, name) is not None, name
    with pytest.raises(AttributeError):
        gametrees.nonexistent_name  # noqa: B018


def test_solution_draws_itself_as_svg():
    sol = gametrees.solve(gametrees.build("beer_quiche"), "enumpure")
    svg = sol._repr_svg_()
    assert svg.startswith("<?xml") and "Receiver" in svg and "<svg" in svg
    assert gametrees.Solution("t", "m", True, ())._repr_svg_() is None
