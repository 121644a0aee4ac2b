"""The exact LP helpers against the brute-force vertex enumeration of ``conftest``."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from gametrees.verify.lp import (
    lp_min,
    minimize_on_simplex,
    nonnegative_interval,
    simplex_point,
    simplex_vertices,
)

SMALL = st.integers(-3, 3).map(F)


@st.composite
def systems(draw):
    k = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(SMALL, min_size=k, max_size=k), max_size=4))
    return k, rows


def _ok(rows, mu):
    return (
        all(x >= 0 for x in mu)
        and sum(mu) == 1
        and all(sum(g[j] * mu[j] for j in range(len(mu))) >= 0 for g in rows)
    )


@settings(max_examples=150, deadline=None)
@given(systems())
def test_feasibility_point_and_vertices(vertices, system):
    k, rows = system
    expected = vertices(rows, k)
    point = simplex_point(rows, k)
    assert (point is None) == (not expected)
    if point is not None:
        assert _ok(rows, point)
    assert list(simplex_vertices(rows, k)) == expected
    if k == 2:
        iv = nonnegative_interval(rows)
        assert (iv is None) == (not expected)
        if iv is not None:
            assert sorted({v[0] for v in expected}) == sorted({iv[0], iv[1]})


@settings(max_examples=100, deadline=None)
@given(systems(), st.data())
def test_minimum_is_the_best_vertex(vertices, system, data):
    k, rows = system
    objective = data.draw(st.lists(SMALL, min_size=k, max_size=k))
    verts = vertices(rows, k)
    got = minimize_on_simplex(rows, objective)
    if not verts:
        assert got is None
    else:
        assert got == min(
            sum(c * v for c, v in zip(objective, vert, strict=True)) for vert in verts
        )


def test_lp_min_small():
    assert lp_min([F(1), F(1)], [[F(1), F(2)]], [F(4)]).value == 2
    assert lp_min([F(-1), F(-1)], [[F(1), F(2)]], [F(4)]).value == -4
    assert lp_min([F(0), F(0)], [[F(1), F(1)]], [F(-1)]) is None
