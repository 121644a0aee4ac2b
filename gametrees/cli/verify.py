"""``gametrees verify`` and ``gametrees sweep``: a model's analytic solution checked against its game.

The checks are those of the model-family analysis that the model's declared structure
calls for (:func:`gametrees.verify.pipeline.find_analysis`); a model that declares none
gets a clear message.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gametrees.cli.build import MODEL_HELP
from gametrees.cli.common import (
    EXIT_CHECK_FAILED,
    GridOption,
    OffersOption,
    ParamsOption,
    SetOption,
    check_output,
    console,
    err_console,
    fail,
    write_output,
)
from gametrees.cli.models import model_point

__all__ = ["register"]

#: Largest number of points a sweep accepts (the product of its axes).
MAX_SWEEP_POINTS = 1_000_000


def _analysis(model: Any) -> Any:
    """The model-family analysis of ``model``, or the generic PBE verification."""
    from gametrees.verify.pipeline import find_analysis

    return find_analysis(model)


def _options(analysis: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    offered = {name for name, _ in analysis.options}
    for name, value in wanted.items():
        if value is not None and name not in offered:
            fail(f"--{name.replace('_', '-')}: the {analysis.name} analysis has no such option")
    return {k: v for k, v in wanted.items() if v is not None}


def _sweep_axis(spec: str) -> tuple[str, list[Fraction]]:
    """``w=1/10:9/10:5`` -> ``("w", [1/10, 3/10, 1/2, 7/10, 9/10])``."""
    from gametrees.builders.params import ParamError, as_fraction

    name, sep, rng = spec.partition("=")
    parts = rng.split(":")
    name = name.strip()
    if not sep or not name or len(parts) != 3:
        fail(f"--over {spec!r}: expected NAME=START:STOP:COUNT, e.g. w=1/10:9/10:5")
    try:
        start, stop = as_fraction(name, parts[0]), as_fraction(name, parts[1])
        count = int(parts[2]) if len(parts[2].strip()) <= 12 else -1
    except (ParamError, ValueError):
        fail(f"--over {spec!r}: START and STOP must be numbers and COUNT a whole number")
    if not 1 <= count <= MAX_SWEEP_POINTS:
        fail(f"--over {spec!r}: COUNT must be between 1 and {MAX_SWEEP_POINTS}")
    if count == 1:
        return name, [start]
    return name, [start + (stop - start) * i / (count - 1) for i in range(count)]


def register(app: typer.Typer) -> None:
    """Add ``verify`` and ``sweep`` to ``app``."""

    @app.command()
    def verify(
        model: Annotated[str, typer.Argument(help=MODEL_HELP)],
        grid: GridOption = None,
        offers: OffersOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
        json_out: Annotated[
            Path | None, typer.Option("--json", help="write the report as JSON")
        ] = None,
        report: Annotated[
            Path | None, typer.Option("--report", help="write the report as Markdown")
        ] = None,
        no_gambit: Annotated[
            bool, typer.Option("--no-gambit", help="skip the Gambit source")
        ] = False,
        logit: Annotated[
            bool,
            typer.Option(
                "--logit", help="also run Gambit's agent logit on the full tree (<= 8 offers)"
            ),
        ] = False,
    ) -> None:
        """Solve with Gambit and exact solvers, compare with the closed forms, claim by claim.

        Exit 0 when the sources agree, 1 with the disagreements listed. A printed formula
        of the paper that disagrees with the game is a finding, not a failure.
        """
        check_output(json_out, "--json", suffixes=(".json",))
        check_output(report, "--report", suffixes=(".md", ".markdown", ".txt"))
        spec, p, points = model_point(model, params, set_, grid, offers)
        analysis = _analysis(spec)
        options = _options(
            analysis, {"gambit": False if no_gambit else None, "logit": True if logit else None}
        )
        from gametrees.verify.pbe import PBERefusal

        try:
            with console.status(f"verifying {spec.name} ({analysis.name}) ..."):
                result = analysis.verify(spec, p, points, **options)
        except PBERefusal as exc:
            fail(f"{spec.name}: {exc}")
        if json_out:
            write_output(json_out, json.dumps(analysis.to_json(result), indent=2) + "\n", "--json")
        if report:
            write_output(report, analysis.to_markdown(result), "--report")
        summary = analysis.summary(result)
        for t in summary.tables:
            table = Table(title=t.title)
            for col in t.columns:
                table.add_column(col)
            for row in t.rows:
                table.add_row(*row)
            console.print(table)
        for n in summary.notes:
            console.print(f"note: {n}", markup=False)
        if not summary.agree:
            for d in summary.disagreements:
                err_console.print(f"disagreement: {d}", markup=False)
            raise typer.Exit(EXIT_CHECK_FAILED)
        console.print(f"[bold green]{summary.verdict}[/]")

    @app.command()
    def sweep(
        model: Annotated[str, typer.Argument(help=MODEL_HELP)],
        over: Annotated[
            list[str], typer.Option("--over", help="NAME=START:STOP:COUNT, repeatable")
        ],
        grid: Annotated[int, typer.Option(help="evenly spaced values per point")] = 7,
        set_: SetOption = None,
        params: ParamsOption = None,
        json_out: Annotated[
            Path | None, typer.Option("--json", help="write every point as JSON")
        ] = None,
        gambit: Annotated[
            bool, typer.Option("--gambit/--no-gambit", help="include the Gambit source")
        ] = False,
    ) -> None:
        """Verify across a parameter grid, with a progress bar and a summary."""
        import itertools

        from gametrees.builders.params import ParamError

        check_output(json_out, "--json", suffixes=(".json",))
        spec, base, _ = model_point(model, params, set_, grid)
        analysis = _analysis(spec)
        axes = [_sweep_axis(o) for o in over]
        names = [n for n, _ in axes]
        known = {f.name for f in dataclasses.fields(base)}
        for n in names:
            if n not in known:
                fail(
                    f"--over {n}: unknown parameter for {spec.name}; known: {', '.join(sorted(known))}"
                )
        if len(set(names)) != len(names):
            fail(f"--over {next(n for n in names if names.count(n) > 1)}: given twice")
        total = 1
        for _, values in axes:
            total *= len(values)
        if total > MAX_SWEEP_POINTS:
            fail(f"--over: {total} points in all; at most {MAX_SWEEP_POINTS}")
        offered = {n for n, _ in analysis.options}
        options = _options(analysis, {"gambit": True if gambit else None})
        if "gambit" in offered:
            options["gambit"] = gambit
        if "certify" in offered:
            options["certify"] = False  # a sweep compares the sources; certification is per point
        points = list(itertools.product(*(v for _, v in axes)))
        counts: Counter[str] = Counter()
        rows = []
        agree = invalid = 0
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
        ) as progress:
            task = progress.add_task(f"sweep {spec.name}", total=len(points))
            for values in points:
                change = dict(zip(names, values, strict=True))
                try:
                    p = dataclasses.replace(base, **change)
                    offers = spec.grid(p, grid)
                except ParamError as exc:
                    invalid += 1
                    rows.append(
                        {"point": {k: str(v) for k, v in change.items()}, "invalid": str(exc)}
                    )
                    progress.advance(task)
                    continue
                verdict = analysis.verdict(analysis.verify(spec, p, offers, **options))
                agree += verdict.agree
                counts[", ".join(verdict.classes) or "no pure-path PBE"] += 1
                rows.append(
                    {
                        "point": {k: str(v) for k, v in change.items()},
                        "agree": verdict.agree,
                        "classes": list(verdict.classes),
                        "disagreements": list(verdict.disagreements),
                    }
                )
                progress.advance(task)
        valid = len(points) - invalid
        table = Table(
            title=f"sweep {spec.name}: {len(points)} points, {valid} valid, {agree} agree"
        )
        table.add_column("classes found")
        table.add_column("points", justify="right")
        for k, v in counts.most_common():
            table.add_row(k, str(v))
        console.print(table)
        if json_out:
            write_output(json_out, json.dumps(rows, indent=2) + "\n", "--json")
        if agree != valid:
            raise typer.Exit(EXIT_CHECK_FAILED)
