"""No code branches on a model's name: outside the model modules themselves, no library
module contains a built-in model's name as a string (docstrings aside)."""

from __future__ import annotations

import ast
from pathlib import Path

from modules import ROOT

NAMES = {"baseline", "client", "beer_quiche"}
#: The modules that define the models (their names live there, and in the registry).
MODEL_MODULES = {
    ROOT / "builders" / "yoder_cohen" / "baseline.py",
    ROOT / "builders" / "yoder_cohen" / "client.py",
    ROOT / "builders" / "beer_quiche.py",
}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _name_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and id(node) not in skip and node.value in NAMES
    ]


def test_library_code_names_no_model():
    found = []
    for top in ("gametrees", "builders", "verify", "efg"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path not in MODEL_MODULES:
                found += _name_literals(path)
    # The CLI's default for `gametrees run` (the two papers' models) is the one exception:
    # a default, not a branch.
    allowed = [f for f in found if f.startswith("gametrees/cli/run.py")]
    assert [f for f in found if f not in allowed] == []
    assert len(allowed) == 2
