"""How big a game is for each of Gambit's representations, computed from the tree alone.

A solver's cost depends on the representation it works on (von Stengel 1996, "Efficient
computation of behavior strategies", GEB 14; Koller, Megiddo & von Stengel 1996):

* the **strategic form** has one pure strategy per player per choice at every information
  set; its *reduced* form (what Gambit builds) merges strategies that differ only at sets the
  player's own earlier moves exclude;
* the **sequence form** has one sequence per player per action, plus the empty sequence;
* the **agent form** has one agent per information set.

Nothing here builds any of them: the counts come from the tree, in time linear in its size,
so a size estimate can be given before a long run. :func:`perfect_recall` checks Kuhn's
condition: every node of an information set has the same history of the mover's own
information sets and actions.

>>> from fractions import Fraction as F
>>> from gametrees.tree import Decision, Game, Terminal
>>> t = Terminal((F(0), F(0)))
>>> g = Game(("A", "B"), Decision("A", "a", ("L", "R"), (Decision("B", "b", ("l", "r"), (t, t)), t)))
>>> s = game_size(g)
>>> s.reduced_strategies, s.sequences, s.perfect_recall
({'A': 2, 'B': 2}, {'A': 3, 'B': 3}, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from gametrees.tree import Chance, Decision, Game, Terminal

__all__ = ["GameSize", "game_size", "perfect_recall"]


@dataclass(frozen=True)
class GameSize:
    """The size of a game in each representation (exact integers; they may be huge).

    ``strategies``: pure strategies per player (unreduced strategic form);
    ``reduced_strategies``: per player in the reduced strategic form (equal to
    ``strategies`` when recall is imperfect, where the reduction is not defined here);
    ``sequences``: per player, the empty sequence included; ``infosets`` and ``actions``:
    per player; ``nodes``; ``perfect_recall``.
    """

    players: tuple[str, ...]
    nodes: int
    infosets: dict[str, int]
    actions: dict[str, int]
    strategies: dict[str, int]
    reduced_strategies: dict[str, int]
    sequences: dict[str, int]
    perfect_recall: bool

    @property
    def strategic_profiles(self) -> int:
        """Pure-strategy profiles of the reduced strategic form (its number of cells)."""
        return prod(self.reduced_strategies.values())

    @property
    def sequence_form(self) -> int:
        """The sum of the players' numbers of sequences (the sequence form's dimension)."""
        return sum(self.sequences.values())


def perfect_recall(game: Game) -> bool:
    """Kuhn's perfect recall: at every information set, all member nodes have the same
    sequence of the mover's own earlier (information set, action) pairs, and no set has two
    nodes on one path (absent-mindedness)."""
    history: dict[str, tuple[tuple[str, str], ...]] = {}
    stack: list[tuple[object, dict[str, tuple[tuple[str, str], ...]], frozenset[str]]] = [
        (game.root, {}, frozenset())
    ]
    while stack:
        node, own, on_path = stack.pop()
        if isinstance(node, Terminal):
            continue
        if isinstance(node, Decision):
            if node.infoset in on_path:
                return False
            seen = own.get(node.player, ())
            first = history.setdefault(node.infoset, seen)
            if first != seen:
                return False
            path = on_path | {node.infoset}
            for action, child in zip(node.actions, node.children, strict=True):
                nxt = dict(own)
                nxt[node.player] = (*seen, (node.infoset, action))
                stack.append((child, nxt, path))
        else:
            assert isinstance(node, Chance)
            for child in node.children:
                stack.append((child, own, on_path))
    return True


def game_size(game: Game) -> GameSize:
    """Count the game's nodes, sets, actions, strategies and sequences (see the module docstring)."""
    players = tuple(game.players)
    labels_at: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    # next_sets[(infoset, action)]: the mover's next own sets below that action;
    # roots[player]: the player's first sets on some path.
    next_sets: dict[tuple[str, str], set[str]] = {}
    roots: dict[str, set[str]] = {p: set() for p in players}
    nodes = 0
    stack: list[tuple[object, dict[str, tuple[str, str] | None]]] = [(game.root, {})]
    while stack:
        node, last = stack.pop()
        nodes += 1
        if isinstance(node, Terminal):
            continue
        if isinstance(node, Decision):
            labels_at[node.infoset] = node.actions
            owner[node.infoset] = node.player
            prev = last.get(node.player)
            if prev is None:
                roots[node.player].add(node.infoset)
            else:
                next_sets.setdefault(prev, set()).add(node.infoset)
            for action, child in zip(node.actions, node.children, strict=True):
                nxt = dict(last)
                nxt[node.player] = (node.infoset, action)
                stack.append((child, nxt))
        else:
            assert isinstance(node, Chance)
            for child in node.children:
                stack.append((child, last))
    recall = perfect_recall(game)
    infosets = {p: 0 for p in players}
    actions = {p: 0 for p in players}
    strategies = {p: 1 for p in players}
    for s, labels in labels_at.items():
        p = owner[s]
        infosets[p] += 1
        actions[p] += len(labels)
        strategies[p] *= len(labels)
    sequences = {p: 1 + actions[p] for p in players}
    if recall:
        reduced = {p: _reduced(roots[p], next_sets, labels_at) for p in players}
    else:
        reduced = dict(strategies)
    return GameSize(players, nodes, infosets, actions, strategies, reduced, sequences, recall)


def _reduced(
    roots: set[str],
    next_sets: dict[tuple[str, str], set[str]],
    labels_at: dict[str, tuple[str, ...]],
) -> int:
    """Reduced pure strategies of a player with perfect recall: plans over its own sets.

    count(I) = sum over actions a of the product of count(J) over the player's next sets J
    after (I, a); the player's total is the product over its first sets. Computed bottom-up
    without recursion (the player's sets form a forest under perfect recall).
    """
    order: list[str] = []
    stack = sorted(roots)
    seen: set[str] = set()
    while stack:
        s = stack.pop()
        if s in seen:
            continue
        seen.add(s)
        order.append(s)
        for a in labels_at[s]:
            stack.extend(sorted(next_sets.get((s, a), ())))
    count: dict[str, int] = {}
    for s in reversed(order):
        count[s] = sum(prod(count[j] for j in next_sets.get((s, a), ())) for a in labels_at[s])
    return prod(count[r] for r in roots)
