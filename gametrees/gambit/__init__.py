"""pygambit adapters: conversion of games (:mod:`.convert`), their sizes (:mod:`.sizes`),
Gambit's solvers (:mod:`.solvers`) and solving (:mod:`.solve`).

``to_pygambit``, ``from_pygambit`` and ``exact`` are imported from :mod:`.convert` on first
use, so that importing a part that needs no pygambit (the sizes, the solver table) does not
pay for importing pygambit.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["exact", "from_pygambit", "to_pygambit"]

if TYPE_CHECKING:
    from gametrees.gambit.convert import exact, from_pygambit, to_pygambit


def __getattr__(name: str) -> Any:
    """PEP 562: the conversion functions, imported on first use."""
    if name in __all__:
        value = getattr(importlib.import_module("gametrees.gambit.convert"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gametrees.gambit' has no attribute {name!r}")
