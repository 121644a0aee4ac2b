"""Figures of game trees: Graphviz DOT, SVG/PDF/PNG, and TikZ.

* :func:`game_to_dot` -- any concrete :class:`~gametrees.tree.Game`;
* :func:`schematic_dot` -- the paper's Figure 2 (baseline) and the client extension
  as schematic trees with symbolic payoffs;
* :func:`render` -- write DOT source as ``.svg``, ``.pdf``, ``.png``, ``.dot`` or ``.tex``;
* :func:`dot_to_tikz` -- TikZ from the Graphviz layout of a DOT source.
"""

from gametrees.render.dot import FigureStyle, game_to_dot
from gametrees.render.output import FORMATS, RenderError, format_from_path, render, render_bytes
from gametrees.render.schematic import SchematicOptions, schematic_dot
from gametrees.render.solution import Solution, SolutionError, solution_from_json
from gametrees.render.tikz import dot_to_tikz

__all__ = [
    "FORMATS",
    "FigureStyle",
    "RenderError",
    "SchematicOptions",
    "Solution",
    "SolutionError",
    "dot_to_tikz",
    "format_from_path",
    "game_to_dot",
    "render",
    "render_bytes",
    "schematic_dot",
    "solution_from_json",
]
