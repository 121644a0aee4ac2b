"""Draw any :class:`~gametrees.schematic.SchematicTree` as Graphviz DOT.

A schematic tree is a model's tree drawn once, with symbolic payoffs (the model supplies
it: ``Model.schematic``). Nodes are drawn in the tree's order, each edge before its
child; an edge marked ``continuum`` makes its parent a fan: two invisible outer points
(:func:`gametrees.schematic.fan_ids`), the edges to them, and the representative edge in
the middle, whose arc :func:`gametrees.drawing.output.render` adds in a second pass.
Information sets are dashed links; terminals show their payoffs stacked (top to bottom,
in the order given) or inline. Formulas are typeset in the model's
:class:`~gametrees.notation.Notation`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import sympy as sp

from gametrees.drawing.dot import DotGraph, FigureStyle, Html, new_graph, payoff_label
from gametrees.drawing.text import PLAIN, Label, formula, html_text, tex_text
from gametrees.notation import Notation
from gametrees.schematic import InfosetLink, Raw, SameRank, SchematicTree, SEdge, SNode, fan_ids

__all__ = ["SchematicStyle", "label_of", "schematic_dot"]

Rankdir = Literal["TB", "LR"]


@dataclass(frozen=True)
class SchematicStyle:
    """How a schematic is laid out: direction, payoffs stacked or inline, a legend."""

    rankdir: Rankdir = "LR"
    stack_payoffs: bool = True
    legend: bool = True


def label_of(parts: Iterable[Any], notation: Notation = PLAIN) -> Label:
    """A label from parts: text, sympy expressions (math in ``notation``), :class:`Raw` pieces."""
    out = Label("", "")
    for part in parts:
        if isinstance(part, str):
            out = out + Label(html_text(part), tex_text(part))
        elif isinstance(part, Raw):
            out = out + Label(part.html, f"${part.tex}$")
        elif isinstance(part, sp.Basic):
            out = out + formula(part, notation)
        else:
            raise TypeError(f"cannot draw a label part of type {type(part).__name__}: {part!r}")
    return out


def _node(g: DotGraph, node: SNode, lab: Label, **attrs: object) -> None:
    g.node(node.id, label=Html(lab.html), gt_tex=lab.tex, **attrs)


def _edge(g: DotGraph, a: str, b: str, lab: Label | None, **attrs: object) -> None:
    if lab is None or not lab.html:
        g.edge(a, b, **attrs)
    else:
        g.edge(a, b, label=Html(lab.html), gt_tex=lab.tex, **attrs)


def schematic_dot(
    tree: SchematicTree,
    notation: Notation = PLAIN,
    schematic_style: SchematicStyle | None = None,
    *,
    style: FigureStyle | None = None,
) -> str:
    """DOT source of the schematic ``tree`` (see the module docstring)."""
    look = schematic_style or SchematicStyle()
    style = style or FigureStyle()
    if not tree.nodes:
        raise ValueError("a schematic tree needs at least one node")
    legend = label_of(tree.legend, notation) if look.legend and tree.legend else None
    g = new_graph(style, look.rankdir, legend)
    g.graph_attrs["nodesep"] = 0.22 if look.rankdir == "TB" else 0.12
    g.graph_attrs["ranksep"] = 0.5 if look.rankdir == "TB" else 0.3

    nodes = {n.id: n for n in tree.nodes}
    out_edges: dict[str, list[SEdge]] = {}
    for e in tree.edges:
        for end in (e.parent, e.child):
            if end not in nodes:
                raise ValueError(f"edge {e.parent} -> {e.child}: no node {end!r}")
        out_edges.setdefault(e.parent, []).append(e)
    infoset_of = {n.id: n.infoset for n in tree.nodes}

    def draw_node(node: SNode) -> None:
        attrs: dict[str, object] = {}
        if node.infoset:
            attrs["gt_infoset"] = node.infoset
        fan = [e for e in out_edges.get(node.id, ()) if e.continuum]
        if fan:
            left, right = fan_ids(node.id)
            attrs["gt_fan"] = f"{left},{right}"
            attrs["gt_fan_radius"] = fan[0].fan_radius
        if node.kind == "terminal":
            lab = payoff_label([formula(v, notation) for v in node.payoffs], look.stack_payoffs)
            _node(g, node, lab, fontsize=style.small, gt_kind="terminal")
        else:
            _node(g, node, label_of(node.label, notation), **attrs)

    def fan_point(name: str) -> None:
        g.node(name, shape="point", width=0.55, height=0.55, style="invis", label="", gt_kind="fan")

    root = tree.nodes[0]
    draw_node(root)
    stack: list[SEdge] = list(reversed(out_edges.get(root.id, [])))
    while stack:
        e = stack.pop()
        lab = label_of(e.label, notation) if e.label else None
        if e.continuum:
            left, right = fan_ids(e.parent)
            fan_point(left)
            _edge(g, e.parent, left, None)
            _edge(g, e.parent, e.child, lab, weight=8, gt_label_at=e.label_at)
            fan_point(right)
            _edge(g, e.parent, right, None)
        else:
            _edge(g, e.parent, e.child, lab)
        draw_node(nodes[e.child])
        stack.extend(reversed(out_edges.get(e.child, [])))

    for item in tree.layout:
        if isinstance(item, SameRank):
            g.same_rank(item.ids)
        elif isinstance(item, InfosetLink):
            for a, b in zip(item.ids, item.ids[1:], strict=False):
                if infoset_of.get(a) not in ("", item.name) or a not in nodes or b not in nodes:
                    raise ValueError(f"information set {item.name!r}: {a} or {b} is not its node")
                g.edge(
                    a,
                    b,
                    style="dashed",
                    constraint="false",
                    gt_kind="infoset",
                    gt_infoset=item.name,
                )
    return g.source(tree.name)
