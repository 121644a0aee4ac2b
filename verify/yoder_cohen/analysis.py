"""The Yoder & Cohen analysis: everything gametrees verifies about a model declaring an
:class:`~gametrees.builders.yoder_cohen.tree.OfferGame`.

:data:`ANALYSIS` is what the pipeline finds for such a model
(:func:`gametrees.verify.analyses.analysis_for`): the three-source verification
(:func:`~gametrees.verify.yoder_cohen.run.verify_point`), its reports, and its part of
``gametrees run`` -- the reports, the certified equilibria, the paper's response figure
(Figure 3 or 4) and the equilibrium map over the two parameters the structure names.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model
from gametrees.builders.yoder_cohen.tree import OfferGame, offer_label
from gametrees.plotting import figure_bytes
from gametrees.solution import Equilibrium, Solution
from gametrees.verify.analyses import (
    Analysis,
    AnalysisRun,
    Artefact,
    PointVerdict,
    Progress,
    SummaryTable,
    VerifySummary,
)
from gametrees.verify.yoder_cohen.claims import check_claim
from gametrees.verify.yoder_cohen.combine import punishments
from gametrees.verify.yoder_cohen.figures import (
    equilibrium_map,
    overlay_from_continuations,
    response_figure,
)
from gametrees.verify.yoder_cohen.profile import pbe_profile
from gametrees.verify.yoder_cohen.report import to_json, to_markdown
from gametrees.verify.yoder_cohen.run import VerifyResult, verify_point
from gametrees.verify.yoder_cohen.types import offer_game

__all__ = ["ANALYSIS", "certified_solution", "map_values", "summary", "verdict"]


def summary(result: VerifyResult) -> VerifySummary:
    """The console view of a verification: classes by source, the paper's formulas."""
    classes = SummaryTable(
        f"{result.model.name}: equilibrium classes by source",
        ("source", "classes", "PBE paths"),
        tuple(
            (s, "\n".join(sorted(str(c) for c in cs)) or "none", str(len(result.paths[s])))
            for s, cs in result.classes.items()
        ),
    )
    formulas = SummaryTable(
        "the paper's formulas",
        ("formula", "verdict", "derived"),
        tuple((r.name, r.verdict, r.derived) for r in result.formulas),
    )
    notes = list(result.notes)
    if result.logit is not None:
        lg = result.logit
        notes.insert(
            0,
            f"full-tree logit: offer {lg.offer} ({lg.eq_class}), exact regret "
            f"{lg.exact_regret}, PBE path: {lg.path_is_a_pbe_path}",
        )
    return VerifySummary(
        (classes, formulas), tuple(notes), result.disagreements, "the three sources agree"
    )


def verdict(result: VerifyResult) -> PointVerdict:
    """A sweep's row: agreement and the classes the enumerator found."""
    return PointVerdict(
        result.agree,
        tuple(sorted(str(c) for c in result.classes["enumerator"])),
        result.disagreements,
    )


def certified_solution(result: VerifyResult) -> Solution:
    """The PBE found (one per class and P's replies), as full-tree behaviour profiles with
    beliefs, in the schema of ``gametrees solve --json``; the agent regret is Gambit's,
    from the certification."""
    punish = punishments(result.pure, result.mixed)
    regret = {(c.offer, c.eq_class): c.gambit_regret for c in result.certification}
    eqs = []
    seen = set()
    for e in result.pbes:
        if (e.eq_class, e.path.regime) in seen:
            continue
        seen.add((e.eq_class, e.path.regime))
        behavior, beliefs = pbe_profile(result.model, result.params, result.offers, e, punish)
        eqs.append(
            Equilibrium(
                behavior,
                {k: tuple(v) for k, v in beliefs.items()},
                regret.get((e.offer, e.eq_class)),
                label=f"{e.eq_class} at x={e.offer}",
            )
        )
    return Solution(result.model.name, "gametrees enumerator (certified)", True, tuple(eqs))


def map_values(model: Model, params: Any) -> list[Fraction] | None:
    """Nine values of the map's first axis inside the model's valid range, or ``None``
    (the map's defaults, 1/10 .. 9/10).

    When that axis is ``w``, the assumptions ``alpha_lo < c/w <= alpha_hi`` and
    ``pi + w <= 1`` bound it to ``[c/alpha_hi, min(c/alpha_lo, 1 - pi)]``.
    """
    if offer_game(model).map_axes[0] != "w":
        return None
    lo = params.c / params.alpha_hi
    hi = min(params.c / params.alpha_lo, 1 - params.pi, Fraction(1))
    return [lo + (hi - lo) * Fraction(i, 10) for i in range(1, 10)]


def _run(model: Model, params: Any, grid: Sequence[Fraction], progress: Progress) -> AnalysisRun:
    shape = offer_game(model)
    progress(f"verifying ({len(grid)} offers, three sources)")
    result = verify_point(model, params, grid)
    name = model.name
    arts = [
        Artefact(
            f"{name}_report.json",
            (json.dumps(to_json(result, timings=False), indent=2) + "\n").encode(),
            "report",
            "The verification report as JSON.",
        ),
        Artefact(
            f"{name}_report.md",
            to_markdown(result, timings=False).encode(),
            "report",
            "The verification report as Markdown.",
        ),
    ]
    solution = certified_solution(result) if result.pbes else None
    progress("drawing the response figure")
    stake = shape.at_stake
    fig = response_figure(
        model, params, overlay=overlay_from_continuations(result.pure, stake), overlay_regime=stake
    )
    figure = f"figure{shape.response_figure}_{name}"
    for fmt in ("svg", "pdf", "png"):
        arts.append(
            Artefact(
                f"{figure}.{fmt}",
                figure_bytes(fig, fmt),
                "figure",
                f"Figure {shape.response_figure} of the paper: each type's lowest acceptable "
                "offer without and with the alliance at stake, with the responses of the "
                "solved game.",
            )
        )
    progress("equilibrium map")
    x_name, y_name = shape.map_axes
    fig, data = equilibrium_map(
        model, params, x_name, map_values(model, params), y_name, None, check_points=4
    )
    stem = f"map_{name}_{x_name}_{y_name}"
    for fmt in ("svg", "png"):
        arts.append(
            Artefact(
                f"{stem}.{fmt}",
                figure_bytes(fig, fmt),
                "figure",
                f"Equilibrium classes over {x_name} and {y_name} (closed forms; checked cells "
                "verified by Gambit and the enumerator).",
            )
        )
    arts.append(
        Artefact(f"{stem}.json", (json.dumps(data, indent=2, default=str) + "\n").encode(), "data")
    )
    highlight: tuple[str, ...] = ()
    if result.pbes:
        first = result.pbes[0].offer
        highlight = tuple(dict.fromkeys(offer_label(x) for x in (first, grid[0], grid[-1])))
    classes = ", ".join(sorted(str(c) for c in result.classes["enumerator"]))
    findings = sum(r.verdict in ("DISAGREES", "FAILS") for r in result.formulas)
    return AnalysisRun(
        agree=result.agree,
        classes=classes or "none with a pure path",
        findings=findings,
        markdown=to_markdown(result, timings=False),
        solution=solution,
        artefacts=tuple(arts),
        highlight=highlight,
    )


#: The Yoder & Cohen analysis (closed forms, enumerator, Gambit per offer, certification).
ANALYSIS = Analysis(
    name="Yoder & Cohen offer game",
    structure=OfferGame,
    description=(
        "closed forms derived from the payoffs, an exact enumerator of the continuations, "
        "Gambit's exact solvers per offer, certification on the full tree"
    ),
    verify=verify_point,
    summary=summary,
    to_markdown=to_markdown,
    to_json=to_json,
    verdict=verdict,
    run=_run,
    check_claim=check_claim,
    options=(
        ("gambit", "include the Gambit source"),
        ("certify", "certify every PBE path on the full tree"),
        ("logit", "also run Gambit's agent logit on the full tree (<= 8 offers)"),
    ),
)
