"""The README's Python example runs as written."""

from __future__ import annotations

import re
import shutil

import pytest
from modules import ROOT


def test_python_example_runs(tmp_path, monkeypatch):
    if shutil.which("dot") is None:
        pytest.fail("Graphviz's dot is needed (the README's commands install it)")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "the README has a Python example"
    monkeypatch.chdir(tmp_path)
    for code in blocks:
        if "MODEL = Model(" in code:  # a fragment of the example file, shown, not run
            continue
        exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "bq.pdf").read_bytes().startswith(b"%PDF")
