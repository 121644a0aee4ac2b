"""``gametrees check``: a paper's claims as property tests on the model's game.

Each claim the model declares is checked at up to ``--samples`` valid parameter points
(hypothesis, seeded with ``--seed``; a failure is shrunk to its simplest counterexample)
by :func:`gametrees.verify.claims.check_claims`. Exit 0 when every claim holds (or a
printed formula agrees), 1 when some claim fails -- each failure with the point, the grid
and what failed --, 2 for bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from gametrees.cli.build import MODEL_HELP
from gametrees.cli.common import (
    EXIT_CHECK_FAILED,
    GridOption,
    check_output,
    console,
    err_console,
    write_output,
)
from gametrees.cli.models import resolve_model

__all__ = ["register", "report_json", "report_markdown"]


def report_json(report: Any) -> dict[str, Any]:
    """The check's report as JSON data."""
    return {
        "model": report.model,
        "samples": report.samples,
        "seed": report.seed,
        "grid": report.grid_size,
        "claims": [
            {
                "name": r.name,
                "where": r.where,
                "verdict": r.verdict,
                "points": r.points,
                "detail": r.detail,
                "counterexample": r.counterexample,
                "grid": list(r.grid) if r.grid is not None else None,
            }
            for r in report.results
        ],
        "failures": len(report.failures),
    }


def report_markdown(report: Any) -> str:
    """The check's report as Markdown."""
    out = [
        f"# Claims of {report.model}, checked",
        "",
        f"{len(report.results)} claims; up to {report.samples} parameter points each (seed "
        f"{report.seed}); {len(report.failures)} fail.",
        "",
        "| claim | where | verdict | points | detail |",
        "|---|---|---|---|---|",
    ]
    for r in report.results:
        out.append(
            f"| {r.name} | {r.where} | **{r.verdict}** | {r.points} | {r.detail.replace('|', '/')} |"
        )
    for r in report.failures:
        if r.counterexample:
            out += [
                "",
                f"## {r.name}",
                "",
                "Fails at: " + ", ".join(f"`{k}={v}`" for k, v in r.counterexample.items()),
            ]
            if r.grid:
                out.append(f"on the grid {', '.join(r.grid)}.")
            out += ["", r.detail]
    return "\n".join(out) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""

    @app.command()
    def check(
        model: Annotated[str, typer.Argument(help=MODEL_HELP)],
        samples: Annotated[
            int, typer.Option(min=1, max=100_000, help="parameter points tried per claim")
        ] = 300,
        seed: Annotated[int, typer.Option(min=0, help="the search's random seed")] = 0,
        grid: GridOption = None,
        report: Annotated[
            Path | None, typer.Option("--report", help="write the report as Markdown")
        ] = None,
        json_out: Annotated[
            Path | None, typer.Option("--json", help="write the report as JSON")
        ] = None,
    ) -> None:
        """Check the paper's claims on the game: each holds at N points, or fails with the point."""
        from gametrees.verify.claims import check_claims
        from gametrees.verify.pipeline import find_analysis

        check_output(report, "--report", suffixes=(".md", ".markdown", ".txt"))
        check_output(json_out, "--json", suffixes=(".json",))
        spec = resolve_model(model)
        if not spec.claims:
            err_console.print(
                f"{spec.name} declares no claims (Model.claims is empty): nothing to check"
            )
            return
        with console.status(f"checking {len(spec.claims)} claims of {spec.name} ..."):
            result = check_claims(
                spec, find_analysis(spec), samples=samples, seed=seed, grid_size=grid
            )
        if report:
            write_output(report, report_markdown(result), "--report")
        if json_out:
            write_output(json_out, json.dumps(report_json(result), indent=2) + "\n", "--json")
        table = Table(title=f"claims of {spec.name} ({samples} points per claim, seed {seed})")
        for col in ("claim", "verdict", "points", "detail"):
            table.add_column(col)
        for r in result.results:
            colour = "green" if r.ok else "red"
            table.add_row(r.name, f"[{colour}]{r.verdict}[/]", str(r.points), r.detail)
        console.print(table)
        for r in result.failures:
            if r.counterexample:
                console.print(
                    f"[bold]{r.name}[/] fails at "
                    + ", ".join(f"{k}={v}" for k, v in r.counterexample.items())
                    + (f" on the grid {', '.join(r.grid)}" if r.grid else ""),
                    soft_wrap=True,
                )
        console.print(
            f"{len(result.results)} claims checked in {result.seconds:.1f} s; {len(result.failures)} fail"
        )
        if result.failures:
            raise typer.Exit(EXIT_CHECK_FAILED)
