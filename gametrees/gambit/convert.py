"""Conversion between :class:`gametrees.tree.Game` and ``pygambit.Game``.

``to_pygambit`` writes the game as ``.efg`` text and lets Gambit's own reader parse it:
one C++ call instead of one Python call per node (see ``benchmarks/`` for the figures).

``from_pygambit`` walks a ``pygambit.Game`` tree and maps it onto the model with the
same rules as :func:`gametrees.efg.reader.read_efg`: payoffs exact (``Fraction(str(value))`` of
Gambit's ``Rational``/``Decimal``), outcomes on non-terminal nodes folded into every
terminal below, labels made unique the way Gambit does, and a player's information set
named by its label when that is non-empty and unique, else ``"<player>:<number>"`` with
Gambit's own 1-based set number (its order of creation, which is the order of first
appearance for any game Gambit or :func:`gametrees.efg.writer.write_efg` wrote).
"""

from __future__ import annotations

import io
from fractions import Fraction
from typing import Any

import pygambit

from gametrees.efg.reader import folded_outcome_labels, infoset_names, normalize_labels
from gametrees.efg.writer import write_efg
from gametrees.tree import Chance, Decision, Game, Node, Terminal, iter_nodes, validate

__all__ = ["exact", "from_pygambit", "to_pygambit"]


def to_pygambit(game: Game, *, check: bool = True) -> pygambit.Game:
    """The same game as a ``pygambit.Game``: players, information sets, actions, exact
    chance probabilities and payoffs.

    The tree goes through Gambit's own ``.efg`` reader (one C++ call, not one Python call
    per node). Players' information sets are written unlabelled and labelled afterwards:
    Gambit 16.7's reader compares each set label with the player's earlier ones, which
    took 32 s at 1,000 offers of the baseline against 1.5 s this way (``benchmarks/``).
    """
    g = pygambit.read_efg(io.StringIO(write_efg(game, check=check, infoset_labels=False)))
    order: dict[str, list[str]] = {p: [] for p in game.players}
    seen: set[str] = set()
    for _, node in iter_nodes(game):
        if isinstance(node, Decision) and node.infoset not in seen:
            seen.add(node.infoset)
            order[node.player].append(node.infoset)
    for player in g.players:
        for infoset, name in zip(player.infosets, order[player.label], strict=True):
            infoset.label = name
    return g


def exact(value: Any) -> Fraction:
    """A Gambit number (``Rational``, ``Decimal``, int) as an exact ``Fraction``.

    Goes through ``str`` so that no float is involved: ``Rational(1, 3)`` -> ``1/3``,
    ``Decimal('2.5')`` -> ``5/2``.
    """
    return Fraction(str(value))


def from_pygambit(g: pygambit.Game, *, check: bool = True) -> Game:
    """The tree of ``g`` as a :class:`Game` (validated unless ``check`` is false).

    Raises ``ValueError`` if ``g`` is not an extensive-form game, and
    :class:`gametrees.tree.GameError` if it breaks a rule of the model (e.g. a label with
    a backslash).
    """
    if not g.is_tree:
        raise ValueError("from_pygambit needs an extensive-form (tree) game")
    gplayers = list(g.players)
    players = normalize_labels([p.label for p in gplayers])
    player_name = {p.number: name for p, name in zip(gplayers, players, strict=True)}
    n = len(players)

    outcomes = list(g.outcomes)
    outcome_label = dict(
        zip(
            (o.number for o in outcomes), normalize_labels([o.label for o in outcomes]), strict=True
        )
    )
    outcome_pays = {o.number: tuple(exact(o[p]) for p in gplayers) for o in outcomes}

    set_keys: list[tuple[int, int]] = []
    set_labels: list[tuple[str, int, str]] = []
    for p in gplayers:
        for s in p.infosets:
            set_keys.append((p.number, s.number))
            set_labels.append((player_name[p.number], s.number + 1, s.label))
    set_name = dict(zip(set_keys, infoset_names(set_labels), strict=True))

    # first walk (pre-order): the outcomes along each terminal's path
    term_keys: list[tuple[int, ...]] = []
    stack: list[tuple[Any, tuple[int, ...]]] = [(g.root, ())]
    while stack:
        node, above = stack.pop()
        here = (*above, node.outcome.number) if node.outcome else above
        if node.is_terminal:
            term_keys.append(here)
        else:
            stack.extend((child, here) for child in reversed(list(node.children)))
    keys = list(dict.fromkeys(term_keys))
    labels = folded_outcome_labels([tuple(outcome_label[o] for o in k) for k in keys])
    key_label = dict(zip(keys, labels, strict=True))
    next_key = iter(term_keys)  # the second walk meets the terminals in the same order

    def terminal(node: Any) -> Terminal:
        key = next(next_key)
        pays = [Fraction(0)] * n
        for o in key:
            for i, v in enumerate(outcome_pays[o]):
                pays[i] += v
        return Terminal(tuple(pays), label=node.label, outcome=key_label[key])

    def inner(node: Any, kids: tuple[Node, ...]) -> Node:
        s = node.infoset
        actions = tuple(normalize_labels([a.label for a in s.actions]))
        if s.is_chance:
            probs = tuple(exact(a.prob) for a in s.actions)
            return Chance(actions, probs, kids, label=node.label, infoset=s.label)
        p = s.player
        return Decision(
            player_name[p.number], set_name[(p.number, s.number)], actions, kids, label=node.label
        )

    # second walk (post-order, without recursion): build the immutable nodes
    root: Node | None = None
    frames: list[tuple[Any, list[Any], list[Node]]] = [(g.root, list(g.root.children), [])]
    while frames:
        node, children, done = frames[-1]
        if len(done) < len(children):
            child = children[len(done)]
            if child.is_terminal:
                done.append(terminal(child))
            else:
                frames.append((child, list(child.children), []))
            continue
        frames.pop()
        made = terminal(node) if node.is_terminal else inner(node, tuple(done))
        if frames:
            frames[-1][2].append(made)
        else:
            root = made
    assert root is not None
    game = Game(tuple(players), root, title=g.title, comment=g.description)
    if check:
        validate(game)
    return game
