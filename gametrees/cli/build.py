"""``gametrees build`` and ``gametrees params``: the models' trees and parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from gametrees.cli.common import ParamsOption, SetOption, console, fail, load_params, parse_sets

__all__ = ["model_point", "register"]

MODEL_NAMES = ("baseline", "client")


def model_point(
    model: str,
    params_file: Path | None,
    sets: list[str] | None,
    grid: int | None,
    offers: str | None = None,
) -> tuple[Any, Any, tuple]:
    """Validated ``(spec, params, offers)`` from the CLI options; exits 2 on bad input."""
    from gametrees.builders import MODELS
    from gametrees.builders.grid import parse_offers
    from gametrees.builders.params import ParamError

    if model not in MODELS or model not in MODEL_NAMES:
        fail(f"unknown model {model!r}; choose one of: {', '.join(MODEL_NAMES)}")
    spec = MODELS[model]
    values: dict[str, Any] = dict(load_params(params_file))
    values.update(parse_sets(sets))
    try:
        params = spec.params(**values)
        if offers:
            grid_offers = parse_offers(offers)
        else:
            grid_offers = spec.default_offers(
                params, grid if grid is not None else spec.default_grid
            )
    except ParamError as exc:
        fail(str(exc))
    return spec, params, grid_offers


def register(app: typer.Typer) -> None:
    """Add ``build`` and ``params`` to ``app``."""

    @app.command()
    def build(
        model: Annotated[str, typer.Argument(help="baseline or client")],
        output: Annotated[Path, typer.Option("-o", "--output", help="the .efg file to write")],
        grid: Annotated[
            int | None, typer.Option(help="number of evenly spaced offers (plus thresholds)")
        ] = None,
        offers: Annotated[
            str | None, typer.Option(help="explicit offers, e.g. '0,1/4,1/2'")
        ] = None,
        set_: SetOption = None,
        params: ParamsOption = None,
    ) -> None:
        """Build a model's full game tree and write it as a Gambit .efg file."""
        from gametrees.efg.writer import write_efg_file
        from gametrees.tree import stats

        spec, p, grid_offers = model_point(model, params, set_, grid, offers)
        game = spec.build(p, grid_offers)
        try:
            write_efg_file(game, output)
        except OSError as exc:
            fail(f"cannot write {output}: {exc}")
        st = stats(game)
        table = Table(title=f"{spec.title}", show_header=False)
        table.add_row("file", str(output))
        table.add_row(
            "offers",
            f"{len(grid_offers)}: "
            + ", ".join(str(x) for x in grid_offers[:12])
            + (" ..." if len(grid_offers) > 12 else ""),
        )
        table.add_row("nodes", str(st.nodes))
        table.add_row("terminal nodes", str(st.terminals))
        table.add_row("information sets", ", ".join(f"{k} {v}" for k, v in st.infosets.items()))
        console.print(table)

    @app.command("params")
    def params_cmd(
        model: Annotated[str, typer.Argument(help="baseline, client or beer_quiche")],
    ) -> None:
        """List a model's parameters with defaults, meanings and valid ranges."""
        from gametrees.builders import MODELS
        from gametrees.builders.api import param_docs

        if model not in MODELS:
            fail(f"unknown model {model!r}; choose one of: {', '.join(MODELS)}")
        spec = MODELS[model]
        table = Table(title=f"{spec.title}\n{spec.reference}")
        for col in ("name", "default", "meaning", "valid range"):
            table.add_column(col)
        for d in param_docs(spec.params_type):
            table.add_row(d.name, str(d.default), d.doc, d.range)
        console.print(table)
