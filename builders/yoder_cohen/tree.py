"""The tree shape shared by both Yoder & Cohen (2025) models (Figures 2 and 4).

Nature draws A's type; the offerer (R in the baseline, C in the extension) offers
``x`` from a finite grid in one information set spanning both types; A, knowing
its type, accepts or rejects; P, seeing ``x`` and the response but not the type,
allies or not (one information set per offer and response, spanning both types);
after an alliance A supports or abandons. Only the payoffs differ between the two
models: each model declares its :class:`OfferGame` (offerer, prior, payoff function,
the paper's names for its classes) and the tree is built from it.

:class:`OfferGame` is also what the model-family analysis ``gametrees.verify.yoder_cohen``
recognises: any model declaring it gets the closed forms and the fast exact solver.

Information-set names (also the labels in ``.efg`` files):
``"<offerer> offers"``, ``"A(hi) x=3/10"``, ``"P x=3/10 accept"``,
``"A(hi) x=3/10 accept ally"``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametrees.builders.api import chance, decision, terminal
from gametrees.builders.grid import explicit_grid
from gametrees.tree import Chance, Decision, Game

__all__ = [
    "REGIMES",
    "RESPONSES",
    "TYPES",
    "OfferGame",
    "check_offers",
    "continuation_game",
    "offer_game",
    "offer_label",
    "p_posterior",
    "p_weights",
    "yc_tree",
]

#: A's types: (label of Nature's action, short name in labels, parameter name).
TYPES = (("supporter", "hi", "alpha_hi"), ("abandoner", "lo", "alpha_lo"))
RESPONSES = ("accept", "reject")

#: P's reply patterns ("regimes"): name -> (P allies after accept, P allies after reject).
#: ``"reject"`` is the baseline's "alliance at stake", ``"accept"`` the extension's.
REGIMES: dict[str, tuple[bool, bool]] = {
    "none": (False, False),
    "reject": (False, True),
    "accept": (True, False),
    "both": (True, True),
}

#: ``payoffs(alpha, x, accept, ally, support)`` at one parameter point.
PayoffFn = Callable[[Fraction, Fraction, bool, bool, bool], dict[str, Any]]
#: ``outcome_payoffs(params, alpha, x, accept, ally, support)``: exact numbers or sympy symbols.
ModelPayoffs = Callable[[Any, Any, Any, bool, bool, bool], dict[str, Any]]


@dataclass(frozen=True)
class OfferGame:
    """The shape of a Yoder & Cohen model, declared by the model (``Model.structure``).

    ``offerer``: who offers (``"R"``, ``"C"``); ``offerer_prior``: the parameter holding its
    prior that A is the supporter (``"rho"``, ``"psi"``: Nature's probability in the tree);
    ``payoffs(params, alpha, x, accept, ally, support)``: every player's total payoff at an
    outcome, written once for exact numbers and sympy symbols alike; ``separation``: the
    type that accepts in the paper's separating equilibrium (``"lo"`` in the baseline, ``"hi"``
    in the extension); ``at_stake``: the regime the paper calls "alliance at stake"
    (:data:`REGIMES`); ``response_figure``: the number of the paper's figure of A's
    responses (3, 4); ``map_axes``: the two parameters of the equilibrium map.
    """

    offerer: str
    offerer_prior: str
    payoffs: ModelPayoffs
    separation: str
    at_stake: str
    response_figure: int
    map_axes: tuple[str, str]

    def prior(self, params: Any) -> Fraction:
        """The offerer's prior that A is the supporter at ``params``."""
        return getattr(params, self.offerer_prior)

    def thresholds(self, params: Any) -> dict[tuple[str, str], Fraction]:
        """Each type's lowest acceptable offer in each regime of P's replies, exactly.

        Keys ``(type, regime)``, type ``"hi"`` (supporter, who supports after an alliance)
        or ``"lo"`` (abandoner, who abandons). A's gain from accepting over rejecting is
        affine in ``x`` (its stage-1 payoff is), so the threshold is where that gain is 0:
        ``x = -g(0) / (g(1) - g(0))``, computed from :attr:`payoffs` at ``params``; values
        may lie outside [0, 1]. (``gametrees.verify.yoder_cohen.closed_forms`` derives the
        same thresholds symbolically; the tests compare the two.)
        """
        out = {}
        for _, t, name in TYPES:
            alpha = getattr(params, name)
            for regime, (ally_acc, ally_rej) in REGIMES.items():
                support = t == "hi"

                def gain(x: Fraction, a=alpha, aa=ally_acc, ar=ally_rej, s=support) -> Fraction:
                    accept = self.payoffs(params, a, x, True, aa, s)["A"]
                    reject = self.payoffs(params, a, x, False, ar, s)["A"]
                    return Fraction(accept - reject)

                g0, g1 = gain(Fraction(0)), gain(Fraction(1))
                if g1 != g0:
                    out[(t, regime)] = -g0 / (g1 - g0)
        return out

    def critical_points(self, params: Any) -> list[Fraction]:
        """The offers every grid must contain: the thresholds (MODEL.md section 3)."""
        return sorted(set(self.thresholds(params).values()))


def offer_label(x: Fraction) -> str:
    """ASCII label of an offer: ``x=3/10``."""
    return f"x={x}"


def check_offers(offers: Sequence[Any]) -> tuple[Fraction, ...]:
    """Exact, distinct offers in [0, 1], in the order given."""
    return explicit_grid(offers)


def _type_subtree(
    players: Sequence[str],
    offerer: str,
    t: str,
    alpha: Fraction,
    p_weight: Fraction,
    offers: Sequence[Fraction],
    payoffs: PayoffFn,
) -> Decision:
    """The offerer's node in type ``t``'s subtree, with everything below it."""
    branches = [
        (offer_label(x), _after_offer(players, t, alpha, p_weight, x, payoffs)) for x in offers
    ]
    return decision(offerer, f"{offerer} offers", branches)


def _after_offer(
    players: Sequence[str],
    t: str,
    alpha: Fraction,
    p_weight: Fraction,
    x: Fraction,
    payoffs: PayoffFn,
) -> Decision:
    """Type ``t``'s response node to offer ``x``, with P's and A's moves below it."""
    xl = offer_label(x)
    responses = []
    for response in RESPONSES:
        accept = response == "accept"

        def leaf(
            ally: bool, support: bool, name: str, accept: bool = accept, response: str = response
        ) -> Any:
            pay = payoffs(alpha, x, accept, ally, support)
            pay["P"] = pay["P"] * p_weight
            return terminal(players, pay, outcome=f"{t} {xl} {response} {name}")

        support = decision(
            "A",
            f"A({t}) {xl} {response} ally",
            [
                ("support", leaf(True, True, "ally support")),
                ("abandon", leaf(True, False, "ally abandon")),
            ],
        )
        p_node = decision(
            "P", f"P {xl} {response}", [("ally", support), ("not", leaf(False, False, "not"))]
        )
        responses.append((response, p_node))
    return decision("A", f"A({t}) {xl}", responses)


def yc_tree(
    p: Any,
    players: Sequence[str],
    offerer: str,
    chance_prior: Fraction,
    offers: Sequence[Fraction],
    payoffs: PayoffFn,
) -> Chance:
    """Nature's root node over the two types, with the whole game below it.

    ``chance_prior`` is the offerer's prior that A is the supporter; P's payoffs are
    scaled by ``q/chance_prior`` (supporter) and ``(1-q)/(1-chance_prior)`` (abandoner)
    so that P best-responds under its own prior ``q`` (MODEL.md section 3).
    """
    weights = p_weights(p.q, chance_prior)
    probs = {"hi": chance_prior, "lo": 1 - chance_prior}
    return chance(
        [
            (
                label,
                probs[t],
                _type_subtree(players, offerer, t, getattr(p, a), weights[t], offers, payoffs),
            )
            for label, t, a in TYPES
        ]
    )


def continuation_game(
    p: Any, chance_prior: Fraction, x: Fraction, payoffs: PayoffFn, title: str = ""
) -> Game:
    """The two-player game between P and A that follows the offer ``x``.

    Same nodes, labels and (rescaled) payoffs as below ``x`` in the full tree, with only
    P's and A's payoffs kept and Nature's move on top. Because the offerer moves once,
    first, and its offer is observed, each offer's continuation can be solved on its own
    (MODEL.md section 3; GAMBIT_NOTES pitfall 9: Gambit sees no proper subgame here).
    """
    players = ("P", "A")
    weights = p_weights(p.q, chance_prior)
    probs = {"hi": chance_prior, "lo": 1 - chance_prior}

    def two_player(alpha: Fraction, x_: Fraction, accept: bool, ally: bool, support: bool) -> dict:
        pay = payoffs(alpha, x_, accept, ally, support)
        return {"P": pay["P"], "A": pay["A"]}

    root = chance(
        [
            (label, probs[t], _after_offer(players, t, getattr(p, a), weights[t], x, two_player))
            for label, t, a in TYPES
        ]
    )
    return Game(players, root, title=title or f"continuation after {offer_label(x)}")


def p_weights(q: Fraction, chance_prior: Fraction) -> dict[str, Fraction]:
    """The factors on P's payoffs in the supporter (``hi``) and abandoner (``lo``) subtrees."""
    return {"hi": q / chance_prior, "lo": (1 - q) / (1 - chance_prior)}


def p_posterior(q: Fraction, chance_prior: Fraction, belief: Fraction) -> Fraction:
    """P's posterior that A is the supporter, from a belief computed under ``chance_prior``."""
    w = p_weights(q, chance_prior)
    hi = w["hi"] * belief
    return hi / (hi + w["lo"] * (1 - belief))


def offer_game(
    structure: OfferGame,
    params: Any,
    players: Sequence[str],
    offers: Sequence[Any],
    *,
    title: str,
    description: str,
) -> Game:
    """The full tree of a model of shape ``structure`` at ``params`` on the grid ``offers``.

    Nature uses the offerer's prior; P's payoffs are rescaled so that P best-responds under
    its own prior ``q`` (:func:`yc_tree`); the ``.efg`` comment says so and lists the
    parameters. Nodes: ``22|X| + 3``; terminals ``12|X|``; information sets: the offerer 1,
    A ``6|X|``, P ``2|X|``.
    """
    grid = check_offers(offers)

    def payoffs(alpha: Fraction, x: Fraction, accept: bool, ally: bool, support: bool) -> dict:
        return structure.payoffs(params, alpha, x, accept, ally, support)

    prior = structure.prior(params)
    root = yc_tree(params, players, structure.offerer, prior, grid, payoffs)
    w = p_weights(params.q, prior)
    name = structure.offerer_prior
    comment = (
        f"{description}. Nature uses {structure.offerer}'s prior {name}; "
        f"P's payoffs are scaled by q/{name} = {w['hi']} (supporter) and "
        f"(1-q)/(1-{name}) = {w['lo']} (abandoner) so that P best-responds under its prior q. "
        "Parameters: "
        + ", ".join(f"{f.name}={getattr(params, f.name)}" for f in dataclasses.fields(params))
    )
    return Game(tuple(players), root, title=title, comment=comment)
