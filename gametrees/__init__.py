"""gametrees: extensive-form games of formal political science as exact Gambit games.

Build a model's full game tree, solve it with Gambit's solvers, verify its equilibria and
a paper's claims exactly, export ``.efg``, draw journal figures.

>>> import gametrees
>>> model = gametrees.load_model("beer_quiche")
>>> game = gametrees.build(model)
>>> solution = gametrees.solve(game, "enumpure")
>>> len(solution.equilibria)
2

The main names (imported on first use, so ``import gametrees`` stays fast):

* models: :func:`load_model`, :func:`iter_models`, :class:`Model`, :func:`build`;
* games: :class:`Game`, :func:`validate`, :func:`stats`, :func:`read_efg`, :func:`read_efg_file`,
  :func:`write_efg`, :func:`write_efg_file`, :func:`to_pygambit`, :func:`from_pygambit`,
  :func:`to_networkx`;
* solving: :func:`solve`, :class:`Solution`, :class:`Equilibrium`;
* drawing: :func:`draw` (DOT), :func:`render` (a file).

In Jupyter, games and solutions draw themselves: :class:`Solution` has ``_repr_svg_``;
for :class:`Game` (which the renderer itself imports) an SVG formatter is registered with
IPython when gametrees is imported inside IPython.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

#: public name -> the module that defines it
_EXPORTS = {
    "Game": "gametrees.tree",
    "validate": "gametrees.tree",
    "stats": "gametrees.tree",
    "Model": "gametrees.builders.api",
    "load_model": "gametrees.builders.registry",
    "iter_models": "gametrees.builders.registry",
    "build": "gametrees.public",
    "draw": "gametrees.public",
    "render": "gametrees.public",
    "read_efg": "gametrees.efg.reader",
    "read_efg_file": "gametrees.efg.reader",
    "write_efg": "gametrees.efg.writer",
    "write_efg_file": "gametrees.efg.writer",
    "to_pygambit": "gametrees.gambit.convert",
    "from_pygambit": "gametrees.gambit.convert",
    "to_networkx": "gametrees.nxview",
    "solve": "gametrees.gambit.solve",
    "Solution": "gametrees.solution",
    "Equilibrium": "gametrees.solution",
}

__all__ = [
    "Equilibrium",
    "Game",
    "Model",
    "Solution",
    "build",
    "draw",
    "from_pygambit",
    "iter_models",
    "load_model",
    "read_efg",
    "read_efg_file",
    "render",
    "solve",
    "stats",
    "to_networkx",
    "to_pygambit",
    "validate",
    "write_efg",
    "write_efg_file",
]

if TYPE_CHECKING:
    from gametrees.builders.api import Model
    from gametrees.builders.registry import iter_models, load_model
    from gametrees.efg.reader import read_efg, read_efg_file
    from gametrees.efg.writer import write_efg, write_efg_file
    from gametrees.gambit.convert import from_pygambit, to_pygambit
    from gametrees.gambit.solve import solve
    from gametrees.nxview import to_networkx
    from gametrees.public import build, draw, render
    from gametrees.solution import Equilibrium, Solution
    from gametrees.tree import Game, stats, validate


def __getattr__(name: str) -> Any:
    """PEP 562: import a public name's module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gametrees' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


def _game_svg(game: Any) -> str:
    """Jupyter's SVG view of a :class:`Game` (Graphviz must be installed)."""
    from gametrees.drawing import game_to_dot, render_bytes

    return render_bytes(game_to_dot(game), "svg").decode("utf-8")


def _register_notebook_display() -> None:
    """In IPython, show a :class:`Game` as SVG (registered by name: nothing is imported)."""
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None) if ipython is not None else None
    shell = get() if get is not None else None
    if shell is None:
        return
    formatter = shell.display_formatter.formatters.get("image/svg+xml")
    if formatter is not None:
        formatter.for_type_by_name("gametrees.tree", "Game", _game_svg)


_register_notebook_display()
