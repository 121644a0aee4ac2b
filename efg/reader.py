"""Read a Gambit extensive-form (``.efg``, format ``EFG 2 R`` or ``EFG 2 D``) file into a
:class:`gametrees.tree.Game`.

The parser is strict: every malformed input raises :class:`EfgError` carrying the
1-based line number and the source name, e.g.
``game.efg:12: expected a number after action "a", got '{'``. Numbers become exact
:class:`fractions.Fraction` values (``3``, ``-1/3``, ``0.25``, ``1e-3``); no float is ever
involved.

The format, as Gambit 16 reads it::

    EFG 2 R "title" { "P1" "P2" }
    "optional comment"
    c "node" 1 "set" { "a" 1/2 "b" 1/2 } 0
    p "node" 1 1 "set" { "x" "y" } 0
    t "node" 1 "outcome" { 1, -2 }

Nodes come in depth-first pre-order. After a ``c`` or ``p`` node's information-set number
the set's label and action list may be given, or omitted when the set was already
defined; after every node comes an outcome number (``0``: none), optionally followed by
the outcome's label and payoffs (commas between payoffs are optional). An outcome
number given with its data once may be referenced by number alone later
(``t "" 3``); ``t "" 3 "label"`` without payoffs is an error, as in Gambit.

How Gambit's model is mapped onto :class:`~gametrees.tree.Game`:

* **Information-set names.** The model names a set by a string unique in the game. A
  player's set ``(player, number)`` is named by its label when that label is non-empty
  and used by no other ``(player, number)`` pair (of any player); otherwise it is named
  ``"<player name>:<number>"`` (with ``_1``, ``_2``, ... appended in the unlikely case
  that this clashes with another set's name). Chance sets keep their label: the model
  gives every chance node its own set.
* **Labels Gambit normalizes.** Like Gambit 16.7's reader, empty or repeated player
  names, action labels within a set and outcome labels are made unique and non-empty:
  a label used more than once, or empty, becomes ``label_1``, ``label_2``, ... (``_1``,
  ``_2``, ... for empty ones), skipping labels already in use.
* **Outcomes.** Payoffs live on terminals in the model. An outcome attached to a
  non-terminal node is folded in: its payoffs are added to every terminal below it.
  Such a terminal's outcome label joins the labels of the outcomes on its path with
  ``+`` (e.g. ``"Outcome 1+Outcome 5"``), so terminals share an outcome exactly when
  they share the same outcomes along their paths. A terminal with outcome ``0`` and no
  outcome above it has zero payoffs and no outcome label.
* **Strictness beyond Gambit.** Trailing text after the tree, unquoted strings, numbers
  glued to other text, zero denominators, exponents beyond +-1000, negative or
  non-integer indices and backslashes in strings (Gambit cannot write them back) are
  all errors. Duplicate non-empty node labels are an error, as in Gambit 16.7.

For a file this package wrote, ``write_efg(read_efg(text)) == text``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from gametrees.tree import Chance, Decision, Game, GameError, Node, Terminal, check_label, validate

__all__ = ["EfgError", "normalize_labels", "read_efg", "read_efg_file"]


class EfgError(ValueError):
    """A malformed ``.efg`` input; ``line`` is 1-based, ``source`` names the input."""

    def __init__(self, message: str, line: int, source: str = "<string>") -> None:
        self.reason = message
        self.line = line
        self.source = source
        super().__init__(f"{source}:{line}: {message}")


# --------------------------------------------------------------------------- tokens

_NUMBER = re.compile(
    r"[+-]?(?:\d+(?:/\d+|\.\d*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)\Z"
)
_WORD_END = re.compile(r'[\s{},"]')
_MAX_EXPONENT = 1000  # larger exponents would build huge integers


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "string", "number", "symbol", "{", "}", ",", "eof"
    text: str
    line: int
    value: Fraction | None = None

    def describe(self) -> str:
        """How the token is named in an error message."""
        if self.kind == "eof":
            return "end of file"
        if self.kind == "string":
            return f'the string "{self.text}"'
        return repr(self.text)


def _number(text: str, line: int, source: str) -> Fraction:
    """The exact value of a number token (already matched by ``_NUMBER``)."""
    if "/" in text:
        num, den = text.split("/")
        if int(den) == 0:
            raise EfgError(f"zero denominator in {text!r}", line, source)
        return Fraction(int(num), int(den))
    mantissa, _, exponent = text.lower().partition("e")
    if exponent and abs(int(exponent)) > _MAX_EXPONENT:
        raise EfgError(f"exponent of {text!r} is beyond +-{_MAX_EXPONENT}", line, source)
    return Fraction(text)


def _tokenize(text: str, source: str) -> list[_Token]:
    """Split ``text`` into tokens; the last one is always ``eof``."""
    tokens: list[_Token] = []
    pos, line, n = 0, 1, len(text)
    while True:
        while pos < n and text[pos].isspace():
            if text[pos] == "\n":
                line += 1
            pos += 1
        if pos >= n:
            # report the end of the file at the last line that has text
            tokens.append(_Token("eof", "", tokens[-1].line if tokens else 1))
            return tokens
        ch = text[pos]
        if ch in "{},":
            tokens.append(_Token(ch, ch, line))
            pos += 1
        elif ch == '"':
            start_line = line
            pos += 1
            chars: list[str] = []
            while True:
                if pos >= n:
                    raise EfgError("unterminated string (no closing '\"')", start_line, source)
                c = text[pos]
                if c == '"':
                    pos += 1
                    break
                if c == "\\":
                    if pos + 1 < n and text[pos + 1] == '"':
                        chars.append('"')
                        pos += 2
                        continue
                    raise EfgError(
                        'backslash in a string: only \\" is supported (Gambit cannot '
                        "round-trip other backslashes)",
                        line,
                        source,
                    )
                if c == "\n":
                    line += 1
                chars.append(c)
                pos += 1
            tokens.append(_Token("string", "".join(chars), start_line))
        else:
            m = _WORD_END.search(text, pos)
            end = m.start() if m else n
            word = text[pos:end]
            pos = end
            if word[0] in "+-.0123456789":
                if not _NUMBER.match(word):
                    raise EfgError(f"malformed number {word!r}", line, source)
                tokens.append(_Token("number", word, line, _number(word, line, source)))
            else:
                tokens.append(_Token("symbol", word, line))


# --------------------------------------------------------------------------- raw tree


@dataclass(slots=True)
class _RawNode:
    kind: str  # "c", "p", "t"
    label: str
    line: int
    player: int = 0  # 0 for chance, 1-based otherwise
    set_no: int = 0
    outcome: int = 0
    children: list[_RawNode] = field(default_factory=list)


@dataclass(slots=True)
class _RawSet:
    label: str
    actions: tuple[str, ...]
    probs: tuple[Fraction, ...]
    line: int


@dataclass(slots=True)
class _RawOutcome:
    label: str
    payoffs: tuple[Fraction, ...]
    line: int


class _Parser:
    """Recursive-descent parser over the token list, building a raw tree."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(text, source)
        self.pos = 0
        self.players: list[str] = []
        self.sets: dict[tuple[int, int], _RawSet] = {}
        self.outcomes: dict[int, _RawOutcome] = {}
        self.node_labels: dict[str, int] = {}
        self.title = ""
        self.comment = ""

    # -- token helpers
    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def error(self, message: str, tok: _Token | None = None) -> EfgError:
        return EfgError(message, (tok or self.peek()).line, self.source)

    def expect(self, kind: str, what: str, after: str) -> _Token:
        tok = self.take()
        if tok.kind != kind:
            raise self.error(f"expected {what} after {after}, got {tok.describe()}", tok)
        return tok

    def string(self, what: str, after: str) -> str:
        return self.expect("string", what, after).text

    def index(self, what: str, after: str, *, lowest: int) -> tuple[int, _Token]:
        tok = self.expect("number", what, after)
        value = tok.value
        if value is None or value.denominator != 1 or "." in tok.text or value < lowest:
            raise self.error(f"{what} must be an integer >= {lowest}, got {tok.text!r}", tok)
        return int(value), tok

    def label(self, text: str, what: str, tok_line: int, *, allow_empty: bool = True) -> None:
        try:
            check_label(text, what, allow_empty=allow_empty)
        except GameError as exc:
            raise EfgError(str(exc), tok_line, self.source) from None

    # -- grammar
    def header(self) -> None:
        tok = self.take()
        if tok.kind != "symbol" or tok.text != "EFG":
            raise self.error(f"expected 'EFG' at the start of the file, got {tok.describe()}", tok)
        tok = self.take()
        if tok.kind != "number" or tok.text != "2":
            raise self.error(f"expected version '2' after 'EFG', got {tok.describe()}", tok)
        tok = self.take()
        if tok.kind != "symbol" or tok.text not in ("R", "D"):
            raise self.error(f"expected 'R' or 'D' after 'EFG 2', got {tok.describe()}", tok)
        tok = self.expect("string", "the game title (a quoted string)", f"'EFG 2 {tok.text}'")
        self.label(tok.text, "game title", tok.line)
        self.title = tok.text
        self.expect("{", "'{' opening the player list", "the game title")
        names: list[str] = []
        while self.peek().kind == "string":
            tok = self.take()
            self.label(tok.text, "player name", tok.line)
            names.append(tok.text)
        close = self.take()
        if close.kind != "}":
            raise self.error(
                f"expected a player name or '}}' in the player list, got {close.describe()}", close
            )
        if not names:
            raise self.error("the game has no players", close)
        self.players = normalize_labels(names)
        if self.peek().kind == "string":
            self.comment = self.take().text

    def outcome(self, node: _RawNode) -> None:
        """Parse ``N ["label" { payoffs }]`` for ``node``."""
        number, tok = self.index(
            "an outcome number", f"the {_kind_name(node.kind)} at line {node.line}", lowest=0
        )
        node.outcome = number
        if self.peek().kind != "string":
            if number and number not in self.outcomes:
                raise self.error(
                    f"outcome {number} is referenced before its label and payoffs are given", tok
                )
            return
        if number == 0:
            raise self.error("outcome 0 (no outcome) cannot have a label or payoffs")
        ltok = self.take()
        self.label(ltok.text, f"outcome {number} label", ltok.line)
        self.expect("{", "'{' opening the payoffs", f'outcome label "{ltok.text}"')
        n = len(self.players)
        payoffs: list[Fraction] = []
        while True:
            tok = self.take()
            if tok.kind == "}":
                break
            if tok.kind != "number":
                after = f"payoff {len(payoffs)} of outcome {number}" if payoffs else "'{'"
                raise self.error(
                    f"expected a payoff (a number) or '}}' after {after}, got {tok.describe()}", tok
                )
            if len(payoffs) == n:
                raise self.error(
                    f"outcome {number} has more than {n} payoffs (one per player)", tok
                )
            assert tok.value is not None
            payoffs.append(tok.value)
            if self.peek().kind == ",":
                self.take()
        if len(payoffs) != n:
            raise self.error(
                f"outcome {number} has {len(payoffs)} payoffs, expected {n} (one per player)",
                tok,
            )
        new = _RawOutcome(ltok.text, tuple(payoffs), ltok.line)
        old = self.outcomes.setdefault(number, new)
        if old is not new and (old.label, old.payoffs) != (new.label, new.payoffs):
            raise self.error(
                f"outcome {number} is redefined with a different label or payoffs "
                f"(first defined at line {old.line})",
                ltok,
            )

    def move(self, node: _RawNode, key: tuple[int, int]) -> None:
        """Parse ``["set label" { actions }]`` for a chance or player node."""
        chance = node.kind == "c"
        if self.peek().kind != "string":
            if key not in self.sets:
                raise self.error(
                    f"information set {_set_name(key)} is used before its label and actions "
                    "are given"
                )
            return
        ltok = self.take()
        self.label(ltok.text, "information set label", ltok.line)
        self.expect("{", "'{' opening the action list", f'information set label "{ltok.text}"')
        actions: list[str] = []
        probs: list[Fraction] = []
        while True:
            tok = self.take()
            if tok.kind == "}":
                break
            if tok.kind != "string":
                prev = f'action "{actions[-1]}"' if actions else "'{'"
                if chance and actions:
                    prev = f'the probability of action "{actions[-1]}"'
                raise self.error(
                    f"expected an action label (a quoted string) or '}}' after {prev}, "
                    f"got {tok.describe()}",
                    tok,
                )
            self.label(tok.text, "action", tok.line)
            actions.append(tok.text)
            if chance:
                ptok = self.expect("number", "a number", f'action "{tok.text}"')
                assert ptok.value is not None
                if not 0 <= ptok.value <= 1:
                    raise self.error(
                        f'probability {ptok.text} of action "{tok.text}" is outside [0, 1]', ptok
                    )
                probs.append(ptok.value)
        if not actions:
            raise self.error(f"information set {_set_name(key)} has no actions", ltok)
        if chance and sum(probs, Fraction(0)) != 1:
            raise self.error(
                f"chance probabilities sum to {sum(probs, Fraction(0))}, not exactly 1", ltok
            )
        new = _RawSet(ltok.text, tuple(actions), tuple(probs), ltok.line)
        old = self.sets.setdefault(key, new)
        if old is new:
            return
        if old.label != new.label:
            raise self.error(
                f'information set {_set_name(key)} is labelled "{new.label}" here but '
                f'"{old.label}" at line {old.line}',
                ltok,
            )
        if old.actions != new.actions:
            raise self.error(
                f"information set {_set_name(key)} has actions {list(new.actions)} here but "
                f"{list(old.actions)} at line {old.line}",
                ltok,
            )
        if old.probs != new.probs:
            raise self.error(
                f"chance information set {key[1]} has probabilities "
                f"{[str(p) for p in new.probs]} here but {[str(p) for p in old.probs]} "
                f"at line {old.line}",
                ltok,
            )

    def node(self, context: str) -> _RawNode:
        """Parse one node line; ``context`` says where the node is expected."""
        tok = self.take()
        if tok.kind != "symbol" or tok.text not in ("c", "p", "t"):
            raise self.error(
                f"expected a node ('c', 'p' or 't') {context}, got {tok.describe()}", tok
            )
        ltok = self.expect("string", "a node label (a quoted string)", f"'{tok.text}'")
        self.label(ltok.text, "node label", ltok.line)
        if ltok.text:
            if ltok.text in self.node_labels:
                raise self.error(
                    f'node label "{ltok.text}" is already used at line '
                    f"{self.node_labels[ltok.text]} (node labels must be unique)",
                    ltok,
                )
            self.node_labels[ltok.text] = ltok.line
        node = _RawNode(tok.text, ltok.text, tok.line)
        if tok.text == "c":
            node.set_no, _ = self.index(
                "a chance information set number", "the node label", lowest=1
            )
            self.move(node, (0, node.set_no))
        elif tok.text == "p":
            player, ptok = self.index("a player number", "the node label", lowest=1)
            if player > len(self.players):
                raise self.error(
                    f"player number {player} is out of range: the game has "
                    f"{len(self.players)} players",
                    ptok,
                )
            node.player = player
            node.set_no, _ = self.index("an information set number", "the player number", lowest=1)
            self.move(node, (player, node.set_no))
        self.outcome(node)
        return node

    def tree(self) -> _RawNode:
        """Parse every node (iteratively: deep trees do not hit the recursion limit)."""
        root = self.node("for the root")
        stack: list[tuple[_RawNode, tuple[str, ...]]] = []
        if root.kind != "t":
            stack.append((root, self.sets[(root.player, root.set_no)].actions))
        while stack:
            parent, actions = stack[-1]
            done = len(parent.children)
            if done == len(actions):
                stack.pop()
                continue
            child = self.node(f'for action "{actions[done]}" of the node at line {parent.line}')
            parent.children.append(child)
            if child.kind != "t":
                stack.append((child, self.sets[(child.player, child.set_no)].actions))
        tok = self.peek()
        if tok.kind != "eof":
            raise self.error(f"unexpected {tok.describe()} after the end of the tree", tok)
        return root


def _kind_name(kind: str) -> str:
    return {"c": "chance node", "p": "player node", "t": "terminal node"}[kind]


def _set_name(key: tuple[int, int]) -> str:
    player, number = key
    return f"{number} of chance" if player == 0 else f"{number} of player {player}"


# --------------------------------------------------------------------------- naming


def normalize_labels(labels: Sequence[str]) -> list[str]:
    """Make ``labels`` unique and non-empty the way Gambit 16.7's reader does.

    A label that is empty or used more than once becomes ``label_1``, ``label_2``, ...
    (numbered per distinct label in order, skipping labels already present); a unique
    non-empty label is kept.

    >>> normalize_labels(["a", "", "b", "b", "b_1"])
    ['a', '_1', 'b_2', 'b_3', 'b_1']
    """
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out: list[str] = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def infoset_names(
    sets: Sequence[tuple[str, int, str]],
) -> list[str]:
    """Names for player information sets given as ``(player name, number, label)``.

    The label when it is non-empty and no other set has it, else ``"<player>:<number>"``
    (made unique with ``_1``, ``_2``, ... if that clashes).
    """
    counts: dict[str, int] = {}
    for _, _, label in sets:
        counts[label] = counts.get(label, 0) + 1
    used = {label for _, _, label in sets if label and counts[label] == 1}
    out: list[str] = []
    for player, number, label in sets:
        if label and counts[label] == 1:
            out.append(label)
            continue
        base = candidate = f"{player}:{number}"
        k = 0
        while candidate in used:
            k += 1
            candidate = f"{base}_{k}"
        used.add(candidate)
        out.append(candidate)
    return out


def folded_outcome_labels(keys: Sequence[tuple[str, ...]]) -> list[str]:
    """Outcome labels for terminals whose paths carry the outcomes ``keys[i]``.

    ``keys`` lists, per distinct combination, the (already unique) labels of the outcomes
    on the path, root first; the label is their ``+``-join, made unique like Gambit's
    labels. An empty key (no outcome at all) gets ``""``.
    """
    joined = ["+".join(key) for key in keys]
    named = [j for j in joined if j]
    fixed = iter(normalize_labels(named))
    return [next(fixed) if j else "" for j in joined]


# --------------------------------------------------------------------------- build


def _build(parser: _Parser, root: _RawNode) -> Game:
    """Turn the raw tree into a :class:`Game`, folding non-terminal outcomes."""
    players = parser.players
    n = len(players)
    outcome_labels = dict(
        zip(
            parser.outcomes,
            normalize_labels([o.label for o in parser.outcomes.values()]),
            strict=True,
        )
    )
    action_labels = {key: normalize_labels(s.actions) for key, s in parser.sets.items()}
    player_sets = [key for key in parser.sets if key[0] != 0]
    described = [(players[p - 1], no, parser.sets[(p, no)].label) for p, no in player_sets]
    names = dict(zip(player_sets, infoset_names(described), strict=True))

    # pre-order: the outcomes on each terminal's path
    path_outcomes: dict[int, tuple[int, ...]] = {}
    keys: dict[tuple[int, ...], None] = {}
    stack: list[tuple[_RawNode, tuple[int, ...]]] = [(root, ())]
    while stack:
        node, above = stack.pop()
        here = (*above, node.outcome) if node.outcome else above
        if node.kind == "t":
            path_outcomes[id(node)] = here
            keys.setdefault(here, None)
        else:
            stack.extend((child, here) for child in reversed(node.children))
    key_list = list(keys)
    labels = folded_outcome_labels([tuple(outcome_labels[o] for o in k) for k in key_list])
    key_label = dict(zip(key_list, labels, strict=True))

    def terminal(node: _RawNode) -> Terminal:
        key = path_outcomes[id(node)]
        pays = [Fraction(0)] * n
        for o in key:
            for i, v in enumerate(parser.outcomes[o].payoffs):
                pays[i] += v
        return Terminal(tuple(pays), label=node.label, outcome=key_label[key])

    # post-order construction without recursion
    built: dict[int, Node] = {}
    work: list[tuple[_RawNode, bool]] = [(root, False)]
    while work:
        node, expanded = work.pop()
        if node.kind == "t":
            built[id(node)] = terminal(node)
            continue
        if not expanded:
            work.append((node, True))
            work.extend((child, False) for child in reversed(node.children))
            continue
        key = (node.player, node.set_no)
        acts = tuple(action_labels[key])
        kids = tuple(built.pop(id(child)) for child in node.children)
        if node.kind == "c":
            s = parser.sets[key]
            built[id(node)] = Chance(acts, s.probs, kids, label=node.label, infoset=s.label)
        else:
            built[id(node)] = Decision(
                players[node.player - 1], names[key], acts, kids, label=node.label
            )
    return Game(tuple(players), built[id(root)], title=parser.title, comment=parser.comment)


def read_efg(text: str, source: str = "<string>") -> Game:
    """Parse ``.efg`` text into a validated :class:`Game`; raise :class:`EfgError`."""
    parser = _Parser(text, source)
    parser.header()
    root = parser.tree()
    game = _build(parser, root)
    try:
        validate(game)
    except GameError as exc:  # pragma: no cover - the parser checks everything first
        raise EfgError(str(exc), root.line, source) from None
    return game


def read_efg_file(path: str | os.PathLike[str]) -> Game:
    """Read and parse the ``.efg`` file at ``path``.

    Unreadable files raise ``OSError``; bytes that are not UTF-8 raise :class:`EfgError`.
    """
    p = Path(path)
    data = p.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EfgError(f"the file is not UTF-8 text ({exc.reason})", line, str(p)) from None
    return read_efg(text, source=str(p))
