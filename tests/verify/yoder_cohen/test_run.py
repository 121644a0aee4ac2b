"""Tests of gametrees.verify.yoder_cohen.run and gametrees.verify.yoder_cohen.report: one parameter point, three sources, two reports."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import model_points

from gametrees.builders.claims import FormulaClaim
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.verify.yoder_cohen.combine import classify_responses
from gametrees.verify.yoder_cohen.report import to_json, to_markdown
from gametrees.verify.yoder_cohen.run import verify_point

SOURCES = {"closed forms", "enumerator", "gambit"}


@pytest.fixture(scope="module", params=[BASELINE, CLIENT], ids=["baseline", "client"])
def result(request):
    model = request.param
    p = model.params()
    # gambit_mixed=False keeps this fast; Gambit's enummixed is exercised on a small grid below.
    return verify_point(model, p, model.grid(p, 5), gambit=True, certify=True, gambit_mixed=False)


def test_defaults_agree(result):
    assert result.agree, result.disagreements
    assert set(result.paths) == SOURCES
    paths = list(result.paths.values())
    assert paths[0] == paths[1] == paths[2]
    assert paths[0], "at least one PBE path"
    # Classes are those of the paths, per source.
    for source, keys in result.paths.items():
        assert result.classes[source] == {
            classify_responses(result.model, k.accept_hi, k.accept_lo, k.regime) for k in keys
        }
    # Every certified PBE passes both certificates.
    assert result.certification
    for row in result.certification:
        assert row.violations == () and row.gambit_regret == 0 and row.certified


def test_every_path_is_an_offerer_best_reply(result):
    for e in result.pbes:
        assert e.path.offerer_payoff >= e.deviation_bound
        assert e.offer in result.offers


def test_json_report(result):
    data = to_json(result)
    assert json.loads(json.dumps(data)) == data  # JSON-ready
    assert data["model"] == result.model.name
    assert data["agree"] is True
    assert set(data["classes"]) == SOURCES
    for source in SOURCES:
        assert data["classes"][source] == sorted(str(c) for c in result.classes[source])
        assert len(data["paths"][source]) == len(result.paths[source])
    names = [r["name"] for r in data["formulas"]]
    assert names == [r.name for r in result.formulas]
    assert {c.name for c in result.model.claims if isinstance(c, FormulaClaim)} <= set(names)
    for row in data["formulas"]:
        assert row["verdict"] in ("agrees", "DISAGREES", "not printed", "holds", "FAILS")
    assert data["offers"] == [str(x) for x in result.offers]
    assert data["params"] == {
        f: str(getattr(result.params, f)) for f in result.params.__dataclass_fields__
    }


def test_markdown_report(result):
    text = to_markdown(result)
    assert text.startswith(f"# Verification: {result.model.name}")
    assert "three sources agree" in text
    for row in result.formulas:
        assert row.name in text
    for source in SOURCES:
        assert source in text


@pytest.mark.parametrize("model", [BASELINE, CLIENT], ids=["baseline", "client"])
def test_gambit_enummixed_agrees_on_a_small_grid(model):
    p = model.params()
    offers = [F(0), F(1, 2), F(1)]
    res = verify_point(model, p, offers, gambit=True, certify=False, gambit_mixed=True)
    assert res.agree, res.disagreements
    assert res.paths["closed forms"] == res.paths["enumerator"] == res.paths["gambit"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), model=st.sampled_from([BASELINE, CLIENT]))
def test_three_sources_agree_at_random_valid_points(data, model):
    """Closed forms, the enumerator and Gambit (pure continuations per offer, certification
    on the full tree by our certifier and by Gambit's regret) agree at random points."""
    p = data.draw(model_points(model))
    offers = model.grid(p, 3)
    res = verify_point(model, p, offers, gambit=True, certify=True, gambit_mixed=False)
    assert res.agree, res.disagreements
    assert res.paths["closed forms"] == res.paths["enumerator"] == res.paths["gambit"]
    for row in res.certification:
        assert row.certified, row
