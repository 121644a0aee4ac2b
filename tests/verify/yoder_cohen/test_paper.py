"""Tests of gametrees.verify.yoder_cohen.paper: the verdicts on the paper's printed formulas.

The printed values are recomputed here from MODEL.md's text, the derived ones from the
indifference condition written with MODEL.md's payoffs, both in exact Fractions.
"""

from __future__ import annotations

import re
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametrees.builders.claims import FormulaClaim
from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.builders.yoder_cohen.client import ClientParams
from gametrees.verify.yoder_cohen.paper import formula_rows

PE_AT_STAKE = "PE: supporter's lowest acceptable offer, alliance at stake"


def printed_pe_at_stake(p) -> F:
    """MODEL.md s1, as printed: w - k_A/(phi*alpha_hi) + (w*alpha_lo + u - c)/(phi*alpha_hi)."""
    return (
        p.w - p.k_A / (p.phi * p.alpha_hi) + (p.w * p.alpha_lo + p.u - p.c) / (p.phi * p.alpha_hi)
    )


def derived_pe_at_stake(p) -> F:
    """The supporter's indifference between accepting x (no alliance) and rejecting (war,
    then allied, supports), from MODEL.md s1's payoffs:
    phi*a*x + a*pi = phi*w*a - k_A + a*(pi + w) - c + u."""
    a = p.alpha_hi
    accept_at_0 = a * p.pi
    reject = p.phi * p.w * a - p.k_A + a * (p.pi + p.w) - p.c + p.u
    return (reject - accept_at_0) / (p.phi * a)


def rows_by_name(model, p):
    return {r.name: r for r in formula_rows(model, p)}


def parse_witness(note: str, p):
    """The parameter point and the two values a DISAGREES note reports."""
    m = re.search(r"printed (-?\d+(?:/\d+)?), derived (-?\d+(?:/\d+)?)", note)
    assert m, note
    point = p
    moved = re.search(r"they differ at (\w+)=(-?\d+(?:/\d+)?)", note)
    if moved:
        point = BaselineParams(
            **{**{f: getattr(p, f) for f in p.__dataclass_fields__}, moved[1]: F(moved[2])}
        )
    return point, F(m[1]), F(m[2])


@pytest.mark.parametrize(
    "p",
    [
        BaselineParams(),
        BaselineParams(alpha_lo=F(1, 10), u=F(3, 10), k_A=F(0)),
        BaselineParams(q=F(9, 10)),
    ],
)
def test_printed_pe_threshold_with_alliance_at_stake_disagrees(p):
    row = rows_by_name(BASELINE, p)[PE_AT_STAKE]
    assert row.verdict == "DISAGREES"
    assert row.printed == "w - k_A/(phi*alpha_hi) + (w*alpha_lo + u - c)/(phi*alpha_hi)"
    point, printed, derived = parse_witness(row.note, p)
    assert printed != derived
    assert printed == printed_pe_at_stake(point)
    assert derived == derived_pe_at_stake(point)
    # The row's own values at p are recomputed the same way.
    assert F(row.printed_value) == printed_pe_at_stake(p)
    assert F(row.derived_value) == derived_pe_at_stake(p)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 9), st.integers(0, 5), st.integers(1, 9))
def test_printed_and_derived_differ_by_w_times_alpha_gap(lo, un, ka, qn):
    # Printed - derived = w*(alpha_lo - alpha_hi)/(phi*alpha_hi) < 0 whenever alpha_lo < alpha_hi.
    p = BaselineParams(alpha_lo=F(lo, 20), u=F(un, 20), k_A=F(ka, 20), q=F(qn, 10))
    diff = printed_pe_at_stake(p) - derived_pe_at_stake(p)
    assert diff == p.w * (p.alpha_lo - p.alpha_hi) / (p.phi * p.alpha_hi)
    assert diff < 0


@pytest.mark.parametrize("model", [BASELINE, CLIENT])
def test_every_other_printed_formula_agrees(model):
    p = model.params_type()
    rows = rows_by_name(model, p)
    printed = [c for c in model.claims if isinstance(c, FormulaClaim)]
    assert {pf.name for pf in printed} <= set(rows)
    for pf in printed:
        row = rows[pf.name]
        if pf.printed is None:
            assert row.verdict == "not printed"
        elif pf.name == PE_AT_STAKE and model is BASELINE:
            assert row.verdict == "DISAGREES"
        else:
            assert row.verdict == "agrees", (pf.name, row.note)
            assert row.printed_value == row.derived_value


def test_lost_se_thresholds_are_not_printed():
    rows = rows_by_name(BASELINE, BaselineParams())
    lost = [r for r in rows.values() if r.verdict == "not printed"]
    assert {r.name for r in lost} == {
        "SE: abandoner's lowest acceptable offer, no alliance at stake",
        "SE: abandoner's lowest acceptable offer, alliance at stake",
    }
    p = BaselineParams()
    a = p.alpha_lo
    # Derived values reported for the reader: the abandoner's indifference (it abandons).
    none = (p.phi * p.w * a - p.k_A) / (p.phi * a)
    at_stake = (p.phi * p.w * a - p.k_A + p.u) / (p.phi * a)
    by_name = {r.name: F(r.derived_value) for r in lost}
    assert by_name["SE: abandoner's lowest acceptable offer, no alliance at stake"] == none
    assert by_name["SE: abandoner's lowest acceptable offer, alliance at stake"] == at_stake
    assert not [
        r for r in rows_by_name(CLIENT, ClientParams()).values() if r.verdict == "not printed"
    ]


@pytest.mark.parametrize("model", [BASELINE, CLIENT])
def test_claims_about_the_thresholds_hold_at_the_defaults(model):
    rows = formula_rows(model, model.params_type())
    claims = [r for r in rows if r.name.startswith("Result")]
    assert len(claims) == 3
    assert all(r.verdict == "holds" for r in claims), [(r.name, r.note) for r in claims]


# ------------------------------------------------------------------ exact values

THRESHOLD_OF_ROW = {
    "baseline": {
        "PE: supporter's lowest acceptable offer, no alliance at stake": ("hi", "none"),
        "PE: supporter's lowest acceptable offer, alliance at stake": ("hi", "reject"),
        "SE: abandoner's lowest acceptable offer, no alliance at stake": ("lo", "none"),
        "SE: abandoner's lowest acceptable offer, alliance at stake": ("lo", "reject"),
    },
    "client": {
        "SE: supporter's lowest acceptable offer, no alliance at stake": ("hi", "none"),
        "SE: supporter's lowest acceptable offer, alliance at stake": ("hi", "accept"),
        "PE: abandoner's lowest acceptable offer, no alliance at stake": ("lo", "none"),
        "PE: abandoner's lowest acceptable offer, alliance at stake": ("lo", "accept"),
    },
}


def check_exact_values(model, p):
    from gametrees.verify.yoder_cohen.closed_forms import thresholds

    T = thresholds(model, p)
    rows = rows_by_name(model, p)
    for name, key in THRESHOLD_OF_ROW[model.name].items():
        assert F(rows[name].derived_value) == T[key], name
    assert F(rows["support cutoff alpha_star"].derived_value) == p.c / p.w
    assert F(rows["P's alliance cutoff on beliefs"].derived_value) == p.u / p.w


@pytest.mark.parametrize(
    ("model", "values"),
    [
        # Points where sympy's nsimplify turns an exact rational value into radicals: the
        # report must still give exact values (a regression test).
        (
            BASELINE,
            dict(
                alpha_lo=F(1, 20),
                alpha_hi=F(4, 5),
                q=F(1, 5),
                rho=F(1, 10),
                w=F(3, 20),
                phi=F(1),
                k_A=F(4, 5),
                k_R=F(1, 5),
                pi=F(17, 40),
                u=F(2, 5),
                c=F(147, 1600),
            ),
        ),
        (
            CLIENT,
            dict(
                alpha_lo=F(1, 5),
                alpha_hi=F(1, 4),
                q=F(1, 2),
                psi=F(1, 2),
                w=F(11, 20),
                z=F(71, 44),
                beta=F(2),
                phi=F(3),
                k_A=F(7, 10),
                k_C=F(1, 10),
                pi=F(0),
                f=F(0),
                u=F(7, 20),
                c=F(99, 800),
            ),
        ),
        (
            CLIENT,
            dict(
                alpha_lo=F(3, 10),
                alpha_hi=F(3, 4),
                q=F(3, 10),
                psi=F(1, 2),
                w=F(11, 20),
                z=F(20, 11),
                beta=F(1, 2),
                phi=F(1),
                k_A=F(7, 10),
                k_C=F(1, 10),
                pi=F(9, 80),
                f=F(9, 320),
                u=F(7, 20),
                c=F(561, 1600),
            ),
        ),
    ],
)
def test_row_values_are_exact_at_awkward_points(model, values):
    check_exact_values(model, model.params_type(**values))


@settings(max_examples=12, deadline=None)
@given(
    st.sampled_from([BASELINE, CLIENT]),
    st.integers(2, 19),
    st.integers(1, 17),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 19),
    st.integers(1, 20),
    st.sampled_from([F(1, 3), F(1), F(3)]),
)
def test_row_values_equal_the_compiled_thresholds(model, wn, lo, gap, j, ka, un, phi):
    w = F(wn, 20)
    alpha_lo, alpha_hi = F(lo, 20), F(lo + gap, 20)
    c = (alpha_lo + (alpha_hi - alpha_lo) * F(j, 4)) * w
    values = dict(
        alpha_lo=alpha_lo,
        alpha_hi=alpha_hi,
        w=w,
        c=c,
        k_A=F(ka, 20),
        u=F(un, 20),
        phi=phi,
        pi=(1 - w) / 3,
    )
    if model is CLIENT:
        values["f"] = values["pi"] / 7
    try:
        p = model.params_type(**values)
    except ParamError:
        assume(False)
    check_exact_values(model, p)
