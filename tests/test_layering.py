"""The layering contracts of ``pyproject.toml`` ([tool.importlinter]) hold.

import-linter reads the package from disk, so it runs on the layout a regular install
creates (the wheel unpacked): there ``builders/``, ``verify/`` and ``efg/`` sit inside
``gametrees/``, as they do in site-packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from modules import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(site: Path, config: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run(
        [str(LINT), str(config), "--no-cache", "--no-logo"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_contracts_hold(installed: Path):
    res = _lint(installed, ROOT / "pyproject.toml")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 broken" in res.stdout
    assert res.stdout.count("KEPT") >= 6


def test_a_forbidden_import_breaks_a_contract(installed: Path, tmp_path: Path):
    """The contracts can fail: the core's renderer importing a model is caught."""
    site = tmp_path / "site"
    shutil.copytree(installed / "gametrees", site / "gametrees")
    dot = site / "gametrees" / "drawing" / "dot.py"
    dot.write_text(dot.read_text() + "\nfrom gametrees.builders import api as _model_api  # noqa\n")
    res = _lint(site, ROOT / "pyproject.toml")
    assert res.returncode != 0
    assert "The core knows no model, no verification and no CLI BROKEN" in res.stdout
