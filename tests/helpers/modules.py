"""The project's packages and modules, as the distribution installs them.

``pyproject.toml`` maps the repository's four top-level folders onto one namespace
(``gametrees``, ``gametrees.builders``, ``gametrees.verify``, ``gametrees.efg``); the tests
read the mapping from there so that they follow it.
"""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setuptools_config() -> dict:
    """The ``[tool.setuptools]`` table of ``pyproject.toml``."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    """The repository folder that holds ``package`` (by the ``package-dir`` mapping)."""
    mapping = setuptools_config()["package-dir"]
    parts = package.split(".")
    for i in range(len(parts), 0, -1):
        head = ".".join(parts[:i])
        if head in mapping:
            return ROOT / mapping[head] / Path(*parts[i:])
    raise KeyError(package)


def module_names() -> list[str]:
    """Every module of every listed package, by its installed dotted name, sorted."""
    names = set()
    for package in setuptools_config()["packages"]:
        names.add(package)
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.ispkg:
                names.add(f"{package}.{info.name}")
    return sorted(names)


#: Gambit sample games and other fixture files.
EFG_FIXTURES = ROOT / "tests" / "fixtures" / "efg"
