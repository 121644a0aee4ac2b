"""A small typed model of a finite extensive-form game.

A :class:`Game` is a tuple of player names and a root node. Nodes are immutable:

* :class:`Chance` -- Nature moves with exact rational probabilities;
* :class:`Decision` -- a player moves; ``infoset`` names the information set the
  node belongs to: all decision nodes sharing that name form one set, which must
  belong to a single player;
* :class:`Terminal` -- exact rational payoffs, one per player, in player order.

Optional ``symbolic`` fields carry sympy expressions for schematic figures; they
never take part in solving.

Example
-------
>>> from fractions import Fraction as F
>>> g = Game(
...     players=("Row",),
...     root=Decision("Row", "r", ("L", "R"), (Terminal((F(1),)), Terminal((F(0),)))),
... )
>>> validate(g)
>>> stats(g).terminals
2
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

__all__ = [
    "Chance",
    "Decision",
    "Game",
    "GameError",
    "Node",
    "Stats",
    "Terminal",
    "check_label",
    "infosets",
    "iter_nodes",
    "stats",
    "validate",
]


class GameError(ValueError):
    """A game violates a structural rule; the message names the node or information set."""


@dataclass(frozen=True, slots=True)
class Terminal:
    """A leaf: one exact payoff per player, in the order of :attr:`Game.players`."""

    payoffs: tuple[Fraction, ...]
    label: str = ""
    outcome: str = ""
    symbolic: tuple[Any, ...] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Chance:
    """Nature's move: ``probs[i]`` is the probability of ``actions[i]`` leading to ``children[i]``."""

    actions: tuple[str, ...]
    probs: tuple[Fraction, ...]
    children: tuple[Node, ...]
    label: str = ""
    infoset: str = ""
    symbolic: tuple[Any, ...] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Decision:
    """A move of ``player`` at a node of information set ``infoset``."""

    player: str
    infoset: str
    actions: tuple[str, ...]
    children: tuple[Node, ...]
    label: str = ""


Node = Chance | Decision | Terminal


@dataclass(frozen=True)
class Game:
    """A finite extensive-form game with perfect recall assumed, not checked."""

    players: tuple[str, ...]
    root: Node
    title: str = ""
    comment: str = ""


@dataclass(frozen=True)
class Stats:
    """Counts of a game's nodes and information sets."""

    nodes: int
    terminals: int
    chance_nodes: int
    infosets: dict[str, int]

    @property
    def total_infosets(self) -> int:
        return sum(self.infosets.values())


def iter_nodes(game: Game) -> Iterator[tuple[tuple[str, ...], Node]]:
    """Yield ``(path, node)`` in depth-first pre-order, children left to right.

    ``path`` is the tuple of action labels from the root. Iterative, so deep trees
    do not hit Python's recursion limit.
    """
    stack: list[tuple[tuple[str, ...], Node]] = [((), game.root)]
    while stack:
        path, node = stack.pop()
        yield path, node
        if not isinstance(node, Terminal):
            for action, child in zip(reversed(node.actions), reversed(node.children), strict=True):
                stack.append(((*path, action), child))


def node_name(path: tuple[str, ...]) -> str:
    """A readable name for the node reached by ``path``: ``root/"a"/"b"``."""
    return "/".join(["root", *(f'"{a}"' for a in path)])


def infosets(game: Game) -> dict[tuple[str, str], list[tuple[tuple[str, ...], Decision]]]:
    """Map ``(player, infoset)`` to its member nodes, in order of first appearance."""
    sets: dict[tuple[str, str], list[tuple[tuple[str, ...], Decision]]] = {}
    for path, node in iter_nodes(game):
        if isinstance(node, Decision):
            sets.setdefault((node.player, node.infoset), []).append((path, node))
    return sets


def stats(game: Game) -> Stats:
    nodes = terminals = chance = 0
    seen: dict[str, set[str]] = {p: set() for p in game.players}
    for _, node in iter_nodes(game):
        nodes += 1
        if isinstance(node, Terminal):
            terminals += 1
        elif isinstance(node, Chance):
            chance += 1
        else:
            seen.setdefault(node.player, set()).add(node.infoset)
    return Stats(nodes, terminals, chance, {p: len(s) for p, s in seen.items()})


def check_label(text: str, what: str, *, allow_empty: bool = True) -> None:
    """Raise :class:`GameError` unless ``text`` is a label Gambit 16 accepts.

    Gambit stores labels as printable ASCII; action labels and player names
    must also be non-empty. A backslash is refused: Gambit 16.7 writes it escaped
    but reads the escape back literally, so it cannot survive a round trip.
    """
    if not isinstance(text, str):
        raise GameError(f"{what}: label must be a string, got {type(text).__name__}")
    if not text and not allow_empty:
        raise GameError(f"{what}: label must not be empty")
    bad = [ch for ch in text if not (" " <= ch <= "~")]
    if bad:
        raise GameError(
            f"{what}: label {text!r} has a character outside printable ASCII: {bad[0]!r}"
        )
    if "\\" in text:
        raise GameError(f"{what}: label {text!r} has a backslash, which Gambit cannot round-trip")


def validate(game: Game) -> None:
    """Check the rules every game must satisfy; raise :class:`GameError` naming the culprit.

      * node labels: printable ASCII, unique when non-empty (Gambit 16.7 requires it);
      * players: non-empty, unique, printable ASCII names;
      * chance nodes: probabilities are exact rationals in [0, 1] that sum to exactly 1;
        chance nodes sharing a non-empty ``infoset`` label form one set, so they must have
        the same actions and probabilities;
      * decision nodes: a known player, at least one action, action labels non-empty,
        printable ASCII and unique at the node;
      * information sets: a name identifies one set across the whole game; all its
    nodes belong to one player and carry the same action labels;
      * terminals: one exact rational payoff per player; terminals that share an outcome
        label share its payoffs (they are one Gambit outcome).
    """
    if not game.players:
        raise GameError("game has no players")
    for p in game.players:
        check_label(p, "player name", allow_empty=False)
    if len(set(game.players)) != len(game.players):
        raise GameError(f"player names are not unique: {list(game.players)}")
    check_label(game.title, "game title")
    players = set(game.players)
    n = len(game.players)
    actions_of: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {}
    chance_sets: dict[
        str, tuple[tuple[str, ...], tuple[tuple[str, ...], tuple[Fraction, ...]]]
    ] = {}
    outcomes: dict[str, tuple[tuple[str, ...], tuple[Fraction, ...]]] = {}
    node_labels: dict[str, tuple[str, ...]] = {}
    for path, node in iter_nodes(game):
        where = f"node {node_name(path)}"
        check_label(node.label, f"{where} label")
        if node.label:
            if node.label in node_labels:
                raise GameError(
                    f"{where}: node label {node.label!r} is already used at node "
                    f"{node_name(node_labels[node.label])} (Gambit needs unique node labels)"
                )
            node_labels[node.label] = path
        if isinstance(node, Terminal):
            if len(node.payoffs) != n:
                raise GameError(f"{where}: {len(node.payoffs)} payoffs for {n} players")
            for v in node.payoffs:
                if not isinstance(v, Fraction | int) or isinstance(v, bool):
                    raise GameError(f"{where}: payoff {v!r} is not an exact rational")
            check_label(node.outcome, f"{where} outcome")
            if node.outcome:
                first = outcomes.setdefault(node.outcome, (path, node.payoffs))
                if first[1] != node.payoffs:
                    raise GameError(
                        f"{where}: outcome label {node.outcome!r} is used at node "
                        f"{node_name(first[0])} with other payoffs"
                    )
            continue
        if not node.actions:
            raise GameError(f"{where}: no actions")
        if len(node.children) != len(node.actions):
            raise GameError(
                f"{where}: {len(node.actions)} actions but {len(node.children)} children"
            )
        for a in node.actions:
            check_label(a, f"{where} action", allow_empty=False)
        if len(set(node.actions)) != len(node.actions):
            raise GameError(f"{where}: action labels are not unique: {list(node.actions)}")
        if isinstance(node, Chance):
            check_label(node.infoset, f"{where} chance information set")
            if len(node.probs) != len(node.actions):
                raise GameError(
                    f"{where}: {len(node.probs)} probabilities for {len(node.actions)} actions"
                )
            for pr in node.probs:
                if not isinstance(pr, Fraction | int) or isinstance(pr, bool):
                    raise GameError(f"{where}: probability {pr!r} is not an exact rational")
                if not 0 <= pr <= 1:
                    raise GameError(f"{where}: probability {pr} is outside [0, 1]")
            total = sum(node.probs, Fraction(0))
            if total != 1:
                raise GameError(f"{where}: chance probabilities sum to {total}, not exactly 1")
            if node.infoset:
                first_path, first_move = chance_sets.setdefault(
                    node.infoset, (path, (node.actions, node.probs))
                )
                if first_move != (node.actions, node.probs):
                    raise GameError(
                        f"chance information set {node.infoset!r}: actions or probabilities at "
                        f"node {node_name(path)} differ from those at node {node_name(first_path)}"
                    )
            continue
        if node.player not in players:
            raise GameError(f"{where}: player {node.player!r} is not one of {list(game.players)}")
        check_label(node.infoset, f"{where} information set", allow_empty=False)
        if node.infoset in actions_of:
            first_path, first_player, first_actions = actions_of[node.infoset]
            if first_player != node.player:
                raise GameError(
                    f"information set {node.infoset!r} has nodes of two players: "
                    f"{first_player} at node {node_name(first_path)} and {node.player} at "
                    f"node {node_name(path)}"
                )
            if first_actions != node.actions:
                raise GameError(
                    f"information set {node.infoset!r} of {node.player}: actions "
                    f"{list(node.actions)} at node {node_name(path)} differ from "
                    f"{list(first_actions)} at node {node_name(first_path)}"
                )
        else:
            actions_of[node.infoset] = (path, node.player, node.actions)
