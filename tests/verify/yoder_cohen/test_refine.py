"""The intuitive criterion and D1 on the continuations of both models."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.verify.yoder_cohen.closed_forms import thresholds
from gametrees.verify.yoder_cohen.enumerate import continuations_exact
from gametrees.verify.yoder_cohen.refine import refine, survives_d1, survives_intuitive

SMALL = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)


def _point(model, values: dict) -> object | None:
    try:
        return model.params(**values)
    except ParamError:
        return None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    model=st.sampled_from([BASELINE, CLIENT]),
    w=SMALL,
    u=SMALL,
    q=SMALL,
    c=SMALL,
    k=SMALL,
    a_lo=SMALL,
    a_hi=SMALL,
    x=st.fractions(0, 1, max_denominator=12),
)
def test_separating_continuations_always_survive(model, w, u, q, c, k, a_lo, a_hi, x):
    """Both responses are used in a separating continuation: nothing is off the path."""
    p = _point(
        model,
        {"w": w, "u": u, "q": q, "c": c, "k_A": k, "alpha_lo": a_lo, "alpha_hi": a_hi, "pi": F(0)},
    )
    assume(p is not None)
    for cont in continuations_exact(model, p, x):
        if cont.accept_hi != cont.accept_lo:
            assert survives_intuitive(model, p, cont)
            assert survives_d1(model, p, cont)


def _dominated_pooling_point() -> tuple[object, F]:
    """A baseline point and offer where, by the closed forms, pooling on acceptance with P
    refusing an alliance after a rejection fails the intuitive criterion:
    the abandoner strictly prefers accepting even if rejecting brought the alliance
    (x > T_lo,reject: it is equilibrium-dominated at 'reject'), the supporter would reject if it did
    (x < T_hi,reject), P allies at belief 1 (w > u), and P does not ally at the prior
    (q < u/w), so pooling with no alliance is a continuation."""
    lattice = [F(i, 10) for i in range(1, 10)]
    for w, u, q, a_lo, a_hi, k in itertools.product(
        lattice, lattice, lattice, [F(1, 10)], [F(9, 10)], [F(1, 10)]
    ):
        p = _point(
            BASELINE,
            {
                "w": w,
                "u": u,
                "q": q,
                "c": F(1, 5),
                "alpha_lo": a_lo,
                "alpha_hi": a_hi,
                "k_A": k,
                "pi": F(0),
            },
        )
        if p is None or not (w > u and q < u / w):
            continue
        t = thresholds(BASELINE, p)
        lo, hi = max(t[("lo", "reject")], t[("hi", "none")], F(0)), t[("hi", "reject")]
        if lo < hi and lo < 1:
            return p, (lo + min(hi, F(1))) / 2  # strictly inside: no type is indifferent
    raise AssertionError("no such point on the lattice")


def test_pooling_without_alliance_fails_the_intuitive_criterion_when_derived():
    p, x = _dominated_pooling_point()
    conts = continuations_exact(BASELINE, p, x)
    pooled = [c for c in conts if c.accept_hi and c.accept_lo and c.regime == "none"]
    assert pooled, "the closed forms say pooling without alliance is a continuation here"
    for c in pooled:
        assert not survives_intuitive(BASELINE, p, c)
        assert not survives_d1(BASELINE, p, c)


def test_refine_keeps_only_survivors():
    p, x = _dominated_pooling_point()
    conts = {x: continuations_exact(BASELINE, p, x)}
    for criterion in ("intuitive criterion", "D1"):
        kept = refine(BASELINE, p, conts, criterion)[x]
        assert set(kept) <= set(conts[x])
        assert all(not (c.accept_hi and c.accept_lo and c.regime == "none") for c in kept)
