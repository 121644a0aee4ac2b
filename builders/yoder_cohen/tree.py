"""The tree shape shared by both Yoder & Cohen (2025) models (Figures 2 and 4).

Nature draws A's type; the offerer (R in the baseline, C in the extension) offers
``x`` from a finite grid in one information set spanning both types; A, knowing
its type, accepts or rejects; P, seeing ``x`` and the response but not the type,
allies or not (one information set per offer and response, spanning both types);
after an alliance A supports or abandons. Only the payoffs differ between the two
models, so each model module passes its own ``payoffs`` function.

Information-set names (also the labels in ``.efg`` files):
``"<offerer> offers"``, ``"A(hi) x=3/10"``, ``"P x=3/10 accept"``,
``"A(hi) x=3/10 accept ally"``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from gametrees.builders.api import chance, decision, terminal
from gametrees.builders.params import ParamError, as_fraction

from gametrees.tree import Chance, Decision, Game

__all__ = ["RESPONSES", "TYPES", "check_offers", "continuation_game", "offer_label", "yc_tree"]

#: A's types: (label of Nature's action, short name in labels, parameter name).
TYPES = (("supporter", "hi", "alpha_hi"), ("abandoner", "lo", "alpha_lo"))
RESPONSES = ("accept", "reject")

PayoffFn = Callable[[Fraction, Fraction, bool, bool, bool], dict[str, Any]]


def offer_label(x: Fraction) -> str:
    """ASCII label of an offer: ``x=3/10``."""
    return f"x={x}"


def check_offers(offers: Sequence[Any]) -> tuple[Fraction, ...]:
    """Exact, distinct offers in [0, 1], in the order given."""
    out = tuple(as_fraction("offers", x) for x in offers)
    if not out:
        raise ParamError("offers", "the offer grid is empty")
    for x in out:
        if not 0 <= x <= 1:
            raise ParamError("offers", f"offer {x} is outside [0, 1]")
    seen: set[Fraction] = set()
    for x in out:
        if x in seen:
            raise ParamError("offers", f"offer {x} appears twice in the grid")
        seen.add(x)
    return out


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
