"""``gametrees run``: one command from parameters to a verified, illustrated report.

The work is :func:`gametrees.verify.pipeline.run`, which returns every output in memory;
this command then writes OUTDIR whole, by the rules of :mod:`gametrees.cli.outdir`: the
folder is gametrees' own (a manifest lists what it wrote), it is replaced only when empty
or a previous gametrees output, atomically, and never at the cost of a file gametrees did
not write. Reruns give the same bytes (no timestamps are written).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from gametrees.cli.common import (
    EXIT_CHECK_FAILED,
    ParamsOption,
    SetOption,
    console,
    err_console,
    fail,
    load_params,
    parse_sets,
)
from gametrees.cli.models import resolve_model
from gametrees.cli.outdir import OutputDirError, check_target, locked, replace_dir, signals_unwind

__all__ = ["register"]

#: The models ``--model all`` runs: the two papers' models.
DEFAULT_MODELS = ("baseline", "client")


def _split_values(model: Any, values: dict[str, Any], models: list[Any]) -> dict[str, Any]:
    """The values that ``model`` knows; a name no selected model knows is an error."""
    known = {f.name for f in dataclasses.fields(model.params_type)}
    every = set().union(*({f.name for f in dataclasses.fields(m.params_type)} for m in models))
    for name in values:
        if name not in every:
            fail(f"unknown parameter {name!r}; known: {', '.join(sorted(every))}")
    return {k: v for k, v in values.items() if k in known}


def register(app: typer.Typer) -> None:
    """Add ``run`` to ``app``."""

    @app.command()
    def run(
        output: Annotated[Path, typer.Option("-o", "--output", help="output directory")] = Path(
            "gametrees-out"
        ),
        model: Annotated[
            list[str] | None,
            typer.Option(
                help="a model (repeatable): name, plugin, path/to/model.py or module:ATTR; "
                "'all' (the default) runs baseline and client"
            ),
        ] = None,
        set_: SetOption = None,
        params: ParamsOption = None,
        grid: Annotated[
            int | None, typer.Option(help="grid of the continuous choice (plus critical points)")
        ] = None,
        force: Annotated[bool, typer.Option(help="replace a non-empty output directory")] = False,
    ) -> None:
        """Build, solve, verify and draw: the .efg files, solutions, reports and figures."""
        from gametrees.builders.params import ParamError
        from gametrees.verify import pipeline

        refs = list(model or ["all"])
        if "all" in refs:
            refs = [r for r in refs if r != "all"] + [m for m in DEFAULT_MODELS if m not in refs]
        models = [resolve_model(r) for r in refs]
        if len({m.name for m in models}) != len(models):
            fail("--model: the same model is given twice")
        values = dict(load_params(params))
        values.update(parse_sets(set_))
        points = []
        for m in models:
            try:
                p = m.params(**_split_values(m, values, models))
                m.grid(p, grid)
            except ParamError as exc:
                fail(f"{m.name}: {exc}")
            points.append((m, p))
        try:
            check_target(output, force=force)
            with signals_unwind(), locked(output):
                check_target(output, force=force)  # again, now that no other run can write it
                with Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}"),
                    TimeElapsedColumn(),
                    console=err_console,
                    transient=False,
                ) as progress:
                    task = progress.add_task("starting", total=None)
                    result = pipeline.run(
                        points,
                        grid,
                        lambda name, stage: progress.update(task, description=f"{name}: {stage}"),
                    )
                    progress.update(task, description="writing", total=1, completed=1)
                kept = replace_dir(output, ((a.name, a.data) for a in result.artefacts))
        except OutputDirError as exc:
            fail(f"-o {exc}")
        if kept is not None:
            err_console.print(
                f"[bold yellow]warning:[/] files appeared in the old output during the run; "
                f"they are kept in {kept}",
                soft_wrap=True,
            )
        table = Table(title=f"gametrees run -> {output}")
        for col in ("model", "grid", "nodes", "equilibria found", "checks agree", "paper findings"):
            table.add_column(col)
        for r in result.runs:
            table.add_row(
                r.model.name,
                str(len(r.grid)) if r.model.choice else "-",
                str(r.nodes),
                r.classes,
                "yes" if r.agree else "NO",
                str(r.findings),
            )
        console.print(table)
        console.print(f"{len(result.artefacts)} files in {output}; open {output / 'report.html'}")
        if not result.agree:
            raise typer.Exit(EXIT_CHECK_FAILED)
