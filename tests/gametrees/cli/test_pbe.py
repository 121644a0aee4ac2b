"""``gametrees pbe``: every PBE of any game from the command line, and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

from modules import EFG_FIXTURES
from typer.testing import CliRunner

from gametrees.cli import app

runner = CliRunner()


def test_beer_quiche_pbe_json(tmp_path: Path):
    """Derived (Cho & Kreps 1987): with p_strong = 9/10 exactly the two pooling paths; the
    receiver duels after the unused breakfast, which a belief of weak >= 1/2 supports, i.e.
    strong in [0, 1/2]; quiche pooling fails the intuitive criterion."""
    out = tmp_path / "bq.json"
    res = runner.invoke(app, ["pbe", "beer_quiche", "--json", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["complete"] is True
    paths = doc["equilibria"]
    assert len(paths) == 2
    by_food = {}
    for eq in paths:
        names = {v: k for k, v in eq["infoset_names"].items()}
        food = next(a for a, p in eq["behavior"][names["Sender strong"]].items() if p == "1")
        by_food[food] = eq
        off = "quiche" if food == "beer" else "beer"
        assert eq["beliefs"][names[f"Receiver after {off}"]] == {"interval": ["0", "1/2"]}
    assert by_food["quiche"]["refinements"]["intuitive criterion"]["status"] == "fails"
    assert by_food["beer"]["refinements"]["intuitive criterion"]["status"] == "survives"
    assert "PBE path" in res.output and "complete" in res.output


def test_refusals_exit_2_with_the_reason(tmp_path: Path):
    res = runner.invoke(app, ["pbe", str(EFG_FIXTURES / "bayes2a.efg"), "--max-profiles", "10"])
    assert (
        res.exit_code == 2
        and "refused before solving" in res.output
        and "Traceback" not in res.output
    )
