"""``gametrees run``: the full output directory, atomically, identical on reruns."""

from __future__ import annotations

import json
from pathlib import Path

import pygambit
import pytest
from typer.testing import CliRunner

from gametrees.cli import app

runner = CliRunner()
ARGS = ["run", "--model", "client", "--grid", "2"]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("run")
    a, b = base / "a", base / "b"
    for out in (a, b):
        result = runner.invoke(app, [*ARGS, "-o", str(out)])
        assert result.exit_code == 0, result.output
    return a, b


def test_run_writes_every_artefact(two_runs: tuple[Path, Path]) -> None:
    out, _ = two_runs
    names = {p.name for p in out.iterdir()}
    for fmt in ("svg", "pdf", "png", "tex"):
        assert f"client_schematic.{fmt}" in names
    for fmt in ("svg", "pdf", "png"):
        assert f"figure4_client.{fmt}" in names
    expected = {
        "client.efg",
        "client_report.md",
        "client_report.json",
        "client_solution.json",
        "report.html",
    }
    assert expected <= names
    assert any(n.startswith("map_client_u_q") and n.endswith(".png") for n in names)
    game = pygambit.read_efg(str(out / "client.efg"))
    assert [p.label for p in game.players] == ["P", "A", "C", "R"]
    report = json.loads((out / "client_report.json").read_text())
    assert report["agree"] is True
    assert set(report["classes"]) == {"closed forms", "enumerator", "gambit"}
    html = (out / "report.html").read_text()
    assert "data:image/png;base64," in html


def test_rerun_is_byte_identical(two_runs: tuple[Path, Path]) -> None:
    a, b = two_runs
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_non_empty_output_is_refused_without_force(two_runs: tuple[Path, Path]) -> None:
    out, _ = two_runs
    before = sorted(p.name for p in out.iterdir())
    result = runner.invoke(app, [*ARGS, "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert sorted(p.name for p in out.iterdir()) == before


@pytest.mark.parametrize(
    ("setting", "name"),
    [("alpha_lo=0.9", "alpha_lo"), ("psi=1", "psi"), ("z=1/2", "z"), ("nonsense=1", "nonsense")],
)
def test_bad_parameters_exit_2_and_leave_nothing(tmp_path: Path, setting: str, name: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, [*ARGS, "--set", setting, "-o", str(out)])
    assert result.exit_code == 2
    assert name in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_malformed_params_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text("w = = 3\n")
    result = runner.invoke(app, [*ARGS, "--params", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "malformed TOML" in result.output
    assert not (tmp_path / "out").exists()


def test_interrupted_run_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupt after some files are written removes the temporary folder whole."""
    from gametrees.verify import pipeline
    from gametrees.verify.analyses import Artefact

    def artefacts():
        yield Artefact("client.efg", b"partial", "game")
        raise KeyboardInterrupt

    class Interrupted:
        runs = ()
        agree = True

        @property
        def artefacts(self):
            return artefacts()

    monkeypatch.setattr(pipeline, "run", lambda *args, **kwargs: Interrupted())
    out = tmp_path / "out"
    result = runner.invoke(app, [*ARGS, "-o", str(out)])
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []
