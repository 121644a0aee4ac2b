"""Conversion between :class:`gametrees.tree.Game` and ``pygambit.Game``.

``to_pygambit`` writes the game as ``.efg`` text and lets Gambit's own reader parse it:
one C++ call instead of one Python call per node (see ``benchmarks/`` for the figures).
"""

from __future__ import annotations

import io

import pygambit

from efg.writer import write_efg
from gametrees.tree import Game

__all__ = ["to_pygambit"]


def to_pygambit(game: Game, *, check: bool = True) -> pygambit.Game:
    """The same game as a ``pygambit.Game``: players, information sets, actions, exact
    chance probabilities and payoffs."""
    return pygambit.read_efg(io.StringIO(write_efg(game, check=check)))
