"""Gambit as a source of the verifier: per-offer continuations and full-tree logit.

Why the per-offer decomposition is exact
----------------------------------------
In both Yoder & Cohen games the offerer (R in the baseline, C in the extension) moves
once, first (after Nature), at a single information set, and its offer ``x`` is seen by
A and P. Everything after ``x`` -- A's type-specific response, P's alliance decision at
its two sets ``P x accept`` / ``P x reject``, A's support decision -- happens inside the
*continuation after x*: a two-player game between A and P whose only uncertainty is
Nature's draw of A's type, with the offerer's prior (the chance probability) as its
starting belief (the offerer's move carries no information about the type).
The information sets after different offers are disjoint, and no later move depends on
the offer except through the continuation it starts. Hence an assessment of the full
game is a perfect Bayesian equilibrium iff

1. its restriction to the continuation after *every* offer ``x`` (on or off the path) is
   a PBE of that continuation game -- sequential rationality at P's and A's sets and
   Bayes' rule where reachable are statements about the type only, the same in the
   continuation as in the full tree once the offer is fixed; and
2. the offerer's offer is a best reply to those continuations (its payoff from ``x`` is
   the continuation's expected payoff under its prior).

(This is the usual backward-induction argument for a first mover whose action is
observed: Fudenberg & Tirole 1991, *Game Theory*, sections 8.2-8.3.) Gambit cannot make
the split itself: it finds no proper subgames in these trees (GAMBIT_NOTES pitfall 9)
because the offerer's and P's information sets span both types' subtrees. So we split by
hand, with :func:`gametrees.builders.yoder_cohen.tree.continuation_game`, built from the same code as the
full tree; condition 2 is left to :mod:`gametrees.verify.yoder_cohen.combine`.

What Gambit contributes, and what we check ourselves
----------------------------------------------------
On each continuation game ``pygambit.nash.enumpure_agent_solve`` returns every pure
Nash equilibrium of the agent form (a few ms per offer), or ``enummixed_solve`` returns
every extreme Nash equilibrium (about 0.6 s per offer), of which we keep the pure ones.
Every pure sequentially rational profile is an agent-form Nash equilibrium, so the
sequentially rational ones are among them; but agents at unreached sets are unconstrained
in a Nash equilibrium, so we filter, exactly, on our own tree (:mod:`gametrees.verify.certify`):

* every A move (each A set is a singleton) maximises A's continuation payoff;
* P's move at a reached set is optimal at Bayes' belief (computed from the chance
  probabilities and A's responses, and cross-checked against Gambit's
  ``profile.belief``); at an unreached set it is optimal for some belief in [0, 1],
  and we report the whole interval of such beliefs.

Beliefs are reported as P's *own* posterior (prior ``q``): the game uses the offerer's
prior on Nature's move and rescales P's payoffs (MODEL.md section 3), so a game belief
``b`` is converted with :func:`gametrees.builders.yoder_cohen.tree.p_posterior` (monotone, so intervals map
to intervals). ``offerer_payoff`` is computed from the model's ``outcome_payoffs`` under
the offerer's prior, not read from Gambit.

:func:`full_tree_logit` traces Gambit's agent-form logit QRE on the whole tree (a few
offers only: GAMBIT_NOTES gives 23-29 s at 8 offers), rounds its limit to a pure profile
and scores that profile with Gambit's exact ``agent_max_regret()``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pygambit

from gametrees.builders.api import Model
from gametrees.builders.yoder_cohen import tree as yc_tree
from gametrees.gambit import to_pygambit
from gametrees.tree import Game
from gametrees.verify.certify import Analysis, analyse
from gametrees.verify.yoder_cohen.profile import ModelSetup, model_setup
from gametrees.verify.yoder_cohen.types import (
    BeliefRange,
    Continuation,
    MixedContinuation,
    nonnegative_on_unit,
)

__all__ = [
    "LogitResult",
    "OfferSolution",
    "SOLVERS",
    "continuations_gambit",
    "full_tree_logit",
    "mixed_continuations_gambit",
    "per_offer_gambit",
    "solve_offer",
    "solve_offers",
]

#: the Gambit solvers :func:`solve_offer` accepts
SOLVERS = ("enumpure_agent", "enummixed")

TYPES = ("hi", "lo")
Pure = dict[str, str]


@dataclass(frozen=True)
class OfferSolution:
    """Gambit's answer at one offer, with the bookkeeping of what was kept.

    ``n_gambit``: equilibria Gambit returned; ``n_mixed_dropped``: of those, the mixed ones
    (``enummixed`` only); ``n_pure``: pure profiles examined (after completing A's sets
    that a reduced strategy leaves unspecified); ``n_not_sr``: of those, not sequentially
    rational; ``unrepresentable``: sequentially rational profiles a :class:`Continuation`
    cannot hold (a type supporting after one response and abandoning after the other,
    possible only when that type is indifferent, ``alpha = c/w``), as ``{set: action}``;
    ``seconds``: wall time of the whole offer.
    """

    x: Fraction
    solver: str
    continuations: tuple[Continuation, ...]
    n_gambit: int
    n_mixed_dropped: int
    n_pure: int
    n_not_sr: int
    unrepresentable: tuple[tuple[tuple[str, str], ...], ...] = ()
    seconds: float = 0.0


# --------------------------------------------------------------------------- per offer


def continuations_gambit(
    model: Model, params: Any, x: Fraction, *, solver: str = "enumpure_agent"
) -> list[Continuation]:
    """The pure sequentially rational continuations after offer ``x``, found by Gambit.

    ``model``: a model declaring an :class:`OfferGame` (Nature uses the offerer's prior);
    ``solver``: ``"enumpure_agent"`` (default) or ``"enummixed"``. See the module docstring
    for what is checked; :func:`solve_offer` also returns the counts.
    """
    return list(solve_offer(model, params, x, solver=solver).continuations)


def per_offer_gambit(
    model: Model, params: Any, offers: Iterable[Any], *, solver: str = "enumpure_agent"
) -> dict[Fraction, list[Continuation]]:
    """:func:`continuations_gambit` at every offer of the grid (offer -> continuations)."""
    return {s.x: list(s.continuations) for s in solve_offers(model, params, offers, solver=solver)}


def solve_offers(
    model: Model, params: Any, offers: Iterable[Any], *, solver: str = "enumpure_agent"
) -> list[OfferSolution]:
    """:func:`solve_offer` at every offer of the grid, in grid order (with timings)."""
    setup = model_setup(model, params)
    return [_solve_offer(setup, x, solver) for x in yc_tree.check_offers(list(offers))]


def solve_offer(
    model: Model, params: Any, x: Any, *, solver: str = "enumpure_agent"
) -> OfferSolution:
    """Solve the continuation after ``x`` with Gambit and keep the sequentially rational
    pure profiles, with the counts of what was dropped."""
    (xf,) = yc_tree.check_offers([x])
    return _solve_offer(model_setup(model, params), xf, solver)


def _solve_offer(setup: ModelSetup, x: Fraction, solver: str) -> OfferSolution:
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; known: {', '.join(SOLVERS)}")
    start = time.perf_counter()
    game = yc_tree.continuation_game(setup.params, setup.prior, x, setup.payoffs)
    g = to_pygambit(game, check=False)
    if solver == "enumpure_agent":
        equilibria = pygambit.nash.enumpure_agent_solve(g).equilibria
        profiles = list(equilibria)
    else:
        equilibria = pygambit.nash.enummixed_solve(g, rational=True).equilibria
        profiles = [e.as_behavior() for e in equilibria]
    pures: list[tuple[Pure, Any]] = []
    mixed = 0
    for prof in profiles:
        completions = _pure_completions(g, prof)
        if completions is None:
            mixed += 1
            continue
        pures.extend((pure, prof) for pure in completions)
    conts: set[Continuation] = set()
    unrep: list[tuple[tuple[str, str], ...]] = []
    not_sr = 0
    for pure, prof in pures:
        cont = _sequential_continuation(setup, game, x, pure, g, prof)
        if cont is None:
            not_sr += 1
        elif isinstance(cont, Continuation):
            conts.add(cont)
        else:
            unrep.append(tuple(sorted(pure.items())))
    return OfferSolution(
        x=x,
        solver=solver,
        continuations=tuple(sorted(conts)),
        n_gambit=len(profiles),
        n_mixed_dropped=mixed,
        n_pure=len(pures),
        n_not_sr=not_sr,
        unrepresentable=tuple(sorted(set(unrep))),
        seconds=time.perf_counter() - start,
    )


def _pure_completions(g: pygambit.Game, prof: Any) -> list[Pure] | None:
    """The pure profiles a Gambit behaviour profile stands for; ``None`` if it mixes.

    A set where every probability is 0 is one a reduced strategy of ``enummixed`` leaves
    unspecified (the player's own earlier move avoids it): every action is tried there.
    """
    partial: list[list[tuple[str, str]]] = [[]]
    for infoset in g.infosets:
        probs = [(a.label, prof[a]) for a in infoset.actions]
        ones = [a for a, pr in probs if pr == 1]
        if len(ones) == 1 and all(pr in (0, 1) for _, pr in probs):
            choices = ones
        elif all(pr == 0 for _, pr in probs):
            choices = [a for a, _ in probs]
        else:
            return None
        partial = [[*p, (infoset.label, a)] for p in partial for a in choices]
    return [dict(p) for p in partial]


def _behavior(pure: Pure) -> dict[str, dict[str, Fraction]]:
    return {name: {a: Fraction(1)} for name, a in pure.items()}


class _Unrepresentable:
    """Marker: sequentially rational, but not expressible as a :class:`Continuation`."""


def _sequential_continuation(
    setup: ModelSetup, game: Game, x: Fraction, pure: Pure, g: pygambit.Game, prof: Any
) -> Continuation | _Unrepresentable | None:
    """The :class:`Continuation` of a pure profile if it is sequentially rational, else ``None``."""
    xl = yc_tree.offer_label(x)
    an = analyse(game, _behavior(pure))
    for name, (player, _members, _actions) in an.sets.items():
        if player == "A":
            values = an.action_values(name, [Fraction(1)])
            if values[pure[name]] < max(values.values()):
                return None
    ranges: dict[str, BeliefRange] = {}
    for response in yc_tree.RESPONSES:
        name = f"P {xl} {response}"
        rng = _p_belief_range(setup, an, name, pure[name])
        if rng is None:
            return None
        _cross_check_belief(g, prof, an, name)
        ranges[response] = rng
    supports = {}
    for t in TYPES:
        moves = {pure[f"A({t}) {xl} {r} ally"] for r in yc_tree.RESPONSES}
        if len(moves) != 1:
            return _Unrepresentable()
        supports[t] = moves.pop() == "support"
    accepts = {t: pure[f"A({t}) {xl}"] == "accept" for t in TYPES}
    allies = {r: pure[f"P {xl} {r}"] == "ally" for r in yc_tree.RESPONSES}
    return Continuation(
        x=x,
        accept_hi=accepts["hi"],
        accept_lo=accepts["lo"],
        ally_accept=allies["accept"],
        ally_reject=allies["reject"],
        support_hi=supports["hi"],
        support_lo=supports["lo"],
        belief_accept=ranges["accept"],
        belief_reject=ranges["reject"],
        offerer_payoff=offerer_payoff(setup, x, accepts, allies, supports),
    )


def _p_belief_range(setup: ModelSetup, an: Analysis, name: str, played: str) -> BeliefRange | None:
    """P's posteriors at ``name`` that make ``played`` optimal: Bayes' point if the set is
    reached (``None`` if ``played`` is not optimal there), else the interval of beliefs in
    [0, 1] (``None`` if empty). Members are (supporter, abandoner) in pre-order."""
    _player, members, actions = an.sets[name]
    if [m[0] for m in members] != ["supporter", "abandoner"]:
        raise ValueError(f"{name!r}: unexpected members {members}")
    (other,) = [a for a in actions if a != played]
    per_member = an.member_values(name)
    d_hi, d_lo = (v[played] - v[other] for v in per_member)
    bayes = an.bayes(name)
    if bayes is not None:
        b = bayes[0]
        if b * d_hi + (1 - b) * d_lo < 0:
            return None
        m = setup.p_posterior(b)
        return BeliefRange(m, m, True)
    interval = nonnegative_on_unit(d_lo, d_hi - d_lo)
    if interval is None:
        return None
    lo, hi = interval
    return BeliefRange(setup.p_posterior(lo), setup.p_posterior(hi), False)


def _cross_check_belief(g: pygambit.Game, prof: Any, an: Analysis, name: str) -> None:
    """Compare our Bayes belief at a reached set with Gambit's ``profile.belief``.

    Only for profiles Gambit returned as behaviour profiles of the continuation; a
    mismatch means the two trees differ, which is a bug, so it raises.
    """
    bayes = an.bayes(name)
    if bayes is None or not isinstance(prof, pygambit.MixedBehaviorProfileRational):
        return
    (infoset,) = [s for s in g.infosets if s.label == name]
    theirs = [prof.belief(m) for m in infoset.members]
    if any(t is None for t in theirs):
        return
    if [Fraction(t) for t in theirs] != bayes:
        raise RuntimeError(f"{name!r}: Gambit's belief {theirs} differs from Bayes' rule {bayes}")


def offerer_payoff(
    setup: ModelSetup,
    x: Fraction,
    accepts: dict[str, bool],
    allies: dict[str, bool],
    supports: dict[str, bool],
) -> Fraction:
    """The offerer's expected payoff at ``x`` under its prior, from ``outcome_payoffs``."""
    total = Fraction(0)
    for t, pr in (("hi", setup.prior), ("lo", 1 - setup.prior)):
        response = "accept" if accepts[t] else "reject"
        pay = setup.payoffs(setup.alpha(t), x, accepts[t], allies[response], supports[t])
        total += pr * Fraction(pay[setup.offerer])
    return total


# --------------------------------------------------------------------------- full-tree logit


#: above this many offers :func:`full_tree_logit` refuses unless ``force=True``
LOGIT_MAX_OFFERS = 8


@dataclass(frozen=True)
class LogitResult:
    """Gambit's agent-form logit QRE on the full tree, and its rounded pure profile.

    ``lam``: the final lambda; ``lam_max``: the largest lambda on the traced branch (a final
    lambda below it means the branch turned back); ``float_regret``: agent regret of the
    final (float) profile; ``pure``: set name -> the action of largest probability;
    ``offer``: the offerer's rounded offer; ``responses[x] = (accept_hi, accept_lo)`` and
    ``allies[x] = (ally after accept, ally after reject)`` at every offer;
    ``exact_regret``: Gambit's exact ``agent_max_regret()`` of ``pure`` as a rational profile;
    ``mixed_sets``: sets whose largest probability is below ``1 - mix_tol`` (name ->
    probabilities), e.g. an indifferent type mixing at a threshold (GAMBIT_NOTES pitfall 3);
    ``stopped_short``: the run looks unfinished (pitfall 2); ``flags``: why, in words.
    """

    model: Model
    offers: tuple[Fraction, ...]
    lam: float
    lam_max: float
    branch_points: int
    float_regret: float
    pure: dict[str, str]
    offer: Fraction
    responses: dict[Fraction, tuple[bool, bool]]
    allies: dict[Fraction, tuple[bool, bool]]
    exact_regret: Fraction
    mixed_sets: dict[str, tuple[float, ...]]
    stopped_short: bool
    flags: tuple[str, ...] = field(default=())
    seconds: float = 0.0


def full_tree_logit(
    model: Model,
    params: Any,
    offers: Sequence[Any],
    *,
    first_step: float = 0.1,
    max_accel: float = 1.5,
    maxregret: float = 1e-8,
    force: bool = False,
    min_lambda: float = 100.0,
    regret_tol: float = 1e-3,
    mix_tol: float = 1e-3,
) -> LogitResult:
    """Trace the agent-form logit QRE of the full tree and round its end to a pure profile.

    Uses ``pygambit.qre.logit_solve_branch(g, use_strategic=False, ...)``: the same path
    as ``pygambit.nash.logit_solve`` (its last point is ``logit_solve``'s answer) but with
    each point's lambda, which ``logit_solve`` does not return. Refuses more than
    :data:`LOGIT_MAX_OFFERS` offers unless ``force`` (GAMBIT_NOTES: 23-29 s at 8 offers,
    160-170 s at 14). ``stopped_short`` is set when the final lambda is below
    ``min_lambda`` or below the branch's largest lambda, or the float agent regret exceeds
    ``regret_tol`` (pitfall 2). The exact regret of the rounded profile is the verdict on it.
    """
    grid = yc_tree.check_offers(list(offers))
    if len(grid) > LOGIT_MAX_OFFERS and not force:
        raise ValueError(
            f"full_tree_logit: {len(grid)} offers is more than {LOGIT_MAX_OFFERS}; agent-form "
            "logit on the full tree takes tens of seconds at 8 offers and minutes beyond "
            "(GAMBIT_NOTES.md): use per_offer_gambit, or pass force=True"
        )
    import pygambit.qre

    setup = model_setup(model, params)
    start = time.perf_counter()
    g = to_pygambit(setup.build(params, grid))
    branch = pygambit.qre.logit_solve_branch(
        g, use_strategic=False, maxregret=maxregret, first_step=first_step, max_accel=max_accel
    )
    if not branch:
        raise RuntimeError("Gambit's logit tracing returned no point")
    last = branch[-1]
    lam_max = max(p.lam for p in branch)
    actions = list(g.actions)
    probs = {(a.infoset.label, a.label): float(last[i]) for i, a in enumerate(actions)}

    fprof = g.mixed_behavior_profile()
    for i, a in enumerate(actions):
        fprof[a] = float(last[i])
    float_regret = float(fprof.agent_max_regret())

    pure: dict[str, str] = {}
    mixed: dict[str, tuple[float, ...]] = {}
    for infoset in g.infosets:
        ps = [probs[(infoset.label, a.label)] for a in infoset.actions]
        best = max(range(len(ps)), key=lambda i: ps[i])
        pure[infoset.label] = list(infoset.actions)[best].label
        if ps[best] < 1 - mix_tol:
            mixed[infoset.label] = tuple(ps)

    rprof = g.mixed_behavior_profile(rational=True)
    for infoset in g.infosets:
        for a in infoset.actions:
            rprof[a] = pygambit.Rational(int(a.label == pure[infoset.label]))
    exact = Fraction(rprof.agent_max_regret())
    seconds = time.perf_counter() - start

    flags: list[str] = []
    if last.lam < min_lambda:
        flags.append(f"final lambda {last.lam:.4g} is below {min_lambda:g}")
    if last.lam < lam_max * (1 - 1e-9):
        flags.append(f"the branch turned back: final lambda {last.lam:.4g} < largest {lam_max:.4g}")
    if float_regret > regret_tol:
        flags.append(f"float agent regret {float_regret:.3g} exceeds {regret_tol:g}")
    stopped_short = bool(flags)
    if mixed:
        flags.append(
            "mixing at the limit (rounded to the likelier action): "
            + "; ".join(f"{k} {tuple(round(p, 4) for p in v)}" for k, v in mixed.items())
        )
    if exact != 0:
        flags.append(f"the rounded pure profile has exact agent regret {exact}")

    xl = {x: yc_tree.offer_label(x) for x in grid}
    offer = next(x for x in grid if pure[f"{setup.offerer} offers"] == xl[x])
    responses = {x: tuple(pure[f"A({t}) {xl[x]}"] == "accept" for t in TYPES) for x in grid}
    allies = {x: tuple(pure[f"P {xl[x]} {r}"] == "ally" for r in yc_tree.RESPONSES) for x in grid}
    return LogitResult(
        model=model,
        offers=grid,
        lam=float(last.lam),
        lam_max=float(lam_max),
        branch_points=len(branch),
        float_regret=float_regret,
        pure=pure,
        offer=offer,
        responses=responses,  # type: ignore[arg-type]
        allies=allies,  # type: ignore[arg-type]
        exact_regret=exact,
        mixed_sets=mixed,
        stopped_short=stopped_short,
        flags=tuple(flags),
        seconds=seconds,
    )


# --------------------------------------------------------------------------- mixed continuations


def mixed_continuations_gambit(model: Model, params: Any, x: Any) -> list[MixedContinuation]:
    """The semi-separating continuations after offer ``x``, from Gambit's ``enummixed``.

    Gambit returns every extreme Nash equilibrium of the continuation game (exactly, in
    rationals). We keep those where one type mixes between accepting and rejecting and P
    mixes at exactly one of its sets: both of P's sets are then reached, so Bayes' rule
    fixes P's beliefs and a Nash equilibrium is sequentially rational there; A's support
    moves are taken as the optimal ones (they matter only where P allies). Knife-edge
    equilibria (both types mixing, or a type mixing while P is pure, which needs an exact
    tie) are not semi-separating and are left out, as :func:`gametrees.verify.yoder_cohen.enumerate.semi_separating`
    leaves them out. ``offerer_payoff`` is computed from the model's payoffs.
    """
    setup = model_setup(model, params)
    (xf,) = yc_tree.check_offers([x])
    game = yc_tree.continuation_game(setup.params, setup.prior, xf, setup.payoffs)
    g = to_pygambit(game, check=False)
    xl = yc_tree.offer_label(xf)
    alpha = {"hi": params.alpha_hi, "lo": params.alpha_lo}
    support = {
        t: setup.payoffs(alpha[t], xf, True, True, True)["A"]
        >= setup.payoffs(alpha[t], xf, True, True, False)["A"]
        for t in TYPES
    }
    found: set[MixedContinuation] = set()
    for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria:
        prof = eq.as_behavior()

        acc = {t: _prob(g, prof, f"A({t}) {xl}", "accept") for t in TYPES}
        ally = {r: _prob(g, prof, f"P {xl} {r}", "ally") for r in yc_tree.RESPONSES}
        mixing_types = [t for t in TYPES if 0 < acc[t] < 1]
        mixing_sets = [r for r in yc_tree.RESPONSES if 0 < ally[r] < 1]
        if len(mixing_types) != 1 or len(mixing_sets) != 1:
            continue
        prior_q = {"hi": params.q, "lo": 1 - params.q}
        send = {t: {"accept": acc[t], "reject": 1 - acc[t]} for t in TYPES}
        beliefs = {}
        for r in yc_tree.RESPONSES:
            total = sum(prior_q[t] * send[t][r] for t in TYPES)
            beliefs[r] = prior_q["hi"] * send["hi"][r] / total
        # Sequential rationality at P's sets with A's optimal support moves (a Nash
        # equilibrium may let A abandon at a support node P never reaches, and P then
        # refuse an alliance it would want).
        if not all(
            _p_mix_ok(setup, xf, support, r, beliefs[r], ally[r]) for r in yc_tree.RESPONSES
        ):
            continue
        prior_r = {"hi": setup.prior, "lo": 1 - setup.prior}
        value = Fraction(0)
        for t in TYPES:
            for r in yc_tree.RESPONSES:
                a = r == "accept"
                value += (
                    prior_r[t]
                    * send[t][r]
                    * (
                        ally[r] * setup.payoffs(alpha[t], xf, a, True, support[t])[setup.offerer]
                        + (1 - ally[r])
                        * setup.payoffs(alpha[t], xf, a, False, support[t])[setup.offerer]
                    )
                )
        found.add(
            MixedContinuation(
                x=xf,
                accept_hi=acc["hi"],
                accept_lo=acc["lo"],
                ally_accept=ally["accept"],
                ally_reject=ally["reject"],
                support_hi=support["hi"],
                support_lo=support["lo"],
                belief_accept=beliefs["accept"],
                belief_reject=beliefs["reject"],
                offerer_payoff=Fraction(value),
            )
        )
    return sorted(found)


def _p_mix_ok(
    setup: ModelSetup,
    x: Fraction,
    support: dict[str, bool],
    response: str,
    mu: Fraction,
    ally: Fraction,
) -> bool:
    """Is allying with probability ``ally`` optimal for P at posterior ``mu`` (P's own)?"""
    accept = response == "accept"
    alpha = {"hi": setup.params.alpha_hi, "lo": setup.params.alpha_lo}
    d = {
        t: setup.payoffs(alpha[t], x, accept, True, support[t])["P"]
        - setup.payoffs(alpha[t], x, accept, False, support[t])["P"]
        for t in TYPES
    }
    gain = mu * d["hi"] + (1 - mu) * d["lo"]
    if 0 < ally < 1:
        return gain == 0
    return gain >= 0 if ally == 1 else gain <= 0


def _prob(g: pygambit.Game, prof: Any, infoset: str, action: str) -> Fraction:
    """The exact probability a behaviour profile puts on ``action`` at ``infoset``."""
    return Fraction(str(prof[g.infosets[infoset].actions[action]]))
