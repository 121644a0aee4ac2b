"""A :class:`gametrees.tree.Game` as a ``networkx.DiGraph``, for analysis and drawing.

Nodes are numbered in depth-first pre-order (``0`` is the root, the order of
:func:`gametrees.tree.iter_nodes`) and carry

* ``kind``: ``"chance"``, ``"decision"`` or ``"terminal"``;
* ``player``: the mover's name (``None`` at chance and terminal nodes);
* ``infoset``: the information-set name (a chance node's own label, ``None`` at terminals);
* ``label``: the node label; ``outcome``: the outcome label (terminals; ``None`` elsewhere);
* ``payoffs``: ``{player: Fraction}`` at terminals, ``None`` elsewhere;
* ``path``: the tuple of action labels from the root.

Edges go parent -> child with ``action`` and, below chance nodes only, ``prob`` (an exact
``Fraction``). The graph's ``players``, ``title`` and ``comment`` are in ``graph.graph``.
"""

from __future__ import annotations

from fractions import Fraction

import networkx as nx

from gametrees.tree import Chance, Decision, Game, Terminal, iter_nodes

__all__ = ["infoset_members", "to_networkx"]


def to_networkx(game: Game) -> nx.DiGraph:
    """The tree of ``game`` as a directed graph (see the module docstring)."""
    graph = nx.DiGraph(players=game.players, title=game.title, comment=game.comment)
    # pre-order visits a parent before its children: remember inner nodes by path
    inner: dict[tuple[str, ...], tuple[int, Chance | Decision]] = {}
    for i, (path, node) in enumerate(iter_nodes(game)):
        if not isinstance(node, Terminal):
            inner[path] = (i, node)
        attrs: dict[str, object] = {
            "label": node.label,
            "path": path,
            "player": None,
            "infoset": None,
            "outcome": None,
            "payoffs": None,
        }
        if isinstance(node, Terminal):
            attrs["kind"] = "terminal"
            attrs["outcome"] = node.outcome
            attrs["payoffs"] = {
                p: Fraction(v) for p, v in zip(game.players, node.payoffs, strict=True)
            }
        elif isinstance(node, Chance):
            attrs["kind"] = "chance"
            attrs["infoset"] = node.infoset
        else:
            attrs["kind"] = "decision"
            attrs["player"] = node.player
            attrs["infoset"] = node.infoset
        graph.add_node(i, **attrs)
        if path:
            parent_no, parent = inner[path[:-1]]
            edge: dict[str, object] = {"action": path[-1]}
            if isinstance(parent, Chance):
                edge["prob"] = parent.probs[parent.actions.index(path[-1])]
            graph.add_edge(parent_no, i, **edge)
    return graph


def infoset_members(graph: nx.DiGraph) -> dict[tuple[str, str], list[int]]:
    """Map ``(player, infoset)`` to the pre-order numbers of its decision nodes."""
    out: dict[tuple[str, str], list[int]] = {}
    for i in sorted(graph.nodes):
        data = graph.nodes[i]
        if data["kind"] == "decision":
            out.setdefault((data["player"], data["infoset"]), []).append(i)
    return out
