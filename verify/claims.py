"""A paper's claims checked as property tests: search the parameter space for a counterexample.

``gametrees check MODEL`` runs :func:`check_claims`: for every claim the model declares
(``Model.claims``, :mod:`gametrees.builders.claims`), hypothesis searches valid parameter
points -- inside the claim's conditions -- for one where the claim fails on the built
game, and shrinks a failure to its simplest form (each parameter pulled towards its
default, then towards values with small denominators). A claim gets one
:class:`ClaimResult`: it holds at the N points tried, or it fails with the point, the grid
and what failed.

How a claim is decided at a point belongs to whoever can decide it exactly:

* the model-family analysis (``Analysis.check_claim``) for claims in its terms -- printed
  formulas, signs and bounds of derived quantities, classes of equilibria;
* the generic PBE solver for :class:`~gametrees.builders.claims.PathClaim`, on any model
  (:func:`check_path_claim`).

A claim neither can decide is reported as not checkable, never silently passed.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from gametrees.builders.api import Model, param_symbols
from gametrees.builders.claims import FormulaClaim, PathClaim
from gametrees.builders.params import ParamError
from gametrees.verify.analyses import Analysis, PointCheck
from gametrees.verify.pbe import PBERefusal, solve_pbe

__all__ = ["CheckReport", "ClaimResult", "check_claims", "check_path_claim", "conditions_hold"]

#: Values a parameter is drawn from besides its default, simplest first (hypothesis shrinks
#: towards the front): small denominators before large ones.
_NICE = sorted(
    {Fraction(n, d) for d in (1, 2, 3, 4, 5, 10, 20) for n in range(0, 2 * d + 1)},
    key=lambda v: (v.denominator, v),
)


@dataclass(frozen=True)
class ClaimResult:
    """One claim's verdict.

    ``verdict``: ``"holds"`` (no counterexample at ``points`` valid points), ``"fails"``
    (``counterexample`` is the simplest point found, with its ``grid``), ``"agrees"`` /
    ``"DISAGREES"`` / ``"not printed"`` for a printed formula (decided symbolically), or
    ``"not checkable"``; ``detail`` says what failed or how it was decided.
    """

    name: str
    where: str
    verdict: str
    points: int
    detail: str
    counterexample: dict[str, str] | None = None
    grid: tuple[str, ...] | None = None

    @property
    def ok(self) -> bool:
        return self.verdict in ("holds", "agrees", "not printed")


@dataclass(frozen=True)
class CheckReport:
    """Every claim of a model, checked: the search's settings and the results."""

    model: str
    samples: int
    seed: int
    grid_size: int | None
    results: tuple[ClaimResult, ...]
    seconds: float = dataclasses.field(default=0.0, compare=False)

    @property
    def failures(self) -> tuple[ClaimResult, ...]:
        return tuple(r for r in self.results if not r.ok)


def conditions_hold(model: Model, conditions: Sequence[str], params: Any) -> bool:
    """Do the sympy relations ``conditions`` (text, in the parameters) hold at ``params``?"""
    return all(_relation(model, c, params) for c in conditions)


@lru_cache(maxsize=256)
def _parsed(model: Model, text: str) -> sp.Basic:
    return sp.sympify(text, locals=vars(param_symbols(model.params_type)))


def _relation(model: Model, text: str, params: Any) -> bool:
    expr = _parsed(model, text)
    subs = {s: sp.Rational(str(getattr(params, str(s)))) for s in expr.free_symbols}
    return bool(expr.subs(subs))


def _candidates(default: Fraction, sign: str) -> list[Fraction]:
    """Values a parameter may take instead of its default, simplest first: small
    multiples of the default, then simple rationals."""
    near = [
        default * k
        for k in (Fraction(1, 2), Fraction(3, 2), Fraction(2), Fraction(1, 4), Fraction(3, 4))
    ]
    out = []
    for v in [*near, *_NICE]:
        if v != default and (v > 0 if sign == "positive" else v >= 0) and v not in out:
            out.append(v)
    return out


def _strategy(model: Model) -> st.SearchStrategy[dict[str, Fraction]]:
    """Parameter points: the defaults with a few parameters (up to four) changed, each to a
    simple value; a counterexample shrinks towards fewer changes and simpler values."""
    fields = dataclasses.fields(model.params_type)
    defaults = {f.name: Fraction(f.default) for f in fields}
    options = {
        f.name: st.sampled_from(_candidates(defaults[f.name], f.metadata.get("sign", "positive")))
        for f in fields
    }

    def apply(chosen: frozenset[str]) -> st.SearchStrategy[dict[str, Fraction]]:
        picked = sorted(chosen)
        return st.fixed_dictionaries({n: options[n] for n in picked}).map(
            lambda changes: {**defaults, **changes}
        )

    return st.frozensets(st.sampled_from(sorted(defaults)), max_size=min(4, len(defaults))).flatmap(
        apply
    )


class _Enough(Exception):
    """Raised inside the search once enough valid points were tried."""


def check_path_claim(
    model: Model, claim: PathClaim, params: Any, grid: Sequence[Fraction]
) -> PointCheck:
    """Decide a :class:`PathClaim` at one point with the generic PBE solver."""
    game = model.build(params, tuple(grid))
    try:
        result = solve_pbe(game)
    except PBERefusal as exc:
        return PointCheck(False, False, f"the PBE solver refused the game: {exc}")
    matching = [
        p
        for p in result.equilibria
        if all(p.assessment.behavior.get(s, {}).get(a) == 1 for s, a in claim.moves)
    ]
    if claim.criterion is None:
        found = bool(matching)
        return PointCheck(
            True,
            found == claim.exists,
            f"{len(matching)} PBE paths take these moves (of {len(result.equilibria)})",
        )
    if not matching:
        return PointCheck(
            True, False, "no PBE takes these moves, so none can pass or fail the criterion"
        )
    statuses = [p.refinements[claim.criterion].status for p in matching]
    want = "survives" if claim.survives else "fails"
    return PointCheck(
        True, all(s == want for s in statuses), f"{claim.criterion}: {', '.join(statuses)}"
    )


def _decider(
    model: Model, analysis: Analysis, claim: Any
) -> Callable[[Any, tuple[Fraction, ...]], PointCheck] | None:
    if isinstance(claim, PathClaim):
        return lambda p, g: check_path_claim(model, claim, p, g)
    if analysis.check_claim is None:
        return None

    def decide(p: Any, g: tuple[Fraction, ...]) -> PointCheck | None:
        return analysis.check_claim(model, claim, p, g)

    return decide


def check_claims(
    model: Model,
    analysis: Analysis,
    *,
    samples: int = 100,
    seed: int = 0,
    grid_size: int | None = None,
) -> CheckReport:
    """Check every claim of ``model`` (see the module docstring).

    Parameters
    ----------
    model, analysis
        The model and the analysis that decides its claims.
    samples : int
        Parameter points tried per claim (at most; fewer if the search space is small).
    seed : int
        The search's random seed: the same seed gives the same points and verdicts.
    grid_size : int, optional
        The size of the default grid of the model's continuous choice at each point.
    """
    start = time.perf_counter()
    results = []
    for claim in model.claims:
        results.append(_check_one(model, analysis, claim, samples, seed, grid_size))
    return CheckReport(
        model.name, samples, seed, grid_size, tuple(results), time.perf_counter() - start
    )


def _check_one(
    model: Model, analysis: Analysis, claim: Any, samples: int, seed: int, grid_size: int | None
) -> ClaimResult:
    decide = _decider(model, analysis, claim)
    if decide is None:
        return ClaimResult(
            claim.name,
            claim.where,
            "not checkable",
            0,
            f"no analysis decides a {type(claim).__name__}",
        )
    if isinstance(claim, FormulaClaim):
        p = model.params()
        verdict = decide(p, model.grid(p, grid_size))
        if verdict is None:
            return ClaimResult(
                claim.name, claim.where, "not checkable", 0, "the analysis does not decide it"
            )
        return ClaimResult(
            claim.name,
            claim.where,
            verdict.label or ("agrees" if verdict.holds else "DISAGREES"),
            1,
            verdict.detail,
        )
    conditions = tuple(getattr(claim, "conditions", ()))
    evaluated: list[Any] = []
    last: dict[str, Any] = {}

    def point(values: dict[str, Fraction]) -> tuple[Any, tuple[Fraction, ...]] | None:
        try:
            p = model.params(**values)
            g = model.grid(p, grid_size)
        except ParamError:
            return None
        if not conditions_hold(model, conditions, p):
            return None
        return p, g

    def fails(values: dict[str, Fraction]) -> bool:
        pt = point(values)
        if pt is None:
            return False
        p, g = pt
        verdict = decide(p, g)
        if verdict is None or not verdict.applies:
            return False
        evaluated.append(values)
        if not verdict.holds:
            last["detail"] = verdict.detail
            last["failed"] = True
            return True
        if len(evaluated) >= samples and "failed" not in last:
            raise _Enough
        return False

    config = settings(
        max_examples=50 * samples,
        database=None,
        deadline=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    try:
        values = find(_strategy(model), fails, settings=config, random=random.Random(seed))
    except (NoSuchExample, Unsatisfiable, _Enough):
        n = len(evaluated)
        if n == 0:
            return ClaimResult(
                claim.name,
                claim.where,
                "not checkable",
                0,
                "no valid point inside the claim's conditions was found",
            )
        return ClaimResult(
            claim.name, claim.where, "holds", n, f"no counterexample at {n} valid points"
        )
    p, g = point(values)  # type: ignore[misc]
    verdict = decide(p, g)
    detail = verdict.detail if verdict is not None else last.get("detail", "")
    changed = {f.name: str(getattr(p, f.name)) for f in dataclasses.fields(p)}
    return ClaimResult(
        claim.name,
        claim.where,
        "fails",
        len(evaluated),
        detail,
        counterexample=changed,
        grid=tuple(str(x) for x in g),
    )
