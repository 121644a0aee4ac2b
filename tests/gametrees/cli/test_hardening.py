"""Bad inputs, hostile output paths, interrupts and concurrent runs: each gets exit 2 and one
line (no traceback), leaves no partial file, and touches no file of the user's.

Each case of the hardening issue is named in a test below.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gametrees.cli import app
from gametrees.cli.outdir import MANIFEST, locked

runner = CliRunner()
CLI = Path(sys.executable).with_name("gametrees")
FAST = ["run", "--model", "beer_quiche"]


def bad(args: list[str], *, code: int = 2, after_work: bool = False) -> str:
    """Run the CLI; it must exit ``code`` with one line of error and no traceback (after the
    progress lines, for a refusal that can only come after the work)."""
    res = runner.invoke(app, args)
    text = res.output
    assert res.exit_code == code, text
    assert "Traceback" not in text
    assert isinstance(res.exception, SystemExit), repr(res.exception)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], text
    if not after_work:
        assert len(lines) == 1, text
    return errors[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ------------------------------------------------------------------ run: the output folder


def test_force_on_the_current_folder_touches_nothing(tmp_path: Path, monkeypatch):
    """Data loss 1: ``run -o . --force`` used to empty the user's folder."""
    (tmp_path / "thesis.tex").write_text("my work")
    monkeypatch.chdir(tmp_path)
    line = bad([*FAST, "-o", ".", "--force"])
    assert "current folder" in line
    assert (tmp_path / "thesis.tex").read_text() == "my work"
    assert sorted(os.listdir(tmp_path)) == ["thesis.tex"]


@pytest.mark.parametrize("target", ["..", "~", "/"])
def test_parents_home_and_root_are_never_replaced(tmp_path: Path, monkeypatch, target: str):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    bad([*FAST, "-o", os.path.expanduser(target), "--force"])


def test_force_refuses_a_folder_with_files_gametrees_did_not_write(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    line = bad([*FAST, "-o", str(out), "--force"])
    assert "did not write" in line and "notes.txt" in line
    assert snapshot(out) == {"notes.txt": b"mine"}


def test_force_replaces_a_previous_output_and_rerun_is_identical(tmp_path: Path):
    out = tmp_path / "out"
    assert runner.invoke(app, [*FAST, "-o", str(out)]).exit_code == 0
    first = snapshot(out)
    assert MANIFEST in first
    assert runner.invoke(app, [*FAST, "-o", str(out), "--force"]).exit_code == 0
    assert snapshot(out) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


def test_a_changed_file_in_a_previous_output_is_not_replaced(tmp_path: Path):
    out = tmp_path / "out"
    assert runner.invoke(app, [*FAST, "-o", str(out)]).exit_code == 0
    (out / "beer_quiche_report.md").write_text("my edits")
    line = bad([*FAST, "-o", str(out), "--force"])
    assert "changed since gametrees wrote it" in line
    assert (out / "beer_quiche_report.md").read_text() == "my edits"


def test_a_file_created_during_the_run_is_never_deleted(tmp_path: Path, monkeypatch):
    """Data loss 2: ``run -o X`` with X absent, X/notes.txt created while it runs."""
    from gametrees.verify import pipeline

    out = tmp_path / "out"
    real_run = pipeline.run

    def run_while_the_user_writes(*args, **kwargs):
        out.mkdir()
        (out / "notes.txt").write_text("written meanwhile")
        return real_run(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run", run_while_the_user_writes)
    line = bad([*FAST, "-o", str(out)], after_work=True)
    assert "appeared" in line
    assert snapshot(out) == {"notes.txt": b"written meanwhile"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_interrupt_while_writing_keeps_the_old_output(tmp_path: Path, monkeypatch):
    """Not atomic 3: an interrupt must leave the old output whole, and no temporary folder."""
    from gametrees.verify import pipeline
    from gametrees.verify.analyses import Artefact

    out = tmp_path / "out"
    assert runner.invoke(app, [*FAST, "-o", str(out)]).exit_code == 0
    before = snapshot(out)

    class Interrupted:
        runs = ()
        agree = True

        @property
        def artefacts(self):
            yield Artefact("beer_quiche.efg", b"partial", "game")
            raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run", lambda *a, **k: Interrupted())
    res = runner.invoke(app, [*FAST, "-o", str(out), "--force"])
    assert res.exit_code != 0
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_run_leaves_nothing_beside_the_folder(tmp_path: Path, sig: int):
    """Not atomic 3: SIGTERM at 5 s used to leave a hidden temporary folder."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [str(CLI), "run", "--model", "client", "--grid", "2", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3)
    assert proc.poll() is None, "the run must still be working when the signal comes"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert list(tmp_path.iterdir()) == []


def test_a_second_concurrent_run_refuses(tmp_path: Path):
    """Concurrent runs 9: the last to finish used to win, unannounced."""
    out = tmp_path / "out"
    with locked(out):
        line = bad([*FAST, "-o", str(out), "--force"])
    assert "another gametrees run" in line
    assert not out.exists()
    assert runner.invoke(app, [*FAST, "-o", str(out)]).exit_code == 0  # the lock is released


def test_the_lock_is_a_real_file_lock(tmp_path: Path):
    out = tmp_path / "out"
    with locked(out):
        lock = tmp_path / ".out.gametrees-lock"
        fd = os.open(lock, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)
    assert not lock.exists()


def test_run_into_a_symlink_or_a_file_is_refused_before_any_work(tmp_path: Path):
    """Not atomic 3: ``-o`` a symlink used to do the whole run, then fail."""
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    start = time.perf_counter()
    assert "symbolic link" in bad([*FAST, "-o", str(link)])
    assert time.perf_counter() - start < 5  # refused before the work (a run takes longer)
    (tmp_path / "file").write_text("x")
    assert "not a folder" in bad([*FAST, "-o", str(tmp_path / "file")])
    assert "does not exist" in bad([*FAST, "-o", str(tmp_path / "no" / "out")])
    assert link.is_symlink() and list(real.iterdir()) == []


# ------------------------------------------------------------------ every command's output path


def test_build_and_render_never_replace_a_link_or_a_device(tmp_path: Path):
    target = tmp_path / "target.efg"
    target.write_text("keep me")
    link = tmp_path / "link.efg"
    link.symlink_to(target)
    assert "symbolic link" in bad(["build", "beer_quiche", "-o", str(link)])
    assert link.is_symlink() and target.read_text() == "keep me"
    svg = tmp_path / "link.svg"
    svg.symlink_to(target)
    assert "symbolic link" in bad(["render", "beer_quiche", "-o", str(svg)])
    assert "not a regular file" in bad(["build", "beer_quiche", "-o", "/dev/null"])


def test_output_path_checks(tmp_path: Path):
    """Silent acceptance 7: wrong extension, format mismatch, a folder, a missing folder."""
    line = bad(["build", "beer_quiche", "-o", str(tmp_path / "missing" / "x.efg")])
    assert ".part" not in line and "does not exist" in line
    assert "ending in .efg" in bad(["build", "beer_quiche", "-o", str(tmp_path / "x.txt")])
    assert "is a folder" in bad(["build", "beer_quiche", "-o", str(tmp_path)])
    line = bad(["render", "beer_quiche", "-o", str(tmp_path / "x.svg"), "--format", "png"])
    assert "--format" in line
    assert not list(tmp_path.iterdir())


def test_verify_report_into_a_missing_folder_fails_before_the_work(tmp_path: Path):
    start = time.perf_counter()
    bad(["verify", "baseline", "--report", str(tmp_path / "no" / "r.md")])
    bad(["verify", "baseline", "--json", str(tmp_path / "r.txt")])
    assert time.perf_counter() - start < 5  # a verification of the defaults takes longer


# ------------------------------------------------------------------ numbers and sizes


@pytest.mark.parametrize(
    "args",
    [
        ["build", "baseline", "-o", "x.efg", "--set", "k_A=1e-5000"],
        ["build", "baseline", "-o", "x.efg", "--set", "k_A=1e-99999999"],
        ["build", "baseline", "-o", "x.efg", "--set", "k_A=" + "1" * 5000],
        ["build", "baseline", "-o", "x.efg", "--offers", "0,1e-5000"],
        ["build", "baseline", "-o", "x.efg", "--grid", "1000000000"],
        ["sweep", "baseline", "--over", "w=0:1:1000000000"],
        ["sweep", "baseline", "--over", "w=1/5:1/2:3", "--over", "w=1/5:1/2:3"],
        ["build", "baseline", "-o", "x.efg", "--offers", ""],
        ["build", "baseline", "-o", "x.efg", "--offers", " , "],
        ["solve", "beer_quiche", "--solver", ""],
        ["render", "beer_quiche", "-o", "x.png", "--dpi", "0"],
        ["render", "beer_quiche", "-o", "x.png", "--dpi", "-5"],
    ],
    ids=lambda a: " ".join(a)[:60],
)
def test_unbounded_or_empty_values_exit_2(tmp_path: Path, monkeypatch, args: list[str]):
    """Crashes 5, unbounded work 6, silent acceptance 7."""
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    bad(args)
    assert time.perf_counter() - start < 5
    assert list(tmp_path.iterdir()) == []


def test_a_huge_toml_integer_and_dev_zero_as_params(tmp_path: Path):
    big = tmp_path / "p.toml"
    big.write_text("k_A = " + "1" * 5000 + "\n")
    bad(["build", "baseline", "-o", str(tmp_path / "x.efg"), "--params", str(big)])
    bad(["build", "baseline", "-o", str(tmp_path / "x.efg"), "--params", "/dev/zero"])
    assert not (tmp_path / "x.efg").exists()


def test_malformed_solution_files(tmp_path: Path):
    """Tracebacks 7: ``{"equilibria":[{"behavior":5}]}`` raised AttributeError."""
    for text in (
        '{"equilibria":[{"behavior":5}]}',
        '{"equilibria":[5]}',
        "[]",
        "{",
        '{"equilibria":[{"beliefs":{"x":3}}]}',
    ):
        sol = tmp_path / "s.json"
        sol.write_text(text)
        line = bad(["render", "beer_quiche", "--solution", str(sol), "--format", "dot"])
        assert "--solution" in line


# ------------------------------------------------------------------ determinism


def test_pdfs_do_not_depend_on_the_time_zone(tmp_path: Path):
    """Determinism 8: with TZ=Asia/Tokyo the Graphviz PDFs used to differ."""
    outs = []
    for tz in ("UTC", "Asia/Tokyo", "America/New_York"):
        out = tmp_path / f"{tz.replace('/', '_')}.pdf"
        env = dict(os.environ, TZ=tz, PYTHONHASHSEED=str(len(outs)), LC_ALL="C.UTF-8")
        res = subprocess.run(
            [str(CLI), "render", "baseline", "--schematic", "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert res.returncode == 0, res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
