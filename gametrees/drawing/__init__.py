"""Figures of game trees: Graphviz DOT, SVG/PDF/PNG, and TikZ.

* :func:`game_to_dot` -- any concrete :class:`~gametrees.tree.Game`, optionally with an
  equilibrium highlighted;
* :func:`schematic_dot` -- a model's schematic tree (:class:`~gametrees.schematic.SchematicTree`)
  with symbolic payoffs;
* :func:`render` / :func:`render_bytes` -- DOT source as ``.svg``, ``.pdf``, ``.png``,
  ``.dot`` or ``.tex``;
* :func:`dot_to_tikz` -- TikZ from the Graphviz layout of a DOT source.
"""

from gametrees.drawing.dot import FigureStyle, game_to_dot
from gametrees.drawing.output import FORMATS, RenderError, format_from_path, render, render_bytes
from gametrees.drawing.schematic import SchematicStyle, schematic_dot
from gametrees.drawing.tikz import dot_to_tikz

__all__ = [
    "FORMATS",
    "FigureStyle",
    "RenderError",
    "SchematicStyle",
    "dot_to_tikz",
    "format_from_path",
    "game_to_dot",
    "render",
    "render_bytes",
    "schematic_dot",
]
