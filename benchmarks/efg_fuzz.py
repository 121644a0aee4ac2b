"""Differential fuzzing of the ``.efg`` reader against Gambit 16.7's own reader.

Run ``python benchmarks/efg_fuzz.py --count 20000 --seed 1`` (outside CI: a few minutes).
Seeded mutants of the Gambit sample files in ``tests/fixtures/efg/`` and of small generated
games (digit, sign, slash, exponent, decimal-point, quote, brace, whitespace -- Unicode too --
deletion, duplication and token mutations) are read by :func:`gametrees.efg.read_efg` in
this process and by ``pygambit.read_efg`` in worker processes, many mutants per worker; a
worker that crashes or hangs is replaced, and the mutant it was reading is read again
alone in a fresh process to classify it. Prints the counts: our reader's crashes (any
exception but ``EfgError``) and hangs, games both read differently, games only our reader
reads, games only Gambit reads by the reason our reader gives (a key of
:data:`gametrees.efg.reader.STRICTNESS`, or *undocumented*), and Gambit's own crashes and
hangs. Exits 1 if any mutant is a failure (see :data:`FAILURES`).

``tests/efg/test_differential.py`` runs the same harness on a few hundred mutants.

Two games are the same when their :func:`canonical` forms are equal: players, title,
comment, and in pre-order every node's kind, label, actions, chance probabilities,
payoffs, outcome label, player, and the player's information set numbered by first
appearance (the partition, not the set's name). Gambit's game is taken through
:func:`gametrees.gambit.from_pygambit`, whose numbers are pygambit's exact conversions of
Gambit's number texts. Chance sets are compared by label only (the model gives each
unlabelled chance node its own set; see :mod:`gametrees.efg.reader`).
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import pickle
import random
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "efg"

#: Seconds a reader may take on one mutant before it counts as hung.
TIMEOUT = 20.0

#: Outcome classes that are failures of our reader.
FAILURES = ("ours-crash", "ours-hang", "different", "ours-only", "gambit-only:undocumented")


# --------------------------------------------------------------------------- canonical form


def _num(v: Any) -> tuple[int, int]:
    f = Fraction(v)
    return (f.numerator, f.denominator)


def canonical(game: Any) -> tuple:
    """A form of a :class:`gametrees.tree.Game` equal for the same game however its
    information sets are named (ints and strings only: it pickles whatever its size)."""
    from gametrees.tree import Chance, Terminal

    set_index: dict[tuple[str, str], int] = {}
    per_player: collections.Counter[str] = collections.Counter()
    nodes: list[tuple] = []
    stack = [game.root]
    while stack:
        node = stack.pop()
        if type(node) is Terminal:
            nodes.append(("t", node.label, node.outcome, tuple(map(_num, node.payoffs))))
            continue
        if type(node) is Chance:
            probs = tuple(map(_num, node.probs))
            nodes.append(("c", node.label, node.infoset, node.actions, probs))
        else:
            key = (node.player, node.infoset)
            if key not in set_index:
                set_index[key] = per_player[node.player]
                per_player[node.player] += 1
            nodes.append(("p", node.label, node.player, set_index[key], node.actions))
        stack.extend(reversed(node.children))
    return (tuple(game.players), game.title, _comment(game.comment), tuple(nodes))


def _comment(text: str) -> str | tuple[str]:
    # pygambit 16.7 decodes the comment as ASCII (and fails on anything else): compare
    # non-ASCII comments only as such
    return text if text.isascii() else ("non-ASCII",)


# --------------------------------------------------------------------------- Gambit worker


def _send(stream: Any, obj: Any) -> None:
    data = pickle.dumps(obj)
    stream.write(struct.pack("<I", len(data)) + data)
    stream.flush()


def _recv_exact(stream: Any, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def gambit_read(text: str) -> tuple:
    """What Gambit 16.7 reads from ``text``: ``("ok", canonical form)``, ``("err", message)``,
    or ``("unconvertible", message)`` when Gambit reads it but its game cannot be put in
    the model's terms (e.g. a payoff text pygambit's own conversion refuses)."""
    import pygambit

    from gametrees.gambit import from_pygambit

    try:
        g = pygambit.read_efg(io.StringIO(text))
    except Exception as exc:
        return ("err", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        non_ascii = False
        try:
            g.description  # noqa: B018 - pygambit decodes it as ASCII
        except UnicodeDecodeError:
            g.description, non_ascii = "", True
        form = canonical(from_pygambit(g, check=False))
        if non_ascii:
            form = (form[0], form[1], ("non-ASCII",), form[3])
        return ("ok", form)
    except Exception as exc:
        return ("unconvertible", f"{type(exc).__name__}: {str(exc)[:200]}")


def worker_main() -> int:
    """Read length-prefixed pickled texts from stdin, write Gambit's readings to stdout."""
    try:
        import resource

        limit = 4 * 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform dependent
        pass
    sys.set_int_max_str_digits(0)  # pygambit converts numbers through str
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    _send(stdout, ("ready",))
    while True:
        head = _recv_exact(stdin, 4)
        if head is None:
            return 0
        (n,) = struct.unpack("<I", head)
        data = _recv_exact(stdin, n)
        if data is None:
            return 0
        try:
            result = gambit_read(pickle.loads(data))
        except BaseException as exc:  # a harness error must not look like a Gambit crash
            result = ("unconvertible", f"harness: {type(exc).__name__}: {exc}")
        _send(stdout, result)


class _Worker:
    """One worker process reading a queue of texts; results come back one at a time."""

    def __init__(self, texts: Sequence[str]) -> None:
        env = dict(os.environ, PYTHONHASHSEED="0")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.buffer = b""
        self.dead = False
        self.feeder = threading.Thread(target=self._feed, args=(list(texts),), daemon=True)
        self.feeder.start()

    def _feed(self, texts: list[str]) -> None:
        try:
            for text in texts:
                _send(self.proc.stdin, text)
            self.proc.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass

    def result(self, timeout: float) -> tuple | None:
        """The next result, or ``None`` if the worker took longer than ``timeout`` or died
        (then :attr:`dead` is true)."""
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buffer) >= 4:
                (n,) = struct.unpack("<I", self.buffer[:4])
                if len(self.buffer) >= 4 + n:
                    data, self.buffer = self.buffer[4 : 4 + n], self.buffer[4 + n :]
                    return pickle.loads(data)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                self.dead = True
                return None
            self.buffer += chunk

    def close(self) -> int | None:
        """Stop the worker; its exit status (negative: killed by that signal)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        return self.proc.returncode


def _alone(text: str, timeout: float) -> tuple:
    """Read one text in a fresh worker: its result, ``("crash", status)`` or ``("hang",)``."""
    w = _Worker([text])
    try:
        if w.result(timeout + 30) is None:  # the "ready" line (imports)
            return ("crash", w.close())
        res = w.result(timeout)
        if res is not None:
            return res
        if not w.dead:
            return ("hang",)
        return ("crash", w.proc.wait())
    finally:
        w.close()


def gambit_read_many(texts: Sequence[str], timeout: float = TIMEOUT) -> list[tuple]:
    """Gambit's reading of every text, batched in worker processes; a text on which a
    worker crashes or hangs is read again alone (``("crash", status)``, ``("hang",)``)."""
    results: list[tuple] = []
    while len(results) < len(texts):
        start = len(results)
        w = _Worker(texts[start:])
        try:
            if w.result(timeout + 30) is None:  # "ready": the worker could not start
                raise RuntimeError("the pygambit worker did not start")
            while len(results) < len(texts):
                res = w.result(timeout)
                if res is None:
                    break
                results.append(res)
        finally:
            w.close()
        if len(results) < len(texts):
            results.append(_alone(texts[len(results)], timeout))
    return results


# --------------------------------------------------------------------------- our reader


class _Timeout(Exception):
    pass


def ours_read(text: str, timeout: float = TIMEOUT) -> tuple:
    """What our reader does with ``text``: ``("ok", canonical form)``,
    ``("err", strictness, message)``, ``("crash", traceback)`` or ``("hang",)``."""
    from gametrees.efg import EfgError, read_efg

    def alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    use_alarm = threading.current_thread() is threading.main_thread()
    if use_alarm:
        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            game = read_efg(text)
        except EfgError as exc:
            return ("err", exc.strictness, str(exc))
        return ("ok", canonical(game))
    except _Timeout:
        return ("hang",)
    except Exception:
        return ("crash", traceback.format_exc(limit=6))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def classify(ours: tuple, gambit: tuple) -> str:
    """The outcome class of one mutant (a key of the counts; see :data:`FAILURES`)."""
    if ours[0] == "crash":
        return "ours-crash"
    if ours[0] == "hang":
        return "ours-hang"
    if gambit[0] in ("crash", "hang"):
        return f"gambit-{gambit[0]}:ours-{'reads' if ours[0] == 'ok' else 'refuses'}"
    if ours[0] == "ok":
        if gambit[0] == "ok":
            return "same" if ours[1] == gambit[1] else "different"
        if gambit[0] == "unconvertible":
            return "different"
        return "ours-only"
    if gambit[0] == "err":
        return "both-refuse"
    from gametrees.efg.reader import STRICTNESS

    reason = ours[1] if ours[1] in STRICTNESS else "undocumented"
    return f"gambit-only:{reason}"


# --------------------------------------------------------------------------- seeds


def generated_game(rng: random.Random) -> Any:
    """A small random valid game: 1-3 players, chance, shared information sets, labels."""
    from gametrees.tree import Chance, Decision, Game, Terminal

    nplayers = rng.randint(1, 3)
    players = rng.sample(["P1", "P2", "P 3", "Alice", "B_1", "x"], nplayers)
    sets: dict[str, list[tuple[str, tuple[str, ...]]]] = {p: [] for p in players}
    outcomes: dict[str, tuple[Fraction, ...]] = {}
    counter = iter(range(1_000_000))
    values = [
        Fraction(0),
        Fraction(1),
        Fraction(-2),
        Fraction(1, 3),
        Fraction(5, 2),
        Fraction(-7, 4),
    ]

    def payoffs() -> tuple[Fraction, ...]:
        return tuple(rng.choice(values) for _ in players)

    def node_label() -> str:
        return f"n{next(counter)}" if rng.random() < 0.3 else ""

    def make(depth: int) -> Any:
        r = rng.random()
        if depth >= 3 or r < 0.25:
            if outcomes and rng.random() < 0.2:
                name = rng.choice(list(outcomes))
                return Terminal(outcomes[name], label=node_label(), outcome=name)
            name = rng.choice(["", f"o{next(counter)}", f"out {next(counter)}"])
            pays = payoffs()
            if name:
                outcomes[name] = pays
            return Terminal(pays, label=node_label(), outcome=name)
        if r < 0.4:
            k = rng.randint(1, 3)
            weights = [rng.randint(0, 4) for _ in range(k)]
            if not sum(weights):
                weights[0] = 1
            probs = tuple(Fraction(w, sum(weights)) for w in weights)
            acts = tuple(rng.sample(["L", "R", "M", "up", "a b"], k))
            kids = tuple(make(depth + 1) for _ in range(k))
            return Chance(acts, probs, kids, label=node_label())
        player = rng.choice(players)
        if sets[player] and rng.random() < 0.4:
            name, acts = rng.choice(sets[player])
        else:
            k = rng.randint(1, 3)
            acts = tuple(rng.sample(["a", "b", "c", "x y", "1"], k))
            name = f"{player}-s{len(sets[player]) + 1}"
            sets[player].append((name, acts))
        kids = tuple(make(depth + 1) for _ in acts)
        return Decision(player, name, acts, kids, label=node_label())

    return Game(tuple(players), make(0), title=rng.choice(["", "g", "A game"]), comment="c")


#: Gambit's features our writer does not produce: data given once and referenced by number,
#: outcomes on inner nodes, decimals and exponents, no commas, the D format.
HANDMADE = """EFG 2 D "features" { "P1" "P2" }
"a comment with \\"quotes\\""

c "root" 1 "nature" { "H" 0.25 "T" .75 } 0
p "" 1 1 "s1" { "a" "b" } 1 "inner" { 1e1, -2.5E-1 }
p "" 2 1 "" { "x" "y" } 0
t "" 2 "o2" { 1/3 -0 }
t "" 3 "o3" { 5. 1e-3 }
t "" 2
p "" 1 1 0
p "" 2 1 0
t "" 3
t "" 4 "" { 00 007 }
t "" 0
"""


def seeds(rng: random.Random, generated: int = 8) -> list[str]:
    """The texts mutants are made from."""
    from gametrees.efg import write_efg

    out = [p.read_text() for p in sorted(FIXTURES.glob("*.efg"))]
    out.append(HANDMADE)
    for i in range(generated):
        out.append(write_efg(generated_game(rng), infoset_labels=i % 2 == 0))
    return out


# --------------------------------------------------------------------------- mutations

UNICODE_WS = ["\u00a0", "\u2003", "\u3000", "\x85", "\u2028", "\u200b", "\ufeff", "\u1680"]
ASCII_WS = [" ", "\t", "\n", "\r", "\v", "\f", "\r\n"]
UNICODE_DIGITS = ["\u0663", "\uff13", "\u00b2", "\u0967", "\u2167"]
# fmt: off
VOCABULARY = [
    "c", "p", "t", '"c"', '"t"', '""', '"x"', "0", "1", "2", "3", "-0", "+1", "-1", "00",
    "01", "2147483647", "2147483648", "4294967297", "99999999999", "1e5", "2/2", "10/5",
    "0.5", ".5", "5.", "-.5e1", "-", ".", "-/2", "1e-", "1e+5", "{", "}", ",", "EFG", "R",
    "D", '"Chance"', '" a"', '"a  b"', '"a b"', '"caf\u00e9"', '"a\tb"', '"a\\"b"', '"a\\b"',
    "9" * 5000, "1" + "0" * 4400, "1/" + "3" * 4400, "1e1000", "1e1001", "1e5000",
]
# fmt: on
#: Rare tokens that make Gambit slow (seconds) or hang: only with ``--slow``.
SLOW_VOCABULARY = ["1e99999", "1e999999999"]


def _spans(text: str) -> list[tuple[int, int]]:
    """Token spans of ``text`` (by our tokenizer; any split will do for mutating)."""
    from gametrees.efg.reader import _LEX

    return [m.span(1) for m in _LEX.finditer(text) if m.end(1) > m.start(1)]


def mutate(text: str, rng: random.Random, *, slow: bool = False) -> str:
    """``text`` with one to three random mutations."""
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        text = _mutate_once(text, rng, slow)
    return text


def _mutate_once(text: str, rng: random.Random, slow: bool) -> str:
    spans = _spans(text) or [(0, 0)]
    numbers = [s for s in spans if text[s[0] : s[0] + 1] in "-+.0123456789" and s[1] > s[0]]
    strings = [s for s in spans if text[s[0] : s[0] + 1] == '"']
    # fmt: off
    op = rng.choice(
        [
            "digit", "digit", "sign", "slash", "exponent", "decimal", "quote", "brace",
            "ws-delete", "ws-insert", "ws-unicode", "delete-span", "delete-token",
            "delete-line", "dup-token", "dup-line", "dup-span", "vocab", "vocab",
            "copy-string", "truncate", "swap-tokens", "swap-lines", "unicode-digit",
        ]
    )
    # fmt: on
    n = len(text)
    pos = rng.randint(0, n)
    if op == "digit":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if digits:
            i = rng.choice(digits)
            return text[:i] + rng.choice("0123456789") + text[i + 1 :]
    elif op == "unicode-digit":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if digits:
            i = rng.choice(digits)
            return text[:i] + rng.choice(UNICODE_DIGITS) + text[i + 1 :]
    elif op == "sign" and numbers:
        a, b = rng.choice(numbers)
        if text[a] in "-+" and rng.random() < 0.5:
            return text[:a] + text[a + 1 :]
        return text[:a] + rng.choice("-+") + text[a:]
    elif op == "slash" and numbers:
        a, b = rng.choice(numbers)
        tok = text[a:b]
        den = rng.choice([tok.lstrip("-+"), "0", "1", "2", "5", "00", ""])
        return text[:b] + "/" + den + text[b:]
    elif op == "exponent" and numbers:
        a, b = rng.choice(numbers)
        ext = ["e5", "E1", "e-2", "e+3", "e", "e-", "e0", "E-0", "e1000", "e1001", "e5000"]
        if slow:
            ext += ["e99999", "e999999999"]
        return text[:b] + rng.choice(ext) + text[b:]
    elif op == "decimal" and numbers:
        a, b = rng.choice(numbers)
        i = rng.randint(a, b)
        return text[:i] + "." + text[i:]
    elif op == "quote":
        choice = rng.choice(['"', '"', '\\"', "\\", "\\\\"])
        if rng.random() < 0.3:
            quotes = [i for i, ch in enumerate(text) if ch == '"']
            if quotes:
                i = rng.choice(quotes)
                return text[:i] + text[i + 1 :]
        return text[:pos] + choice + text[pos:]
    elif op == "brace":
        if rng.random() < 0.4:
            marks = [i for i, ch in enumerate(text) if ch in "{},"]
            if marks:
                i = rng.choice(marks)
                return text[:i] + text[i + 1 :]
        return text[:pos] + rng.choice("{},") + text[pos:]
    elif op == "ws-delete":
        ws = [i for i, ch in enumerate(text) if ch in " \t\n"]
        if ws:
            i = rng.choice(ws)
            j = i
            while j < n and text[j] in " \t\r\n":
                j += 1
            return text[:i] + text[j:]
    elif op == "ws-insert":
        return text[:pos] + rng.choice(ASCII_WS) + text[pos:]
    elif op == "ws-unicode":
        ws = [i for i, ch in enumerate(text) if ch == " "]
        if ws and rng.random() < 0.7:
            i = rng.choice(ws)
            return text[:i] + rng.choice(UNICODE_WS) + text[i + 1 :]
        return text[:pos] + rng.choice(UNICODE_WS) + text[pos:]
    elif op == "delete-span":
        return text[:pos] + text[pos + rng.randint(1, 12) :]
    elif op == "delete-token":
        a, b = rng.choice(spans)
        return text[:a] + text[b:]
    elif op == "delete-line":
        lines = text.split("\n")
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)
    elif op == "dup-token":
        a, b = rng.choice(spans)
        return text[:b] + " " + text[a:b] + text[b:]
    elif op == "dup-line":
        lines = text.split("\n")
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)
    elif op == "dup-span":
        k = rng.randint(1, 20)
        return text[: pos + k] + text[pos : pos + k] + text[pos + k :]
    elif op == "vocab":
        a, b = rng.choice(spans)
        vocab = VOCABULARY + (SLOW_VOCABULARY if slow else [])
        return text[:a] + rng.choice(vocab) + text[b:]
    elif op == "copy-string" and len(strings) > 1:
        (a, b), (c, d) = rng.sample(strings, 2)
        return text[:c] + text[a:b] + text[d:] if c > b else text[:a] + text[c:d] + text[b:]
    elif op == "truncate":
        return text[:pos]
    elif op == "swap-tokens" and len(spans) > 1:
        k = rng.randrange(len(spans) - 1)
        (a, b), (c, d) = spans[k], spans[k + 1]
        return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    elif op == "swap-lines":
        lines = text.split("\n")
        if len(lines) > 1:
            i = rng.randrange(len(lines) - 1)
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            return "\n".join(lines)
    # the chosen mutation did not apply: insert a random character
    return text[:pos] + rng.choice('{}",./-+e0123 \n') + text[pos:]


def mutants(count: int, seed: int, *, slow: bool = False) -> Iterator[str]:
    """``count`` seeded mutants of :func:`seeds` (every tenth one unmutated-but-one-op)."""
    rng = random.Random(seed)
    base = seeds(rng)
    for _ in range(count):
        yield mutate(rng.choice(base), rng, slow=slow)


# --------------------------------------------------------------------------- run


@dataclass
class Report:
    """The outcome of a run: counts per class, and examples of every class."""

    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    examples: dict[str, list[tuple[str, tuple, tuple]]] = field(default_factory=dict)
    seconds_ours: float = 0.0
    seconds_gambit: float = 0.0

    def failures(self) -> dict[str, int]:
        return {k: v for k, v in self.counts.items() if k in FAILURES}

    def format(self) -> str:
        lines = [
            f"mutants: {sum(self.counts.values())}  (our reader {self.seconds_ours:.1f} s, "
            f"Gambit workers {self.seconds_gambit:.1f} s)"
        ]
        for key in ("ours-crash", "ours-hang", "different", "ours-only"):
            lines.append(f"  {key:34s} {self.counts.get(key, 0)}")
        for key in ("same", "both-refuse"):
            lines.append(f"  {key:34s} {self.counts.get(key, 0)}")
        gambit_only = sorted(k for k in self.counts if k.startswith("gambit-only:"))
        lines.append(
            f"  {'gambit-only (by our reason)':34s} {sum(self.counts[k] for k in gambit_only)}"
        )
        for key in gambit_only:
            lines.append(f"    {key.split(':', 1)[1]:32s} {self.counts[key]}")
        for key in sorted(
            k for k in self.counts if k.startswith("gambit-crash") or k.startswith("gambit-hang")
        ):
            lines.append(f"  {key:34s} {self.counts[key]}")
        return "\n".join(lines)


def run(texts: Sequence[str], *, timeout: float = TIMEOUT, keep: int = 3) -> Report:
    """Read every text with both readers and classify it."""
    report = Report()
    start = time.perf_counter()
    ours = [ours_read(t, timeout) for t in texts]
    report.seconds_ours = time.perf_counter() - start
    start = time.perf_counter()
    theirs = gambit_read_many(texts, timeout)
    report.seconds_gambit = time.perf_counter() - start
    for text, a, b in zip(texts, ours, theirs, strict=True):
        key = classify(a, b)
        report.counts[key] += 1
        examples = report.examples.setdefault(key, [])
        if len(examples) < keep:
            examples.append((text, a, b))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per mutant")
    ap.add_argument(
        "--slow", action="store_true", help="also huge exponents (Gambit takes seconds or hangs)"
    )
    ap.add_argument("--show", action="store_true", help="print an example of every failure")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker_main()
    sys.path.insert(0, str(ROOT))
    texts = list(mutants(args.count, args.seed, slow=args.slow))
    report = run(texts, timeout=args.timeout)
    print(f"seed {args.seed}, --count {args.count}{' --slow' if args.slow else ''}")
    print(report.format())
    if args.show or report.failures():
        for key in report.failures():
            for text, a, b in report.examples[key]:
                print(f"--- {key}\n{text!r}\nours: {str(a)[:300]}\ngambit: {str(b)[:300]}")
    return 1 if report.failures() else 0


if __name__ == "__main__":
    raise SystemExit(main())
