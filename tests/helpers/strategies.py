"""Hypothesis strategies shared by the tests: valid parameter points of both models.

Values have small denominators so that exact arithmetic stays fast; ``c`` is placed
between ``alpha_lo*w`` and ``alpha_hi*w`` so that the support cutoff ``c/w`` separates the
types, and ``pi``, ``z``, ``f`` are drawn inside their joint constraints.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

from hypothesis import assume
from hypothesis import strategies as st

from gametrees.builders.params import ParamError


@st.composite
def model_points(draw, model, *, allow_tie: bool = False, wide: bool = False):
    """A valid parameter point of ``model`` (the baseline or the client extension: the
    extension is recognised by its parameter ``psi``).

    ``allow_tie``: ``alpha_hi`` may sit exactly at the support cutoff ``c/w`` (the
    supporter indifferent about supporting); ``wide``: larger ranges of ``phi``, ``k_A``
    and ``u``.
    """
    w = F(draw(st.integers(2, 19)), 20)
    lo = draw(st.integers(1, 18))
    hi = draw(st.integers(lo + 1, 19))
    star = F(lo, 20) + F(hi - lo, 20) * F(draw(st.integers(1, 4 if allow_tie else 3)), 4)
    phis = [F(1, 3), F(1, 2), F(1), F(2), F(3)] if wide else [F(1, 2), F(1), F(3, 2), F(2), F(3)]
    values = dict(
        alpha_lo=F(lo, 20),
        alpha_hi=F(hi, 20),
        w=w,
        c=star * w,
        q=F(draw(st.integers(1, 9)), 10),
        phi=draw(st.sampled_from(phis)),
        k_A=F(draw(st.integers(0, 9 if wide else 5)), 10),
        pi=(1 - w) * F(draw(st.integers(0, 4)), 4),
        u=F(draw(st.integers(1, 20 if wide else 10)), 20),
    )
    if "psi" in {f.name for f in dataclasses.fields(model.params_type)}:
        values.update(
            psi=F(draw(st.integers(1, 9)), 10),
            z=1 + (1 / w - 1) * F(draw(st.integers(0, 4)), 4),
            beta=draw(st.sampled_from([F(1, 2), F(1), F(2)])),
            f=values["pi"] * F(draw(st.integers(0, 4)), 4),
            k_C=F(draw(st.integers(0, 5)), 10),
            c_bears_transfer=draw(st.integers(0, 1)),
        )
    else:
        values.update(rho=F(draw(st.integers(1, 9)), 10), k_R=F(draw(st.integers(0, 5)), 10))
    try:
        return model.params_type(**values)
    except ParamError:
        assume(False)
