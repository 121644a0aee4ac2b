"""Equilibrium refinements of the signaling stage: the intuitive criterion and D1.

The paper does not say which refinement its propositions assume (MODEL.md section 4),
so each PBE is reported with whether it survives:

* the **intuitive criterion** (Cho & Kreps 1987, "Signaling Games and Stable Equilibria",
  *QJE* 102(2), section IV): at an unused response ``s``, a type is *equilibrium-dominated*
  if its equilibrium payoff beats the most it can get by sending ``s`` whatever P does.
  With ``R`` the types not so dominated (all types if every type is), the continuation
  fails if some type gets strictly more than its equilibrium payoff by sending ``s`` against
  *every* best reply of P to beliefs concentrated on ``R``;
* **D1** (Banks & Sobel 1987, "Equilibrium Selection in Signaling Games", *Econometrica*
  55(3); Cho & Kreps 1987, section V): at an unused response ``s``, a type ``t`` is deleted
  when the set of P's mixed replies that make ``t`` weakly prefer ``s`` is contained in the
  set that make the other type strictly prefer it; P's move at ``s`` must then be a best reply
  to some belief concentrated on the types not deleted (all types if both are).

Both are applied to every continuation -- on the path and off it -- and the offerer's best
replies are recomputed over the continuations that survive: a PBE path survives a criterion
when it is still a PBE path with every continuation refined.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model
from gametrees.verify.yoder_cohen.enumerate import model_payoffs
from gametrees.verify.yoder_cohen.types import Continuation, nonnegative_on_unit

__all__ = ["CRITERIA", "refine", "survives_d1", "survives_intuitive"]

TYPES = ("hi", "lo")


def _setup(
    model: Model, params: Any, c: Continuation
) -> tuple[Callable[..., dict[str, Any]], dict]:
    pay = model_payoffs(model)
    alpha = {"hi": params.alpha_hi, "lo": params.alpha_lo}
    support = {"hi": c.support_hi, "lo": c.support_lo}

    def a_pay(t: str, accept: bool, ally: bool) -> Fraction:
        return Fraction(pay(params, alpha[t], c.x, accept, ally, support[t])["A"])

    def p_gain(t: str, accept: bool) -> Fraction:
        return Fraction(
            pay(params, alpha[t], c.x, accept, True, support[t])["P"]
            - pay(params, alpha[t], c.x, accept, False, support[t])["P"]
        )

    accepts = {"hi": c.accept_hi, "lo": c.accept_lo}
    ally_after = {True: c.ally_accept, False: c.ally_reject}
    eq = {t: a_pay(t, accepts[t], ally_after[accepts[t]]) for t in TYPES}
    return a_pay, {"eq": eq, "accepts": accepts, "ally_after": ally_after, "p_gain": p_gain}


def _best_replies(
    p_gain: Callable[[str, bool], Fraction], s: bool, types: Sequence[str]
) -> set[bool]:
    """P's moves at ``s`` that are optimal for some belief concentrated on ``types``."""
    gains = [p_gain(t, s) for t in types]  # a belief's gain is a convex combination of these
    out = set()
    if max(gains) >= 0:
        out.add(True)
    if min(gains) <= 0:
        out.add(False)
    return out


def _unused(info: dict) -> list[bool]:
    return [s for s in (True, False) if not any(info["accepts"][t] == s for t in TYPES)]


def survives_intuitive(model: Model, params: Any, c: Continuation) -> bool:
    """Does the continuation ``c`` pass Cho & Kreps' intuitive criterion?"""
    a_pay, info = _setup(model, params, c)
    for s in _unused(info):
        best_dev = {t: max(a_pay(t, s, True), a_pay(t, s, False)) for t in TYPES}
        remaining = [t for t in TYPES if info["eq"][t] <= best_dev[t]] or list(TYPES)
        replies = _best_replies(info["p_gain"], s, remaining)
        for t in TYPES:
            if min(a_pay(t, s, a) for a in replies) > info["eq"][t]:
                return False
    return True


def _weak_set_inside_strict(lo_a: Fraction, hi_a: Fraction, a2: Fraction, b2: Fraction) -> bool:
    """Is the closed interval [lo_a, hi_a] inside {sigma in [0, 1]: a2 + b2*sigma > 0}?"""
    return a2 + b2 * lo_a > 0 and a2 + b2 * hi_a > 0


def survives_d1(model: Model, params: Any, c: Continuation) -> bool:
    """Does the continuation ``c`` pass D1 at its unused responses?"""
    a_pay, info = _setup(model, params, c)
    for s in _unused(info):
        # Type t's gain from sending s when P allies with probability sigma: a_t + b_t*sigma.
        a = {t: a_pay(t, s, False) - info["eq"][t] for t in TYPES}
        b = {t: a_pay(t, s, True) - a_pay(t, s, False) for t in TYPES}
        deleted = []
        for t, other in (("hi", "lo"), ("lo", "hi")):
            weak = nonnegative_on_unit(a[t], b[t])
            if weak is None or _weak_set_inside_strict(*weak, a[other], b[other]):
                deleted.append(t)
        remaining = [t for t in TYPES if t not in deleted] or list(TYPES)
        if info["ally_after"][s] not in _best_replies(info["p_gain"], s, remaining):
            return False
    return True


CRITERIA: dict[str, Callable[[str, Any, Continuation], bool]] = {
    "intuitive criterion": survives_intuitive,
    "D1": survives_d1,
}


def refine(
    model: Model, params: Any, conts: Mapping[Fraction, Sequence[Continuation]], criterion: str
) -> dict[Fraction, list[Continuation]]:
    """The continuations at every offer that pass ``criterion`` (a key of :data:`CRITERIA`)."""
    test = CRITERIA[criterion]
    return {x: [c for c in cs if test(model, params, c)] for x, cs in conts.items()}
