"""Property: our .efg output survives our reader byte for byte, and Gambit reads the same
game (players, sets, actions, chance probabilities, payoffs, all exact)."""

from __future__ import annotations

import io
from fractions import Fraction as F
from itertools import count

import pygambit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametrees.efg import read_efg, write_efg
from gametrees.gambit import exact, from_pygambit
from gametrees.tree import Chance, Decision, Game, Node, Terminal, iter_nodes, validate

PLAYERS = ("P1", "P2", "P3")
# (player, set name, actions): a set always has the same actions
SETS = [
    ("P1", "p1a", ("L", "R")),
    ("P1", "p1b", ("x", "y", "z")),
    ("P2", "p2a", ("u", "d")),
    ("P2", 'p2 "q"', ("l", "r")),
    ("P3", "p3a", ("a", "b")),
]
OUTCOMES = ["", "", "w", "v", "tie"]

rationals = st.fractions(min_value=-10, max_value=10, max_denominator=12)


@st.composite
def probabilities(draw, k: int) -> tuple[F, ...]:
    """``k`` exact probabilities summing to 1 (zeros allowed)."""
    weights = draw(st.lists(st.integers(0, 6), min_size=k, max_size=k).filter(any))
    total = sum(weights)
    return tuple(F(w, total) for w in weights)


@st.composite
def games(draw) -> Game:
    payoffs_of = {
        label: draw(st.tuples(rationals, rationals, rationals)) for label in OUTCOMES if label
    }
    labels = count(1)
    # chance nodes labelled "nature" form one Gambit set: they share one move
    nature_k = draw(st.integers(1, 3))
    nature = (tuple(f"c{i}" for i in range(nature_k)), draw(probabilities(nature_k)))

    def node_label() -> str:
        return f"n{next(labels)}" if draw(st.booleans()) and draw(st.booleans()) else ""

    def node(depth: int) -> Node:
        kind = draw(st.sampled_from(["t", "c", "p", "p"])) if depth < 3 else "t"
        if depth == 0 and kind == "t":
            kind = "p"
        if kind == "t":
            outcome = draw(st.sampled_from(OUTCOMES))
            pays = (
                payoffs_of[outcome] if outcome else draw(st.tuples(rationals, rationals, rationals))
            )
            return Terminal(pays, label=node_label(), outcome=outcome)
        if kind == "c":
            shared = draw(st.booleans())
            if shared:
                actions, probs = nature
            else:
                k = draw(st.integers(1, 3))
                actions, probs = tuple(f"c{i}" for i in range(k)), draw(probabilities(k))
            kids = tuple(node(depth + 1) for _ in actions)
            return Chance(
                actions, probs, kids, label=node_label(), infoset="nature" if shared else ""
            )
        player, name, actions = draw(st.sampled_from(SETS))
        kids = tuple(node(depth + 1) for _ in actions)
        return Decision(player, name, actions, kids, label=node_label())

    root = node(0)
    return Game(
        PLAYERS,
        root,
        title=draw(st.sampled_from(["", "t", 'a "quoted" title'])),
        comment=draw(st.sampled_from(["", "two\nlines"])),
    )


def walk(g: pygambit.Game):
    """Pre-order ``(kind, player, set label, actions, probs, payoffs)`` of a pygambit tree."""
    out = []
    stack = [(g.root, (F(0),) * len(g.players))]
    while stack:
        node, acc = stack.pop()
        if node.outcome:
            acc = tuple(a + exact(node.outcome[p]) for a, p in zip(acc, g.players, strict=True))
        if node.is_terminal:
            out.append(("t", acc))
            continue
        s = node.infoset
        acts = tuple(a.label for a in s.actions)
        if s.is_chance:
            out.append(("c", acts, tuple(exact(a.prob) for a in s.actions)))
        else:
            out.append(("p", s.player.label, s.label, acts))
        stack.extend((c, acc) for c in reversed(list(node.children)))
    return out


def model_walk(game: Game):
    out = []
    for _, n in iter_nodes(game):
        if isinstance(n, Terminal):
            out.append(("t", tuple(n.payoffs)))
        elif isinstance(n, Chance):
            out.append(("c", n.actions, n.probs))
        else:
            out.append(("p", n.player, n.infoset, n.actions))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_write_read_write_is_byte_identical(game):
    validate(game)
    text = write_efg(game)
    again = read_efg(text)
    assert write_efg(again) == text
    # the model round trip keeps everything but the names given to unlabelled outcomes
    assert model_walk(again) == model_walk(game)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_gambit_reads_the_same_game(game):
    text = write_efg(game)
    g = pygambit.read_efg(io.StringIO(text))
    assert [p.label for p in g.players] == list(PLAYERS)
    assert walk(g) == model_walk(game)
    assert from_pygambit(g) == read_efg(text)
