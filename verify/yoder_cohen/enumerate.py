"""An exact enumerator of the pure PBE continuations, independent of Gambit.

After an offer ``x`` the game between A and P has eight pure choices that matter:
each type's response, P's move after each response, and each type's support
decision. :func:`continuations_exact` tries all of them and keeps those that are
sequentially rational, comparing payoffs computed directly from the model's
``outcome_payoffs`` (P's own, unscaled payoffs with P's own prior ``q``):

* A's support move is optimal at each support node (A knows everything there);
* P's move at each of its two information sets is optimal for some belief: on the
  path the belief is Bayes' rule from ``q`` and the types' responses, off the path any
  belief in [0, 1] is allowed, and the range of beliefs that makes P's move optimal is
  recorded;
* each type's response is optimal given P's moves and its own support move.

It uses neither Gambit nor the closed forms: it is the second of the verifier's three
sources (Fudenberg & Tirole 1991, *Game Theory*, section 8.2, for PBE in signaling games).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from itertools import product
from typing import Any

from gametrees.builders.api import Model
from gametrees.verify.yoder_cohen.types import (
    BeliefRange,
    Continuation,
    MixedContinuation,
    nonnegative_on_unit,
    offer_game,
)

__all__ = [
    "continuations_exact",
    "model_payoffs",
    "offerer_of",
    "per_offer_exact",
    "semi_separating",
]

Payoffs = Callable[[Any, Any, Any, bool, bool, bool], dict[str, Any]]


def model_payoffs(model: Model) -> Payoffs:
    """The payoff function ``model`` declares in its :class:`OfferGame`."""
    return offer_game(model).payoffs


def offerer_of(model: Model) -> str:
    """The player who makes the stage-1 offer (R in the baseline, C in the extension)."""
    return offer_game(model).offerer


def offerer_prior(model: Model, params: Any) -> Fraction:
    """The offerer's prior that A is the supporter (``rho`` or ``psi``)."""
    return offer_game(model).prior(params)


def _belief_range(d_hi: Fraction, d_lo: Fraction, ally: bool) -> BeliefRange | None:
    """Beliefs mu in [0, 1] at which ``ally`` is optimal, when allying gains
    ``mu*d_hi + (1-mu)*d_lo`` over not allying; ``None`` if there is none."""
    sign = 1 if ally else -1  # ally needs the gain >= 0, not allying needs it <= 0
    interval = nonnegative_on_unit(sign * d_lo, sign * (d_hi - d_lo))
    return None if interval is None else BeliefRange(*interval, on_path=False)


def _outcome_table(
    pay: Payoffs, params: Any, alpha: dict[str, Fraction], x: Fraction
) -> Callable[[str, bool, bool, bool], dict[str, Any]]:
    """All 16 outcomes after offer ``x`` (type, accepted, allied, supports), computed once."""
    table = {
        key: pay(params, alpha[key[0]], x, *key[1:])
        for key in product(("hi", "lo"), (True, False), (True, False), (True, False))
    }

    def outcome(t: str, accept: bool, ally: bool, support: bool) -> dict[str, Any]:
        return table[(t, accept, ally, support)]

    return outcome


def continuations_exact(model: Model, params: Any, x: Fraction) -> list[Continuation]:
    """All pure sequentially rational continuations after offer ``x``, sorted."""
    pay = model_payoffs(model)
    offerer = offerer_of(model)
    r = offerer_prior(model, params)
    q = params.q
    alpha = {"hi": params.alpha_hi, "lo": params.alpha_lo}

    outcome = _outcome_table(pay, params, alpha, x)

    # Support moves: optimal at the support node, after either response (ties: both).
    support_ok: dict[str, list[bool]] = {}
    for t in ("hi", "lo"):
        ok = []
        for s in (True, False):
            if all(
                outcome(t, acc, True, s)["A"] >= outcome(t, acc, True, not s)["A"]
                for acc in (True, False)
            ):
                ok.append(s)
        support_ok[t] = ok

    found: list[Continuation] = []
    for s_hi, s_lo in product(support_ok["hi"], support_ok["lo"]):
        support = {"hi": s_hi, "lo": s_lo}
        for acc_hi, acc_lo, ally_acc, ally_rej in product((True, False), repeat=4):
            accepts = {"hi": acc_hi, "lo": acc_lo}
            ally_after = {True: ally_acc, False: ally_rej}
            # Each type's response is a best reply to P's moves.
            if any(
                outcome(t, accepts[t], ally_after[accepts[t]], support[t])["A"]
                < outcome(t, not accepts[t], ally_after[not accepts[t]], support[t])["A"]
                for t in ("hi", "lo")
            ):
                continue
            beliefs = {}
            for response in (True, False):
                ally = ally_after[response]
                d = {
                    t: outcome(t, response, True, support[t])["P"]
                    - outcome(t, response, False, support[t])["P"]
                    for t in ("hi", "lo")
                }
                reached = [t for t in ("hi", "lo") if accepts[t] == response]
                if reached:
                    mu = q if len(reached) == 2 else Fraction(1 if reached == ["hi"] else 0)
                    gain = mu * d["hi"] + (1 - mu) * d["lo"]
                    if (gain < 0) if ally else (gain > 0):
                        break
                    beliefs[response] = BeliefRange(mu, mu, on_path=True)
                else:
                    rng = _belief_range(d["hi"], d["lo"], ally)
                    if rng is None:
                        break
                    beliefs[response] = rng
            else:
                value = (
                    r * outcome("hi", acc_hi, ally_after[acc_hi], s_hi)[offerer]
                    + (1 - r) * outcome("lo", acc_lo, ally_after[acc_lo], s_lo)[offerer]
                )
                found.append(
                    Continuation(
                        x=x,
                        accept_hi=acc_hi,
                        accept_lo=acc_lo,
                        ally_accept=ally_acc,
                        ally_reject=ally_rej,
                        support_hi=s_hi,
                        support_lo=s_lo,
                        belief_accept=beliefs[True],
                        belief_reject=beliefs[False],
                        offerer_payoff=Fraction(value),
                    )
                )
    return sorted(found)


def _support_moves(outcome: Callable[..., dict[str, Any]]) -> dict[str, bool]:
    """Each type's optimal support move (the first optimal one if it is indifferent)."""
    moves = {}
    for t in ("hi", "lo"):
        moves[t] = outcome(t, True, True, True)["A"] >= outcome(t, True, True, False)["A"]
    return moves


def semi_separating(model: Model, params: Any, x: Fraction) -> list[MixedContinuation]:
    """The semi-separating continuations after offer ``x``.

    One type ``t`` mixes between accepting and rejecting, the other type plays a pure
    response, P mixes at the set ``s`` whose posterior equals its cutoff and plays a pure
    move at the other set. The unknowns follow from two linear equations: ``t``'s
    indifference fixes P's mixing probability, P's indifference (its posterior at ``s``
    equal to the cutoff) fixes ``t``'s mixing probability; the remaining moves must be
    best replies. Knife-edge cases (both types mixing, a type mixing while P is pure) are
    not enumerated: they need an exact tie in the parameters or the offer.
    """
    pay = model_payoffs(model)
    offerer = offerer_of(model)
    r = offerer_prior(model, params)
    q = params.q
    alpha = {"hi": params.alpha_hi, "lo": params.alpha_lo}

    outcome = _outcome_table(pay, params, alpha, x)

    sup = _support_moves(outcome)
    a_pay = {
        (t, s, al): outcome(t, s, al, sup[t])["A"]
        for t in alpha
        for s in (True, False)
        for al in (True, False)
    }
    gain = {
        (t, s): outcome(t, s, True, sup[t])["P"] - outcome(t, s, False, sup[t])["P"]
        for t in alpha
        for s in (True, False)
    }
    prior = {"hi": q, "lo": 1 - q}
    found = []
    for t, o in (("hi", "lo"), ("lo", "hi")):
        for s, a_other, r_o in product((True, False), repeat=3):
            s_other = not s
            k = a_pay[(t, s, True)] - a_pay[(t, s, False)]
            if k == 0:
                continue
            sigma = (a_pay[(t, s_other, a_other)] - a_pay[(t, s, False)]) / k
            if not 0 < sigma < 1:
                continue
            d_hi, d_lo = gain[("hi", s)], gain[("lo", s)]
            if d_hi == d_lo:
                continue
            cutoff = d_lo / (d_lo - d_hi)
            if not 0 < cutoff < 1 or r_o != s:
                continue  # only t would send s: its posterior is 0 or 1, never the cutoff
            # P's posterior that A is the supporter at s equals the cutoff:
            # q*m / (q*m + (1-q)) if the supporter mixes, q / (q + (1-q)*m) if the abandoner does.
            if t == "hi":
                m = cutoff * prior["lo"] / (prior["hi"] * (1 - cutoff))
            else:
                m = prior["hi"] * (1 - cutoff) / (prior["lo"] * cutoff)
            if not 0 < m < 1:
                continue
            # P's pure move at the other set, reached by t with probability 1 - m only.
            mu_other = Fraction(1 if t == "hi" else 0)
            g_other = mu_other * gain[("hi", s_other)] + (1 - mu_other) * gain[("lo", s_other)]
            if (g_other < 0) if a_other else (g_other > 0):
                continue
            u_s = sigma * a_pay[(o, s, True)] + (1 - sigma) * a_pay[(o, s, False)]
            if u_s < a_pay[(o, s_other, a_other)]:
                continue
            send = {t: {s: m, s_other: 1 - m}, o: {s: Fraction(1), s_other: Fraction(0)}}
            ally = {s: sigma, s_other: Fraction(1 if a_other else 0)}
            value = Fraction(0)
            for typ, weight in (("hi", r), ("lo", 1 - r)):
                for resp in (True, False):
                    pr = send[typ][resp]
                    if pr:
                        value += (
                            weight
                            * pr
                            * (
                                ally[resp] * outcome(typ, resp, True, sup[typ])[offerer]
                                + (1 - ally[resp]) * outcome(typ, resp, False, sup[typ])[offerer]
                            )
                        )
            mu_s = cutoff
            found.append(
                MixedContinuation(
                    x=x,
                    accept_hi=send["hi"][True],
                    accept_lo=send["lo"][True],
                    ally_accept=ally[True],
                    ally_reject=ally[False],
                    support_hi=sup["hi"],
                    support_lo=sup["lo"],
                    belief_accept=mu_s if s else mu_other,
                    belief_reject=mu_other if s else mu_s,
                    offerer_payoff=value,
                )
            )
    return sorted(set(found))


def per_offer_exact(
    model: Model, params: Any, offers: Iterable[Fraction]
) -> tuple[dict[Fraction, list[Continuation]], dict[Fraction, list[MixedContinuation]]]:
    """:func:`continuations_exact` and :func:`semi_separating` at every offer of the grid."""
    offers = list(offers)
    pure = {x: continuations_exact(model, params, x) for x in offers}
    mixed = {x: semi_separating(model, params, x) for x in offers}
    return pure, mixed
