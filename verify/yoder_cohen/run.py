"""Verify one parameter point: three sources, compared equilibrium set by equilibrium set.

1. **Closed forms** (:mod:`gametrees.verify.yoder_cohen.predict`): the PBE paths predicted from the derived
   thresholds, cutoff and offerer payoffs.
2. **Our exact enumerator** (:mod:`gametrees.verify.yoder_cohen.enumerate` + :mod:`gametrees.verify.yoder_cohen.combine`).
3. **Gambit** (:mod:`gametrees.verify.yoder_cohen.gambit_source`): every offer's continuation solved by Gambit's
   exact solvers, the sequentially rational ones kept, then the offerer's best replies.

The three must give the same set of PBE paths (offer, responses, P's replies, offerer
payoff), hence the same set of the paper's classes. Every path is then certified on the
full tree by our own sequential-rationality certifier and by Gambit's exact agent regret.
The paper's printed formulas get a verdict each (:mod:`gametrees.verify.yoder_cohen.paper`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from gametrees.verify.yoder_cohen.combine import (
    MissingContinuation,
    best_response_set,
    classify_responses,
    punishments,
)
from gametrees.verify.yoder_cohen.conditions import class_conditions
from gametrees.verify.yoder_cohen.conditions import evaluate as evaluate_conditions
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
from gametrees.verify.yoder_cohen.paper import FormulaRow, formula_rows
from gametrees.verify.yoder_cohen.predict import predict_paths
from gametrees.verify.yoder_cohen.refine import CRITERIA, refine
from gametrees.verify.yoder_cohen.types import (
    PBE,
    Continuation,
    EquilibriumClass,
    MixedContinuation,
)

__all__ = ["PathKey", "VerifyResult", "verify_point"]

PathKey = tuple[Fraction, bool, bool, str, Fraction]

#: Largest grid on which Gambit's enummixed is run at every offer by default.
GAMBIT_MIXED_MAX_OFFERS = 25
#: Largest grid for the full-tree logit (GAMBIT_NOTES: 23-29 s at 8 offers).
LOGIT_MAX_OFFERS = 8


def _key_pbe(e: PBE) -> PathKey:
    c = e.path
    return (e.offer, c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff)


@dataclass
class VerifyResult:
    """Everything the report shows about one parameter point."""

    model: str
    params: Any
    offers: tuple[Fraction, ...]
    paths: dict[str, set[PathKey]] = field(default_factory=dict)
    classes: dict[str, set[EquilibriumClass]] = field(default_factory=dict)
    pbes: list[PBE] = field(default_factory=list)
    #: the enumerator's continuations at every offer: pure, and semi-separating.
    pure: dict[Fraction, list[Continuation]] = field(default_factory=dict)
    mixed: dict[Fraction, list[MixedContinuation]] = field(default_factory=dict)
    #: PBE paths that survive each refinement (:mod:`gametrees.verify.yoder_cohen.refine`).
    refined: dict[str, set[PathKey]] = field(default_factory=dict)
    formulas: list[FormulaRow] = field(default_factory=list)
    certification: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    #: the full-tree logit check, when run: offer, responses, regret, verdict.
    logit: dict[str, Any] | None = None
    #: each class's closed-form offer and conditions at the point (:mod:`gametrees.verify.yoder_cohen.conditions`).
    class_conditions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        return not self.disagreements

    def survives(self, e: PBE) -> dict[str, bool]:
        """Which refinements the PBE path ``e`` survives."""
        return {name: _key_pbe(e) in keys for name, keys in self.refined.items()}


def _classes(model: str, keys: set[PathKey]) -> set[EquilibriumClass]:
    return {classify_responses(model, hi, lo, regime) for _, hi, lo, regime, _ in keys}


def verify_point(
    model: str,
    params: Any,
    offers: Sequence[Fraction],
    *,
    gambit: bool = True,
    certify: bool = True,
    gambit_mixed: bool | None = None,
    logit: bool = False,
) -> VerifyResult:
    """Verify ``model`` at ``params`` on the grid ``offers``.

    ``gambit_mixed``: also ask Gambit's ``enummixed`` for the semi-separating
    continuations at every offer (about 0.7 s an offer); ``None`` does so on grids of at
    most :data:`GAMBIT_MIXED_MAX_OFFERS` offers. ``logit``: also trace Gambit's agent-form
    logit QRE on the full tree (at most :data:`LOGIT_MAX_OFFERS` offers) and check that its
    rounded profile has exact regret 0 and its path is one of the PBE paths found.
    """
    res = VerifyResult(model, params, tuple(offers))
    t = time.perf_counter()
    predicted = predict_paths(model, params, offers)
    res.seconds["closed forms"] = time.perf_counter() - t
    res.paths["closed forms"] = {
        (p.x, p.accept_hi, p.accept_lo, p.regime, p.offerer_payoff) for p in predicted
    }

    t = time.perf_counter()
    pure, mixed = per_offer_exact(model, params, offers)
    res.pure, res.mixed = pure, mixed
    pbes = best_response_set(model, pure, mixed)
    res.seconds["enumerator"] = time.perf_counter() - t
    res.pbes = pbes
    res.paths["enumerator"] = {_key_pbe(e) for e in pbes}
    for criterion in CRITERIA:
        try:
            refined = best_response_set(model, refine(model, params, pure, criterion), mixed)
            res.refined[criterion] = {_key_pbe(e) for e in refined}
        except MissingContinuation as exc:
            res.refined[criterion] = set()
            res.notes.append(
                f"{criterion}: {exc} after refinement, so no PBE with a pure path survives it"
            )

    if gambit:
        from gametrees.verify.yoder_cohen.gambit_source import (
            mixed_continuations_gambit,
            per_offer_gambit,
        )

        if gambit_mixed is None:
            gambit_mixed = len(offers) <= GAMBIT_MIXED_MAX_OFFERS
        t = time.perf_counter()
        g_pure = per_offer_gambit(model, params, offers)
        if gambit_mixed:
            g_mixed = {x: mixed_continuations_gambit(model, params, x) for x in offers}
        else:
            g_mixed = mixed
            if any(mixed.values()):
                res.notes.append(
                    f"Gambit's enummixed was not run on this {len(offers)}-offer grid (more than "
                    f"{GAMBIT_MIXED_MAX_OFFERS} offers; about 0.7 s an offer): the Gambit source "
                    "takes the semi-separating punishments from the enumerator."
                )
        res.seconds["gambit"] = time.perf_counter() - t
        g_pbes = best_response_set(model, g_pure, g_mixed)
        res.paths["gambit"] = {_key_pbe(e) for e in g_pbes}
        for x in offers:
            ours = {(c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff) for c in pure[x]}
            theirs = {(c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff) for c in g_pure[x]}
            if ours != theirs:
                res.disagreements.append(
                    f"offer {x}: pure continuations differ: enumerator only {sorted(ours - theirs)}, "
                    f"Gambit only {sorted(theirs - ours)}"
                )
            if gambit_mixed and set(mixed[x]) != set(g_mixed[x]):
                res.disagreements.append(
                    f"offer {x}: semi-separating continuations differ: enumerator "
                    f"{[str(c.offerer_payoff) for c in mixed[x]]}, Gambit {[str(c.offerer_payoff) for c in g_mixed[x]]}"
                )

    for source, keys in res.paths.items():
        res.classes[source] = _classes(model, keys)
    sources = list(res.paths)
    for a, b in zip(sources, sources[1:], strict=False):
        if res.paths[a] != res.paths[b]:
            res.disagreements.append(
                f"PBE paths differ between {a} and {b}: {a} only {sorted(res.paths[a] - res.paths[b])}; "
                f"{b} only {sorted(res.paths[b] - res.paths[a])}"
            )
    if not pbes:
        res.notes.append(
            "No PBE with a pure path exists on this grid: the offerer's best replies use "
            "semi-separating (mixed) continuations on the path."
        )

    if certify and pbes:
        t = time.perf_counter()
        res.certification = _certify(model, params, offers, pbes, pure, mixed)
        res.seconds["certification"] = time.perf_counter() - t
        for row in res.certification:
            if row["violations"] or row["gambit_regret"] not in ("0", None):
                res.disagreements.append(
                    f"PBE at offer {row['offer']} ({row['class']}) fails certification: "
                    f"{row['violations'][:2]} regret {row['gambit_regret']}"
                )
    if logit:
        _logit_check(res, model, params, offers)
    res.formulas = formula_rows(model, params)
    found = {str(c) for c in res.classes.get("enumerator", ())}
    for cond in class_conditions(model):
        row = evaluate_conditions(cond, params)
        row["found"] = cond.name in found
        res.class_conditions.append(row)
    if model == "client" and any(c.kind == "PE-reject" for c in res.classes.get("enumerator", ())):
        res.notes.append(
            "Finding: a rejection pooling PBE exists in the extension at this point, although "
            "footnote 106 says the extension has none."
        )
    return res


def _certify(
    model: str,
    params: Any,
    offers: Sequence[Fraction],
    pbes: Sequence[PBE],
    pure: Mapping[Fraction, Sequence[Continuation]],
    mixed: Mapping[Fraction, Sequence[MixedContinuation]],
) -> list[dict[str, Any]]:
    """Certify every PBE path (one per offer and class) on the full tree: our sequential
    rationality certifier with its beliefs, and Gambit's exact agent regret."""
    from gametrees.builders import MODELS
    from gametrees.verify.certify import certify_sequential, gambit_regret, pbe_profile

    from gametrees.gambit import to_pygambit

    game = MODELS[model].build(params, offers)
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
            rows.append(
                {
                    "offer": str(e.offer),
                    "class": str(e.eq_class),
                    "violations": [],
                    "gambit_regret": None,
                    "skipped": str(exc),
                }
            )
            continue
        violations = certify_sequential(game, behavior, beliefs)
        regret = gambit_regret(game, behavior, gambit_game, check=False)
        rows.append(
            {
                "offer": str(e.offer),
                "class": str(e.eq_class),
                "violations": violations,
                "gambit_regret": str(regret),
                "skipped": None,
            }
        )
    return rows


def _logit_check(res: VerifyResult, model: str, params: Any, offers: Sequence[Fraction]) -> None:
    """Gambit's agent logit on the full tree: its rounded path must be a PBE path."""
    from gametrees.verify.yoder_cohen.gambit_source import full_tree_logit

    if len(offers) > LOGIT_MAX_OFFERS:
        res.notes.append(
            f"full-tree logit skipped: {len(offers)} offers (more than {LOGIT_MAX_OFFERS}); "
            "use a smaller grid, e.g. --grid 2"
        )
        return
    t = time.perf_counter()
    lr = full_tree_logit(model, params, offers)
    res.seconds["full-tree logit"] = time.perf_counter() - t
    hi, lo = lr.responses[lr.offer]
    ally_acc, ally_rej = lr.allies[lr.offer]
    regime = {
        (False, False): "none",
        (False, True): "reject",
        (True, False): "accept",
        (True, True): "both",
    }[(ally_acc, ally_rej)]
    on_path = any(k[:4] == (lr.offer, hi, lo, regime) for k in res.paths.get("enumerator", set()))
    res.logit = {
        "offer": str(lr.offer),
        "class": str(classify_responses(model, hi, lo, regime)),
        "lambda": lr.lam,
        "float_regret": lr.float_regret,
        "exact_regret_of_rounded_profile": str(lr.exact_regret),
        "stopped_short": lr.stopped_short,
        "flags": list(lr.flags),
        "path_is_a_PBE_path": on_path,
    }
    if lr.exact_regret != 0 and not lr.stopped_short and not lr.mixed_sets:
        res.disagreements.append(
            f"full-tree logit: the rounded profile has exact agent regret {lr.exact_regret}"
        )
    if lr.exact_regret == 0 and not on_path:
        res.notes.append(
            f"full-tree logit selected offer {lr.offer} ({res.logit['class']}), a Nash equilibrium "
            "of the agent form that is not among the PBE paths (it may rely on beliefs no PBE allows)"
        )
