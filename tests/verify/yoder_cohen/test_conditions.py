"""The symbolic class conditions agree with the equilibria the enumerator finds."""

from __future__ import annotations

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import model_points

from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.verify.yoder_cohen.combine import best_response_set
from gametrees.verify.yoder_cohen.conditions import class_conditions, evaluate
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), model=st.sampled_from([BASELINE, CLIENT]))
def test_every_class_found_is_locally_feasible_at_or_above_its_offer(data, model):
    p = data.draw(model_points(model))
    offers = model.grid(p, 3)
    pbes = best_response_set(model, *per_offer_exact(model, p, offers))
    rows = {c.name: evaluate(c, p) for c in class_conditions(model)}
    for e in pbes:
        row = rows[str(e.eq_class)]
        assert row.locally_feasible, (str(e.eq_class), row)
        if e.eq_class.kind != "PE-reject":
            # No cheaper offer produces the class: x* is its lowest offer.
            assert e.offer >= row.offer, (str(e.eq_class), e.offer, row.offer)


def test_conditions_are_symbolic_and_have_latex():
    for model in (BASELINE, CLIENT):
        conds = class_conditions(model)
        assert {c.kind for c in conds} == {"PE-accept", "SE", "SE-reversed", "PE-reject"}
        assert len(conds) == 16  # four kinds x four regimes of P's replies
        for c in conds:
            assert isinstance(c.offer, sp.Basic)
            row = evaluate(c, model.params())
            assert all(cond.latex for cond in row.conditions)
