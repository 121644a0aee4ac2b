"""``gametrees render``: draw a model's tree (concrete or schematic) or an ``.efg`` file."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer

from gametrees.cli.common import ParamsOption, SetOption, console, fail, load_params, parse_sets

__all__ = ["register"]


def _offer_items(text: str | None) -> list[str] | None:
    """``"0, 1/2, x=1"`` -> ``["0", "1/2", "1"]`` (values normalised as exact rationals)."""
    if text is None:
        return None
    out = []
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        value = item[2:] if item.startswith("x=") else item
        try:
            out.append(str(Fraction(value)))
        except (ValueError, ZeroDivisionError):
            out.append(item)  # an action label of an .efg game
    if not out:
        fail("--offers: give at least one offer, e.g. --offers 0,1/2,1")
    return out


def _load_solution(path: Path, equilibrium: int) -> Any:
    from gametrees.render.solution import SolutionError, solution_from_json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"--solution {path}: no such file")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"--solution {path}: cannot read: {exc}")
    except json.JSONDecodeError as exc:
        fail(f"--solution {path}: malformed JSON: {exc}")
    try:
        return solution_from_json(data, equilibrium - 1)
    except SolutionError as exc:
        fail(f"--solution {path}: {exc}")


def _model_game(
    target: str, sets: list[str] | None, params_file: Path | None, grid: int | None
) -> Any:
    from gametrees.builders import MODELS
    from gametrees.builders.params import ParamError

    spec = MODELS[target]
    values: dict[str, Any] = dict(load_params(params_file))
    values.update(parse_sets(sets))
    try:
        params = spec.params(**values)
        if spec.default_offers is None:
            offers: tuple[Fraction, ...] = ()
        else:
            n = grid if grid is not None else spec.default_grid
            if n < 1:
                fail(f"--grid must be >= 1, got {n}")
            offers = spec.default_offers(params, n)
        return spec.build(params, offers)
    except ParamError as exc:
        fail(str(exc))


def register(app: typer.Typer) -> None:
    """Add ``render`` to ``app``."""

    @app.command()
    def render(
        target: Annotated[str, typer.Argument(help="baseline, client, beer_quiche or a .efg file")],
        output: Annotated[
            Path | None,
            typer.Option(
                "-o",
                "--output",
                help="file to write (.svg .pdf .png .dot .tex); default: DOT to stdout",
            ),
        ] = None,
        schematic: Annotated[
            bool,
            typer.Option(
                help="the paper's schematic tree with symbolic payoffs (baseline, client)"
            ),
        ] = False,
        show_offerer_payoffs: Annotated[
            bool, typer.Option(help="schematic: also show R's (C's) payoffs, which the paper omits")
        ] = False,
        nature_prior: Annotated[
            str,
            typer.Option(
                help="schematic: prior on Nature's edges: q, or rho (baseline) / psi (client)"
            ),
        ] = "q",
        grid: Annotated[
            int | None, typer.Option(help="number of evenly spaced offers (plus thresholds)")
        ] = None,
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
                help="show only these first-level offers, e.g. '0,1/2,1'; the rest become '…'"
            ),
        ] = None,
        max_depth: Annotated[
            int | None, typer.Option(help="collapse subtrees below this depth")
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
    ) -> None:
        """Draw a game tree as a journal-style figure (Graphviz; TikZ for LaTeX)."""
        from gametrees.builders import MODELS
        from gametrees.render import (
            FORMATS,
            RenderError,
            format_from_path,
            game_to_dot,
            render_bytes,
        )
        from gametrees.render.schematic import SCHEMATIC_MODELS, SchematicOptions, schematic_dot

        if rankdir is not None and rankdir not in ("TB", "LR"):
            fail(f"--rankdir must be TB or LR, got {rankdir!r}")
        if infosets not in ("dashed", "cluster"):
            fail(f"--infosets must be 'dashed' or 'cluster', got {infosets!r}")
        if fmt is not None and fmt not in FORMATS:
            fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if fmt is None:
            if output is None:
                fmt = "dot"
            else:
                try:
                    fmt = format_from_path(output)
                except RenderError as exc:
                    fail(str(exc))
        if output is None and fmt in ("pdf", "png"):
            fail(f"--format {fmt} is binary: give an output file with -o")

        if schematic:
            if target not in SCHEMATIC_MODELS:
                fail(f"--schematic works for {', '.join(SCHEMATIC_MODELS)}, not {target!r}")
            if solution is not None:
                fail("--solution applies to concrete games, not to --schematic")
            if set_ or grid is not None or offers is not None:
                fail("--set, --grid and --offers apply to concrete games, not to --schematic")
            try:
                source = schematic_dot(
                    target,
                    SchematicOptions(
                        rankdir=rankdir or "LR",  # type: ignore[arg-type]
                        nature_prior=nature_prior,
                        show_offerer_payoffs=show_offerer_payoffs,
                    ),
                )
            except ValueError as exc:
                fail(str(exc))
        else:
            if target in MODELS:
                game = _model_game(target, set_, params, grid)
            elif target.lower().endswith(".efg"):
                from gametrees.efg.reader import EfgError, read_efg_file

                if set_ or grid is not None:
                    fail("--set and --grid apply to models, not to .efg files")
                try:
                    game = read_efg_file(target)
                except FileNotFoundError:
                    fail(f"{target}: no such file")
                except OSError as exc:
                    fail(f"{target}: cannot read: {exc}")
                except EfgError as exc:
                    fail(str(exc))
            else:
                fail(f"unknown target {target!r}: give one of {', '.join(MODELS)} or a .efg file")
            sol = _load_solution(solution, equilibrium) if solution is not None else None
            try:
                source = game_to_dot(
                    game,
                    rankdir=rankdir or "TB",  # type: ignore[arg-type]
                    solution=sol,
                    offers=_offer_items(offers),
                    infoset_style=infosets,  # type: ignore[arg-type]
                    max_depth=max_depth,
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
        from gametrees.atomic import atomic_write_bytes

        try:
            atomic_write_bytes(output, data)
        except OSError as exc:
            fail(f"cannot write {output}: {exc}")
        console.print(f"wrote {output} ({fmt}, {len(data)} bytes)")
