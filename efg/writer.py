"""Write a :class:`gametrees.tree.Game` as a Gambit extensive-form (``.efg``) file.

The output follows the format Gambit 16 writes itself (``EFG 2 R``), so Gambit and
every tool that reads Gambit's format loads it:

* header ``EFG 2 R "title" { "P1" "P2" }`` then the comment as a quoted string;
* one line per node in depth-first pre-order: ``c`` (chance), ``p`` (player) or ``t``
  (terminal), each with its node label;
* information sets numbered ``1..n`` per player, in order of first appearance; the label
  written is the set's name (chance nodes: one set each, except that chance nodes sharing a
  non-empty ``infoset`` label form one set, since Gambit 16.7 needs a player's set labels
  unique);
* every action list repeated at every node of a set, as Gambit does;
* payoffs on terminal nodes only, one outcome per distinct outcome label (numbered in
  order of first appearance); a terminal without a label gets ``_<number>``, the name
  Gambit itself gives an unlabelled outcome (``_<number>_<k>`` if the game uses that label);
* exact rationals (``1/3``, ``-2``); strings quoted with ``\\"`` for ``"``.

Example
-------
>>> from fractions import Fraction as F
>>> from gametrees.tree import Decision, Game, Terminal
>>> g = Game(("Row",), Decision("Row", "r", ("L", "R"), (Terminal((F(1, 3),)), Terminal((F(0),)))))
>>> print(write_efg(g), end="")
EFG 2 R "" { "Row" }
""
<BLANKLINE>
p "" 1 1 "r" { "L" "R" } 0
t "" 1 "_1" { 1/3 }
t "" 2 "_2" { 0 }
"""

from __future__ import annotations

import os
from fractions import Fraction

from gametrees.atomic import atomic_open
from gametrees.tree import Chance, Decision, Game, Node, Terminal, validate

__all__ = ["quote", "write_efg", "write_efg_file"]


def quote(text: str) -> str:
    """A Gambit string literal: ``"`` escaped as ``\\"``."""
    return '"' + text.replace('"', '\\"') + '"'


def _int_text(n: int) -> str:
    """``str(n)`` for any size (Python's ``str`` refuses more than 4,300 digits)."""
    if n.bit_length() < 13_000:
        return str(n)
    if n < 0:
        return "-" + _int_text(-n)
    k = int(n.bit_length() * 0.30103) // 2
    high, low = divmod(n, 10**k)
    return _int_text(high) + _int_text(low).zfill(k)


def _num(value: Fraction | int) -> str:
    v = Fraction(value)
    if v.denominator == 1:
        return _int_text(v.numerator)
    return f"{_int_text(v.numerator)}/{_int_text(v.denominator)}"


def _outcome_labels(root: Node) -> set[str]:
    """The non-empty outcome labels of the terminals below ``root`` (no paths: linear)."""
    given: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if type(node) is Terminal:
            if node.outcome:
                given.add(node.outcome)
        else:
            stack.extend(node.children)
    return given


def _lines(game: Game, infoset_labels: bool = True) -> list[str]:
    player_no = {p: i + 1 for i, p in enumerate(game.players)}
    infoset_no: dict[str, dict[str, int]] = {p: {} for p in game.players}
    outcome_no: dict[str, int] = {}
    # labels given in the game: a synthesized "_<number>" must not take one of them
    given = _outcome_labels(game.root)
    chance_sets = 0
    chance_no: dict[str, int] = {}
    out: list[str] = []
    stack = [game.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Terminal):
            label = node.outcome
            if label and label in outcome_no:
                number = outcome_no[label]
            else:
                number = len(outcome_no) + 1
                if not label:
                    label, k = f"_{number}", 0
                    while label in given:
                        k += 1
                        label = f"_{number}_{k}"
                outcome_no[label] = number
            pays = ", ".join(_num(v) for v in node.payoffs)
            out.append(f"t {quote(node.label)} {number} {quote(label)} {{ {pays} }}")
            continue
        if isinstance(node, Chance):
            if node.infoset and node.infoset in chance_no:
                number = chance_no[node.infoset]  # one labelled chance set, as Gambit needs
            else:
                chance_sets += 1
                number = chance_sets
                if node.infoset:
                    chance_no[node.infoset] = number
            acts = " ".join(
                f"{quote(a)} {_num(p)}" for a, p in zip(node.actions, node.probs, strict=True)
            )
            out.append(f"c {quote(node.label)} {number} {quote(node.infoset)} {{ {acts} }} 0")
        elif isinstance(node, Decision):
            sets = infoset_no[node.player]
            number = sets.setdefault(node.infoset, len(sets) + 1)
            acts = " ".join(quote(a) for a in node.actions)
            out.append(
                f"p {quote(node.label)} {player_no[node.player]} {number} "
                f"{quote(node.infoset if infoset_labels else '')} {{ {acts} }} 0"
            )
        stack.extend(reversed(node.children))
    return out


def write_efg(game: Game, *, check: bool = True, infoset_labels: bool = True) -> str:
    """The ``.efg`` text of ``game`` (validated first unless ``check`` is false).

    ``infoset_labels=False`` writes players' information sets unlabelled: Gambit 16.7's
    reader checks each label against the player's earlier ones, which grows with the
    square of the tree (see :func:`gametrees.gambit.to_pygambit`).
    """
    if check:
        validate(game)
    players = " ".join(quote(p) for p in game.players)
    head = [f"EFG 2 R {quote(game.title)} {{ {players} }}", quote(game.comment), ""]
    return "\n".join(head + _lines(game, infoset_labels)) + "\n"


def write_efg_file(game: Game, path: str | os.PathLike[str], *, check: bool = True) -> None:
    """Write ``game`` to ``path`` atomically: on any error no partial file is left."""
    text = write_efg(game, check=check)
    with atomic_open(path, "w") as fh:
        fh.write(text)
