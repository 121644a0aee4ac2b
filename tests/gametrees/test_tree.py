"""gametrees.tree: traversal, counts, and validate's errors naming the culprit."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from gametrees.tree import (
    Chance,
    Decision,
    Game,
    GameError,
    Terminal,
    check_label,
    infosets,
    iter_nodes,
    stats,
    validate,
)

Z = Terminal((F(0), F(0)))


def two_player(root) -> Game:
    return Game(("A", "B"), root)


def test_iter_nodes_pre_order_with_paths():
    g = two_player(
        Decision(
            "A",
            "s",
            ("l", "r"),
            (
                Decision("B", "u", ("x", "y"), (Z, Z)),
                Z,
            ),
        )
    )
    assert [path for path, _ in iter_nodes(g)] == [(), ("l",), ("l", "x"), ("l", "y"), ("r",)]


def test_infosets_and_stats():
    g = two_player(
        Chance(
            ("h", "t"),
            (F(1, 2), F(1, 2)),
            (
                Decision("A", "s", ("l", "r"), (Z, Z)),
                Decision("A", "s", ("l", "r"), (Z, Z)),
            ),
        )
    )
    validate(g)
    assert [p for p, _ in infosets(g)[("A", "s")]] == [("h",), ("t",)]
    st = stats(g)
    assert (st.nodes, st.terminals, st.chance_nodes) == (7, 4, 1)
    assert st.infosets == {"A": 1, "B": 0}
    assert st.total_infosets == 1


def test_probabilities_must_sum_to_one():
    g = two_player(Decision("A", "s", ("l",), (Chance(("h", "t"), (F(1, 2), F(1, 3)), (Z, Z)),)))
    with pytest.raises(GameError, match=r'node root/"l": chance probabilities sum to 5/6'):
        validate(g)


def test_probability_outside_unit_interval():
    g = two_player(Chance(("h", "t"), (F(3, 2), F(-1, 2)), (Z, Z)))
    with pytest.raises(GameError, match="outside"):
        validate(g)


def test_float_probability_refused():
    g = two_player(Chance(("h", "t"), (0.5, 0.5), (Z, Z)))  # type: ignore[arg-type]
    with pytest.raises(GameError, match="not an exact rational"):
        validate(g)


def test_infoset_of_two_players():
    g = two_player(
        Decision(
            "A",
            "s",
            ("l", "r"),
            (
                Decision("B", "s2", ("x",), (Z,)),
                Decision("A", "s2", ("x",), (Z,)),
            ),
        )
    )
    with pytest.raises(
        GameError,
        match=r"information set 's2' has nodes of two players: "
        r'B at node root/"l" and A at node root/"r"',
    ):
        validate(g)


def test_infoset_with_differing_actions():
    g = two_player(
        Decision(
            "A",
            "s",
            ("l", "r"),
            (
                Decision("B", "u", ("x", "y"), (Z, Z)),
                Decision("B", "u", ("x", "z"), (Z, Z)),
            ),
        )
    )
    with pytest.raises(
        GameError,
        match=r"information set 'u' of B: actions \['x', 'z'\] at "
        r'node root/"r" differ',
    ):
        validate(g)


def test_duplicate_actions():
    g = two_player(Decision("A", "s", ("l", "l"), (Z, Z)))
    with pytest.raises(GameError, match=r"node root: action labels are not unique"):
        validate(g)


@pytest.mark.parametrize(
    ("game", "fragment"),
    [
        (Game(("Ä", "B"), Z), "player name"),
        (two_player(Decision("A", "s\u00e9", ("l",), (Z,))), "node root information set"),
        (two_player(Decision("A", "s", ("l\n",), (Z,))), "node root action"),
        (
            two_player(Decision("A", "s", ("l",), (Terminal((F(0), F(0)), label="\u2603"),))),
            'node root/"l" label',
        ),
        (
            two_player(Decision("A", "s", ("l",), (Terminal((F(0), F(0)), outcome="\u00fc"),))),
            'node root/"l" outcome',
        ),
    ],
)
def test_non_ascii_labels(game, fragment):
    with pytest.raises(GameError, match="outside printable ASCII") as exc:
        validate(game)
    assert fragment in str(exc.value)


def test_duplicate_node_labels():
    g = two_player(
        Decision(
            "A",
            "s",
            ("l", "r"),
            (
                Terminal((F(0), F(0)), label="end"),
                Terminal((F(1), F(1)), label="end"),
            ),
            label="start",
        )
    )
    with pytest.raises(
        GameError,
        match=r"node root/\"r\": node label 'end' is already used "
        r'at node root/"l"',
    ):
        validate(g)


def test_shared_outcome_label_needs_equal_payoffs():
    g = two_player(
        Decision(
            "A",
            "s",
            ("l", "r"),
            (
                Terminal((F(0), F(0)), outcome="o"),
                Terminal((F(1), F(0)), outcome="o"),
            ),
        )
    )
    with pytest.raises(GameError, match="outcome label 'o' is used at node root/\"l\""):
        validate(g)


def test_shared_chance_label_needs_equal_moves():
    c1 = Chance(("h", "t"), (F(1, 2), F(1, 2)), (Z, Z), infoset="nature")
    c2 = Chance(("h", "t"), (F(1, 3), F(2, 3)), (Z, Z), infoset="nature")
    with pytest.raises(GameError, match="chance information set 'nature'"):
        validate(two_player(Decision("A", "s", ("l", "r"), (c1, c2))))
    validate(two_player(Decision("A", "s", ("l", "r"), (c1, c1))))


def test_wrong_payoff_count_and_unknown_player():
    with pytest.raises(GameError, match="1 payoffs for 2 players"):
        validate(two_player(Terminal((F(0),))))
    with pytest.raises(GameError, match="player 'C' is not one of"):
        validate(two_player(Decision("C", "s", ("l",), (Z,))))


def test_check_label_backslash_and_empty():
    with pytest.raises(GameError, match="backslash"):
        check_label("a\\b", "x")
    with pytest.raises(GameError, match="must not be empty"):
        check_label("", "x", allow_empty=False)
    check_label("", "x")


def chain(depth: int, bottom: Terminal | None = None) -> Game:
    """A decision chain ``depth`` deep, built bottom-up (no recursion)."""
    node = bottom or Terminal((F(1),))
    for i in reversed(range(depth)):
        node = Decision("A", f"s{i}", ("go", "stop"), (node, Terminal((F(0),))))
    return Game(("A",), node)


def test_deep_chain_validates_and_counts_in_linear_time():
    # validate() used to build every node's path string: quadratic, 69 s at this depth
    game = chain(20_000)
    validate(game)
    s = stats(game)
    assert (s.nodes, s.terminals, s.total_infosets) == (40_001, 20_001, 20_000)


def test_deep_chain_error_still_names_the_node_by_its_path():
    game = chain(20_000, bottom=Terminal((F(1), F(2))))
    with pytest.raises(GameError) as exc:
        validate(game)
    message = str(exc.value)
    assert message.startswith("node root/" + '"go"/' * 19_999 + '"go": 2 payoffs for 1 players')


def test_shared_tuples_are_checked_once_but_every_node_is_checked():
    acts = ("l", "r")
    ok = Decision("A", "s", acts, (Z, Z))
    bad = Decision("B", "u", ("x", "x"), (Z, Z))
    validate(two_player(Decision("A", "t", acts, (ok, ok))))
    with pytest.raises(GameError, match=r'node root/"r": action labels are not unique'):
        validate(two_player(Decision("A", "t", acts, (ok, bad))))
    pays = (F(1), F(2))
    with pytest.raises(GameError, match=r'node root/"r": outcome label \'o\' is used at node'):
        validate(
            two_player(
                Decision(
                    "A", "t", acts, (Terminal(pays, outcome="o"), Terminal(pays[::-1], outcome="o"))
                )
            )
        )


@pytest.mark.parametrize("label", ["a  b", " a", "a ", "a\tb"])
def test_labels_gambit_refuses_are_refused(label):
    """Gambit 16.7's reader refuses these, so a game holding one could not be written."""
    leaf = Terminal((F(0),))
    game = Game(("P",), Decision("P", "s", (label, "b"), (leaf, leaf)))
    with pytest.raises(GameError, match="label"):
        validate(game)


def test_no_player_named_chance():
    with pytest.raises(GameError, match="Chance"):
        validate(Game(("Chance",), Decision("Chance", "s", ("a",), (Terminal((F(0),)),))))
