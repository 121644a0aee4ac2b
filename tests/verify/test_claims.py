"""``gametrees check``: a paper's claims as property tests -- the misprint and the
footnote-106 counterexample come out of it, a false claim is caught and shrunk."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction as F
from pathlib import Path

from typer.testing import CliRunner

from gametrees.builders import MODELS
from gametrees.builders.claims import PathClaim
from gametrees.cli import app
from gametrees.verify.claims import check_claims
from gametrees.verify.pbe import solve_pbe
from gametrees.verify.pipeline import find_analysis

runner = CliRunner()
BASELINE, CLIENT, BQ = MODELS["baseline"], MODELS["client"], MODELS["beer_quiche"]


def by_name(report):
    return {r.name: r for r in report.results}


def test_the_misprint_comes_out_of_check():
    """Derived here: the supporter accepts x with the alliance at stake when
    phi*ah*x + ah*pi >= phi*w*ah - k_A + ah*(pi + w) - c + u, i.e. its threshold is
    w - k_A/(phi*ah) + (w*ah + u - c)/(phi*ah) = 71/90 at the defaults; the paper prints
    w*alpha_lo in place of w*alpha_hi, 53/90."""
    only = dataclasses.replace(BASELINE, claims=BASELINE.claims[:4])
    report = check_claims(only, find_analysis(BASELINE), samples=5)
    row = by_name(report)["PE: supporter's lowest acceptable offer, alliance at stake"]
    p = BASELINE.params()
    derived = (
        p.w - p.k_A / (p.phi * p.alpha_hi) + (p.w * p.alpha_hi + p.u - p.c) / (p.phi * p.alpha_hi)
    )
    printed = (
        p.w - p.k_A / (p.phi * p.alpha_hi) + (p.w * p.alpha_lo + p.u - p.c) / (p.phi * p.alpha_hi)
    )
    assert (derived, printed) == (F(71, 90), F(53, 90))
    assert row.verdict == "DISAGREES" and "printed 53/90, derived 71/90" in row.detail
    assert [r.verdict for r in report.results[:3]] == ["agrees"] * 3


def test_footnote_106_counterexample_comes_out_of_check_and_is_independently_confirmed():
    claims = tuple(c for c in CLIENT.claims if c.name.startswith("Footnote 106"))
    model = dataclasses.replace(CLIENT, claims=claims)
    [row] = check_claims(model, find_analysis(CLIENT), samples=60, seed=2).results
    assert row.verdict == "fails" and row.counterexample is not None
    assert "PE-reject" in row.detail and "certified on the full tree" in row.detail
    # Independently: the generic PBE solver on the same game finds a PBE in which both
    # types reject the offer that is made.
    p = CLIENT.params(**row.counterexample)
    grid = [F(x) for x in row.grid]
    game = CLIENT.build(p, grid)
    found = False
    for path in solve_pbe(game, mixed=False).equilibria:
        b = path.assessment.behavior
        offer = next(a for a, pr in b["C offers"].items() if pr == 1)
        if b[f"A(hi) {offer}"]["reject"] == 1 and b[f"A(lo) {offer}"]["reject"] == 1:
            found = True
    assert found


def test_textbook_claims_hold_and_a_false_claim_is_shrunk_to_the_defaults():
    """Beer-quiche's claims hold; the claim that a separating PBE exists (false for
    p_strong > 1/2: the weak type would mimic, derived in tests/builders/test_beer_quiche.py)
    fails, and its counterexample shrinks to the defaults."""
    false = PathClaim(
        "A separating PBE exists",
        "a wrong claim",
        (("Sender strong", "beer"), ("Sender weak", "quiche")),
        conditions=("p_strong > 1/2",),
    )
    model = dataclasses.replace(BQ, claims=(*BQ.claims, false))
    report = check_claims(model, find_analysis(BQ), samples=30)
    verdicts = {r.name: r.verdict for r in report.results}
    assert [verdicts[c.name] for c in BQ.claims] == ["holds"] * len(BQ.claims)
    bad = by_name(report)["A separating PBE exists"]
    assert bad.verdict == "fails"
    assert bad.counterexample == {
        f.name: str(f.default) for f in dataclasses.fields(BQ.params_type)
    }


def test_cli_check_exit_codes_and_reports(tmp_path: Path):
    md, js = tmp_path / "c.md", tmp_path / "c.json"
    res = runner.invoke(
        app, ["check", "beer_quiche", "--samples", "10", "--report", str(md), "--json", str(js)]
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(js.read_text())
    assert doc["failures"] == 0 and len(doc["claims"]) == len(BQ.claims)
    assert "| claim | where | verdict |" in md.read_text()
    res = runner.invoke(app, ["check", "baseline", "--samples", "5"])
    assert res.exit_code == 1  # the misprint, at least
    assert "DISAGREES" in res.output
