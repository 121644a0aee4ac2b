"""The few functions a user calls first (re-exported by :mod:`gametrees`).

>>> import gametrees
>>> g = gametrees.build("beer_quiche")
>>> sorted(gametrees.stats(g).infosets.items())
[('Receiver', 2), ('Sender', 2)]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gametrees.builders.api import Model
from gametrees.builders.registry import load_model
from gametrees.drawing import game_to_dot, schematic_dot
from gametrees.drawing import render as render_dot
from gametrees.solution import Equilibrium, Solution
from gametrees.tree import Game

__all__ = ["build", "draw", "render"]


def _model(model: Model | str) -> Model:
    return model if isinstance(model, Model) else load_model(model)


def build(
    model: Model | str,
    params: Any = None,
    *,
    size: int | None = None,
    grid: Iterable[Any] | None = None,
    **values: Any,
) -> Game:
    """The full tree of ``model`` (a :class:`Model` or a reference :func:`load_model` takes).

    Parameters
    ----------
    model : Model or str
        The model, or its name, file or ``module:ATTR``.
    params : optional
        Its validated parameters; by default its defaults with ``values`` applied.
    size : int, optional
        Size of the default grid of its continuous choice.
    grid : iterable, optional
        Explicit values of the continuous choice instead.
    **values
        Parameter values (``w="1/2"``), when ``params`` is not given.

    Returns
    -------
    Game
        The tree, with exact payoffs.
    """
    return _model(model).game(params, size=size, grid=grid, **values)


def draw(
    game: Game | Model | str,
    *,
    solution: Solution | Equilibrium | None = None,
    schematic: bool = False,
    **options: Any,
) -> str:
    """Graphviz DOT source of a game (optionally with an equilibrium), or of a model's schematic.

    ``solution``: a :class:`Solution` (its first equilibrium is drawn) or an
    :class:`Equilibrium`. ``schematic=True`` draws the model's schematic tree with its
    ``options``; otherwise ``options`` go to :func:`gametrees.drawing.game_to_dot`.
    """
    if schematic:
        model = _model(game) if not isinstance(game, Game) else None
        if model is None or model.schematic is None:
            raise ValueError("schematic=True needs a model that has a schematic tree")
        return schematic_dot(model.schematic.tree(options), model.notation)
    tree = game if isinstance(game, Game) else build(game)
    eq = (
        solution.equilibria[0]
        if isinstance(solution, Solution) and solution.equilibria
        else solution
    )
    return game_to_dot(tree, solution=eq if isinstance(eq, Equilibrium) else None, **options)


def render(
    game: Game | Model | str,
    path: str | os.PathLike[str],
    *,
    solution: Solution | Equilibrium | None = None,
    schematic: bool = False,
    **options: Any,
) -> Path:
    """Draw (:func:`draw`) and write the figure to ``path`` (``.svg``, ``.pdf``, ``.png``,
    ``.dot`` or ``.tex``, by its extension); returns the path."""
    return render_dot(draw(game, solution=solution, schematic=schematic, **options), path)
