"""A researcher's own model, outside the repository, through every command that takes a model:
by file path, as ``package.module:ATTR``, and as an installed entry-point plugin.

The model is ``examples/entry_deterrence.py`` (the README's example), copied under a new
name into a temporary folder, so nothing here depends on the repository's layout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from modules import ROOT
from typer.testing import CliRunner

from gametrees.builders.registry import ModelError, load_model
from gametrees.cli import app

EXAMPLE = ROOT / "examples" / "entry_deterrence.py"
CLI = Path(sys.executable).with_name("gametrees")
runner = CliRunner()


@pytest.fixture()
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "my_entry_game.py"
    path.parent.mkdir()
    shutil.copy(EXAMPLE, path)
    return path


def ok(args: list[str]) -> str:
    """Run the CLI; it must succeed; its standard output."""
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return res.stdout


def test_every_command_takes_a_model_file(model_file: Path, tmp_path: Path):
    ref = str(model_file)
    efg = tmp_path / "e.efg"
    ok(["build", ref, "-o", str(efg), "--set", "p_tough=1/2"])
    assert "p_tough" not in efg.read_text() and efg.read_text().startswith("EFG 2 R")
    assert "fight_cost" in ok(["params", ref])
    info = json.loads(ok(["info", ref, "--json"]))
    assert info["players"] == ["Entrant", "Incumbent"] and info["terminals"] == 6
    data = json.loads(ok(["solve", ref, "--solver", "enumpure", "--json"]))
    # By hand: the weak incumbent accommodates after entry (1 > -1); entering pays the
    # entrant p*(-1) + (1-p)*1 > 0 at p = 1/3, so the entrant enters -- and there are
    # equilibria in which an unreached incumbent threatens to fight (out is a best reply).
    assert any(
        eq["behavior"]["Entrant"]["enter"] == "1"
        and eq["behavior"]["Incumbent weak"]["accommodate"] == "1"
        for eq in data["equilibria"]
    )
    out = tmp_path / "tree.svg"
    ok(["render", ref, "-o", str(out)])
    assert out.read_bytes().startswith(b"<?xml")
    res = runner.invoke(app, ["render", ref, "--schematic", "--format", "dot"])
    assert res.exit_code == 2 and "no schematic" in res.output
    # verify: the generic PBE, derived by hand. Sequential rationality: the tough incumbent
    # fights (2 > 1), the weak one accommodates (1 > -1); entering then pays the entrant
    # p*(-1) + (1-p)*1 = 1/3 > 0 at p = 1/3: one PBE, payoffs (1/3, p*2 + (1-p)*1 = 4/3).
    report = tmp_path / "v.json"
    ok(["verify", ref, "--json", str(report)])
    doc = json.loads(report.read_text())
    assert doc["agree"] is True and len(doc["equilibria"]) == 1
    [eq] = doc["equilibria"]
    assert eq["payoffs"] == {"Entrant": "1/3", "Incumbent": "4/3"}
    run_dir = tmp_path / "run"
    ok(["run", "--model", ref, "-o", str(run_dir)])
    names = {p.name for p in run_dir.iterdir()}
    assert {"entry_deterrence.efg", "entry_deterrence_solution.json", "report.html"} <= names


def test_module_attr_form(model_file: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(model_file.parent))
    model = load_model("my_entry_game:MODEL")
    assert model.name == "entry_deterrence"
    assert load_model("my_entry_game") is model  # the module's MODEL


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nosuchmodel", "unknown model 'nosuchmodel'"),
        ("missing/file.py", "does not exist"),
        ("json:dumps", "is not a gametrees Model"),
        ("no_such_module_xyz:MODEL", "cannot import module"),
    ],
)
def test_bad_references_raise_clearly(ref: str, message: str):
    with pytest.raises(ModelError, match=message):
        load_model(ref)


def test_a_broken_model_file_is_one_line(tmp_path: Path):
    bad = tmp_path / "bad_model.py"
    bad.write_text("raise ValueError('oops')\n")
    res = runner.invoke(app, ["build", str(bad), "-o", str(tmp_path / "x.efg")])
    assert res.exit_code == 2
    assert "ValueError: oops" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x.efg").exists()


def test_installed_entry_point_plugin(model_file: Path, tmp_path: Path):
    """A plugin package, installed with pip, registers its model in ``gametrees.models``."""
    pkg = tmp_path / "plugin"
    (pkg / "my_entry_plugin").mkdir(parents=True)
    shutil.copy(model_file, pkg / "my_entry_plugin" / "games.py")
    (pkg / "my_entry_plugin" / "__init__.py").write_text("")
    (pkg / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "my-entry-plugin"\nversion = "1.0"\n'
        '[project.entry-points."gametrees.models"]\n'
        'entry_deterrence = "my_entry_plugin.games:MODEL"\n'
    )
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(pkg),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(os.environ, PYTHONPATH=str(site), COLUMNS="200")
    listing = subprocess.run([str(CLI), "models"], capture_output=True, text=True, env=env)
    assert listing.returncode == 0, listing.stderr
    assert "entry_deterrence" in listing.stdout and "my_entry_plugin.games:MODEL" in listing.stdout
    out = tmp_path / "p.efg"
    res = subprocess.run(
        [str(CLI), "build", "entry_deterrence", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert res.returncode == 0, res.stderr + res.stdout
    assert "Entry deterrence" in out.read_text()
