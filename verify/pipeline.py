"""The whole pipeline for any model, as a library function: ``gametrees run`` without the files.

:func:`run` builds each model's tree, exports it as ``.efg``, draws its schematic (when
the model has one) and a small concrete tree, verifies it -- with the model-family
analysis its declared structure calls for (:mod:`gametrees.verify.analyses`), or else
with the generic exact PBE solver (:mod:`gametrees.verify.generic`) -- and draws the
solved tree. It
returns every output as an :class:`~gametrees.verify.analyses.Artefact` (name, bytes,
caption); only the CLI writes files. Nothing here prints; ``progress`` is told what
starts. The same inputs give the same bytes (no timings, dates or random ids).
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Model
from gametrees.drawing import game_to_dot, render_bytes, schematic_dot
from gametrees.efg.writer import write_efg
from gametrees.tree import stats
from gametrees.verify.analyses import Analysis, Artefact, analysis_for
from gametrees.verify.generic import GENERIC
from gametrees.verify.yoder_cohen.analysis import ANALYSIS as YODER_COHEN

__all__ = ["BUILTIN_ANALYSES", "ModelRun", "RunResult", "find_analysis", "run", "run_model"]

#: The analyses that ship with gametrees.
BUILTIN_ANALYSES: tuple[Analysis, ...] = (YODER_COHEN,)
#: The formats every schematic figure is written in.
SCHEMATIC_FORMATS = ("svg", "pdf", "png", "tex")


def find_analysis(model: Model) -> Analysis:
    """The model-family analysis for ``model``'s declared structure, or else the generic
    verification (:data:`gametrees.verify.generic.GENERIC`), which every model gets."""
    return analysis_for(model, BUILTIN_ANALYSES) or GENERIC


@dataclass(frozen=True)
class ModelRun:
    """One model's part of a run: its outputs and the summary row of the console table."""

    model: Model
    params: Any
    grid: tuple[Fraction, ...]
    nodes: int
    method: str
    agree: bool
    classes: str
    findings: int
    markdown: str
    artefacts: tuple[Artefact, ...]


@dataclass(frozen=True)
class RunResult:
    """Every model's run and every artefact (including ``report.html``), in order."""

    runs: tuple[ModelRun, ...]
    artefacts: tuple[Artefact, ...]

    @property
    def agree(self) -> bool:
        return all(r.agree for r in self.runs)


def run_model(
    model: Model,
    params: Any,
    grid_size: int | None = None,
    progress: Callable[[str], None] = lambda s: None,
) -> ModelRun:
    """Build, export, draw and verify ``model`` at ``params`` (see the module docstring)."""
    name = model.name
    progress("building the tree")
    grid = model.grid(params, grid_size)
    game = model.build(params, grid)
    arts = [Artefact(f"{name}.efg", write_efg(game).encode(), "game", "The game as a Gambit file.")]
    if model.schematic is not None:
        progress("drawing the schematic tree")
        source = schematic_dot(model.schematic.tree({}), model.notation)
        for fmt in SCHEMATIC_FORMATS:
            arts.append(
                Artefact(
                    f"{model.schematic.name}.{fmt}",
                    render_bytes(source, fmt),
                    "figure",
                    model.schematic.caption,
                )
            )
    small = model.game(params, size=2) if model.choice is not None else game
    dot = game_to_dot(small)
    arts.append(Artefact(f"{name}_tree.dot", dot.encode(), "data"))
    arts.append(
        Artefact(
            f"{name}_tree.svg",
            render_bytes(dot, "svg"),
            "figure",
            "The concrete game tree"
            + (
                " on the smallest grid (the choice's two ends and its critical points)."
                if model.choice
                else "."
            ),
        )
    )
    analysis = find_analysis(model)
    out = analysis.run(model, params, grid, progress)
    arts.extend(out.artefacts)
    solution, method, agree = out.solution, analysis.name, out.agree
    classes, findings, markdown, highlight = out.classes, out.findings, out.markdown, out.highlight
    if solution is not None:
        arts.append(
            Artefact(
                f"{name}_solution.json",
                (json.dumps(solution.to_json(), indent=2) + "\n").encode(),
                "solution",
                "The equilibria found, in the schema of gametrees solve --json.",
            )
        )
        if solution.equilibria:
            eq = solution.equilibria[0]
            first = highlight or None
            dot = game_to_dot(game, solution=eq, first_actions=first)
            arts.append(
                Artefact(
                    f"{name}_equilibrium.svg",
                    render_bytes(dot, "svg"),
                    "figure",
                    f"The solved tree, equilibrium {eq.label or 1} in bold.",
                )
            )
    return ModelRun(
        model=model,
        params=params,
        grid=tuple(grid),
        nodes=stats(game).nodes,
        method=method,
        agree=agree,
        classes=classes,
        findings=findings,
        markdown=markdown,
        artefacts=tuple(arts),
    )


def html_page(runs: Sequence[ModelRun]) -> bytes:
    """A self-contained HTML page: each model's report with its PNG figures embedded."""
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>gametrees report</title>",
        "<style>body{font-family:Georgia,serif;max-width:60em;margin:2em auto}"
        "pre{white-space:pre-wrap;font-size:0.85em}img{max-width:100%}</style></head><body>",
        "<h1>gametrees: verified report</h1>",
    ]
    for r in runs:
        parts.append(f"<h2>{html.escape(r.model.title)}</h2>")
        for a in r.artefacts:
            if a.name.endswith(".png"):
                data = base64.b64encode(a.data).decode("ascii")
                parts.append(
                    f"<figure><img alt='{html.escape(a.name)}' src='data:image/png;base64,{data}'>"
                    f"<figcaption>{html.escape(a.caption or a.name)}</figcaption></figure>"
                )
        parts.append(f"<pre>{html.escape(r.markdown)}</pre>")
    parts.append("</body></html>")
    return ("\n".join(parts) + "\n").encode()


def run(
    points: Sequence[tuple[Model, Any]],
    grid_size: int | None = None,
    progress: Callable[[str, str], None] = lambda model, stage: None,
) -> RunResult:
    """The pipeline for each ``(model, params)`` in ``points``; ``progress(model, stage)``."""
    runs = tuple(
        run_model(m, p, grid_size, lambda stage, m=m: progress(m.name, stage)) for m, p in points
    )
    arts = [a for r in runs for a in r.artefacts]
    names = [a.name for a in arts]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise ValueError(f"two models write the same file {dup!r}; run them separately")
    arts.append(Artefact("report.html", html_page(runs), "report", "This report."))
    return RunResult(runs, tuple(arts))
