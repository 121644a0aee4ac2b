"""Tests of gametrees.builders.grid: the finite offer grid standing in for [0, 1] (MODEL.md s3)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import model_points

from gametrees.builders.grid import choice_grid, evenly_spaced, explicit_grid, parse_values
from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.baseline import BaselineParams
from gametrees.builders.yoder_cohen.baseline import build as build_baseline
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.verify.yoder_cohen.closed_forms import thresholds


@st.composite
def model_point(draw):
    model = draw(st.sampled_from([BASELINE, CLIENT]))
    return model, draw(model_points(model, allow_tie=True))


def check_grid(model, p, n):
    grid = model.grid(p, n)
    assert list(grid) == sorted(set(grid)), "sorted and distinct"
    assert all(type(x) is F for x in grid)
    assert grid[0] == 0 and grid[-1] == 1
    for i in range(n):
        assert F(i, n - 1) in grid
    assert all(0 <= x <= 1 for x in grid)
    eps = F(1, 10 * (n - 1))
    for key, t in thresholds(model, p).items():
        if 0 <= t <= 1:
            assert t in grid, key
            if t < 1:
                # a point just above the threshold, where the type strictly prefers to accept
                assert any(t < x <= t + eps for x in grid), key
    return grid


@pytest.mark.parametrize("model", [BASELINE, CLIENT])
@pytest.mark.parametrize("n", [2, 5, 11])
def test_default_grid_at_the_defaults(model, n):
    p = model.params_type()
    grid = check_grid(model, p, n)
    inside = [t for t in thresholds(model, p).values() if 0 <= t <= 1]
    assert inside, "the defaults have thresholds inside [0, 1]"
    assert len(grid) >= n + len(set(inside))


@settings(max_examples=60, deadline=None)
@given(model_point(), st.integers(2, 9))
def test_default_grid_contains_every_threshold_and_a_point_above(point, n):
    model, p = point
    check_grid(model, p, n)


def test_threshold_at_zero_gets_its_point_above():
    # The abandoner's 'none' threshold w - k_A/(phi*alpha_lo) is 0 when k_A = phi*alpha_lo*w.
    p = BaselineParams(k_A=F(2) * F(3, 10) * F(3, 5))
    t = thresholds(BASELINE, p)[("lo", "none")]
    assert t == 0
    grid = BASELINE.grid(p, 3)
    assert 0 in grid and F(1, 20) in grid


@pytest.mark.parametrize("n", [1, 0, -3])
def test_grid_below_two_raises(n):
    with pytest.raises(ParamError) as info:
        BASELINE.grid(BaselineParams(), n)
    assert info.value.name == "grid"
    assert "grid" in str(info.value)
    with pytest.raises(ParamError) as info:
        evenly_spaced(n)
    assert info.value.name == "grid" and ">= 2" in str(info.value)


def test_non_integer_grid_raises():
    with pytest.raises(ParamError) as info:
        evenly_spaced(2.5)
    assert info.value.name == "grid"


@pytest.mark.parametrize(
    "values",
    [["1/2", "0.5"], [F(1, 4), F(1, 4)], ["0", "1", "0/3"]],
)
def test_duplicate_offers_raise(values):
    with pytest.raises(ParamError) as info:
        explicit_grid(values)
    assert info.value.name == "offers"
    assert "twice" in str(info.value)


@pytest.mark.parametrize("values", [["-1/10"], ["0", "11/10"], [F(2)]])
def test_out_of_range_offers_raise(values):
    with pytest.raises(ParamError) as info:
        explicit_grid(values)
    assert info.value.name == "offers"
    assert "outside [0, 1]" in str(info.value)


def test_parse_values_and_builder_check_too():
    assert parse_values("0, 1/4, 0.5") == (F(0), F(1, 4), F(1, 2))
    assert BASELINE.values("0, 1/4, 0.5") == (F(0), F(1, 4), F(1, 2))
    for text in ("0, 1/2, 0.5", "0, 3/2", "0, abc", "", " , "):
        with pytest.raises(ParamError) as info:
            BASELINE.values(text)
        assert info.value.name == "offers"
    with pytest.raises(ParamError) as info:
        build_baseline(BaselineParams(), [F(1, 2), F(1, 2)])
    assert info.value.name == "offers"
    with pytest.raises(ParamError) as info:
        build_baseline(BaselineParams(), [])
    assert info.value.name == "offers"


def test_explicit_grid_keeps_order():
    assert explicit_grid(["1", "0", "1/2"]) == (F(1), F(0), F(1, 2))


def test_choice_grid_is_generic():
    """The grid knows no model: critical points are given, on any range."""
    grid = choice_grid(F(2), F(4), 3, [F(5, 2), F(1), F(4)])
    # eps = (4 - 2) / (10 * (3 - 1)) = 1/10; 1 is outside; 4 is the end, with no point above
    assert grid == (F(2), F(5, 2), F(13, 5), F(3), F(4))


def test_grid_contains_the_structure_critical_points():
    """The model gives its grid the thresholds it derives from its payoffs."""
    p = BASELINE.params()
    points = BASELINE.choice.critical_points(p)
    assert points == sorted(set(thresholds(BASELINE, p).values()))
