"""gametrees.efg.reader against Gambit 16.7's reader: the documented strictness (input Gambit
reads and we refuse, each with an example Gambit is shown to read), Gambit's own rules that
we share, exact numbers of any size, and the limits on what is read from a file."""

from __future__ import annotations

import io
import random
from fractions import Fraction as F

import pygambit
import pytest

from gametrees.efg import EfgError, read_efg, read_efg_file, write_efg
from gametrees.efg import reader as efg_reader
from gametrees.efg.reader import MAX_NUMBER_DIGITS, STRICTNESS

HEAD = 'EFG 2 R "t" { "A" "B" }\n""\n'
TREE = HEAD + 'p "" 1 1 "s" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\nt "" 2 "q" { 3 4 }\n'


def gambit(text: str) -> pygambit.Game:
    return pygambit.read_efg(io.StringIO(text))


# ---------------------------------------------------------------- documented strictness

#: key -> (an example Gambit 16.7 reads, the line of our error)
EXAMPLES = {
    # Gambit reads the leading digits: outcome 2, where the old reader read outcome 1
    "index-syntax": (TREE.replace('t "" 2 "q"', 't "" 2/2 "q"'), 5),
    # Gambit's atoi wraps 4294967297 to chance set 1, which the next node then reuses
    "index-range": (HEAD + 'c "" 4294967297 "" { "a" 1 } 0\nc "" 1 0\nt "" 0\n', 3),
    "number-syntax": (HEAD + 't "" 1 "o" { - 2 }\n', 3),  # Gambit: payoff 0
    "glued-number": (HEAD + 't "" 1 "o" { 1.2.3 }\n', 3),  # Gambit: payoffs 1.2 and .3
    "exponent-range": (HEAD + 't "" 1 "o" { 1e5000 2 }\n', 3),
    "node-type": (HEAD + '"t" "" 1 "o" { 1 2 }\n', 3),
    "trailing-text": (HEAD + 't "" 1 "o" { 1 2 }\njunk\n', 4),
    "no-players": ('EFG 2 R "t" { }\n""\nt "" 1 "o" { }\n', 1),
    "backslash": (HEAD + 't "a\\b" 1 "o" { 1 2 }\n', 3),
    "title": ('EFG 2 R "caf\u00e9" { "A" "B" }\n""\nt "" 1 "o" { 1 2 }\n', 1),
}
FILE_ONLY = {"not-utf8", "file-size"}


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_documented_strictness_gambit_reads_we_refuse(key):
    text, line = EXAMPLES[key]
    gambit(text)  # Gambit 16.7 reads it
    with pytest.raises(EfgError) as exc:
        read_efg(text, source="x.efg")
    assert exc.value.strictness == key, str(exc.value)
    assert exc.value.line == line
    assert str(exc.value).startswith(f"x.efg:{line}: ")


def test_number_size_strictness(monkeypatch):
    # Gambit reads numbers of any length (100,001 digits take it 3 s): the bound is ours
    big = "7" * (MAX_NUMBER_DIGITS + 1)
    with pytest.raises(EfgError, match="more than 100000 digits") as exc:
        read_efg(HEAD + f't "" 1 "o" {{ {big} 2 }}\n')
    assert exc.value.strictness == "number-size" and exc.value.line == 3
    # the same rule on a small example, shown to be read by Gambit
    monkeypatch.setattr(efg_reader, "MAX_NUMBER_DIGITS", 5)
    text = HEAD + 't "" 1 "o" { 123456 2 }\n'
    gambit(text)
    with pytest.raises(EfgError) as exc:
        read_efg(text)
    assert exc.value.strictness == "number-size"


def test_not_utf8_strictness(tmp_path):
    path = tmp_path / "latin1.efg"
    path.write_bytes(b'EFG 2 R "t" { "A" }\n"caf\xe9"\nt "" 0\n')
    pygambit.read_efg(str(path))
    with pytest.raises(EfgError, match="not UTF-8") as exc:
        read_efg_file(path)
    assert exc.value.strictness == "not-utf8" and exc.value.line == 2


def test_file_size_strictness(tmp_path):
    path = tmp_path / "game.efg"
    path.write_text(TREE)
    pygambit.read_efg(str(path))
    assert read_efg_file(path, max_bytes=len(TREE)) == read_efg(TREE)
    with pytest.raises(EfgError, match="more than the limit") as exc:
        read_efg_file(path, max_bytes=len(TREE) - 1)
    assert exc.value.strictness == "file-size" and exc.value.source == str(path)


def test_devices_are_refused_without_reading():
    with pytest.raises(EfgError, match="is a device") as exc:
        read_efg_file("/dev/zero")
    assert str(exc.value).startswith("/dev/zero:1: ")


def test_a_pipe_is_read_up_to_the_limit(tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.efg"
    os.mkfifo(fifo)

    def feed(data: bytes) -> None:
        with open(fifo, "wb") as fh:
            try:
                fh.write(data)
            except BrokenPipeError:
                pass

    for data, ok in ((TREE.encode(), True), (b" " * 5000, False)):
        writer = threading.Thread(target=feed, args=(data,))
        writer.start()
        if ok:
            assert read_efg_file(fifo) == read_efg(TREE)
        else:
            with pytest.raises(EfgError, match="more than 100 bytes"):
                read_efg_file(fifo, max_bytes=100)
        writer.join()


def test_every_strictness_is_documented_and_has_an_example():
    assert set(EXAMPLES) | FILE_ONLY | {"number-size"} == set(STRICTNESS)
    doc = efg_reader.__doc__
    for key in STRICTNESS:
        assert f"* ``{key}`` --" in doc, key


# ---------------------------------------------------------------- Gambit's rules, shared

GAMBIT_REFUSES = [
    # (text, fragment of our message): Gambit 16.7 refuses each of these too
    (HEAD + 't "" 1 "o" { +3 2 }\n', "malformed number '+3'"),
    (HEAD + 't "" 1 "o" { 1e+5 2 }\n', "malformed number '1e+5'"),
    (HEAD + 't"" 1 "o" { 1 2 }\n', "expected a node"),  # a symbol runs up to whitespace
    (HEAD + 't\u00a0"" 1 "o" { 1 2 }\n', "expected a node"),  # not whitespace for Gambit
    (
        HEAD + 'p "" 1 1 "s" { "a" "b" } 0\np "" 1 2 "s" { "x" } 0\nt "" 0\nt "" 0\n',
        "set labels must be unique",
    ),
    (
        HEAD + 'c "" 1 "x" { "a" 1/2 "b" 1/2 } 0\nc "" 2 "x" { "a" 1 } 0\nt "" 0\nt "" 0\n',
        "set labels must be unique",
    ),
    (HEAD + 'p "" 1 1 "s" { "a " "b" } 0\nt "" 0\nt "" 0\n', "begins or ends with a space"),
    (HEAD + 'p "a  b" 1 1 "s" { "a" "b" } 0\nt "" 0\nt "" 0\n', "two consecutive spaces"),
    (HEAD + 'p "" 1 1 "s\tt" { "a" "b" } 0\nt "" 0\nt "" 0\n', "outside printable ASCII"),
    ('EFG 2 R "t" { "Chance" "B" }\n""\nt "" 1 "o" { 1 2 }\n', "named 'Chance'"),
    ('EFG 2 R "t" { "x " "y" }\n""\nt "" 1 "o" { 1 2 }\n', "begins or ends with a space"),
    (HEAD + 't "" 1 "o " { 1 2 }\n', "begins or ends with a space"),
    (TREE.replace('t "" 2 "q" { 3 4 }', 't "" 1 "o" { 1.0 2 }'), "redefined"),  # as text
    (
        HEAD + 'c "" 1 "" { "a" 1/2 "b" 1/2 } 0\nc "" 1 "" { "a" 2/4 "b" 1/2 } 0\n'
        't "" 0\nt "" 0\nt "" 0\n',
        "compares them as written",
    ),
    (HEAD + 't "" 99999999999 "o" { 1 2 }\n', "too large"),
    (HEAD + 'p "" 1 1 "s" { "a" "b" } 0\np "" 1 1e5 "s" { "x" } 0\nt "" 0\nt "" 0\n', "digits 0-9"),
]


@pytest.mark.parametrize(("text", "fragment"), GAMBIT_REFUSES)
def test_what_gambit_refuses_we_refuse(text, fragment):
    with pytest.raises(ValueError):
        gambit(text)
    with pytest.raises(EfgError, match=None) as exc:
        read_efg(text)
    assert fragment in str(exc.value)


GAMBIT_READS = [
    TREE.replace('"s" { "a" "b" }', '"s"{"a""b"}').replace("{ 1 2 }", "{1,2}"),  # no spaces
    TREE.replace('p "" 1 1', 'p "" 1 0'),  # information set 0
    TREE.replace(" ", "\v").replace("\n", "\f\r\n"),  # C whitespace
    TREE.replace("{ 1 2 }", "{ 1 2, }"),  # a comma after the last payoff
    TREE.replace('"t" {', '"Chance_1" {').replace('"A" "B"', '"" ""'),  # renamed players
    HEAD + 'p "" 1 1 "s" { "a" "b" } 0\np "" 2 1 "s" { "x" } 0\nt "" 1 "o" { 1 2 }\nt "" 0\n',
    TREE.replace("{ 3 4 }", "{ -0 00.50 }"),
    TREE.replace("{ 3 4 }", "{ 1e-0 -.5e1 }"),
    TREE.replace("{ 3 4 }", "{ 5. 5.E2 }"),
    TREE.replace("{ 3 4 }", "{ 01 1/000003 }"),
    TREE.replace('t "" 1 "o"', 't "" 0001 "o"'),
]


@pytest.mark.parametrize("text", GAMBIT_READS)
def test_what_gambit_reads_we_read_alike(text):
    from gametrees.gambit import from_pygambit

    ours = read_efg(text)
    theirs = from_pygambit(gambit(text))
    # the same game; set names come from the file's numbers here, Gambit's order there
    assert [n.payoffs for n in _terminals(ours)] == [n.payoffs for n in _terminals(theirs)]
    assert ours.players == theirs.players
    assert write_efg(ours) == write_efg(theirs)


def _terminals(game):
    from gametrees.tree import Terminal, iter_nodes

    return [n for _, n in iter_nodes(game) if isinstance(n, Terminal)]


# ---------------------------------------------------------------- numbers


def _gambit_value(number: str) -> F:
    """The payoff Gambit's C++ arithmetic gives ``number`` (not pygambit's text conversion)."""
    g = gambit(f'EFG 2 R "" {{ "A" }}\n""\nt "" 1 "o" {{ {number} }}\n')
    profile = g.mixed_behavior_profile(rational=True)
    return F(str(profile.payoff(next(iter(g.players)))))


def _random_number(rng: random.Random) -> str:
    d = lambda k: "".join(rng.choice("0123456789") for _ in range(rng.randint(1, k)))  # noqa: E731
    sign = rng.choice(["", "-"])
    form = rng.randrange(6)
    if form == 0:
        return sign + d(25)
    if form == 1:
        return f"{sign}{d(12)}/{rng.randint(1, 10**12)}"
    if form == 2:
        return f"{sign}{d(8)}.{rng.choice(['', d(8)])}"
    if form == 3:
        return f"{sign}{d(8)}{rng.choice('eE')}{rng.choice(['', '-'])}{rng.randint(0, 40)}"
    if form == 4:
        return f"{sign}{d(6)}.{d(6)}e{rng.choice(['', '-'])}{rng.randint(0, 40)}"
    return f"-.{d(8)}e{rng.randint(0, 9)}" if sign else f".{d(8)}"


def test_number_values_agree_with_gambits_arithmetic():
    rng = random.Random(7)
    numbers = [_random_number(rng) for _ in range(300)]
    numbers += ["0", "-0", "007", "1/3", "-2/4", ".5", "-.5", "5.", "-5.e-2", "1e1000", "1e-1000"]
    for number in numbers:
        game = read_efg(f'EFG 2 R "" {{ "A" }}\n""\nt "" 1 "o" {{ {number} }}\n')
        assert game.root.payoffs == (_gambit_value(number),), number


def test_numbers_beyond_pythons_int_string_limit_are_read_and_written_exactly():
    num, den = "7" * 60_000, "3" * 4_999 + "1"
    text = 'EFG 2 R "" { "A" }\n""\n\nt "" 1 "o" { ' + f"{num}/{den}" + " }\n"
    game = read_efg(text)
    assert game.root.payoffs[0] == F(7 * (10**60_000 - 1) // 9, (10**5_000 - 1) // 3 - 2)
    assert write_efg(game) == text  # exact, and no ValueError from str()
    prob = "1" + "0" * 5000
    chance = (
        'EFG 2 R "" { "A" }\n""\n\nc "" 1 "" { "a" 1/'
        + prob
        + ' "b" '
        + "9" * 5000
        + "/"
        + prob
        + ' } 0\nt "" 1 "x" { 0 }\nt "" 2 "y" { 1 }\n'
    )
    assert write_efg(read_efg(chance)) == chance


def test_big_number_errors_are_clear():
    half = "1/" + "3" * 5000
    text = HEAD + f'c "" 1 "" {{ "a" {half} "b" {half} }} 0\nt "" 0\nt "" 0\n'
    with pytest.raises(EfgError, match=r"sum to \(a number of about \d+ digits\), not exactly 1"):
        read_efg(text)
