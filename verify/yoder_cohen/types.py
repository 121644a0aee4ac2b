"""The objects every source of the verifier speaks in.

After the offer ``x`` the rest of either Yoder & Cohen game (A's type-specific
response, P's alliance decision, A's support decision) is a game between A and P
alone, independent across offers. A *pure continuation* fixes every move in it;
a pure PBE of the whole game is R's (C's) offer plus one sequentially rational
continuation at every offer, with R's offer a best reply to them.

Beliefs are always P's own posterior that A is the supporter (under P's prior
``q``), never the rescaled beliefs of the Gambit game.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from gametrees.builders.api import Model
from gametrees.builders.yoder_cohen.tree import OfferGame

__all__ = [
    "BeliefRange",
    "Continuation",
    "EquilibriumClass",
    "MixedContinuation",
    "PBE",
    "nonnegative_on_unit",
    "offer_game",
]


@dataclass(frozen=True, order=True)
class BeliefRange:
    """P's posterior at one information set: a point on the path, an interval off it."""

    lo: Fraction
    hi: Fraction
    on_path: bool

    def __str__(self) -> str:
        return str(self.lo) if self.lo == self.hi else f"[{self.lo}, {self.hi}]"


@dataclass(frozen=True, order=True)
class Continuation:
    """One pure, sequentially rational continuation after offer ``x``.

    ``accept_hi`` / ``accept_lo``: the supporter's / abandoner's response.
    ``ally_accept`` / ``ally_reject``: P's move at its set after each response.
    ``support_hi`` / ``support_lo``: each type's move after an alliance (the same after
    either response: the support decision does not depend on stage 1).
    ``belief_accept`` / ``belief_reject``: the beliefs that make P's moves optimal.
    ``offerer_payoff``: R's (C's) expected payoff under its own prior.
    """

    x: Fraction
    accept_hi: bool
    accept_lo: bool
    ally_accept: bool
    ally_reject: bool
    support_hi: bool
    support_lo: bool
    belief_accept: BeliefRange
    belief_reject: BeliefRange
    offerer_payoff: Fraction

    @property
    def regime(self) -> str:
        """The name of P's reply pattern (see :data:`gametrees.verify.yoder_cohen.closed_forms.REGIMES`)."""
        return {
            (False, False): "none",
            (False, True): "reject",
            (True, False): "accept",
            (True, True): "both",
        }[(self.ally_accept, self.ally_reject)]

    @property
    def responses(self) -> str:
        """``"separating-lo-accepts"``, ``"separating-hi-accepts"``, ``"pool-accept"`` or ``"pool-reject"``."""
        if self.accept_hi and self.accept_lo:
            return "pool-accept"
        if not self.accept_hi and not self.accept_lo:
            return "pool-reject"
        return "separating-hi-accepts" if self.accept_hi else "separating-lo-accepts"


@dataclass(frozen=True, order=True)
class MixedContinuation:
    """A semi-separating continuation after offer ``x``: one type mixes between its
    responses and P mixes at the information set whose posterior sits at its cutoff.

    Offers with no pure sequentially rational continuation still have these; a PBE
    whose path is pure may use them off the path, to punish a deviation.
    ``accept_hi`` / ``accept_lo``: each type's probability of accepting;
    ``ally_accept`` / ``ally_reject``: P's probability of allying at each set;
    ``belief_accept`` / ``belief_reject``: P's posteriors (Bayes' rule; both sets are reached).
    """

    x: Fraction
    accept_hi: Fraction
    accept_lo: Fraction
    ally_accept: Fraction
    ally_reject: Fraction
    support_hi: bool
    support_lo: bool
    belief_accept: Fraction
    belief_reject: Fraction
    offerer_payoff: Fraction


@dataclass(frozen=True, order=True)
class EquilibriumClass:
    """The paper's classification of a pure PBE by its path of play.

    ``kind``: ``"SE"`` (the types separate), ``"PE-accept"``, ``"PE-reject"``.
    ``regime``: P's replies at the equilibrium offer (on and off the path).
    ``at_stake``: the paper's "alliance at stake": P allies iff A rejects (baseline)
    or iff A accepts (extension).
    """

    kind: str
    regime: str
    at_stake: bool

    def __str__(self) -> str:
        return f"{self.kind}/{self.regime}{' (alliance at stake)' if self.at_stake else ''}"


@dataclass(frozen=True)
class PBE:
    """A pure PBE, given by its path: the equilibrium offer and the continuation there.

    ``deviation_bound`` is the most R (C) can guarantee itself by deviating, against
    the continuations that punish it most at every other offer of the grid (``None`` on a
    one-offer grid); the path is an equilibrium exactly when
    ``path.offerer_payoff >= deviation_bound``.
    """

    offer: Fraction
    path: Continuation
    deviation_bound: Fraction | None
    eq_class: EquilibriumClass


def nonnegative_on_unit(a: Fraction, b: Fraction) -> tuple[Fraction, Fraction] | None:
    """``{s in [0, 1] : a + b*s >= 0}`` as a closed interval ``(lo, hi)``, or ``None``.

    Every belief range and every set of P's mixed replies in the verifier is such a set:
    P's gain from allying, and a type's gain from a response, are affine in the belief or
    in P's probability of allying.
    """
    lo, hi = Fraction(0), Fraction(1)
    if b > 0:
        lo = max(lo, -a / b)
    elif b < 0:
        hi = min(hi, -a / b)
    elif a < 0:
        return None
    return (lo, hi) if lo <= hi else None


def offer_game(model: Model) -> OfferGame:
    """The :class:`OfferGame` that ``model`` declares, or ``TypeError`` if it declares none."""
    if not isinstance(model.structure, OfferGame):
        raise TypeError(
            f"model {model.name!r} does not declare the Yoder & Cohen shape (OfferGame), "
            "so it has no closed forms here"
        )
    return model.structure
