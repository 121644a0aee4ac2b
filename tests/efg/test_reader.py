"""gametrees.efg.reader: strict parsing of Gambit's EFG 2 format into the Game model."""

from __future__ import annotations

from fractions import Fraction as F

import pygambit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from modules import EFG_FIXTURES

from gametrees.efg import EfgError, read_efg, read_efg_file, write_efg
from gametrees.efg.reader import normalize_labels
from gametrees.gambit import from_pygambit
from gametrees.tree import Chance, Decision, Game, Terminal, infosets, iter_nodes, stats

FIXTURES = EFG_FIXTURES
HEAD = 'EFG 2 R "t" { "A" "B" }\n""\n'


def terminals(game):
    return [(path, n) for path, n in iter_nodes(game) if isinstance(n, Terminal)]


# ---------------------------------------------------------------- Gambit's samples


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.efg")))
def test_samples_read_and_roundtrip(name):
    game = read_efg_file(FIXTURES / name)
    g = pygambit.read_efg(str(FIXTURES / name))
    assert stats(game).nodes == len(list(g.nodes))
    assert list(game.players) == [p.label for p in g.players]
    text = write_efg(game)
    assert write_efg(read_efg(text)) == text


@pytest.mark.parametrize("name", ["montyhal.efg", "bayes2a.efg", "selten_horse.efg"])
def test_samples_agree_with_from_pygambit(name):
    # set numbers appear in order in these files, so both name the sets alike
    assert read_efg_file(FIXTURES / name) == from_pygambit(pygambit.read_efg(str(FIXTURES / name)))


def test_montyhal_chance_and_infosets():
    game = read_efg_file(FIXTURES / "montyhal.efg")
    assert isinstance(game.root, Chance)
    assert game.root.probs == (F(1, 3),) * 3
    assert game.root.infoset == "(0,1)"
    sets = infosets(game)
    assert len(sets[("Player 1", "(1,1)")]) == 3
    assert sets[("Player 1", "(1,1)")][0][1].actions == ("DOOR A", "DOOR B", "DOOR C")


def test_selten_comment_with_escaped_quotes_and_synthesized_names():
    game = read_efg_file(FIXTURES / "selten_horse.efg")
    assert '"Selten\'s horse"' in game.comment
    assert "\n" in game.comment
    # every set has the empty label: named "<player>:<number>"
    assert set(infosets(game)) == {
        ("Player 1", "Player 1:1"),
        ("Player 2", "Player 2:1"),
        ("Player 3", "Player 3:1"),
    }


def test_bayes2a_nonterminal_outcomes_are_folded():
    game = read_efg_file(FIXTURES / "bayes2a.efg")
    # 1G, 2g, H, then P1 at (1,3) carries Outcome 1 {10, 2}; H, h ends at Outcome 1 again
    node = game.root
    for action in ("1G", "2g", "H", "h", "H", "h"):
        node = node.children[node.actions.index(action)]
    assert isinstance(node, Terminal)
    assert node.payoffs == (F(20), F(4))
    assert node.outcome == "Outcome 1+Outcome 1"


def test_nonterminal_outcome_and_null_outcomes():
    game = read_efg_file(FIXTURES / "3_player_with_nonterm_outcomes.efg")
    ts = dict(terminals(game))
    # t "" 0 with nothing above: zero payoffs, no outcome
    assert ts[("H", "a", "B", "Y")] == Terminal((F(0), F(0), F(0)))
    # t "" 0 below the non-terminal outcome 6 {1, 2, 3} (label "" -> "_6")
    assert ts[("T", "d", "X")].payoffs == (F(1), F(2), F(3))
    assert ts[("T", "d", "X")].outcome == "_6"
    # t "" 7 {1, 0, 1} below it
    assert ts[("T", "c", "A")].payoffs == (F(2), F(2), F(4))
    assert ts[("T", "c", "A")].outcome == "_6+_7"
    # player 3's set 2 appears first; the synthesized name keeps the file's number
    assert ("3", "3:2") in infosets(game)


# ---------------------------------------------------------------- features


def test_decimal_variant_and_exact_numbers():
    text = (
        'EFG 2 D "d" { "A" "B" }\n""\n'
        'c "" 1 "" { "L" 0.25 "R" .75 } 0\n'
        't "" 1 "o" { 1e-3, -2.5 }\n'
        't "" 2 "q" { 3 1.5E2 }\n'
    )
    game = read_efg(text)
    assert game.root.probs == (F(1, 4), F(3, 4))
    assert game.root.children[0].payoffs == (F(1, 1000), F(-5, 2))
    assert game.root.children[1].payoffs == (F(3), F(150))
    assert all(isinstance(v, F) for v in game.root.children[0].payoffs)
    # Gambit 16.7 has no '+' sign (its number reader refuses "+3"): neither do we
    plus = text.replace("{ 3 ", "{ +3 ")
    with pytest.raises(EfgError, match="malformed number '\\+3'") as exc:
        read_efg(plus)
    assert exc.value.line == 5 and exc.value.strictness is None
    with pytest.raises(ValueError):
        pygambit.read_efg(__import__("io").StringIO(plus))


def test_comment_is_optional_and_commas_optional():
    game = read_efg(
        'EFG 2 R "t" { "A" }\np "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1, }\nt "" 2 "q" { 2 }\n'
    )
    assert game.comment == ""
    assert [n.payoffs for _, n in terminals(game)] == [(F(1),), (F(2),)]


def test_outcome_referenced_by_number_only():
    game = read_efg(HEAD + 'p "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\nt "" 1\n')
    a, b = (n for _, n in terminals(game))
    assert a == b == Terminal((F(1), F(2)), outcome="o")


def test_outcome_with_label_but_no_payoffs_is_an_error_as_in_gambit():
    text = HEAD + 'p "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\nt "" 1 "o"\n'
    with pytest.raises(EfgError, match="expected '\\{' opening the payoffs") as exc:
        read_efg(text)
    assert exc.value.line == 5
    with pytest.raises(ValueError):
        pygambit.read_efg(__import__("io").StringIO(text))


def test_repeated_infoset_may_omit_its_actions():
    text = (
        HEAD + 'c "" 1 "" { "L" 1/2 "R" 1/2 } 0\np "" 1 1 "s" { "a" "b" } 0\n'
        't "" 1 "o" { 1 2 }\nt "" 2 "q" { 3 4 }\np "" 1 1 0\nt "" 1\nt "" 2\n'
    )
    game = read_efg(text)
    [(key, members)] = infosets(game).items()
    assert key == ("A", "s") and len(members) == 2
    assert members[1][1].actions == ("a", "b")


def test_shared_outcome_numbers_share_labels():
    game = read_efg_file(FIXTURES / "montyhal.efg")
    labels = {n.outcome for _, n in terminals(game)}
    assert labels == {"Outcome 1", "Outcome 2", "Outcome 3"}


def test_infoset_names_label_unique_else_synthesized():
    text = (
        HEAD
        + 'c "" 1 "" { "L" 1/2 "R" 1/2 } 0\n'
        + 'p "" 1 1 "s" { "a" "b" } 0\np "" 2 1 "s" { "x" } 0\nt "" 1 "o" { 1 2 }\n'
        + 't "" 2 "q" { 3 4 }\n'
        + 'p "" 1 2 "" { "c" } 0\np "" 2 2 "u" { "y" } 0\nt "" 1\n'
    )
    game = read_efg(text)
    # "s" is used by (1,1) and (2,1): both synthesized; "" synthesized; "u" kept
    assert set(infosets(game)) == {("A", "A:1"), ("B", "B:1"), ("A", "A:2"), ("B", "u")}


def test_synthesized_name_avoids_an_existing_label():
    text = (
        HEAD + 'p "" 1 1 "A:2" { "a" "b" } 0\np "" 1 2 "" { "x" } 0\nt "" 1 "o" { 1 2 }\n'
        't "" 2 "q" { 3 4 }\n'
    )
    assert set(infosets(read_efg(text))) == {("A", "A:2"), ("A", "A:2_1")}


def test_labels_normalized_like_gambit():
    text = (
        'EFG 2 R "t" { "" "" }\n""\n'
        'p "" 1 1 "s" { "a" "a" } 0\nt "" 1 "o" { 1 2 }\np "" 2 1 "u" { "" "" } 0\n'
        't "" 2 "o" { 3 4 }\nt "" 3 "" { 5 6 }\n'
    )
    game = read_efg(text)
    assert game.players == ("_1", "_2")
    assert game.root.actions == ("a_1", "a_2")
    assert game.root.children[1].actions == ("_1", "_2")
    assert [n.outcome for _, n in terminals(game)] == ["o_1", "o_2", "_1"]
    assert game == from_pygambit(pygambit.read_efg(__import__("io").StringIO(text)))


def test_normalize_labels():
    assert normalize_labels(["a", "b"]) == ["a", "b"]
    assert normalize_labels(["", "x", "x", "x_1"]) == ["_1", "x_2", "x_3", "x_1"]


def test_terminal_root_and_single_player():
    game = read_efg('EFG 2 R "" { "Solo" }\nt "end" 1 "o" { 7/2 }\n')
    assert game.root == Terminal((F(7, 2),), label="end", outcome="o")


def test_escaped_quotes_in_labels():
    game = read_efg(
        'EFG 2 R "say \\"hi\\"" { "A" }\n""\np "" 1 1 "s" { "\\"q\\"" } 0\nt "" 1 "o" { 1 }\n'
    )
    assert game.title == 'say "hi"'
    assert game.root.actions == ('"q"',)
    assert write_efg(read_efg(write_efg(game))) == write_efg(game)


def test_deep_tree_does_not_recurse():
    depth = 3000
    lines = [f'p "" 1 {i + 1} "s{i}" {{ "go" "stop" }} 0' for i in range(depth)]
    body = []
    for line in lines:
        body.append(line)
    body.append('t "" 1 "end" { 1 }')
    body += ['t "" 2 "stop" { 0 }'] * depth
    game = read_efg('EFG 2 R "" { "A" }\n""\n' + "\n".join(body) + "\n")
    assert stats(game).nodes == 2 * depth + 1


def test_deep_chain_reads_and_round_trips():
    # 20,000 decisions deep: reading was quadratic in depth (and Gambit's own reader
    # overflows its stack here); now both reading and validating are linear
    depth = 20_000
    node = Terminal((F(1),), outcome="end")
    for i in reversed(range(depth)):
        node = Decision("A", f"s{i}", ("go", "stop"), (node, Terminal((F(0),), outcome=f"x{i}")))
    game = Game(("A",), node)
    text = write_efg(game)
    back = read_efg(text)  # (== on such deep trees would recurse: compare the texts)
    assert write_efg(back) == text
    assert stats(back).nodes == 2 * depth + 1
    bad = text.replace('t "" 1 "end" { 1 }', 't "" 1 "end" { 1 2 }')
    with pytest.raises(EfgError, match="more than 1 payoffs") as exc:
        read_efg(bad)
    assert exc.value.line == depth + 4


def test_read_efg_file_source_and_encoding(tmp_path):
    path = tmp_path / "bad.efg"
    path.write_bytes(b'EFG 2 R "t" { "A" }\n""\nt "\xff" 0\n')
    with pytest.raises(EfgError, match="not UTF-8") as exc:
        read_efg_file(path)
    assert exc.value.line == 3 and exc.value.source == str(path)
    with pytest.raises(FileNotFoundError):
        read_efg_file(tmp_path / "missing.efg")


# ---------------------------------------------------------------- malformed input

GOOD = HEAD + 'c "" 1 "" { "L" 1/2 "R" 1/2 } 0\np "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\n'
BAD_CASES = [
    # (text, line, message fragment)
    ("", 1, "expected 'EFG'"),
    ('NFG 1 R "t" { "A" }', 1, "expected 'EFG'"),
    ('EFG 3 R "t" { "A" }', 1, "expected version '2'"),
    ('EFG 2 X "t" { "A" }', 1, "expected 'R' or 'D'"),
    ('EFG 2 R t { "A" }', 1, "expected the game title"),
    ('EFG 2 R "t" { }\nt "" 0\n', 1, "no players"),
    ('EFG 2 R "t" { "A" 3 }\nt "" 0\n', 1, "expected a player name or '}'"),
    (GOOD, 5, "expected a node ('c', 'p' or 't') for action \"b\" of the node at line 4"),
    (HEAD + 'c "" 1 "" { "a" { } 0\n', 3, "expected a number after action \"a\", got '{'"),
    (HEAD + 'p "" 3 1 "s" { "a" } 0\nt "" 0\n', 3, "player number 3 is out of range"),
    (HEAD + 'p "" 0 1 "s" { "a" } 0\nt "" 0\n', 3, "player number must be an integer >= 1"),
    (HEAD + 'p "" 1 1.5 "s" { "a" } 0\nt "" 0\n', 3, "must be an integer"),
    (HEAD + 't "" 1 "o" { 1 }\n', 3, "outcome 1 has 1 payoffs, expected 2"),
    (HEAD + 't "" 1 "o" { 1 2 3 }\n', 3, "more than 2 payoffs"),
    (HEAD + 't "" 1 "o" { 1 "x" }\n', 3, "expected a payoff"),
    (HEAD + 't "" 1 "o" { 1 2 }\nt "" 0\n', 4, "unexpected 't' after the end of the tree"),
    (HEAD + 't "" 1 "o" { 1 2 }\n}\n', 4, "after the end of the tree"),
    (HEAD + 't "" 0 "o" { 1 2 }\n', 3, "outcome 0 (no outcome) cannot have"),
    (
        HEAD + 'p "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\nt "" 2\n',
        5,
        "outcome 2 is referenced before",
    ),
    (
        HEAD + 'p "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\nt "" 1 "o" { 1 3 }\n',
        5,
        "outcome 1 is redefined",
    ),
    (HEAD + 'p "" 1 1 0\n', 3, "information set 1 of player 1 is used before"),
    (HEAD + 'c "" 1 "" { "L" 1/2 "R" 1/3 } 0\nt "" 0\nt "" 0\n', 3, "sum to 5/6, not exactly 1"),
    (HEAD + 'c "" 1 "" { "L" 3/2 "R" -1/2 } 0\nt "" 0\nt "" 0\n', 3, "outside [0, 1]"),
    (HEAD + 'c "" 1 "" { "L" 1/0 } 0\nt "" 0\n', 3, "zero denominator"),
    (HEAD + 't "" 1 "o" { 1e99999 2 }\n', 3, "exponent of '1e99999' is beyond"),
    (HEAD + 'c "" 1 "" { "L" 1/2x } 0\nt "" 0\n', 3, "malformed number '1/2x'"),
    (HEAD + 'p "" 1 1 "s" { } 0\n', 3, "has no actions"),
    (HEAD + 'p "" 1 1 "s" { a } 0\n', 3, "expected an action label"),
    (
        HEAD + 'p "" 1 1 "s" { "a" "b" } 0\np "" 1 1 "s" { "a" } 0\nt "" 0\nt "" 0\n',
        4,
        "has actions ['a'] here but ['a', 'b'] at line 3",
    ),
    (
        HEAD + 'p "" 1 1 "s" { "a" "b" } 0\np "" 1 1 "z" { "a" "b" } 0\n',
        4,
        'labelled "z" here but "s" at line 3',
    ),
    (
        HEAD + 'c "" 1 "" { "L" 1/2 "R" 1/2 } 0\nc "" 1 "" { "L" 1/3 "R" 2/3 } 0\n',
        4,
        "has probabilities",
    ),
    (HEAD + 'p "n" 1 1 "s" { "a" "b" } 0\nt "n" 0\n', 4, 'node label "n" is already used'),
    (HEAD + 'p "caf\u00e9" 1 1 "s" { "a" } 0\nt "" 0\n', 3, "outside printable ASCII"),
    (HEAD + 'p "" 1 1 "s" { "a\\b" } 0\nt "" 0\n', 3, "backslash"),
    (HEAD + 'p "" 1 1 "s" { "a" } 0\nt "unterminated 0\n', 4, "unterminated string"),
    (HEAD + 'x "" 0\n', 3, "expected a node ('c', 'p' or 't') for the root, got 'x'"),
    (HEAD + "t 1 0\n", 3, "expected a node label"),
    (HEAD + 'p "" 1 1 "s" { "a" } 0\nt ""', 4, "expected an outcome number"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), BAD_CASES)
def test_malformed_input_names_the_line(text, line, fragment):
    with pytest.raises(EfgError) as exc:
        read_efg(text, source="game.efg")
    err = exc.value
    assert fragment in str(err)
    assert err.line == line, str(err)
    assert err.source == "game.efg"
    assert str(err).startswith(f"game.efg:{line}: ")


def test_error_message_format():
    with pytest.raises(EfgError) as exc:
        read_efg(HEAD + 'c "" 1 "" { "a" { } 0\n', source="game.efg")
    assert str(exc.value) == "game.efg:3: expected a number after action \"a\", got '{'"
    assert isinstance(exc.value, ValueError)


# ---------------------------------------------------------------- fuzz: only EfgError

SAMPLE = (FIXTURES / "3_player_with_nonterm_outcomes.efg").read_text()
PIECES = [
    "{",
    "}",
    ",",
    '"',
    "\\",
    "0",
    "-1",
    "1/2",
    "1/0",
    "e",
    ".",
    "p",
    "c",
    "t",
    '""',
    "\n",
    " ",
    "99",
    "1e",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_input_raises_only_efg_error(data):
    text = SAMPLE
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["cut", "delete", "insert", "truncate"]))
        if op == "truncate":
            text = text[:i]
        elif op == "delete":
            j = data.draw(st.integers(i, min(len(text), i + 8)))
            text = text[:i] + text[j:]
        else:
            text = text[:i] + data.draw(st.sampled_from(PIECES)) + text[i:]
    try:
        game = read_efg(text)
    except EfgError as exc:
        assert exc.line >= 1
    else:
        assert write_efg(read_efg(write_efg(game))) == write_efg(game)


def test_garbage_collector_state_is_restored():
    import gc

    good = 'EFG 2 R "" { "A" }\n""\nt "" 1 "o" { 1 }\n'
    assert gc.isenabled()
    read_efg(good)
    assert gc.isenabled()
    with pytest.raises(EfgError):
        read_efg(good + "junk")
    assert gc.isenabled()
    gc.disable()
    try:
        read_efg(good)
        assert not gc.isenabled()
    finally:
        gc.enable()
