"""``gametrees info`` and ``gametrees solve``: inspect and solve any game.

GAME is a Gambit ``.efg`` file or a model (with ``--set``/``--params`` and ``--grid``/
``--offers``), whose tree is built. Files are read with
:func:`gametrees.efg.read_efg_file`, so information sets carry the names of the
:class:`gametrees.tree.Game` model (a set's label, or ``"<player>:<number>"``).
Exit codes: 0 success; 2 bad input (missing or malformed file, a solver that does not
apply); 1 a check failed (logit stopped short of an equilibrium).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from gametrees.cli.common import (
    EXIT_CHECK_FAILED,
    GridOption,
    OffersOption,
    ParamsOption,
    SetOption,
    console,
    err_console,
    fail,
)
from gametrees.cli.models import is_efg, load_game_file, model_point

if TYPE_CHECKING:
    from gametrees.solution import Solution
    from gametrees.tree import Game

__all__ = ["game_info", "load_game", "register"]

GAME_HELP = "a Gambit .efg file, or a model (baseline, client, beer_quiche, a plugin, path/to/model.py, package.module:ATTR)"


def load_game(
    target: str,
    params_file: Path | None = None,
    sets: list[str] | None = None,
    grid: int | None = None,
    offers: str | None = None,
) -> Game:
    """The game ``target`` names: a ``.efg`` file read, or a model's tree built; exits 2 on
    bad input."""
    if is_efg(target):
        if sets or params_file is not None or grid is not None or offers is not None:
            fail("--set, --params, --grid and --offers apply to models, not to .efg files")
        return load_game_file(Path(target))
    model, params, points = model_point(target, params_file, sets, grid, offers)
    return model.build(params, points)


#: Counts with at most this many digits are given exactly in ``info --json`` (as a JSON
#: number); a larger count is given as the string ``"about 10^K"``. Either way
#: ``strategy_profiles_digits`` is its number of decimal digits.
EXACT_JSON_DIGITS = 1000
#: Counts with at most this many digits are printed exactly by ``info``; larger ones as
#: ``about 1.2 x 10^K (K+1 digits)``, or ``about 10^K (K+1 digits)`` beyond
#: :data:`EXACT_JSON_DIGITS` digits.
EXACT_TEXT_DIGITS = 30


def _digits(n: int) -> int:
    """The number of decimal digits of ``n >= 0``, without converting it to a string (Python
    refuses ``str`` of an int of more than 4,300 digits)."""
    if n < 10**18:
        return len(str(n))
    k = int(math.log10(n))  # floating point: correct it exactly
    while 10**k > n:
        k -= 1
    while 10 ** (k + 1) <= n:
        k += 1
    return k + 1


def count_json(n: int) -> int | str:
    """``n`` for JSON: itself up to :data:`EXACT_JSON_DIGITS` digits, else ``"about 10^K"``."""
    digits = _digits(n)
    return n if digits <= EXACT_JSON_DIGITS else f"about 10^{digits - 1}"


def count_text(n: int) -> str:
    """``n`` for people: exact up to :data:`EXACT_TEXT_DIGITS` digits, else its magnitude."""
    digits = _digits(n)
    if digits <= EXACT_TEXT_DIGITS:
        return str(n)
    mantissa = n // 10 ** (digits - 2)  # the leading two digits
    return f"about {mantissa // 10}.{mantissa % 10} x 10^{digits - 1} ({digits} digits)"


def game_info(game: Game) -> dict[str, Any]:
    """Counts describing ``game``: nodes, terminals, chance nodes, sets and actions per player.

    ``strategy_profiles`` is :func:`count_json` of the strategic-form size (a huge count is
    a string), ``strategy_profiles_digits`` its number of digits.
    """
    from gametrees.gambit.solve import applicable_solvers, strategic_size
    from gametrees.tree import infosets, stats

    st = stats(game)
    per_player: dict[str, dict[str, int]] = {
        p: {"infosets": 0, "actions": 0, "decision_nodes": 0, "largest_infoset": 0}
        for p in game.players
    }
    for (player, _), members in infosets(game).items():
        row = per_player[player]
        row["infosets"] += 1
        row["actions"] += len(members[0][1].actions)
        row["decision_nodes"] += len(members)
        row["largest_infoset"] = max(row["largest_infoset"], len(members))
    return {
        "title": game.title,
        "comment": game.comment,
        "players": list(game.players),
        "nodes": st.nodes,
        "terminals": st.terminals,
        "chance_nodes": st.chance_nodes,
        "infosets": per_player,
        "strategy_profiles": count_json(size := strategic_size(game)),
        "strategy_profiles_digits": _digits(size),
        "solvers": applicable_solvers(game),
    }


def _show(value: Any) -> str:
    """A probability for display: exact rationals as they are, floats to 6 digits."""
    if value is None:
        return "-"
    if isinstance(value, Fraction):
        return str(value)
    return f"{float(value):.6g}"


def _profiles_text(info: dict[str, Any]) -> str:
    count = info["strategy_profiles"]
    if isinstance(count, int):
        return count_text(count)
    return f"{count} ({info['strategy_profiles_digits']} digits)"


def _print_info(path: Path, info: dict[str, Any]) -> None:
    console.print(f"[bold]{info['title'] or '(untitled)'}[/]  ({path})")
    if info["comment"]:
        console.print(info["comment"].strip(), markup=False)
    console.print(
        f"{info['nodes']} nodes, {info['terminals']} terminal, {info['chance_nodes']} chance; "
        f"{_profiles_text(info)} pure-strategy profiles in the strategic form"
    )
    table = Table(title="Information sets per player")
    for col in ("player", "information sets", "actions", "decision nodes", "largest set"):
        table.add_column(col, justify="left" if col == "player" else "right")
    for player, row in info["infosets"].items():
        table.add_row(
            player,
            str(row["infosets"]),
            str(row["actions"]),
            str(row["decision_nodes"]),
            str(row["largest_infoset"]),
        )
    console.print(table)
    console.print(f"solvers that apply: {', '.join(info['solvers'])}")


def _print_solution(game: Game, solution: Solution, limit: int | None) -> None:
    from gametrees.tree import infosets

    owner = {name: player for (player, name) in infosets(game)}
    kind = "exact" if solution.exact else "floating point"
    console.print(
        f"[bold]{solution.game or '(untitled)'}[/]: {len(solution.equilibria)} equilibria "
        f"from {solution.method} ({kind})"
    )
    for note in solution.notes:
        console.print(f"note: {note}", markup=False)
    shown = solution.equilibria if limit is None else solution.equilibria[:limit]
    for i, eq in enumerate(shown, 1):
        table = Table(title=f"Equilibrium {i}: agent max regret {_show(eq.agent_max_regret)}")
        table.add_column("player")
        table.add_column("information set")
        table.add_column("behaviour")
        table.add_column("beliefs (members in pre-order)")
        for name, probs in eq.behavior.items():
            table.add_row(
                owner[name],
                name,
                "  ".join(f"{a}: {_show(p)}" for a, p in probs.items()),
                "  ".join(_show(b) for b in eq.beliefs[name]),
            )
        console.print(table)
    if len(shown) < len(solution.equilibria):
        console.print(f"... {len(solution.equilibria) - len(shown)} more (raise --limit)")
    for warning in solution.warnings:
        err_console.print(f"[bold yellow]warning:[/] {warning}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``info`` and ``solve`` to ``app``."""

    @app.command()
    def info(
        file: Annotated[str, typer.Argument(help=GAME_HELP)],
        json_out: Annotated[bool, typer.Option("--json", help="print JSON to stdout")] = False,
        grid: GridOption = None,
        offers: OffersOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
    ) -> None:
        """Describe a game: players, node counts, information sets per player."""
        game = load_game(file, params, set_, grid, offers)
        data = game_info(game)
        if json_out:
            typer.echo(json.dumps(data, indent=2))
        else:
            _print_info(file, data)

    @app.command()
    def solve(
        file: Annotated[str, typer.Argument(help=GAME_HELP)],
        solver: Annotated[
            str | None,
            typer.Option(
                help="lcp (two players, default), lp (two players, constant-sum), enummixed, "
                "enumpure (two players, small games), enumpure_agent, logit (default for "
                "more players), liap_agent"
            ),
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help="print JSON to stdout")] = False,
        limit: Annotated[
            int | None, typer.Option(min=0, help="show at most this many equilibria")
        ] = None,
        grid: GridOption = None,
        offers: OffersOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
    ) -> None:
        """Compute equilibria with a Gambit solver: behaviour, beliefs, agent regret.

        Exits 1 if logit stops short of an equilibrium (its regret is still large).
        """
        from gametrees.gambit.solve import SolveError, default_solver
        from gametrees.gambit.solve import solve as run_solver

        if solver is not None and not solver.strip():
            fail("--solver: give a solver's name (see gametrees info GAME for those that apply)")
        game = load_game(file, params, set_, grid, offers)
        name = solver or default_solver(game)
        try:
            with err_console.status(f"solving {Path(file).name} with {name}..."):
                solution = run_solver(game, name)
        except SolveError as exc:
            fail(str(exc))
        if json_out:
            data = solution.to_json()
            if limit is not None:
                data["equilibria"] = data["equilibria"][:limit]
            typer.echo(json.dumps(data, indent=2))
            for warning in solution.warnings:
                err_console.print(f"[bold yellow]warning:[/] {warning}", soft_wrap=True)
        else:
            _print_solution(game, solution, limit)
        if solution.warnings:
            raise typer.Exit(EXIT_CHECK_FAILED)
