"""Tests of gametrees.verify.yoder_cohen.predict: the closed forms' prediction of the PBE paths.

The prediction (thresholds, cutoff, offerer payoffs) must give the same paths as the
exact enumerator (payoffs compared directly) at random valid points of both models; at
points found through the closed forms' conditions for each equilibrium class, all three
sources (with Gambit) must agree.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import model_points

from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.verify.yoder_cohen.combine import (
    MissingContinuation,
    best_response_set,
    classify_responses,
)
from gametrees.verify.yoder_cohen.enumerate import (
    continuations_exact,
    per_offer_exact,
    semi_separating,
)
from gametrees.verify.yoder_cohen.predict import predict_paths, predicted_continuations
from gametrees.verify.yoder_cohen.run import verify_point

MODELS = [BASELINE, CLIENT]


def points(model):
    """Valid points; the knife edge alpha_hi == c/w has its own test below."""
    return model_points(model)


def predicted_keys(model, p, offers):
    try:
        return {
            (e.x, e.accept_hi, e.accept_lo, e.regime, e.offerer_payoff)
            for e in predict_paths(model, p, offers)
        }
    except ValueError:
        return "no continuation"


def enumerated_keys(model, p, offers):
    pure, mixed = per_offer_exact(model, p, offers)
    try:
        pbes = best_response_set(model, pure, mixed)
    except MissingContinuation:
        return "no continuation"
    return {
        (e.offer, e.path.accept_hi, e.path.accept_lo, e.path.regime, e.path.offerer_payoff)
        for e in pbes
    }


@settings(max_examples=50, deadline=None)
@given(points(BASELINE), st.sampled_from([3, 5]))
def test_baseline_predicted_paths_equal_enumerated_paths(p, n):
    offers = BASELINE.grid(p, n)
    assert predicted_keys(BASELINE, p, offers) == enumerated_keys(BASELINE, p, offers)


@settings(max_examples=50, deadline=None)
@given(points(CLIENT), st.sampled_from([3, 5]))
def test_client_predicted_paths_equal_enumerated_paths(p, n):
    offers = CLIENT.grid(p, n)
    assert predicted_keys(CLIENT, p, offers) == enumerated_keys(CLIENT, p, offers)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(MODELS).flatmap(lambda m: st.tuples(st.just(m), points(m))), st.integers(0, 20)
)
def test_predicted_continuations_equal_enumerated_ones_at_an_offer(point, xn):
    model, p = point
    x = F(xn, 20)
    pure, semi = predicted_continuations(model, p, x)
    assert sorted(pure) == sorted(
        (c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff)
        for c in continuations_exact(model, p, x)
    )
    assert sorted(semi) == sorted(m.offerer_payoff for m in semi_separating(model, p, x))


# ------------------------------------------------------------------ classes


LATTICE = {
    "w": [F(2, 5), F(3, 5), F(4, 5)],
    "u": [F(1, 20), F(1, 10), F(1, 4), F(2, 5)],
    "q": [F(1, 10), F(1, 2), F(9, 10)],
    "k_A": [F(0), F(1, 10), F(3, 10)],
}


def find_point(model, kind):
    """The first lattice point (fixed order) whose predicted classes include ``kind``."""
    for combo in itertools.product(*LATTICE.values()):
        try:
            p = model.params_type(**dict(zip(LATTICE, combo, strict=True)))
        except ParamError:
            continue
        offers = model.grid(p, 5)
        try:
            paths = predict_paths(model, p, offers)
        except ValueError:
            continue
        if any(
            classify_responses(model, e.accept_hi, e.accept_lo, e.regime).kind == kind
            for e in paths
        ):
            return p, offers
    return None


@pytest.mark.parametrize(
    ("model", "kind"),
    [
        (BASELINE, "SE"),
        (BASELINE, "PE-accept"),
        (BASELINE, "PE-reject"),
        (CLIENT, "SE"),
        (CLIENT, "PE-accept"),
    ],
)
def test_three_sources_agree_at_a_point_of_each_class(model, kind):
    found = find_point(model, kind)
    assert found is not None, f"no {kind} point on the lattice"
    p, offers = found
    # gambit_mixed=False: Gambit's enummixed costs ~0.7 s an offer (tested in test_run.py).
    res = verify_point(model, p, offers, gambit=True, certify=False, gambit_mixed=False)
    assert res.agree, res.disagreements
    for source in ("closed forms", "enumerator", "gambit"):
        assert kind in {c.kind for c in res.classes[source]}, source
    assert res.paths["closed forms"] == res.paths["enumerator"] == res.paths["gambit"]


def test_se_in_the_baseline_follows_the_thresholds():
    # Derived from the closed forms: in an SE the abandoner accepts and the supporter
    # rejects, so the offer x satisfies T[lo, regime] <= x <= T[hi, regime].
    from gametrees.verify.yoder_cohen.closed_forms import thresholds

    p, offers = find_point(BASELINE, "SE")
    T = thresholds(BASELINE, p)
    for e in predict_paths(BASELINE, p, offers):
        if e.accept_lo and not e.accept_hi:
            assert T[("lo", e.regime)] <= e.x <= T[("hi", e.regime)]


# ------------------------------------------------------------------ knife edge


@pytest.mark.parametrize("model", MODELS)
def test_supporter_indifferent_about_support(model):
    """At alpha_hi == c/w (allowed: c/w <= alpha_hi) the supporter may abandon after an
    alliance; the closed forms must then predict those paths too."""
    p = model.params_type()
    p = model.params_type(
        **{f: getattr(p, f) for f in p.__dataclass_fields__} | {"alpha_hi": p.c / p.w}
    )
    offers = model.grid(p, 5)
    assert predicted_keys(model, p, offers) == enumerated_keys(model, p, offers)
