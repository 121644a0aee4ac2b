"""``gametrees run``: one command from parameters to a verified, illustrated report.

Everything is written into a temporary directory beside OUTDIR and renamed into place at
the end, so an error or an interrupt never leaves a partial OUTDIR behind. Reruns give
the same bytes (no timestamps are written).
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import shutil
import tempfile
from fractions import Fraction
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

__all__ = ["register", "run_model"]

#: Axes of the equilibrium maps (MODEL.md: w x rho for the baseline, u x q for the client).
MAP_AXES = {"baseline": ("w", "rho"), "client": ("u", "q")}
FIGURE_FORMATS = ("svg", "pdf", "png", "tex")


def _split_values(model: str, values: dict[str, Any], others: list[str]) -> dict[str, Any]:
    """The values that ``model`` knows; a name no selected model knows is an error."""
    from gametrees.builders import MODELS

    known = {f.name for f in dataclasses.fields(MODELS[model].params_type)}
    every = set().union(
        *({f.name for f in dataclasses.fields(MODELS[m].params_type)} for m in others)
    )
    for name in values:
        if name not in every:
            fail(f"unknown parameter {name!r}; known: {', '.join(sorted(every))}")
    return {k: v for k, v in values.items() if k in known}


def _map_values(model: str, params: Any) -> list[Fraction] | None:
    """Nine values of the map's first axis inside the model's valid range, or the default.

    For the baseline's ``w`` the assumptions ``alpha_lo < c/w <= alpha_hi`` and
    ``pi + w <= 1`` bound it to ``[c/alpha_hi, min(c/alpha_lo, 1 - pi)]``.
    """
    if model != "baseline":
        return None
    lo = params.c / params.alpha_hi
    hi = min(params.c / params.alpha_lo, 1 - params.pi, Fraction(1))
    return [lo + (hi - lo) * Fraction(i, 10) for i in range(1, 10)]


def _solution_json(model: str, params: Any, offers: tuple, result: Any) -> dict[str, Any]:
    """The certified PBE as behaviour profiles, in the schema of ``gametrees solve --json``."""
    from gametrees.verify.certify import pbe_profile
    from gametrees.verify.yoder_cohen.combine import punishments

    punish = punishments(result.pure, result.mixed)
    eqs = []
    seen = set()
    for e in result.pbes:
        if (e.eq_class, e.path.regime) in seen:
            continue
        seen.add((e.eq_class, e.path.regime))
        behavior, beliefs = pbe_profile(model, params, offers, e, punish)
        eqs.append(
            {
                "class": str(e.eq_class),
                "offer": str(e.offer),
                "behavior": {k: {a: str(p) for a, p in v.items()} for k, v in behavior.items()},
                "beliefs": {
                    k: [None if b is None else str(b) for b in v] for k, v in beliefs.items()
                },
                "agent_max_regret": next(
                    (
                        r["gambit_regret"]
                        for r in result.certification
                        if r["offer"] == str(e.offer) and r["class"] == str(e.eq_class)
                    ),
                    None,
                ),
            }
        )
    return {"game": model, "solver": "gametrees enumerator (certified)", "equilibria": eqs}


def run_model(model: str, params: Any, grid: int, out: Path, progress: Any) -> dict[str, Any]:
    """Build, verify, solve and draw one model into ``out``; return its summary row."""
    from gametrees.builders import MODELS
    from gametrees.efg.writer import write_efg
    from gametrees.render import game_to_dot, render_bytes, solution_from_json
    from gametrees.render.schematic import schematic_dot
    from gametrees.tree import stats
    from gametrees.verify.yoder_cohen.figures import (
        equilibrium_map,
        figure_bytes,
        overlay_from_continuations,
        response_figure,
    )
    from gametrees.verify.yoder_cohen.report import to_json, to_markdown
    from gametrees.verify.yoder_cohen.run import verify_point

    spec = MODELS[model]
    offers = spec.default_offers(params, grid)
    task = progress.add_task(f"{model}: building the tree", total=None)
    game = spec.build(params, offers)
    (out / f"{model}.efg").write_text(write_efg(game), encoding="utf-8")

    progress.update(task, description=f"{model}: verifying ({len(offers)} offers, three sources)")
    result = verify_point(model, params, offers)
    (out / f"{model}_report.json").write_text(
        json.dumps(to_json(result, timings=False), indent=2) + "\n", encoding="utf-8"
    )
    (out / f"{model}_report.md").write_text(to_markdown(result, timings=False), encoding="utf-8")
    solution = _solution_json(model, params, offers, result)
    (out / f"{model}_solution.json").write_text(
        json.dumps(solution, indent=2) + "\n", encoding="utf-8"
    )

    progress.update(task, description=f"{model}: drawing the figures")
    figure_name = "figure2_baseline" if model == "baseline" else "figure4tree_client"
    schematic = schematic_dot(model)
    for fmt in FIGURE_FORMATS:
        (out / f"{figure_name}.{fmt}").write_bytes(render_bytes(schematic, fmt))
    small_offers = spec.default_offers(params, 2)
    small = spec.build(params, small_offers)
    (out / f"{model}_tree.dot").write_text(game_to_dot(small), encoding="utf-8")
    (out / f"{model}_tree.svg").write_bytes(render_bytes(game_to_dot(small), "svg"))
    if solution["equilibria"]:
        # Highlight the first certified PBE on the full tree, showing a few offers only.
        sol = solution_from_json(solution)
        shown = [f"x={solution['equilibria'][0]['offer']}", f"x={offers[0]}", f"x={offers[-1]}"]
        dot = game_to_dot(game, solution=sol, offers=shown)
        (out / f"{model}_equilibrium.svg").write_bytes(render_bytes(dot, "svg"))

    stake = "reject" if model == "baseline" else "accept"
    fig = response_figure(
        model, params, overlay=overlay_from_continuations(result.pure, stake), overlay_regime=stake
    )
    resp_name = "figure3_baseline" if model == "baseline" else "figure4_client"
    for fmt in ("svg", "pdf", "png"):
        (out / f"{resp_name}.{fmt}").write_bytes(figure_bytes(fig, fmt))
    progress.update(task, description=f"{model}: equilibrium map")
    x_name, y_name = MAP_AXES[model]
    fig, data = equilibrium_map(
        model, params, x_name, _map_values(model, params), y_name, None, check_points=4
    )
    for fmt in ("svg", "png"):
        (out / f"map_{model}_{x_name}_{y_name}.{fmt}").write_bytes(figure_bytes(fig, fmt))
    (out / f"map_{model}_{x_name}_{y_name}.json").write_text(
        json.dumps(data, indent=2, default=str) + "\n"
    )
    progress.update(task, description=f"{model}: done", total=1, completed=1)
    st = stats(game)
    return {
        "model": model,
        "offers": len(offers),
        "nodes": st.nodes,
        "classes": ", ".join(sorted(str(c) for c in result.classes["enumerator"]))
        or "none with a pure path",
        "agree": result.agree,
        "findings": sum(r.verdict in ("DISAGREES", "FAILS") for r in result.formulas),
        "result": result,
        "figures": [f"{figure_name}.png", f"{resp_name}.png", f"map_{model}_{x_name}_{y_name}.png"],
    }


def _html_page(rows: list[dict[str, Any]], out: Path) -> str:
    """A self-contained HTML page: the reports with the figures embedded."""
    from gametrees.verify.yoder_cohen.report import to_markdown

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>gametrees report</title>",
        "<style>body{font-family:Georgia,serif;max-width:60em;margin:2em auto}"
        "pre{white-space:pre-wrap;font-size:0.85em}img{max-width:100%}</style></head><body>",
        "<h1>gametrees: verified report</h1>",
    ]
    for row in rows:
        parts.append(f"<h2>{html.escape(row['model'])}</h2>")
        for name in row["figures"]:
            data = base64.b64encode((out / name).read_bytes()).decode("ascii")
            parts.append(
                f"<figure><img alt='{html.escape(name)}' src='data:image/png;base64,{data}'>"
                f"<figcaption>{html.escape(name)}</figcaption></figure>"
            )
        parts.append(f"<pre>{html.escape(to_markdown(row['result'], timings=False))}</pre>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``run`` to ``app``."""

    @app.command()
    def run(
        output: Annotated[Path, typer.Option("-o", "--output", help="output directory")] = Path(
            "gametrees-out"
        ),
        model: Annotated[str, typer.Option(help="baseline, client or all")] = "all",
        set_: SetOption = None,
        params: ParamsOption = None,
        grid: Annotated[int, typer.Option(help="evenly spaced offers (plus thresholds)")] = 11,
        force: Annotated[bool, typer.Option(help="replace a non-empty output directory")] = False,
    ) -> None:
        """Build, solve, verify and draw: the .efg files, solutions, reports and figures."""
        from gametrees.builders import MODELS
        from gametrees.builders.params import ParamError

        models = ["baseline", "client"] if model == "all" else [model]
        if any(m not in ("baseline", "client") for m in models):
            fail(f"--model {model!r}: choose baseline, client or all")
        if output.exists() and not output.is_dir():
            fail(f"{output} exists and is not a directory")
        if output.exists() and any(output.iterdir()) and not force:
            fail(f"{output} is not empty; use --force to replace it")
        values = dict(load_params(params))
        values.update(parse_sets(set_))
        points = {}
        for m in models:
            try:
                points[m] = MODELS[m].params(**_split_values(m, values, models))
                MODELS[m].default_offers(points[m], grid)
            except ParamError as exc:
                fail(f"{m}: {exc}")
        parent = output.resolve().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=parent))
        except OSError as exc:
            fail(f"-o {output}: cannot create it in {parent}: {exc.strerror or exc}")
        rows = []
        try:
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err_console,
                transient=False,
            ) as progress:
                for m in models:
                    rows.append(run_model(m, points[m], grid, tmp, progress))
            (tmp / "report.html").write_text(_html_page(rows, tmp), encoding="utf-8")
            tmp.chmod(0o755)
            if output.exists():
                shutil.rmtree(output)
            tmp.rename(output)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        table = Table(title=f"gametrees run -> {output}")
        for col in (
            "model",
            "offers",
            "nodes",
            "PBE classes (pure paths)",
            "sources agree",
            "paper findings",
        ):
            table.add_column(col)
        for r in rows:
            table.add_row(
                r["model"],
                str(r["offers"]),
                str(r["nodes"]),
                r["classes"],
                "yes" if r["agree"] else "NO",
                str(r["findings"]),
            )
        console.print(table)
        console.print(
            f"{len(list(output.iterdir()))} files in {output}; open {output / 'report.html'}"
        )
        if not all(r["agree"] for r in rows):
            raise typer.Exit(EXIT_CHECK_FAILED)
