"""``gametrees pbe``: every perfect Bayesian equilibrium of any game, exactly.

GAME is a ``.efg`` file or a model (built with ``--set``/``--grid``). The solver is
:func:`gametrees.verify.pbe.solve_pbe` (its docstring states the concept); ``--json F``
writes :func:`gametrees.verify.pbe.pbe_to_json`'s document, whose schema the same
docstring gives. Exit 0 with the equilibria listed; 2 for bad input or a game the solver
refuses (too large -- with the size estimate --, imperfect recall, not a tree).
"""

from __future__ import annotations

import json
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
    err_console,
    fail,
    write_output,
)
from gametrees.cli.solve import GAME_HELP, load_game

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``pbe`` to ``app``."""

    @app.command()
    def pbe(
        game_ref: Annotated[str, typer.Argument(metavar="GAME", help=GAME_HELP)],
        json_out: Annotated[
            Path | None, typer.Option("--json", help="write every equilibrium as JSON to this file")
        ] = None,
        limit: Annotated[int, typer.Option(min=0, help="show at most this many paths")] = 20,
        digits: Annotated[int, typer.Option(min=1, max=17, help="digits of rounded numbers")] = 4,
        max_profiles: Annotated[
            int, typer.Option(min=1, help="largest number of pure profiles of one block")
        ] = 50_000,
        mixed: Annotated[
            bool, typer.Option("--mixed/--pure-only", help="also seek mixed equilibria with Gambit")
        ] = True,
        grid: GridOption = None,
        offers: OffersOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
    ) -> None:
        """All perfect Bayesian equilibria: behaviour, beliefs (exact sets off the path), refinements."""
        from gametrees.numbers import show
        from gametrees.verify.pbe import PBERefusal, pbe_to_json, solve_pbe

        check_output(json_out, "--json", suffixes=(".json",))
        game = load_game(game_ref, params, set_, grid, offers)
        try:
            with err_console.status("solving for perfect Bayesian equilibria ..."):
                result = solve_pbe(game, max_profiles=max_profiles, mixed=mixed)
        except PBERefusal as exc:
            fail(f"{game_ref}: {exc}")
        if json_out is not None:
            write_output(json_out, json.dumps(pbe_to_json(result, game), indent=2) + "\n", "--json")
        n = len(result.equilibria)
        console.print(
            f"[bold]{game.title or game_ref}[/]: {n} PBE path{'' if n == 1 else 's'} "
            f"({len(result.pure_equilibria)} pure PBE); "
            f"{'complete' if result.complete else 'NOT known to be complete'}: {result.complete_reason}",
            soft_wrap=True,
        )
        console.print(f"concept: {result.concept}", markup=False, soft_wrap=True)
        for path in result.equilibria[:limit]:
            a = path.assessment
            table = Table(
                title=f"PBE path {path.index + 1}: payoffs "
                + ", ".join(
                    f"{p} {show(v, digits)}" for p, v in zip(game.players, a.payoffs, strict=True)
                )
                + ("" if path.pure else " (off-path continuations mix)")
            )
            for col in ("information set", "on path", "behaviour", "beliefs"):
                table.add_column(col)
            for name, probs in a.behavior.items():
                b = a.beliefs[name]
                if b.kind == "point":
                    belief = " ".join(show(v, digits) for v in b.point or ())
                elif b.kind == "interval":
                    lo, hi = b.interval or (0, 0)
                    belief = f"{b.members[0]}: [{show(lo, digits)}, {show(hi, digits)}]"
                else:
                    belief = f"a polytope ({b.kind})"
                table.add_row(
                    name,
                    "yes" if a.on_path[name] else "no",
                    "  ".join(f"{act}: {show(p, digits)}" for act, p in probs.items()),
                    belief,
                )
            console.print(table)
            verdicts = [f"{v.criterion}: {v.status}" for v in path.refinements.values()]
            if verdicts:
                console.print("refinements: " + "; ".join(verdicts), markup=False, soft_wrap=True)
            if path.count > 1:
                console.print(
                    f"{path.count} full assessments share this path (off-path continuations differ)",
                    markup=False,
                )
        if n > limit:
            console.print(f"... {n - limit} more paths (raise --limit, or see --json)")
        if result.mixed.equilibria:
            console.print(
                f"{len(result.mixed.equilibria)} equilibria mix at the root ({result.mixed.method}; "
                f"{result.mixed.reason})",
                markup=False,
                soft_wrap=True,
            )
