"""Differential fuzzing: our ``.efg`` reader against Gambit 16.7's, on seeded mutants.

The harness is ``benchmarks/efg_fuzz.py`` (which runs 20,000 mutants outside CI); here a
few hundred. Gambit reads in worker processes, so a crash or hang of Gambit is survived
(and classified); our reader runs in this process under an alarm.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from gametrees.efg.reader import STRICTNESS

HARNESS = Path(__file__).resolve().parents[2] / "benchmarks" / "efg_fuzz.py"


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("efg_fuzz", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("efg_fuzz", module)
    spec.loader.exec_module(module)
    return module


def _explain(report) -> str:
    lines = [report.format()]
    for key in report.failures():
        for text, ours, theirs in report.examples[key]:
            lines.append(
                f"--- {key}\n{text!r}\nours: {str(ours)[:400]}\ngambit: {str(theirs)[:400]}"
            )
    return "\n".join(lines)


@pytest.mark.parametrize("seed", [11, 12])
def test_mutants_read_alike_or_refused_for_a_documented_reason(fuzz, seed):
    texts = list(fuzz.mutants(400, seed))
    report = fuzz.run(texts, keep=2)
    # never a crash (only EfgError), never a hang, never a different game, never a game
    # only we read; every game only Gambit reads is refused for a documented reason
    assert not report.failures(), _explain(report)
    for key in report.counts:
        if key.startswith("gambit-only:"):
            assert key.split(":", 1)[1] in STRICTNESS
    # the mutants exercise every outcome that matters
    assert report.counts["same"] >= 20, report.format()
    assert report.counts["both-refuse"] >= 100, report.format()
    assert sum(v for k, v in report.counts.items() if k.startswith("gambit-only:")) >= 10


def test_every_seed_is_read_alike(fuzz):
    import random

    texts = fuzz.seeds(random.Random(5))
    report = fuzz.run(texts)
    assert report.counts["same"] == len(texts), _explain(report)


def test_classification(fuzz):
    ok = ("ok", ("form",))
    assert fuzz.classify(ok, ok) == "same"
    assert fuzz.classify(ok, ("ok", ("other",))) == "different"
    assert fuzz.classify(ok, ("err", "m")) == "ours-only"
    assert fuzz.classify(("err", None, "m"), ("err", "m")) == "both-refuse"
    assert fuzz.classify(("err", "title", "m"), ok) == "gambit-only:title"
    assert fuzz.classify(("err", None, "m"), ok) == "gambit-only:undocumented"
    assert fuzz.classify(("err", "no-such-key", "m"), ok) == "gambit-only:undocumented"
    assert fuzz.classify(("crash", "tb"), ok) == "ours-crash"
    assert fuzz.classify(("hang",), ok) == "ours-hang"
    assert fuzz.classify(ok, ("crash", -11)) == "gambit-crash:ours-reads"
    assert set(fuzz.FAILURES) >= {"different", "ours-only", "ours-crash", "ours-hang"}


def test_a_gambit_crash_or_hang_does_not_stop_the_batch(fuzz):
    small = 'EFG 2 R "" { "A" }\n""\nt "" 1 "o" { 1 }\n'
    # Gambit's reader recurses per level: a 20,000-deep chain overflows its stack
    deep = ['EFG 2 R "" { "A" }', '""']
    deep += [f'p "" 1 {i + 1} "" {{ "go" "stop" }} 0' for i in range(20_000)]
    deep += ['t "" 1 "end" { 1 }'] + ['t "" 0'] * 20_000
    # an exponent of a billion: Gambit multiplies by ten a billion times
    slow = 'EFG 2 R "" { "A" }\n""\nt "" 1 "o" { 1e999999999 }\n'
    texts = [small, "\n".join(deep) + "\n", small, slow, small]
    results = fuzz.gambit_read_many(texts, timeout=2)
    assert results[0][0] == results[2][0] == results[4][0] == "ok"
    assert results[1][0] == "crash" and results[1][1] != 0
    assert results[3] == ("hang",)
    # our reader reads the deep chain and refuses the exponent, in time
    assert fuzz.ours_read(texts[1])[0] == "ok"
    assert fuzz.ours_read(slow)[:2] == ("err", "exponent-range")
