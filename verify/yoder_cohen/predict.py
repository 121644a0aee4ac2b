"""The closed forms' prediction of the equilibrium set: the verifier's third source.

Everything here is computed from the expressions :mod:`gametrees.verify.yoder_cohen.closed_forms` derives:
each type's lowest acceptable offer ``T[t, regime]``, P's alliance cutoff ``mu* = u/w``
and the offerer's payoff at each outcome. No payoff is compared directly.

At an offer ``x`` a pure continuation (responses, regime) is sequentially rational iff

* each type accepts only if ``x >= T[t, regime]`` and rejects only if ``x <= T[t, regime]``;
* at each of P's sets reached on the path, P's move agrees with its Bayes posterior
  (``q``, 1 or 0) against ``mu*`` (ties allow both); at an unreached set P may ally only if
  ``mu* <= 1`` (some belief justifies it) and may always not ally.

A semi-separating continuation has one type ``t`` mixing and P mixing at the set ``s``
the other type also sends: P's mixing probability puts ``x`` exactly at ``t``'s threshold
interpolated between the two regimes it mixes, and ``t``'s mixing probability puts P's
posterior at ``s`` exactly at ``mu*``.

The predicted PBE paths are the pure continuations whose offerer payoff is at least the
best payoff the offerer can guarantee at any other offer of the grid (see
:mod:`gametrees.verify.yoder_cohen.combine`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from itertools import product
from typing import Any

import sympy as sp

from gametrees.builders.api import Model
from gametrees.verify.yoder_cohen.closed_forms import (
    REGIMES,
    abandoning_supporter_thresholds,
    compile_exact,
    forms,
    model_symbols,
    supporter_may_abandon,
    thresholds,
)
from gametrees.verify.yoder_cohen.combine import deviation_bounds
from gametrees.verify.yoder_cohen.enumerate import model_payoffs, offerer_of, offerer_prior

__all__ = ["PredictedPath", "offerer_outcome_forms", "predict_paths", "predicted_continuations"]

TYPES = ("hi", "lo")


@dataclass(frozen=True, order=True)
class PredictedPath:
    """A path of play the closed forms predict: offer, responses, P's regime, value."""

    x: Fraction
    accept_hi: bool
    accept_lo: bool
    regime: str
    offerer_payoff: Fraction


@cache
def offerer_outcome_forms(model: Model) -> dict[tuple[str, bool, bool, bool], sp.Expr]:
    """The offerer's payoff at each outcome ``(type, accepted, allied, supports)``, in ``x``
    and the parameters."""
    pay = model_payoffs(model)
    s = model_symbols(model)
    x = forms(model).x
    alpha = {"hi": s.alpha_hi, "lo": s.alpha_lo}
    off = offerer_of(model)
    return {
        (t, acc, ally, sup): sp.simplify(pay(s, alpha[t], x, acc, ally, sup)[off])
        for t in TYPES
        for acc in (True, False)
        for ally in (True, False)
        for sup in (True, False)
    }


@cache
def _compiled_outcomes(
    model: Model,
) -> dict[tuple[str, bool, bool, bool], Callable[[Any], Fraction]]:
    return {k: compile_exact(e, model) for k, e in offerer_outcome_forms(model).items()}


@cache
def _compiled_cutoff(model: Model) -> Callable[[Any], Fraction]:
    return compile_exact(forms(model).ally_cutoff, model)


class _With:
    """``params`` with extra values (the offer ``x``, a belief ``mu``) for compiled closed
    forms in those symbols."""

    def __init__(self, params: Any, **extra: Fraction) -> None:
        self._params = params
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._params, name)


def _p_move_ok(
    ally: bool, reached: Sequence[str], q: Fraction, gain: Callable[[Fraction], Fraction]
) -> bool:
    """Is P's move at a set optimal: at Bayes' posterior if ``reached`` is non-empty, for
    some posterior in [0, 1] otherwise? ``gain(mu)`` is P's gain from allying (affine)."""
    if not reached:
        ends = (gain(Fraction(0)), gain(Fraction(1)))
        return max(ends) >= 0 if ally else min(ends) <= 0
    mu = q if len(reached) == 2 else Fraction(1 if reached[0] == "hi" else 0)
    return gain(mu) >= 0 if ally else gain(mu) <= 0


@cache
def _compiled_gain(model: Model, support_hi: bool) -> Callable[[Any], Fraction]:
    return compile_exact(forms(model).ally_gain[support_hi], model)


def predicted_continuations(model: Model, params: Any, x: Fraction) -> tuple[list, list[Fraction]]:
    """Pure continuations ``(accept_hi, accept_lo, regime, value)`` and the values of the
    semi-separating ones at offer ``x``, from the closed forms."""
    T = thresholds(model, params)
    cutoff = _compiled_cutoff(model)(params)
    V = {k: f(_With(params, x=x)) for k, f in _compiled_outcomes(model).items()}
    r = offerer_prior(model, params)
    prior_r = {"hi": r, "lo": 1 - r}
    # The supporter supports; if exactly indifferent (alpha_hi == c/w) it may also abandon.
    supports = [True, False] if supporter_may_abandon(model, params) else [True]
    abandon_T = abandoning_supporter_thresholds(model, params)
    pure = []
    for support_hi in supports:
        gain_fn = _compiled_gain(model, support_hi)

        def gain(mu: Fraction, gain_fn: Callable[[Any], Fraction] = gain_fn) -> Fraction:
            return gain_fn(_With(params, mu=mu))

        for regime, (ally_acc, ally_rej) in REGIMES.items():
            ally_after = {True: ally_acc, False: ally_rej}
            thr = {
                "hi": T[("hi", regime)] if support_hi else abandon_T[regime],
                "lo": T[("lo", regime)],
            }
            sup = {"hi": support_hi, "lo": False}
            for acc in product((True, False), repeat=2):
                accepts = dict(zip(TYPES, acc, strict=True))
                if any((x < thr[t]) if accepts[t] else (x > thr[t]) for t in TYPES):
                    continue
                if not all(
                    _p_move_ok(
                        ally_after[resp], [t for t in TYPES if accepts[t] == resp], params.q, gain
                    )
                    for resp in (True, False)
                ):
                    continue
                value = sum(
                    prior_r[t] * V[(t, accepts[t], ally_after[accepts[t]], sup[t])] for t in TYPES
                )
                pure.append((accepts["hi"], accepts["lo"], regime, Fraction(value)))
    semi = []
    supported_gain_fn = _compiled_gain(model, True)

    def supported_gain(mu: Fraction) -> Fraction:
        return supported_gain_fn(_With(params, mu=mu))

    if 0 < cutoff < 1:
        q = params.q
        prior_p = {"hi": q, "lo": 1 - q}
        for t, o in (("hi", "lo"), ("lo", "hi")):
            # t sends s with probability m: posterior at s equals the cutoff.
            m = (
                cutoff * prior_p[o] / (prior_p[t] * (1 - cutoff))
                if t == "hi"
                else (prior_p[o] * (1 - cutoff) / (prior_p[t] * cutoff))
            )
            if not 0 < m < 1:
                continue
            for s, a_other in product((True, False), repeat=2):
                # At the other set only t arrives: posterior 1 (hi) or 0 (lo).
                if not _p_move_ok(a_other, [t], q, supported_gain):
                    continue
                regime_of = {
                    al: next(
                        g
                        for g, (aa, ar) in REGIMES.items()
                        if (aa, ar) == ((al, a_other) if s else (a_other, al))
                    )
                    for al in (True, False)
                }
                t0, t1 = T[(t, regime_of[False])], T[(t, regime_of[True])]
                if t1 == t0:
                    continue
                sigma = (x - t0) / (t1 - t0)
                if not 0 < sigma < 1:
                    continue
                o_thr = T[(o, regime_of[False])] + sigma * (
                    T[(o, regime_of[True])] - T[(o, regime_of[False])]
                )
                if (x < o_thr) if s else (x > o_thr):
                    continue
                ally = {s: sigma, (not s): Fraction(1 if a_other else 0)}
                send = {t: {s: m, (not s): 1 - m}, o: {s: Fraction(1), (not s): Fraction(0)}}
                value = Fraction(0)
                for typ in TYPES:
                    for resp in (True, False):
                        pr = send[typ][resp]
                        if pr:
                            value += (
                                prior_r[typ]
                                * pr
                                * (
                                    ally[resp] * V[(typ, resp, True, typ == "hi")]
                                    + (1 - ally[resp]) * V[(typ, resp, False, typ == "hi")]
                                )
                            )
                semi.append(value)
    return pure, semi


def predict_paths(model: Model, params: Any, offers: Sequence[Fraction]) -> list[PredictedPath]:
    """The PBE paths the closed forms predict on the grid ``offers``, sorted."""
    table = {x: predicted_continuations(model, params, x) for x in offers}
    worst = {}
    for x, (pure, semi) in table.items():
        values = [v for *_, v in pure] + list(semi)
        if not values:
            raise ValueError(f"the closed forms predict no continuation at offer {x}")
        worst[x] = min(values)
    bounds = deviation_bounds(worst)
    out = []
    for x, (pure, _) in table.items():
        for acc_hi, acc_lo, regime, value in pure:
            if bounds[x] is None or value >= bounds[x]:
                out.append(PredictedPath(x, acc_hi, acc_lo, regime, value))
    return sorted(out)
