"""gametrees.nxview: the game tree as a networkx DiGraph."""

from __future__ import annotations

from fractions import Fraction as F

import networkx as nx
from modules import EFG_FIXTURES

from gametrees.efg import read_efg_file
from gametrees.nxview import infoset_members, to_networkx
from gametrees.tree import Chance, Decision, Game, Terminal, stats

FIXTURES = EFG_FIXTURES


def game() -> Game:
    return Game(
        ("A", "B"),
        Chance(
            ("h", "t"),
            (F(1, 3), F(2, 3)),
            (
                Decision(
                    "A",
                    "s",
                    ("l", "r"),
                    (Terminal((F(1), F(0)), outcome="o"), Terminal((F(0), F(1, 2)))),
                ),
                Decision(
                    "A",
                    "s",
                    ("l", "r"),
                    (Terminal((F(1), F(0)), outcome="o"), Terminal((F(2), F(2)), label="end")),
                ),
            ),
            infoset="nature",
        ),
        title="g",
    )


def test_nodes_in_pre_order_with_attributes():
    g = to_networkx(game())
    assert list(g.nodes) == list(range(7))
    assert g.graph["players"] == ("A", "B") and g.graph["title"] == "g"
    root = g.nodes[0]
    assert root["kind"] == "chance" and root["infoset"] == "nature" and root["player"] is None
    assert root["path"] == ()
    assert g.nodes[1] == {
        "kind": "decision",
        "player": "A",
        "infoset": "s",
        "label": "",
        "path": ("h",),
        "outcome": None,
        "payoffs": None,
    }
    leaf = g.nodes[6]
    assert leaf["kind"] == "terminal" and leaf["label"] == "end"
    assert leaf["payoffs"] == {"A": F(2), "B": F(2)} and leaf["path"] == ("t", "r")


def test_edges_carry_actions_and_chance_probabilities():
    g = to_networkx(game())
    assert g.edges[0, 1] == {"action": "h", "prob": F(1, 3)}
    assert g.edges[0, 4] == {"action": "t", "prob": F(2, 3)}
    assert g.edges[1, 2] == {"action": "l"}
    assert nx.is_arborescence(g)


def test_infoset_members():
    assert infoset_members(to_networkx(game())) == {("A", "s"): [1, 4]}


def test_sample_size_matches_stats():
    model = read_efg_file(FIXTURES / "montyhal.efg")
    g = to_networkx(model)
    assert g.number_of_nodes() == stats(model).nodes
    assert g.number_of_edges() == stats(model).nodes - 1
    assert sum(1 for _, d in g.nodes(data=True) if d["kind"] == "terminal") == 36
