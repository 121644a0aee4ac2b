"""The examples in the docstrings run, for every module by its installed name."""

from __future__ import annotations

import doctest
import importlib

import pytest
from modules import module_names

MODULES = module_names()


def _examples(module) -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [t for t in finder.find(module) if t.examples]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in _examples(module):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_some_modules_have_examples() -> None:
    """The collection above is not empty: the documented examples are found."""
    with_examples = [n for n in MODULES if _examples(importlib.import_module(n))]
    assert "gametrees.tree" in with_examples
    assert "gametrees.builders.params" in with_examples
