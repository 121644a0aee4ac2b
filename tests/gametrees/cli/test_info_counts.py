"""``gametrees info`` on games whose strategic form is astronomically large: the count is
shown by its magnitude, never converted to a string of thousands of digits."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gametrees.cli import app
from gametrees.cli.solve import EXACT_JSON_DIGITS, _digits, count_json, count_text
from gametrees.efg import write_efg_file
from gametrees.tree import Chance, Decision, Game, Terminal

runner = CliRunner()


@pytest.fixture
def huge_file(tmp_path: Path) -> Path:
    # one player, Nature's 16,000 draws each above its own binary information set: 2^16000
    # reduced pure strategies (16000 * log10(2) = 4816.5, so 4,817 digits), beyond Python's
    # 4,300-digit int-to-string limit
    leaf = Terminal((F(0),))
    sets = tuple(Decision("A", f"s{i}", ("l", "r"), (leaf, leaf)) for i in range(16_000))
    root = Chance(tuple(f"a{i}" for i in range(len(sets))), (F(1, len(sets)),) * len(sets), sets)
    path = tmp_path / "huge.efg"
    write_efg_file(Game(("A",), root), path)
    return path


def test_info_prints_a_huge_count_by_its_magnitude(huge_file):
    result = runner.invoke(app, ["info", str(huge_file)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # the console wraps long lines
    assert "about 10^4816 (4817 digits) pure-strategy profiles" in text
    assert "enumpure" not in text.split("solvers that apply:")[1]  # too large for it


def test_info_json_gives_a_huge_count_as_a_magnitude_string(huge_file):
    result = runner.invoke(app, ["info", str(huge_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["strategy_profiles"] == "about 10^4816"
    assert data["strategy_profiles_digits"] == 4817


def test_count_formatting():
    assert count_text(98304) == "98304" and count_json(98304) == 98304
    assert count_text(10**30 - 1) == "9" * 30
    assert count_text(123 * 10**40) == "about 1.2 x 10^42 (43 digits)"
    big = 10 ** (EXACT_JSON_DIGITS - 1)
    assert count_json(big) == big
    assert count_json(big * 10) == f"about 10^{EXACT_JSON_DIGITS}"
    for n in (1, 9, 10, 10**18 - 1, 10**18, 10**5000 - 1, 10**5000):
        assert _digits(n) == len(str(n)) if n < 10**4000 else _digits(n) in (5000, 5001)
    assert (_digits(10**5000 - 1), _digits(10**5000)) == (5000, 5001)
