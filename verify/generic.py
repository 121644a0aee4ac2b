"""The verification every model gets: its perfect Bayesian equilibria, exactly, certified.

A model whose declared structure no model-family analysis recognises (a researcher's own
model, beer-quiche) is verified with the generic tools: every PBE of the built game
(:func:`gametrees.verify.pbe.solve_pbe`), each listed assessment certified on the tree by
the sequential-rationality certifier and by Gambit's exact agent regret, and the
intuitive criterion and D1 wherever a continuation is a sender-receiver game. The result
is a :class:`GenericResult`; :data:`GENERIC` presents it through the same
:class:`~gametrees.verify.analyses.Analysis` interface as the model-family analyses, so
``gametrees verify``, ``sweep`` and ``run`` treat every model alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model
from gametrees.gambit import to_pygambit
from gametrees.gambit.solve import solve
from gametrees.numbers import show
from gametrees.solution import Equilibrium, Solution
from gametrees.tree import Game
from gametrees.verify.analyses import (
    Analysis,
    AnalysisRun,
    Artefact,
    PointVerdict,
    Progress,
    SummaryTable,
    VerifySummary,
)
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.pbe import PBERefusal, PBEResult, pbe_to_json, solve_pbe
from gametrees.verify.sequential import annotate

__all__ = ["GENERIC", "GenericResult", "verify_generic"]


@dataclass(frozen=True)
class PathCertificate:
    """One listed PBE path's representative assessment, certified on the whole tree."""

    index: int
    violations: tuple[str, ...]
    gambit_regret: Fraction

    @property
    def certified(self) -> bool:
        return not self.violations and self.gambit_regret == 0


@dataclass(frozen=True)
class GenericResult:
    """The generic verification of one model at one point."""

    model: Model
    params: Any
    grid: tuple[Fraction, ...]
    game: Game
    pbe: PBEResult
    certificates: tuple[PathCertificate, ...]

    @property
    def disagreements(self) -> tuple[str, ...]:
        return tuple(
            f"PBE path {c.index + 1} fails certification: "
            + (c.violations[0] if c.violations else f"Gambit's agent regret {c.gambit_regret}")
            for c in self.certificates
            if not c.certified
        )

    @property
    def agree(self) -> bool:
        return not self.disagreements


def verify_generic(
    model: Model, params: Any, grid: Sequence[Fraction] = (), *, mixed: bool = True, **_: Any
) -> GenericResult:
    """Every PBE of ``model``'s tree at ``params`` on ``grid``, each certified twice."""
    game = model.build(params, tuple(grid))
    result = solve_pbe(game, mixed=mixed)
    g = to_pygambit(game)
    certs = []
    for path in result.equilibria:
        a = path.assessment
        violations = certify_sequential(game, a.behavior, a.point_beliefs())
        certs.append(
            PathCertificate(path.index, tuple(violations), gambit_regret(game, a.behavior, g))
        )
    return GenericResult(model, params, tuple(grid), game, result, tuple(certs))


def _moves(game: Game, behavior: Any, on_path: Any) -> str:
    played = []
    for name, probs in behavior.items():
        if on_path.get(name):
            acts = [a for a, p in probs.items() if p > 0]
            played.append(f"{name}: {'/'.join(acts)}")
    return "; ".join(played)


def summary(result: GenericResult) -> VerifySummary:
    """The console view: each PBE path's moves, payoffs and refinements."""
    game = result.game
    rows = []
    for path, cert in zip(result.pbe.equilibria, result.certificates, strict=True):
        a = path.assessment
        rows.append(
            (
                str(path.index + 1),
                _moves(game, a.behavior, a.on_path),
                ", ".join(show(v) for v in a.payoffs),
                "; ".join(f"{v.criterion}: {v.status}" for v in path.refinements.values()) or "-",
                "yes" if cert.certified else "NO",
            )
        )
    table = SummaryTable(
        f"{result.model.name}: perfect Bayesian equilibria",
        (
            "path",
            "on the path",
            "payoffs (" + ", ".join(game.players) + ")",
            "refinements",
            "certified",
        ),
        tuple(rows),
    )
    notes = [result.pbe.complete_reason]
    if result.pbe.mixed.equilibria:
        notes.append(
            f"{len(result.pbe.mixed.equilibria)} equilibria mix at the root ({result.pbe.mixed.reason})"
        )
    return VerifySummary(
        (table,), tuple(notes), result.disagreements, "every PBE listed is certified on the tree"
    )


def to_markdown(result: GenericResult, *, timings: bool = True) -> str:
    """A Markdown report of the generic verification."""
    s = summary(result)
    t = s.tables[0]
    out = [
        f"# Verification: {result.model.name}",
        "",
        f"**{s.verdict if s.agree else 'Some PBE fail certification.'}**",
        "",
    ]
    out += [f"{len(result.pbe.equilibria)} PBE paths; {result.pbe.complete_reason}", ""]
    out += ["| " + " | ".join(t.columns) + " |", "|" + "---|" * len(t.columns)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in t.rows]
    out += ["", "Concept: " + result.pbe.concept]
    if s.disagreements:
        out += ["", "## Disagreements", ""] + [f"- {d}" for d in s.disagreements]
    return "\n".join(out) + "\n"


def to_json(result: GenericResult, *, timings: bool = True) -> dict[str, Any]:
    """The PBE document (:func:`gametrees.verify.pbe.pbe_to_json`) with the certificates."""
    doc = pbe_to_json(result.pbe, result.game)
    doc["model"] = result.model.name
    doc["certification"] = [
        {
            "path": c.index + 1,
            "violations": list(c.violations),
            "gambit_regret": str(c.gambit_regret),
        }
        for c in result.certificates
    ]
    doc["agree"] = result.agree
    return doc


def verdict(result: GenericResult) -> PointVerdict:
    """A sweep's row: agreement and the PBE paths found (their on-path moves)."""
    game = result.game
    classes = tuple(
        sorted(
            _moves(game, p.assessment.behavior, p.assessment.on_path) for p in result.pbe.equilibria
        )
    )
    return PointVerdict(result.agree, classes, result.disagreements)


def certified_solution(result: GenericResult) -> Solution:
    """The representative assessments as a :class:`Solution` (to save and draw)."""
    eqs = []
    for path, cert in zip(result.pbe.equilibria, result.certificates, strict=True):
        a = path.assessment
        eqs.append(
            Equilibrium(
                dict(a.behavior),
                {k: tuple(v) for k, v in a.point_beliefs().items()},
                cert.gambit_regret,
                label=f"PBE path {path.index + 1}",
                certified=cert.certified,
                certificate="sequentially rational with its beliefs; exact agent regret "
                f"{cert.gambit_regret}",
                sequentially_rational=not cert.violations,
                sequential_note="PBE (beliefs by Bayes' rule within blocks, exact sets off the path)",
            )
        )
    return Solution(
        result.game.title, "gametrees generic PBE (certified)", True, tuple(eqs), tree=result.game
    )


def _solve_instead(model: Model, params: Any, grid: Sequence[Fraction], why: str) -> AnalysisRun:
    """When the PBE solver refuses the game: Gambit's default strategy, each equilibrium
    checked for sequential rationality."""
    game = model.build(params, tuple(grid))
    sol = annotate(game, solve(game))
    good = sum(e.certified for e in sol.equilibria)
    lines = [
        f"# Verification: {model.name}",
        "",
        f"The exact PBE solver refused this game ({why}); Gambit's `{sol.method}` found "
        f"{len(sol.equilibria)} equilibria, {good} certified.",
        "",
    ]
    lines += [
        f"- equilibrium {i}: {e.certificate}; {e.sequential_note or 'sequential rationality not checked'}"
        for i, e in enumerate(sol.equilibria, 1)
    ]
    lines += [f"- warning: {w}" for w in sol.warnings]
    md = "\n".join(lines) + "\n"
    return AnalysisRun(
        agree=good > 0,
        classes=f"{len(sol.equilibria)} Nash equilibria (PBE solver refused)",
        findings=0,
        markdown=md,
        solution=sol,
        artefacts=(
            Artefact(f"{model.name}_report.md", md.encode(), "report", "The verification report."),
        ),
    )


def _run(model: Model, params: Any, grid: Sequence[Fraction], progress: Progress) -> AnalysisRun:
    progress("perfect Bayesian equilibria (generic)")
    try:
        result = verify_generic(model, params, grid)
    except PBERefusal as exc:
        progress("solving with Gambit (the PBE solver refused the game)")
        return _solve_instead(model, params, grid, str(exc))
    name = model.name
    arts = (
        Artefact(
            f"{name}_report.json",
            (json.dumps(to_json(result), indent=2) + "\n").encode(),
            "report",
            "Every perfect Bayesian equilibrium as JSON.",
        ),
        Artefact(
            f"{name}_report.md", to_markdown(result).encode(), "report", "The verification report."
        ),
    )
    n = len(result.pbe.equilibria)
    return AnalysisRun(
        agree=result.agree,
        classes=f"{n} PBE path{'' if n == 1 else 's'}",
        findings=0,
        markdown=to_markdown(result),
        solution=certified_solution(result) if n else None,
        artefacts=arts,
    )


#: The generic verification, for a model whose structure no model-family analysis recognises.
GENERIC = Analysis(
    name="generic PBE",
    structure=object,
    description="every perfect Bayesian equilibrium of the built game, certified; refinements",
    verify=verify_generic,
    summary=summary,
    to_markdown=to_markdown,
    to_json=to_json,
    verdict=verdict,
    run=_run,
    options=(("mixed", "also seek mixed equilibria with Gambit"),),
)
