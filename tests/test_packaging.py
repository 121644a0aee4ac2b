"""One namespace on install: only ``gametrees`` goes into site-packages, and nothing in the
user's working directory can shadow its parts."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from modules import ROOT, package_folder, setuptools_config

TOP_FOLDERS = ("gametrees", "builders", "verify", "efg")


def test_every_package_folder_is_listed():
    listed = set(setuptools_config()["packages"])
    found = set()
    mapping = {v: k for k, v in setuptools_config()["package-dir"].items()}
    for top in TOP_FOLDERS:
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top)
            found.add(".".join([mapping[top], *rel.parts]))
    assert found == listed
    for package in listed:
        assert (package_folder(package) / "__init__.py").is_file(), package


def test_wheel_installs_only_gametrees(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    tops = {n.split("/")[0] for n in names}
    dist_info = [t for t in tops if t.endswith(".dist-info")]
    assert len(dist_info) == 1 and dist_info[0].startswith("gametrees-")
    assert tops == {"gametrees", dist_info[0]}
    for package in setuptools_config()["packages"]:
        for py in package_folder(package).glob("*.py"):
            assert f"{package.replace('.', '/')}/{py.name}" in names, (package, py.name)
    top_level = [n for n in names if n.endswith("top_level.txt")]
    with zipfile.ZipFile(wheel) as z:
        assert z.read(top_level[0]).decode().split() == ["gametrees"]


def _run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_user_files_named_like_the_parts_break_nothing(tmp_path: Path):
    """``efg.py``, ``verify.py``, ``builders.py`` in the working directory are the user's:
    gametrees never imports them (they would raise if it did)."""
    for name in ("efg", "verify", "builders", "tree", "render"):
        (tmp_path / f"{name}.py").write_text(
            f"raise RuntimeError('the user\\'s {name}.py was imported')\n"
        )
    code = (
        "from gametrees.gambit.solve import solve; import gametrees; "
        "g = gametrees.build('beer_quiche'); print(len(solve(g, 'enumpure').equilibria))"
    )
    res = _run([sys.executable, "-c", code], tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "2"
    gametrees_cli = Path(sys.executable).with_name("gametrees")
    res = _run([str(gametrees_cli), "build", "beer_quiche", "-o", "bq.efg"], tmp_path)
    assert res.returncode == 0, res.stderr + res.stdout
    assert (tmp_path / "bq.efg").read_text().startswith("EFG 2 R")


def test_regular_install_imports_by_installed_names(installed: Path, tmp_path: Path):
    """From the unpacked wheel alone (no editable finder), every part imports under gametrees."""
    env = dict(os.environ, PYTHONPATH=str(installed), PYTHONNOUSERSITE="1")
    code = (
        "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]\n"
        "import gametrees.builders.yoder_cohen.baseline as b, gametrees.verify.pipeline as v, "
        "gametrees.efg.reader as r\n"
        f"assert b.__file__.startswith({str(installed)!r}), b.__file__\n"
        f"assert v.__file__.startswith({str(installed)!r}), v.__file__\n"
        "print('ok')"
    )
    res = _run([sys.executable, "-c", code], tmp_path, env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"
