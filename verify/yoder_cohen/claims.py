"""Yoder & Cohen's claims decided at one parameter point, exactly, for ``gametrees check``.

Printed formulas are decided symbolically (:mod:`gametrees.verify.yoder_cohen.paper`);
signs and bounds of derived quantities are evaluated exactly at the point (compiled from
the sympy derivations); claims about classes of equilibria are decided on the PBE paths
of the built game's grid (:mod:`gametrees.verify.yoder_cohen.enumerate`,
:mod:`~gametrees.verify.yoder_cohen.combine`), a counterexample path then certified on the
full tree by the generic certifier (:func:`gametrees.verify.certify.certify_sequential`)
and Gambit's exact agent regret.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from gametrees.builders.api import Model
from gametrees.builders.claims import AtStakeClaim, BoundClaim, ClassClaim, FormulaClaim, SignClaim
from gametrees.verify.analyses import PointCheck
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.claims import conditions_hold
from gametrees.verify.yoder_cohen.closed_forms import compile_exact, model_symbols
from gametrees.verify.yoder_cohen.combine import best_response_set, punishments
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
from gametrees.verify.yoder_cohen.paper import _formula_row, quantity
from gametrees.verify.yoder_cohen.profile import pbe_profile
from gametrees.verify.yoder_cohen.types import PBE

__all__ = ["check_claim"]


@lru_cache(maxsize=64)
def _compiled(model: Model, claim: SignClaim | BoundClaim) -> Callable[[Any], Fraction]:
    if isinstance(claim, SignClaim):
        expr = quantity(model, claim.left)
        if claim.right is not None:
            expr = expr - quantity(model, claim.right)
    else:
        par = getattr(model_symbols(model), claim.parameter)
        expr = sp.diff(quantity(model, claim.quantity), par)
    return compile_exact(sp.simplify(expr), model)


@lru_cache(maxsize=512)
def _pbes(model: Model, params: Any, grid: tuple[Fraction, ...]) -> tuple[tuple[PBE, ...], Any]:
    pure, mixed = per_offer_exact(model, params, grid)
    return tuple(best_response_set(model, pure, mixed)), (pure, mixed)


def _certified(model: Model, params: Any, grid: tuple[Fraction, ...], e: PBE) -> str:
    """The witnessing PBE checked on the full tree, in words (with the knife edges the
    point is on, if any)."""
    _, (pure, mixed) = _pbes(model, params, grid)
    behavior, beliefs = pbe_profile(model, params, grid, e, punishments(pure, mixed))
    game = model.build(params, grid)
    violations = certify_sequential(game, behavior, beliefs)
    regret = gambit_regret(game, behavior, check=False)
    edges = knife_edges(params)
    where = f"; at the knife edge {', '.join(edges)}" if edges else ""
    if violations or regret != 0:
        return f"NOT certified on the full tree: {violations[:1]} regret {regret}{where}"
    return (
        f"certified on the full tree (sequentially rational; Gambit's exact agent regret 0){where}"
    )


def knife_edges(params: Any) -> list[str]:
    """The knife edges the point sits on, in words: a tie in P's or A's incentives."""
    p = params
    edges = []
    if p.q * p.w == p.u:
        edges.append("q = u/w (P indifferent at its prior)")
    if p.w == p.u:
        edges.append("w = u (P indifferent at belief 1)")
    if p.alpha_hi * p.w == p.c:
        edges.append("alpha_hi = c/w (the supporter indifferent about supporting)")
    return edges


def _describe(e: PBE) -> str:
    c = e.path
    return (
        f"{e.eq_class} at x={e.offer}: supporter {'accepts' if c.accept_hi else 'rejects'}, "
        f"abandoner {'accepts' if c.accept_lo else 'rejects'}, offerer gets {c.offerer_payoff}"
    )


def check_claim(
    model: Model, claim: Any, params: Any, grid: Sequence[Fraction]
) -> PointCheck | None:
    """Decide ``claim`` at ``params`` on ``grid`` (``None``: not a claim decided here)."""
    grid = tuple(grid)
    if isinstance(claim, FormulaClaim):
        row = _formula_row(model, claim, params)
        return PointCheck(True, row.verdict in ("agrees", "not printed"), row.note, row.verdict)
    if isinstance(claim, SignClaim):
        value = _compiled(model, claim)(params)
        holds = value > 0 if claim.sign > 0 else value < 0
        return PointCheck(True, holds, f"the difference is {value} here")
    if isinstance(claim, BoundClaim):
        slope = _compiled(model, claim)(params)
        holds = slope > 0 if claim.increasing else slope < 0
        return PointCheck(True, holds, f"d {claim.quantity} / d {claim.parameter} = {slope} here")
    if isinstance(claim, ClassClaim):
        pbes, _ = _pbes(model, params, grid)
        witnesses = [e for e in pbes if e.eq_class.kind == claim.eq_class]
        if bool(witnesses) == claim.exists:
            return PointCheck(True, True, f"{len(witnesses)} {claim.eq_class} PBE paths")
        if witnesses:
            e = witnesses[0]
            return PointCheck(
                True, False, f"a {_describe(e)}; {_certified(model, params, grid, e)}"
            )
        return PointCheck(True, False, f"no {claim.eq_class} PBE path on this grid")
    if isinstance(claim, AtStakeClaim):
        pbes, _ = _pbes(model, params, grid)
        of_class = [e for e in pbes if e.eq_class.kind == claim.eq_class]
        if not of_class:
            return PointCheck(False, True, f"no {claim.eq_class} PBE here")
        condition = conditions_hold(model, (claim.condition,), params)
        wrong = [
            e
            for e in of_class
            if (e.eq_class.at_stake and not condition)
            or (not claim.necessary_only and condition and not e.eq_class.at_stake)
        ]
        if not wrong:
            at = sum(e.eq_class.at_stake for e in of_class)
            return PointCheck(True, True, f"{at} of {len(of_class)} with the alliance at stake")
        e = wrong[0]
        return PointCheck(
            True,
            False,
            f"{claim.condition} is {condition}, yet a {_describe(e)} has the alliance "
            f"{'at stake' if e.eq_class.at_stake else 'not at stake'}; "
            f"{_certified(model, params, grid, e)}",
        )
    return None
