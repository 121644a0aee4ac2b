"""``gametrees render``: draw a model's tree (concrete or schematic) or a ``.efg`` file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from gametrees.cli.common import (
    GridOption,
    ParamsOption,
    SetOption,
    check_output,
    console,
    fail,
    parse_sets,
    read_small_file,
    write_output_bytes,
)
from gametrees.cli.models import is_efg, load_game_file, model_point, resolve_model

__all__ = ["register"]

#: Largest PNG resolution accepted (dots per inch).
MAX_DPI = 1200
#: Largest solution file read (a solution of the 20,000-offer tree is well under this).
MAX_SOLUTION_BYTES = 500_000_000


def _load_solution(path: Path, equilibrium: int) -> Any:
    from gametrees.solution import Solution, SolutionError

    text = read_small_file(path, "--solution", MAX_SOLUTION_BYTES)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        fail(f"--solution {path}: malformed JSON: {exc}")
    try:
        return Solution.from_json(data).equilibrium(equilibrium)
    except SolutionError as exc:
        fail(f"--solution {path}: {exc}")


def _option_value(text: str) -> Any:
    low = text.lower()
    if low in ("true", "yes", "1"):
        return True
    if low in ("false", "no", "0"):
        return False
    return text


def register(app: typer.Typer) -> None:
    """Add ``render`` to ``app``."""

    @app.command()
    def render(
        target: Annotated[
            str, typer.Argument(help="a model (name, plugin, file.py, module:ATTR) or a .efg file")
        ],
        output: Annotated[
            Path | None,
            typer.Option(
                "-o",
                "--output",
                help="file to write (.svg .pdf .png .dot .tex); default: DOT to stdout",
            ),
        ] = None,
        schematic: Annotated[
            bool, typer.Option(help="the model's schematic tree with symbolic payoffs")
        ] = False,
        option: Annotated[
            list[str] | None,
            typer.Option(
                "--option",
                help="schematic: NAME=VALUE, repeatable (see gametrees models for each model's)",
            ),
        ] = None,
        grid: GridOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
        solution: Annotated[
            Path | None,
            typer.Option(help="JSON from 'gametrees solve --json': highlight an equilibrium"),
        ] = None,
        equilibrium: Annotated[
            int, typer.Option(help="which equilibrium of --solution (1-based)")
        ] = 1,
        rankdir: Annotated[
            str | None,
            typer.Option(
                help="TB (top to bottom) or LR (left to right); default TB, LR for --schematic"
            ),
        ] = None,
        offers: Annotated[
            str | None,
            typer.Option(
                help="models: draw only these values of the continuous choice, e.g. '0,1/2,1' "
                "(the rest become '…'); .efg files: the first mover's action labels"
            ),
        ] = None,
        max_depth: Annotated[
            int | None, typer.Option(min=1, help="collapse subtrees below this depth")
        ] = None,
        infosets: Annotated[
            str, typer.Option(help="information sets as 'dashed' links or 'cluster' outlines")
        ] = "dashed",
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format", help="svg, pdf, png, dot or tex; default from the -o extension"
            ),
        ] = None,
        snippet: Annotated[
            bool, typer.Option(help="tex: a bare tikzpicture instead of a standalone document")
        ] = False,
        dpi: Annotated[int, typer.Option(help="resolution of PNG output")] = 150,
        digits: Annotated[
            int,
            typer.Option(
                min=1,
                max=17,
                help="--solution: significant digits of rounded probabilities; actions whose "
                "probability rounds to 0 are not highlighted",
            ),
        ] = 4,
    ) -> None:
        """Draw a game tree as a journal-style figure (Graphviz; TikZ for LaTeX)."""
        from gametrees.drawing import (
            FORMATS,
            RenderError,
            format_from_path,
            game_to_dot,
            render_bytes,
        )
        from gametrees.drawing.schematic import SchematicStyle, schematic_dot

        if rankdir is not None and rankdir not in ("TB", "LR"):
            fail(f"--rankdir must be TB or LR, got {rankdir!r}")
        if infosets not in ("dashed", "cluster"):
            fail(f"--infosets must be 'dashed' or 'cluster', got {infosets!r}")
        if not 1 <= dpi <= MAX_DPI:
            fail(f"--dpi must be between 1 and {MAX_DPI}, got {dpi}")
        if fmt is not None and fmt not in FORMATS:
            fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if output is not None:
            try:
                named = format_from_path(output)
            except RenderError as exc:
                fail(f"-o {output}: {exc}")
            if fmt is not None and fmt != named:
                fail(
                    f"-o {output} is a .{named} file but --format is {fmt}: give one or make them match"
                )
            fmt = named
            check_output(output, "-o")
        fmt = fmt or "dot"
        if output is None and fmt in ("pdf", "png"):
            fail(f"--format {fmt} is binary: give an output file with -o")

        if schematic:
            if is_efg(target):
                fail("--schematic draws a model's schematic tree; a .efg file has none")
            model = resolve_model(target)
            if model.schematic is None:
                fail(f"{model.name} has no schematic tree (its Model.schematic is not set)")
            if solution is not None:
                fail("--solution applies to concrete games, not to --schematic")
            if set_ or grid is not None or offers is not None:
                fail("--set, --grid and --offers apply to concrete games, not to --schematic")
            opts = {k: _option_value(v) for k, v in parse_sets(option, "--option").items()}
            try:
                tree = model.schematic.tree(opts)
                source = schematic_dot(
                    tree,
                    model.notation,
                    SchematicStyle(rankdir=rankdir or "LR"),  # type: ignore[arg-type]
                )
            except (ValueError, TypeError) as exc:
                fail(f"--option: {exc}")
        else:
            if option:
                fail("--option applies to --schematic")
            first: list[str] | None = None
            if is_efg(target):
                if set_ or params is not None or grid is not None:
                    fail("--set, --params and --grid apply to models, not to .efg files")
                game = load_game_file(Path(target))
                if offers is not None:
                    first = [s.strip() for s in offers.split(",") if s.strip()]
                    if not first:
                        fail("--offers: give at least one action label")
            else:
                model, p, points = model_point(target, params, set_, grid)
                game = model.build(p, points)
                if offers is not None:
                    from gametrees.builders.params import ParamError

                    try:
                        values = model.values(offers)
                    except ParamError as exc:
                        fail(f"--offers: {exc}")
                    missing = [v for v in values if v not in points]
                    if missing:
                        fail(
                            f"--offers: {missing[0]} is not on the grid; the grid has {', '.join(map(str, points[:10]))} ..."
                        )
                    first = [model.choice.label(v) for v in values]
            sol = _load_solution(solution, equilibrium) if solution is not None else None
            try:
                source = game_to_dot(
                    game,
                    rankdir=rankdir or "TB",  # type: ignore[arg-type]
                    solution=sol,
                    first_actions=first,
                    infoset_style=infosets,  # type: ignore[arg-type]
                    max_depth=max_depth,
                    digits=digits,
                )
            except ValueError as exc:
                fail(str(exc))

        try:
            data = render_bytes(source, fmt, dpi=dpi, standalone=not snippet)
        except RenderError as exc:
            fail(str(exc))
        if output is None:
            typer.echo(data.decode("utf-8"), nl=False)
            return
        write_output_bytes(output, data, "-o")
        console.print(f"wrote {output} ({fmt}, {len(data)} bytes)")
