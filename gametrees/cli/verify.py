"""``gametrees verify`` and ``gametrees sweep``."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gametrees.cli.build import model_point
from gametrees.cli.common import (
    EXIT_CHECK_FAILED,
    ParamsOption,
    SetOption,
    check_output,
    console,
    err_console,
    fail,
    write_output,
)

__all__ = ["register"]


def _sweep_axis(spec: str) -> tuple[str, list[Fraction]]:
    """``w=1/10:9/10:5`` -> ``("w", [1/10, 3/10, 1/2, 7/10, 9/10])``."""
    from gametrees.builders.params import ParamError, as_fraction

    name, sep, rng = spec.partition("=")
    parts = rng.split(":")
    if not sep or len(parts) != 3:
        fail(f"--over {spec!r}: expected NAME=START:STOP:COUNT, e.g. w=1/10:9/10:5")
    try:
        start, stop = as_fraction(name, parts[0]), as_fraction(name, parts[1])
        count = int(parts[2])
    except (ParamError, ValueError):
        fail(f"--over {spec!r}: START and STOP must be numbers and COUNT a whole number")
    if count < 1:
        fail(f"--over {spec!r}: COUNT must be >= 1")
    if count == 1:
        return name.strip(), [start]
    return name.strip(), [start + (stop - start) * i / (count - 1) for i in range(count)]


def register(app: typer.Typer) -> None:
    """Add ``verify`` and ``sweep`` to ``app``."""

    @app.command()
    def verify(
        model: Annotated[str, typer.Argument(help="baseline or client")],
        grid: Annotated[
            int | None, typer.Option(help="evenly spaced offers (plus thresholds)")
        ] = None,
        offers: Annotated[
            str | None, typer.Option(help="explicit offers instead, e.g. '0,1/2,1'")
        ] = None,
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
        """Solve with Gambit and our enumerator, compare with the closed forms, formula by formula.

        Exit 0 when the three sources agree, 1 with the disagreements listed. A printed
        formula of the paper that disagrees with the game is a finding, not a failure.
        """
        from gametrees.verify.yoder_cohen.report import to_json, to_markdown
        from gametrees.verify.yoder_cohen.run import verify_point

        check_output(json_out, "--json")
        check_output(report, "--report")
        _, p, grid_offers = model_point(model, params, set_, grid, offers)
        with console.status(f"verifying {model} on {len(grid_offers)} offers ..."):
            result = verify_point(model, p, grid_offers, gambit=not no_gambit, logit=logit)
        if json_out:
            write_output(json_out, json.dumps(to_json(result), indent=2) + "\n", "--json")
        if report:
            write_output(report, to_markdown(result), "--report")
        table = Table(title=f"{model}: equilibrium classes by source")
        table.add_column("source")
        table.add_column("classes")
        table.add_column("PBE paths", justify="right")
        for s, cs in result.classes.items():
            table.add_row(
                s, "\n".join(sorted(str(c) for c in cs)) or "none", str(len(result.paths[s]))
            )
        console.print(table)
        ft = Table(title="the paper's formulas")
        for col in ("formula", "verdict", "derived"):
            ft.add_column(col)
        for r in result.formulas:
            ft.add_row(r.name, r.verdict, r.derived)
        console.print(ft)
        if result.logit is not None:
            lg = result.logit
            console.print(
                f"full-tree logit: offer {lg['offer']} ({lg['class']}), exact regret "
                f"{lg['exact_regret_of_rounded_profile']}, PBE path: {lg['path_is_a_PBE_path']}"
            )
        for n in result.notes:
            console.print(f"note: {n}")
        if not result.agree:
            for d in result.disagreements:
                err_console.print(f"disagreement: {d}")
            raise typer.Exit(EXIT_CHECK_FAILED)
        console.print("[bold green]the three sources agree[/]")

    @app.command()
    def sweep(
        model: Annotated[str, typer.Argument(help="baseline or client")],
        over: Annotated[
            list[str], typer.Option("--over", help="NAME=START:STOP:COUNT, repeatable")
        ],
        grid: Annotated[int, typer.Option(help="evenly spaced offers per point")] = 7,
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
        from gametrees.verify.yoder_cohen.run import verify_point

        check_output(json_out, "--json")
        spec, base, _ = model_point(model, params, set_, grid)
        axes = [_sweep_axis(o) for o in over]
        names = [n for n, _ in axes]
        for n in names:
            if n not in {f.name for f in dataclasses.fields(base)}:
                fail(f"--over {n}: unknown parameter for {model}")
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
            task = progress.add_task(f"sweep {model}", total=len(points))
            for values in points:
                change = dict(zip(names, values, strict=True))
                try:
                    p = dataclasses.replace(base, **change)
                    offers = spec.default_offers(p, grid)
                except ParamError as exc:
                    invalid += 1
                    rows.append(
                        {"point": {k: str(v) for k, v in change.items()}, "invalid": str(exc)}
                    )
                    progress.advance(task)
                    continue
                res = verify_point(model, p, offers, gambit=gambit, certify=False)
                agree += res.agree
                key = (
                    ", ".join(sorted(str(c) for c in res.classes["enumerator"]))
                    or "no pure-path PBE"
                )
                counts[key] += 1
                rows.append(
                    {
                        "point": {k: str(v) for k, v in change.items()},
                        "agree": res.agree,
                        "classes": sorted(str(c) for c in res.classes["enumerator"]),
                        "disagreements": res.disagreements,
                    }
                )
                progress.advance(task)
        valid = len(points) - invalid
        table = Table(title=f"sweep {model}: {len(points)} points, {valid} valid, {agree} agree")
        table.add_column("classes found")
        table.add_column("points", justify="right")
        for k, v in counts.most_common():
            table.add_row(k, str(v))
        console.print(table)
        if json_out:
            write_output(json_out, json.dumps(rows, indent=2) + "\n", "--json")
        if agree != valid:
            raise typer.Exit(EXIT_CHECK_FAILED)
