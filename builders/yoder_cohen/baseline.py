"""Yoder & Cohen (2025), baseline model: bargaining with a third-party rival.

"Fighting to Be Friends", *International Organization*, section "Baseline Model"
and Figure 2; MODEL.md section 1. Players: P (patron), A (prospective ally),
R (common rival).

1. Nature draws A's type: supporter (``alpha_hi``) or abandoner (``alpha_lo``).
2. R offers ``x`` in [0, 1] without knowing the type (one information set).
3. A accepts (A ``phi*alpha*x``, R ``phi*(1-x)``) or rejects: war, A
   ``phi*w*alpha - k_A``, R ``phi*(1-w) - k_R``. P gets 0 in stage 1 (footnote 24).
4. P sees ``x`` and the response, not the type, and allies (pays ``u`` to A) or not.
5. Stage 2: with no alliance, P ``pi``, A ``alpha*pi``, R ``1-pi``. After an alliance A
   supports (P ``pi+w``, A ``alpha*(pi+w) - c``, R ``1-pi-w``) or abandons (as no alliance,
   A keeps ``u``).

Heterogeneous priors (footnote 23): Nature's move uses R's prior ``rho``. P's payoffs
in the supporter subtree are multiplied by ``q/rho`` and in the abandoner subtree by
``(1-q)/(1-rho)``. At every information set of P the expected payoff of each action is
then ``1/Pr_rho(set)`` times P's expected payoff under its own prior ``q``, so P's best
responses (and so the game's equilibria) are those of the model; A and R are unaffected
(R moves once, before P, and A knows its type). Beliefs that a solver reports at P's
sets are under ``rho``; :func:`p_posterior` converts them. With ``q == rho`` nothing is
rescaled.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model, param
from gametrees.builders.params import as_fraction, require
from gametrees.builders.yoder_cohen import claims
from gametrees.builders.yoder_cohen import tree as yc_tree
from gametrees.builders.yoder_cohen.family import offer_game_model

__all__ = [
    "PLAYERS",
    "STRUCTURE",
    "TYPES",
    "BaselineParams",
    "build",
    "outcome_payoffs",
    "p_posterior",
    "MODEL",
]

PLAYERS = ("P", "A", "R")
TYPES = yc_tree.TYPES

F = Fraction


@dataclass(frozen=True)
class BaselineParams:
    """Parameters of the baseline model (MODEL.md section 1), exact rationals.

    The defaults (found by ``gametrees sweep``, generic: no threshold at 0 or 1) admit a
    separating PBE with the alliance at stake -- R offers the abandoner's threshold, the
    abandoner accepts, the supporter fights R and is allied -- beside acceptance pooling
    PBE in which P allies after acceptance (see ``gametrees verify baseline``).
    """

    alpha_lo: Fraction = param(
        F(3, 10), "abandoner's valuation of the assets", "0 < alpha_lo < c/w"
    )
    alpha_hi: Fraction = param(
        F(9, 10), "supporter's valuation of the assets", "c/w <= alpha_hi < 1"
    )
    q: Fraction = param(F(1, 2), "P's prior that A is the supporter", "0 < q < 1")
    rho: Fraction = param(F(1, 2), "R's prior that A is the supporter (footnote 23)", "0 < rho < 1")
    w: Fraction = param(F(3, 5), "A's share of power vs R; what A adds to P", "0 < w < 1")
    phi: Fraction = param(F(2), "weight of the stage-1 asset", "phi > 0")
    k_A: Fraction = param(F(1, 10), "A's cost of stage-1 war", "k_A >= 0", sign="nonnegative")
    k_R: Fraction = param(F(1, 5), "R's cost of stage-1 war", "k_R >= 0", sign="nonnegative")
    pi: Fraction = param(
        F(1, 4), "P's bargaining power vs R in stage 2", "0 <= pi, pi + w <= 1", sign="nonnegative"
    )
    u: Fraction = param(F(1, 10), "alliance transfer from P to A", "u > 0")
    c: Fraction = param(F(1, 5), "A's cost of supporting P", "c > 0")

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, as_fraction(f.name, getattr(self, f.name)))
        check_baseline(self)


def check_baseline(p: Any) -> None:
    """Raise :class:`ParamError` for the first violated assumption of MODEL.md section 1."""
    require(0 < p.w < 1, "w", f"w={p.w} must satisfy 0 < w < 1")
    require(p.c > 0, "c", f"c={p.c} must be > 0")
    star = p.c / p.w
    require(0 < p.alpha_lo, "alpha_lo", f"alpha_lo={p.alpha_lo} must be > 0")
    require(
        p.alpha_lo < star,
        "alpha_lo",
        f"alpha_lo={p.alpha_lo} must be < c/w = {star} (the abandoner does not support)",
    )
    require(
        star <= p.alpha_hi,
        "alpha_hi",
        f"alpha_hi={p.alpha_hi} must be >= c/w = {star} (the supporter supports)",
    )
    require(p.alpha_hi < 1, "alpha_hi", f"alpha_hi={p.alpha_hi} must be < 1")
    require(0 < p.q < 1, "q", f"q={p.q} must satisfy 0 < q < 1")
    require(0 < p.rho < 1, "rho", f"rho={p.rho} must satisfy 0 < rho < 1")
    require(p.phi > 0, "phi", f"phi={p.phi} must be > 0")
    require(p.k_A >= 0, "k_A", f"k_A={p.k_A} must be >= 0")
    require(p.k_R >= 0, "k_R", f"k_R={p.k_R} must be >= 0")
    require(p.pi >= 0, "pi", f"pi={p.pi} must be >= 0")
    require(p.pi + p.w <= 1, "pi", f"pi + w = {p.pi + p.w} must be <= 1 (pi={p.pi}, w={p.w})")
    require(p.u > 0, "u", f"u={p.u} must be > 0")


def outcome_payoffs(
    p: Any, alpha: Any, x: Any, accept: bool, ally: bool, support: bool
) -> dict[str, Any]:
    """Total payoffs (stage 1 + stage 2 +/- ``u``) of P, A and R at one outcome.

    Written once for exact numbers and for sympy symbols alike: ``p`` may hold
    ``Fraction`` values (the builder) or symbols (``gametrees.verify.yoder_cohen.closed_forms``).
    ``support`` is ignored when ``ally`` is false.
    """
    if accept:
        a1, r1 = p.phi * alpha * x, p.phi * (1 - x)
    else:
        a1, r1 = p.phi * p.w * alpha - p.k_A, p.phi * (1 - p.w) - p.k_R
    if ally and support:
        p2, a2, r2 = p.pi + p.w, alpha * (p.pi + p.w) - p.c, 1 - p.pi - p.w
    else:
        p2, a2, r2 = p.pi, alpha * p.pi, 1 - p.pi
    transfer = p.u if ally else 0
    return {"P": p2 - transfer, "A": a1 + a2 + transfer, "R": r1 + r2}


def p_posterior(p: BaselineParams, belief_rho: Fraction) -> Fraction:
    """P's posterior that A is the supporter, from a belief computed under ``rho``."""
    return yc_tree.p_posterior(p.q, p.rho, belief_rho)


#: The model's shape, which the Yoder & Cohen analysis recognises (closed forms, fast solver).
STRUCTURE = yc_tree.OfferGame(
    offerer="R",
    offerer_prior="rho",
    payoffs=outcome_payoffs,
    separation="lo",
    at_stake="reject",
    response_figure=3,
    map_axes=("w", "rho"),
)


MODEL: Model[BaselineParams] = offer_game_model(
    name="baseline",
    title="Yoder & Cohen (2025) baseline: bargaining with a third-party rival",
    reference="Yoder & Cohen (2025), International Organization, section 'Baseline Model', Figure 2",
    players=PLAYERS,
    params_type=BaselineParams,
    structure=STRUCTURE,
    tree_title="Yoder-Cohen baseline",
    description="Yoder & Cohen (2025), baseline model",
    offer="R's offer of the stage-1 asset to A",
    caption="The baseline model (Yoder & Cohen 2025, Figure 2), drawn from the model's payoffs",
    claims=claims.BASELINE,
)

#: The full tree at the offers (see :func:`gametrees.builders.yoder_cohen.family.offer_game_model`).
build = MODEL.build
