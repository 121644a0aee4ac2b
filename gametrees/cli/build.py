"""``gametrees models``, ``params`` and ``build``: what models there are, their parameters, their trees."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from gametrees.cli.common import (
    GridOption,
    OffersOption,
    ParamsOption,
    SetOption,
    check_output,
    console,
    fail,
    write_output,
)
from gametrees.cli.models import model_point, resolve_model

__all__ = ["register"]

MODEL_HELP = "a model: baseline, client, beer_quiche, an installed plugin, path/to/model.py, or package.module:ATTR"


def register(app: typer.Typer) -> None:
    """Add ``models``, ``params`` and ``build`` to ``app``."""

    @app.command("models")
    def models_cmd() -> None:
        """List the models: built-in and installed plugins, with title, reference and parts."""
        from gametrees.builders.registry import iter_models
        from gametrees.verify.pipeline import find_analysis

        table = Table(
            title="models (any command also takes path/to/model.py or package.module:ATTR)"
        )
        for col in ("name", "source", "title and reference", "parts"):
            table.add_column(col)
        for entry in iter_models():
            if entry.model is None:
                table.add_row(entry.name, entry.source, f"[red]broken: {entry.error}[/]", "")
                continue
            m = entry.model
            parts = []
            if m.choice is not None:
                parts.append(f"continuous choice {m.choice.symbol} ({m.choice.player})")
            if m.schematic is not None:
                parts.append("schematic")
            parts.append(f"analysis: {find_analysis(m).name}")
            if m.claims:
                parts.append(f"{len(m.claims)} claims")
            table.add_row(entry.name, entry.source, f"{m.title}\n{m.reference}", ", ".join(parts))
        console.print(table)

    @app.command()
    def build(
        model: Annotated[str, typer.Argument(help=MODEL_HELP)],
        output: Annotated[Path, typer.Option("-o", "--output", help="the .efg file to write")],
        grid: GridOption = None,
        offers: OffersOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
    ) -> None:
        """Build a model's full game tree and write it as a Gambit .efg file."""
        from gametrees.efg.writer import write_efg
        from gametrees.tree import stats

        check_output(output, "-o", suffixes=(".efg",))
        spec, p, points = model_point(model, params, set_, grid, offers)
        game = spec.build(p, points)
        write_output(output, write_efg(game), "-o")
        st = stats(game)
        table = Table(title=f"{spec.title}", show_header=False)
        table.add_row("file", str(output))
        if spec.choice is not None:
            table.add_row(
                spec.choice.description,
                f"{len(points)}: "
                + ", ".join(str(x) for x in points[:12])
                + (" ..." if len(points) > 12 else ""),
            )
        table.add_row("nodes", str(st.nodes))
        table.add_row("terminal nodes", str(st.terminals))
        table.add_row("information sets", ", ".join(f"{k} {v}" for k, v in st.infosets.items()))
        console.print(table)

    @app.command("params")
    def params_cmd(model: Annotated[str, typer.Argument(help=MODEL_HELP)]) -> None:
        """List a model's parameters with defaults, meanings and valid ranges."""
        from gametrees.builders.api import param_docs

        spec = resolve_model(model)
        table = Table(title=f"{spec.title}\n{spec.reference}")
        for col in ("name", "default", "meaning", "valid range"):
            table.add_column(col)
        try:
            docs = param_docs(spec.params_type)
        except TypeError as exc:
            fail(f"{spec.name}: its params_type is not a dataclass of parameters: {exc}")
        for d in docs:
            table.add_row(d.name, str(d.default), d.doc, d.range)
        console.print(table)
