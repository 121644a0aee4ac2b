"""Verify one parameter point: three sources, compared equilibrium set by equilibrium set.

1. **Closed forms** (:mod:`gametrees.verify.yoder_cohen.predict`): the PBE paths predicted
   from the derived thresholds, cutoff and offerer payoffs.
2. **Our exact enumerator** (:mod:`~gametrees.verify.yoder_cohen.enumerate` +
   :mod:`~gametrees.verify.yoder_cohen.combine`).
3. **Gambit** (:mod:`gametrees.verify.yoder_cohen.gambit_source`): every offer's
   continuation solved by Gambit's exact solvers, the sequentially rational ones kept,
   then the offerer's best replies.

The three must give the same set of PBE paths (offer, responses, P's replies, offerer
payoff), hence the same set of the paper's classes. Every path is then certified on the
full tree by our own sequential-rationality certifier and by Gambit's exact agent regret.
The paper's claims get a verdict each (:mod:`gametrees.verify.yoder_cohen.paper`).
Everything is returned as a frozen :class:`VerifyResult`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model
from gametrees.gambit import to_pygambit
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.yoder_cohen.combine import (
    MissingContinuation,
    best_response_set,
    classify_responses,
    punishments,
)
from gametrees.verify.yoder_cohen.conditions import ConditionRow, class_conditions
from gametrees.verify.yoder_cohen.conditions import evaluate as evaluate_conditions
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
from gametrees.verify.yoder_cohen.gambit_source import (
    full_tree_logit,
    mixed_continuations_gambit,
    per_offer_gambit,
)
from gametrees.verify.yoder_cohen.paper import FormulaRow, class_claim_notes, formula_rows
from gametrees.verify.yoder_cohen.predict import predict_paths
from gametrees.verify.yoder_cohen.profile import pbe_profile
from gametrees.verify.yoder_cohen.refine import CRITERIA, refine
from gametrees.verify.yoder_cohen.types import (
    PBE,
    Continuation,
    EquilibriumClass,
    MixedContinuation,
)

__all__ = ["Certification", "LogitCheck", "PathKey", "VerifyResult", "verify_point"]

#: Largest grid on which Gambit's enummixed is run at every offer by default.
GAMBIT_MIXED_MAX_OFFERS = 25
#: Largest grid for the full-tree logit (GAMBIT_NOTES: 23-29 s at 8 offers).
LOGIT_MAX_OFFERS = 8
#: The sources, in the order they are compared.
SOURCES = ("closed forms", "enumerator", "gambit")


@dataclass(frozen=True, order=True)
class PathKey:
    """A PBE path as every source reports it: the offer, each type's response, P's replies
    (the regime) and the offerer's payoff."""

    offer: Fraction
    accept_hi: bool
    accept_lo: bool
    regime: str
    offerer_payoff: Fraction

    @classmethod
    def of(cls, e: PBE) -> PathKey:
        """The key of the enumerator's PBE ``e``."""
        c = e.path
        return cls(e.offer, c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff)


@dataclass(frozen=True)
class Certification:
    """One PBE path certified on the full tree (one per offer and class).

    ``violations``: what our certifier found (empty: sequentially rational with its
    beliefs); ``gambit_regret``: Gambit's exact agent regret of the same profile (0 for an
    equilibrium); ``skipped``: why the profile could not be written, if it could not.
    """

    offer: Fraction
    eq_class: EquilibriumClass
    violations: tuple[str, ...] = ()
    gambit_regret: Fraction | None = None
    skipped: str | None = None

    @property
    def certified(self) -> bool:
        return self.skipped is None and not self.violations and self.gambit_regret == 0


@dataclass(frozen=True)
class LogitCheck:
    """Gambit's agent logit on the full tree, rounded: its path, regret and verdict."""

    offer: Fraction
    eq_class: EquilibriumClass
    lam: float
    float_regret: float
    exact_regret: Fraction
    stopped_short: bool
    flags: tuple[str, ...]
    path_is_a_pbe_path: bool
    #: the information sets where the limit still mixes (e.g. a type indifferent at a threshold)
    mixed_sets: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerifyResult:
    """Everything the report shows about one parameter point.

    ``paths[source]`` and ``classes[source]`` for each of :data:`SOURCES` that ran;
    ``pbes``: the enumerator's PBE (path, deviation bound, class); ``pure`` / ``mixed``:
    its continuations at every offer; ``refined[criterion]``: the PBE paths that survive
    each refinement; ``formulas``: the paper's claims with verdicts; ``certification``:
    each path on the full tree; ``conditions``: each class's closed-form offer and
    conditions; ``logit``: the full-tree logit check, when run; ``seconds``: timings.
    """

    model: Model
    params: Any
    offers: tuple[Fraction, ...]
    paths: Mapping[str, frozenset[PathKey]]
    classes: Mapping[str, frozenset[EquilibriumClass]]
    pbes: tuple[PBE, ...]
    pure: Mapping[Fraction, tuple[Continuation, ...]]
    mixed: Mapping[Fraction, tuple[MixedContinuation, ...]]
    refined: Mapping[str, frozenset[PathKey]]
    formulas: tuple[FormulaRow, ...]
    certification: tuple[Certification, ...]
    conditions: tuple[ConditionRow, ...]
    disagreements: tuple[str, ...]
    notes: tuple[str, ...]
    logit: LogitCheck | None = None
    seconds: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def agree(self) -> bool:
        """Do the sources agree (and is every path certified)?"""
        return not self.disagreements

    def survives(self, e: PBE) -> dict[str, bool]:
        """Which refinements the PBE path ``e`` survives."""
        return {name: PathKey.of(e) in keys for name, keys in self.refined.items()}


def _classes(model: Model, keys: frozenset[PathKey]) -> frozenset[EquilibriumClass]:
    return frozenset(classify_responses(model, k.accept_hi, k.accept_lo, k.regime) for k in keys)


def verify_point(
    model: Model,
    params: Any,
    offers: Sequence[Fraction],
    *,
    gambit: bool = True,
    certify: bool = True,
    gambit_mixed: bool | None = None,
    logit: bool = False,
) -> VerifyResult:
    """Verify ``model`` (a model declaring an :class:`OfferGame`) at ``params`` on ``offers``.

    ``gambit_mixed``: also ask Gambit's ``enummixed`` for the semi-separating
    continuations at every offer (about 0.7 s an offer); ``None`` does so on grids of at
    most :data:`GAMBIT_MIXED_MAX_OFFERS` offers. ``logit``: also trace Gambit's agent-form
    logit QRE on the full tree (at most :data:`LOGIT_MAX_OFFERS` offers) and check that its
    rounded profile has exact regret 0 and its path is one of the PBE paths found.
    """
    offers = tuple(offers)
    seconds: dict[str, float] = {}
    paths: dict[str, frozenset[PathKey]] = {}
    disagreements: list[str] = []
    notes: list[str] = []

    t = time.perf_counter()
    predicted = predict_paths(model, params, offers)
    seconds["closed forms"] = time.perf_counter() - t
    paths["closed forms"] = frozenset(
        PathKey(p.x, p.accept_hi, p.accept_lo, p.regime, p.offerer_payoff) for p in predicted
    )

    t = time.perf_counter()
    pure, mixed = per_offer_exact(model, params, offers)
    pbes = best_response_set(model, pure, mixed)
    seconds["enumerator"] = time.perf_counter() - t
    paths["enumerator"] = frozenset(PathKey.of(e) for e in pbes)
    refined: dict[str, frozenset[PathKey]] = {}
    for criterion in CRITERIA:
        try:
            kept = best_response_set(model, refine(model, params, pure, criterion), mixed)
            refined[criterion] = frozenset(PathKey.of(e) for e in kept)
        except MissingContinuation as exc:
            refined[criterion] = frozenset()
            notes.append(
                f"{criterion}: {exc} after refinement, so no PBE with a pure path survives it"
            )

    if gambit:
        if gambit_mixed is None:
            gambit_mixed = len(offers) <= GAMBIT_MIXED_MAX_OFFERS
        t = time.perf_counter()
        g_pure = per_offer_gambit(model, params, offers)
        if gambit_mixed:
            g_mixed = {x: mixed_continuations_gambit(model, params, x) for x in offers}
        else:
            g_mixed = mixed
            if any(mixed.values()):
                notes.append(
                    f"Gambit's enummixed was not run on this {len(offers)}-offer grid (more than "
                    f"{GAMBIT_MIXED_MAX_OFFERS} offers; about 0.7 s an offer): the Gambit source "
                    "takes the semi-separating punishments from the enumerator."
                )
        seconds["gambit"] = time.perf_counter() - t
        paths["gambit"] = frozenset(
            PathKey.of(e) for e in best_response_set(model, g_pure, g_mixed)
        )
        for x in offers:
            ours = {(c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff) for c in pure[x]}
            theirs = {(c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff) for c in g_pure[x]}
            if ours != theirs:
                disagreements.append(
                    f"offer {x}: pure continuations differ: enumerator only {sorted(ours - theirs)}, "
                    f"Gambit only {sorted(theirs - ours)}"
                )
            if gambit_mixed and set(mixed[x]) != set(g_mixed[x]):
                disagreements.append(
                    f"offer {x}: semi-separating continuations differ: enumerator "
                    f"{[str(c.offerer_payoff) for c in mixed[x]]}, Gambit "
                    f"{[str(c.offerer_payoff) for c in g_mixed[x]]}"
                )

    classes = {source: _classes(model, keys) for source, keys in paths.items()}
    sources = list(paths)
    for a, b in zip(sources, sources[1:], strict=False):
        if paths[a] != paths[b]:
            disagreements.append(
                f"PBE paths differ between {a} and {b}: {a} only {_show(paths[a] - paths[b])}; "
                f"{b} only {_show(paths[b] - paths[a])}"
            )
    if not pbes:
        notes.append(
            "No PBE with a pure path exists on this grid: the offerer's best replies use "
            "semi-separating (mixed) continuations on the path."
        )

    certification: tuple[Certification, ...] = ()
    if certify and pbes:
        t = time.perf_counter()
        certification = _certify(model, params, offers, pbes, pure, mixed)
        seconds["certification"] = time.perf_counter() - t
        for row in certification:
            if row.violations or row.gambit_regret not in (0, None):
                disagreements.append(
                    f"PBE at offer {row.offer} ({row.eq_class}) fails certification: "
                    f"{list(row.violations[:2])} regret {row.gambit_regret}"
                )
    logit_check = None
    if logit:
        logit_check = _logit_check(model, params, offers, paths["enumerator"], seconds, notes)
        if logit_check is not None:
            if (
                logit_check.exact_regret != 0
                and not logit_check.stopped_short
                and not logit_check.mixed_sets
            ):
                disagreements.append(
                    f"full-tree logit: the rounded profile has exact agent regret "
                    f"{logit_check.exact_regret}"
                )
            if logit_check.exact_regret == 0 and not logit_check.path_is_a_pbe_path:
                notes.append(
                    f"full-tree logit selected offer {logit_check.offer} ({logit_check.eq_class}), "
                    "a Nash equilibrium of the agent form that is not among the PBE paths (it "
                    "may rely on beliefs no PBE allows)"
                )
    found = {str(c) for c in classes.get("enumerator", ())}
    conditions = tuple(
        evaluate_conditions(cond, params, found=cond.name in found)
        for cond in class_conditions(model)
    )
    notes.extend(class_claim_notes(model, {c.kind for c in classes.get("enumerator", ())}))
    return VerifyResult(
        model=model,
        params=params,
        offers=offers,
        paths=paths,
        classes=classes,
        pbes=tuple(pbes),
        pure={x: tuple(cs) for x, cs in pure.items()},
        mixed={x: tuple(cs) for x, cs in mixed.items()},
        refined=refined,
        formulas=tuple(formula_rows(model, params)),
        certification=certification,
        conditions=conditions,
        disagreements=tuple(disagreements),
        notes=tuple(notes),
        logit=logit_check,
        seconds=seconds,
    )


def _show(keys: frozenset[PathKey]) -> str:
    return (
        "["
        + "; ".join(
            f"x={k.offer} hi {'accepts' if k.accept_hi else 'rejects'}, lo "
            f"{'accepts' if k.accept_lo else 'rejects'}, P {k.regime}, offerer {k.offerer_payoff}"
            for k in sorted(keys)
        )
        + "]"
    )


def _certify(
    model: Model,
    params: Any,
    offers: Sequence[Fraction],
    pbes: Sequence[PBE],
    pure: Mapping[Fraction, Sequence[Continuation]],
    mixed: Mapping[Fraction, Sequence[MixedContinuation]],
) -> tuple[Certification, ...]:
    """Certify every PBE path (one per offer and class) on the full tree: our sequential
    rationality certifier with its beliefs, and Gambit's exact agent regret."""
    game = model.build(params, offers)
    gambit_game = to_pygambit(game)
    punish = punishments(pure, mixed)
    rows = []
    seen = set()
    for e in pbes:
        key = (e.offer, e.eq_class)
        if key in seen:
            continue
        seen.add(key)
        try:
            behavior, beliefs = pbe_profile(model, params, offers, e, punish)
        except (TypeError, ValueError, AttributeError) as exc:
            rows.append(Certification(e.offer, e.eq_class, skipped=str(exc)))
            continue
        violations = certify_sequential(game, behavior, beliefs)
        regret = gambit_regret(game, behavior, gambit_game, check=False)
        rows.append(Certification(e.offer, e.eq_class, tuple(violations), regret))
    return tuple(rows)


def _logit_check(
    model: Model,
    params: Any,
    offers: Sequence[Fraction],
    pbe_paths: frozenset[PathKey],
    seconds: dict[str, float],
    notes: list[str],
) -> LogitCheck | None:
    """Gambit's agent logit on the full tree: its rounded path must be a PBE path."""
    if len(offers) > LOGIT_MAX_OFFERS:
        notes.append(
            f"full-tree logit skipped: {len(offers)} offers (more than {LOGIT_MAX_OFFERS}); "
            "use a smaller grid, e.g. --grid 2"
        )
        return None
    t = time.perf_counter()
    lr = full_tree_logit(model, params, offers)
    seconds["full-tree logit"] = time.perf_counter() - t
    hi, lo = lr.responses[lr.offer]
    ally_acc, ally_rej = lr.allies[lr.offer]
    regime = {
        (False, False): "none",
        (False, True): "reject",
        (True, False): "accept",
        (True, True): "both",
    }[(ally_acc, ally_rej)]
    on_path = any(
        (k.offer, k.accept_hi, k.accept_lo, k.regime) == (lr.offer, hi, lo, regime)
        for k in pbe_paths
    )
    return LogitCheck(
        offer=lr.offer,
        eq_class=classify_responses(model, hi, lo, regime),
        lam=lr.lam,
        float_regret=lr.float_regret,
        exact_regret=lr.exact_regret,
        stopped_short=lr.stopped_short,
        flags=tuple(lr.flags),
        path_is_a_pbe_path=on_path,
        mixed_sets=tuple(sorted(lr.mixed_sets)),
    )
