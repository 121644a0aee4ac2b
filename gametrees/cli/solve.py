"""``gametrees info`` and ``gametrees solve``: inspect and solve any game.

GAME is a Gambit ``.efg`` file or a model (with ``--set``/``--params`` and ``--grid``/
``--offers``), whose tree is built. Files are read with
:func:`gametrees.efg.read_efg_file`, so information sets carry the names of the
:class:`gametrees.tree.Game` model (a set's label, or ``"<player>:<number>"``).
Exit codes: 0 success; 2 bad input (missing or malformed file, a solver that does not
apply, an option the solver does not take); 1 no certified equilibrium was found (the
output says what was tried and why).

``info`` reads the game with our own reader and imports no pygambit, so it starts fast.
"""

from __future__ import annotations

import json
import math
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
    """Counts describing ``game``: nodes, sets and actions per player, the sizes of its
    strategic, sequence and agent forms, its recall, and the solvers that apply.

    ``strategy_profiles`` is :func:`count_json` of the reduced strategic form's size (a huge
    count is a string), ``strategy_profiles_digits`` its number of digits.
    """
    from gametrees.gambit.sizes import game_size
    from gametrees.gambit.solvers import applicable_solvers
    from gametrees.tree import infosets, stats

    st = stats(game)
    size = game_size(game)
    per_player: dict[str, dict[str, Any]] = {
        p: {"infosets": 0, "actions": 0, "decision_nodes": 0, "largest_infoset": 0}
        for p in game.players
    }
    for (player, _), members in infosets(game).items():
        row = per_player[player]
        row["infosets"] += 1
        row["actions"] += len(members[0][1].actions)
        row["decision_nodes"] += len(members)
        row["largest_infoset"] = max(row["largest_infoset"], len(members))
    for p in game.players:
        per_player[p]["sequences"] = size.sequences[p]
        per_player[p]["reduced_strategies"] = count_json(size.reduced_strategies[p])
    return {
        "title": game.title,
        "comment": game.comment,
        "players": list(game.players),
        "nodes": st.nodes,
        "terminals": st.terminals,
        "chance_nodes": st.chance_nodes,
        "perfect_recall": size.perfect_recall,
        "infosets": per_player,
        "strategy_profiles": count_json(size.strategic_profiles),
        "strategy_profiles_digits": _digits(size.strategic_profiles),
        "sequence_form": size.sequence_form,
        "solvers": applicable_solvers(game, size=size),
    }


def _profiles_text(info: dict[str, Any]) -> str:
    count = info["strategy_profiles"]
    if isinstance(count, int):
        return count_text(count)
    return f"{count} ({info['strategy_profiles_digits']} digits)"


def _print_info(path: str, info: dict[str, Any]) -> None:
    console.print(
        f"[bold]{info['title'] or '(untitled)'}[/]  ({path})", markup=True, highlight=False
    )
    if info["comment"]:
        console.print(info["comment"].strip(), markup=False)
    recall = "perfect recall" if info["perfect_recall"] else "IMPERFECT recall"
    console.print(
        f"{info['nodes']} nodes, {info['terminals']} terminal, {info['chance_nodes']} chance; "
        f"{recall}; reduced strategic form {_profiles_text(info)} pure-strategy profiles; "
        f"sequence form {info['sequence_form']} sequences",
        markup=False,
    )
    table = Table(title="Information sets per player")
    cols = (
        "player",
        "information sets",
        "actions",
        "decision nodes",
        "largest set",
        "sequences",
        "reduced strategies",
    )
    for col in cols:
        table.add_column(col, justify="left" if col == "player" else "right")
    for player, row in info["infosets"].items():
        strategies = row["reduced_strategies"]
        table.add_row(
            player,
            str(row["infosets"]),
            str(row["actions"]),
            str(row["decision_nodes"]),
            str(row["largest_infoset"]),
            str(row["sequences"]),
            count_text(strategies) if isinstance(strategies, int) else strategies,
        )
    console.print(table)
    console.print(f"solvers that apply: {', '.join(info['solvers'])}", markup=False)


def _print_solution(game: Game, solution: Solution, limit: int | None, digits: int) -> None:
    from gametrees.numbers import show
    from gametrees.tree import infosets

    owner = {name: player for (player, name) in infosets(game)}
    kind = "exact" if solution.exact else "floating point"
    n = len(solution.equilibria)
    console.print(
        f"[bold]{solution.game or '(untitled)'}[/]: {n} equilibri{'um' if n == 1 else 'a'} "
        f"from {solution.method} ({kind})"
    )
    for a in solution.attempts:
        console.print(
            f"tried {a.solver} ({a.reason}): {a.outcome} [{a.seconds:.2f} s]",
            markup=False,
            soft_wrap=True,
        )
    if solution.completeness:
        console.print(
            f"{'complete' if solution.complete else 'not known to be complete'}: "
            f"{solution.method} finds {solution.completeness}",
            markup=False,
            soft_wrap=True,
        )
    for note in solution.notes:
        console.print(f"note: {note}", markup=False)
    shown = solution.equilibria if limit is None else solution.equilibria[:limit]
    for i, eq in enumerate(shown, 1):
        checks = [eq.certificate or "not checked"]
        if eq.sequentially_rational is not None:
            checks.append(eq.sequential_note)
        mark = "certified" if eq.certified else "NOT certified"
        table = Table(title=f"Equilibrium {i} ({mark}): {'; '.join(checks)}")
        table.add_column("player")
        table.add_column("information set")
        table.add_column("behaviour")
        table.add_column("beliefs (members in pre-order)")
        for name, probs in eq.behavior.items():
            table.add_row(
                owner[name],
                name,
                "  ".join(f"{a}: {show(p, digits)}" for a, p in probs.items()),
                "  ".join(show(b, digits) for b in eq.beliefs[name]),
            )
        console.print(table)
    if len(shown) < len(solution.equilibria):
        console.print(f"... {len(solution.equilibria) - len(shown)} more (raise --limit)")
    for warning in solution.warnings:
        err_console.print(f"[bold yellow]warning:[/] {warning}", soft_wrap=True, markup=True)


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
        """Describe a game: players, node counts, information sets, form sizes, solvers."""
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
                help="lcp, lp, enummixed, enumpure, enumpure_agent, enumpoly, gnm, ipa, simpdiv, "
                "logit, liap, liap_agent; default: chosen for the game, with fallbacks"
            ),
        ] = None,
        all_: Annotated[
            bool,
            typer.Option("--all", help="all equilibria, where a method guarantees them"),
        ] = False,
        json_out: Annotated[bool, typer.Option("--json", help="print JSON to stdout")] = False,
        limit: Annotated[
            int | None, typer.Option(min=0, help="show at most this many equilibria")
        ] = None,
        digits: Annotated[
            int, typer.Option(min=1, max=17, help="significant digits of rounded numbers")
        ] = 4,
        timeout: Annotated[
            float | None,
            typer.Option(
                min=0.01,
                help="seconds a method may run (it is stopped cleanly); default: none for "
                "--solver, 20 s per method for the default strategy",
            ),
        ] = None,
        maxregret: Annotated[
            float | None, typer.Option(min=0.0, help="regret at which a float method stops")
        ] = None,
        maxiter: Annotated[int | None, typer.Option(min=1, help="liap: iterations")] = None,
        stop_after: Annotated[
            int | None, typer.Option(min=1, help="lcp, enumpoly: stop after N equilibria")
        ] = None,
        rational: Annotated[
            bool | None,
            typer.Option(
                "--rational/--float", help="exact or float arithmetic (lcp, lp, enummixed, simpdiv)"
            ),
        ] = None,
        first_step: Annotated[float | None, typer.Option(min=0.0, help="logit: first step")] = None,
        max_accel: Annotated[
            float | None, typer.Option(min=1.0, help="logit: maximum acceleration")
        ] = None,
        use_strategic: Annotated[
            bool,
            typer.Option(
                "--use-strategic", help="logit, lcp, lp, enumpoly: use the strategic form"
            ),
        ] = False,
        grid: GridOption = None,
        offers: OffersOption = None,
        set_: SetOption = None,
        params: ParamsOption = None,
    ) -> None:
        """Compute equilibria with Gambit's solvers: behaviour, beliefs, checks.

        Every equilibrium is checked (exact agent regret, or float regret against a
        tolerance) and marked sequentially rational or not. Exits 1 when no certified
        equilibrium is found.
        """
        from gametrees.gambit.sizes import game_size
        from gametrees.gambit.solvers import SolverOptions
        from gametrees.numbers import magnitude

        if solver is not None and not solver.strip():
            fail("--solver: give a solver's name (see gametrees info GAME for those that apply)")
        opts = SolverOptions(
            maxregret=maxregret,
            maxiter=maxiter,
            stop_after=stop_after,
            rational=rational,
            first_step=first_step,
            max_accel=max_accel,
            use_strategic=True if use_strategic else None,
        )
        if solver is None and opts.given():
            fail(
                "--maxregret, --maxiter, --stop-after, --rational/--float, --first-step, "
                "--max-accel and --use-strategic set a solver's options: give --solver too"
            )
        game = load_game(file, params, set_, grid, offers)
        size = game_size(game)
        err_console.print(
            f"{size.nodes} nodes; reduced strategic form {magnitude(size.strategic_profiles)} "
            f"profiles; sequence form {size.sequence_form} sequences; "
            f"{'perfect' if size.perfect_recall else 'imperfect'} recall",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        from gametrees.gambit.solve import SolveError
        from gametrees.gambit.solve import solve as run_solver

        try:
            with err_console.status(f"solving {Path(file).name} ..."):
                solution = run_solver(
                    game, solver, options=opts, all_equilibria=all_, timeout=timeout
                )
        except SolveError as exc:
            fail(str(exc))
        from gametrees.verify.sequential import annotate

        solution = annotate(game, solution)
        certified = any(e.certified for e in solution.equilibria)
        if json_out:
            data = solution.to_json()
            if limit is not None:
                data["equilibria"] = data["equilibria"][:limit]
            typer.echo(json.dumps(data, indent=2))
            for warning in solution.warnings:
                err_console.print(f"[bold yellow]warning:[/] {warning}", soft_wrap=True)
        else:
            _print_solution(game, solution, limit, digits)
        if not certified:
            if not solution.warnings:
                err_console.print(
                    "[bold yellow]warning:[/] no certified equilibrium", soft_wrap=True
                )
            raise typer.Exit(EXIT_CHECK_FAILED)
