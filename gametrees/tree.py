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

import re
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


# A path as a linked list, built in constant time per node: ``(action, parent link)``,
# ``None`` for the root. Turned into a tuple only for an error message.
_Link = tuple[str, "_Link"] | None


def _path(link: _Link) -> tuple[str, ...]:
    out: list[str] = []
    while link is not None:
        action, link = link
        out.append(action)
    return tuple(reversed(out))


def _path_at(root: Node, index: int) -> tuple[str, ...]:
    """The path of the ``index``-th node of :func:`iter_nodes`' order (for a message)."""
    for k, (link, _) in enumerate(_walk(root)):
        if k == index:
            return _path(link)
    raise IndexError(index)  # pragma: no cover - validate passes indices it has seen


def _walk(root: Node) -> Iterator[tuple[_Link, Node]]:
    """``(link, node)`` in the order of :func:`iter_nodes`, in time linear in the tree."""
    stack: list[tuple[_Link, Node]] = [(None, root)]
    pop, push = stack.pop, stack.append
    while stack:
        link, node = pop()
        yield link, node
        if type(node) is not Terminal:
            for action, child in zip(reversed(node.actions), reversed(node.children), strict=True):
                push(((action, link), child))


def infosets(game: Game) -> dict[tuple[str, str], list[tuple[tuple[str, ...], Decision]]]:
    """Map ``(player, infoset)`` to its member nodes, in order of first appearance."""
    sets: dict[tuple[str, str], list[tuple[tuple[str, ...], Decision]]] = {}
    for path, node in iter_nodes(game):
        if isinstance(node, Decision):
            sets.setdefault((node.player, node.infoset), []).append((path, node))
    return sets


def stats(game: Game) -> Stats:
    """Count the nodes, terminals, chance nodes and information sets per player of ``game``."""
    nodes = terminals = chance = 0
    seen: dict[str, set[str]] = {p: set() for p in game.players}
    for _, node in _walk(game.root):
        nodes += 1
        if isinstance(node, Terminal):
            terminals += 1
        elif isinstance(node, Chance):
            chance += 1
        else:
            seen.setdefault(node.player, set()).add(node.infoset)
    return Stats(nodes, terminals, chance, {p: len(s) for p, s in seen.items()})


#: printable ASCII but the backslash, words separated by single spaces (Gambit 16.7's rule)
_LABEL_OK = re.compile(r"(?:[!-\[\]-~]+(?: [!-\[\]-~]+)*)?")


def check_label(text: str, what: str, *, allow_empty: bool = True) -> None:
    """Raise :class:`GameError` unless ``text`` is a label Gambit 16 accepts.

    Gambit stores labels as printable ASCII with single inner spaces (its reader refuses a
    leading, trailing or double space); action labels and player names must also be
    non-empty. A backslash is refused: Gambit 16.7 writes it escaped but reads the escape
    back literally, so it cannot survive a round trip.
    """
    if type(text) is str and (text or allow_empty) and _LABEL_OK.fullmatch(text) is not None:
        return
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
    raise GameError(
        f"{what}: label {text!r} begins or ends with a space or has two spaces in a row, "
        "which Gambit's reader refuses"
    )


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
    if "Chance" in game.players:
        raise GameError("a player may not be named 'Chance' (Gambit reserves it for Nature)")
    if len(set(game.players)) != len(game.players):
        raise GameError(f"player names are not unique: {list(game.players)}")
    check_label(game.title, "game title")
    if not isinstance(game.comment, str):
        raise GameError(f"game comment: must be a string, got {type(game.comment).__name__}")
    if game.comment.endswith("\\") or '\\"' in game.comment:
        raise GameError(
            "game comment: a backslash before a quote or at the end cannot be written to a .efg file"
        )
    players = set(game.players)
    n = len(game.players)
    root = game.root
    # First occurrences by pre-order index: no object is kept per node (nothing for the
    # garbage collector to traverse), and a node's path is found again only for a message.
    actions_of: dict[str, int] = {}
    chance_sets: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    node_labels: dict[str, int] = {}
    first_node: dict[int, Node] = {}  # index -> node, for the sets and outcomes above
    # tuples already checked, by identity (the model shares them between nodes of a set)
    good_actions: set[int] = set()
    good_probs: set[int] = set()
    good_payoffs: set[int] = set()
    label_ok = _LABEL_OK.fullmatch

    def name(k: int) -> str:
        return node_name(_path_at(root, k))

    def where(k: int) -> str:
        return f"node {name(k)}"

    def exact(v: object) -> bool:
        return isinstance(v, Fraction | int) and not isinstance(v, bool)

    stack: list[Node] = [root]
    pop, extend = stack.pop, stack.extend
    k = -1
    while stack:
        node = pop()
        k += 1
        label = node.label
        if label:
            if type(label) is not str or label_ok(label) is None:
                check_label(label, f"{where(k)} label")
            if label in node_labels:
                raise GameError(
                    f"{where(k)}: node label {label!r} is already used at node "
                    f"{name(node_labels[label])} (Gambit needs unique node labels)"
                )
            node_labels[label] = k
        elif type(label) is not str:
            check_label(label, f"{where(k)} label")
        kind = type(node)
        if kind is Terminal:
            pays = node.payoffs
            if id(pays) not in good_payoffs:
                if len(pays) != n:
                    raise GameError(f"{where(k)}: {len(pays)} payoffs for {n} players")
                for v in pays:
                    if not exact(v):
                        raise GameError(f"{where(k)}: payoff {v!r} is not an exact rational")
                good_payoffs.add(id(pays))
            outcome = node.outcome
            if outcome:
                if type(outcome) is not str or label_ok(outcome) is None:
                    check_label(outcome, f"{where(k)} outcome")
                first = outcomes.get(outcome)
                if first is None:
                    outcomes[outcome] = k
                    first_node[k] = node
                else:
                    other = first_node[first].payoffs  # type: ignore[union-attr]
                    if other is not pays and other != pays:
                        raise GameError(
                            f"{where(k)}: outcome label {outcome!r} is used at node "
                            f"{name(first)} with other payoffs"
                        )
            elif type(outcome) is not str:
                check_label(outcome, f"{where(k)} outcome")
            continue
        actions = node.actions
        if not actions:
            raise GameError(f"{where(k)}: no actions")
        if len(node.children) != len(actions):
            raise GameError(f"{where(k)}: {len(actions)} actions but {len(node.children)} children")
        if id(actions) not in good_actions:
            for a in actions:
                if not a or type(a) is not str or label_ok(a) is None:
                    check_label(a, f"{where(k)} action", allow_empty=False)
            if len(set(actions)) != len(actions):
                raise GameError(f"{where(k)}: action labels are not unique: {list(actions)}")
            good_actions.add(id(actions))
        extend(reversed(node.children))
        if kind is Chance:
            if type(node.infoset) is not str or label_ok(node.infoset) is None:
                check_label(node.infoset, f"{where(k)} chance information set")
            probs = node.probs
            if id(probs) not in good_probs:
                if len(probs) != len(actions):
                    raise GameError(
                        f"{where(k)}: {len(probs)} probabilities for {len(actions)} actions"
                    )
                for pr in probs:
                    if not exact(pr):
                        raise GameError(f"{where(k)}: probability {pr!r} is not an exact rational")
                    if not 0 <= pr <= 1:
                        raise GameError(f"{where(k)}: probability {pr} is outside [0, 1]")
                total = sum(probs, Fraction(0))
                if total != 1:
                    raise GameError(
                        f"{where(k)}: chance probabilities sum to {total}, not exactly 1"
                    )
                good_probs.add(id(probs))
            if node.infoset:
                first = chance_sets.get(node.infoset)
                if first is None:
                    chance_sets[node.infoset] = k
                    first_node[k] = node
                else:
                    other_move = first_node[first]
                    if (other_move.actions, other_move.probs) != (actions, probs):  # type: ignore[union-attr]
                        raise GameError(
                            f"chance information set {node.infoset!r}: actions or probabilities "
                            f"at node {name(k)} differ from those at node {name(first)}"
                        )
            continue
        if node.player not in players:
            raise GameError(
                f"{where(k)}: player {node.player!r} is not one of {list(game.players)}"
            )
        infoset = node.infoset
        first = actions_of.get(infoset)
        if first is None:
            if not infoset or type(infoset) is not str or label_ok(infoset) is None:
                check_label(infoset, f"{where(k)} information set", allow_empty=False)
            actions_of[infoset] = k
            first_node[k] = node
            continue
        other = first_node[first]
        if other.player != node.player:  # type: ignore[union-attr]
            raise GameError(
                f"information set {infoset!r} has nodes of two players: "
                f"{other.player} at node {name(first)} and {node.player} at "  # type: ignore[union-attr]
                f"node {name(k)}"
            )
        if other.actions is not actions and other.actions != actions:  # type: ignore[union-attr]
            raise GameError(
                f"information set {infoset!r} of {node.player}: actions "
                f"{list(actions)} at node {name(k)} differ from "
                f"{list(other.actions)} at node {name(first)}"  # type: ignore[union-attr]
            )
