"""Any concrete :class:`~gametrees.tree.Game` as Graphviz DOT, styled for a journal page.

:func:`game_to_dot` draws every node (decision nodes show their player, chance nodes
"Nature"), the action on every edge (chance edges with their exact probability),
the payoff vector under every leaf, and information sets either as dashed links
between their member nodes (kept on one rank when they share a depth) or as outlined
clusters. With an :class:`~gametrees.solution.Equilibrium`, actions played with a
probability that shows at ``digits`` significant digits are drawn bold (mixed ones carry
their probability, rounded like every float or long fraction: :func:`gametrees.numbers.show`)
and beliefs appear under the player's name at the nodes of non-singleton information sets.

Large trees: ``first_actions`` keeps only some actions of the first mover (the first
decision node on every path, e.g. R's offers in a bargaining model), the rest collapse
into an ellipsis node "…"; ``max_depth`` replaces every subtree below that depth by a
small triangle.

Output is deterministic: node ids are ``n0, n1, ...`` in pre-order of the drawn
nodes, and nothing depends on hashing or time.

Every node and edge also carries ``gt_*`` attributes (its LaTeX label, its kind)
that Graphviz ignores and :mod:`gametrees.drawing.tikz` reads back from the layout.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from gametrees.drawing.text import MINUS, Label, fraction, html_text, tex_text
from gametrees.numbers import DIGITS, show, visible
from gametrees.tree import Chance, Decision, Game, Node, Terminal, infosets

if TYPE_CHECKING:  # the solution module draws through this one; no import at run time
    from gametrees.solution import Equilibrium

__all__ = [
    "DotGraph",
    "FigureStyle",
    "Html",
    "game_to_dot",
]

Rankdir = Literal["TB", "LR"]
InfosetStyle = Literal["dashed", "cluster"]


class Html(str):
    """A Graphviz HTML-like label: written between ``<`` and ``>`` instead of quotes."""

    __slots__ = ()


@dataclass(frozen=True)
class FigureStyle:
    """Typography and spacing shared by all figures (points and inches, as Graphviz)."""

    font: str = "Times"
    fontsize: float = 13.0
    small: float = 11.0
    nodesep: float = 0.18
    ranksep: float = 0.42
    penwidth: float = 0.9
    bold: float = 2.6
    color: str = "black"


def quote(value: object) -> str:
    """A DOT attribute value: HTML labels in ``<...>``, everything else double-quoted."""
    if isinstance(value, Html):
        return f"<{value}>"
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def attr_list(attrs: Mapping[str, object]) -> str:
    """``[a="1", b=<x>]`` with the attributes in the order given; empty string if none."""
    if not attrs:
        return ""
    return " [" + ", ".join(f"{k}={quote(v)}" for k, v in attrs.items()) + "]"


@dataclass
class DotGraph:
    """A small ordered DOT writer: the order of calls is the order of the output."""

    graph_attrs: dict[str, object]
    node_defaults: dict[str, object]
    edge_defaults: dict[str, object]
    lines: list[str] = field(default_factory=list)

    def node(self, name: str, **attrs: object) -> None:
        self.lines.append(f"  {name}{attr_list(attrs)};")

    def edge(self, tail: str, head: str, **attrs: object) -> None:
        self.lines.append(f"  {tail} -> {head}{attr_list(attrs)};")

    def same_rank(self, names: Iterable[str]) -> None:
        self.lines.append("  { rank=same; " + " ".join(f"{n};" for n in names) + " }")

    def cluster(self, name: str, members: Iterable[str], **attrs: object) -> None:
        body = " ".join(f"{k}={quote(v)};" for k, v in attrs.items())
        self.lines.append(
            f"  subgraph cluster_{name} {{ {body} " + " ".join(f"{m};" for m in members) + " }"
        )

    def source(self, name: str = "G") -> str:
        head = [
            f"digraph {name} {{",
            f"  graph{attr_list(self.graph_attrs)};",
            f"  node{attr_list(self.node_defaults)};",
            f"  edge{attr_list(self.edge_defaults)};",
        ]
        return "\n".join([*head, *self.lines, "}"]) + "\n"


def new_graph(style: FigureStyle, rankdir: Rankdir, legend: Label | None = None) -> DotGraph:
    """A graph with the journal defaults: serif font, thin black lines, no arrowheads."""
    if rankdir not in ("TB", "LR"):
        raise ValueError(f"rankdir must be TB or LR, got {rankdir!r}")
    g: dict[str, object] = {
        "rankdir": rankdir,
        "ordering": "out",
        "splines": "line",
        "nodesep": style.nodesep,
        "ranksep": style.ranksep,
        "margin": 0.08,
        "pad": 0.08,
        "fontname": style.font,
        "fontsize": style.small,
        "bgcolor": "white",
        "outputorder": "edgesfirst",
    }
    if legend is not None:
        g["label"] = Html(legend.html)
        g["gt_tex"] = legend.tex
        g["labelloc"] = "b"
        g["labeljust"] = "l"
    return DotGraph(
        g,
        {
            "shape": "plaintext",
            "fontname": style.font,
            "fontsize": style.fontsize,
            "color": style.color,
            "fontcolor": style.color,
            "margin": "0.02,0.02",
            "height": 0.2,
            "width": 0.2,
        },
        {
            "dir": "none",
            "fontname": style.font,
            "fontsize": style.small,
            "color": style.color,
            "fontcolor": style.color,
            "penwidth": style.penwidth,
        },
    )


def stack(labels: Iterable[Label]) -> Label:
    """Lines stacked and centred (an HTML table: Graphviz misplaces overlines after ``<BR/>``)."""
    labs = list(labels)
    rows = "".join(f"<TR><TD>{lab.html}</TD></TR>" for lab in labs)
    html = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'
    tex = r"\begin{tabular}{@{}c@{}}" + r"\\ ".join(lab.tex for lab in labs) + r"\end{tabular}"
    return Label(html, tex)


def payoff_label(values: Iterable[Label], stacked: bool) -> Label:
    """A payoff vector: stacked (one line per player) or inline ``(a, b, c)``."""
    vals = list(values)
    if stacked:
        return stack(vals)
    return Label(
        "(" + ", ".join(v.html for v in vals) + ")",
        "(" + ", ".join(v.tex for v in vals) + ")",
    )


def _first_movers(game: Game) -> set[int]:
    """``id()`` of the first decision node on each path (all its ancestors are chance nodes)."""
    out: set[int] = set()
    stack: list[Node] = [game.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Decision):
            out.add(id(node))
        elif isinstance(node, Chance):
            stack.extend(node.children)
    return out


def _member_index(game: Game) -> dict[tuple[str, ...], tuple[str, int, int]]:
    """Path of each decision node -> (infoset, index among members in pre-order, set size)."""
    out: dict[tuple[str, ...], tuple[str, int, int]] = {}
    for (_, name), members in infosets(game).items():
        for i, (path, _) in enumerate(members):
            out[path] = (name, i, len(members))
    return out


def _check_solution(game: Game, solution: Equilibrium) -> None:
    sets = {name: members[0][1].actions for (_, name), members in infosets(game).items()}
    for iset, probs in solution.behavior.items():
        if iset not in sets:
            raise ValueError(f"solution: unknown information set {iset!r}")
        for a in probs:
            if a not in sets[iset]:
                raise ValueError(
                    f"solution: {iset!r} has no action {a!r}; actions: {list(sets[iset])}"
                )
    for iset in solution.beliefs:
        if iset not in sets:
            raise ValueError(f"solution: beliefs for unknown information set {iset!r}")


def game_to_dot(
    game: Game,
    *,
    rankdir: Rankdir = "TB",
    solution: Equilibrium | None = None,
    first_actions: Collection[str] | None = None,
    infoset_style: InfosetStyle = "dashed",
    show_payoffs: bool = True,
    payoff_players: Collection[str] | None = None,
    max_depth: int | None = None,
    digits: int = DIGITS,
    legend: bool = True,
    style: FigureStyle | None = None,
) -> str:
    """DOT source for ``game``; see the module docstring for what is drawn.

    ``first_actions``: the action labels kept at the first mover's nodes (the others
    collapse into "…"); ``None`` keeps all. ``payoff_players``: whose payoffs to show
    (default all, in the game's player order). Raises ``ValueError`` for an unknown
    action, player, option, or a solution that does not fit the game.
    """
    style = style or FigureStyle()
    if infoset_style not in ("dashed", "cluster"):
        raise ValueError(f"infoset_style must be 'dashed' or 'cluster', got {infoset_style!r}")
    if max_depth is not None and max_depth < 1:
        raise ValueError(f"max_depth must be >= 1, got {max_depth}")
    shown = list(game.players if payoff_players is None else payoff_players)
    for p in shown:
        if p not in game.players:
            raise ValueError(f"unknown player {p!r}; players: {list(game.players)}")
    columns = [game.players.index(p) for p in shown]
    if solution is not None:
        _check_solution(game, solution)
    first = _first_movers(game) if first_actions is not None else set()
    if first_actions is not None:
        available = sorted(
            {a for _, n in _walk_decisions(game) if id(n) in first for a in n.actions}
        )
        for o in first_actions:
            if o not in available:
                shown = ", ".join(available[:8]) + (" ..." if len(available) > 8 else "")
                raise ValueError(f"{o!r} is not an action of the first mover; actions: {shown}")
    members = _member_index(game)

    legend_label = None
    if legend and show_payoffs and shown:
        names = ", ".join(shown)
        legend_label = Label(f"Payoffs: ({html_text(names)})", f"Payoffs: ({tex_text(names)})")
    g = new_graph(style, rankdir, legend_label)

    counter = 0
    iset_nodes: dict[str, list[tuple[str, int]]] = {}
    # (node, path, depth, parent id, edge attributes)
    todo: list[tuple[Node | None, tuple[str, ...], int, str | None, dict[str, object]]] = [
        (game.root, (), 0, None, {})
    ]
    while todo:
        node, path, depth, parent, eattrs = todo.pop()
        nid = f"n{counter}"
        counter += 1
        if parent is not None:
            g.edge(parent, nid, **eattrs)
        if node is None:  # an ellipsis for hidden offers
            g.node(nid, label="…", gt_tex=r"\ldots", gt_kind="ellipsis")
            continue
        if isinstance(node, Terminal):
            if show_payoffs:
                lab = payoff_label((fraction(node.payoffs[i]) for i in columns), rankdir == "TB")
                g.node(
                    nid,
                    label=Html(lab.html),
                    gt_tex=lab.tex,
                    gt_kind="terminal",
                    fontsize=style.small,
                )
            else:
                g.node(nid, shape="point", width=0.05, height=0.05, label="", gt_kind="terminal")
            continue
        if max_depth is not None and depth >= max_depth:
            g.node(
                nid,
                shape="triangle",
                label="",
                width=0.3,
                height=0.25,
                penwidth=style.penwidth,
                gt_kind="subtree",
                gt_tex="",
            )
            continue
        if isinstance(node, Chance):
            g.node(nid, label=Html("Nature"), gt_tex="Nature", gt_kind="chance")
        else:
            iset, idx, size = members[path]
            head = Label(html_text(node.player), tex_text(node.player))
            if solution is not None and size > 1:
                bel = solution.beliefs.get(iset)
                if bel is not None and idx < len(bel) and bel[idx] is not None:
                    b = _number(bel[idx], digits)
                    head = stack(
                        [
                            head,
                            Label(
                                f'<FONT POINT-SIZE="{style.small:g}">[{b.html}]</FONT>',
                                rf"\footnotesize[{b.tex}]",
                            ),
                        ]
                    )
            g.node(nid, label=Html(head.html), gt_tex=head.tex, gt_kind="decision", gt_infoset=iset)
            iset_nodes.setdefault(iset, []).append((nid, depth))
        children = list(zip(node.actions, node.children, strict=True))
        probs = list(node.probs) if isinstance(node, Chance) else [None] * len(children)
        pushes: list[tuple[Node | None, tuple[str, ...], int, str, dict[str, object]]] = []
        hidden_run = False
        for (action, child), pr in zip(children, probs, strict=True):
            if id(node) in first and first_actions is not None and action not in first_actions:
                if not hidden_run:
                    pushes.append((None, path, depth + 1, nid, {"gt_kind": "ellipsis"}))
                hidden_run = True
                continue
            hidden_run = False
            pushes.append(
                (
                    child,
                    (*path, action),
                    depth + 1,
                    nid,
                    _edge_attrs(node, action, pr, solution, style, digits),
                )
            )
        todo.extend(reversed(pushes))

    _draw_infosets(g, iset_nodes, infoset_style, style)
    return g.source()


def _number(value: Fraction | float, digits: int) -> Label:
    """A probability or belief: short exact rationals as fractions, others rounded."""
    if isinstance(value, Fraction) and show(value, digits) == str(value):
        return fraction(value)
    text = show(value, digits)
    return Label(text.replace("-", MINUS), f"${text}$")


def _walk_decisions(game: Game) -> Iterable[tuple[int, Decision]]:
    stack: list[Node] = [game.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Decision):
            yield id(node), node
        if not isinstance(node, Terminal):
            stack.extend(node.children)


def _edge_attrs(
    node: Chance | Decision,
    action: str,
    prob: Fraction | None,
    solution: Equilibrium | None,
    style: FigureStyle,
    digits: int = DIGITS,
) -> dict[str, object]:
    """Label (action, chance probability, mixed probability) and weight of one edge."""
    lab = Label(html_text(action), tex_text(action))
    attrs: dict[str, object] = {}
    if isinstance(node, Chance):
        p = fraction(prob if prob is not None else 0)
        lab = Label(f"{lab.html} ({p.html})", f"{lab.tex} ({p.tex})")
    elif solution is not None:
        played = solution.prob(node.infoset, action)
        if visible(played, digits):
            attrs["penwidth"] = style.bold
            attrs["gt_played"] = "1"
            if played < 1:
                p = _number(played, digits)
                lab = Label(f"{lab.html} [{p.html}]", f"{lab.tex} [{p.tex}]")
    attrs["label"] = Html(lab.html)
    attrs["gt_tex"] = lab.tex
    attrs["gt_kind"] = "action"
    return attrs


def _draw_infosets(
    g: DotGraph,
    iset_nodes: Mapping[str, list[tuple[str, int]]],
    infoset_style: InfosetStyle,
    style: FigureStyle,
) -> None:
    """Dashed links (same rank when the members share a depth) or outlined clusters."""
    for k, (iset, nodes) in enumerate(iset_nodes.items()):
        if len(nodes) < 2:
            continue
        ids = [n for n, _ in nodes]
        if infoset_style == "cluster":
            g.cluster(
                f"is{k}",
                ids,
                style="rounded,dashed",
                color=style.color,
                penwidth=style.penwidth,
                label="",
                margin=4,
            )
            continue
        if len({d for _, d in nodes}) == 1:
            g.same_rank(ids)
        for a, b in zip(ids, ids[1:], strict=False):
            g.edge(a, b, style="dashed", constraint="false", gt_kind="infoset", gt_infoset=iset)
