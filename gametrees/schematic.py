"""Schematic game trees: a model's tree drawn once, with symbolic payoffs (a paper's figure).

A concrete :class:`gametrees.tree.Game` has one branch per grid value of a continuous
choice; a paper draws the choice once, as a fan (two outer edges joined by an arc) with
one representative branch (``x ∈ [0, 1]``), and writes payoffs as formulas. A
:class:`SchematicTree` describes such a figure for any model: its nodes (in drawing
order), the edges from each node to its children, which edge stands for a continuum, the
information sets drawn as dashed links, the nodes that share a rank, and a legend.
:func:`gametrees.drawing.schematic.schematic_dot` draws it.

Labels are sequences of parts (:data:`Text`): plain strings, sympy expressions (typeset
as math in the model's notation) and :class:`Raw` pieces written for each output
language.

>>> import sympy as sp
>>> tree = SchematicTree(
...     nodes=(SNode("root", ("Row",)), SNode("end", (), payoffs=(sp.Symbol("a"),))),
...     edges=(SEdge("root", "end", ("L",)),),
... )
>>> [n.id for n in tree.children("root")]
['end']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Raw", "SEdge", "SNode", "SameRank", "InfosetLink", "SchematicTree", "Text", "fan_ids"]


@dataclass(frozen=True)
class Raw:
    """A label piece given directly in both languages: Graphviz HTML and LaTeX (math mode)."""

    html: str
    tex: str


#: A label: plain text, sympy expressions (math in the model's notation), raw pieces.
Text = tuple[Any, ...]


@dataclass(frozen=True)
class SNode:
    """A node: ``label`` above it (a decision node's player, "Nature"); a terminal's ``payoffs``
    (sympy expressions, one per player shown). ``infoset`` names the node's information
    set (non-empty for sets drawn as dashed links)."""

    id: str
    label: Text
    kind: Literal["chance", "decision", "terminal"] = "decision"
    infoset: str = ""
    payoffs: tuple[Any, ...] = ()


@dataclass(frozen=True)
class SEdge:
    """An edge from ``parent`` to ``child`` labelled ``label``.

    ``continuum``: the edge stands for a continuous choice; the parent is drawn as a fan
    (two outer edges and an arc of radius ``fan_radius`` times the shorter of them) with
    this edge in the middle, its label at ``label_at`` of its length.
    """

    parent: str
    child: str
    label: Text = ()
    continuum: bool = False
    fan_radius: float = 0.45
    label_at: float = 0.62


@dataclass(frozen=True)
class SameRank:
    """Nodes drawn on one rank (one column in left-to-right layouts)."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class InfosetLink:
    """The members of an information set, linked by dashed lines in this order."""

    name: str
    ids: tuple[str, ...]


def fan_ids(node_id: str) -> tuple[str, str]:
    """The ids the drawer gives the two outer points of ``node_id``'s fan (for :class:`SameRank`)."""
    return f"fanL_{node_id}", f"fanR_{node_id}"


@dataclass(frozen=True)
class SchematicTree:
    """A schematic figure: nodes in drawing order (each parent before its children),
    edges, and layout statements (:class:`SameRank`, :class:`InfosetLink`) in order."""

    nodes: tuple[SNode, ...]
    edges: tuple[SEdge, ...]
    layout: tuple[SameRank | InfosetLink, ...] = ()
    legend: Text = ()
    name: str = "schematic"

    def node(self, node_id: str) -> SNode:
        """The node called ``node_id``."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def children(self, node_id: str) -> list[SNode]:
        """The children of ``node_id``, in the order of the edges."""
        return [self.node(e.child) for e in self.edges if e.parent == node_id]
