"""Yoder & Cohen (2025), extension: bargaining with the patron's existing client.

"Fighting to Be Friends", section "Extension: Bargaining with a Patron's Existing
Client" and Figure 4; footnotes 102-112; MODEL.md section 2. Players: P (patron),
A (prospective ally), C (P's existing client, who makes the stage-1 offer) and R
(the rival, who does not move but whose payoffs are defined).

Stage 1 is played between A and C over an asset A values at ``beta``:
accept: A ``phi*beta*x``, C ``phi*(1-x)``; reject (war): A ``phi*z*w*beta - k_A``,
C ``phi*(1-z*w) - k_C``. A stage-1 war cuts P's stage-2 leverage from ``pi`` to
``pi - f``. Stage 2 is the baseline's with that leverage. C's stage-2 payoffs are
P's ("identical to P's"); whether C also bears P's transfer ``u`` the paper does not
say: ``c_bears_transfer`` (default ``False``) decides it.

Heterogeneous priors (footnote 103): Nature uses C's prior ``psi`` and P's payoffs are
rescaled exactly as in :mod:`gametrees.builders.yoder_cohen.baseline` (with ``psi`` in place of ``rho``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model, param
from gametrees.builders.params import ParamError, as_fraction, require
from gametrees.builders.yoder_cohen import claims
from gametrees.builders.yoder_cohen import tree as yc_tree
from gametrees.builders.yoder_cohen.baseline import check_baseline
from gametrees.builders.yoder_cohen.family import offer_game_model

__all__ = [
    "PLAYERS",
    "STRUCTURE",
    "ClientParams",
    "build",
    "outcome_payoffs",
    "p_posterior",
    "MODEL",
]

PLAYERS = ("P", "A", "C", "R")
TYPES = yc_tree.TYPES

F = Fraction


@dataclass(frozen=True)
class ClientParams:
    """Parameters of the client extension (MODEL.md section 2), exact rationals.

    ``rho`` (R's prior) plays no role here: R does not move. ``c_bears_transfer``
    is the explicit answer to the question the paper leaves open (0 = no, 1 = yes).
    The defaults put the game in the separating class with the alliance at stake:
    C offers the supporter's threshold, the supporter accepts and is allied, the
    abandoner fights (see ``gametrees verify client``).
    """

    alpha_lo: Fraction = param(
        F(1, 5), "abandoner's valuation of the stage-2 asset", "0 < alpha_lo < c/w"
    )
    alpha_hi: Fraction = param(
        F(4, 5), "supporter's valuation of the stage-2 asset", "c/w <= alpha_hi < 1"
    )
    q: Fraction = param(F(1, 10), "P's prior that A is the supporter", "0 < q < 1")
    psi: Fraction = param(
        F(1, 2), "C's prior that A is the supporter (footnote 103)", "0 < psi < 1"
    )
    w: Fraction = param(F(1, 2), "A's power added to P vs R", "0 < w < 1")
    z: Fraction = param(F(1), "A's power vs C relative to w", "z >= 1, z*w <= 1")
    beta: Fraction = param(F(1), "A's value of the stage-1 asset", "beta > 0")
    phi: Fraction = param(F(1), "weight of the stage-1 asset", "phi > 0")
    k_A: Fraction = param(F(1, 10), "A's cost of stage-1 war", "k_A >= 0", sign="nonnegative")
    k_C: Fraction = param(F(1, 10), "C's cost of stage-1 war", "k_C >= 0", sign="nonnegative")
    pi: Fraction = param(
        F(1, 4), "P's bargaining power vs R in stage 2", "0 <= pi, pi + w <= 1", sign="nonnegative"
    )
    f: Fraction = param(
        F(1, 10), "loss of P's leverage after a stage-1 war", "0 <= f <= pi", sign="nonnegative"
    )
    u: Fraction = param(F(1, 10), "alliance transfer from P to A", "u > 0")
    c: Fraction = param(F(1, 5), "A's cost of supporting P", "c > 0")
    c_bears_transfer: Fraction = param(
        F(0), "1 if C also pays P's transfer u, else 0", "0 or 1", sign="nonnegative"
    )

    def __post_init__(self) -> None:
        for fl in fields(self):
            object.__setattr__(self, fl.name, as_fraction(fl.name, getattr(self, fl.name)))
        check_client(self)

    @property
    def rho(self) -> Fraction:
        """The offerer's prior, named as in the baseline (here C's prior ``psi``)."""
        return self.psi


def check_client(p: Any) -> None:
    """Raise :class:`ParamError` for the first violated assumption of MODEL.md section 2."""
    require(0 < p.psi < 1, "psi", f"psi={p.psi} must satisfy 0 < psi < 1")
    check_baseline(_BaselineView(p))
    require(p.z >= 1, "z", f"z={p.z} must be >= 1")
    require(p.z * p.w <= 1, "z", f"z*w = {p.z * p.w} must be <= 1 (z={p.z}, w={p.w})")
    require(p.beta > 0, "beta", f"beta={p.beta} must be > 0")
    require(p.k_C >= 0, "k_C", f"k_C={p.k_C} must be >= 0")
    require(p.f >= 0, "f", f"f={p.f} must be >= 0")
    require(p.f <= p.pi, "f", f"f={p.f} must be <= pi = {p.pi}")
    if p.c_bears_transfer not in (0, 1):
        raise ParamError(
            "c_bears_transfer", f"c_bears_transfer={p.c_bears_transfer} must be 0 or 1"
        )


class _BaselineView:
    """The client's parameters seen through the baseline's checks (``rho`` and ``k_R`` unused)."""

    def __init__(self, p: Any) -> None:
        self._p = p
        self.rho = p.psi
        self.k_R = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._p, name)


def outcome_payoffs(
    p: Any, alpha: Any, x: Any, accept: bool, ally: bool, support: bool
) -> dict[str, Any]:
    """Total payoffs of P, A, C and R at one outcome (exact numbers or sympy symbols)."""
    if accept:
        a1, c1, lev = p.phi * p.beta * x, p.phi * (1 - x), p.pi
    else:
        a1, c1, lev = (
            p.phi * p.z * p.w * p.beta - p.k_A,
            p.phi * (1 - p.z * p.w) - p.k_C,
            p.pi - p.f,
        )
    if ally and support:
        p2, a2, r2 = lev + p.w, alpha * (lev + p.w) - p.c, 1 - lev - p.w
    else:
        p2, a2, r2 = lev, alpha * lev, 1 - lev
    transfer = p.u if ally else 0
    return {
        "P": p2 - transfer,
        "A": a1 + a2 + transfer,
        "C": c1 + p2 - p.c_bears_transfer * transfer,
        "R": r2,
    }


def p_posterior(p: ClientParams, belief_psi: Fraction) -> Fraction:
    """P's posterior that A is the supporter, from a belief computed under ``psi``."""
    return yc_tree.p_posterior(p.q, p.psi, belief_psi)


#: The model's shape, which the Yoder & Cohen analysis recognises (closed forms, fast solver).
STRUCTURE = yc_tree.OfferGame(
    offerer="C",
    offerer_prior="psi",
    payoffs=outcome_payoffs,
    separation="hi",
    at_stake="accept",
    response_figure=4,
    map_axes=("u", "q"),
)


MODEL: Model[ClientParams] = offer_game_model(
    name="client",
    title="Yoder & Cohen (2025) extension: bargaining with the patron's existing client",
    reference="Yoder & Cohen (2025), International Organization, section 'Extension', Figure 4",
    players=PLAYERS,
    params_type=ClientParams,
    structure=STRUCTURE,
    tree_title="Yoder-Cohen client extension",
    description="Yoder & Cohen (2025), client extension",
    offer="C's offer of the stage-1 asset to A",
    caption="The client extension (Yoder & Cohen 2025, section 'Extension'), drawn from the model's payoffs",
    claims=claims.CLIENT,
    schematic_options={
        "c_bears_transfer": (0, "1: C's payoffs include P's transfer u (the paper is silent)")
    },
)

#: The full tree at the offers (see :func:`gametrees.builders.yoder_cohen.family.offer_game_model`).
build = MODEL.build
