"""A pure PBE of a Yoder & Cohen model written as a full-tree assessment, for certification.

:func:`pbe_profile` turns a :class:`~gametrees.verify.yoder_cohen.types.PBE` (the path)
plus a punishing continuation at every other offer into behaviour and beliefs at every
information set of the full tree, with P's beliefs in the *game's* terms (the rescaled
game's chance prior, MODEL.md section 3), which the generic certifier
(:func:`gametrees.verify.certify.certify_sequential`) and Gambit's exact agent regret
(:func:`gametrees.verify.certify.gambit_regret`) then check.

Information sets are named as :mod:`gametrees.builders.yoder_cohen.tree` names them
(``"R offers"``, ``"A(hi) x=3/10"``, ``"P x=3/10 accept"``, ``"A(hi) x=3/10 accept ally"``);
P's members are ``[supporter node, abandoner node]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model
from gametrees.builders.yoder_cohen import tree as yc_tree
from gametrees.tree import Game
from gametrees.verify.certify import Behavior, Beliefs
from gametrees.verify.yoder_cohen.types import (
    PBE,
    BeliefRange,
    Continuation,
    MixedContinuation,
    offer_game,
)

__all__ = [
    "ModelSetup",
    "from_game_belief",
    "model_setup",
    "pbe_profile",
    "pick_belief",
    "to_game_belief",
]


@dataclass(frozen=True)
class ModelSetup:
    """What the verifier needs to know about one Yoder & Cohen model at a parameter point.

    ``prior`` is the offerer's prior (``rho`` in the baseline, ``psi`` in the extension),
    the chance probability of the supporter in the game; ``payoffs(alpha, x, accept, ally,
    support)`` is the model's ``outcome_payoffs`` at ``params`` (unscaled, every player).
    """

    model: Model
    params: Any
    offerer: str
    prior: Fraction
    payoffs: Callable[[Fraction, Fraction, bool, bool, bool], dict[str, Fraction]]
    build: Callable[[Any, Sequence[Fraction]], Game]

    def alpha(self, t: str) -> Fraction:
        """A's valuation for type ``"hi"`` (supporter) or ``"lo"`` (abandoner)."""
        return self.params.alpha_hi if t == "hi" else self.params.alpha_lo

    def p_posterior(self, game_belief: Fraction) -> Fraction:
        """P's own posterior (prior ``q``) from a belief of the rescaled game."""
        return from_game_belief(self.params.q, self.prior, game_belief)

    def game_belief(self, posterior: Fraction) -> Fraction:
        """The rescaled game's belief that corresponds to P's own posterior."""
        return to_game_belief(self.params.q, self.prior, posterior)


def model_setup(model: Model, params: Any) -> ModelSetup:
    """The :class:`ModelSetup` of ``model`` (a model declaring an :class:`OfferGame`) at ``params``."""
    shape = offer_game(model)

    def payoffs(alpha: Fraction, x: Fraction, accept: bool, ally: bool, support: bool) -> dict:
        return shape.payoffs(params, alpha, x, accept, ally, support)

    return ModelSetup(model, params, shape.offerer, shape.prior(params), payoffs, model.build)


def from_game_belief(q: Fraction, prior: Fraction, b: Fraction) -> Fraction:
    """P's posterior from the game's belief ``b`` (same as :func:`gametrees.builders.yoder_cohen.tree.p_posterior`)."""
    return yc_tree.p_posterior(q, prior, b)


def to_game_belief(q: Fraction, prior: Fraction, m: Fraction) -> Fraction:
    """Invert :func:`gametrees.builders.yoder_cohen.tree.p_posterior`: the game's belief ``b`` with P-posterior ``m``.

    With weights ``w_hi = q/prior``, ``w_lo = (1-q)/(1-prior)``,
    ``m = w_hi b / (w_hi b + w_lo (1-b))`` gives ``b = m w_lo / (m w_lo + (1-m) w_hi)``.
    """
    w = yc_tree.p_weights(q, prior)
    return m * w["lo"] / (m * w["lo"] + (1 - m) * w["hi"])


def pick_belief(r: BeliefRange) -> Fraction:
    """A point of a belief range: the point itself on the path, the midpoint off it."""
    return r.lo if r.lo == r.hi else (r.lo + r.hi) / 2


def pbe_profile(
    model: Model,
    params: Any,
    offers: Sequence[Fraction],
    pbe: PBE,
    punish: Mapping[Fraction, Continuation | MixedContinuation],
) -> tuple[Behavior, Beliefs]:
    """The full-tree assessment of a PBE of ``model`` on the grid ``offers``.

    The offerer offers ``pbe.offer``; after every offer ``x`` the continuation is
    ``pbe.path`` at the equilibrium offer and ``punish[x]`` elsewhere (a ``punish`` entry
    at the equilibrium offer is ignored). Beliefs: the offerer's set ``[prior, 1 - prior]``;
    A's singleton sets ``[1]``; P's sets ``[b, 1 - b]`` over (supporter, abandoner) with
    ``b`` the *game's* belief (prior ``rho``/``psi``, rescaled payoffs; MODEL.md section 3)
    whose P-posterior is the continuation's point on the path or the midpoint of its
    off-path range (:func:`pick_belief`). Keys are the names of :mod:`gametrees.builders.yoder_cohen.tree`.
    A punishing :class:`MixedContinuation` (semi-separating) is written with its
    probabilities and its Bayes posteriors (both of P's sets are reached in it).
    """
    setup = model_setup(model, params)
    grid = yc_tree.check_offers(offers)
    if pbe.offer not in grid:
        raise ValueError(f"the equilibrium offer {pbe.offer} is not on the grid")
    behavior: Behavior = {
        f"{setup.offerer} offers": {
            yc_tree.offer_label(x): Fraction(int(x == pbe.offer)) for x in grid
        }
    }
    beliefs: Beliefs = {f"{setup.offerer} offers": [setup.prior, 1 - setup.prior]}
    for x in grid:
        if x == pbe.offer:
            cont = pbe.path
        else:
            if x not in punish:
                raise ValueError(f"no punishing continuation given at offer {x}")
            cont = punish[x]
        if cont.x != x:
            raise ValueError(f"the continuation given at offer {x} is for offer {cont.x}")
        _continuation_profile(setup, cont, behavior, beliefs)
    return behavior, beliefs


def _continuation_profile(
    setup: ModelSetup,
    cont: Continuation | MixedContinuation,
    behavior: Behavior,
    beliefs: Beliefs,
) -> None:
    """Add the moves and beliefs of one continuation, by information-set name."""
    xl = yc_tree.offer_label(cont.x)
    one = Fraction(1)

    def move(first: bool | Fraction, a: str, b: str) -> dict[str, Fraction]:
        pr = Fraction(first) if isinstance(first, Fraction) else Fraction(int(first))
        return {a: pr, b: 1 - pr}

    def posterior(rng: BeliefRange | Fraction) -> Fraction:
        return rng if isinstance(rng, Fraction) else pick_belief(rng)

    accepts = {"hi": cont.accept_hi, "lo": cont.accept_lo}
    supports = {"hi": cont.support_hi, "lo": cont.support_lo}
    for t in ("hi", "lo"):
        behavior[f"A({t}) {xl}"] = move(accepts[t], "accept", "reject")
        beliefs[f"A({t}) {xl}"] = [one]
        for response in yc_tree.RESPONSES:
            name = f"A({t}) {xl} {response} ally"
            behavior[name] = move(supports[t], "support", "abandon")
            beliefs[name] = [one]
    for response, ally, rng in (
        ("accept", cont.ally_accept, cont.belief_accept),
        ("reject", cont.ally_reject, cont.belief_reject),
    ):
        name = f"P {xl} {response}"
        behavior[name] = move(ally, "ally", "not")
        b = setup.game_belief(posterior(rng))
        beliefs[name] = [b, 1 - b]
