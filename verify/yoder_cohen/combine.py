"""From per-offer continuations to the game's pure PBE, and the paper's classes.

Because the offerer (R, or C in the extension) moves once, first, and its offer is
observed, a pure profile is a PBE iff its continuation after every offer is sequentially
rational (with beliefs about A's type only) and the offer is a best reply to those
continuations. So the path ``(x*, c*)`` belongs to some pure PBE iff

    V(x*, c*) >= max over x != x* of  min over continuations c at x of V(x, c),

the right-hand side being what the offerer can guarantee by deviating when every other
offer is met by the continuation that punishes it most (any PBE can use those).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from gametrees.builders.api import Model
from gametrees.verify.yoder_cohen.types import (
    PBE,
    Continuation,
    EquilibriumClass,
    MixedContinuation,
    offer_game,
)

__all__ = [
    "MissingContinuation",
    "best_response_set",
    "classify",
    "classify_responses",
    "deviation_bounds",
    "punishments",
]


class MissingContinuation(ValueError):
    """Some offer has no pure sequentially rational continuation (only mixed ones)."""


def classify_responses(
    model: Model, accept_hi: bool, accept_lo: bool, regime: str
) -> EquilibriumClass:
    """The paper's class of a path where the types respond so and P replies by ``regime``.

    ``SE`` when the types separate in the paper's direction (the abandoner accepts in the
    baseline, the supporter in the extension), ``SE-reversed`` in the other direction,
    ``PE-accept`` / ``PE-reject`` when they pool.
    """
    if accept_hi and accept_lo:
        kind = "PE-accept"
    elif not accept_hi and not accept_lo:
        kind = "PE-reject"
    else:
        accepter = "hi" if accept_hi else "lo"
        kind = "SE" if accepter == offer_game(model).separation else "SE-reversed"
    return EquilibriumClass(kind, regime, regime == offer_game(model).at_stake)


def classify(model: Model, c: Continuation) -> EquilibriumClass:
    """The paper's class of the path of play ``c`` (see :func:`classify_responses`)."""
    return classify_responses(model, c.accept_hi, c.accept_lo, c.regime)


Cont = Continuation | MixedContinuation


def punishments(
    conts: Mapping[Fraction, Sequence[Continuation]],
    mixed: Mapping[Fraction, Sequence[MixedContinuation]] | None = None,
) -> dict[Fraction, Cont]:
    """At every offer, a continuation minimising the offerer's payoff.

    ``mixed`` adds semi-separating continuations, which a PBE may use off the path.
    Ties are broken by preferring pure continuations, then by sort order.
    """
    out: dict[Fraction, Cont] = {}
    for x, cs in conts.items():
        options: list[tuple[Fraction, int, Cont]] = [(c.offerer_payoff, 0, c) for c in cs]
        options += [(c.offerer_payoff, 1, c) for c in (mixed or {}).get(x, ())]
        if not options:
            raise MissingContinuation(f"offer {x} has no sequentially rational continuation found")
        out[x] = min(options, key=lambda o: (o[0], o[1]))[2]
    return out


def deviation_bounds(worst: Mapping[Fraction, Fraction]) -> dict[Fraction, Fraction | None]:
    """At every offer ``x``, the most the offerer guarantees itself at any other offer,
    given ``worst[y]``, its payoff against the harshest continuation at ``y``
    (``None`` on a one-offer grid: nothing to deviate to)."""
    top = sorted(worst.items(), key=lambda kv: kv[1], reverse=True)[:2]
    return {x: next((v for y, v in top if y != x), None) for x in worst}


def best_response_set(
    model: Model,
    conts: Mapping[Fraction, Sequence[Continuation]],
    mixed: Mapping[Fraction, Sequence[MixedContinuation]] | None = None,
) -> list[PBE]:
    """Every path ``(offer, pure continuation)`` of a PBE, sorted by offer.

    Off the path the PBE may use mixed (semi-separating) continuations from ``mixed``.
    """
    bounds = deviation_bounds({x: c.offerer_payoff for x, c in punishments(conts, mixed).items()})
    found = []
    for x, cs in sorted(conts.items()):
        bound = bounds[x]
        for c in cs:
            if bound is None or c.offerer_payoff >= bound:
                found.append(PBE(x, c, bound, classify(model, c)))
    return found
