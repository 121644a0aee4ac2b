"""gametrees.efg.writer: the .efg text Gambit reads, exact numbers, outcome numbering."""

from __future__ import annotations

import io
from fractions import Fraction as F

import pygambit
import pytest

from gametrees.efg import read_efg, write_efg, write_efg_file
from gametrees.efg.writer import quote
from gametrees.tree import Chance, Decision, Game, GameError, Terminal


def small_game() -> Game:
    t = Terminal
    return Game(
        players=("A", "B"),
        title="small",
        comment="a comment",
        root=Chance(
            ("L", "R"),
            (F(1, 3), F(2, 3)),
            (
                Decision(
                    "A", "a1", ("x", "y"), (t((F(1), F(-1)), outcome="win"), t((F(0), F(1, 2))))
                ),
                Decision(
                    "A",
                    "a1",
                    ("x", "y"),
                    (t((F(1), F(-1)), outcome="win"), t((F(5), F(5)), label="end")),
                ),
            ),
            infoset="nature",
        ),
    )


EXPECTED = """\
EFG 2 R "small" { "A" "B" }
"a comment"

c "" 1 "nature" { "L" 1/3 "R" 2/3 } 0
p "" 1 1 "a1" { "x" "y" } 0
t "" 1 "win" { 1, -1 }
t "" 2 "_2" { 0, 1/2 }
p "" 1 1 "a1" { "x" "y" } 0
t "" 1 "win" { 1, -1 }
t "end" 3 "_3" { 5, 5 }
"""


def test_exact_text():
    assert write_efg(small_game()) == EXPECTED


def test_gambit_reads_it_exactly():
    g = pygambit.read_efg(io.StringIO(write_efg(small_game())))
    assert [p.label for p in g.players] == ["A", "B"]
    [s] = g.players["A"].infosets
    assert len(s.members) == 2
    chance = [a.prob for a in g.root.infoset.actions]
    assert [F(str(p)) for p in chance] == [F(1, 3), F(2, 3)]
    assert [o.label for o in g.outcomes] == ["win", "_2", "_3"]
    assert F(str(g.outcomes["_2"]["B"])) == F(1, 2)


def test_quote_escapes_double_quotes():
    assert quote('say "hi"') == '"say \\"hi\\""'


def test_synthesized_outcome_label_avoids_given_labels():
    # the second terminal's outcome would be "_2", which the game already uses elsewhere
    root = Decision(
        "A",
        "s",
        ("a", "b", "c"),
        (
            Terminal((F(1),), outcome="o"),
            Terminal((F(2),)),
            Terminal((F(3),), outcome="_2"),
        ),
    )
    text = write_efg(Game(("A",), root))
    assert 't "" 2 "_2_1" { 2 }' in text
    assert 't "" 3 "_2" { 3 }' in text
    g = pygambit.read_efg(io.StringIO(text))
    assert sorted(o.label for o in g.outcomes) == ["_2", "_2_1", "o"]
    assert write_efg(read_efg(text)) == text


def test_validates_unless_told_not_to():
    bad = Game(("A",), Chance(("a", "b"), (F(1, 2), F(1, 3)), (Terminal((F(0),)),) * 2))
    with pytest.raises(GameError, match="sum to 5/6"):
        write_efg(bad)
    assert write_efg(bad, check=False).count("\n") == 6


def test_write_file_is_atomic(tmp_path):
    path = tmp_path / "g.efg"
    write_efg_file(small_game(), path)
    assert path.read_text() == EXPECTED
    bad = Game(("A",), Decision("A", "s", ("a", "a"), (Terminal((F(0),)),) * 2))
    with pytest.raises(GameError):
        write_efg_file(bad, path)
    assert path.read_text() == EXPECTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.efg"]
