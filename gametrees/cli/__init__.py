"""The ``gametrees`` command line.

Each group of commands lives in its own module with a ``register(app)`` function.
"""

from __future__ import annotations

import typer

from gametrees.cli import build, check, pbe, render, run, solve, verify

app = typer.Typer(
    name="gametrees",
    help="Extensive-form games of formal political science as exact Gambit games: "
    "build, solve, verify against closed forms, export .efg, draw.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (solve, pbe, build, verify, check, render, run):
    _module.register(app)


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":
    main()
